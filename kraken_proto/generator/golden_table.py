"""The golden table ``release/contract.tsv``: one row per released value, and how a change may touch it.

buf breaking does not look at custom options, so without this table a value's documented string could
change silently; with it, any change to a released row other than becoming deprecated fails ``check``.
Rows: enum, number, proto name, GraphQL value, deprecated, file (zero values included).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import GenerateError
from .model import Contract
from .naming import zero_value_name
from .problems import Kind, Problem

COLUMNS = ("enum", "number", "proto_name", "graphql_value", "deprecated", "file")


@dataclass(frozen=True)
class Row:
    enum: str
    number: int
    proto_name: str
    graphql_value: str
    deprecated: bool
    file: str


def rows(contract: Contract) -> list[Row]:
    out: list[Row] = []
    for enum in contract.enums:
        file = enum.file_path
        out.append(Row(enum.graphql_name, 0, zero_value_name(enum.proto_name), "", False, file))
        out += [Row(enum.graphql_name, v.number, v.proto_name, v.graphql_value, v.deprecated, file) for v in enum.values]
    return out


def render_golden(contract: Contract) -> str:
    lines = ["\t".join(COLUMNS)]
    lines += ["\t".join([r.enum, str(r.number), r.proto_name, r.graphql_value, "true" if r.deprecated else "false", r.file]) for r in rows(contract)]
    return "\n".join(lines) + "\n"


def parse_golden(path: Path) -> list[Row]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        raise GenerateError(f"{path}:1: expected the header {' '.join(COLUMNS)}; write the file with kraken-proto release, never by hand")
    out: list[Row] = []
    for number, line in enumerate(lines[1:], 2):
        cells = line.split("\t")
        if len(cells) != len(COLUMNS) or not cells[1].isdigit() or cells[4] not in ("true", "false"):
            raise GenerateError(f"{path}:{number}: malformed row {line!r}; restore the file from the last release")
        out.append(Row(cells[0], int(cells[1]), cells[2], cells[3], cells[4] == "true", cells[5]))
    return out


def compare_golden(released: list[Row], current: list[Row]) -> list[Problem]:
    """Every way ``current`` breaks a released row; rows may be added, or become deprecated, only.

    A value that is no longer deprecated is its own kind, :attr:`Kind.UNDEPRECATED`: ``release`` records it.
    """
    now = {(r.enum, r.number): r for r in current}
    problems: list[Problem] = []

    def add(kind: Kind, text: str) -> None:
        problems.append(Problem(kind, f"contract: {text}"))

    for old in released:
        label = f"{old.enum} value {old.number} ({old.proto_name}" + (f', "{old.graphql_value}")' if old.graphql_value else ")")
        new = now.get((old.enum, old.number))
        if new is None:
            add(Kind.RELEASED_ROW, f"{label} was removed or renumbered; released numbers never change (restore it, deprecated if upstream dropped it)")
            continue
        if new.proto_name != old.proto_name:
            add(Kind.RELEASED_ROW, f"{label} was renamed to {new.proto_name}; released proto names never change")
        if new.graphql_value != old.graphql_value:
            add(
                Kind.RELEASED_ROW,
                f'{label} now carries the string "{new.graphql_value}"; a released value\'s documented string never changes (add a new value instead)',
            )
        if old.deprecated and not new.deprecated:
            add(Kind.UNDEPRECATED, f"{label} is no longer deprecated; review it, then record it with kraken-proto release")
        if new.file != old.file:
            add(Kind.RELEASED_ROW, f"{label} moved from {old.file} to {new.file}; enums never move between files")
    return problems


def disagreement(table: list[Row], image: list[Row], table_path: Path, image_path: Path) -> str | None:
    """How the golden table and the release image it was written with disagree (``None``: they agree)."""
    in_table, in_image = set(table), set(image)
    missing = sorted(in_image - in_table, key=lambda r: (r.enum, r.number))
    extra = sorted(in_table - in_image, key=lambda r: (r.enum, r.number))
    duplicated = len(table) - len(in_table)
    if not missing and not extra and not duplicated:
        return None
    parts = []
    if missing:
        parts.append(f"{len(missing)} row(s) of the image are missing from the table (first: {_label(missing[0])})")
    if extra:
        parts.append(f"{len(extra)} row(s) of the table are not in the image (first: {_label(extra[0])})")
    if duplicated:
        parts.append(f"{duplicated} row(s) are listed twice")
    return (
        f"{table_path} disagrees with {image_path}: {'; '.join(parts)}; both are written together by "
        f"kraken-proto release, never by hand (restore them from git)"
    )


def _label(row: Row) -> str:
    return f"{row.enum} {row.number} {row.proto_name}"
