"""Merging what upstream says now with what we released before: the compatibility rules in code.

- An existing value keeps its number and proto name, whatever the document's order.
- A new value gets the next number above the highest its enum has ever used.
- A value upstream no longer lists stays, deprecated; so does an enum upstream no longer lists.
- Descriptions follow upstream; nothing else about an existing value changes.
"""

from __future__ import annotations

from .errors import GenerateError
from .model import Contract, ContractEnum, ContractValue, UpstreamDocument, UpstreamEnum
from .naming import GRAPHQL_NAME, is_upper_snake, value_name, zero_value_name

DROPPED_VALUE = "No longer listed in the upstream reference; kept so that stored data still decodes."
DROPPED_ENUM = "No longer listed in the upstream reference; kept so that stored data still decodes."


def merge(upstream: UpstreamDocument, committed: Contract, partial: bool = False) -> Contract:
    """The next contract: ``committed`` grown by ``upstream``, never shrunk or renumbered.

    A complete source (the default) lists every enum upstream has, so an enum it lacks was dropped
    upstream and becomes deprecated. A ``partial`` source (a schema covering only some enums) says
    nothing about the enums it lacks: they are kept exactly as committed.
    """
    before = committed.by_name()
    enums: dict[str, ContractEnum] = {}
    for enum in upstream.enums:
        enums[enum.name] = _merge_enum(enum, before.get(enum.name))
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
                deprecation_note=old.deprecation_note if old.deprecated else DROPPED_ENUM,
            )
    return Contract(tuple(enums[name] for name in sorted(enums)))


def _merge_enum(enum: UpstreamEnum, old: ContractEnum | None) -> ContractEnum:
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
        previous = old_values.get(value.name)
        if previous is not None:
            merged.append(ContractValue(previous.number, previous.proto_name, value.name, value.description, deprecated, note))
            continue
        proto_name = value_name(enum.name, value.name)
        if proto_name in taken:
            raise GenerateError(
                f"{enum.origin}: in {enum.name}, the string {value.name!r} would get the proto name {proto_name}, "
                f"which {taken[proto_name]!r} already has; proto names are case-insensitive, so the two cannot "
                f"coexist: if upstream respelled the value, tell the maintainers of the contract (see README, "
                f"'Respelled values') rather than renaming either"
            )
        if not is_upper_snake(proto_name):
            raise GenerateError(
                f"{enum.origin}: in {enum.name}, the string {value.name!r} gives the proto name {proto_name}, "
                f"which buf's ENUM_VALUE_UPPER_SNAKE_CASE rejects (leading, trailing or doubled underscores)"
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


def _dropped(value: ContractValue) -> ContractValue:
    if value.deprecated and value.deprecation_note:
        return value
    return ContractValue(value.number, value.proto_name, value.graphql_value, value.description, True, DROPPED_VALUE)
