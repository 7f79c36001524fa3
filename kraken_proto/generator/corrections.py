"""The reviewed corrections file, and applying it to a parsed reference.

Corrections are data, not code: each entry in ``upstream/corrections.toml`` states one fact and its
reason. Each must still fit the document it corrects; one that no longer does (upstream fixed the
scrape, or changed the enum) stops the run, so that nobody keeps correcting what is no longer wrong.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SourceError
from .model import UpstreamDocument, UpstreamEnum, UpstreamValue
from .naming import GRAPHQL_NAME
from .prose import join_lines, split_value_docs
from .reference_text import RawBlock


@dataclass(frozen=True)
class NamelessBlock:
    after: str
    name: str
    values: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class MissingValue:
    enum: str
    value: str
    description: str
    reason: str


@dataclass(frozen=True)
class DeprecatedValue:
    enum: str
    value: str
    reason: str


@dataclass(frozen=True)
class SmearedDocs:
    enum: str
    reason: str


@dataclass(frozen=True)
class ProtoName:
    enum: str
    value: str
    proto_name: str
    reason: str


@dataclass(frozen=True)
class Corrections:
    path: str = ""
    nameless_blocks: tuple[NamelessBlock, ...] = ()
    missing_values: tuple[MissingValue, ...] = ()
    deprecated_values: tuple[DeprecatedValue, ...] = ()
    smeared_docs: tuple[SmearedDocs, ...] = ()
    proto_names: tuple[ProtoName, ...] = ()

    def proto_name_overrides(self) -> dict[tuple[str, str], str]:
        return {(entry.enum, entry.value): entry.proto_name for entry in self.proto_names}


_TABLES: dict[str, tuple[type, dict[str, type]]] = {
    "nameless_block": (NamelessBlock, {"after": str, "name": str, "values": list, "reason": str}),
    "missing_value": (MissingValue, {"enum": str, "value": str, "description": str, "reason": str}),
    "deprecated_value": (DeprecatedValue, {"enum": str, "value": str, "reason": str}),
    "value_docs_in_enum_description": (SmearedDocs, {"enum": str, "reason": str}),
    "proto_name": (ProtoName, {"enum": str, "value": str, "proto_name": str, "reason": str}),
}
_OPTIONAL = {"description": ""}


def load_corrections(path: Path) -> Corrections:
    """Read and validate the corrections file; a missing file means no corrections."""
    if not path.exists():
        return Corrections(path=str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(path, None, f"not valid TOML: {exc}", "fix the corrections file") from None
    parsed: dict[str, list[Any]] = {}
    for key, entries in data.items():
        if key not in _TABLES:
            raise SourceError(path, None, f"unknown table [[{key}]]", f"known tables: {', '.join(sorted(_TABLES))}")
        cls, fields = _TABLES[key]
        if not isinstance(entries, list):
            raise SourceError(path, None, f"{key} must be an array of tables, written [[{key}]]")
        parsed[key] = [_entry(path, key, index, entry, cls, fields) for index, entry in enumerate(entries, 1)]
    return Corrections(
        path=str(path),
        nameless_blocks=tuple(parsed.get("nameless_block", ())),
        missing_values=tuple(parsed.get("missing_value", ())),
        deprecated_values=tuple(parsed.get("deprecated_value", ())),
        smeared_docs=tuple(parsed.get("value_docs_in_enum_description", ())),
        proto_names=tuple(parsed.get("proto_name", ())),
    )


def _entry(path: Path, key: str, index: int, entry: dict[str, Any], cls: type, fields: dict[str, type]) -> Any:
    where = f"[[{key}]] entry {index}"
    unknown = set(entry) - set(fields)
    if unknown:
        raise SourceError(path, None, f"{where} has unknown key(s) {', '.join(sorted(unknown))}", f"allowed: {', '.join(fields)}")
    kwargs: dict[str, Any] = {}
    for name, kind in fields.items():
        if name not in entry:
            if name in _OPTIONAL:
                kwargs[name] = _OPTIONAL[name]
                continue
            raise SourceError(path, None, f"{where} lacks {name!r}", "every correction names its target and gives its reason")
        value = entry[name]
        if kind is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise SourceError(path, None, f"{where}: {name!r} must be a list of strings")
            kwargs[name] = tuple(value)
        elif not isinstance(value, str):
            raise SourceError(path, None, f"{where}: {name!r} must be a string")
        else:
            kwargs[name] = value
    if not kwargs.get("reason", "").strip():
        raise SourceError(path, None, f"{where} gives no reason", "say why the correction is true")
    return cls(**kwargs)


def apply_to_reference(blocks: tuple[RawBlock, ...], corrections: Corrections, source: Path | str) -> UpstreamDocument:
    """Turn parsed blocks into upstream enums, applying every correction exactly where it fits."""
    cpath = corrections.path
    named = _name_blocks(blocks, corrections, source)
    enums: dict[str, UpstreamEnum] = {}
    for name, block in named:
        enums[name] = _to_enum(name, block, source)

    enums = apply_value_corrections(enums, corrections, _raise, alphabetical=True)

    for enum in enums.values():
        if enum.example is not None and not any(v.name == enum.example for v in enum.values):
            raise SourceError(
                source, _line(enum.origin), f"the example {enum.example!r} of {enum.name} is not one of its values",
                f"if the scrape dropped it, add a [[missing_value]] correction to {cpath}",
            )
    return UpstreamDocument(str(source), tuple(enums.values()))


Report = Callable[[SourceError], None]
"""What to do with a correction that does not fit its source: raise it (text) or print it (schemas)."""


def apply_value_corrections(
    enums: dict[str, UpstreamEnum], corrections: Corrections, report: Report, alphabetical: bool
) -> dict[str, UpstreamEnum]:
    """Apply the corrections about values, which mean the same for every kind of source.

    Docs smeared into an enum's description move onto its values, dropped values are restored,
    deprecations stated in prose are marked. A correction that does not fit (its enum or value is not
    there, or the source already says what it says) goes to ``report`` and is otherwise skipped; a
    restored value goes where the alphabetical listing has it when ``alphabetical``, else at the end
    (a schema declares values in its own order, which must not be reshuffled).
    """
    cpath = corrections.path
    enums = dict(enums)

    for smear in corrections.smeared_docs:
        enum = _target(enums, smear.enum, cpath, "value_docs_in_enum_description", report)
        if enum is None:
            continue
        intro, docs = split_value_docs(enum.description, [v.name for v in enum.values])
        if not docs:
            report(SourceError(cpath, None, f"value_docs_in_enum_description for {smear.enum}: its description names none of its values", "upstream fixed it: remove this correction"))
            continue
        values = tuple(
            UpstreamValue(v.name, docs[v.name], v.deprecation_reason) if v.name in docs and not v.description else v for v in enum.values
        )
        enums[enum.name] = UpstreamEnum(enum.name, intro, values, enum.example, enum.origin)

    for missing in corrections.missing_values:
        enum = _target(enums, missing.enum, cpath, "missing_value", report)
        if enum is None:
            continue
        if any(v.name == missing.value for v in enum.values):
            report(SourceError(cpath, None, f"missing_value {missing.enum}.{missing.value} is listed by {enum.origin}", "upstream fixed it: remove this correction"))
            continue
        if not GRAPHQL_NAME.fullmatch(missing.value):
            raise SourceError(cpath, None, f"missing_value {missing.enum}.{missing.value} is not a GraphQL name")
        restored = [*enum.values, UpstreamValue(missing.value, missing.description)]
        if alphabetical:
            restored.sort(key=lambda v: (v.name.upper(), v.name))
        enums[enum.name] = UpstreamEnum(enum.name, enum.description, tuple(restored), enum.example, enum.origin)

    for deprecated in corrections.deprecated_values:
        enum = _target(enums, deprecated.enum, cpath, "deprecated_value", report)
        if enum is None:
            continue
        listed = next((v for v in enum.values if v.name == deprecated.value), None)
        if listed is None:
            report(SourceError(cpath, None, f"deprecated_value {deprecated.enum}.{deprecated.value}: {enum.origin} lists no such value", "remove or fix this correction"))
            continue
        if listed.deprecation_reason is not None:
            report(SourceError(cpath, None, f"deprecated_value {deprecated.enum}.{deprecated.value} is already deprecated by {enum.origin} ({listed.deprecation_reason!r})", "upstream says it now: remove this correction"))
            continue
        values = tuple(UpstreamValue(v.name, v.description, deprecated.reason) if v.name == deprecated.value else v for v in enum.values)
        enums[enum.name] = UpstreamEnum(enum.name, enum.description, values, enum.example, enum.origin)
    return enums


def _raise(error: SourceError) -> None:
    raise error


def _name_blocks(blocks: tuple[RawBlock, ...], corrections: Corrections, source: Path | str) -> list[tuple[str, RawBlock]]:
    by_after: dict[str, NamelessBlock] = {}
    for entry in corrections.nameless_blocks:
        if entry.after in by_after:
            raise SourceError(corrections.path, None, f"two nameless_block corrections follow {entry.after}")
        by_after[entry.after] = entry
    named: list[tuple[str, RawBlock]] = []
    used: set[str] = set()
    previous: str | None = None
    for block in blocks:
        if block.name is not None:
            name = block.name
        else:
            match = by_after.get(previous or "")
            found = ", ".join(v.name for v in block.values)
            if match is None:
                raise SourceError(
                    source, block.line, f"a block with no name line (after {previous}) holds values {found}",
                    f"name it with a [[nameless_block]] correction (after = {previous!r}) in {corrections.path}",
                )
            if tuple(sorted(v.name for v in block.values)) != tuple(sorted(match.values)):
                raise SourceError(
                    source, block.line,
                    f"the nameless block after {previous} was expected to be {match.name} with values "
                    f"{', '.join(match.values)} but holds {found}",
                    f"check upstream and update the [[nameless_block]] correction for {match.name} in {corrections.path}",
                )
            name = match.name
            used.add(match.after)
        named.append((name, block))
        previous = name
    for after, entry in by_after.items():
        if after not in used:
            raise SourceError(
                corrections.path, None, f"nameless_block {entry.name} (after {after}) matches no nameless block in {source}",
                "upstream fixed or moved it: remove or update this correction",
            )
    names = [name for name, _ in named]
    for name in names:
        if names.count(name) > 1:
            raise SourceError(source, None, f"enum {name} is listed twice once nameless blocks are named", f"check the nameless_block corrections in {corrections.path}")
    return named


def _to_enum(name: str, block: RawBlock, source: Path | str) -> UpstreamEnum:
    values = tuple(UpstreamValue(v.name, join_lines(v.description_lines)) for v in block.values)
    return UpstreamEnum(name, join_lines(block.description_lines), values, block.example, f"{source}:{block.line}")


def _target(enums: dict[str, UpstreamEnum], name: str, path: str, table: str, report: Report) -> UpstreamEnum | None:
    if name not in enums:
        report(SourceError(path, None, f"{table} names enum {name}, which the document does not list", "upstream dropped or renamed it: remove or update this correction"))
        return None
    return enums[name]


def _line(origin: str) -> int | None:
    tail = origin.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else None
