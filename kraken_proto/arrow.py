"""The contract on Arrow columns: proto numbers, GraphQL strings and proto names converted a column at a time.

Event data lives in Parquet files and Arrow tables, where a Python call per value (``EnumMapping.to_string``)
would cost a Python object per value and lose the columnar form. Each conversion here is one or two
pyarrow.compute kernels over prebuilt per-enum tables: numbers become indices into the enum's strings by
``take`` from a dense table (number -> index), strings and proto names by ``index_in``. A string output is a
dictionary-encoded array whose dictionary is the enum's own (one cached array per enum, in number order),
so chunks and columns of one enum concatenate without unifying dictionaries, and ``to_pandas()`` gives a
``Categorical`` whose categories are the enum's strings in contract order.

The meaning is exactly the Python helpers' (docs/dataframes.md): null in, null out; the zero value
(``*_UNSPECIFIED``) has no GraphQL string; whatever the Python helper refuses is unknown, and unknown
values raise one :class:`~kraken_proto.errors.UnknownEnumValuesError` (the enum, how many, the first)
or, with ``strict=False``, become null. The check is columnar too: a null count compared, and only when
it differs a mask to find the first unknown value.

pyarrow is the ``arrow`` extra: imported at first use through :func:`kraken_proto._extras.require`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, NamedTuple, TypeAlias

from ._extras import require
from .errors import UnknownEnumValuesError, refusal_reason
from .mapping import EnumMapping
from .registry import get

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "ENUM_METADATA_KEY",
    "enum_field",
    "enum_of",
    "numbers_to_strings",
    "proto_names_to_strings",
    "strings_to_numbers",
    "strings_to_proto_names",
]

ENUM_METADATA_KEY: Final = b"kraken.enum"
"""The field metadata key whose value is the enum's full name (``kraken.enums.v1.ReferralStatusChoices``)."""

Column: TypeAlias = "pa.Array | pa.ChunkedArray"
_Array: TypeAlias = "pa.Array"
_FEATURE: Final = "kraken_proto.arrow"


def _pa() -> Any:
    """pyarrow, or the one-line MissingExtraError naming the ``arrow`` extra."""
    return require("pyarrow", extra="arrow", feature=_FEATURE)


def _pc() -> Any:
    return require("pyarrow.compute", extra="arrow", feature=_FEATURE)


class _Tables(NamedTuple):
    """One enum's Arrow tables, built once: every output of that enum shares these arrays."""

    mapping: EnumMapping
    strings: pa.Array
    """The graphql_values in number order: the dictionary of every string output."""
    proto_names: pa.Array
    """The non-zero values' proto names in number order: the dictionary of strings_to_proto_names."""
    numbers: pa.Array
    """The non-zero numbers (int32) in number order: position i is the number of ``strings[i]``."""
    index_by_number: pa.Array
    """Dense int32 table, ``highest + 1`` long: the position of number n in ``strings``, null where n has no string (0, gaps)."""
    highest: int


_TABLES: dict[EnumMapping, _Tables] = {}
_TABLES_LOCK: Final = threading.Lock()


def _tables(mapping: EnumMapping) -> _Tables:
    """The enum's tables, built once (threads wait for the first): one dictionary array per enum, ever."""
    tables = _TABLES.get(mapping)
    if tables is None:
        with _TABLES_LOCK:
            tables = _TABLES.get(mapping)
            if tables is None:
                tables = _TABLES[mapping] = _build_tables(mapping)
    return tables


def _build_tables(mapping: EnumMapping) -> _Tables:
    pa = _pa()
    numbers = mapping.numbers()
    highest = max(numbers, default=0)
    position = {number: i for i, number in enumerate(numbers)}
    return _Tables(
        mapping=mapping,
        strings=pa.array(mapping.strings(), pa.string()),
        proto_names=pa.array([mapping.proto_name(n) for n in numbers], pa.string()),
        numbers=pa.array(numbers, pa.int32()),
        index_by_number=pa.array([position.get(n) for n in range(highest + 1)], pa.int32()),
        highest=highest,
    )


def _strings_type() -> Any:
    pa = _pa()
    return pa.dictionary(pa.int32(), pa.string())


# -- the four conversions -----------------------------------------------------------------------------------


def numbers_to_strings(values: Column, enum: Any, *, strict: bool = True) -> Column:
    """Proto numbers (any integer type, or dictionary-encoded integers) -> the enum's graphql_values.

    The result is dictionary-encoded (int32 indices) over the enum's strings in number order; a
    ChunkedArray stays chunked. Unknown numbers, 0 among them, raise UnknownEnumValuesError, or become
    null with ``strict=False``.
    """
    pa = _pa()
    tables = _tables(get(enum))

    def convert(chunk: _Array) -> _Array:
        positions = _through_dictionary(chunk, lambda c: _number_indices(tables, c), "numbers_to_strings", _is_integer)
        return pa.DictionaryArray.from_arrays(positions, tables.strings, safe=False)

    return _convert(values, convert, _strings_type(), strict, lambda first: refusal_reason(lambda: tables.mapping.to_string(first)), tables.mapping)


def strings_to_numbers(values: Column, enum: Any, *, strict: bool = True) -> Column:
    """graphql_values (string, large_string, string_view or dictionary-encoded strings) -> proto numbers (int32).

    Exact and case-sensitive, as GraphQL is. Unknown strings raise UnknownEnumValuesError, or become null
    with ``strict=False``.
    """
    pa = _pa()
    tables = _tables(get(enum))

    def convert(chunk: _Array) -> _Array:
        positions = _through_dictionary(chunk, lambda c: _pc().index_in(c, value_set=tables.strings), "strings_to_numbers", _is_string)
        return tables.numbers.take(positions)

    return _convert(values, convert, pa.int32(), strict, lambda first: refusal_reason(lambda: tables.mapping.from_string(first)), tables.mapping)


def proto_names_to_strings(values: Column, enum: Any, *, strict: bool = True) -> Column:
    """proto_names (``REFERRAL_STATUS_CHOICES_CANCELLED``, as Spark's ``from_protobuf`` writes enums) -> graphql_values.

    Dictionary-encoded over the enum's strings, as :func:`numbers_to_strings`. The ``*_UNSPECIFIED``
    name has no GraphQL string, so it is unknown here, like any name that is not the enum's.
    """
    pa = _pa()
    tables = _tables(get(enum))

    def convert(chunk: _Array) -> _Array:
        positions = _through_dictionary(chunk, lambda c: _pc().index_in(c, value_set=tables.proto_names), "proto_names_to_strings", _is_string)
        return pa.DictionaryArray.from_arrays(positions, tables.strings, safe=False)

    mapping = tables.mapping
    return _convert(values, convert, _strings_type(), strict, lambda first: refusal_reason(lambda: mapping.to_string(mapping.from_proto_name(first))), mapping)


def strings_to_proto_names(values: Column, enum: Any, *, strict: bool = True) -> Column:
    """graphql_values -> proto_names, dictionary-encoded over the enum's proto names in number order."""
    pa = _pa()
    tables = _tables(get(enum))

    def convert(chunk: _Array) -> _Array:
        positions = _through_dictionary(chunk, lambda c: _pc().index_in(c, value_set=tables.strings), "strings_to_proto_names", _is_string)
        return pa.DictionaryArray.from_arrays(positions, tables.proto_names, safe=False)

    return _convert(values, convert, _strings_type(), strict, lambda first: refusal_reason(lambda: tables.mapping.from_string(first)), tables.mapping)


# -- schemas that say which enum a column holds --------------------------------------------------------------


def enum_field(name: str, enum: Any, *, type: Any = None, nullable: bool = True) -> pa.Field:
    """A ``pa.Field`` whose metadata names the enum it holds (``kraken.enum``: the enum's full name).

    ``type`` defaults to what :func:`numbers_to_strings` returns (``dictionary<int32, string>``); give
    ``pa.int32()`` for a column of numbers. The metadata survives Parquet (pyarrow stores the Arrow
    schema in the file), so a file says which enum each column holds.
    """
    pa = _pa()
    mapping = get(enum)
    return pa.field(name, _strings_type() if type is None else type, nullable=nullable, metadata={ENUM_METADATA_KEY: mapping.full_name.encode()})


def enum_of(field: pa.Field) -> EnumMapping | None:
    """The enum a field's metadata names (see :func:`enum_field`), or None for a field that names none.

    A name that is not an enum of this version of kraken-proto raises UnknownEnumError: the schema
    speaks of a contract this package does not have.
    """
    metadata = field.metadata or {}
    full_name = metadata.get(ENUM_METADATA_KEY)
    return None if full_name is None else get(full_name.decode())


# -- the machinery ------------------------------------------------------------------------------------------


def _is_integer(type_: Any) -> bool:
    return bool(_pa().types.is_integer(type_))


def _is_string(type_: Any) -> bool:
    types = _pa().types
    return bool(types.is_string(type_) or types.is_large_string(type_) or types.is_string_view(type_))


def _number_indices(tables: _Tables, numbers: pa.Array) -> pa.Array:
    """The positions in ``tables.strings`` of ``numbers`` (a plain integer array), null where none.

    The common case, every number between 0 and the highest, is exactly one ``take`` from the dense table
    (its bounds check is the range check); a column holding a number outside it (negative, or from a newer
    producer) makes ``take`` refuse, and goes through ``index_in`` instead.
    """
    try:
        return tables.index_by_number.take(numbers)
    except IndexError:  # pyarrow's ArrowIndexError: a number below 0 or above the highest
        return _pc().index_in(numbers, value_set=tables.numbers)


def _through_dictionary(chunk: pa.Array, convert: Callable[[pa.Array], pa.Array], function: str, accepts: Callable[[Any], bool]) -> pa.Array:
    """``convert`` applied to a plain array, or to a dictionary-encoded array's (small) dictionary and then
    spread by its indices: the column's values are never decoded. Refuses a type the conversion cannot take."""
    pa = _pa()
    type_ = chunk.type
    if pa.types.is_dictionary(type_):
        if not accepts(type_.value_type):
            raise _wrong_type(function, type_)
        return convert(_plain(chunk.dictionary)).take(chunk.indices)
    if pa.types.is_null(type_):
        return pa.nulls(len(chunk), pa.int32())
    if not accepts(type_):
        raise _wrong_type(function, type_)
    return convert(_plain(chunk))


def _plain(chunk: pa.Array) -> pa.Array:
    """A string_view array cast to string (index_in has no string_view kernel); any other array as it is."""
    pa = _pa()
    return chunk.cast(pa.string()) if pa.types.is_string_view(chunk.type) else chunk


def _wrong_type(function: str, type_: Any) -> TypeError:
    wanted = "integers (proto numbers)" if function == "numbers_to_strings" else "strings"
    return TypeError(f"kraken_proto.arrow.{function} takes a column of {wanted}, not {type_}")


def _convert(
    values: Column, convert: Callable[[pa.Array], pa.Array], out_type: Any, strict: bool, reason: Callable[[Any], str], mapping: EnumMapping
) -> Column:
    """``convert`` each chunk; then, if strict and any value became null that was not null, one error for the column."""
    pa = _pa()
    if isinstance(values, pa.ChunkedArray):
        pairs = [(chunk, convert(chunk)) for chunk in values.chunks]
        result: Column = pa.chunked_array([out for _, out in pairs], type=out_type)
    elif isinstance(values, pa.Array):
        pairs = [(values, convert(values))]
        result = pairs[0][1]
    else:
        raise TypeError(f"kraken_proto.arrow takes a pyarrow Array or ChunkedArray, not {type(values).__name__}")
    if strict:
        count, first = 0, None
        for source, out in pairs:
            if out.null_count == source.null_count:  # every null out was null in: nothing unknown (the common case, O(1))
                continue
            unknown = _pc().and_(_pc().is_null(out), _valid(source))
            found = _pc().sum(unknown).as_py() or 0
            if found and first is None:
                first = source.filter(unknown)[0].as_py()
            count += found
        if count:
            raise UnknownEnumValuesError(mapping.graphql_name, first, count, reason(first))
    return result


def _valid(source: pa.Array) -> pa.Array:
    """Where ``source`` holds a value: for a dictionary array, a valid index to a valid dictionary entry
    (``is_valid`` on a dictionary array sees the entry's null only from pyarrow 17 on)."""
    pa, pc = _pa(), _pc()
    if pa.types.is_dictionary(source.type):
        return pc.fill_null(pc.is_valid(source.dictionary).take(source.indices), False)
    return pc.is_valid(source)
