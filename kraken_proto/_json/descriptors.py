"""Descriptor facts every rule needs, typed once.

types-protobuf declares ``message_type``/``enum_type`` optional; these helpers state what the codec relies
on, so the planners stay readable and checked.
"""

from __future__ import annotations

from typing import Any

from google.protobuf.descriptor import Descriptor, EnumDescriptor, FieldDescriptor


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


def descriptor_of(message: Any) -> Descriptor:
    """A message's descriptor, as the planners take it (upb's own class is typed apart)."""
    descriptor: Descriptor = message.DESCRIPTOR
    return descriptor
