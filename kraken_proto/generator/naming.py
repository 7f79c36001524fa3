"""Proto names for GraphQL names: the naming rule (see docs/naming.md), and buf's word-splitting rule.

Any GraphQL ``Name`` (``[_A-Za-z][_0-9A-Za-z]*``) gets a proto name that buf's STANDARD lint accepts:

- **enum**: the ``_``-separated parts of the GraphQL name, each with its first letter upper-cased and the
  rest kept, joined (``some_type`` -> ``SomeType``, ``_SomethingOrderBy`` -> ``SomethingOrderBy``,
  ``APIBrownoutStatus`` unchanged); a result that is empty or starts with a digit gets ``Enum`` in front
  (``_1x`` -> ``Enum1x``), and one that is a Python keyword (``None``, ``True``, ``False``) gets ``Enum``
  after it, because protobuf's Python code defines a class of that name;
- **file**: the enum's proto name split into words the way buf splits them, lower case, ``.proto``;
- **value**: the enum's prefix (its proto name split into words, upper case, ``_``) plus the GraphQL
  value upper-cased with runs of underscores collapsed and leading or trailing ones dropped
  (``CANCELLED___X`` -> ``CANCELLED_X``, ``kWh`` -> ``KWH``); an empty remainder (``_``) becomes
  ``UNDERSCORE``.

The rule applies to new names only: names already committed under ``proto/`` are read back and kept
byte for byte. Two GraphQL names that the rule maps to one proto name stop ``generate`` with the
correction that separates them (``[[enum_proto_name]]`` or ``[[proto_name]]``); see :mod:`.numbering`.
"""

from __future__ import annotations

import functools
import keyword
import re

GRAPHQL_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")
PROTO_ENUM_NAME = re.compile(r"[A-Z][0-9A-Za-z]*")
"""What buf's ENUM_PASCAL_CASE accepts: no underscore, an upper-case first letter."""
_DELIMITERS = frozenset("._- \t\r\n")
_UNDERSCORES = re.compile(r"_+")
EMPTY_VALUE = "UNDERSCORE"
"""The value part of a GraphQL value made of underscores only (``_``, ``__``)."""
RESERVED_FILE_STEMS = frozenset({"options"})
"""File stems the package already uses: ``options.proto`` holds the custom options."""


def snake_case(name: str) -> str:
    """Split ``name`` into words the way buf does and join them with underscores (case kept)."""
    text = name.strip("".join(_DELIMITERS))
    out: list[str] = []
    for i, raw in enumerate(text):
        char = "_" if raw in _DELIMITERS else raw
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


def proto_enum_name(graphql_name: str) -> str:
    """The proto name the rule gives a new enum (``some_type`` -> ``SomeType``)."""
    name = "".join(part[:1].upper() + part[1:] for part in graphql_name.split("_"))
    if not name or not name[0].isalpha():
        name = "Enum" + name
    if keyword.iskeyword(name):
        name += "Enum"
    return name


@functools.lru_cache(maxsize=4096)
def value_prefix(enum_proto_name: str) -> str:
    """``APIBrownoutStatus`` -> ``API_BROWNOUT_STATUS_``: what ENUM_VALUE_PREFIX expects."""
    return snake_case(enum_proto_name).upper() + "_"


def file_stem(enum_proto_name: str) -> str:
    """``APIBrownoutStatus`` -> ``api_brownout_status``: the enum's file name without ``.proto``."""
    return snake_case(enum_proto_name).lower()


def file_name(enum_proto_name: str) -> str:
    return f"{file_stem(enum_proto_name)}.proto"


def value_suffix(graphql_value: str) -> str:
    """The part of a value's proto name after the prefix: ``CANCELLED___X`` -> ``CANCELLED_X``."""
    return _UNDERSCORES.sub("_", graphql_value.upper()).strip("_") or EMPTY_VALUE


def value_name(enum_proto_name: str, graphql_value: str) -> str:
    """The proto name the rule gives a new value: the enum's prefix plus :func:`value_suffix`."""
    return value_prefix(enum_proto_name) + value_suffix(graphql_value)


def zero_value_name(enum_proto_name: str) -> str:
    return value_prefix(enum_proto_name) + "UNSPECIFIED"


def is_upper_snake(name: str) -> bool:
    """True when buf's ENUM_VALUE_UPPER_SNAKE_CASE would accept ``name`` unchanged."""
    return snake_case(name).upper() == name


def is_proto_enum_name(name: str) -> bool:
    """True when ``name`` is a PascalCase proto identifier that buf's ENUM_PASCAL_CASE accepts."""
    return PROTO_ENUM_NAME.fullmatch(name) is not None and not keyword.iskeyword(name)
