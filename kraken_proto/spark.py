"""The contract in Spark: Column expressions that map an enum column between numbers, proto names and GraphQL strings.

Each conversion is one expression the JVM evaluates: a literal map of the enum's pairs looked up with
``try_element_at``, so no row ever goes through a Python UDF (no pickling, no Python worker) and the
optimizer folds the map into a constant once per query. It works on numbers, as payloads carry them or
as Spark's ``from_protobuf`` writes enum fields with ``enums.as.ints``, and on proto names
(``REFERRAL_STATUS_CHOICES_CANCELLED``), as ``from_protobuf`` writes them by default.

The meaning is the Python helpers' (``EnumMapping.to_string``, ``from_string``, ``proto_name``,
``from_proto_name``) on every value: null stays null, the zero value (``*_UNSPECIFIED``) has no GraphQL
string, anything the Python helper refuses is unknown. What differs is when a refusal happens: Spark is
lazy, so ``strict=True`` (the default) puts a ``raise_error`` inside the same expression and the job
fails at action time (``collect``, ``write``...) on the first unknown value a task meets, with a
``SparkRuntimeException`` (``USER_RAISED_EXCEPTION``) whose message is the Python helper's: the value,
the enum and why (Spark 3.5's ``raise_error`` throws a plain ``java.lang.RuntimeException`` with the same
message instead, which reaches Python as py4j's ``Py4JJavaError``). It needs no extra pass over the data and works in any job, streaming included.
``strict=False`` gives null for an unknown value, so a job can keep going and count or filter the nulls.
:func:`check` is the eager alternative: one aggregation job, then the shared
:class:`~kraken_proto.errors.UnknownEnumValuesError` with how many values are unknown and the first one.

``values`` is a Column or a column name; given a name, the result keeps that name (``select`` then
replaces the column in place), while an expression's result is named by Spark until you ``alias`` it.

A column of the wrong type fails whatever ``strict`` says, as the Python helpers raise ``TypeError``:
at analysis where Spark cannot compare it with the map's keys (strings into ``numbers_to_strings``),
through the same ``raise_error`` where Spark would cast it silently (a double ``2.0`` is not a proto
number, and matching it would hide a schema mistake).

pyspark is the ``spark`` extra: it is imported here only when a conversion is built, never by
``import kraken_proto``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal, cast

from ._extras import require
from .errors import UnknownEnumValuesError, refusal_reason
from .mapping import EnumMapping
from .registry import get

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame

__all__ = ["check", "numbers_to_strings", "proto_names_to_strings", "strings_to_numbers", "strings_to_proto_names"]

_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")
"""A GraphQL Name (what every enum value is, by the GraphQL spec) or a proto identifier."""

_INTEGRAL = ("tinyint", "smallint", "int", "bigint")
"""What ``typeof`` says of the integer types a number column may have (Spark folds the check to a constant)."""


def numbers_to_strings(values: Column | str, enum: Any, *, strict: bool = True) -> Column:
    """Proto numbers (any integer column) -> the enum's graphql_values; 0 and numbers this version does not know are unknown."""
    mapping = get(enum)
    pairs = [(value.number, value.graphql_value) for value in mapping.values()]
    return _convert(values, mapping, pairs, "numbers_to_strings", strict, accepted=_INTEGRAL)


def strings_to_numbers(values: Column | str, enum: Any, *, strict: bool = True) -> Column:
    """graphql_values (exact and case-sensitive, as GraphQL is) -> proto numbers, as an int column."""
    mapping = get(enum)
    pairs = [(value.graphql_value, value.number) for value in mapping.values()]
    return _convert(values, mapping, pairs, "strings_to_numbers", strict, accepted=("string",))


def proto_names_to_strings(values: Column | str, enum: Any, *, strict: bool = True) -> Column:
    """Proto names, as ``from_protobuf`` writes enum fields -> graphql_values; the ``*_UNSPECIFIED`` name has none, so it is unknown."""
    mapping = get(enum)
    pairs = [(value.proto_name, value.graphql_value) for value in mapping.values()]
    return _convert(values, mapping, pairs, "proto_names_to_strings", strict, accepted=("string",))


def strings_to_proto_names(values: Column | str, enum: Any, *, strict: bool = True) -> Column:
    """graphql_values -> proto names (never the ``*_UNSPECIFIED`` one: no graphql_value leads there)."""
    mapping = get(enum)
    pairs = [(value.graphql_value, value.proto_name) for value in mapping.values()]
    return _convert(values, mapping, pairs, "strings_to_proto_names", strict, accepted=("string",))


def check(frame: DataFrame, values: Column | str, enum: Any, *, holds: Literal["numbers", "strings", "proto_names"]) -> None:
    """Raise :class:`~kraken_proto.errors.UnknownEnumValuesError` (how many, and one of them) if ``values`` in
    ``frame`` holds anything that is not a value of ``enum``; return None if every non-null value is one.

    The eager counterpart of ``strict=True``, for a batch job that wants the same error as the Arrow and
    polars conversions before it writes: one aggregation job over ``frame`` (a count and a ``first``, no
    data collected but those two), where ``strict=True`` stops at the first bad row a task meets.
    ``holds`` says what the column holds, so which conversion would refuse what: numbers
    (``numbers_to_strings``), graphql_values (``strings_to_numbers``), or proto names
    (``proto_names_to_strings``: the ``*_UNSPECIFIED`` name is unknown there, as 0 is for numbers).
    """
    conversions = {"numbers": numbers_to_strings, "strings": strings_to_numbers, "proto_names": proto_names_to_strings}
    if holds not in conversions:
        raise ValueError(f"holds must be one of {', '.join(map(repr, conversions))}, not {holds!r}")
    conversion = conversions[holds]
    sf = require("pyspark.sql.functions", extra="spark", feature="kraken_proto.spark")
    column = sf.col(values) if isinstance(values, str) else values
    unknown = column.isNotNull() & conversion(column, enum, strict=False).isNull()
    [(count, first)] = frame.select(sf.count_if(unknown), sf.first(sf.when(unknown, column), ignorenulls=True)).collect()
    if count:
        mapping = get(enum)
        raise UnknownEnumValuesError(mapping.graphql_name, first, count, refusal_reason(lambda: _python_helper(mapping, holds)(first)))


def _python_helper(mapping: EnumMapping, holds: str) -> Callable[[Any], object]:
    """The Python helper that refuses what the conversion for ``holds`` refuses, so that its reason names the problem."""
    if holds == "numbers":
        return mapping.to_string
    if holds == "strings":
        return mapping.from_string
    return lambda name: mapping.to_string(mapping.from_proto_name(name))


def _convert(
    values: Column | str,
    mapping: EnumMapping,
    pairs: Iterable[tuple[object, object]],
    conversion: str,
    strict: bool,
    *,
    accepted: tuple[str, ...],
) -> Column:
    """``try_element_at`` on the literal map of ``pairs``; with ``strict``, a ``raise_error`` where a non-null value finds nothing.

    The type check comes first, so that a wrong column fails the same way in both modes rather than
    reaching a lookup that might cast it.
    """
    sf = require("pyspark.sql.functions", extra="spark", feature="kraken_proto.spark")
    column = sf.col(values) if isinstance(values, str) else values
    table = sf.expr(f"map({', '.join(f'{_sql_literal(key, key=True)}, {_sql_literal(value, key=False)}' for key, value in pairs)})")
    found = sf.try_element_at(table, column)
    if strict:
        found = sf.coalesce(found, sf.when(column.isNotNull(), sf.raise_error(_unknown_message(sf, column, mapping, conversion))))
    wrong_type = sf.lit(f"kraken_proto.spark.{conversion}: a column of {mapping.graphql_name} must be of type {' or '.join(accepted)}, not ")
    converted = sf.when(~sf.typeof(column).isin(*accepted), sf.raise_error(sf.concat(wrong_type, sf.typeof(column)))).otherwise(found)
    # A column given by name keeps its name (as withColumn("status", ...) would), instead of the whole expression's text.
    return cast("Column", converted.alias(values.rpartition(".")[2]) if isinstance(values, str) else converted)


def _sql_literal(value: object, *, key: bool) -> str:
    """``value`` as a Spark SQL literal: a number as a BIGINT key (``1L``), so that every integer column widens
    to the keys (a map of INT keys would refuse a BIGINT column), or an INT value (numbers out are int32); a
    name in quotes.

    The map is written as one SQL expression, so building a conversion is one call into the JVM instead
    of three per value (``lit``, ``cast``, ``lit``: seconds for a large enum on a busy driver). Only names
    ever go in quotes: GraphQL enum values and proto names are identifiers (letters, digits, underscores,
    by the GraphQL spec and protobuf's grammar), which need no escaping whatever the parser's settings.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value}L" if key else str(value)
    if isinstance(value, str) and _NAME.fullmatch(value):
        return f"'{value}'"
    raise ValueError(
        f"{value!r} is not a proto number or an identifier (letters, digits, underscores): the generated contract is not from kraken-proto generate"
    )


def _unknown_message(sf: Any, column: Column, mapping: EnumMapping, conversion: str) -> Column:
    """The Python helper's message for an unknown value (``'X' is not a value of Enum: reason``), built in the JVM for the row that fails."""
    hint = f" [kraken_proto.spark.{conversion}, strict=True; strict=False gives null instead]"
    zero = refusal_reason(lambda: mapping.to_string(0))
    if conversion == "numbers_to_strings":
        known = mapping.numbers()
        newer = refusal_reason(lambda: mapping.to_string(known[-1] + 1 if known else 1))
        shown, reason = column.cast("string"), sf.when(column == 0, zero).otherwise(newer)
    elif conversion == "proto_names_to_strings":
        unspecified = mapping.proto_name(0)
        no_such_name = refusal_reason(lambda: mapping.from_proto_name(unspecified + "\0"))
        shown, reason = sf.concat(sf.lit("'"), column, sf.lit("'")), sf.when(column == unspecified, zero).otherwise(no_such_name)
    else:
        # as EnumMapping.value_error: a string that differs from a documented one only in case (or surrounding
        # spaces) gets the reason that says strings are exact; the strings are ASCII names, so lower() is casefold().
        strings = mapping.strings()
        folded = sf.array_contains(sf.expr(f"array({', '.join(_sql_literal(text.lower(), key=True) for text in strings)})"), sf.lower(sf.trim(column)))
        wrong_case = refusal_reason(lambda: mapping.from_string(strings[0].swapcase())) if strings else ""
        shown = sf.concat(sf.lit("'"), column, sf.lit("'"))
        reason = sf.when(folded, wrong_case).otherwise(refusal_reason(lambda: mapping.from_string("\0")))
    return cast("Column", sf.concat(shown, sf.lit(f" is not a value of {mapping.graphql_name}: "), reason, sf.lit(hint)))
