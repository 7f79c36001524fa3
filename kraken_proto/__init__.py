"""kraken-proto: the Kraken GraphQL enums as a protobuf contract, with two-way string mapping.

>>> import kraken_proto
>>> kraken_proto.get("ReferralStatusChoices").from_string("Cancelled")
1
>>> kraken_proto.to_string("ReferralStatusChoices", 1)
'Cancelled'

The generated enum classes are in :mod:`kraken_proto.enums`, the same enums as native ``StrEnum``s in
:mod:`kraken_proto.graphql`, a pydantic field type for proto enum numbers in :mod:`kraken_proto.pydantic`;
the JSON codec for event payloads is :mod:`kraken_proto.json_format`; the ``generate``/``check`` machinery
is in :mod:`kraken_proto.generator`, which this package never imports at run time.

Importing the package is cheap: each enum's generated module and mapping are loaded on its first use,
and the submodules above (and ``get``, ``EnumMapping``, ``ValueInfo``, ``proto_path``,
``file_descriptor_set``, with the protobuf runtime behind them) when first touched. So the
``kraken-proto`` command loads protobuf inside its own error handling, where Ctrl-C is one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import UnknownEnumError, UnknownEnumValueError

if TYPE_CHECKING:
    from . import graphql, json_format
    from .mapping import EnumMapping, ValueInfo
    from .registry import get
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
    "graphql",
    "json_format",
    "proto_path",
    "to_string",
]


_LAZY = {
    "json_format": None,
    "graphql": None,
    "proto_path": "resources",
    "file_descriptor_set": "resources",
    "get": "registry",
    "EnumMapping": "mapping",
    "ValueInfo": "mapping",
}
"""Attributes loaded on first use: a submodule (None), or a function of the named submodule."""


def __getattr__(name: str) -> Any:
    """``kraken_proto.json_format`` and the rest of ``_LAZY`` without importing them for every user."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    module = importlib.import_module(f".{_LAZY[name] or name}", __name__)
    value = module if _LAZY[name] is None else getattr(module, name)
    globals()[name] = value
    return value


def enum_names() -> tuple[str, ...]:
    """The GraphQL names of every enum in the contract, sorted."""
    from .registry import ENUM_NAMES

    return ENUM_NAMES


def to_string(enum: Any, number: int) -> str:
    """Shortcut for ``get(enum).to_string(number)``."""
    from .registry import get

    return get(enum).to_string(number)


def from_string(enum: Any, text: str) -> int:
    """Shortcut for ``get(enum).from_string(text)``."""
    from .registry import get

    return get(enum).from_string(text)
