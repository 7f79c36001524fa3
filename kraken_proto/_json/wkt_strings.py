"""Timestamp, Duration, FieldMask: JSON strings, through protobuf's own ``ToJsonString``/``FromJsonString``."""

from __future__ import annotations

from typing import Any

from .errors import TOO_DEEP, Failure


def to_json_string(message: Any) -> Any:
    return message.ToJsonString()


def from_json_string(js: Any, message: Any, budget: Any) -> None:
    if budget < 1:
        raise Failure(TOO_DEEP)
    try:
        message.FromJsonString(js)
    except ValueError as exc:
        raise Failure(str(exc)) from exc
