"""The base of every class in :mod:`kraken_proto.graphql`: a ``StrEnum`` that also knows its proto numbers.

A member *is* its documented GraphQL string (``AccountStatus.ACTIVE == "ACTIVE"``), so pydantic,
strawberry, gql and ariadne-codegen's code take it as the native Python enum they expect; ``.number`` is
the proto number and ``from_number`` goes back. Conversions that fail raise exactly what the mapping
(:func:`kraken_proto.get`) raises, because they ask the mapping for the error.

The member-name rule (``MEMBER_NAME_RULE``) lives here too, because the generator and the tests must agree
on it and on the names it reserves.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, ClassVar, Self

from .mapping import EnumMapping


class GraphQLEnum(enum.StrEnum):
    """A Kraken GraphQL enum; members are valued by their exact documented strings."""

    __graphql_name__: ClassVar[str]
    """The enum's name in the GraphQL schema (``AccountStatus``); set by each generated class."""

    _value_: str
    number: int
    """The member's proto number, e.g. ``AccountStatus.ACTIVE.number == 1``."""

    if TYPE_CHECKING:
        # What type checkers see of a call: ``AccountStatus("ACTIVE")`` looks a member up by its value (Enum's
        # metaclass never calls the __new__ below, which only makes the members from ``"ACTIVE", 1``).
        def __new__(cls, value: str) -> Self: ...

    else:

        def __new__(cls, value: str, number: int) -> Self:
            member = str.__new__(cls, value)
            member._value_ = value
            member.number = number
            return member

    @classmethod
    def from_number(cls, number: int) -> Self:
        """The member whose proto number is ``number``; the mapping's errors otherwise.

        0 (``*_UNSPECIFIED``) and numbers this version does not know raise
        :class:`~kraken_proto.UnknownEnumValueError`; a non-``int`` (``bool`` included) raises ``TypeError``.
        """
        table: dict[int, Self] | None = cls.__dict__.get("_by_number")
        if table is None:  # built on first use: one dict per class, not a scan per call
            table = {member.number: member for member in cls}
            setattr(cls, "_by_number", table)  # noqa: B010 (an attribute the Enum class does not declare to type checkers)
        if number.__class__ is int and number in table:
            return table[number]
        cls._mapping().to_string(number)  # raises the mapping's error for this number
        raise AssertionError(f"{cls.__graphql_name__}: the mapping knows {number!r} and the StrEnum does not (regenerate)")

    @classmethod
    def from_proto_name(cls, proto_name: str) -> Self:
        """The member of a proto value name (``ACCOUNT_STATUS_ACTIVE``); the mapping's errors otherwise."""
        return cls.from_number(cls._mapping().from_proto_name(proto_name))

    @property
    def proto_name(self) -> str:
        """The proto value name, e.g. ``ACCOUNT_STATUS_ACTIVE``."""
        return self._mapping().proto_name(self.number)

    @property
    def deprecated(self) -> bool:
        """Whether the contract marks the value deprecated (old data still holds it)."""
        return self._mapping().is_deprecated(self.number)

    @property
    def description(self) -> str:
        """Upstream's description of the value (``""`` when upstream gives none)."""
        return self._mapping().description(self.number)

    @classmethod
    def _mapping(cls) -> EnumMapping:
        from .registry import get

        return get(cls.__graphql_name__)

    @classmethod
    def _missing_(cls, value: object) -> Any:
        """``AccountStatus("active")`` raises the mapping's error (exact and case-sensitive, with the closest).

        A non-string falls through to ``Enum``'s own ``ValueError``, which is what pydantic and other
        callers of ``Enum(value)`` expect for a value that is not a member.
        """
        if isinstance(value, str):
            cls._mapping().from_string(value)  # raises UnknownEnumValueError
        return None


MEMBER_NAME_RULE = """\
A member is named by its graphql_value when that string is a usable Python member name: an identifier
(already NFKC-normalised, as Python reads names) that is not a keyword or soft keyword, does not start
with an underscore, and is not an attribute of the
class (``name``, ``value``, ``number``, ``from_number``, ``mro``, ``upper``, ... see ``RESERVED_NAMES``).
Any other string gets a name made from it: each character that is not an ASCII letter, digit or
underscore becomes ``_``; ``V`` goes in front when the result would start with a digit or an underscore
or be empty; then ``_`` is appended until the name is usable and not taken. Values are named in proto
number order, so a released member's name never changes. The value is always the exact string."""

RESERVED_NAMES: frozenset[str] = frozenset(
    # keywords and soft keywords (3.11-3.14), the attributes of str, Enum, StrEnum and EnumType (the
    # metaclass, seen through the class), and this class's own API. Fixed here rather than read from the
    # running Python, so that generate writes the same names on every interpreter; tests check that it
    # covers the running one.
    [
        "False",
        "None",
        "True",
        "and",
        "as",
        "assert",
        "async",
        "await",
        "break",
        "case",
        "class",
        "continue",
        "def",
        "del",
        "elif",
        "else",
        "except",
        "finally",
        "for",
        "from",
        "global",
        "if",
        "import",
        "in",
        "is",
        "lambda",
        "match",
        "nonlocal",
        "not",
        "or",
        "pass",
        "raise",
        "return",
        "try",
        "type",
        "while",
        "with",
        "yield",
        "capitalize",
        "casefold",
        "center",
        "count",
        "encode",
        "endswith",
        "expandtabs",
        "find",
        "format",
        "format_map",
        "index",
        "isalnum",
        "isalpha",
        "isascii",
        "isdecimal",
        "isdigit",
        "isidentifier",
        "islower",
        "isnumeric",
        "isprintable",
        "isspace",
        "istitle",
        "isupper",
        "join",
        "ljust",
        "lower",
        "lstrip",
        "maketrans",
        "partition",
        "removeprefix",
        "removesuffix",
        "replace",
        "rfind",
        "rindex",
        "rjust",
        "rpartition",
        "rsplit",
        "rstrip",
        "split",
        "splitlines",
        "startswith",
        "strip",
        "swapcase",
        "title",
        "translate",
        "upper",
        "zfill",
        "name",
        "value",
        "mro",
        "register",
        "number",
        "from_number",
        "from_proto_name",
        "proto_name",
        "deprecated",
        "description",
    ]
)


def member_name_taken(name: str) -> bool:
    """Whether ``name`` cannot be a member's name (see ``MEMBER_NAME_RULE``)."""
    import unicodedata  # Python reads identifiers NFKC-normalised: a name must already be in that form

    return not name.isidentifier() or name.startswith("_") or name in RESERVED_NAMES or unicodedata.normalize("NFKC", name) != name
