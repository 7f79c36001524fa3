"""One Kraken enum's two-way mapping between proto numbers and documented GraphQL strings.

The tables are read once from the descriptors' custom options (``graphql_value`` and friends), which
are the single source of truth: there is no second table that could disagree with the protos. After
that, each conversion is one dict lookup; the error path does the slow, helpful work.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final, NamedTuple, TypeVar, overload

from google.protobuf.descriptor import EnumDescriptor

from kraken.enums.v1 import options_pb2

from ._deprecation import deprecated as _deprecated
from .errors import UnknownEnumValueError

_MISSING: Final[Any] = object()
_D = TypeVar("_D")


class ValueInfo(NamedTuple):
    """Everything the contract says about one non-zero value (names as in docs/architecture.md's glossary)."""

    number: int
    proto_name: str
    graphql_value: str
    """The value's exact documented GraphQL string (``"Cancelled"``)."""
    description: str
    deprecated: bool

    @property
    @_deprecated("ValueInfo.string is deprecated: use ValueInfo.graphql_value (removed in kraken-proto 1.0)")
    def string(self) -> str:
        """Deprecated name of :attr:`graphql_value`."""
        return self.graphql_value


class EnumMapping:
    """The mapping for one enum; get one with :func:`kraken_proto.get`."""

    __slots__ = (
        "graphql_name",
        "full_name",
        "descriptor",
        "enum_description",
        "deprecated",
        "_to_string",
        "_from_string",
        "_by_proto_name",
        "_info",
        "_strings",
    )

    def __init__(self, descriptor: EnumDescriptor) -> None:
        options = descriptor.GetOptions()
        self.descriptor: Final = descriptor
        self.full_name: Final[str] = descriptor.full_name
        self.graphql_name: Final[str] = options.Extensions[options_pb2.graphql_name] or descriptor.name
        self.enum_description: Final[str] = options.Extensions[options_pb2.graphql_enum_description]
        """Upstream's description of the enum itself (``""`` when upstream gives none); the description of
        a value is :meth:`description`, its own facts are :attr:`deprecated` and :meth:`is_deprecated`."""
        self.deprecated: Final[bool] = options.deprecated
        info: dict[int, ValueInfo] = {}
        for value in descriptor.values:
            if value.number == 0:
                continue
            value_options = value.GetOptions()
            graphql_value = value_options.Extensions[options_pb2.graphql_value]
            if not graphql_value:
                raise RuntimeError(f"{descriptor.full_name}.{value.name} has no graphql_value option: the generated code is not from kraken-proto generate")
            info[value.number] = ValueInfo(
                value.number, value.name, graphql_value, value_options.Extensions[options_pb2.graphql_value_description], value_options.deprecated
            )
        self._info: Final = info
        self._to_string: Final = {number: i.graphql_value for number, i in info.items()}
        self._from_string: Final = {i.graphql_value: number for number, i in info.items()}
        self._by_proto_name: Final = {v.name: v.number for v in descriptor.values}
        self._strings: Final = tuple(self._to_string[n] for n in sorted(self._to_string))

    @property
    @_deprecated("EnumMapping.description_text is deprecated: use EnumMapping.enum_description (removed in kraken-proto 1.0)")
    def description_text(self) -> str:
        """Deprecated name of :attr:`enum_description`."""
        return self.enum_description

    # -- the hot path -------------------------------------------------------------------------

    @overload
    def to_string(self, number: int) -> str: ...
    @overload
    def to_string(self, number: int, default: _D) -> str | _D: ...
    def to_string(self, number: int, default: Any = _MISSING) -> Any:
        """The documented GraphQL string of ``number``; ``default`` instead of raising, if given."""
        if number.__class__ is int:
            try:
                return self._to_string[number]
            except KeyError:
                if default is not _MISSING:
                    return default
        raise self._bad_number(number)

    @overload
    def from_string(self, text: str) -> int: ...
    @overload
    def from_string(self, text: str, default: _D) -> int | _D: ...
    def from_string(self, text: str, default: Any = _MISSING) -> Any:
        """The number of a documented string: exact and case-sensitive, as GraphQL is."""
        try:
            return self._from_string[text]
        except (KeyError, TypeError):
            if default is not _MISSING and isinstance(text, str):
                return default
            raise self.value_error(text) from None

    # -- the rest of the contract ----------------------------------------------------------------

    def strings(self) -> tuple[str, ...]:
        """Every documented string, in number order (deprecated ones included: old data holds them)."""
        return self._strings

    def numbers(self) -> tuple[int, ...]:
        return tuple(sorted(self._info))

    def values(self) -> tuple[ValueInfo, ...]:
        return tuple(self._info[n] for n in sorted(self._info))

    def description(self, number: int) -> str:
        """Upstream's description of the value (``""`` when upstream gives none)."""
        return self._value(number).description

    def is_deprecated(self, number: int) -> bool:
        return self._value(number).deprecated

    def proto_name(self, number: int) -> str:
        """The proto value name (``ACCOUNT_STATUS_ACTIVE``); 0 gives the ``*_UNSPECIFIED`` name."""
        if number == 0 and number.__class__ is int:
            return self.descriptor.values_by_number[0].name
        return self._value(number).proto_name

    def from_proto_name(self, name: str) -> int:
        """The number of a proto value name, ``*_UNSPECIFIED`` (0) included."""
        try:
            return self._by_proto_name[name]
        except (KeyError, TypeError):
            if not isinstance(name, str):
                raise TypeError(f"a proto value name of {self.graphql_name} must be a str, not {type(name).__name__}") from None
            import difflib  # the error path only: difflib costs a third of the protobuf runtime's import

            close = difflib.get_close_matches(name.upper(), list(self._by_proto_name), n=3)
            raise UnknownEnumValueError(self.graphql_name, name, "no value has this proto name", close) from None

    def __len__(self) -> int:
        return len(self._info)

    def __iter__(self) -> Iterator[ValueInfo]:
        return iter(self.values())

    def __repr__(self) -> str:
        return f"<EnumMapping {self.graphql_name} ({self.full_name}), {len(self)} values>"

    # -- errors -----------------------------------------------------------------------------------

    def _value(self, number: int) -> ValueInfo:
        if number.__class__ is int and number in self._info:
            return self._info[number]
        raise self._bad_number(number)

    def _bad_number(self, number: object) -> Exception:
        if number.__class__ is not int:
            return TypeError(f"a number of {self.graphql_name} must be an int, not {type(number).__name__}")
        if number == 0:
            return UnknownEnumValueError(self.graphql_name, number, "0 is the UNSPECIFIED value, which has no GraphQL string")
        known = sorted(self._info)
        span = f"{known[0]}..{known[-1]}" if known else "none"
        return UnknownEnumValueError(self.graphql_name, number, f"this version of kraken-proto knows numbers {span} (a newer producer may have added it)")

    def value_error(self, text: object) -> Exception:
        """The error :meth:`from_string` raises for ``text``: an UnknownEnumValueError with its reason and the
        closest documented values (a TypeError if ``text`` is no str). The JSON codec reports with it."""
        if not isinstance(text, str):
            return TypeError(f"a value of {self.graphql_name} must be a str, not {type(text).__name__}")
        import difflib

        longest = max(map(len, self._strings), default=0)
        stripped = text.strip()
        wanted = stripped.casefold() if len(stripped) <= longest else None  # casefold never shortens: a longer text matches none
        folded = [s for s in self._strings if s.casefold() == wanted]
        # difflib's ratio (2 * matches / total length) stays under its 0.6 cutoff once one string is more than
        # 7/3 times the other's length: no search for a text that long (a 10 MB payload would take seconds).
        similar = difflib.get_close_matches(text, self._strings, n=3) if 3 * len(text) <= 7 * longest else []
        close = folded + [s for s in similar if s not in folded]
        reason = "strings are exact and case-sensitive" if folded else "not a documented string"
        return UnknownEnumValueError(self.graphql_name, text, reason, close[:3])
