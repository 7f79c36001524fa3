"""The facts of the installed contract that the schema exports need, as plain immutable records.

Read from the descriptors through the run-time registry (:func:`kraken_proto.get`) and the custom
options, so the exports see exactly what the Python helpers and the JSON codec see. The renderers take
these records rather than descriptors: they stay pure functions that tests can also feed a modified
contract.
"""

from __future__ import annotations

from typing import NamedTuple

from kraken.enums.v1 import options_pb2

from ..mapping import EnumMapping


class ValueFacts(NamedTuple):
    """One non-zero value: its number and its documented GraphQL string (``graphql_value``)."""

    number: int
    graphql_value: str
    description: str
    deprecated: bool
    deprecation_reason: str


class EnumFacts(NamedTuple):
    """One enum and its values in number order (the zero value, which has no GraphQL string, excluded)."""

    graphql_name: str
    full_name: str
    description: str
    deprecated: bool
    deprecation_reason: str
    values: tuple[ValueFacts, ...]


def enum_facts(mapping: EnumMapping) -> EnumFacts:
    """The facts of one enum: the mapping's values, plus the deprecation reasons from the options."""
    options = mapping.descriptor.GetOptions()
    by_number = mapping.descriptor.values_by_number
    values = tuple(
        ValueFacts(
            info.number,
            info.graphql_value,
            info.description,
            info.deprecated,
            by_number[info.number].GetOptions().Extensions[options_pb2.graphql_deprecation_reason],
        )
        for info in mapping.values()
    )
    return EnumFacts(
        mapping.graphql_name,
        mapping.full_name,
        mapping.enum_description,
        mapping.deprecated,
        options.Extensions[options_pb2.graphql_enum_deprecation_reason],
        values,
    )


def installed_enums() -> tuple[EnumFacts, ...]:
    """Every enum of the installed contract, sorted by GraphQL name (the order of :func:`kraken_proto.enum_names`)."""
    import kraken_proto

    return tuple(enum_facts(kraken_proto.get(name)) for name in kraken_proto.enum_names())


DEFAULT_DEPRECATION_REASON = "No longer supported"
"""GraphQL's reason for a bare ``@deprecated``, used when the contract records none."""


def documentation(description: str, deprecated: bool, deprecation_reason: str) -> str:
    """Upstream's description, followed by a ``Deprecated: reason`` paragraph when deprecated.

    Neither JSON Schema nor Avro has a place for a deprecation reason, so both exports write it here, in the
    text readers see (JSON Schema's ``description``, Avro's ``doc``).
    """
    if not deprecated:
        return description
    note = f"Deprecated: {deprecation_reason or DEFAULT_DEPRECATION_REASON}"
    return f"{description}\n\n{note}" if description else note
