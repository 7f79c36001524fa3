"""Descriptor facts both halves of the JSON codec need, typed once.

types-protobuf declares ``message_type``/``enum_type`` optional and extensions narrowly; these helpers
state what the codec relies on, so the planners stay readable and checked.
"""

from __future__ import annotations

from typing import Any

from google.protobuf import descriptor_pool, symbol_database
from google.protobuf.descriptor import Descriptor, EnumDescriptor, FieldDescriptor
from google.protobuf.descriptor_pool import DescriptorPool

WRAPPERS_FILE = "google/protobuf/wrappers.proto"
#: Well-known types whose JSON form is a string, converted by their own To/FromJsonString.
TIME_LIKE = frozenset({"google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask"})
#: Well-known types left to protobuf's json_format: they are JSON themselves and hold no enum of ours.
STRUCT_LIKE = frozenset({"google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue"})


def message_type(field: FieldDescriptor) -> Descriptor:
    result = field.message_type
    if result is None:
        raise TypeError(f"{field.full_name} is not a message field")
    return result


def enum_type(field: FieldDescriptor) -> EnumDescriptor:
    result = field.enum_type
    if result is None:
        raise TypeError(f"{field.full_name} is not an enum field")
    return result


def is_map(field: FieldDescriptor) -> bool:
    return field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE and bool(message_type(field).GetOptions().map_entry)


def resolving_pool(pool: DescriptorPool | None) -> DescriptorPool:
    """Where an ``Any``'s type URL is looked up: the caller's pool, else protobuf's default."""
    if pool is not None:
        return pool
    default: DescriptorPool = symbol_database.Default().pool  # type: ignore[attr-defined]
    return default


def custom_json_names(enum: EnumDescriptor) -> dict[int, str]:
    """Protobuf's own ``(pb.enumvalue.json).string`` per number, honoured for other enums as json_format does."""
    try:
        extension: Any = descriptor_pool.Default().FindExtensionByName("pb.enumvalue.json")
    except KeyError:
        return {}
    names: dict[int, str] = {}
    for value in enum.values:
        options: Any = value.GetOptions()
        if options.HasExtension(extension) and options.Extensions[extension].HasField("string"):
            names[value.number] = options.Extensions[extension].string
    return names
