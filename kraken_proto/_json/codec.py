"""The entry points the public functions call: find the plan for the message's class, run it, map errors.

The plans of an option set are found on the message class (:mod:`.plans`); the writers and readers that
make them are few (one per combination of the boolean options, of protobuf < 7's float_precision and of
whether ``pb.enumvalue.json`` is known, :mod:`.custom_names`), whatever pools and limits callers pass.
"""

from __future__ import annotations

import json
from typing import Any

from google.protobuf.descriptor_pool import DescriptorPool
from google.protobuf.message import Message

from .._protobuf_compat import require_unquote_int64, warn_float_precision
from . import custom_names
from .descriptors import descriptor_of
from .errors import Failure, ParseError, runtime_failure
from .messages import Reader, Writer
from .plans import ATTR
from .wkt_any import POOL

#: Writers by (preserving_proto_field_name, use_integers_for_enums, always_print_fields_with_no_presence,
#: unquote_int64_if_possible, float_precision, pb.enumvalue.json); made on first use.
_WRITERS: dict[tuple[bool, bool, bool, bool, int | None, bool], Writer] = {}
#: [whether unquote_int64_if_possible was found supported]: checked once, on first use.
_UNQUOTE_INT64 = [False]
_READERS: dict[tuple[bool, bool], Reader] = {}


def _writer(preserving: Any, integers: Any, always: Any, unquote: Any, float_precision: Any, custom: Any) -> Writer:
    """The writer of an option set other than the defaults (checked and normalised here, off the common path)."""
    if unquote and not _UNQUOTE_INT64[0]:
        require_unquote_int64()  # raises where protobuf's own json_format lacks the option (protobuf < 7)
        _UNQUOTE_INT64[0] = True
    if float_precision:  # protobuf < 7 only (its signature has it): "if float_precision", as protobuf tests it
        warn_float_precision()
    key = (bool(preserving), bool(integers), bool(always), bool(unquote), float_precision or None, custom is not None)
    writer = _WRITERS.get(key)
    if writer is None:
        writer = _WRITERS.setdefault(key, Writer(*key[:5], custom))
    return writer


#: The writer of the default options while pb.enumvalue.json is not known (always, on protobuf < 7).
_DEFAULT_WRITER = _WRITERS[(False, False, False, False, None, False)] = Writer(False, False, False, False)


def to_json_value(
    message: Message,
    preserving_proto_field_name: bool,
    use_integers_for_enums: bool,
    always_print_fields_with_no_presence: bool,
    unquote_int64_if_possible: bool,
    descriptor_pool: DescriptorPool | None,
    float_precision: int | None = None,
) -> Any:
    """The JSON value of ``message``: a dict, or a string/list/... for some well-known types."""
    custom = custom_names.FOUND[0]
    if custom is None and custom_names.SUPPORTED:
        custom = custom_names.extension()
    if custom is None and not (
        preserving_proto_field_name or use_integers_for_enums or always_print_fields_with_no_presence or unquote_int64_if_possible or float_precision
    ):
        writer = _DEFAULT_WRITER  # the common call, with nothing to normalise
    else:
        writer = _writer(
            preserving_proto_field_name, use_integers_for_enums, always_print_fields_with_no_presence, unquote_int64_if_possible, float_precision, custom
        )
    store = type(message).__dict__.get(ATTR)
    write = store.get(writer.plans.key) if store is not None else None
    if write is None:
        write = writer.message(descriptor_of(message))
    if descriptor_pool is None:
        return write(message)
    token = POOL.set(descriptor_pool)
    try:
        return write(message)
    finally:
        POOL.reset(token)


def merge_json_value(js: Any, message: Message, ignore_unknown_fields: bool, descriptor_pool: DescriptorPool | None, max_recursion_depth: Any) -> None:
    """Merges ``js`` into ``message``; any problem is a :class:`ParseError` naming where it is."""
    custom = custom_names.FOUND[0]
    if custom is None and custom_names.SUPPORTED:
        custom = custom_names.extension()
    reader = _READERS.get((bool(ignore_unknown_fields), custom is not None))
    if reader is None:
        reader = _READERS.setdefault((bool(ignore_unknown_fields), custom is not None), Reader(bool(ignore_unknown_fields), custom))
    store = getattr(type(message), ATTR, None)
    read = store.get(reader.plans.key) if store is not None else None
    token = POOL.set(descriptor_pool) if descriptor_pool is not None else None
    try:
        if read is None:
            read = reader.message(descriptor_of(message))
        read(js, message, max_recursion_depth)
    except Failure as failure:
        raise failure.public(message.DESCRIPTOR.name, max_recursion_depth) from failure
    except Exception as exc:
        raise ParseError(message.DESCRIPTOR.name, runtime_failure(exc).problem) from exc
    finally:
        if token is not None:
            POOL.reset(token)


def load(text: str | bytes, message: Message) -> Any:
    """JSON text into Python values, refusing duplicate keys as protobuf does; every problem a ParseError."""
    try:
        if not isinstance(text, str):
            text = text.decode("utf-8")
        return json.loads(text, object_pairs_hook=_refuse_duplicates)
    except (ValueError, RecursionError) as exc:  # json.JSONDecodeError, UnicodeDecodeError; nesting beyond Python's stack
        raise ParseError(message.DESCRIPTOR.name, f"Failed to load JSON: {exc}") from exc


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, value in pairs:
        if name in result:
            raise ValueError(f"duplicate key {name!r}")
        result[name] = value
    return result
