"""Merging what upstream says now with what we released before: the compatibility rules in code.

- An existing value keeps its number and proto name, whatever the document's order; an existing enum
  keeps its proto name (and so its file).
- A new value gets the next number above the highest its enum has ever used.
- A value upstream no longer lists stays, deprecated; so does an enum upstream no longer lists.
- Descriptions follow upstream; nothing else about an existing value changes.
- New names come from the naming rule (:mod:`.naming`); two GraphQL names that it maps to one proto
  enum name, file or value name stop the run with the correction that separates them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from .._proto_package import PACKAGE_PATH
from .errors import GenerateError
from .model import Contract, ContractEnum, ContractValue, UpstreamDocument, UpstreamEnum
from .naming import (
    AVRO_PRIMITIVE_TYPE_NAMES,
    GRAPHQL_NAME,
    JAVA_VALUE_SUFFIX,
    MAX_NAME_LENGTH,
    PROTOC_PYTHON_NAMES,
    RESERVED_FILE_STEMS,
    file_name,
    is_proto_enum_name,
    is_upper_snake,
    java_outer_class,
    proto_enum_name,
    python_name,
    value_prefix,
    value_suffix,
    zero_value_name,
)

DROPPED_REASON = "No longer listed in the upstream reference; kept so that stored data still decodes."
"""The ``deprecation_reason`` of a value or an enum that upstream dropped (one reason serves both)."""


def merge(
    upstream: UpstreamDocument,
    committed: Contract,
    partial: bool = False,
    proto_names: Mapping[tuple[str, str], str] | None = None,
    corrections_path: str = "upstream/corrections.toml",
    enum_proto_names: Mapping[str, str] | None = None,
) -> Contract:
    """The next contract: ``committed`` grown by ``upstream``, never shrunk or renumbered.

    A complete source (the default) lists every enum upstream has, so an enum it lacks was dropped
    upstream and becomes deprecated. A ``partial`` source (a schema covering only some enums) says
    nothing about the enums it lacks: they are kept exactly as committed.

    ``proto_names`` and ``enum_proto_names`` are reviewed overrides (``[[proto_name]]`` and
    ``[[enum_proto_name]]`` corrections) for new names the rule would give to two GraphQL names at once.
    """
    overrides = dict(proto_names or {})
    enum_overrides = dict(enum_proto_names or {})
    before = committed.by_name()
    names = _enum_proto_names(upstream, before, enum_overrides, corrections_path)
    enums: dict[str, ContractEnum] = {}
    for enum in upstream.enums:
        enums[enum.graphql_name] = _merge_enum(enum, names[enum.graphql_name], before.get(enum.graphql_name), overrides, corrections_path)
    known = {(e.graphql_name, v.graphql_value) for e in upstream.enums for v in e.values}
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
            enums[name] = replace(
                old,
                values=tuple(_dropped(v) for v in old.values),
                deprecated=True,
                deprecation_reason=old.deprecation_reason if old.deprecated else DROPPED_REASON,
                file="",
            )
    contract = Contract(enums=tuple(enums[name] for name in sorted(enums)))
    _check_package_scope(contract, before, corrections_path)
    return contract


def _enum_proto_names(upstream: UpstreamDocument, before: Mapping[str, ContractEnum], overrides: dict[str, str], corrections_path: str) -> dict[str, str]:
    """Each upstream enum's proto name: kept when committed, else the override or the rule's, checked for clashes."""
    listed = {enum.graphql_name for enum in upstream.enums}
    for name in sorted(set(overrides) - listed - set(before)):
        raise GenerateError(
            f"{corrections_path}: [[enum_proto_name]] for {name} names an enum that neither the source nor the committed contract has; remove or fix the correction"
        )
    names: dict[str, str] = {}
    claims: dict[str, tuple[str, str]] = dict.fromkeys((f"file:{stem}" for stem in RESERVED_FILE_STEMS), ("(the custom options)", ""))
    for released in before.values():  # released names first: they win every clash
        for key, what in _claims(released.graphql_name, released.proto_name, released.file_path):
            claims.setdefault(key, (released.graphql_name, what))
    for enum in upstream.enums:
        if not GRAPHQL_NAME.fullmatch(enum.graphql_name):
            raise GenerateError(f"{enum.origin}: {enum.graphql_name!r} is not a GraphQL name")
        old = before.get(enum.graphql_name)
        override = overrides.get(enum.graphql_name)
        if old is not None:
            if override is not None and override != old.proto_name:
                raise GenerateError(
                    f"{corrections_path}: [[enum_proto_name]] would rename the released enum {enum.graphql_name} from "
                    f"{old.proto_name} to {override}; released names never change: remove the correction"
                )
            names[enum.graphql_name] = old.proto_name
            continue
        _check_new_graphql_name(enum)
        proto = override or proto_enum_name(enum.graphql_name)
        if not is_proto_enum_name(proto):
            raise GenerateError(
                f"{corrections_path}: [[enum_proto_name]] for {enum.graphql_name}: {proto!r} is not a PascalCase proto enum name "
                f"of at most {MAX_NAME_LENGTH} characters (nor a Python keyword or a name of its _pb2 module: {', '.join(sorted(PROTOC_PYTHON_NAMES))})"
            )
        mine = _claims(enum.graphql_name, proto, f"{PACKAGE_PATH}/{file_name(proto)}")
        fixed = f"python:{enum.graphql_name}"  # a Python name that is the GraphQL name: no proto name can change it
        if fixed in claims and python_name(enum.graphql_name, proto) == enum.graphql_name:
            raise GenerateError(_python_clash(enum, claims[fixed][0], names, claims, set(before), corrections_path))
        clash = next(((key, what) for key, what in mine if key in claims), None)
        if clash is not None:
            key, what = clash
            other, theirs = claims[key]
            if other.startswith("("):  # a name the package itself uses: "(the custom options)"
                held = f"which {other[1:-1]} already use"
            elif theirs == what:
                held = f"which {_enum_label(other)} already has (the naming rule maps both there)"
            else:
                held = f"which clashes with {theirs} of {_enum_label(other)}"
            suggestion = next(
                p
                for p in _candidates(proto)
                if not any(k in claims and k != fixed for k, _w in _claims(enum.graphql_name, p, f"{PACKAGE_PATH}/{file_name(p)}"))
            )
            raise GenerateError(
                f"{enum.origin}: the enum {enum.graphql_name!r} would get {what}, {held}. Add to "
                f'{corrections_path}: [[enum_proto_name]] enum = "{enum.graphql_name}" proto_name = "{suggestion}" reason = "..."'
            )
        names[enum.graphql_name] = proto
        for key, what in mine:
            claims[key] = (enum.graphql_name, what)
    return names


def _claims(graphql_name: str, proto: str, file_path: str) -> list[tuple[str, str]]:
    """Every name an enum takes in some output, as (key, what it is): two enums may not share a key.

    The proto name and file; the TypeScript names (protoc-gen-es also exports ``<Name>Schema``); the Java
    classes (the enum, and its file's outer class ``<File>Proto``), compared ignoring case because a
    case-insensitive file system holds one file for both; the name the Python modules export.
    """
    stem = file_path.rsplit("/", 1)[-1].removesuffix(".proto")
    outer = java_outer_class(stem)
    python = python_name(graphql_name, proto)
    return [
        (f"proto:{proto}", f"the proto name {proto}"),
        (f"file:{stem}", f"the file {stem}.proto"),
        (f"ts:{proto}", f"the TypeScript name {proto}"),
        (f"ts:{proto}Schema", f"the TypeScript name {proto}Schema (protoc-gen-es's descriptor of {proto})"),
        (f"java:{proto.casefold()}", f"the Java class {proto}.java"),
        (f"java:{outer.casefold()}", f"the Java class {outer}.java (the outer class of {stem}.proto)"),
        (f"python:{python}", f"the Python name {python}"),
    ]


def _python_clash(enum: UpstreamEnum, other: str, names: Mapping[str, str], claims: Mapping[str, object], released: set[str], corrections_path: str) -> str:
    """``enum``'s GraphQL name is the Python name of ``other``, which Python exports under its proto name
    (``__proto__`` as ``Proto``): only ``other``'s proto name can move, so the correction is for ``other``."""
    where = (
        f"{enum.origin}: the enum {enum.graphql_name!r} is exported in Python under its GraphQL name, which is also the Python name "
        f"of {other!r} (its proto name: Python cannot export {other!r} itself)"
    )
    if other in released:
        return f"{where}; {other!r} is released and names never change, so no correction can rename it: leave the enum out of the source"
    proto = names[other]
    suggestion = next(p for p in _candidates(proto) if not any(k in claims for k, _w in _claims(other, p, f"{PACKAGE_PATH}/{file_name(p)}")))
    return f'{where}. Add to {corrections_path}: [[enum_proto_name]] enum = "{other}" proto_name = "{suggestion}" reason = "..."'


def _check_new_graphql_name(enum: UpstreamEnum) -> None:
    """What no correction can fix, because outputs use the GraphQL name itself: say so in one line."""
    name = enum.graphql_name
    fix = "GraphQL names never change in the outputs, so no correction can rename it: leave the enum out of the source"
    if len(name) > MAX_NAME_LENGTH:
        raise GenerateError(
            f"{enum.origin}: the enum name {name[:40]}... is {len(name)} characters long; file names made from it would pass "
            f"the file systems' limit, so generate takes at most {MAX_NAME_LENGTH}: {fix}"
        )
    if name in AVRO_PRIMITIVE_TYPE_NAMES:
        raise GenerateError(f"{enum.origin}: the enum {name!r} is an Avro primitive type name, which Avro forbids as the name of an enum schema: {fix}")


def _candidates(proto: str) -> list[str]:
    return [f"{proto}V{n}" for n in range(2, 1000)]


def _enum_label(graphql_name: str) -> str:
    return graphql_name if graphql_name.startswith("(") else f"{graphql_name!r}"


def _merge_enum(enum: UpstreamEnum, proto: str, old: ContractEnum | None, overrides: dict[tuple[str, str], str], corrections_path: str) -> ContractEnum:
    old_values = {v.graphql_value: v for v in old.values} if old else {}
    prefix = value_prefix(proto)
    taken = {v.proto_name: v.graphql_value for v in old_values.values()}
    taken[zero_value_name(proto)] = "(the zero value)"
    next_number = max((v.number for v in old_values.values()), default=0) + 1
    merged: list[ContractValue] = []
    listed: set[str] = set()
    for value in enum.values:
        listed.add(value.graphql_value)
        # upstream's facts about the value; numbering adds the number and the proto name
        facts = ContractValue(
            number=0,
            proto_name="",
            graphql_value=value.graphql_value,
            description=value.description,
            deprecated=value.deprecation_reason is not None,
            deprecation_reason=value.deprecation_reason or "",
        )
        override = overrides.get((enum.graphql_name, value.graphql_value))
        previous = old_values.get(value.graphql_value)
        if previous is not None:
            if override is not None and override != previous.proto_name:
                raise GenerateError(
                    f"{corrections_path}: [[proto_name]] would rename the released value {enum.graphql_name}.{value.graphql_value} "
                    f"from {previous.proto_name} to {override}; released names never change: remove the correction"
                )
            merged.append(replace(facts, number=previous.number, proto_name=previous.proto_name))
            continue
        if not GRAPHQL_NAME.fullmatch(value.graphql_value):
            raise GenerateError(f"{enum.origin}: in {enum.graphql_name}, {value.graphql_value!r} is not a GraphQL name")
        if value.graphql_value.startswith("__"):
            raise GenerateError(
                f"{enum.origin}: in {enum.graphql_name}, the value {value.graphql_value!r} starts with '__', which GraphQL reserves for "
                "introspection and the Avro export for its default symbol __UNSPECIFIED; no correction can rename a graphql_value: "
                "leave the value out of the source"
            )
        proto_name = override or prefix + value_suffix(value.graphql_value)
        if proto_name in taken:
            raise GenerateError(_clash(enum, value.graphql_value, proto_name, taken[proto_name], set(taken), corrections_path))
        java = _java_constant_clash(proto_name, taken)
        if java is not None:
            raise GenerateError(_clash(enum, value.graphql_value, proto_name, taken[java], set(taken), corrections_path, java=java))
        if override is not None and (not proto_name.startswith(prefix) or not is_upper_snake(proto_name)):
            raise GenerateError(
                f"{enum.origin}: in {enum.graphql_name}, the [[proto_name]] {proto_name} for {value.graphql_value!r} is one buf lint "
                f"rejects (it must start with {prefix} and be UPPER_SNAKE_CASE without doubled "
                f"underscores); fix the correction in {corrections_path}"
            )
        taken[proto_name] = value.graphql_value
        merged.append(replace(facts, number=next_number, proto_name=proto_name))
        next_number += 1
    for name, previous in old_values.items():
        if name not in listed:
            merged.append(_dropped(previous))
    return ContractEnum(
        graphql_name=enum.graphql_name,
        values=tuple(sorted(merged, key=lambda v: v.number)),
        description=enum.description,
        example=enum.example,
        proto_name=proto,
    )


def _java_constant_clash(proto_name: str, taken: Mapping[str, str]) -> str | None:
    """The value name that would share a Java constant with ``proto_name`` (``X`` and ``X_VALUE``: protoc
    writes the constant ``X_VALUE`` for ``X``), if one is taken."""
    for other in (proto_name + JAVA_VALUE_SUFFIX, proto_name.removesuffix(JAVA_VALUE_SUFFIX)):
        if other != proto_name and other in taken:
            return other
    return None


def _clash(enum: UpstreamEnum, graphql_value: str, proto_name: str, holder: str, taken: set[str], corrections_path: str, java: str | None = None) -> str:
    """Two GraphQL values the rule maps to one proto name (or one Java constant): say which correction separates them."""
    candidates = (f"{proto_name}_V{n}" for n in range(2, 1000))
    suggestion = next(c for c in candidates if c not in taken and _java_constant_clash(c, dict.fromkeys(taken, "")) is None)
    what = (
        f"the proto name {proto_name}, whose Java constant {max(proto_name, java, key=len)} is also that of {java}, which"
        if java is not None
        else f"the proto name {proto_name}, which"
    )
    return (
        f"{enum.origin}: in {enum.graphql_name}, the new value {graphql_value!r} would get {what} "
        f"{holder if holder.startswith('(') else repr(holder)} already has (the naming rule maps both there). Add to {corrections_path}: "
        f'[[proto_name]] enum = "{enum.graphql_name}" value = "{graphql_value}" proto_name = "{suggestion}" '
        f'reason = "..."'
    )


def _check_package_scope(contract: Contract, before: Mapping[str, ContractEnum], corrections_path: str) -> None:
    """Enum values share the package's scope (protobuf's C++ rule): no two may have one name."""

    def released(enum: ContractEnum, graphql_value: str | None) -> bool:
        old = before.get(enum.graphql_name)
        return old is not None and (graphql_value is None or any(v.graphql_value == graphql_value for v in old.values))

    owners: dict[str, tuple[ContractEnum, str | None]] = {}
    for enum in contract.enums:
        rows: list[tuple[str, str | None]] = [(zero_value_name(enum.proto_name), None)]
        rows += [(v.proto_name, v.graphql_value) for v in enum.values]
        for proto_name, graphql_value in rows:
            first = owners.setdefault(proto_name, (enum, graphql_value))
            if first[0] is enum:
                continue
            # Name the one that is new (a released name never changes) and the correction that moves it.
            new_enum, new_value, old_enum, old_value = enum, graphql_value, first[0], first[1]
            if released(enum, graphql_value) and not released(*first):
                new_enum, new_value, old_enum, old_value = first[0], first[1], enum, graphql_value
            if new_value is None:
                fix = f'[[enum_proto_name]] enum = "{new_enum.graphql_name}" proto_name = "{new_enum.proto_name}V2" reason = "..."'
                what = f"the zero value of {new_enum.graphql_name}"
            else:
                fix = f'[[proto_name]] enum = "{new_enum.graphql_name}" value = "{new_value}" proto_name = "{proto_name}_V2" reason = "..."'
                what = f"{new_enum.graphql_name}.{new_value}"
            held = f"the zero value of {old_enum.graphql_name}" if old_value is None else f"{old_enum.graphql_name}.{old_value}"
            raise GenerateError(
                f"{what} would get the proto name {proto_name}, which {held} already has (enum values share the "
                f"package's scope). Add to {corrections_path}: {fix}"
            )


def _dropped(value: ContractValue) -> ContractValue:
    if value.deprecated and value.deprecation_reason:
        return value
    return replace(value, deprecated=True, deprecation_reason=DROPPED_REASON)
