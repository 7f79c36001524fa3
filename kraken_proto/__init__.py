"""kraken-proto: the Kraken GraphQL enums as a protobuf contract, with two-way string mapping.

>>> import kraken_proto
>>> kraken_proto.get("ReferralStatusChoices").from_string("Cancelled")
1
>>> kraken_proto.to_string("ReferralStatusChoices", 1)
'Cancelled'

The generated enum classes are in :mod:`kraken_proto.enums`; the JSON codec for event payloads is
:mod:`kraken_proto.json_format` (loaded on first use); the ``generate``/``check`` machinery is in
:mod:`kraken_proto.generator`, which this package never imports at run time.
"""

from __future__ import annotations

from typing import Any

from .errors import UnknownEnumError, UnknownEnumValueError
from .mapping import EnumMapping, ValueInfo
from .registry import ENUM_NAMES, get
from .resources import file_descriptor_set, proto_path

__all__ = [
    "EnumMapping",
    "UnknownEnumError",
    "UnknownEnumValueError",
    "ValueInfo",
    "enum_names",
    "file_descriptor_set",
    "from_string",
    "get",
    "json_format",
    "proto_path",
    "to_string",
]


def __getattr__(name: str) -> Any:
    """``kraken_proto.json_format`` without importing it (and json) for every user of the mappings."""
    if name == "json_format":
        import importlib

        return importlib.import_module(".json_format", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def enum_names() -> tuple[str, ...]:
    """The GraphQL names of every enum in the contract, sorted."""
    return ENUM_NAMES


def to_string(enum: Any, number: int) -> str:
    """Shortcut for ``get(enum).to_string(number)``."""
    return get(enum).to_string(number)


def from_string(enum: Any, text: str) -> int:
    """Shortcut for ``get(enum).from_string(text)``."""
    return get(enum).from_string(text)
