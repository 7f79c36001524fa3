"""ProtoJSON for event payloads that speak the Kraken GraphQL strings.

The same functions, keyword arguments and semantics as :mod:`google.protobuf.json_format` (field names,
int64 as strings, well-known types, ``preserving_proto_field_name``...), for any message type, with one
difference: every field whose type is one of our enums, at any depth (nested messages, repeated fields,
map values, oneofs, ``Any`` payloads), is written as the documented GraphQL string (``"ACTIVE"``, not
``"ACCOUNT_STATUS_ACTIVE"``). Services on the bus that read Kraken's own strings need no second table.

- Writing: a number this version does not know is written as a number, as ProtoJSON does; the zero
  value, which has no documented string, is written as its proto name (``"ACCOUNT_STATUS_UNSPECIFIED"``).
  ``use_integers_for_enums=True`` writes numbers for every enum, ours included.
- Parsing accepts the documented string, the proto value name, or a number (unknown numbers are kept);
  anything else raises :class:`EnumValueParseError`, a ``ValueError`` naming the field path and the enum.
  Every parse error is a :class:`ParseError`: both protobuf's ``json_format.ParseError`` and ``ValueError``.
  As in protobuf, ``ignore_unknown_fields=True`` also skips enum strings it does not know.

The parameters are the installed runtime's own, names, order and defaults: 5.29 and 6.x have ``float_precision``
(the 7th positional parameter of ``message_to_json``), 7 has ``unquote_int64_if_possible`` instead.
Everything else is exactly protobuf's behaviour, except a few inputs protobuf accepts against the ProtoJSON
spec, which are refused here (docs/json-codec.md lists them); ``tests/test_json_differential.py`` compares
the two. Each message type is planned once per option set; the plan lives on the message class and dies
with it (and its descriptor pool). The engine is the private :mod:`kraken_proto._json` subpackage.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypeVar

from google.protobuf.descriptor_pool import DescriptorPool
from google.protobuf.json_format import SerializeToJsonError
from google.protobuf.message import Message

from ._json import EnumValueParseError, ParseError, load, merge_json_value, to_json_value
from ._protobuf_compat import float_precision_supported

__all__ = ["EnumValueParseError", "ParseError", "SerializeToJsonError", "message_to_dict", "message_to_json", "parse", "parse_dict"]

_M = TypeVar("_M", bound=Message)


_FLOAT_PRECISION = float_precision_supported()

if TYPE_CHECKING:  # one signature for type checkers: protobuf 7's, with 5.29/6.x's float_precision keyword-only

    def message_to_dict(
        message: Message,
        always_print_fields_with_no_presence: bool = False,
        preserving_proto_field_name: bool = False,
        use_integers_for_enums: bool = False,
        descriptor_pool: DescriptorPool | None = None,
        *,
        unquote_int64_if_possible: bool = False,
        float_precision: int | None = None,
    ) -> dict[str, Any]:
        """Like ``MessageToDict``; our enums as their documented strings."""
        ...

    def message_to_json(
        message: Message,
        preserving_proto_field_name: bool = False,
        indent: int | None = 2,
        sort_keys: bool = False,
        use_integers_for_enums: bool = False,
        descriptor_pool: DescriptorPool | None = None,
        ensure_ascii: bool = True,
        always_print_fields_with_no_presence: bool = False,
        *,
        unquote_int64_if_possible: bool = False,
        float_precision: int | None = None,
    ) -> str:
        """Like ``MessageToJson``; our enums as their documented strings."""
        ...

elif _FLOAT_PRECISION:  # protobuf 5.29 and 6.x: their parameters, in their order (unchecked: mypy reads the stubs above)

    def message_to_dict(
        message,
        always_print_fields_with_no_presence=False,
        preserving_proto_field_name=False,
        use_integers_for_enums=False,
        descriptor_pool=None,
        float_precision=None,
    ):
        """Like ``MessageToDict``; our enums as their documented strings."""
        return to_json_value(
            message, preserving_proto_field_name, use_integers_for_enums, always_print_fields_with_no_presence, False, descriptor_pool, float_precision
        )

    def message_to_json(
        message,
        preserving_proto_field_name=False,
        indent=2,
        sort_keys=False,
        use_integers_for_enums=False,
        descriptor_pool=None,
        float_precision=None,
        ensure_ascii=True,
        always_print_fields_with_no_presence=False,
    ):
        """Like ``MessageToJson``; our enums as their documented strings."""
        js = to_json_value(
            message, preserving_proto_field_name, use_integers_for_enums, always_print_fields_with_no_presence, False, descriptor_pool, float_precision
        )
        return json.dumps(js, indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii)

else:  # protobuf 7

    def message_to_dict(
        message,
        always_print_fields_with_no_presence=False,
        preserving_proto_field_name=False,
        use_integers_for_enums=False,
        descriptor_pool=None,
        *,
        unquote_int64_if_possible=False,
    ):
        """Like ``MessageToDict``; our enums as their documented strings."""
        return to_json_value(
            message, preserving_proto_field_name, use_integers_for_enums, always_print_fields_with_no_presence, unquote_int64_if_possible, descriptor_pool
        )

    def message_to_json(
        message,
        preserving_proto_field_name=False,
        indent=2,
        sort_keys=False,
        use_integers_for_enums=False,
        descriptor_pool=None,
        ensure_ascii=True,
        always_print_fields_with_no_presence=False,
        *,
        unquote_int64_if_possible=False,
    ):
        """Like ``MessageToJson``; our enums as their documented strings."""
        js = to_json_value(
            message, preserving_proto_field_name, use_integers_for_enums, always_print_fields_with_no_presence, unquote_int64_if_possible, descriptor_pool
        )
        return json.dumps(js, indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii)


def parse_dict(
    js_dict: Any,
    message: _M,
    ignore_unknown_fields: bool = False,
    descriptor_pool: DescriptorPool | None = None,
    max_recursion_depth: int = 100,
) -> _M:
    """Like ``ParseDict``: merges into ``message`` and returns it; raises :class:`ParseError` and nothing else."""
    merge_json_value(js_dict, message, ignore_unknown_fields, descriptor_pool, max_recursion_depth)
    return message


def parse(
    text: str | bytes,
    message: _M,
    ignore_unknown_fields: bool = False,
    descriptor_pool: DescriptorPool | None = None,
    max_recursion_depth: int = 100,
) -> _M:
    """Like ``Parse``: JSON text (duplicate keys refused, as protobuf does) into ``message``; only :class:`ParseError`."""
    merge_json_value(load(text, message), message, ignore_unknown_fields, descriptor_pool, max_recursion_depth)
    return message
