"""Map fields both ways: keys are JSON object keys (strings), values follow their own field's rule.

One rule for the key (bool keys are ``"true"``/``"false"``, integers their decimal string, both ways),
and one applier whatever the value kind: the value rule is either a scalar converter (enums included) or
a message reader, which gets the budget left after the map's own message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from . import scalars
from .errors import Failure, json_type

Converter = Callable[[Any], Any]


# -- keys ---------------------------------------------------------------------------------------


def _bool_key(key: bool) -> str:
    return "true" if key else "false"


def key_writer(key_field: FieldDescriptor) -> Converter | None:
    """None for string keys (already JSON keys)."""
    cpp_type = key_field.cpp_type
    if cpp_type == FieldDescriptor.CPPTYPE_STRING:
        return None
    if cpp_type == FieldDescriptor.CPPTYPE_BOOL:
        return _bool_key
    return str


def key_reader(key_field: FieldDescriptor) -> Converter:
    cpp_type = key_field.cpp_type
    if cpp_type == FieldDescriptor.CPPTYPE_STRING:
        return scalars.read_string
    if cpp_type == FieldDescriptor.CPPTYPE_BOOL:
        return scalars.read_map_bool_key
    return scalars.read_integer  # "1", and as protobuf also "1.0" and "1e0"


# -- values -------------------------------------------------------------------------------------


def writer(key_field: FieldDescriptor, convert: Converter | None) -> Converter:
    # Keys, then ``mapping[k]``: a protobuf map's ``items()`` is the slow generic one of collections.abc.
    write_key = key_writer(key_field)
    if write_key is None:
        if convert is None:
            return dict
        return lambda mapping: {k: convert(mapping[k]) for k in mapping}
    if convert is None:
        return lambda mapping: {write_key(k): mapping[k] for k in mapping}
    return lambda mapping: {write_key(k): convert(mapping[k]) for k in mapping}


def applier(
    key_field: FieldDescriptor,
    get: Callable[[Message], Any],
    clear: Callable[[Message], None],
    convert: Converter | None,
    read: Callable[[Any, Message, Any], None] | None,
    ignore: bool,
) -> Callable[[Message, Any, Any], None]:
    """Sets the map from a JSON object: ``convert`` for scalar values, ``read`` (a message reader) otherwise."""
    read_key = key_reader(key_field)

    def apply(message: Message, values: Any, budget: Any) -> None:
        if not isinstance(values, dict):
            raise Failure(f"a map field takes a JSON object, not {json_type(values)}")
        clear(message)
        container = get(message)
        for key, value in values.items():
            try:
                converted = read_key(key)  # the key first: a bad key fails even where the value would be skipped
                if read is not None:  # null reaches the reader: google.protobuf.Value reads it as null_value
                    read(value, container[converted], budget)
                else:
                    container[converted] = convert(value)  # type: ignore[misc]
            except Failure as failure:
                if failure.ignorable and ignore:
                    continue
                failure.segments.append(f"[{key}]")
                raise

    return apply
