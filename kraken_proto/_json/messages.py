"""Regular messages both ways, and the two planners that give every message type its rule.

A planner inspects each message type once per option set: for writing, a table from field descriptor to
(JSON key, converter); for reading, a table from every accepted JSON key to an ``apply`` closure for the
field's kind. Well-known types get their own rule (:mod:`.wkt`, one dispatch for both directions).

Reading counts depth as protobuf does: every message entered through a field, a list element, a map
value, a ``Struct``/``Value``/``ListValue`` level or a well-known ``Any`` payload costs one level of the
``max_recursion_depth`` budget, which is passed down (``budget``), so plans never depend on the limit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from google.protobuf import json_format as _pb_json
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message

from .._protobuf_compat import is_repeated
from . import maps, scalars, wkt
from .descriptors import descriptor_of, enum_type, is_map, message_type
from .enums import EnumRule
from .errors import TOO_DEEP, Failure, json_type, runtime_failure
from .plans import PlanCache

Converter = Callable[[Any], Any]
Write = Callable[[Message], Any]
Read = Callable[[Any, Message, Any], None]
Apply = Callable[[Message, Any, Any], None]

_VALID_EXTENSION_NAME = re.compile(r"\[[a-zA-Z0-9\._]*\]$")  # protobuf's test for an extension key, kept exact
_LIST_LIKE = (list, tuple)
_VALUE = "google.protobuf.Value"
_NULL_VALUE = "google.protobuf.NullValue"


def accessors(field: FieldDescriptor) -> tuple[Callable[[Message], Any], Callable[[Message], None]]:
    """get and clear for a field or an extension."""
    if field.is_extension:
        extension: Any = field
        return (lambda message: message.Extensions[extension]), (lambda message: message.ClearExtension(extension))
    name = field.name
    return (lambda message: getattr(message, name)), (lambda message: message.ClearField(name))


# == writing =====================================================================================


class _WritePlan:
    """One message type under one option set: field descriptor -> (JSON key, converter or None)."""

    __slots__ = ("defaults", "fields")

    def __init__(self) -> None:
        self.fields: dict[FieldDescriptor, tuple[str, Converter | None]] = {}
        #: (key, JSON value or a factory) of the fields always_print_fields_with_no_presence adds when unset.
        self.defaults: tuple[tuple[str, Any], ...] = ()


class Writer:
    """Message -> JSON-ready value under one option set (four booleans, and protobuf < 7's float_precision)."""

    def __init__(
        self,
        preserving_proto_field_name: bool,
        use_integers_for_enums: bool,
        always_print_fields_with_no_presence: bool,
        unquote_int64_if_possible: bool,
        float_precision: int | None = None,
        custom_names: Any = None,
    ) -> None:
        self.preserve = preserving_proto_field_name
        self.integers = use_integers_for_enums
        self.always = always_print_fields_with_no_presence
        self.unquote = unquote_int64_if_possible
        self.float_precision = float_precision
        self.custom_names = custom_names  # the pb.enumvalue.json extension, where it counts (.custom_names)
        key = ("write", self.preserve, self.integers, self.always, self.unquote, self.float_precision, custom_names is not None)
        self.plans: PlanCache[Write] = PlanCache(key)

    def message(self, descriptor: Descriptor) -> Write:
        """How a message of this type becomes JSON (planned once)."""
        return self.plans.get(descriptor, self._plan)

    def _plan(self, descriptor: Descriptor, register: Callable[[Write], None]) -> Write:
        rule = wkt.rule_for(descriptor)
        if rule is not None:
            return rule.plan_write(self, descriptor)
        plan = _WritePlan()
        fields = plan.fields
        plan_field = self._field
        refuse = _serialize_error

        def write(message: Message) -> dict[str, Any]:
            # The hot loop of every regular message, inlined here (one call per message, not two).
            js: dict[str, Any] = {}
            for field, value in message.ListFields():
                entry = fields.get(field)
                if entry is None:  # an extension: planned on first sight
                    entry = fields[field] = plan_field(field)
                convert = entry[1]
                if convert is None:
                    js[entry[0]] = value
                else:
                    try:
                        js[entry[0]] = convert(value)
                    except ValueError as exc:
                        raise refuse(field, exc) from exc
            if plan.defaults:
                for name, default in plan.defaults:
                    if name not in js:
                        js[name] = default() if callable(default) else default
            return js

        register(write)  # before filling: recursive types
        for field in descriptor.fields:
            fields[field] = self._field(field)
        if self.always:
            plan.defaults = tuple(self._default(field) for field in descriptor.fields if not field.has_presence)
        return write

    def _name(self, field: FieldDescriptor) -> str:
        if field.is_extension:
            return f"[{field.full_name}]"
        return field.name if self.preserve else field.json_name

    def _field(self, field: FieldDescriptor) -> tuple[str, Converter | None]:
        name = self._name(field)
        if is_map(field):
            entry = message_type(field)
            return name, maps.writer(entry.fields_by_name["key"], self.value(entry.fields_by_name["value"]))
        if is_repeated(field) and field.cpp_type == FieldDescriptor.CPPTYPE_ENUM and not self.integers:
            return name, EnumRule(enum_type(field), self.custom_names).list_writer()
        single = self.value(field)
        if is_repeated(field):
            if single is None:
                return name, list
            return name, lambda values: [single(v) for v in values]
        return name, single

    def _default(self, field: FieldDescriptor) -> tuple[str, Any]:
        name = self._name(field)
        if is_map(field):
            return name, dict
        if is_repeated(field):
            return name, list
        convert = self.value(field)
        return name, field.default_value if convert is None else convert(field.default_value)

    def value(self, field: FieldDescriptor) -> Converter | None:
        """One value of ``field`` (an element, for repeated fields); None where it already is its JSON value."""
        if field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE:
            return self.message(message_type(field))
        if field.cpp_type == FieldDescriptor.CPPTYPE_ENUM:
            return None if self.integers else EnumRule(enum_type(field), self.custom_names).writer()
        return scalars.writer(field, self.unquote, self.float_precision)


# == reading =====================================================================================


class _Entry:
    """How one JSON key lands in the message."""

    __slots__ = ("apply", "on_null", "oneof")

    def __init__(self, apply: Apply, on_null: Callable[[Message], None], oneof: str | None) -> None:
        self.apply = apply
        self.on_null = on_null
        self.oneof = oneof


class Reader:
    """JSON -> message under one option set (``ignore_unknown_fields``, and whether pb.enumvalue.json is known)."""

    def __init__(self, ignore_unknown_fields: bool, custom_names: Any = None) -> None:
        self.ignore = ignore_unknown_fields
        self.custom_names = custom_names  # the pb.enumvalue.json extension, where it counts (.custom_names)
        self.plans: PlanCache[Read] = PlanCache(("read", self.ignore, custom_names is not None))

    def message(self, descriptor: Descriptor) -> Read:
        """How a JSON value becomes a message of this type (planned once); ``read(js, message, budget)``."""
        return self.plans.get(descriptor, self._plan)

    def _plan(self, descriptor: Descriptor, register: Callable[[Read], None]) -> Read:
        rule = wkt.rule_for(descriptor)
        if rule is not None:
            return rule.plan_read(self, descriptor)
        table: dict[str, _Entry] = {}
        regular = self._regular

        def read(js: Any, message: Message, budget: Any) -> None:
            regular(js, message, budget, table)

        register(read)  # before filling: recursive types
        entries = [(field, self._entry(field)) for field in descriptor.fields]
        for field, entry in entries:
            table[field.name] = entry
        for field, entry in entries:  # a JSON name wins over another field's proto name, as in protobuf
            table[field.json_name] = entry
        return read

    def _regular(self, js: Any, message: Message, budget: Any, table: dict[str, _Entry]) -> None:
        if budget < 1:
            raise Failure(TOO_DEEP)
        if js.__class__ is not dict and not isinstance(js, Mapping):  # stricter than protobuf, which takes [] and ""
            raise Failure(f"expected a JSON object for {message.DESCRIPTOR.full_name}, got {json_type(js)}")
        oneofs: set[str] | None = None
        budget -= 1
        for name, value in js.items():
            entry = table.get(name)
            if entry is None:
                entry = self._unplanned(name, message, table)
                if entry is None:
                    continue
            try:
                if value is None:
                    entry.on_null(message)
                    continue
                if entry.oneof is not None:
                    if oneofs is None:
                        oneofs = set()
                    elif entry.oneof in oneofs:
                        raise Failure(f'Message type "{message.DESCRIPTOR.full_name}" should not have multiple "{entry.oneof}" oneof fields')
                    oneofs.add(entry.oneof)
                entry.apply(message, value, budget)
            except Failure as failure:
                if failure.ignorable and self.ignore:
                    continue
                failure.segments.append(f".{name}")
                raise
            except Exception as exc:
                runtime = runtime_failure(exc)
                runtime.segments.append(f".{name}")
                raise runtime from exc

    def _unplanned(self, name: Any, message: Message, table: dict[str, _Entry]) -> _Entry | None:
        """An extension key (``[pkg.ext]``), planned on first sight; an unknown key fails or is skipped.

        As in protobuf, whatever ``ignore_unknown_fields`` says: a key that is no string fails (bar a bytes key
        that upb's ``fields_by_name`` finds), and so does an extension key of a message that has none, or naming
        an extension of another message.
        """
        descriptor = descriptor_of(message)
        if not isinstance(name, str):
            field = _field_by_odd_key(descriptor, name)
            if field is not None:
                return self._entry(field)
            failure = Failure(f"a field name is a string, not {json_type(name)}")
            failure.segments.append(f".{name!r}")
            raise failure
        if _VALID_EXTENSION_NAME.match(name):
            if not descriptor.is_extendable:
                failure = Failure(f"Message type {descriptor.full_name} does not have extensions")
                failure.segments.append(f".{name}")
                raise failure
            try:
                extension = _find_extension(descriptor, name[1:-1])
            except Failure as failure:
                failure.segments.append(f".{name}")
                raise
            if extension is not None:
                entry = table[name] = self._entry(extension)
                return entry
        if self.ignore:
            return None
        available = [f.json_name for f in descriptor.fields]
        raise Failure(f'Message type "{descriptor.full_name}" has no field named "{name}"; available fields (except extensions): {available}')

    def _entry(self, field: FieldDescriptor) -> _Entry:
        get, clear = accessors(field)
        oneof = field.containing_oneof.name if field.containing_oneof is not None else None
        return _Entry(self._apply(field, get, clear), self._on_null(field, get, clear), oneof)

    def _on_null(self, field: FieldDescriptor, get: Callable[[Message], Any], clear: Callable[[Message], None]) -> Callable[[Message], None]:
        """null clears a field, except a google.protobuf.Value (null_value) and a NullValue enum (its 0)."""
        is_value = field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE and message_type(field).full_name == _VALUE
        is_null_enum = field.cpp_type == FieldDescriptor.CPPTYPE_ENUM and enum_type(field).full_name == _NULL_VALUE
        if not (is_value or is_null_enum):
            return clear
        if is_repeated(field):

            def refuse(message: Message) -> None:  # protobuf crashes here (AttributeError): refused
                raise Failure("null is not a repeated field's value")

            return refuse
        if is_value:

            def null_value(message: Message) -> None:
                get(message).null_value = 0

            return null_value
        if field.is_extension:
            extension: Any = field

            def null_extension(message: Any) -> None:
                message.Extensions[extension] = 0

            return null_extension
        attr = field.name
        return lambda message: setattr(message, attr, 0)

    def _apply(self, field: FieldDescriptor, get: Callable[[Message], Any], clear: Callable[[Message], None]) -> Apply:
        if is_map(field):
            entry = message_type(field)
            value_field = entry.fields_by_name["value"]
            if value_field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE:
                return maps.applier(entry.fields_by_name["key"], get, clear, None, self.message(message_type(value_field)), self.ignore)
            return maps.applier(entry.fields_by_name["key"], get, clear, self.value(value_field), None, self.ignore)
        if field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE:
            read = self.message(message_type(field))
            if is_repeated(field):
                return _repeated_messages(read, get, clear, message_type(field).full_name == _VALUE)

            def apply_message(message: Message, value: Any, budget: Any) -> None:
                sub = get(message)
                sub.SetInParent()
                read(value, sub, budget)

            return apply_message
        convert = self.value(field)
        if is_repeated(field):
            return _repeated_scalars(convert, get, clear, self.ignore)
        if field.is_extension:
            extension: Any = field

            def apply_extension(message: Any, value: Any, budget: Any) -> None:
                message.Extensions[extension] = convert(value)

            return apply_extension
        attr = field.name

        def apply_scalar(message: Message, value: Any, budget: Any) -> None:
            setattr(message, attr, convert(value))

        return apply_scalar

    def value(self, field: FieldDescriptor) -> Converter:
        """The converter of one scalar or enum value of ``field``."""
        if field.cpp_type == FieldDescriptor.CPPTYPE_ENUM:
            return EnumRule(enum_type(field), self.custom_names).reader()
        return scalars.reader(field)


def _serialize_error(field: FieldDescriptor, exc: ValueError) -> _pb_json.SerializeToJsonError:
    return _pb_json.SerializeToJsonError(f"Failed to serialize {field.name} field: {exc}.")


def _repeated_scalars(convert: Converter, get: Callable[[Message], Any], clear: Callable[[Message], None], ignore: bool) -> Apply:
    def apply(message: Message, values: Any, budget: Any) -> None:
        if not isinstance(values, _LIST_LIKE):
            raise Failure(f"a repeated field takes a JSON array, not {json_type(values)}")
        clear(message)
        try:
            get(message).extend([convert(v) for v in values])
            return
        except Failure:
            pass
        kept = []  # the slow path: find the element at fault, or skip ignorable ones
        for index, value in enumerate(values):
            try:
                if value is None:
                    raise Failure("null is not allowed as an element of a repeated field")
                kept.append(convert(value))
            except Failure as failure:
                if failure.ignorable and ignore:
                    continue
                failure.segments.append(f"[{index}]")
                raise
        get(message).extend(kept)

    return apply


def _repeated_messages(read: Read, get: Callable[[Message], Any], clear: Callable[[Message], None], nullable: bool) -> Apply:
    def apply(message: Message, values: Any, budget: Any) -> None:
        if not isinstance(values, _LIST_LIKE):
            raise Failure(f"a repeated field takes a JSON array, not {json_type(values)}")
        clear(message)
        container = get(message)
        for index, value in enumerate(values):
            try:
                if value is None and not nullable:
                    raise Failure("null is not allowed as an element of a repeated field")
                read(value, container.add(), budget)
            except Failure as failure:
                failure.segments.append(f"[{index}]")
                raise

    return apply


def _find_extension(descriptor: Descriptor, identifier: str) -> Any:
    """The extension of this message named ``identifier`` (or, for a MessageSet, by its type's name); the first
    name the pool knows decides, and an extension of another message fails, as protobuf's lookup does."""
    pool: Any = descriptor.file.pool
    for name in (identifier, ".".join(identifier.split(".")[:-1])):
        try:
            extension = pool.FindExtensionByName(name)
        except KeyError:
            continue
        if extension.containing_type is descriptor or extension.containing_type.full_name == descriptor.full_name:
            return extension
        raise Failure(f"{extension.full_name} extends {extension.containing_type.full_name}, not {descriptor.full_name}")
    return None


def _field_by_odd_key(descriptor: Descriptor, key: Any) -> FieldDescriptor | None:
    """What protobuf's ``fields_by_name.get(key)`` finds for a key that is no str (upb finds a field by bytes)."""
    try:
        field: FieldDescriptor | None = descriptor.fields_by_name.get(key)
    except Exception:  # an unhashable or odd key: protobuf fails on it too
        return None
    return field
