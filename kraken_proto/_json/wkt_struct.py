"""Struct, Value and ListValue: JSON itself, both ways, counting depth as protobuf does.

Each level is a message to protobuf, so each costs one level of ``max_recursion_depth``: a Struct, every
Value in it, and the Struct or ListValue a Value holds. None of them can hold one of our enums.
"""

from __future__ import annotations

from typing import Any

from .errors import TOO_DEEP, Failure, json_type
from .scalars import read_double

_LIST_LIKE = (list, tuple)


# -- writing ------------------------------------------------------------------------------------


def write_value(message: Any) -> Any:
    which = message.WhichOneof("kind")
    if which is None or which == "null_value":
        return None
    if which == "struct_value":
        return write_struct(message.struct_value)
    if which == "list_value":
        return write_list(message.list_value)
    if which == "number_value":
        number = message.number_value
        if number - number != 0:  # ValueError, as protobuf: a regular message wraps it in SerializeToJsonError
            raise ValueError(f"Fail to serialize {number} for Value.number_value, which would parse as string_value")
        return number
    return getattr(message, which)


def write_struct(message: Any) -> dict[str, Any]:
    fields = message.fields
    return {key: write_value(fields[key]) for key in fields}


def write_list(message: Any) -> list[Any]:
    return [write_value(value) for value in message.values]


# -- reading ------------------------------------------------------------------------------------


def read_value(js: Any, message: Any, budget: Any) -> None:
    if budget < 1:
        raise Failure(TOO_DEEP)
    if isinstance(js, dict):
        read_struct(js, message.struct_value, budget - 1)
    elif isinstance(js, _LIST_LIKE):
        read_list(js, message.list_value, budget - 1)
    elif js is None:
        message.null_value = 0
    elif isinstance(js, bool):
        message.bool_value = js
    elif isinstance(js, str):
        message.string_value = js
    elif isinstance(js, int) and not isinstance(js, float):
        message.number_value = read_double(js)  # a 400-digit integer: refused, where protobuf crashes
    elif isinstance(js, float):
        message.number_value = js  # NaN and Infinity too, as protobuf (a JSON decoder gives them for NaN, 1e400)
    else:
        raise Failure(f"Value {js!r} has unexpected type {type(js)}")


def read_struct(js: Any, message: Any, budget: Any) -> None:
    if budget < 1:
        raise Failure(TOO_DEEP)
    if not isinstance(js, dict):
        raise Failure(f"a Struct takes a JSON object, not {json_type(js)}")
    message.Clear()
    fields = message.fields
    for key, value in js.items():
        try:
            read_value(value, fields[key], budget - 1)
        except Failure as failure:
            failure.segments.append(f".{key}")
            raise


def read_list(js: Any, message: Any, budget: Any) -> None:
    if budget < 1:
        raise Failure(TOO_DEEP)
    if not isinstance(js, _LIST_LIKE):
        raise Failure(f"a ListValue takes a JSON array, not {json_type(js)}")
    message.ClearField("values")
    values = message.values
    for index, item in enumerate(js):
        try:
            read_value(item, values.add(), budget - 1)
        except Failure as failure:
            failure.segments.append(f"[{index}]")
            raise
