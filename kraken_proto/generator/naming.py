"""Proto names derived from GraphQL names, exactly as buf's lint rules derive them.

buf lint is the judge of ENUM_VALUE_PREFIX and FILE_LOWER_SNAKE_CASE; these functions reproduce its
word-splitting rule (a new word starts at an upper-case letter that follows a lower-case one, or that
is followed by a lower-case one) so that the generator writes names buf accepts the first time.
"""

from __future__ import annotations

import re

GRAPHQL_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")
_DELIMITERS = frozenset("._- \t\r\n")


def snake_case(name: str) -> str:
    """Split ``name`` into words the way buf does and join them with underscores (case kept)."""
    text = name.strip("".join(_DELIMITERS))
    out: list[str] = []
    for i, char in enumerate(text):
        if char in _DELIMITERS:
            char = "_"
        if i == 0:
            out.append(char)
            continue
        if char.isupper() and out[-1] != "_":
            nxt = text[i + 1] if i + 1 < len(text) else ""
            starts_word = (nxt != "" and not nxt.isupper() and not nxt.isdigit() and nxt not in _DELIMITERS) or text[i - 1].islower()
            if starts_word:
                out.append("_")
                out.append(char)
                continue
        if not (char == "_" and out[-1] == "_"):
            out.append(char)
    return "".join(out)


def value_prefix(enum_name: str) -> str:
    """``APIBrownoutStatus`` -> ``API_BROWNOUT_STATUS_``: what ENUM_VALUE_PREFIX expects."""
    return snake_case(enum_name).upper() + "_"


def file_stem(enum_name: str) -> str:
    """``APIBrownoutStatus`` -> ``api_brownout_status``: the enum's file name without ``.proto``."""
    return snake_case(enum_name).lower()


def value_name(enum_name: str, graphql_value: str) -> str:
    """The proto name of a value: the enum's prefix plus the GraphQL string upper-cased."""
    return value_prefix(enum_name) + graphql_value.upper()


def zero_value_name(enum_name: str) -> str:
    return value_prefix(enum_name) + "UNSPECIFIED"


def is_upper_snake(name: str) -> bool:
    """True when buf's ENUM_VALUE_UPPER_SNAKE_CASE would accept ``name`` unchanged."""
    return snake_case(name).upper() == name
