"""The JSON codec's parse errors: protobuf's ``ParseError`` *and* ``ValueError``, with the field path.

Both bases on purpose: code written for ``google.protobuf.json_format`` catches ``ParseError``; code
that treats bad input as a value problem catches ``ValueError``. An unknown string for one of our enums
is also an :class:`~kraken_proto.errors.UnknownEnumValueError`, like every other bad enum value here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from google.protobuf import json_format as _pb_json

from ..errors import UnknownEnumValueError

#: The reason and the closest documented strings of a bad value for one of our enums, found on demand.
Explain = Callable[[], tuple[str, Sequence[str]]]

#: Failure.problem of a message nested deeper than max_recursion_depth; the limit is named at the top.
TOO_DEEP = "Message too deep"


class ParseError(_pb_json.ParseError, ValueError):
    """JSON that does not fit the message; ``path`` is where (``Event.items[2].status``)."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        # Not super(): in EnumValueParseError the next __init__ would be UnknownEnumValueError's.
        Exception.__init__(self, f"{path}: {problem}")

    def __str__(self) -> str:
        return str(self.args[0])


class EnumValueParseError(ParseError, UnknownEnumValueError):
    """A value for one of our enum fields that is no documented string, proto value name or number."""

    def __init__(self, path: str, enum: str, full_name: str, value: object, reason: str, suggestions: Sequence[str] = ()) -> None:
        self.enum = enum
        self.full_name = full_name
        self.value = value
        self.reason = reason
        self.suggestions = tuple(suggestions)
        hint = f"; closest: {', '.join(map(repr, self.suggestions))}" if self.suggestions else ""
        ParseError.__init__(self, path, f"{shown(value)} is not a value of {enum} ({full_name}): {reason}{hint}")


class Failure(Exception):
    """Internal: a problem found deep in a message, collecting path segments while it unwinds.

    The path is built only on this error path, so the hot path never formats strings.
    """

    def __init__(self, problem: str, *, ignorable: bool = False, enum: tuple[str, str, object, Explain] | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        #: an unknown enum *string*: skipped under ignore_unknown_fields, as protobuf's parser does.
        self.ignorable = ignorable
        #: (graphql_name, full name, value, explain) when the value was for one of our enums; ``explain()`` gives
        #: the reason and the closest documented strings, a search made only when the error is reported.
        self.enum = enum
        self.segments: list[str] = []

    def public(self, root: str, max_recursion_depth: object) -> ParseError:
        path = root + "".join(reversed(self.segments))
        if self.enum is not None:
            name, full_name, value, explain = self.enum
            reason, suggestions = explain()
            return EnumValueParseError(path, name, full_name, value, reason, suggestions)
        if self.problem == TOO_DEEP:
            return ParseError(path, f"{TOO_DEEP}. Max recursion depth is {max_recursion_depth}")
        return ParseError(path, self.problem)


def runtime_failure(exc: BaseException) -> Failure:
    """What the protobuf runtime or the standard library refused (a range check, a huge number...)."""
    if isinstance(exc, RecursionError):
        return Failure("nested too deeply for Python's recursion limit")
    text = str(exc)
    return Failure(text if isinstance(exc, (ValueError, TypeError)) and text else f"{type(exc).__name__}: {text}")


def shown(value: object, limit: int = 200) -> str:
    """``repr(value)``, but a long string cut after ``limit`` characters: an error message stays one readable
    line, and a 10 MB payload is not copied into it (the error's ``value`` keeps it whole)."""
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}... ({len(value):,} characters)"
    return repr(value)


def json_type(value: object) -> str:
    """How a JSON value reads in an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
