"""Every enum's mapping, built once at import and found by any of the names a caller may hold."""

from __future__ import annotations

import difflib
import functools
from typing import Any

from google.protobuf.descriptor import EnumDescriptor

from kraken.enums.v1 import options_pb2

from . import enums as _enums
from .errors import UnknownEnumError
from .mapping import EnumMapping

def _build() -> tuple[dict[str, EnumMapping], dict[Any, EnumMapping]]:
    """Read every generated enum's descriptor once; index its mapping under every key ``get`` accepts."""
    mappings: dict[str, EnumMapping] = {}
    lookup: dict[Any, EnumMapping] = {}
    for name in _enums.__all__:
        wrapper = getattr(_enums, name)
        mapping = EnumMapping(wrapper.DESCRIPTOR)
        mappings[mapping.graphql_name] = mapping
        for key in (mapping.graphql_name, mapping.full_name, mapping.descriptor, wrapper):
            lookup[key] = mapping
    return mappings, lookup


_MAPPINGS, _LOOKUP = _build()
ENUM_NAMES: tuple[str, ...] = tuple(sorted(_MAPPINGS))


def get(enum: Any) -> EnumMapping:
    """The mapping for ``enum``: a GraphQL name, a full proto name, a generated enum class or its descriptor."""
    try:
        return _LOOKUP[enum]
    except (KeyError, TypeError):
        pass
    if isinstance(enum, EnumDescriptor):
        mapping = _from_other_pool(enum)
        if mapping is None:
            raise UnknownEnumError(enum.full_name, ())
        return mapping
    key = enum if isinstance(enum, str) else getattr(getattr(enum, "DESCRIPTOR", None), "full_name", enum)
    if isinstance(key, str) and key in _LOOKUP:
        return _LOOKUP[key]
    names = list(_MAPPINGS) + [m.full_name for m in _MAPPINGS.values()]
    suggestions: list[str] = []
    if isinstance(key, str) and key:
        folded = key.casefold()
        suggestions = [n for n in ENUM_NAMES if folded in n.casefold()]
        suggestions += [n for n in difflib.get_close_matches(key, names, n=3) if n not in suggestions]
    raise UnknownEnumError(enum, suggestions[:3])


def mapping_from_descriptor(descriptor: EnumDescriptor) -> EnumMapping | None:
    """The mapping of an enum descriptor that carries our options, read from that descriptor; else None.

    One of this build's descriptors gives its registered mapping. A descriptor from another pool (the
    descriptor set loaded into a fresh pool, server reflection, a newer contract) that carries
    ``graphql_name`` gets a mapping read from its own options, so values this build lacks are known too.
    Not cached: the JSON codec keeps the result in its plan, which dies with the descriptor's pool.
    """
    mapping = _LOOKUP.get(descriptor)
    if mapping is not None:
        return mapping
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
