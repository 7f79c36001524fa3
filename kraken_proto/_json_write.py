"""Message -> JSON-ready dict: protobuf's ProtoJSON, except that our enums become their documented strings.

Why a planner: ``google.protobuf.json_format`` re-inspects every field descriptor of every message on
every call. Here each message type is inspected once per option set, into a :class:`_Plan` that maps a
field descriptor to its JSON key and a converter chosen for its type; a call is then one
``ListFields()`` and, per set field, one dict lookup and at most one converter call. Plans are built
lazily and registered before they are filled, so recursive message types terminate.

Well-known types keep protobuf's own JSON (they cannot contain our enums), except ``Any``, whose
payload is any message and is converted with the same plans.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Callable
from typing import Any

from google.protobuf import json_format as _pb_json
from google.protobuf import message_factory
from google.protobuf.descriptor import Descriptor, EnumDescriptor, FieldDescriptor
from google.protobuf.descriptor_pool import DescriptorPool
from google.protobuf.internal import type_checkers
from google.protobuf.message import Message

from ._descriptors import STRUCT_LIKE, TIME_LIKE, WRAPPERS_FILE, custom_json_names, enum_type, is_map, message_type, resolving_pool
from ._json_enums import tables_for
from ._protobuf_compat import is_repeated, require_unquote_int64
from ._plan_cache import PlanCache

Converter = Callable[[Any], Any]

_INT64 = frozenset({FieldDescriptor.CPPTYPE_INT64, FieldDescriptor.CPPTYPE_UINT64})


class _Plan:
    """One message type under one option set: field descriptor -> (JSON key, converter or None)."""

    __slots__ = ("fields", "defaults")

    def __init__(self) -> None:
        self.fields: dict[FieldDescriptor, tuple[str, Converter | None]] = {}
        #: (key, JSON value) of the fields always_print_fields_with_no_presence adds when unset.
        self.defaults: tuple[tuple[str, Any], ...] = ()


class Writer:
    """Converts messages under one combination of keyword arguments; cached by :func:`writer_for`."""

    def __init__(self, preserving_proto_field_name: bool, use_integers_for_enums: bool, descriptor_pool: DescriptorPool | None,
                 always_print_fields_with_no_presence: bool, unquote_int64_if_possible: bool) -> None:
        self._preserve = preserving_proto_field_name
        self._integers = use_integers_for_enums
        self._pool = descriptor_pool
        self._always = always_print_fields_with_no_presence
        self._unquote = unquote_int64_if_possible
        self._plans: dict[Descriptor, _Plan] = {}
        self._converters: PlanCache[Descriptor, Converter] = PlanCache()

    # -- the hot path ---------------------------------------------------------------------------

    def to_dict(self, message: Message) -> Any:
        """The JSON value of ``message``: a dict, or a string/list/... for some well-known types."""
        descriptor: Any = message.DESCRIPTOR
        return self.message_converter(descriptor)(message)

    def _regular(self, message: Message, plan: _Plan) -> dict[str, Any]:
        js: dict[str, Any] = {}
        fields = plan.fields
        for field, value in message.ListFields():
            entry = fields.get(field)
            if entry is None:  # an extension: planned on first sight
                entry = fields[field] = self._field_entry(field)
            name, convert = entry
            if convert is None:
                js[name] = value
            else:
                try:
                    js[name] = convert(value)
                except ValueError as exc:
                    raise _pb_json.SerializeToJsonError(f"Failed to serialize {field.name} field: {exc}.") from exc
        if plan.defaults:
            for name, default in plan.defaults:
                if name not in js:
                    js[name] = default() if callable(default) else default
        return js

    # -- planning -------------------------------------------------------------------------------

    def message_converter(self, descriptor: Descriptor) -> Converter:
        """The converter for a message of this type (planned once; well-known types get their own)."""
        return self._converters.get(descriptor, self._plan)

    def _plan(self, descriptor: Descriptor, register: Callable[[Converter], None]) -> Converter:
        converter: Converter
        full_name = descriptor.full_name
        if descriptor.file.name == WRAPPERS_FILE:
            inner = self._scalar_converter(descriptor.fields_by_name["value"]) or _identity
            converter = lambda message: inner(message.value)  # noqa: E731
        elif full_name in TIME_LIKE:
            converter = _to_json_string
        elif full_name in STRUCT_LIKE:
            converter = self._stdlib
        elif full_name == "google.protobuf.Any":
            converter = self._any
        else:
            plan = _Plan()
            self._plans[descriptor] = plan
            converter = lambda message: self._regular(message, plan)  # noqa: E731
            register(converter)  # before filling: recursive types
            self._fill(plan, descriptor)
        return converter

    def _fill(self, plan: _Plan, descriptor: Descriptor) -> None:
        for field in descriptor.fields:
            plan.fields[field] = self._field_entry(field)
        if self._always:
            defaults: list[tuple[str, Any]] = []
            for field in descriptor.fields:
                if field.has_presence:
                    continue
                name = field.name if self._preserve else field.json_name
                if is_map(field):
                    defaults.append((name, dict))
                elif is_repeated(field):
                    defaults.append((name, list))
                else:
                    convert = self._scalar_converter(field)
                    defaults.append((name, field.default_value if convert is None else convert(field.default_value)))
            plan.defaults = tuple(defaults)

    def _field_entry(self, field: FieldDescriptor) -> tuple[str, Converter | None]:
        if field.is_extension:
            name = f"[{field.full_name}]"
        else:
            name = field.name if self._preserve else field.json_name
        if is_map(field):
            return name, self._map_converter(field)
        single = self._value_converter(field)
        if is_repeated(field):
            if single is None:
                return name, list
            return name, lambda values: [single(v) for v in values]
        return name, single

    def _value_converter(self, field: FieldDescriptor) -> Converter | None:
        if field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE:
            return self.message_converter(message_type(field))
        return self._scalar_converter(field)

    def _map_converter(self, field: FieldDescriptor) -> Converter:
        entry = message_type(field)
        key_type = entry.fields_by_name["key"].cpp_type
        convert = self._value_converter(entry.fields_by_name["value"]) or _identity
        if key_type == FieldDescriptor.CPPTYPE_STRING:
            return lambda mapping: {k: convert(v) for k, v in mapping.items()}
        if key_type == FieldDescriptor.CPPTYPE_BOOL:
            return lambda mapping: {("true" if k else "false"): convert(v) for k, v in mapping.items()}
        return lambda mapping: {str(k): convert(v) for k, v in mapping.items()}

    def _scalar_converter(self, field: FieldDescriptor) -> Converter | None:
        """None where protobuf's value already is its JSON value (str, bool, 32-bit ints, ...)."""
        cpp_type = field.cpp_type
        if cpp_type == FieldDescriptor.CPPTYPE_ENUM:
            return None if self._integers else _enum_converter(enum_type(field))
        if cpp_type in _INT64:
            if self._unquote:
                return lambda value: value if float(value) == value else str(value)
            return str
        if cpp_type == FieldDescriptor.CPPTYPE_DOUBLE:
            return _double
        if cpp_type == FieldDescriptor.CPPTYPE_FLOAT:
            return _float
        if field.type == FieldDescriptor.TYPE_BYTES:
            return _bytes
        return None

    def _stdlib(self, message: Message) -> Any:
        if self._unquote:  # an option of protobuf 7's json_format only; writer_for refuses it on older runtimes
            return _pb_json.MessageToDict(message, self._always, self._preserve, self._integers, self._pool, unquote_int64_if_possible=True)
        return _pb_json.MessageToDict(message, self._always, self._preserve, self._integers, self._pool)

    def _any(self, message: Message) -> dict[str, Any]:
        """``Any``: ``@type`` first, then the payload's fields (or ``value`` for a well-known payload)."""
        if not message.ListFields():
            return {}
        type_url: str = message.type_url  # type: ignore[attr-defined]
        try:
            descriptor = resolving_pool(self._pool).FindMessageTypeByName(type_url.split("/")[-1])
        except KeyError as exc:
            raise TypeError(f"Can not find message descriptor by type_url: {type_url}") from exc
        payload = message_factory.GetMessageClass(descriptor)()
        payload.ParseFromString(message.value)  # type: ignore[attr-defined]
        converted = self.message_converter(descriptor)(payload)
        js: dict[str, Any] = {"@type": type_url}
        if descriptor in self._plans:
            js.update(converted)
        else:
            js["value"] = converted
        return js


def _identity(value: Any) -> Any:
    return value


def _to_json_string(message: Any) -> Any:
    return message.ToJsonString()


def _enum_converter(enum: EnumDescriptor) -> Converter | None:
    """Ours: number -> documented string. Others: number -> proto name, as ProtoJSON. Unknown: the number."""
    if enum.full_name == "google.protobuf.NullValue":
        return lambda value: None
    ours = tables_for(enum)
    if ours is not None:
        table = ours.to_json
    else:
        table = {value.number: value.name for value in reversed(enum.values)}  # first name of an alias wins
        table.update(custom_json_names(enum))
        if enum.is_closed:
            def closed(value: int) -> Any:
                try:
                    return table[value]
                except KeyError:
                    raise _pb_json.SerializeToJsonError("Enum field contains an integer value which can not mapped to an enum value.") from None
            return closed
    lookup = table.get
    return lambda value: lookup(value, value)


_INFINITY, _NEG_INFINITY, _NAN = "Infinity", "-Infinity", "NaN"


def _double(value: float) -> Any:
    if math.isfinite(value):
        return value
    return _NAN if value != value else (_INFINITY if value > 0 else _NEG_INFINITY)


def _float(value: float) -> Any:
    if math.isfinite(value):
        return type_checkers.ToShortestFloat(value)
    return _NAN if value != value else (_INFINITY if value > 0 else _NEG_INFINITY)


def _bytes(value: bytes) -> str:
    return base64.b64encode(value).decode("utf-8")


_WRITERS: dict[tuple[bool, bool, DescriptorPool | None, bool, bool], Writer] = {}


def writer_for(preserving_proto_field_name: bool, use_integers_for_enums: bool, descriptor_pool: DescriptorPool | None,
               always_print_fields_with_no_presence: bool, unquote_int64_if_possible: bool) -> Writer:
    """The writer, and so the plans, for this option set: built on first use, then reused by every call."""
    key = (bool(preserving_proto_field_name), bool(use_integers_for_enums), descriptor_pool,
           bool(always_print_fields_with_no_presence), bool(unquote_int64_if_possible))
    writer = _WRITERS.get(key)
    if writer is None:
        if unquote_int64_if_possible:
            require_unquote_int64()
        writer = _WRITERS[key] = Writer(*key)
    return writer
