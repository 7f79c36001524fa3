"""Which enums the JSON codec rewrites, and the tables it needs for each, derived from the registry.

An enum is "ours" by its full name, not by descriptor identity, so that a message built in another
descriptor pool (a consumer's dynamic pool, one filled by server reflection) still gets the documented
strings. The tables come from :class:`~kraken_proto.mapping.EnumMapping`, so the codec and the mapping
helpers cannot disagree.
"""

from __future__ import annotations

from typing import NamedTuple

from google.protobuf.descriptor import EnumDescriptor

from ._proto_package import PACKAGE
from .mapping import EnumMapping
from .registry import get

_PACKAGE_PREFIX = f"{PACKAGE}."


class EnumTables(NamedTuple):
    """One of our enums, as the codec's hot path wants it: plain dicts, no method calls."""

    mapping: EnumMapping
    #: number -> JSON value: the documented string; 0 -> its proto name (it has no documented string).
    to_json: dict[int, str]
    #: documented strings, then proto value names (a documented string wins a clash) -> number.
    from_json: dict[str, int]


_TABLES: dict[str, EnumTables] = {}


def tables_for(enum: EnumDescriptor) -> EnumTables | None:
    """The tables of ``enum`` if it is one of ours, else None (the codec then writes proto names)."""
    full_name = enum.full_name
    if not full_name.startswith(_PACKAGE_PREFIX):
        return None
    cached = _TABLES.get(full_name)
    if cached is not None:
        return cached
    try:
        mapping = get(full_name)
    except LookupError:  # a kraken.enums.v1 enum newer than this package: standard ProtoJSON for it
        return None
    to_json = {info.number: info.graphql_value for info in mapping.values()}
    to_json[0] = mapping.proto_name(0)
    from_json = {mapping.proto_name(number): number for number in (0, *mapping.numbers())}
    from_json.update({info.graphql_value: info.number for info in mapping.values()})
    tables = EnumTables(mapping, to_json, from_json)
    _TABLES[full_name] = tables
    return tables
