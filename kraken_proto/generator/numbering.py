"""Merging what upstream says now with what we released before: the compatibility rules in code.

- An existing value keeps its number and proto name, whatever the document's order.
- A new value gets the next number above the highest its enum has ever used.
- A value upstream no longer lists stays, deprecated; so does an enum upstream no longer lists.
- Descriptions follow upstream; nothing else about an existing value changes.
"""

from __future__ import annotations

from collections.abc import Mapping

from .errors import GenerateError
from .model import Contract, ContractEnum, ContractValue, UpstreamDocument, UpstreamEnum
from .naming import GRAPHQL_NAME, is_upper_snake, value_name, value_prefix, zero_value_name

DROPPED_VALUE = "No longer listed in the upstream reference; kept so that stored data still decodes."
DROPPED_ENUM = "No longer listed in the upstream reference; kept so that stored data still decodes."


def merge(
    upstream: UpstreamDocument,
    committed: Contract,
    partial: bool = False,
    proto_names: Mapping[tuple[str, str], str] | None = None,
    corrections_path: str = "upstream/corrections.toml",
) -> Contract:
    """The next contract: ``committed`` grown by ``upstream``, never shrunk or renumbered.

    A complete source (the default) lists every enum upstream has, so an enum it lacks was dropped
    upstream and becomes deprecated. A ``partial`` source (a schema covering only some enums) says
    nothing about the enums it lacks: they are kept exactly as committed.

    ``proto_names`` are reviewed overrides (``[[proto_name]]`` corrections) for new strings whose
    derived proto name is already taken, e.g. a respelling that differs only in case.
    """
    overrides = dict(proto_names or {})
    before = committed.by_name()
    enums: dict[str, ContractEnum] = {}
    for enum in upstream.enums:
        enums[enum.name] = _merge_enum(enum, before.get(enum.name), overrides, corrections_path)
    known = {(e.name, v.name) for e in upstream.enums for v in e.values}
    known |= {(e.graphql_name, v.graphql_value) for e in committed.enums for v in e.values}
    for enum_name, value in sorted(set(overrides) - known):
        raise GenerateError(
            f"{corrections_path}: [[proto_name]] for {enum_name}.{value} names a string that neither the source "
            f"nor the committed contract has; remove or fix the correction"
        )
    for name, old in before.items():
        if name not in enums and partial:
            enums[name] = old
        elif name not in enums:
            enums[name] = ContractEnum(
                name,
                tuple(_dropped(v) for v in old.values),
                old.description,
                old.example,
                deprecated=True,
                deprecation_reason=old.deprecation_reason if old.deprecated else DROPPED_ENUM,
            )
    return Contract(tuple(enums[name] for name in sorted(enums)))


def _merge_enum(enum: UpstreamEnum, old: ContractEnum | None, overrides: dict[tuple[str, str], str], corrections_path: str) -> ContractEnum:
    if not GRAPHQL_NAME.fullmatch(enum.name):
        raise GenerateError(f"{enum.origin}: {enum.name!r} is not a GraphQL name")
    old_values = {v.graphql_value: v for v in old.values} if old else {}
    taken = {v.proto_name: v.graphql_value for v in old_values.values()}
    taken[zero_value_name(enum.name)] = "(the zero value)"
    next_number = max((v.number for v in old_values.values()), default=0) + 1
    merged: list[ContractValue] = []
    listed: set[str] = set()
    for value in enum.values:
        listed.add(value.name)
        deprecated = value.deprecation_reason is not None
        note = value.deprecation_reason or ""
        override = overrides.get((enum.name, value.name))
        previous = old_values.get(value.name)
        if previous is not None:
            if override is not None and override != previous.proto_name:
                raise GenerateError(
                    f"{corrections_path}: [[proto_name]] would rename the released value {enum.name}.{value.name} "
                    f"from {previous.proto_name} to {override}; released names never change: remove the correction"
                )
            merged.append(ContractValue(previous.number, previous.proto_name, value.name, value.description, deprecated, note))
            continue
        proto_name = override or value_name(enum.name, value.name)
        if proto_name in taken:
            raise GenerateError(_clash(enum, value.name, proto_name, taken, corrections_path))
        if not proto_name.startswith(value_prefix(enum.name)) or not is_upper_snake(proto_name):
            raise GenerateError(
                f"{enum.origin}: in {enum.name}, the string {value.name!r} gives the proto name {proto_name}, which "
                f"buf lint rejects (it must start with {value_prefix(enum.name)} and be UPPER_SNAKE_CASE without "
                f"doubled underscores); add a [[proto_name]] correction for it to {corrections_path}"
            )
        taken[proto_name] = value.name
        merged.append(ContractValue(next_number, proto_name, value.name, value.description, deprecated, note))
        next_number += 1
    for name, previous in old_values.items():
        if name not in listed:
            merged.append(_dropped(previous))
    return ContractEnum(
        enum.name,
        tuple(sorted(merged, key=lambda v: v.number)),
        enum.description,
        enum.example,
    )


def _clash(enum: UpstreamEnum, string: str, proto_name: str, taken: dict[str, str], corrections_path: str) -> str:
    """Two GraphQL strings that differ only in case cannot share a proto name: say which correction fixes it."""
    suggestion = next(f"{proto_name}_V{n}" for n in range(2, 1000) if f"{proto_name}_V{n}" not in taken)
    return (
        f"{enum.origin}: in {enum.name}, the new string {string!r} would get the proto name {proto_name}, which "
        f"{taken[proto_name]!r} already has (proto names ignore case). Add to {corrections_path}: "
        f'[[proto_name]] enum = "{enum.name}" value = "{string}" proto_name = "{suggestion}" '
        f'reason = "..."'
    )


def _dropped(value: ContractValue) -> ContractValue:
    if value.deprecated and value.deprecation_reason:
        return value
    return ContractValue(value.number, value.proto_name, value.graphql_value, value.description, True, DROPPED_VALUE)
