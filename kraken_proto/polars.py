"""The contract's four column conversions as polars expressions: numbers, proto names and GraphQL strings.

Each function takes a column name or a ``pl.Expr`` and returns a ``pl.Expr`` built only from polars' own
machinery (``replace_strict`` on literal mappings), so it runs inside the engine, lazily, streaming, with
no Python per value::

    frame.with_columns(status=kraken_proto.polars.numbers_to_strings("status", "ReferralStatusChoices"))

String outputs are ``pl.Enum`` columns whose categories are the enum's strings (or proto names) in
contract order (:func:`enum_dtype`): four bytes a value, and the schema says which values may appear.
Numbers come out as ``Int32``, as protobuf holds them.

Unknown values are never a silent wrong answer. Polars evaluates an expression inside ``collect``, where
no Python exception of ours can be raised, so ``strict=True`` (the default) makes the *expression* fail
the query with polars' own ``InvalidOperationError`` (the error shows the mapping's literal, named after
the enum). Given a ``pl.Series`` instead, a function converts it at once and returns a ``pl.Series``;
there ``strict=True`` raises :class:`~kraken_proto.errors.UnknownEnumValuesError` naming the enum, how many
values are unknown and the first one. ``strict=False`` turns unknown values into nulls in both forms.
Nulls stay null. The meaning is :class:`~kraken_proto.mapping.EnumMapping`'s, value for value: the zero
value (``*_UNSPECIFIED``) has no GraphQL string, so it is unknown to ``numbers_to_strings`` and
``proto_names_to_strings``, and a number column must be of an integer type (a float or string column
is refused whole, as ``to_string`` refuses a float).

polars is an optional extra (``kraken-proto[polars]``), imported when a function here is first called:
``import kraken_proto.polars`` costs nothing without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, overload

from ._extras import require
from .errors import UnknownEnumValuesError
from .registry import get

if TYPE_CHECKING:
    import polars as pl

    from .mapping import EnumMapping

__all__ = ["enum_dtype", "numbers_to_strings", "proto_names_to_strings", "strings_to_numbers", "strings_to_proto_names"]

_Input = Literal["numbers", "strings", "proto_names"]


def _polars() -> None:
    """Import polars, or raise the one-line MissingExtraError naming ``kraken-proto[polars]``."""
    require("polars", extra="polars", feature="kraken_proto.polars")


@dataclass(frozen=True, kw_only=True)
class _Plan:
    """One conversion for one enum: the literal mapping ``replace_strict`` applies, and how to report what it refuses."""

    mapping: EnumMapping
    takes: _Input
    old: pl.Series
    new: pl.Series
    return_dtype: pl.DataType

    def reason(self, first: Any) -> str:
        """Why ``first`` is refused, in the words of the Python helper that would refuse it."""
        m = self.mapping
        if self.takes == "strings":
            error = m.value_error(first)
            return str(getattr(error, "reason", error))
        if self.takes == "proto_names":
            if first == m.proto_name(0):
                return "the UNSPECIFIED value has no GraphQL string"
            return "no value has this proto name"
        if first == 0:
            return "0 is the UNSPECIFIED value, which has no GraphQL string"
        numbers = m.numbers()
        return f"this version of kraken-proto knows numbers {numbers[0]}..{numbers[-1]}; a newer producer may have added it"


def enum_dtype(enum: Any) -> pl.Enum:
    """The ``pl.Enum`` of ``enum``'s GraphQL strings in contract (number) order: what ``numbers_to_strings`` returns.

    Casting a string column to it (``pl.col("status").cast(kraken_proto.polars.enum_dtype(...))``) is also
    the cheapest way to check strings against the contract while keeping them as strings.
    """
    _polars()
    import polars as pl

    return pl.Enum(get(enum).strings())


def _numbers_plan(m: EnumMapping, new: tuple[str, ...], takes: _Input) -> _Plan:
    import polars as pl

    return _Plan(mapping=m, takes=takes, old=pl.Series(f"{m.graphql_name} numbers", m.numbers(), dtype=pl.Int64), new=pl.Series(new), return_dtype=pl.Enum(new))


def _as_int64(values: pl.Expr, *, strict: bool) -> pl.Expr:
    """``values`` as Int64 if its dtype is an integer type; otherwise every value unknown.

    Casting first lets a narrow column (Int8 holds at most 127) meet keys up to the enum's highest number.
    A float column must not be truncated into numbers (1.5 would become 1), so the dtype is checked in the
    plan: a column of another type becomes -1 everywhere (no enum's number: the strict mapping fails) or,
    lenient, null everywhere. Polars folds the check away once it knows the dtype.
    """
    import polars as pl
    import polars.selectors as cs

    refused = pl.lit(-1 if strict else None, dtype=pl.Int64)
    return pl.when(pl.dtype_of(values).matches(cs.integer())).then(values.cast(pl.Int64, strict=strict)).otherwise(refused)


def _expression(values: pl.Expr | str, plan: _Plan, *, strict: bool) -> pl.Expr:
    import polars as pl

    expr = pl.col(values) if isinstance(values, str) else values
    if plan.takes == "numbers":
        expr = _as_int64(expr, strict=strict)
    else:  # a no-op on String; a Categorical or Enum column compares by its strings (replace_strict would cast the keys to its categories)
        expr = expr.cast(pl.String)
    if strict:
        return expr.replace_strict(plan.old, plan.new, return_dtype=plan.return_dtype)
    return expr.replace_strict(plan.old, plan.new, default=None, return_dtype=plan.return_dtype)


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
    if dtype == pl.Null:  # all nulls, no type: the mapping's keys cannot be cast to Null
        values = values.cast(pl.Int64)
    name = values.name
    converted = values.to_frame(name).select(_expression(pl.col(name), plan, strict=False)).to_series()
    if strict:
        unknown = converted.is_null() & values.is_not_null()
        count = int(unknown.sum())
        if count:
            first = values.filter(unknown)[0]
            raise UnknownEnumValuesError(plan.mapping.graphql_name, first, count, plan.reason(first))
    return converted


@overload
def _convert(values: pl.Series, plan: _Plan, *, strict: bool) -> pl.Series: ...
@overload
def _convert(values: pl.Expr | str, plan: _Plan, *, strict: bool) -> pl.Expr: ...
def _convert(values: pl.Expr | pl.Series | str, plan: _Plan, *, strict: bool) -> pl.Expr | pl.Series:
    import polars as pl

    if isinstance(values, pl.Series):
        return _series(values, plan, strict=strict)
    if isinstance(values, (pl.Expr, str)):
        return _expression(values, plan, strict=strict)
    raise TypeError(f"values must be a column name, a polars Expr or a polars Series, not {type(values).__name__}")


@overload
def numbers_to_strings(values: pl.Series, enum: Any, *, strict: bool = True) -> pl.Series: ...
@overload
def numbers_to_strings(values: pl.Expr | str, enum: Any, *, strict: bool = True) -> pl.Expr: ...
def numbers_to_strings(values: pl.Expr | pl.Series | str, enum: Any, *, strict: bool = True) -> pl.Expr | pl.Series:
    """Proto numbers (any integer type) -> GraphQL strings, as a ``pl.Enum`` of :func:`enum_dtype`."""
    _polars()
    m = get(enum)
    return _convert(values, _numbers_plan(m, m.strings(), "numbers"), strict=strict)


@overload
def strings_to_numbers(values: pl.Series, enum: Any, *, strict: bool = True) -> pl.Series: ...
@overload
def strings_to_numbers(values: pl.Expr | str, enum: Any, *, strict: bool = True) -> pl.Expr: ...
def strings_to_numbers(values: pl.Expr | pl.Series | str, enum: Any, *, strict: bool = True) -> pl.Expr | pl.Series:
    """GraphQL strings (exact, case-sensitive) -> proto numbers, as ``Int32``."""
    _polars()
    import polars as pl

    m = get(enum)
    plan = _Plan(
        mapping=m, takes="strings", old=pl.Series(f"{m.graphql_name} strings", m.strings()), new=pl.Series(m.numbers(), dtype=pl.Int32), return_dtype=pl.Int32()
    )
    return _convert(values, plan, strict=strict)


@overload
def proto_names_to_strings(values: pl.Series, enum: Any, *, strict: bool = True) -> pl.Series: ...
@overload
def proto_names_to_strings(values: pl.Expr | str, enum: Any, *, strict: bool = True) -> pl.Expr: ...
def proto_names_to_strings(values: pl.Expr | pl.Series | str, enum: Any, *, strict: bool = True) -> pl.Expr | pl.Series:
    """Proto names (``REFERRAL_STATUS_CHOICES_CANCELLED``, as Spark's ``from_protobuf`` writes them) -> GraphQL strings."""
    _polars()
    import polars as pl

    m = get(enum)
    names = tuple(v.proto_name for v in m.values())
    strings = m.strings()
    plan = _Plan(mapping=m, takes="proto_names", old=pl.Series(f"{m.graphql_name} proto names", names), new=pl.Series(strings), return_dtype=pl.Enum(strings))
    return _convert(values, plan, strict=strict)


@overload
def strings_to_proto_names(values: pl.Series, enum: Any, *, strict: bool = True) -> pl.Series: ...
@overload
def strings_to_proto_names(values: pl.Expr | str, enum: Any, *, strict: bool = True) -> pl.Expr: ...
def strings_to_proto_names(values: pl.Expr | pl.Series | str, enum: Any, *, strict: bool = True) -> pl.Expr | pl.Series:
    """GraphQL strings -> proto names, as a ``pl.Enum`` of the enum's proto names in number order."""
    _polars()
    import polars as pl

    m = get(enum)
    names = tuple(v.proto_name for v in m.values())
    plan = _Plan(mapping=m, takes="strings", old=pl.Series(f"{m.graphql_name} strings", m.strings()), new=pl.Series(names), return_dtype=pl.Enum(names))
    return _convert(values, plan, strict=strict)
