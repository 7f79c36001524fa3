"""Scalar fields (numbers, bool, string, bytes) both ways: protobuf's ProtoJSON rules, value by value.

Reading follows ``google.protobuf.json_format`` exactly (what it accepts and refuses), with a fast path
for the JSON types a decoder produces and a literal port of protobuf's rule for anything else a caller of
``parse_dict`` may pass. Where ours is stricter, on purpose and by the ProtoJSON spec (docs/json-codec.md):
a boolean is no number, and base64 has padding only at its end. Protobuf's own crashes on hostile input
(a 400-digit integer into a double: ``OverflowError``) become failures like any other bad value.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.internal import type_checkers

from .errors import Failure, json_type

Converter = Callable[[Any], Any]

INFINITY, NEG_INFINITY, NAN = "Infinity", "-Infinity", "NaN"
_FLOAT_MAX = 3.4028234663852886e38  # the largest finite float32: protobuf refuses larger JSON numbers for a float
_UNPAIRED_SURROGATE = re.compile("[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]")

INT64S = frozenset({FieldDescriptor.CPPTYPE_INT64, FieldDescriptor.CPPTYPE_UINT64})


# -- reading ------------------------------------------------------------------------------------


def read_integer(value: Any) -> int:
    """A JSON number or string holding an integer (``1``, ``1.0``, ``"1"``, ``"1e3"``), as protobuf reads it."""
    cls = value.__class__
    if cls is int:
        return value  # type: ignore[no-any-return]
    if cls is str and " " not in value:  # int64 fields arrive as strings
        try:
            return int(value)
        except ValueError:
            pass
    elif cls is float:
        if value.is_integer():
            return int(value)
        raise Failure(f"Couldn't parse integer: {value!r}")
    return _read_integer_slowly(value)


def _read_integer_slowly(value: Any) -> int:
    """protobuf's ``_ConvertInteger``, step by step, for everything the fast path above does not settle."""
    if isinstance(value, bool):
        raise Failure(f"Bool value {value} is not acceptable for integer field")
    if isinstance(value, float) and not value.is_integer():
        raise Failure(f"Couldn't parse integer: {value!r}")
    if isinstance(value, str) and " " in value:
        raise Failure(f"Couldn't parse integer: {value!r}")
    try:
        return int(value)
    except ValueError:
        if not isinstance(value, str):
            raise Failure(f"Couldn't parse integer: {value!r}") from None
    except Exception:
        raise Failure(f"an integer field takes a number or a decimal string, not {json_type(value)}") from None
    try:
        number = float(value)
    except ValueError:
        raise Failure(f"Couldn't parse integer: {value!r}") from None
    if number.is_integer():
        return int(number)
    raise Failure(f"Couldn't parse non-integer string: {value!r}")


def read_double(value: Any) -> float:
    cls = value.__class__
    if cls is float:
        if value - value == 0:  # finite
            return value  # type: ignore[no-any-return]
        raise Failure('Couldn\'t parse NaN or Infinity as a JSON number; use "NaN", "Infinity" or "-Infinity"')
    if cls is int:
        try:
            return float(value)
        except OverflowError:
            raise Failure(f"the integer {str(value)[:20]}... is too large for a double") from None
    if isinstance(value, bool):  # stricter than protobuf, which reads true as 1.0: a boolean is no number
        raise Failure(f"a number field takes a number or a numeric string, not {json_type(value)}")
    if isinstance(value, float):
        return read_double(float(value))
    if value == "nan":
        raise Failure('Couldn\'t parse float "nan", use "NaN" instead')
    try:
        return float(value)  # Python's syntax, as protobuf: also "Infinity", "-Infinity", "NaN", " 1.5"
    except ValueError:
        raise Failure(f"Couldn't parse float: {value!r}") from None
    except Exception:
        raise Failure(f"Couldn't parse float: {json_type(value)}") from None


def read_float(value: Any) -> float:
    """As a double, then protobuf's range check, which applies to JSON floats only (``1e39`` is refused, the
    integer ``10**39`` and the string ``"1e39"`` become infinity: protobuf's behaviour, kept)."""
    if isinstance(value, float) and value - value == 0:
        if value > _FLOAT_MAX:
            raise Failure("Float value too large")
        if value < -_FLOAT_MAX:
            raise Failure("Float value too small")
    return read_double(value)


def read_bool(value: Any) -> bool:
    if value.__class__ is bool:
        return value
    raise Failure(f"Expected true or false without quotes, not {json_type(value)}")


def read_string(value: Any) -> str:
    if value.__class__ is str and value.isascii():
        return value
    if isinstance(value, str):
        if value.isascii() or _UNPAIRED_SURROGATE.search(value) is None:
            return value
        raise Failure("Unpaired surrogate")
    raise Failure(f"a string field takes a JSON string, not {json_type(value)}")


def read_bytes(value: Any) -> bytes:
    """Standard or URL-safe base64, padding optional; '=' only at the end (stricter than protobuf)."""
    if isinstance(value, str):
        if "=" in value.rstrip("="):
            raise Failure(f"Couldn't parse base64 bytes: '=' before the end of {value!r}")
        try:
            encoded = value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise Failure(f"Couldn't parse base64 bytes: {exc}") from None
    elif isinstance(value, (bytes, bytearray)):  # what protobuf's padding (``value + b"="``) takes besides text
        encoded = bytes(value)
    else:
        raise Failure(f"a bytes field takes a base64 JSON string, not {json_type(value)}")
    try:
        return base64.urlsafe_b64decode(encoded + b"=" * (4 - len(encoded) % 4))  # protobuf's decoding, exactly
    except ValueError as exc:
        raise Failure(f"Couldn't parse base64 bytes: {exc}") from None


def read_map_bool_key(key: Any) -> bool:
    if key == "true":
        return True
    if key == "false":
        return False
    raise Failure(f'Expected "true" or "false", not {key!r}')


# -- writing ------------------------------------------------------------------------------------


def write_double(value: float) -> Any:
    if value - value == 0:
        return value
    return NAN if value != value else (INFINITY if value > 0 else NEG_INFINITY)


def write_float(value: float) -> Any:
    if value - value == 0:
        return type_checkers.ToShortestFloat(value)
    return NAN if value != value else (INFINITY if value > 0 else NEG_INFINITY)


def write_bytes(value: bytes) -> str:
    return base64.b64encode(value).decode("utf-8")


def _write_int64_unquoted(value: int) -> Any:
    return value if float(value) == value else str(value)


# -- one rule per scalar kind, both directions --------------------------------------------------------


class ScalarRule(NamedTuple):
    read: Converter
    #: None where protobuf's value already is its JSON value (str, bool, 32-bit integers).
    write: Converter | None


_RULES = {
    FieldDescriptor.CPPTYPE_INT32: ScalarRule(read_integer, None),
    FieldDescriptor.CPPTYPE_UINT32: ScalarRule(read_integer, None),
    FieldDescriptor.CPPTYPE_INT64: ScalarRule(read_integer, str),
    FieldDescriptor.CPPTYPE_UINT64: ScalarRule(read_integer, str),
    FieldDescriptor.CPPTYPE_DOUBLE: ScalarRule(read_double, write_double),
    FieldDescriptor.CPPTYPE_FLOAT: ScalarRule(read_float, write_float),
    FieldDescriptor.CPPTYPE_BOOL: ScalarRule(read_bool, None),
    FieldDescriptor.CPPTYPE_STRING: ScalarRule(read_string, None),
}
_BYTES = ScalarRule(read_bytes, write_bytes)


def rule(field: FieldDescriptor) -> ScalarRule:
    """The rule of a non-enum scalar field."""
    return _BYTES if field.type == FieldDescriptor.TYPE_BYTES else _RULES[field.cpp_type]


def reader(field: FieldDescriptor) -> Converter:
    return rule(field).read


def _float_with_precision(float_format: str) -> Converter:
    """protobuf < 7's ``float_precision``: a float field's value rounded to that many significant digits."""

    def write(value: float) -> Any:
        if value - value == 0:
            return float(format(value, float_format))
        return NAN if value != value else (INFINITY if value > 0 else NEG_INFINITY)

    return write


def writer(field: FieldDescriptor, unquote_int64_if_possible: bool, float_precision: int | None = None) -> Converter | None:
    if unquote_int64_if_possible and field.cpp_type in INT64S:
        return _write_int64_unquoted  # a number where a double holds it exactly, as protobuf's option says
    if float_precision and field.cpp_type == FieldDescriptor.CPPTYPE_FLOAT:  # float fields only, doubles never, as protobuf
        return _float_with_precision(f".{float_precision}g")
    return rule(field).write
