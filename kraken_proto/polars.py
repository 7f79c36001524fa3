"""The contract's four column conversions as polars expressions: numbers, proto names and GraphQL strings.

Each function takes a column name or a ``pl.Expr`` and returns a ``pl.Expr`` built only from polars' own
machinery, so it runs inside the engine, lazily or streaming, with no Python per value::

    frame.with_columns(status=kraken_proto.polars.numbers_to_strings("status", "ReferralStatusChoices"))

Numbers are decoded by position, the way Arrow decodes a dictionary: the contract numbers an enum's values
1..n, so one ``gather`` from a literal ``pl.Enum`` column does it, with no hashing. Strings and proto
names go through ``replace_strict`` on a literal mapping. String outputs are ``pl.Enum`` columns whose
categories are the enum's strings (or proto names) in contract order (:func:`enum_dtype`): a small
integer a value, and the schema says which values may appear. Numbers come out as ``Int32``, as
protobuf holds them.

Unknown values are never a silent wrong answer. Polars evaluates an expression inside ``collect``, where
no exception of ours can be raised, so with ``strict=True`` (the default) the *expression* fails the
query with polars' own error (a ``polars.exceptions.PolarsError``: ``OutOfBoundsError`` for numbers,
``InvalidOperationError`` for strings and proto names; where polars prints the failing expression, its
literals are named after the enum).
Given a ``pl.Series`` instead, a function converts it at once and returns a ``pl.Series``; there
``strict=True`` raises :class:`~kraken_proto.errors.UnknownEnumValuesError` naming the enum, how many
values are unknown and the first one. ``strict=False`` turns unknown values into nulls in both forms.
Nulls stay null. The meaning is :class:`~kraken_proto.mapping.EnumMapping`'s, value for value: the zero
value (``*_UNSPECIFIED``) has no GraphQL string, so it is unknown to ``numbers_to_strings`` and
``proto_names_to_strings``. A number column must be of an integer type, strict or not, as
``to_string(1.5)`` is a ``TypeError`` whatever its default: a float is never truncated into a number, nor
a boolean read as 0 and 1. A string expression reads a column of another type as text, which can never
match (GraphQL enum values and proto names are names: never a number, ``true`` or ``false``), so its
values are unknown. A Series of the wrong type is a ``TypeError``.

polars is an optional extra (``kraken-proto[polars]``), imported when a function here is first called:
``import kraken_proto.polars`` costs nothing without it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, overload

from ._extras import require
from .errors import UnknownEnumValuesError, refusal_reason
from .registry import get

if TYPE_CHECKING:
    import polars as pl

    from .mapping import EnumMapping

__all__ = ["enum_dtype", "numbers_to_strings", "proto_names_to_strings", "strings_to_numbers", "strings_to_proto_names"]

_Conversion = Literal["numbers_to_strings", "strings_to_numbers", "proto_names_to_strings", "strings_to_proto_names"]


def _polars() -> None:
    """Import polars, or raise the one-line MissingExtraError naming ``kraken-proto[polars]``."""
    require("polars", extra="polars", feature="kraken_proto.polars")


@dataclass(frozen=True, kw_only=True)
class _Plan:
    """One conversion of one enum: the polars expression that does it, and how to report what it refuses."""

    mapping: EnumMapping
    takes: Literal["numbers", "strings", "proto_names"]

    def expression(self, values: pl.Expr, *, strict: bool) -> pl.Expr:
        raise NotImplementedError

    def reason(self, first: Any) -> str:
        """Why ``first`` is refused: the reason of the error the Python helper raises for it (the words
        kraken_proto.arrow gives too)."""
        m = self.mapping
        if self.takes == "numbers":
            return refusal_reason(lambda: m.to_string(first))
        if self.takes == "strings":
            return refusal_reason(lambda: m.from_string(first))
        return refusal_reason(lambda: m.to_string(m.from_proto_name(first)))


@dataclass(frozen=True, kw_only=True)
class _ByPosition(_Plan):
    """Numbers -> strings, the way Arrow decodes a dictionary: number i is slot i of ``table`` (slot 0, the
    UNSPECIFIED value's, null), so one ``gather`` converts a column, with no hashing."""

    table: pl.Series

    def expression(self, values: pl.Expr, *, strict: bool) -> pl.Expr:
        """``table[values]`` for the numbers 1..n; anything else out of bounds (strict: polars fails the query) or the null slot 0.

        Only integer columns index: ``sign()`` refuses booleans (never read as 0 and 1) and strings, and
        ``gather`` refuses a float index (never truncated into a number), strict or not, as ``to_string``
        refuses a float or a bool in both modes. A negative number must never index from the end.
        """
        import polars as pl

        top = self.table.len() - 1
        known = (values.sign() == 1) & (values <= top)
        index = pl.when(known | values.is_null()).then(values).otherwise(top + 1 if strict else 0)
        converted = pl.lit(self.table).gather(index)
        name = values.meta.output_name(raise_if_undetermined=False)  # the input's name, as an elementwise expression keeps it
        return converted.alias(name) if name is not None else converted.name.keep()


@dataclass(frozen=True, kw_only=True)
class _ByMapping(_Plan):
    """Strings or proto names -> the other forms: polars' ``replace_strict`` on the literal mapping ``old`` -> ``new``."""

    old: pl.Series
    new: pl.Series
    return_dtype: pl.DataType

    def expression(self, values: pl.Expr, *, strict: bool) -> pl.Expr:
        import polars as pl

        values = values.cast(pl.String)  # a no-op on String; a Categorical or Enum column is compared by its strings
        if strict:
            return values.replace_strict(self.old, self.new, return_dtype=self.return_dtype)
        return values.replace_strict(self.old, self.new, default=None, return_dtype=self.return_dtype)


@functools.cache
def _plan(m: EnumMapping, conversion: _Conversion) -> _Plan:
    """The plan of ``conversion`` for ``m``, built once: its literals are the enum's, and an enum never changes at run time."""
    import polars as pl

    strings, names = m.strings(), tuple(v.proto_name for v in m.values())
    string_keys = pl.Series(f"{m.graphql_name} strings", strings)
    if conversion == "numbers_to_strings":
        # The contract numbers an enum's values 1..n (docs/contract.md: a new value takes the next number, none is removed).
        if m.numbers() != tuple(range(1, len(strings) + 1)):
            raise RuntimeError(f"{m.full_name} is not numbered 1..{len(strings)}: the generated code is not from kraken-proto generate")
        table = pl.Series(f"{m.graphql_name} by number", [None, *strings], dtype=pl.Enum(strings))
        return _ByPosition(mapping=m, takes="numbers", table=table)
    if conversion == "strings_to_numbers":
        return _ByMapping(mapping=m, takes="strings", old=string_keys, new=pl.Series(m.numbers(), dtype=pl.Int32), return_dtype=pl.Int32())
    if conversion == "proto_names_to_strings":
        old = pl.Series(f"{m.graphql_name} proto names", names)
        return _ByMapping(mapping=m, takes="proto_names", old=old, new=pl.Series(strings), return_dtype=pl.Enum(strings))
    return _ByMapping(mapping=m, takes="strings", old=string_keys, new=pl.Series(names), return_dtype=pl.Enum(names))


def enum_dtype(enum: Any) -> pl.Enum:
    """The ``pl.Enum`` of ``enum``'s GraphQL strings in contract (number) order: what ``numbers_to_strings`` returns.

    Casting a string column to it (``pl.col("status").cast(kraken_proto.polars.enum_dtype(...))``) is also
    the cheapest way to check strings against the contract while keeping them as strings.
    """
    _polars()
    import polars as pl

    return pl.Enum(get(enum).strings())


def _series(values: pl.Series, plan: _Plan, *, strict: bool) -> pl.Series:
    """Convert a Series now; strict, raise UnknownEnumValuesError with the count and the first unknown value."""
    import polars as pl

    dtype = values.dtype
    if plan.takes == "numbers":
        accepted = dtype.is_integer() or dtype == pl.Null
        wanted = "an integer type (proto numbers)"
    else:
        accepted = dtype in (pl.String, pl.Categorical, pl.Null) or isinstance(dtype, pl.Enum)
        wanted = "String, Categorical or Enum"
    if not accepted:
        raise TypeError(f"a column of {plan.mapping.graphql_name} {plan.takes.replace('_', ' ')} must be of {wanted}, not {dtype}")
    if dtype == pl.Null:  # all nulls and no type: give it one that indexes and casts to String
        values = values.cast(pl.Int64)
    name = values.name
    converted = values.to_frame(name).select(plan.expression(pl.col(name), strict=False)).to_series()
    if strict:
        unknown = converted.is_null() & values.is_not_null()
        count = int(unknown.sum())
        if count:
            first = values.filter(unknown)[0]
            raise UnknownEnumValuesError(plan.mapping.graphql_name, first, count, plan.reason(first))
    return converted


@overload
def _convert(values: pl.Series, enum: Any, conversion: _Conversion, *, strict: bool) -> pl.Series: ...
@overload
def _convert(values: pl.Expr | str, enum: Any, conversion: _Conversion, *, strict: bool) -> pl.Expr: ...
def _convert(values: pl.Expr | pl.Series | str, enum: Any, conversion: _Conversion, *, strict: bool) -> pl.Expr | pl.Series:
    _polars()
    import polars as pl

    plan = _plan(get(enum), conversion)
    if isinstance(values, pl.Series):
        return _series(values, plan, strict=strict)
    if isinstance(values, (pl.Expr, str)):
        return plan.expression(pl.col(values) if isinstance(values, str) else values, strict=strict)
    raise TypeError(f"values must be a column name, a polars Expr or a polars Series, not {type(values).__name__}")


@overload
def numbers_to_strings(values: pl.Series, enum: Any, *, strict: bool = True) -> pl.Series: ...
@overload
def numbers_to_strings(values: pl.Expr | str, enum: Any, *, strict: bool = True) -> pl.Expr: ...
def numbers_to_strings(values: pl.Expr | pl.Series | str, enum: Any, *, strict: bool = True) -> pl.Expr | pl.Series:
    """Proto numbers (any integer type) -> GraphQL strings, as a ``pl.Enum`` of :func:`enum_dtype`."""
    return _convert(values, enum, "numbers_to_strings", strict=strict)


@overload
def strings_to_numbers(values: pl.Series, enum: Any, *, strict: bool = True) -> pl.Series: ...
@overload
def strings_to_numbers(values: pl.Expr | str, enum: Any, *, strict: bool = True) -> pl.Expr: ...
def strings_to_numbers(values: pl.Expr | pl.Series | str, enum: Any, *, strict: bool = True) -> pl.Expr | pl.Series:
    """GraphQL strings (exact, case-sensitive) -> proto numbers, as ``Int32``."""
    return _convert(values, enum, "strings_to_numbers", strict=strict)


@overload
def proto_names_to_strings(values: pl.Series, enum: Any, *, strict: bool = True) -> pl.Series: ...
@overload
def proto_names_to_strings(values: pl.Expr | str, enum: Any, *, strict: bool = True) -> pl.Expr: ...
def proto_names_to_strings(values: pl.Expr | pl.Series | str, enum: Any, *, strict: bool = True) -> pl.Expr | pl.Series:
    """Proto names (``REFERRAL_STATUS_CHOICES_CANCELLED``, as Spark's ``from_protobuf`` writes them) -> GraphQL strings."""
    return _convert(values, enum, "proto_names_to_strings", strict=strict)


@overload
def strings_to_proto_names(values: pl.Series, enum: Any, *, strict: bool = True) -> pl.Series: ...
@overload
def strings_to_proto_names(values: pl.Expr | str, enum: Any, *, strict: bool = True) -> pl.Expr: ...
def strings_to_proto_names(values: pl.Expr | pl.Series | str, enum: Any, *, strict: bool = True) -> pl.Expr | pl.Series:
    """GraphQL strings -> proto names, as a ``pl.Enum`` of the enum's proto names in number order."""
    return _convert(values, enum, "strings_to_proto_names", strict=strict)
