"""Every enum's mapping, built once at import and found by any of the names a caller may hold."""

from __future__ import annotations

import difflib
from typing import Any

from google.protobuf.descriptor import EnumDescriptor

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
        raise UnknownEnumError(enum.full_name, ())
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
