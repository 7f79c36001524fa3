"""Every enum's mapping, built on first use and found by any of the names a caller may hold.

``import kraken_proto`` reads only the generated table of names (``kraken_proto.enums.MODULES``); the
first ``get()`` of an enum imports its ``*_pb2`` module and builds its mapping, once, under a lock. After
that, ``get()`` is one dict lookup, as before.
"""

from __future__ import annotations

from _thread import allocate_lock
from typing import Any

from google.protobuf.descriptor import EnumDescriptor

from . import enums as _enums
from .errors import UnknownEnumError
from .mapping import EnumMapping

ENUM_NAMES: tuple[str, ...] = tuple(sorted(_enums.MODULES))
_BY_FULL_NAME: dict[str, str] = {f"{_enums.PACKAGE}.{proto_name}": name for name, (_module, proto_name) in _enums.MODULES.items()}
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
        name = _BY_FULL_NAME.get(enum.full_name)
        if name is not None and _load(name).descriptor is enum:
            return _MAPPINGS[name]
        raise UnknownEnumError(enum.full_name, ())
    key = enum if isinstance(enum, str) else getattr(getattr(enum, "DESCRIPTOR", None), "full_name", enum)
    if isinstance(key, str):
        name = key if key in _enums.MODULES else _BY_FULL_NAME.get(key)
        if name is not None:
            return _load(name)
    raise UnknownEnumError(enum, _suggestions(key))


def _load(name: str) -> EnumMapping:
    """Import ``name``'s generated module and build its mapping, once (threads wait for the first)."""
    with _LOCK:
        mapping = _MAPPINGS.get(name)
        if mapping is None:
            wrapper = getattr(_enums, name)
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
