"""google/protobuf/wrappers.proto (Int64Value, StringValue...): the JSON of their ``value`` field."""

from __future__ import annotations

from typing import Any

from google.protobuf.descriptor import Descriptor

from .errors import TOO_DEEP, Failure
from .planners import Read, ReadPlanner, Write, WritePlanner


def plan_write(writer: WritePlanner, descriptor: Descriptor) -> Write:
    convert = writer.value(descriptor.fields_by_name["value"])
    if convert is None:
        return lambda message: message.value
    return lambda message: convert(message.value)


def plan_read(reader: ReadPlanner, descriptor: Descriptor) -> Read:
    convert = reader.value(descriptor.fields_by_name["value"])

    def read(js: Any, message: Any, budget: Any) -> None:
        if budget < 1:
            raise Failure(TOO_DEEP)
        message.value = convert(js)

    return read
