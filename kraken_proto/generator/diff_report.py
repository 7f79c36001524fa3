"""A :class:`.contract_diff.ContractDiff` as text (a terminal), Markdown (a pull request body, a changelog
section) and JSON (tools).

Text and Markdown group the changes per enum, enums sorted by ``graphql_name``, each enum's own changes
first, then its values by number; the same facts in the same order in both. The JSON keeps the diff's
own lists (already in that order) under their field names, with ``"format"`` (:data:`.JSON_FORMAT`) and
``"bump"``: a reader checks the format before it reads a key.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, fields
from typing import Any

from .contract_diff import JSON_FORMAT, ContractDiff, DescriptionChange, OptionChange, ValueAdded

Format = Callable[[str], str]
"""How a rendering writes a name (``code``: as is, or in backticks) or free text (``text``: quoted, or escaped)."""


def summary(diff: ContractDiff) -> str:
    """One line: the bump and how many changes of each kind (``minor: 2 values added, 1 deprecated``)."""
    counts = [
        (len(diff.enums_added), "enum added", "enums added"),
        (len(diff.values_added), "value added", "values added"),
        (len(diff.deprecated), "newly deprecated", "newly deprecated"),
        (len(diff.descriptions_changed), "description changed", "descriptions changed"),
        (len(diff.options_changed), "option changed", "options changed"),
        (len(diff.corrections_unneeded), "correction made unnecessary", "corrections made unnecessary"),
    ]
    parts = [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
    return f"{diff.bump.word}: {', '.join(parts) if parts else 'no changes'}"


def render_text(diff: ContractDiff) -> str:
    lines = [summary(diff)]
    for name in diff.enum_names():
        lines.append(name)
        lines += [f"  {line}" for line in _enum_lines(diff, name, code=lambda s: s, text=_quoted)]
    if diff.corrections_unneeded:
        lines.append("corrections upstream made unnecessary (removed from upstream/corrections.toml):")
        lines += [f"  [[{c.kind}]] {c.enum}" + (f" {c.value}" if c.value is not None else "") + f": {c.reason}" for c in diff.corrections_unneeded]
    return "\n".join(lines) + "\n"


def render_markdown(diff: ContractDiff, *, level: int = 3) -> str:
    """Markdown with one heading of ``level`` per enum (3: under a ``##`` section of a changelog or PR)."""
    hashes = "#" * level
    out = [f"Version bump: **{diff.bump.word}** ({summary(diff).split(': ', 1)[1]})."]
    for name in diff.enum_names():
        out.append(f"{hashes} `{name}`")
        out.append("\n".join(f"- {line}" for line in _enum_lines(diff, name, code=lambda s: f"`{s}`", text=_prose)))
    if diff.corrections_unneeded:
        out.append(f"{hashes} Corrections upstream made unnecessary")
        out.append(
            "\n".join(
                f"- `[[{c.kind}]]` `{c.enum}`" + (f" `{c.value}`" if c.value is not None else "") + f": {_prose(c.reason)}" for c in diff.corrections_unneeded
            )
        )
    return "\n\n".join(out) + "\n"


def diff_to_dict(diff: ContractDiff) -> dict[str, Any]:
    """The diff as JSON-ready data: ``format``, ``bump``, then each list of the record under its field name."""
    data: dict[str, Any] = {"format": JSON_FORMAT, "bump": diff.bump.word}
    for item in fields(diff):
        data[item.name] = [asdict(entry) for entry in getattr(diff, item.name)]
    return data


def render_json(diff: ContractDiff) -> str:
    return json.dumps(diff_to_dict(diff), indent=2, ensure_ascii=False) + "\n"


def _enum_lines(diff: ContractDiff, name: str, *, code: Format, text: Format) -> list[str]:
    """One line per change of enum ``name``: the enum's own changes, then its values' by number."""
    items: list[tuple[int, int, str]] = []

    def value(number: int | None, graphql_value: str | None) -> str:
        return "the enum" if number is None or graphql_value is None else f"value {code(graphql_value)} = {number}"

    for enum in diff.enums_added:
        if enum.graphql_name == name:
            line = f"added enum {code(enum.full_name)}"
            if enum.description:
                line += f": {text(enum.description)}"
            if enum.deprecated:
                line += f" (deprecated: {text(enum.deprecation_reason)})"
            items.append((-1, 0, line))
    items += [(added.number, 0, _added_line(added, code, text)) for added in diff.values_added if added.graphql_name == name]
    items += [
        (_key(gone.number), 1, f"deprecated {value(gone.number, gone.graphql_value)} ({code(gone.proto_name)}): {text(gone.deprecation_reason)}")
        for gone in diff.deprecated
        if gone.graphql_name == name
    ]
    items += [
        (_key(change.number), 2, f"description of {value(change.number, change.graphql_value)}: {_before_after(change, text)}")
        for change in diff.descriptions_changed
        if change.graphql_name == name
    ]
    items += [
        (_key(option.number), 3, f"{option.option} of {value(option.number, option.graphql_value)}: {_before_after(option, text)}")
        for option in diff.options_changed
        if option.graphql_name == name
    ]
    return [line for _, _, line in sorted(items, key=lambda item: (item[0], item[1]))]


def _added_line(added: ValueAdded, code: Format, text: Format) -> str:
    line = f"added value {code(added.graphql_value)} = {added.number} ({code(added.proto_name)})"
    if added.deprecated:
        line += f", deprecated: {text(added.deprecation_reason)}"
    return line


def _before_after(change: DescriptionChange | OptionChange, text: Format) -> str:
    return f"{text(change.old) if change.old else '(none)'} -> {text(change.new) if change.new else '(none)'}"


def _key(number: int | None) -> int:
    return -1 if number is None else number


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def _prose(text: str) -> str:
    """Free text (upstream's descriptions, reasons) as one line of Markdown that renders as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _quoted(text: str) -> str:
    """Free text as one quoted line for the terminal."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)
