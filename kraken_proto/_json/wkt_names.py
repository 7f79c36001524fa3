"""Which message types ProtoJSON writes in a JSON of their own, by name: the one fact :mod:`.wkt` dispatches on
and :mod:`.wkt_any` needs too (a payload with its own JSON sits under ``"value"``, a regular one beside
``@type``). Kept apart from the rules so that the Any rule can ask without importing the table that holds it.
"""

from __future__ import annotations

from google.protobuf.descriptor import Descriptor

WRAPPERS_FILE = "google/protobuf/wrappers.proto"
#: Every other type with its own JSON; every other message, every other google.protobuf one included, is regular.
OWN_JSON = frozenset(
    {
        "google.protobuf.Any",
        "google.protobuf.Timestamp",
        "google.protobuf.Duration",
        "google.protobuf.FieldMask",
        "google.protobuf.Struct",
        "google.protobuf.Value",
        "google.protobuf.ListValue",
    }
)


def is_wrapper(descriptor: Descriptor) -> bool:
    """Int64Value, StringValue...: the JSON of their ``value`` field."""
    return descriptor.file.name == WRAPPERS_FILE


def has_own_json(descriptor: Descriptor) -> bool:
    """Whether ``descriptor`` is a well-known type with a JSON of its own (not a regular message)."""
    return descriptor.file.name == WRAPPERS_FILE or descriptor.full_name in OWN_JSON
