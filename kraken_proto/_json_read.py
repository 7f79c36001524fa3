"""JSON-ready dict -> message: protobuf's ProtoJSON parser, except that our enum fields also take documented strings.

Why a planner, as for writing: each message type is inspected once per option set into a table from
every accepted key (JSON name, proto name) to an ``apply`` closure specialised for the field's kind
(scalar, repeated, map, message) and type. A call is then one dict lookup and one closure call per key.
Paths are not built while parsing; a :class:`~kraken_proto._json_errors.Failure` collects them as it
unwinds, so errors still name ``Event.items[2].status``.

For one of our enums a value may be the documented string, the proto value name or a number (a JSON
number or a decimal string, as protobuf's parser accepts); a number this version does not know is kept,
as for any open enum. Anything else fails naming the field path and the enum.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Callable
from typing import Any

from google.protobuf import json_format as _pb_json
from google.protobuf import message_factory
from google.protobuf.descriptor import Descriptor, EnumDescriptor, FieldDescriptor
from google.protobuf.descriptor_pool import DescriptorPool
from google.protobuf.message import Message

from ._descriptors import STRUCT_LIKE, TIME_LIKE, WRAPPERS_FILE, custom_json_names, enum_type, is_map, message_type, resolving_pool
from ._json_enums import EnumTables, tables_for
from ._protobuf_compat import is_repeated
from ._json_errors import Failure, ParseError
from ._plan_cache import PlanCache

Converter = Callable[[Any], Any]
Apply = Callable[[Message, Any, int], None]
Reader = Callable[[Any, Message, int], None]

_FLOAT_MAX = 3.4028234663852886e38  # the largest finite float32, as protobuf's own JSON parser checks
_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1
_DECIMAL = re.compile(r"-?[0-9]+")
_LIST_LIKE = (list, tuple)


class _Entry:
    """How one JSON key lands in the message."""

    __slots__ = ("apply", "on_null", "oneof")

    def __init__(self, apply: Apply, on_null: Callable[[Message], None], oneof: str | None) -> None:
        self.apply = apply
        self.on_null = on_null
        self.oneof = oneof


class Parser:
    """Parses under one combination of keyword arguments; cached by :func:`parser_for`."""

    def __init__(self, ignore_unknown_fields: bool, descriptor_pool: DescriptorPool | None, max_recursion_depth: int) -> None:
        self._ignore = ignore_unknown_fields
        self._pool = descriptor_pool
        self._max_depth = max_recursion_depth
        self._plans: dict[Descriptor, dict[str, _Entry]] = {}
        self._readers: PlanCache[Descriptor, Reader] = PlanCache()

    def parse(self, js: Any, message: Message) -> None:
        descriptor: Any = message.DESCRIPTOR
        try:
            self.reader(descriptor)(js, message, 1)
        except Failure as failure:
            raise failure.public(message.DESCRIPTOR.name) from failure

    # -- the hot path ---------------------------------------------------------------------------

    def _regular(self, js: Any, message: Message, depth: int, plan: dict[str, _Entry]) -> None:
        if depth > self._max_depth:
            raise Failure(f"Message too deep. Max recursion depth is {self._max_depth}")
        if not isinstance(js, dict):
            raise Failure(f"expected a JSON object for {message.DESCRIPTOR.full_name}, got {_json_type(js)}")
        oneofs: set[str] | None = None
        for name, value in js.items():
            entry = plan.get(name)
            if entry is None:
                entry = self._unplanned(name, message, plan)
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
                entry.apply(message, value, depth)
            except Failure as failure:
                if failure.ignorable and self._ignore:
                    continue
                failure.segments.append(f".{name}")
                raise
            except (ValueError, TypeError) as exc:  # range and type checks of the protobuf runtime
                runtime = Failure(str(exc))
                runtime.segments.append(f".{name}")
                raise runtime from exc

    # -- planning -------------------------------------------------------------------------------

    def reader(self, descriptor: Descriptor) -> Reader:
        """How a JSON value becomes a message of this type (planned once; well-known types get their own)."""
        return self._readers.get(descriptor, self._plan)

    def _plan(self, descriptor: Descriptor, register: Callable[[Reader], None]) -> Reader:
        reader: Reader
        full_name = descriptor.full_name
        if descriptor.file.name == WRAPPERS_FILE:
            convert = self._scalar_converter(descriptor.fields_by_name["value"])

            def reader(js: Any, message: Message, depth: int) -> None:
                message.value = convert(js)  # type: ignore[attr-defined]
        elif full_name in TIME_LIKE:
            reader = _from_json_string
        elif full_name in STRUCT_LIKE:
            reader = self._stdlib
        elif full_name == "google.protobuf.Any":
            reader = self._any
        else:
            plan: dict[str, _Entry] = {}
            self._plans[descriptor] = plan

            def reader(js: Any, message: Message, depth: int) -> None:
                self._regular(js, message, depth, plan)
            register(reader)  # before filling: recursive types
            for field in descriptor.fields:
                entry = self._entry(field)
                plan[field.json_name] = entry
                plan[field.name] = entry
        return reader

    def _unplanned(self, name: str, message: Message, plan: dict[str, _Entry]) -> _Entry | None:
        """An extension key (``[pkg.ext]``), planned on first sight; an unknown key fails or is skipped."""
        descriptor = message.DESCRIPTOR
        if name.startswith("[") and name.endswith("]") and descriptor.is_extendable:
            extension = _find_extension(message, name[1:-1])
            if extension is not None:
                entry = plan[name] = self._entry(extension)
                return entry
        if self._ignore:
            return None
        available = [f.json_name for f in descriptor.fields]
        failure = Failure(f'Message type "{descriptor.full_name}" has no field named "{name}"; available fields (except extensions): {available}')
        raise failure

    def _entry(self, field: FieldDescriptor) -> _Entry:
        get, clear = _accessors(field)
        oneof = field.containing_oneof.name if field.containing_oneof is not None else None
        on_null: Callable[[Message], None] = clear
        if is_map(field):
            return _Entry(self._map_apply(field, get, clear), on_null, oneof)
        if is_repeated(field):
            if field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE:
                return _Entry(self._repeated_message_apply(field, get, clear), on_null, oneof)
            return _Entry(self._repeated_scalar_apply(field, get, clear), on_null, oneof)
        if field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE:
            read = self.reader(message_type(field))

            def apply_message(message: Message, value: Any, depth: int) -> None:
                sub = get(message)
                sub.SetInParent()
                read(value, sub, depth + 1)
            if message_type(field).full_name == "google.protobuf.Value":
                def null_value(message: Message) -> None:
                    get(message).null_value = 0
                on_null = null_value
            return _Entry(apply_message, on_null, oneof)
        convert = self._scalar_converter(field)
        if field.cpp_type == FieldDescriptor.CPPTYPE_ENUM and enum_type(field).full_name == "google.protobuf.NullValue":
            def null_enum(message: Message) -> None:
                _set(message, field, 0)
            on_null = null_enum
        if field.is_extension:
            def apply_extension(message: Any, value: Any, depth: int) -> None:
                message.Extensions[field] = convert(value)
            return _Entry(apply_extension, on_null, oneof)
        attr = field.name

        def apply_scalar(message: Message, value: Any, depth: int) -> None:
            setattr(message, attr, convert(value))
        return _Entry(apply_scalar, on_null, oneof)

    def _repeated_scalar_apply(self, field: FieldDescriptor, get: Callable[[Message], Any], clear: Callable[[Message], None]) -> Apply:
        convert = self._scalar_converter(field)
        ignore = self._ignore

        def apply(message: Message, values: Any, depth: int) -> None:
            if not isinstance(values, _LIST_LIKE):
                raise Failure(f"a repeated field takes a JSON array, not {_json_type(values)}")
            clear(message)
            try:
                get(message).extend([convert(v) for v in values])
                return
            except Failure:
                pass
            kept = []  # the slow path: find the element at fault, or skip ignorable ones
            for index, value in enumerate(values):
                try:
                    kept.append(convert(value))
                except Failure as failure:
                    if failure.ignorable and ignore:
                        continue
                    failure.segments.append(f"[{index}]")
                    raise
            get(message).extend(kept)
        return apply

    def _repeated_message_apply(self, field: FieldDescriptor, get: Callable[[Message], Any], clear: Callable[[Message], None]) -> Apply:
        read = self.reader(message_type(field))
        nullable = message_type(field).full_name == "google.protobuf.Value"

        def apply(message: Message, values: Any, depth: int) -> None:
            if not isinstance(values, _LIST_LIKE):
                raise Failure(f"a repeated field takes a JSON array, not {_json_type(values)}")
            clear(message)
            container = get(message)
            for index, value in enumerate(values):
                try:
                    if value is None and not nullable:
                        raise Failure("null is not allowed as an element of a repeated field")
                    read(value, container.add(), depth + 1)
                except Failure as failure:
                    failure.segments.append(f"[{index}]")
                    raise
        return apply

    def _map_apply(self, field: FieldDescriptor, get: Callable[[Message], Any], clear: Callable[[Message], None]) -> Apply:
        key_field = message_type(field).fields_by_name["key"]
        value_field = message_type(field).fields_by_name["value"]
        convert_key = _map_key_converter(key_field)
        ignore = self._ignore
        if value_field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE:
            read = self.reader(message_type(value_field))

            def apply_messages(message: Message, values: Any, depth: int) -> None:
                if not isinstance(values, dict):
                    raise Failure(f"a map field takes a JSON object, not {_json_type(values)}")
                clear(message)
                container = get(message)
                for key, value in values.items():
                    try:
                        if value is None:
                            raise Failure("null is not allowed as a map value")
                        read(value, container[convert_key(key)], depth + 1)
                    except Failure as failure:
                        failure.segments.append(f"[{key}]")
                        raise
            return apply_messages
        convert = self._scalar_converter(value_field)

        def apply_scalars(message: Message, values: Any, depth: int) -> None:
            if not isinstance(values, dict):
                raise Failure(f"a map field takes a JSON object, not {_json_type(values)}")
            clear(message)
            container = get(message)
            for key, value in values.items():
                try:
                    if value is None:
                        raise Failure("null is not allowed as a map value")
                    container[convert_key(key)] = convert(value)
                except Failure as failure:
                    if failure.ignorable and ignore:
                        continue
                    failure.segments.append(f"[{key}]")
                    raise
        return apply_scalars

    def _scalar_converter(self, field: FieldDescriptor) -> Converter:
        cpp_type = field.cpp_type
        if cpp_type == FieldDescriptor.CPPTYPE_ENUM:
            ours = tables_for(enum_type(field))
            return _our_enum_converter(ours) if ours is not None else _other_enum_converter(enum_type(field))
        if cpp_type in _INTEGERS:
            return _integer
        if cpp_type == FieldDescriptor.CPPTYPE_DOUBLE:
            return _double
        if cpp_type == FieldDescriptor.CPPTYPE_FLOAT:
            return _float
        if cpp_type == FieldDescriptor.CPPTYPE_BOOL:
            return _bool
        if field.type == FieldDescriptor.TYPE_BYTES:
            return _bytes
        return _string

    # -- well-known types -------------------------------------------------------------------------

    def _stdlib(self, js: Any, message: Message, depth: int) -> None:
        """Struct, Value, ListValue: protobuf's own parser (no enums of ours can be inside)."""
        try:
            _pb_json.ParseDict(js, message, self._ignore, self._pool, self._max_depth - depth + 1)
        except _pb_json.ParseError as exc:
            raise Failure(str(exc)) from exc

    def _any(self, js: Any, message: Message, depth: int) -> None:
        if not isinstance(js, dict):
            raise Failure(f"an Any takes a JSON object, not {_json_type(js)}")
        if not js:
            return
        type_url = js.get("@type")
        if not isinstance(type_url, str):
            raise Failure("@type is missing when parsing any message")
        try:
            descriptor = resolving_pool(self._pool).FindMessageTypeByName(type_url.split("/")[-1])
        except KeyError:
            raise Failure(f"Can not find message descriptor by type_url: {type_url}") from None
        payload = message_factory.GetMessageClass(descriptor)()
        read = self.reader(descriptor)
        if descriptor in self._plans:
            read({k: v for k, v in js.items() if k != "@type"}, payload, depth)
        else:
            if "value" not in js:
                raise Failure(f"an Any holding a {descriptor.full_name} needs a 'value'")
            try:
                read(js["value"], payload, depth + 1)
            except Failure as failure:
                failure.segments.append(".value")
                raise
        message.value = payload.SerializeToString()  # type: ignore[attr-defined]
        message.type_url = type_url  # type: ignore[attr-defined]


_INTEGERS = frozenset({FieldDescriptor.CPPTYPE_INT32, FieldDescriptor.CPPTYPE_INT64, FieldDescriptor.CPPTYPE_UINT32, FieldDescriptor.CPPTYPE_UINT64})


def _accessors(field: FieldDescriptor) -> tuple[Callable[[Message], Any], Callable[[Message], None]]:
    if field.is_extension:
        extension: Any = field
        return (lambda message: message.Extensions[extension]), (lambda message: message.ClearExtension(extension))
    name = field.name
    return (lambda message: getattr(message, name)), (lambda message: message.ClearField(name))


def _set(message: Any, field: FieldDescriptor, value: Any) -> None:
    if field.is_extension:
        message.Extensions[field] = value
    else:
        setattr(message, field.name, value)


def _find_extension(message: Message, identifier: str) -> Any:
    descriptor: Any = message.DESCRIPTOR
    pool = descriptor.file.pool
    for name in (identifier, identifier.rpartition(".")[0]):  # the extension, or (MessageSet) its type's name
        try:
            extension = pool.FindExtensionByName(name)
        except KeyError:
            continue
        if extension.containing_type is descriptor or extension.containing_type.full_name == descriptor.full_name:
            return extension
    return None


def _from_json_string(js: Any, message: Message, depth: int) -> None:
    """Timestamp, Duration, FieldMask: their own ``FromJsonString``."""
    if not isinstance(js, str):
        raise Failure(f"{message.DESCRIPTOR.full_name} takes a JSON string, not {_json_type(js)}")
    try:
        message.FromJsonString(js)  # type: ignore[attr-defined]
    except ValueError as exc:
        raise Failure(str(exc)) from exc


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, _LIST_LIKE):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


# -- scalar converters: the JSON value -> what the protobuf runtime's setattr takes --------------------


def _integer(value: Any) -> int:
    if value.__class__ is int:
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise Failure(f"Couldn't parse integer: {value!r}")
    if isinstance(value, str) and " " not in value:
        try:
            return int(value)
        except ValueError:
            try:
                number = float(value)
            except ValueError:
                raise Failure(f"Couldn't parse integer: {value!r}") from None
            if number.is_integer():
                return int(number)
            raise Failure(f"Couldn't parse non-integer string: {value!r}") from None
    raise Failure(f"an integer field takes a number or a decimal string, not {_json_type(value)}")


def _double(value: Any) -> float:
    if value.__class__ is float:
        if math.isfinite(value):
            return value
        raise Failure('Couldn\'t parse NaN or Infinity as a JSON number; use "NaN", "Infinity" or "-Infinity"')
    if value.__class__ is int:
        return float(value)
    if isinstance(value, str) and value != "nan":
        if value == "NaN":
            return math.nan
        if value == "Infinity":
            return math.inf
        if value == "-Infinity":
            return -math.inf
        try:
            return float(value)
        except ValueError:
            pass
    raise Failure(f"Couldn't parse float: {_json_type(value)}")


def _float(value: Any) -> float:
    number = _double(value)
    if math.isfinite(number) and not isinstance(value, str):
        if number > _FLOAT_MAX:
            raise Failure("Float value too large")
        if number < -_FLOAT_MAX:
            raise Failure("Float value too small")
    return number


def _bool(value: Any) -> bool:
    if value.__class__ is bool:
        return value
    raise Failure(f"Expected true or false without quotes, not {_json_type(value)}")


def _string(value: Any) -> str:
    if value.__class__ is str:
        return value
    raise Failure(f"a string field takes a JSON string, not {_json_type(value)}")


def _bytes(value: Any) -> bytes:
    if not isinstance(value, str):
        raise Failure(f"a bytes field takes a base64 JSON string, not {_json_type(value)}")
    encoded = value.encode("utf-8")
    try:
        return base64.urlsafe_b64decode(encoded + b"=" * (-len(encoded) % 4))  # either alphabet, padding optional
    except ValueError as exc:
        raise Failure(f"Couldn't parse base64 bytes: {exc}") from None


def _map_key_converter(key_field: FieldDescriptor) -> Converter:
    """Map keys are JSON object keys, so always strings; parse them as the key type wants."""
    cpp_type = key_field.cpp_type
    if cpp_type == FieldDescriptor.CPPTYPE_STRING:
        return _string
    if cpp_type == FieldDescriptor.CPPTYPE_BOOL:
        def bool_key(key: Any) -> bool:
            if key == "true":
                return True
            if key == "false":
                return False
            raise Failure(f'Expected "true" or "false", not {key!r}')
        return bool_key
    return _integer


def _our_enum_converter(tables: EnumTables) -> Converter:
    table = tables.from_json

    def convert(value: Any) -> int:
        number: int | None = None
        if value.__class__ is str:
            number = table.get(value)
            if number is not None:
                return number
            if _DECIMAL.fullmatch(value):
                number = int(value)
        elif value.__class__ is int or (value.__class__ is float and value.is_integer()):
            number = int(value)
        if number is not None and _INT32_MIN <= number <= _INT32_MAX:
            return number  # a number this version may not know: kept, as for any open enum
        raise _our_enum_failure(tables, value)
    return convert


def _our_enum_failure(tables: EnumTables, value: Any) -> Failure:
    mapping = tables.mapping
    enum = (mapping.graphql_name, mapping.full_name, value)
    if isinstance(value, str):
        hint = mapping._bad_string(value)
        suggestions = getattr(hint, "suggestions", ())
        reason = "strings are exact and case-sensitive" if any(s.casefold() == value.strip().casefold() for s in suggestions) \
            else "not a documented string, a proto value name or a number"
        return Failure(reason, ignorable=True, enum=(*enum, suggestions))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Failure("not an int32 enum number", enum=(*enum, ()))
    return Failure(f"expected a documented string, a proto value name or a number, not {_json_type(value)}", enum=(*enum, ()))


def _other_enum_converter(enum: EnumDescriptor) -> Converter:
    """Any other enum: ProtoJSON's rules (proto name, custom JSON name, or number)."""
    by_name = {value.name: value.number for value in enum.values}
    custom = {name: number for number, name in custom_json_names(enum).items()}
    known = {value.number for value in enum.values}
    closed = enum.is_closed

    def convert(value: Any) -> int:
        if value.__class__ is str:
            number = by_name.get(value)
            if number is None:
                number = custom.get(value)
            if number is not None:
                return number
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise Failure(f"Invalid enum value {value!r} for enum type {enum.full_name}")
        try:
            number = _integer(value)
        except Failure:  # an unknown name: protobuf's parser skips it under ignore_unknown_fields
            raise Failure(f"Invalid enum value {value!r} for enum type {enum.full_name}", ignorable=isinstance(value, str)) from None
        if closed and number not in known:
            raise Failure(f"Invalid enum value {value!r} for enum type {enum.full_name}")
        return number
    return convert


_PARSERS: dict[tuple[bool, DescriptorPool | None, int], Parser] = {}


def parser_for(ignore_unknown_fields: bool, descriptor_pool: DescriptorPool | None, max_recursion_depth: int) -> Parser:
    """The parser, and so the plans, for this option set: built on first use, then reused by every call."""
    key = (bool(ignore_unknown_fields), descriptor_pool, int(max_recursion_depth))
    parser = _PARSERS.get(key)
    if parser is None:
        parser = _PARSERS[key] = Parser(*key)
    return parser


__all__ = ["ParseError", "Parser", "parser_for"]
