"""The engine behind :mod:`kraken_proto.json_format`: ProtoJSON planned per message type.

One module per rule, each written once and used by both directions where the logic is the same:
:mod:`.scalars` (numbers, bool, string, bytes), :mod:`.enums` (ours by their documented strings, the others
by name), :mod:`.maps`, :mod:`.messages` (regular messages and the two planners), :mod:`.wkt` (which
well-known type gets which rule; :mod:`.wkt_names`, which types have one) with :mod:`.wkt_wrappers`,
:mod:`.wkt_strings` (Timestamp, Duration, FieldMask), :mod:`.wkt_struct` (Struct, Value, ListValue) and
:mod:`.wkt_any`; :mod:`.planners` (what a rule may ask of the planner that calls it, so that no rule imports
the planners back), :mod:`.plans` (where plans live: on the message classes, so they die with their pools)
and :mod:`.errors`. tests/test_import_cycles.py keeps the package free of import circles.

The behaviour is protobuf's ``google.protobuf.json_format``, exactly, except our enums and the few
places, listed in docs/json-codec.md, where ours is stricter as the ProtoJSON spec says;
tests/test_json_differential.py compares the two on generated messages and hostile JSON.
"""

from __future__ import annotations

from .codec import load, merge_json_value, to_json_value
from .errors import EnumValueParseError, ParseError

__all__ = ["EnumValueParseError", "ParseError", "load", "merge_json_value", "to_json_value"]
