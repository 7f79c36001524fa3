"""Parser for the upstream enums reference in its plain-text form (the API reference page as text).

Grammar, anchored on the literal ``Values`` and ``Example`` lines because everything else is free text::

    document := header(2 lines) block*
    block    := [NAME] description-line* "Values" value-entry+ "Example" '"' example '"'
    value-entry := VALUE description-line*

A block's NAME may be missing (the scrape lost it): such a block starts directly with ``Values`` and is
returned with ``graphql_name=None`` for :mod:`.corrections` to name. Deciding which lines of a ``Values``
section are values and which are their descriptions is the hard part; see :func:`_is_value_line`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import SourceError
from .model import UpstreamDocument, UpstreamEnum, UpstreamValue
from .naming import GRAPHQL_NAME
from .prose import join_lines

HEADER = "About Enums"
VALUES = "Values"
EXAMPLE = "Example"
_EXAMPLE_LINE = re.compile(r'"(.*)"')
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]+")


@dataclass(frozen=True, kw_only=True)
class RawValue:
    graphql_value: str
    line: int
    description_lines: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RawBlock:
    graphql_name: str | None
    line: int
    """The block's first line: its name, or its ``Values`` line when it has no name."""
    description_lines: tuple[str, ...]
    values: tuple[RawValue, ...]
    example: str
    example_line: int


def read_text(path: Path) -> str:
    """Read a source file as strict UTF-8; a bad byte is reported with its line number."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, None, f"cannot read the file: {exc.strerror}", "pass an existing file with --source") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(path, line, f"byte 0x{data[exc.start]:02x} is not UTF-8", "save the document as UTF-8") from None


def parse_reference(text: str, path: Path | str) -> tuple[RawBlock, ...]:
    """Parse the whole document into blocks, or raise :class:`SourceError` naming the line."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise SourceError(path, 1, "the document is empty", "expected the enums reference, starting with 'About Enums'")
    if lines[0] != HEADER or len(lines) < 2:
        raise SourceError(path, 1, f"expected the header line {HEADER!r}, found {lines[0]!r}", "is this the enums reference page?")
    parser = _Parser(lines, path)
    blocks = parser.blocks()
    if not blocks:
        raise SourceError(path, len(lines), "the document lists no enums", "expected blocks of NAME, Values, Example")
    _check_unique(blocks, path)
    return blocks


class _Parser:
    def __init__(self, lines: list[str], path: Path | str) -> None:
        self.lines = lines
        self.path = path
        self.i = 2  # after the two header lines

    def error(self, index: int, problem: str, hint: str = "") -> SourceError:
        return SourceError(self.path, index + 1, problem, hint)

    def blocks(self) -> tuple[RawBlock, ...]:
        out: list[RawBlock] = []
        while self.i < len(self.lines):
            out.append(self.block())
        return tuple(out)

    def block(self) -> RawBlock:
        lines, start = self.lines, self.i
        name: str | None = None
        description: list[str] = []
        if lines[start] != VALUES:
            name = lines[start]
            if lines[start] == EXAMPLE:
                raise self.error(start, "'Example' where an enum name or 'Values' was expected", "every block lists its Values before its Example")
            if not GRAPHQL_NAME.fullmatch(name):
                raise self.error(start, f"expected an enum name, found {name!r}", "the line after an example must name the next enum")
            self.i += 1
            while self.i < len(lines) and lines[self.i] != VALUES:
                if lines[self.i] == EXAMPLE:
                    raise self.error(self.i, f"'Example' before 'Values' in enum {name}", "every block lists its Values before its Example")
                if lines[self.i] != "":
                    description.append(lines[self.i])
                self.i += 1
            if self.i >= len(lines):
                raise self.error(start, f"enum {name} has no 'Values' line", "the document looks cut off")
        label = name or f"the nameless block at line {start + 1}"
        values_index = self.i
        self.i += 1
        entries: list[tuple[int, str]] = []
        while self.i < len(lines) and lines[self.i] != EXAMPLE:
            if lines[self.i] == VALUES:
                raise self.error(self.i, f"a second 'Values' line in {label}", "the previous block's 'Example' is missing")
            if lines[self.i] != "":
                entries.append((self.i, lines[self.i]))
            self.i += 1
        if self.i >= len(lines):
            raise self.error(values_index, f"{label} has no 'Example' line", "the document looks cut off")
        if not entries:
            raise self.error(values_index, f"{label} lists no values", "a 'Values' line must be followed by at least one value")
        example_index = self.i + 1
        if example_index >= len(lines):
            raise self.error(self.i, f"{label} has no example after 'Example'", "the document looks cut off")
        match = _EXAMPLE_LINE.fullmatch(lines[example_index])
        if match is None:
            raise self.error(example_index, f"expected the example of {label} in double quotes, found {lines[example_index]!r}")
        self.i = example_index + 1
        values = self.values(entries, label)
        return RawBlock(
            graphql_name=name, line=start + 1, description_lines=tuple(description), values=values, example=match.group(1), example_line=example_index + 1
        )

    def values(self, entries: list[tuple[int, str]], label: str) -> tuple[RawValue, ...]:
        first_index, first = entries[0]
        if not GRAPHQL_NAME.fullmatch(first):
            raise self.error(first_index, f"expected the first value of {label}, found {first!r}")
        upper_style = first.upper() == first
        values: list[RawValue] = []
        current: list[str] = []
        previous_was_value = False
        for index, text in entries:
            if _is_value_line(text, values[-1].graphql_value if previous_was_value and values else None, upper_style):
                if values:
                    values[-1] = replace(values[-1], description_lines=tuple(current))
                values.append(RawValue(graphql_value=text, line=index + 1))
                current = []
                previous_was_value = True
            else:
                current.append(text)
                previous_was_value = False
        values[-1] = replace(values[-1], description_lines=tuple(current))
        seen: dict[str, int] = {}
        for value in values:
            if value.graphql_value in seen:
                raise SourceError(
                    self.path,
                    value.line,
                    f"value {value.graphql_value} of {label} is listed twice (first at line {seen[value.graphql_value]})",
                    "remove the duplicate",
                )
            seen[value.graphql_value] = value.line
        return tuple(values)


def _is_value_line(text: str, value_just_before: str | None, upper_style: bool) -> bool:
    """Is this line of a ``Values`` section a value, or a description of the value before it?

    Descriptions are prose, so anything that is not a GraphQL name is a description. The traps are
    descriptions that *are* names: a label repeating its value (``COS``/``COS``, ``CURRENT``/``Current``)
    and a one-word label right under its value (``EXP``/``Expired``). In an enum whose values are upper
    case (told by its first value) a capitalised word directly under a value is such a label; in an
    enum of mixed-case values (``Cancelled``, ``Paid``) it is a value. Values whose spelling is odd but
    not a plain word (``DUPLICATE_CARD_FINGERPRINTs``) stay values.
    """
    if not GRAPHQL_NAME.fullmatch(text):
        return False
    if value_just_before is None:
        return True
    if text.lower() == value_just_before.lower():
        return False
    return not (upper_style and _CAPITALISED_WORD.fullmatch(text))


def _check_unique(blocks: tuple[RawBlock, ...], path: Path | str) -> None:
    seen: dict[str, int] = {}
    for block in blocks:
        if block.graphql_name is None:
            continue
        if block.graphql_name in seen:
            raise SourceError(
                path, block.line, f"enum {block.graphql_name} is listed twice (first at line {seen[block.graphql_name]})", "remove the duplicate block"
            )
        seen[block.graphql_name] = block.line


def reference_document(blocks: tuple[RawBlock, ...], path: Path | str) -> UpstreamDocument:
    """The parsed blocks as an upstream document, before corrections; a nameless block has ``name == ""``."""
    enums = tuple(
        UpstreamEnum(
            graphql_name=block.graphql_name or "",
            description=join_lines(block.description_lines),
            values=tuple(UpstreamValue(graphql_value=v.graphql_value, description=join_lines(v.description_lines)) for v in block.values),
            example=block.example,
            origin=f"{path}:{block.line}",
            line=block.line,
        )
        for block in blocks
    )
    return UpstreamDocument(path=str(path), enums=enums)
