"""The golden table ``release/contract.tsv``: one row per released value, and how a change may touch it.

buf breaking does not look at custom options, so without this table a value's documented string could
change silently; with it, any change to a released row other than becoming deprecated fails ``check``.
Rows: enum, number, proto name, GraphQL value, deprecated, file, the enum's full proto name (zero values
included). The full name came last, later: a table written before it (six columns) is still read, and
compared on what it records; the next ``release`` writes the seven columns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .errors import GenerateError
from .model import Contract
from .naming import zero_value_name
from .problems import Kind, Problem

COLUMNS = ("enum", "number", "proto_name", "graphql_value", "deprecated", "file", "full_name")
COLUMNS_WITHOUT_FULL_NAME = COLUMNS[:-1]
"""The header of a table written before full names were recorded."""


@dataclass(frozen=True)
class Row:
    enum: str
    number: int
    proto_name: str
    graphql_value: str
    deprecated: bool
    file: str
    full_name: str | None = None
    """The enum's full proto name (``kraken.enums.v1.AccountStatus``); ``None`` in a six-column table."""


def rows(contract: Contract) -> list[Row]:
    out: list[Row] = []
    for enum in contract.enums:
        file = enum.file_path
        out.append(Row(enum.graphql_name, 0, zero_value_name(enum.proto_name), "", False, file, enum.full_name))
        out += [Row(enum.graphql_name, v.number, v.proto_name, v.graphql_value, v.deprecated, file, enum.full_name) for v in enum.values]
    return out


def render_golden(contract: Contract) -> str:
    lines = ["\t".join(COLUMNS)]
    lines += [
        "\t".join([r.enum, str(r.number), r.proto_name, r.graphql_value, "true" if r.deprecated else "false", r.file, r.full_name or ""])
        for r in rows(contract)
    ]
    return "\n".join(lines) + "\n"


def parse_golden(path: Path) -> list[Row]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    header = tuple(lines[0].split("\t")) if lines else ()
    if header not in (COLUMNS, COLUMNS_WITHOUT_FULL_NAME):
        raise GenerateError(f"{path}:1: expected the header {' '.join(COLUMNS)}; write the file with kraken-proto release, never by hand")
    out: list[Row] = []
    for number, line in enumerate(lines[1:], 2):
        cells = line.split("\t")
        if len(cells) != len(header) or not cells[1].isdigit() or cells[4] not in ("true", "false") or cells[6:] == [""]:
            raise GenerateError(f"{path}:{number}: malformed row {line!r}; restore the file from the last release")
        out.append(Row(cells[0], int(cells[1]), cells[2], cells[3], cells[4] == "true", cells[5], cells[6] if len(cells) > 6 else None))
    return out


def compare_golden(released: list[Row], current: list[Row]) -> list[Problem]:
    """Every way ``current`` breaks a released row; rows may be added, or become deprecated, only.

    A value that is no longer deprecated is its own kind, :attr:`Kind.UNDEPRECATED`: ``release`` records it.
    """
    now = {(r.enum, r.number): r for r in current}
    problems: list[Problem] = []

    def add(kind: Kind, text: str) -> None:
        problems.append(Problem(kind, f"contract: {text}"))

    released_names = {r.enum: r.full_name for r in released if r.full_name is not None}
    current_names = {r.enum: r.full_name for r in current}
    for enum, full_name in sorted(released_names.items()):
        if enum in current_names and current_names[enum] != full_name:
            add(
                Kind.RELEASED_ROW,
                f"enum {enum} was renamed from {full_name} to {current_names[enum]}; a released enum's full name never changes "
                f"(generated code, registries and Any type URLs use it: restore `enum {full_name.rsplit('.', 1)[-1]}`)",
            )

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
    if any(r.full_name is None for r in table):  # a six-column table: compare what it records
        image = [replace(r, full_name=None) for r in image]
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
