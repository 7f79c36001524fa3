"""The last released contract, and the checks that hold every change to it.

A release is two committed files under ``release/``, written only by ``kraken-proto release``:

- ``baseline.binpb``: the buf image of the released protos, for ``buf breaking`` (FILE, WIRE_JSON, CSR);
- ``contract.tsv``: the golden table, one row per value (zero values included) with its number, proto
  name, GraphQL string, deprecation and file. buf breaking does not look at custom options, so without
  this table a value's documented string could change silently; with it, any change to a released row
  other than becoming deprecated fails ``check``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .._proto_package import PACKAGE_PATH
from . import buf
from .errors import GenerateError, ToolError
from .model import Contract
from .naming import zero_value_name
from .render import enum_file_name

RELEASE_DIR = Path("release")
BASELINE = RELEASE_DIR / "baseline.binpb"
GOLDEN = RELEASE_DIR / "contract.tsv"
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
        file = enum.file or f"{PACKAGE_PATH}/{enum_file_name(enum.graphql_name)}"
        out.append(Row(enum.graphql_name, 0, zero_value_name(enum.graphql_name), "", False, file))
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


UNDEPRECATED = "undeprecated"
"""The one change to a released row that a release may accept on purpose: upstream listed a value again."""


def compare_golden(released: list[Row], current: list[Row], accept: frozenset[str] = frozenset()) -> list[str]:
    """Every way ``current`` breaks a released row; rows may be added, or become deprecated, only.

    ``accept={UNDEPRECATED}`` lets a release record values that are no longer deprecated.
    """
    now = {(r.enum, r.number): r for r in current}
    problems: list[str] = []
    for old in released:
        label = f"{old.enum} value {old.number} ({old.proto_name}" + (f', "{old.graphql_value}")' if old.graphql_value else ")")
        new = now.get((old.enum, old.number))
        if new is None:
            problems.append(f"{label} was removed or renumbered; released numbers never change (restore it, deprecated if upstream dropped it)")
            continue
        if new.proto_name != old.proto_name:
            problems.append(f"{label} was renamed to {new.proto_name}; released proto names never change")
        if new.graphql_value != old.graphql_value:
            problems.append(f'{label} now carries the string "{new.graphql_value}"; a released value\'s documented string never changes (add a new value instead)')
        if old.deprecated and not new.deprecated and UNDEPRECATED not in accept:
            problems.append(f"{label} is no longer deprecated; review it, then record it with kraken-proto release")
        if new.file != old.file:
            problems.append(f"{label} moved from {old.file} to {new.file}; enums never move between files")
    return problems


def breaking(root: Path) -> list[str]:
    """``buf breaking`` of the working tree against the released image, one problem per line."""
    try:
        buf.run(["breaking", "--against", str(BASELINE)], cwd=root)
    except ToolError as exc:
        return [str(exc)]
    return []


def write_release(root: Path, contract: Contract) -> None:
    """Make the working tree the new baseline: the image and the golden table, written together."""
    (root / RELEASE_DIR).mkdir(exist_ok=True)
    image = root / BASELINE
    tmp_image = image.with_suffix(".tmp")
    buf.run(["build", "--exclude-source-info", "-o", str(tmp_image)], cwd=root)
    golden = root / GOLDEN
    tmp_golden = golden.with_suffix(".tmp")
    tmp_golden.write_text(render_golden(contract), encoding="utf-8")
    os.replace(tmp_image, image)
    os.replace(tmp_golden, golden)
