"""Which well-known types have their own JSON, and their rules: one dispatch for reading and writing.

Wrappers are their ``value`` field's JSON; Timestamp, Duration and FieldMask their own string; Struct,
Value and ListValue JSON itself; Any its payload's JSON plus ``@type``. Every other message, including
every other ``google.protobuf`` type, is a regular message. Each rule lives in its own module; this table
is the only place that says which descriptor gets which rule (:mod:`.wkt_names`, which ones have one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from google.protobuf.descriptor import Descriptor

from . import wkt_any, wkt_strings, wkt_struct, wkt_wrappers
from .planners import Read, ReadPlanner, Write, WritePlanner
from .wkt_names import OWN_JSON, is_wrapper


class Rule(NamedTuple):
    """How a well-known type is planned, each way, given the planner that asks (see :mod:`.planners`)."""

    plan_write: Callable[[WritePlanner, Descriptor], Write]
    plan_read: Callable[[ReadPlanner, Descriptor], Read]


def fixed(write: Callable[[Any], Any], read: Callable[[Any, Any, Any], None]) -> Rule:
    """A rule that is the same functions for every descriptor and option set."""
    return Rule(lambda writer, descriptor: write, lambda reader, descriptor: read)


WRAPPER = Rule(wkt_wrappers.plan_write, wkt_wrappers.plan_read)
_RULES = {
    "google.protobuf.Any": Rule(wkt_any.plan_write, wkt_any.plan_read),
    "google.protobuf.Timestamp": fixed(wkt_strings.to_json_string, wkt_strings.from_json_string),
    "google.protobuf.Duration": fixed(wkt_strings.to_json_string, wkt_strings.from_json_string),
    "google.protobuf.FieldMask": fixed(wkt_strings.to_json_string, wkt_strings.from_json_string),
    "google.protobuf.Struct": fixed(wkt_struct.write_struct, wkt_struct.read_struct),
    "google.protobuf.Value": fixed(wkt_struct.write_value, wkt_struct.read_value),
    "google.protobuf.ListValue": fixed(wkt_struct.write_list, wkt_struct.read_list),
}


def rule_for(descriptor: Descriptor) -> Rule | None:
    """The well-known rule of ``descriptor``, or None for a regular message (:mod:`.wkt_names` says which)."""
    if is_wrapper(descriptor):
        return WRAPPER
    if descriptor.full_name in OWN_JSON:
        return _RULES[descriptor.full_name]
    return None
