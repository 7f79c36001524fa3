"""google.protobuf.Any: ``@type`` and the payload's JSON, with the same plans as any other message.

The type URL is resolved in the caller's ``descriptor_pool`` (else protobuf's default pool), given per
call through :data:`POOL`, so plans never hold a pool. A regular payload's fields sit next to ``@type``
and are read at the Any's own depth; a well-known payload is under ``"value"`` and costs one more level,
as in protobuf. A payload that cannot be serialized (a proto2 message missing required fields) is a
parse error, where protobuf's ``ParseDict`` lets ``EncodeError`` escape.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from typing import Any

from google.protobuf import symbol_database
from google.protobuf.descriptor import Descriptor
from google.protobuf.descriptor_pool import DescriptorPool

from .errors import TOO_DEEP, Failure, json_type, runtime_failure
from .planners import Read, ReadPlanner, Write, WritePlanner
from .plans import message_class
from .wkt_names import has_own_json, is_wrapper

#: The descriptor_pool argument of the current call (None: protobuf's default pool).
POOL: ContextVar[DescriptorPool | None] = ContextVar("kraken_proto_json_pool", default=None)


def _payload_type(type_url: str) -> Descriptor:
    pool: Any = POOL.get()
    if pool is None:
        pool = symbol_database.Default().pool  # type: ignore[attr-defined]
    descriptor: Descriptor = pool.FindMessageTypeByName(type_url.split("/")[-1])
    return descriptor


def plan_write(writer: WritePlanner, descriptor: Descriptor) -> Write:
    def write(message: Any) -> Any:
        if not message.ListFields():
            return {}
        type_url = message.type_url
        try:
            payload_type = _payload_type(type_url)
        except KeyError as exc:
            raise TypeError(f"Can not find message descriptor by type_url: {type_url}") from exc
        payload = message_class(payload_type)()
        payload.ParseFromString(message.value)
        converted = writer.message(payload_type)(payload)
        js: dict[str, Any] = {"@type": type_url}
        if not has_own_json(payload_type):
            js.update(converted)
        else:
            js["value"] = converted
        return js

    return write


def plan_read(reader: ReadPlanner, descriptor: Descriptor) -> Read:
    def read(js: Any, message: Any, budget: Any) -> None:
        if budget < 1:
            raise Failure(TOO_DEEP)
        if not isinstance(js, Mapping):
            raise Failure(f"an Any takes a JSON object, not {json_type(js)}")
        if not js and isinstance(js, dict):  # protobuf's test: an empty mapping of another kind lacks its @type
            return
        if "@type" not in js:
            raise Failure("@type is missing when parsing any message")
        type_url = js["@type"]
        if not isinstance(type_url, str):
            raise Failure(f"@type must be a type URL string, not {json_type(type_url)}")
        try:
            payload_type = _payload_type(type_url)
        except KeyError:
            raise Failure(f"Can not find message descriptor by type_url: {type_url}") from None
        payload = message_class(payload_type)()
        read_payload = reader.message(payload_type)
        if not has_own_json(payload_type):
            read_payload({k: v for k, v in js.items() if k != "@type"}, payload, budget)
        else:
            if "value" not in js:
                raise Failure(f"an Any holding a {payload_type.full_name} needs a 'value'")
            try:  # a wrapper is read in place; any other well-known payload is one level deeper
                read_payload(js["value"], payload, budget if is_wrapper(payload_type) else budget - 1)
            except Failure as failure:
                failure.segments.append(".value")
                raise
        try:
            message.value = payload.SerializeToString()
        except Exception as exc:
            raise runtime_failure(exc) from exc
        message.type_url = type_url

    return read
