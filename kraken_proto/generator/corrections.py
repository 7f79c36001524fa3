"""Stage 2 of ``generate``: the reviewed corrections file, applied in one place (:func:`correct`).

Corrections are data, not code: each entry in ``upstream/corrections.toml`` states one fact about *our
document* and its reason. :func:`correct` is the only place the pipeline reads and applies them, for
every kind of source, and the :class:`Corrected` record it hands on carries everything later stages
need from the file, so that no later stage comes back here. Against the text reference each must still fit; one that no longer does (upstream fixed the
scrape, or changed the enum) stops the run with a :class:`CorrectionError`, so that nobody keeps
correcting what is no longer wrong. Against a GraphQL schema, one that does not fit becomes a note.

The naming corrections (``[[proto_name]]``, ``[[enum_proto_name]]``) are not facts about the document
but choices of proto names: validated here and handed on in the record; :mod:`.numbering` (stage 3)
checks them against the committed contract, which only it reads.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import SourceError
from .graphql_schema import read_schema_document
from .model import UpstreamDocument, UpstreamEnum, UpstreamValue
from .naming import GRAPHQL_NAME, is_proto_enum_name, is_upper_snake
from .prose import readable_value_docs, split_value_docs
from .reference_text import RawBlock, reference_document
from .source import Source


class CorrectionError(SourceError):
    """A correction that does not fit the document it corrects, or a malformed corrections file."""


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
class EnumProtoName:
    enum: str
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
    enum_proto_names: tuple[EnumProtoName, ...] = ()

    def proto_name_overrides(self) -> dict[tuple[str, str], str]:
        return {(entry.enum, entry.value): entry.proto_name for entry in self.proto_names}

    def enum_proto_name_overrides(self) -> dict[str, str]:
        return {entry.enum: entry.proto_name for entry in self.enum_proto_names}


_TABLES: dict[str, tuple[type, dict[str, type]]] = {
    "nameless_block": (NamelessBlock, {"after": str, "name": str, "values": list, "reason": str}),
    "missing_value": (MissingValue, {"enum": str, "value": str, "description": str, "reason": str}),
    "deprecated_value": (DeprecatedValue, {"enum": str, "value": str, "reason": str}),
    "value_docs_in_enum_description": (SmearedDocs, {"enum": str, "reason": str}),
    "proto_name": (ProtoName, {"enum": str, "value": str, "proto_name": str, "reason": str}),
    "enum_proto_name": (EnumProtoName, {"enum": str, "proto_name": str, "reason": str}),
}
_OPTIONAL = {"description": ""}


def load_corrections(path: Path) -> Corrections:
    """Read and validate the corrections file; a missing file means no corrections."""
    if not path.exists():
        return Corrections(path=str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorrectionError(path, None, f"not valid TOML: {exc}", "fix the corrections file") from None
    parsed: dict[str, list[Any]] = {}
    for key, entries in data.items():
        if key not in _TABLES:
            raise CorrectionError(path, None, f"unknown table [[{key}]]", f"known tables: {', '.join(sorted(_TABLES))}")
        cls, fields = _TABLES[key]
        if not isinstance(entries, list):
            raise CorrectionError(path, None, f"{key} must be an array of tables, written [[{key}]]")
        parsed[key] = [_entry(path, key, index, entry, cls, fields) for index, entry in enumerate(entries, 1)]
    return Corrections(
        path=str(path),
        nameless_blocks=tuple(parsed.get("nameless_block", ())),
        missing_values=tuple(parsed.get("missing_value", ())),
        deprecated_values=tuple(parsed.get("deprecated_value", ())),
        smeared_docs=tuple(parsed.get("value_docs_in_enum_description", ())),
        proto_names=tuple(parsed.get("proto_name", ())),
        enum_proto_names=tuple(parsed.get("enum_proto_name", ())),
    )


def _entry(path: Path, key: str, index: int, entry: dict[str, Any], cls: type, fields: dict[str, type]) -> Any:
    where = f"[[{key}]] entry {index}"
    unknown = set(entry) - set(fields)
    if unknown:
        raise CorrectionError(path, None, f"{where} has unknown key(s) {', '.join(sorted(unknown))}", f"allowed: {', '.join(fields)}")
    kwargs: dict[str, Any] = {}
    for name, kind in fields.items():
        if name not in entry:
            if name in _OPTIONAL:
                kwargs[name] = _OPTIONAL[name]
                continue
            raise CorrectionError(path, None, f"{where} lacks {name!r}", "every correction names its target and gives its reason")
        value = entry[name]
        if kind is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise CorrectionError(path, None, f"{where}: {name!r} must be a list of strings")
            kwargs[name] = tuple(value)
        elif not isinstance(value, str):
            raise CorrectionError(path, None, f"{where}: {name!r} must be a string")
        else:
            kwargs[name] = value
    if not kwargs.get("reason", "").strip():
        raise CorrectionError(path, None, f"{where} gives no reason", "say why the correction is true")
    if key == "enum_proto_name" and not is_proto_enum_name(kwargs["proto_name"]):
        raise CorrectionError(
            path,
            None,
            f"{where}: {kwargs['proto_name']!r} is not a PascalCase proto enum name",
            "use letters and digits, starting with an upper-case letter (buf's ENUM_PASCAL_CASE)",
        )
    if key == "proto_name" and (not is_upper_snake(kwargs["proto_name"]) or not kwargs["proto_name"][:1].isalpha()):
        raise CorrectionError(
            path,
            None,
            f"{where}: {kwargs['proto_name']!r} is not an UPPER_SNAKE_CASE proto value name",
            "use A-Z, 0-9 and single underscores (buf's ENUM_VALUE_UPPER_SNAKE_CASE)",
        )
    return cls(**kwargs)


@dataclass(frozen=True, kw_only=True)
class Corrected:
    """What stage 2 hands on: the document as the corrections say it reads, and the naming choices."""

    document: UpstreamDocument
    """The corrected document; corrections a schema made moot are among its notes."""
    partial: bool
    """As the source said (:attr:`.source.Source.partial`)."""
    corrections_path: str
    """The corrections file, named in the errors that tell which entry to add or fix."""
    proto_names: Mapping[tuple[str, str], str]
    """``[[proto_name]]``: (graphql_name, graphql_value) -> the value's proto name, where the rule's would clash."""
    enum_proto_names: Mapping[str, str]
    """``[[enum_proto_name]]``: graphql_name -> the enum's proto name, where the rule's would clash."""
    values_in_description: frozenset[str]
    """The enums whose description documents their values (``[[value_docs_in_enum_description]]``)."""


def correct(source: Source, corrections_file: Path, *, corrections: Corrections | None = None) -> Corrected:
    """Stage 2: every correction, names included, applied to ``source`` in this one call.

    ``corrections``: the file already read (``update`` passes the staged copy it cut unneeded entries
    from); otherwise ``corrections_file`` is read. The text reference is corrected strictly (an entry
    that no longer fits stops the run); a schema leaves a note instead.
    """
    corrections = corrections if corrections is not None else load_corrections(corrections_file)
    return Corrected(
        document=apply_corrections(source.document, corrections, strict=source.reference_text),
        partial=source.partial,
        corrections_path=corrections.path,
        proto_names=MappingProxyType(corrections.proto_name_overrides()),
        enum_proto_names=MappingProxyType(corrections.enum_proto_name_overrides()),
        values_in_description=frozenset(entry.enum for entry in corrections.smeared_docs),
    )


def load_schema_source(path: Path, corrections: Corrections) -> UpstreamDocument:
    """The enums of a schema file with the corrections that still mean something for a schema.

    Corrections were written against the scraped text. Against a schema, a correction that does not fit
    is a note rather than an error (see docs): the text reference, which is what ``check`` holds the
    corrections to, may still need it.
    """
    return apply_corrections(read_schema_document(path), corrections, strict=False)


Report = Callable[[SourceError], None]
"""What to do with a correction that does not fit its source: raise it (text) or note it (schemas)."""


def apply_corrections(document: UpstreamDocument, corrections: Corrections, strict: bool) -> UpstreamDocument:
    """The one transform: ``document`` as the corrections say it should read.

    ``strict`` (the text reference, which the corrections were written for and ``check`` holds them to):
    nameless blocks are named, and a correction that does not fit raises :class:`CorrectionError`.
    Otherwise (a GraphQL schema, which names every enum): what each nameless-block entry claims is
    compared with the schema, and a correction that does not fit is added to the document's notes.
    """
    notes: list[str] = list(document.notes)

    def report(problem: SourceError) -> None:
        if strict:
            raise problem
        notes.append(str(SourceError(problem.path, problem.line, problem.problem, NOT_APPLIED)))

    if strict:
        enums = _name_nameless(document, corrections)
    else:
        enums = {enum.graphql_name: enum for enum in document.enums}
        notes += _check_nameless_claims(enums, corrections, document.path)
    enums = _apply_value_corrections(enums, corrections, report, alphabetical=strict)
    if strict:
        for enum in enums.values():
            if enum.example is not None and not any(v.graphql_value == enum.example for v in enum.values):
                raise CorrectionError(
                    document.path,
                    enum.line,
                    f"the example {enum.example!r} of {enum.graphql_name} is not one of its values",
                    f"if the scrape dropped it, add a [[missing_value]] correction to {corrections.path}",
                )
    return replace(document, enums=tuple(enums.values()), notes=tuple(notes))


NOT_APPLIED = "not applied to this schema; kept for the text reference, against which check holds it"


def apply_to_reference(blocks: tuple[RawBlock, ...], corrections: Corrections, source: Path | str) -> UpstreamDocument:
    """Parsed blocks of the text reference, corrected (strict): :func:`apply_corrections` on them."""
    return apply_corrections(reference_document(blocks, source), corrections, strict=True)


def _apply_value_corrections(enums: dict[str, UpstreamEnum], corrections: Corrections, report: Report, alphabetical: bool) -> dict[str, UpstreamEnum]:
    """The corrections about values, which mean the same for every kind of source.

    A description that documents the values (smeared by the scrape) is made readable, nothing removed;
    dropped values are restored; deprecations stated in prose are marked. A correction that does not
    fit (its enum or value is not there, or the source already says what it says) goes to ``report``.
    A restored value goes where the alphabetical listing has it when ``alphabetical``, else at the end
    (a schema declares values in its own order, which must not be reshuffled).
    """
    cpath = corrections.path
    enums = dict(enums)

    for smear in corrections.smeared_docs:
        enum = _target(enums, smear.enum, cpath, "value_docs_in_enum_description", report)
        if enum is None:
            continue
        _intro, docs = split_value_docs(enum.description, [v.graphql_value for v in enum.values])
        if not docs:
            report(
                CorrectionError(
                    cpath,
                    None,
                    f"value_docs_in_enum_description for {smear.enum}: its description names none of its values",
                    "upstream fixed it: remove this correction",
                )
            )
            continue
        if alphabetical:  # the scrape glued the list into one run of text: one line per value again
            enums[enum.graphql_name] = replace(enum, description=readable_value_docs(enum.description, [v.graphql_value for v in enum.values]))

    for missing in corrections.missing_values:
        enum = _target(enums, missing.enum, cpath, "missing_value", report)
        if enum is None:
            continue
        if any(v.graphql_value == missing.value for v in enum.values):
            report(
                CorrectionError(
                    cpath, None, f"missing_value {missing.enum}.{missing.value} is listed by {enum.origin}", "upstream fixed it: remove this correction"
                )
            )
            continue
        if not GRAPHQL_NAME.fullmatch(missing.value):
            raise CorrectionError(cpath, None, f"missing_value {missing.enum}.{missing.value} is not a GraphQL name")
        restored = [*enum.values, UpstreamValue(graphql_value=missing.value, description=missing.description)]
        if alphabetical:
            restored.sort(key=lambda v: (v.graphql_value.upper(), v.graphql_value))
        enums[enum.graphql_name] = replace(enum, values=tuple(restored))

    for deprecated in corrections.deprecated_values:
        enum = _target(enums, deprecated.enum, cpath, "deprecated_value", report)
        if enum is None:
            continue
        listed = next((v for v in enum.values if v.graphql_value == deprecated.value), None)
        if listed is None:
            report(
                CorrectionError(
                    cpath, None, f"deprecated_value {deprecated.enum}.{deprecated.value}: {enum.origin} lists no such value", "remove or fix this correction"
                )
            )
            continue
        if listed.deprecation_reason is not None:
            report(
                CorrectionError(
                    cpath,
                    None,
                    f"deprecated_value {deprecated.enum}.{deprecated.value} is already deprecated by {enum.origin} ({listed.deprecation_reason!r})",
                    "upstream says it now: remove this correction",
                )
            )
            continue
        values = tuple(replace(v, deprecation_reason=deprecated.reason) if v.graphql_value == deprecated.value else v for v in enum.values)
        enums[enum.graphql_name] = replace(enum, values=values)
    return enums


def _name_nameless(document: UpstreamDocument, corrections: Corrections) -> dict[str, UpstreamEnum]:
    """Name the text reference's nameless blocks (``name == ""``) by position, checking their values."""
    source = document.path
    by_after: dict[str, NamelessBlock] = {}
    for entry in corrections.nameless_blocks:
        if entry.after in by_after:
            raise CorrectionError(corrections.path, None, f"two nameless_block corrections follow {entry.after}")
        by_after[entry.after] = entry
    named: dict[str, UpstreamEnum] = {}
    used: set[str] = set()
    previous: str | None = None
    for enum in document.enums:
        if enum.graphql_name == "":
            match = by_after.get(previous or "")
            found = ", ".join(v.graphql_value for v in enum.values)
            if match is None:
                raise CorrectionError(
                    source,
                    enum.line,
                    f"a block with no name line (after {previous}) holds values {found}",
                    f"name it with a [[nameless_block]] correction (after = {previous!r}) in {corrections.path}",
                )
            if sorted(v.graphql_value for v in enum.values) != sorted(match.values):
                raise CorrectionError(
                    source,
                    enum.line,
                    f"the nameless block after {previous} was expected to be {match.name} with values {', '.join(match.values)} but holds {found}",
                    f"check upstream and update the [[nameless_block]] correction for {match.name} in {corrections.path}",
                )
            enum = replace(enum, graphql_name=match.name)  # noqa: PLW2901 (the block, now named, is what the rest of the loop checks)
            used.add(match.after)
        if enum.graphql_name in named:
            raise CorrectionError(
                source,
                None,
                f"enum {enum.graphql_name} is listed twice once nameless blocks are named",
                f"check the nameless_block corrections in {corrections.path}",
            )
        named[enum.graphql_name] = enum
        previous = enum.graphql_name
    for after, entry in by_after.items():
        if after not in used:
            raise CorrectionError(
                corrections.path,
                None,
                f"nameless_block {entry.name} (after {after}) matches no nameless block in {source}",
                "upstream fixed or moved it: remove or update this correction",
            )
    return named


def _check_nameless_claims(enums: dict[str, UpstreamEnum], corrections: Corrections, path: str) -> list[str]:
    """A schema names every enum; where it disagrees with what a nameless-block entry says, note it."""
    notes: list[str] = []
    for entry in corrections.nameless_blocks:
        enum = enums.get(entry.name)
        if enum is None:
            problem = f"nameless_block {entry.name}: {path} does not list the enum"
        elif sorted(v.graphql_value for v in enum.values) != sorted(entry.values):
            problem = (
                f"nameless_block {entry.name}: {enum.origin} lists its values as "
                f"{', '.join(sorted(v.graphql_value for v in enum.values))}, the correction as {', '.join(sorted(entry.values))}"
            )
        else:
            continue
        notes.append(str(SourceError(corrections.path, None, problem, "check upstream and the text reference; update or remove this correction")))
    return notes


def _target(enums: dict[str, UpstreamEnum], name: str, path: str, table: str, report: Report) -> UpstreamEnum | None:
    if name not in enums:
        report(
            CorrectionError(
                path, None, f"{table} names enum {name}, which the document does not list", "upstream dropped or renamed it: remove or update this correction"
            )
        )
        return None
    return enums[name]
