"""The two exceptions callers catch: an unknown enum, and an unknown value of a known enum."""

from __future__ import annotations

from collections.abc import Sequence


class UnknownEnumError(LookupError):
    """``get()`` was given something that names none of the Kraken enums."""

    def __init__(self, key: object, suggestions: Sequence[str] = ()) -> None:
        self.key = key
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(map(repr, self.suggestions))}?" if self.suggestions else ""
        super().__init__(f"{key!r} is not a Kraken enum (give a GraphQL name, a full proto name, a generated enum class or its descriptor){hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownEnumValueError(ValueError):
    """A string or number that is not a value of the enum it was given for.

    A ``ValueError``, so that code already catching bad input keeps working. Raised for the zero value
    too (``*_UNSPECIFIED`` has no GraphQL string), and for numbers a newer producer added that this
    version of the package does not know yet.
    """

    def __init__(self, enum: str, value: object, reason: str, suggestions: Sequence[str] = ()) -> None:
        self.enum = enum
        self.value = value
        self.reason = reason
        self.suggestions = tuple(suggestions)
        hint = f"; closest: {', '.join(map(repr, self.suggestions))}" if self.suggestions else ""
        super().__init__(f"{value!r} is not a value of {enum}: {reason}{hint}")
