"""Scraped description lines into readable prose for comments.

The scrape keeps the page's line breaks, which fall mid-sentence (``(e.g. min`` / ``and max`` / ``).``)
as often as between list items (``daily -> half-hourly aggregation``). Lines are joined into one line
of prose unless the next line plainly starts something new.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

PLACEHOLDER = "An enumeration."
"""What the reference says of an enum it does not document: not documentation."""

_CLOSING = tuple(").,;:!?]")
_LIST_ITEM = re.compile(r"\S.* -> \S")


def join_lines(lines: Iterable[str]) -> str:
    """Join wrapped lines; keep a line break only where a new sentence, item or paragraph starts.

    A line continues the one before when it starts with closing punctuation (joined without a space)
    or with a lower-case letter (joined with one), unless it is a ``a -> b`` list item.
    """
    paragraphs: list[str] = []
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if paragraphs and line.startswith(_CLOSING):
            paragraphs[-1] += line
        elif paragraphs and line[0].islower() and not _LIST_ITEM.match(line):
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
    return "\n".join(paragraphs)


def is_placeholder(description: str) -> bool:
    return description.strip() in ("", PLACEHOLDER)


def split_value_docs(description: str, value_names: Sequence[str]) -> tuple[str, dict[str, str]]:
    """Recover per-value docs that the scrape smeared into an enum's description.

    ``"Options for ... types. ENDED\\n: endedWITHDRAWN\\n: withdrawn"`` holds ``ENDED: ended`` and
    ``WITHDRAWN: withdrawn``. A value name counts where it is not glued to other upper-case letters,
    digits or underscores (lower case before it is glue from the scrape, as in ``endedWITHDRAWN``).
    Returns the enum's own description (the text before the first value name) and the docs found.
    """
    pattern = _value_pattern(value_names)
    text = " ".join(description.split())
    matches = list(pattern.finditer(text))
    if not matches:
        return description, {}
    intro = text[: matches[0].start()].strip()
    if intro.endswith(":"):  # it introduced the list that now lives on the values
        intro = intro[:-1].rstrip() + "."
    docs: dict[str, str] = {}
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following is not None else len(text)
        doc = text[match.end() : end].strip().lstrip(":").strip()
        doc = re.sub(r"\.-\s*", ". ", doc).rstrip("- ").strip()
        if doc:
            docs[match.group(1)] = _sentence(doc)
    return intro, docs


def readable_value_docs(description: str, value_names: Sequence[str]) -> str:
    """The whole description with each value's part on a line of its own; nothing removed but spacing.

    ``"Options. ENDED\\n: endedWITHDRAWN\\n: withdrawn"`` -> ``"Options.\\nENDED: ended\\nWITHDRAWN: withdrawn"``.
    """
    pattern = _value_pattern(value_names)
    text = " ".join(description.split())
    matches = list(pattern.finditer(text))
    if not matches:
        return description
    lines = [text[: matches[0].start()].strip()]
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following is not None else len(text)
        rest = text[match.end() : end].strip()
        lines.append(match.group(1) + (rest if rest.startswith(":") else f" {rest}" if rest else ""))
    return "\n".join(line for line in lines if line)


def _value_pattern(value_names: Sequence[str]) -> re.Pattern[str]:
    names = sorted(set(value_names), key=len, reverse=True)
    return re.compile(r"(?<![A-Z0-9_])(" + "|".join(map(re.escape, names)) + r")(?![A-Za-z0-9_])")


def _sentence(text: str) -> str:
    """Capitalise and end with a full stop, so that recovered fragments read like the other docs."""
    if re.fullmatch(r"[a-z]+(?:_[a-z]+)+", text):
        text = text.replace("_", " ")
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
