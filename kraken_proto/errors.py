"""The exceptions callers catch: an unknown enum, an unknown value of a known enum, and unknown values in a column."""

from __future__ import annotations

from collections.abc import Callable, Sequence


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


class UnknownEnumValuesError(UnknownEnumValueError):
    """A column (Arrow, polars, Spark) held values that are not values of its enum: how many, and the first.

    A column is checked as a whole, so one error reports them all: the count says how bad it is, the
    first one is the example to look for. Still an :class:`UnknownEnumValueError` (so a ``ValueError``),
    so code that catches the per-value error catches this one too; ``value`` is the first unknown value.
    """

    def __init__(self, enum: str, first: object, count: int, reason: str) -> None:
        self.count = count
        super().__init__(enum, first, reason)
        what = f"1 value is not a value of {enum}" if count == 1 else f"{count} values are not values of {enum}"
        self.args = (f"{what} ({reason}); the first: {first!r}",)


def refusal_reason(refused: Callable[[], object]) -> str:
    """The reason the Python helper gives for a value it refuses (``refused`` makes the call).

    The column conversions (Arrow, polars, Spark) report unknown values with the Python helper's own words,
    so their messages cannot drift from :class:`UnknownEnumValueError`'s.
    """
    try:
        refused()
    except UnknownEnumValueError as error:
        return error.reason
    raise AssertionError("the Python helper accepted a value the column conversion found unknown")  # pragma: no cover
