"""Corrections a schema made unnecessary, found and removed from ``upstream/corrections.toml`` by ``update``.

A correction repairs what the text scrape lost. When the fetched schema itself says what an entry says,
the entry has nothing left to do: ``generate`` stops on it for the text reference (a person removes it
on purpose) and notes it for a schema. ``update`` runs unattended, so it removes such entries itself and
lists them in its diff:

- ``[[nameless_block]]``: the schema names the enum itself (the entry named a block of the scrape, and
  against a schema it would only warn, on every run, whenever upstream adds a value to that enum);
- ``[[missing_value]]``: the schema lists the value;
- ``[[deprecated_value]]``: the schema already deprecates the value;
- ``[[value_docs_in_enum_description]]``: the enum's description no longer documents its values.

The naming entries (``[[proto_name]]``, ``[[enum_proto_name]]``) are choices of ours, not repairs, and
stay. An entry for an enum the schema does not list stays too: that is a question for a person, not
something upstream settled.

The file is reviewed text with comments, so an entry is removed by cutting its lines (its header and
keys, up to the next header or comment) and nothing else; the result is parsed again and must equal the
old data minus exactly those entries, or the removal is refused with one line.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from .contract_diff import UnneededCorrection
from .corrections import Corrections
from .errors import GenerateError
from .model import UpstreamDocument
from .prose import split_value_docs

_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z_]+)\s*\]\]\s*(#.*)?$")
_TABLE = re.compile(r"^\s*\[")


def unneeded_corrections(document: UpstreamDocument, corrections: Corrections) -> list[tuple[str, int, UnneededCorrection]]:
    """``(table, index within its table, record)`` for each entry ``document`` (an uncorrected schema) made unnecessary."""
    enums = {enum.graphql_name: enum for enum in document.enums}
    found: list[tuple[str, int, UnneededCorrection]] = []
    for index, block in enumerate(corrections.nameless_blocks):
        if block.name in enums:
            found.append(("nameless_block", index, UnneededCorrection(kind="nameless_block", enum=block.name, value=None, reason=block.reason)))
    for index, missing in enumerate(corrections.missing_values):
        enum = enums.get(missing.enum)
        if enum is not None and any(v.graphql_value == missing.value for v in enum.values):
            found.append(("missing_value", index, UnneededCorrection(kind="missing_value", enum=missing.enum, value=missing.value, reason=missing.reason)))
    for index, deprecated in enumerate(corrections.deprecated_values):
        enum = enums.get(deprecated.enum)
        listed = next((v for v in enum.values if v.graphql_value == deprecated.value), None) if enum is not None else None
        if listed is not None and listed.deprecation_reason is not None:
            found.append(
                ("deprecated_value", index, UnneededCorrection(kind="deprecated_value", enum=deprecated.enum, value=deprecated.value, reason=deprecated.reason))
            )
    for index, smear in enumerate(corrections.smeared_docs):
        enum = enums.get(smear.enum)
        if enum is not None and not split_value_docs(enum.description, [v.graphql_value for v in enum.values])[1]:
            table = "value_docs_in_enum_description"
            found.append((table, index, UnneededCorrection(kind=table, enum=smear.enum, value=None, reason=smear.reason)))
    return found


def without_entries(path: Path, text: str, entries: list[tuple[str, int]]) -> str:
    """``text`` (a corrections file) with the ``(table, index)`` entries cut out, comments and layout kept."""
    if not entries:
        return text
    lines = text.splitlines(keepends=True)
    seen: dict[str, int] = {}
    spans: dict[tuple[str, int], tuple[int, int]] = {}
    for number, line in enumerate(lines):
        match = _HEADER.match(line)
        if match is None:
            continue
        table = match.group(1)
        index = seen.get(table, 0)
        seen[table] = index + 1
        end = number + 1
        while end < len(lines) and not _TABLE.match(lines[end]) and not lines[end].lstrip().startswith("#"):
            end += 1
        while end > number + 1 and not lines[end - 1].strip():  # blank lines after the entry separate it from the next
            end -= 1
        if end < len(lines) and not lines[end].strip():
            end += 1  # take one separating blank line with it
        spans[(table, index)] = (number, end)
    cut: set[int] = set()
    for key in entries:
        if key not in spans:
            raise _refused(path, f"cannot find [[{key[0]}]] entry {key[1] + 1} in its text")
        cut.update(range(*spans[key]))
    result = "".join(line for number, line in enumerate(lines) if number not in cut)
    _verify(path, text, result, entries)
    return result


def _verify(path: Path, before: str, after: str, entries: list[tuple[str, int]]) -> None:
    """The cut text must hold exactly the old entries minus the removed ones."""
    try:
        old: dict[str, Any] = tomllib.loads(before)
        new: dict[str, Any] = tomllib.loads(after)
    except tomllib.TOMLDecodeError as exc:
        raise _refused(path, f"the file would no longer be valid TOML ({exc})") from None
    for table in {table for table, _ in entries}:
        gone = {index for t, index in entries if t == table}
        old[table] = [entry for index, entry in enumerate(old.get(table, [])) if index not in gone]
        if not old[table]:
            del old[table]
    if old != new:
        raise _refused(path, "cutting the entries' lines would change other entries")


def _refused(path: Path, why: str) -> GenerateError:
    return GenerateError(f"{path}: cannot remove the corrections upstream made unnecessary: {why}; remove them by hand and run update again")
