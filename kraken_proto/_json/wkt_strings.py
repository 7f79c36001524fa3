"""Timestamp, Duration, FieldMask: JSON strings, through protobuf's own ``ToJsonString``/``FromJsonString``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from google.protobuf.descriptor import Descriptor

from .errors import TOO_DEEP, Failure

if TYPE_CHECKING:
    from .messages import Reader, Writer


def _to_json_string(message: Any) -> Any:
    return message.ToJsonString()


def plan_write(writer: Writer, descriptor: Descriptor) -> Any:
    return _to_json_string


def _from_json_string(js: Any, message: Any, budget: Any) -> None:
    if budget < 1:
        raise Failure(TOO_DEEP)
    try:
        message.FromJsonString(js)
    except ValueError as exc:
        raise Failure(str(exc)) from exc


def plan_read(reader: Reader, descriptor: Descriptor) -> Any:
    return _from_json_string
