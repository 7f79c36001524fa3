"""Every enum's mapping, built on first use and found by any of the names a caller may hold.

``import kraken_proto`` reads only the generated table of names (``kraken_proto._generated.enums._MODULES``); the
first ``get()`` of an enum imports its ``*_pb2`` module and builds its mapping, once, under a lock. After
that, ``get()`` is one dict lookup, as before.
"""

from __future__ import annotations

import functools
from _thread import allocate_lock
from typing import Any

from google.protobuf.descriptor import EnumDescriptor

from . import _lazy_enums
from ._generated import enums as _enums
from ._proto_package import PACKAGE
from .errors import UnknownEnumError
from .mapping import EnumMapping

_MODULES: dict[str, tuple[str, str]] = _enums._MODULES
ENUM_NAMES: tuple[str, ...] = tuple(sorted(_MODULES))
_BY_FULL_NAME: dict[str, str] = {f"{PACKAGE}.{proto_name}": name for name, (_module, proto_name) in _MODULES.items()}
_MAPPINGS: dict[str, EnumMapping] = {}
_LOOKUP: dict[Any, EnumMapping] = {}
"""Every key ``get`` accepts, for the enums loaded so far: GraphQL name, full name, descriptor, class."""
_LOCK = allocate_lock()


def get(enum: Any) -> EnumMapping:
    """The mapping for ``enum``: a GraphQL name, a full proto name, a generated enum class or its descriptor."""
    try:
        return _LOOKUP[enum]
    except (KeyError, TypeError):
        pass
    if isinstance(enum, EnumDescriptor):
        mapping = _own(enum) or _from_other_pool(enum)
        if mapping is None:
            raise UnknownEnumError(enum.full_name, ())
        return mapping
    key = enum if isinstance(enum, str) else getattr(getattr(enum, "DESCRIPTOR", None), "full_name", enum)
    if isinstance(key, str):
        name = key if key in _MODULES else _BY_FULL_NAME.get(key)
        if name is not None:
            return _load(name)
    raise UnknownEnumError(enum, _suggestions(key))


def _load(name: str) -> EnumMapping:
    """Import ``name``'s generated module and build its mapping, once (threads wait for the first)."""
    with _LOCK:
        mapping = _MAPPINGS.get(name)
        if mapping is None:
            wrapper = _lazy_enums.load(_MODULES, name)  # not getattr(enums, name): the module's __getattr__ exports Python names
            mapping = EnumMapping(wrapper.DESCRIPTOR)
            for key in (mapping.graphql_name, mapping.full_name, mapping.descriptor, wrapper):
                _LOOKUP[key] = mapping
            _MAPPINGS[name] = mapping
        return mapping


def _suggestions(key: object) -> list[str]:
    if not (isinstance(key, str) and key):
        return []
    import difflib

    folded = key.casefold()
    suggestions = [n for n in ENUM_NAMES if folded in n.casefold()]
    suggestions += [n for n in difflib.get_close_matches(key, [*ENUM_NAMES, *_BY_FULL_NAME], n=3) if n not in suggestions]
    return suggestions[:3]


def _own(descriptor: EnumDescriptor) -> EnumMapping | None:
    """The registered mapping if ``descriptor`` is one of this build's own (loading it on first use)."""
    name = _BY_FULL_NAME.get(descriptor.full_name)
    if name is not None and _load(name).descriptor is descriptor:
        return _MAPPINGS[name]
    return None


def mapping_from_descriptor(descriptor: EnumDescriptor) -> EnumMapping | None:
    """The mapping of an enum descriptor that carries our options, read from that descriptor; else None.

    One of this build's descriptors gives its registered mapping. A descriptor from another pool (the
    descriptor set loaded into a fresh pool, server reflection, a newer contract) that carries
    ``graphql_name`` gets a mapping read from its own options, so values this build lacks are known too.
    Not cached: the JSON codec keeps the result in its plan, which dies with the descriptor's pool.
    """
    mapping = _LOOKUP.get(descriptor) or _own(descriptor)
    if mapping is not None:
        return mapping
    from kraken.enums.v1 import options_pb2

    if not descriptor.GetOptions().HasExtension(options_pb2.graphql_name):
        return None
    try:
        return EnumMapping(descriptor)
    except RuntimeError:  # a value without graphql_value: not a contract enum after all
        return None


@functools.lru_cache(maxsize=32)
def _from_other_pool(descriptor: EnumDescriptor) -> EnumMapping | None:
    """``get()`` of a foreign descriptor, cached; bounded, as upb descriptors take no weak references."""
    return mapping_from_descriptor(descriptor)
