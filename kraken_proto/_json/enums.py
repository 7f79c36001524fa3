"""Enum fields both ways, from one table per enum: ours by their documented strings, others as ProtoJSON.

An enum is "ours" when its descriptor carries our options (``graphql_name``, ``graphql_value``): the
tables are read from *that* descriptor through :func:`kraken_proto.registry.mapping_from_descriptor`, so a
message from another pool (server reflection, a newer contract) is written and read with its own strings,
values this build does not know included. Other enums follow ProtoJSON: the proto name (or, where the runtime
honours it, ``(pb.enumvalue.json).string``: :mod:`.custom_names`), and numbers.

Reading follows protobuf: a name, or anything Python's ``int()`` takes (``1``, ``1.0``, ``"1"``); an
unknown *string* is skippable under ``ignore_unknown_fields``; a closed enum refuses unknown numbers.
Stricter than protobuf (docs/json-codec.md): booleans and non-integer numbers (``1.5``) are refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from google.protobuf import json_format as _pb_json
from google.protobuf.descriptor import EnumDescriptor

from ..mapping import EnumMapping
from ..registry import mapping_from_descriptor
from .custom_names import names as custom_names_of
from .errors import Failure, json_type, shown

Converter = Callable[[Any], Any]

_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1


class EnumRule:
    """One enum, as both directions want it: plain dicts, no method calls on the hot path."""

    __slots__ = ("closed", "from_json", "full_name", "known", "mapping", "to_json")

    def __init__(self, enum: EnumDescriptor, custom_names: Any = None) -> None:
        """``custom_names``: the ``pb.enumvalue.json`` extension where it counts (:mod:`.custom_names`), else None."""
        self.full_name = enum.full_name
        self.closed = bool(enum.is_closed)
        self.known = frozenset(v.number for v in enum.values)
        self.mapping: EnumMapping | None = mapping_from_descriptor(enum)
        #: number -> JSON string; first declared name of an alias wins, as protobuf writes.
        self.to_json: dict[int, Any] = {v.number: v.name for v in reversed(enum.values)}
        #: JSON string -> number: every proto name, then what protobuf or our contract adds.
        self.from_json: dict[str, int] = {v.name: v.number for v in enum.values}
        if self.mapping is not None:
            for info in self.mapping.values():  # the documented strings win a clash with a proto name
                self.to_json[info.number] = info.graphql_value
                self.from_json[info.graphql_value] = info.number
        else:
            custom = custom_names_of(enum, custom_names)
            self.to_json.update(custom)
            for number, name in custom.items():
                self.from_json.setdefault(name, number)

    # -- writing --------------------------------------------------------------------------------

    def writer(self) -> Converter:
        if self.full_name == "google.protobuf.NullValue":
            return lambda value: None
        lookup = self.to_json.get
        if not self.closed:
            return lambda value: lookup(value, value)  # a number this version does not know stays a number
        table = self.to_json

        def closed(value: int) -> Any:
            try:
                return table[value]
            except KeyError:
                raise _pb_json.SerializeToJsonError("Enum field contains an integer value which can not mapped to an enum value.") from None

        return closed

    def list_writer(self) -> Converter:
        """A repeated field's values at once: the open-enum lookup inlined, no call per element."""
        if self.closed or self.full_name == "google.protobuf.NullValue":
            single = self.writer()
            return lambda values: [single(v) for v in values]
        lookup = self.to_json.get
        return lambda values: [lookup(v, v) for v in values]

    # -- reading --------------------------------------------------------------------------------

    def reader(self) -> Converter:
        table = self.from_json
        known = self.known
        closed = self.closed
        unknown_string = self._unknown_string
        odd_number = self._odd_number

        def read(value: Any) -> int:
            cls = value.__class__
            if cls is str:
                number = table.get(value)
                if number is not None:
                    return number
                try:
                    number = int(value)  # protobuf's rule: " 1", "+1", "1_0" too; "1.0" and "1e0" are no integers
                except ValueError:
                    raise unknown_string(value) from None
            elif cls is int:
                number = value
            elif cls is float and value.is_integer():
                number = int(value)
            else:
                number = odd_number(value)
            if number in known:
                return number
            if closed:
                raise Failure(f"Invalid enum value {shown(value)} for enum type {self.full_name}")
            if self.mapping is not None and not _INT32_MIN <= number <= _INT32_MAX:
                raise self._failure(value, "not an int32 enum number")
            return number  # a number this version may not know: kept, as for any open enum

        return read

    def _odd_number(self, value: Any) -> int:
        """Anything but an exact str, int or integral float, read as protobuf reads it (a name, else ``int()``),
        bar the documented strictness: subclasses (our StrEnum members, numpy.float64) as the type they extend."""
        if isinstance(value, str):
            number = self.from_json.get(value)  # a StrEnum member of ours is its documented string
            if number is not None:
                return number
            try:
                return int(value)
            except ValueError:
                raise self._unknown_string(value) from None
        if isinstance(value, bool):
            raise self._failure(value, f"expected a name or an integer, not {json_type(value)}")  # stricter than protobuf
        if isinstance(value, float):
            if value != value:
                raise self._unknown_string(value)  # int(nan) is a ValueError: protobuf lets ignore_unknown_fields skip it
            if value - value != 0:
                raise self._failure(value, "not an int32 enum number")  # infinity
            if not value.is_integer():
                raise self._failure(value, f"expected a name or an integer, not {json_type(float(value))}")  # stricter than protobuf
            return int(value)
        if isinstance(value, (list, dict, tuple)) or value is None:
            raise self._failure(value, f"expected a name or an integer, not {json_type(value)}")
        try:
            return int(value)  # an int subclass, numpy.int64, anything with __index__ or __int__, as protobuf's int()
        except ValueError:
            raise self._unknown_string(value) from None
        except Exception:
            raise self._failure(value, f"expected a name or an integer, not {json_type(value)}") from None

    def _unknown_string(self, value: Any) -> Failure:
        """Skippable under ignore_unknown_fields; the reason and the closest strings are found only if reported."""
        mapping = self.mapping
        if mapping is not None:

            def explain() -> tuple[str, Sequence[str]]:
                error = mapping.value_error(value) if isinstance(value, str) else None
                return getattr(error, "reason", "not a documented string, a proto value name or a number"), getattr(error, "suggestions", ())

            return Failure("not a documented string", ignorable=True, enum=(mapping.graphql_name, self.full_name, value, explain))
        return Failure(f"Invalid enum value {shown(value)} for enum type {self.full_name}", ignorable=True)

    def _failure(self, value: Any, reason: str) -> Failure:
        if self.mapping is not None:
            return Failure(reason, enum=(self.mapping.graphql_name, self.full_name, value, lambda: (reason, ())))
        return Failure(f"Invalid enum value {shown(value)} for enum type {self.full_name}: {reason}")
