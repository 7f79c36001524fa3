"""One test per defect the adversarial pass against ``google.protobuf.json_format`` found (issue 10).

Each input is hostile or odd but realistic for a consumer of untrusted event payloads; each expectation
is protobuf's own behaviour, checked against protobuf in the same test where protobuf has one.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from google.protobuf import any_pb2, descriptor_pb2, descriptor_pool, duration_pb2, message_factory, timestamp_pb2, wrappers_pb2
from google.protobuf import json_format as protobuf_json

import kraken_proto
from kraken.enums.v1 import options_pb2
from kraken_proto import json_format
from kraken_proto._protobuf_compat import unquote_int64_supported

from .json_protos import compile_json_protos

assert duration_pb2 and timestamp_pb2 and wrappers_pb2  # in the default pool: Any payloads of these types resolve


@pytest.fixture(scope="module")
def protos(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, ModuleType]:
    return compile_json_protos(tmp_path_factory.mktemp("json_protos"))


@pytest.fixture(scope="module")
def kinds(protos: tuple[ModuleType, ModuleType]) -> ModuleType:
    return protos[0]


@pytest.fixture(scope="module")
def legacy(protos: tuple[ModuleType, ModuleType]) -> ModuleType:
    return protos[1]


def outcome(parse: Callable[..., Any], js: Any, message_type: type, **options: Any) -> Any:
    """The parsed message, or the exception's type."""
    try:
        return parse(js, message_type(), **options)
    except Exception as exc:
        return type(exc)


# -- 1. nothing but ParseError escapes parse() ---------------------------------------------------------


def test_arrays_nested_beyond_pythons_recursion_limit_are_a_parse_error(kinds: ModuleType) -> None:
    text = '{"lv": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with pytest.raises(protobuf_json.ParseError):
        protobuf_json.Parse(text, kinds.WellKnown())
    with pytest.raises(json_format.ParseError, match="Failed to load JSON"):
        json_format.parse(text, kinds.WellKnown())


@pytest.mark.parametrize("field", ["db", "fl"])
def test_a_400_digit_integer_into_a_double_or_float_is_a_parse_error(kinds: ModuleType, field: str) -> None:
    text = f'{{"{field}": {"9" * 400}}}'
    with pytest.raises(protobuf_json.ParseError):
        protobuf_json.Parse(text, kinds.Scalars())
    with pytest.raises(json_format.ParseError) as caught:
        json_format.parse(text, kinds.Scalars())
    assert caught.value.path == f"Scalars.{field}"
    with pytest.raises(json_format.ParseError):
        json_format.parse_dict({field: 10**400}, kinds.Scalars())


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ('{"st": {"a": 1%s}}', "WellKnown.st.a"),
        ('{"val": 1%s}', "WellKnown.val"),
        ('{"lv": [0, 1%s]}', "WellKnown.lv[1]"),
        ('{"wDouble": 1%s}', "WellKnown.wDouble"),
    ],
)
def test_a_400_digit_integer_into_a_struct_or_value_is_a_parse_error_at_its_path(kinds: ModuleType, text: str, path: str) -> None:
    text %= "0" * 400
    with pytest.raises(protobuf_json.ParseError):
        protobuf_json.Parse(text, kinds.WellKnown())
    with pytest.raises(json_format.ParseError) as caught:
        json_format.parse(text, kinds.WellKnown())
    assert caught.value.path == path


def test_an_any_whose_proto2_payload_misses_required_fields_is_a_parse_error(kinds: ModuleType) -> None:
    js = {"any": {"@type": "type.googleapis.com/acme.jsontest.v1.Legacy", "name": "no id"}}
    with pytest.raises(protobuf_json.ParseError):
        protobuf_json.Parse(__import__("json").dumps(js), kinds.WellKnown())
    with pytest.raises(json_format.ParseError) as caught:
        json_format.parse_dict(js, kinds.WellKnown())
    assert caught.value.path == "WellKnown.any"
    assert json_format.parse_dict({"any": {**js["any"], "id": 1}}, kinds.WellKnown()).any.TypeName() == "acme.jsontest.v1.Legacy"


# -- 2. max_recursion_depth counted as protobuf counts it, on every path -------------------------------------


def nested_any(levels: int) -> dict[str, Any]:
    js: dict[str, Any] = {"@type": "type.googleapis.com/google.protobuf.Duration", "value": "1s"}
    for _ in range(levels):
        js = {"@type": "type.googleapis.com/google.protobuf.Any", "value": js}
    return js


def test_any_inside_any_counts_toward_max_recursion_depth() -> None:
    with pytest.raises(json_format.ParseError, match=r"Max recursion depth is 10$"):
        json_format.parse_dict(nested_any(50), any_pb2.Any(), max_recursion_depth=10)
    with pytest.raises(json_format.ParseError, match="too deep"):
        json_format.parse_dict(nested_any(490), any_pb2.Any())
    with pytest.raises(json_format.ParseError):  # far beyond: a ParseError, never a RecursionError
        json_format.parse_dict(nested_any(2000), any_pb2.Any(), max_recursion_depth=10**6)


def deepest_accepted_limit(parse: Callable[..., Any], js: Any, message_type: type) -> int:
    """The smallest max_recursion_depth that accepts ``js``."""
    for limit in range(60):
        try:
            parse(js, message_type(), max_recursion_depth=limit)
        except protobuf_json.ParseError as exc:
            if "too deep" not in str(exc):
                raise
            continue
        return limit
    raise AssertionError("not accepted at any limit below 60")


#: case -> (the depth protobuf 7's json_format counts, the rule in docs/json-codec.md; message type; JSON)
DEPTH_CASES = {
    "message fields": (4, "Tree", {"left": {"left": {"left": {"id": 1}}}}),
    "repeated messages": (3, "Tree", {"children": [{"children": [{"id": 1}]}]}),
    "map values": (3, "Tree", {"byName": {"a": {"byName": {"b": {}}}}}),
    "an Any with a regular payload": (3, "Tree", {"any": {"@type": "type.googleapis.com/acme.jsontest.v1.Tree", "left": {"id": 2}}}),
    "an Any holding an Any": (6, "Tree", {"any": nested_any(3)}),
    "an Any holding a wrapper": (2, "Tree", {"any": {"@type": "type.googleapis.com/google.protobuf.Int32Value", "value": 3}}),
    "an Any holding a Struct": (8, "Tree", {"any": {"@type": "type.googleapis.com/google.protobuf.Struct", "value": {"a": {"b": [1]}}}}),
    "a Struct": (13, "Tree", {"meta": {"a": {"b": {"c": [[{"d": None}]]}}}}),
    "a Value": (8, "WellKnown", {"val": [{"a": [1]}]}),
    "a ListValue": (6, "WellKnown", {"lv": [[[]], {"x": {}}]}),
    "a Timestamp": (2, "WellKnown", {"ts": "2024-05-01T12:30:00Z"}),
    "a wrapper": (2, "WellKnown", {"wInt64": "5"}),
    "repeated wrappers and Values": (4, "WellKnown", {"rWInt64": ["5"], "rVal": [None, [1]]}),
    "map Values and Anys": (4, "Maps", {"mValue": {"a": {"b": None}}, "mAny": {"k": nested_any(1)}}),
    "an empty message": (1, "Tree", {}),
}


@pytest.mark.parametrize("case", DEPTH_CASES)
def test_max_recursion_depth_passes_at_protobufs_limit_and_fails_one_below(kinds: ModuleType, case: str) -> None:
    limit, name, js = DEPTH_CASES[case]
    message_type = getattr(kinds, name)
    if unquote_int64_supported():  # protobuf 7 (older json_formats count Struct levels and Any payloads otherwise)
        assert deepest_accepted_limit(protobuf_json.ParseDict, js, message_type) == limit
    json_format.parse_dict(js, message_type(), max_recursion_depth=limit)
    with pytest.raises(json_format.ParseError, match=f"too deep. Max recursion depth is {limit - 1}$"):
        json_format.parse_dict(js, message_type(), max_recursion_depth=limit - 1)


def test_the_struct_path_names_the_limit_the_caller_gave(kinds: ModuleType) -> None:
    js: Any = 1
    for _ in range(60):
        js = {"k": js}
    with pytest.raises(json_format.ParseError, match=r"Max recursion depth is 100$"):
        json_format.parse_dict({"meta": js}, kinds.Tree())


# -- 3. null in map<string, google.protobuf.Value> ---------------------------------------------------------


def test_null_in_a_map_of_values_is_null_value_and_our_own_output_reads_back(kinds: ModuleType) -> None:
    theirs = protobuf_json.ParseDict({"mValue": {"a": None, "b": 1}}, kinds.Maps())
    ours = json_format.parse_dict({"mValue": {"a": None, "b": 1}}, kinds.Maps())
    assert ours == theirs and ours.m_value["a"].WhichOneof("kind") == "null_value"
    assert json_format.parse(json_format.message_to_json(ours), kinds.Maps()) == ours


def test_null_in_a_map_of_other_messages_is_still_refused(kinds: ModuleType) -> None:
    for js in ({"mMsg": {"a": None}}, {"mTs": {"a": None}}, {"mWrapped": {"a": None}}, {"mStr": {"a": None}}):
        assert isinstance(outcome(protobuf_json.ParseDict, js, kinds.Maps), type)  # protobuf refuses it too
        with pytest.raises(json_format.ParseError):
            json_format.parse_dict(js, kinds.Maps())


# -- 5. a json_name equal to another field's proto name ------------------------------------------------------


def test_a_json_name_wins_over_another_fields_proto_name_as_in_protobuf(kinds: ModuleType) -> None:
    theirs = protobuf_json.ParseDict({"b_c": 5}, kinds.Names())
    ours = json_format.parse_dict({"b_c": 5}, kinds.Names())
    assert ours == theirs and (ours.a, ours.b_c) == (5, 0)
    message = kinds.Names(a=1, b_c=2)
    assert json_format.parse_dict(json_format.message_to_dict(message), kinds.Names()) == message
    assert json_format.parse_dict({"bC": 3}, kinds.Names()).b_c == 3


# -- 6. enum strings that are no names and no integers -------------------------------------------------------


@pytest.mark.parametrize("text", ["1.0", "1e0", "0x1", "one"])
def test_an_enum_string_is_a_name_or_an_integer(kinds: ModuleType, text: str) -> None:
    with pytest.raises(protobuf_json.ParseError):
        protobuf_json.ParseDict({"colour": text}, kinds.Scalars())
    with pytest.raises(json_format.ParseError):
        json_format.parse_dict({"colour": text}, kinds.Scalars())
    # an unknown *string*, so skipped under ignore_unknown_fields, like protobuf
    assert json_format.parse_dict({"colour": text}, kinds.Scalars(), ignore_unknown_fields=True) == protobuf_json.ParseDict(
        {"colour": text}, kinds.Scalars(), ignore_unknown_fields=True
    )
    assert json_format.parse_dict({"colour": " 1"}, kinds.Scalars()).colour == 1  # what Python's int() takes, as protobuf


# -- 7. descriptors from other pools ------------------------------------------------------------------------


def contract_pool(add_value: tuple[str, int, str] | None = None) -> Any:
    """A fresh pool with the contract from file_descriptor_set(); optionally AccountStatus gets a newer value,
    and a consumer message ``acme.newer.v1.Event`` holds the enum (as a producer on a newer contract has)."""
    files = descriptor_pb2.FileDescriptorSet.FromString(kraken_proto.file_descriptor_set()).file
    pool = descriptor_pool.DescriptorPool()
    for file in files:
        if add_value is not None and file.name == "kraken/enums/v1/account_status.proto":
            name, number, graphql_value = add_value
            value = file.enum_type[0].value.add(name=name, number=number)
            value.options.Extensions[options_pb2.graphql_value] = graphql_value
        pool.Add(file)
    event = descriptor_pb2.FileDescriptorProto(
        name="acme/newer/v1/event.proto", package="acme.newer.v1", syntax="proto3", dependency=["kraken/enums/v1/account_status.proto"]
    )
    message = event.message_type.add(name="Event")
    message.field.add(
        name="status",
        number=1,
        type=descriptor_pb2.FieldDescriptorProto.TYPE_ENUM,
        type_name=".kraken.enums.v1.AccountStatus",
        label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL,
    )
    pool.Add(event)
    return pool


def test_get_accepts_an_enum_descriptor_loaded_from_the_descriptor_set_into_a_fresh_pool() -> None:
    descriptor = contract_pool().FindEnumTypeByName("kraken.enums.v1.AccountStatus")
    mapping = kraken_proto.get(descriptor)
    assert mapping.descriptor is descriptor and mapping.graphql_name == "AccountStatus"
    assert mapping.to_string(1) == "ACTIVE" and mapping.from_string("DORMANT") == 2
    plain = descriptor_pool.DescriptorPool()
    plain.Add(
        descriptor_pb2.FileDescriptorProto(
            name="x.proto",
            package="x",
            enum_type=[descriptor_pb2.EnumDescriptorProto(name="E", value=[descriptor_pb2.EnumValueDescriptorProto(name="E_ZERO", number=0)])],
        )
    )
    with pytest.raises(kraken_proto.UnknownEnumError):  # no graphql_name option: not one of ours
        kraken_proto.get(plain.FindEnumTypeByName("x.E"))


def test_a_value_of_a_newer_contract_is_written_and_read_as_its_documented_string() -> None:
    pool = contract_pool(("ACCOUNT_STATUS_BRAND_NEW", 1000, "BRAND_NEW"))
    event_type: Any = message_factory.GetMessageClass(pool.FindMessageTypeByName("acme.newer.v1.Event"))  # made at run time: its fields are not typed
    event = event_type(status=1000)
    assert json_format.message_to_dict(event) == {"status": "BRAND_NEW"}
    assert json_format.parse_dict({"status": "BRAND_NEW"}, event_type()) == event
    assert json_format.parse_dict({"status": "ACCOUNT_STATUS_BRAND_NEW"}, event_type()) == event  # its proto name, as protobuf
    assert protobuf_json.ParseDict({"status": "ACCOUNT_STATUS_BRAND_NEW"}, event_type()) == event
    assert json_format.message_to_dict(event_type(status=1)) == {"status": "ACTIVE"}
    assert kraken_proto.get(pool.FindEnumTypeByName("kraken.enums.v1.AccountStatus")).to_string(1000) == "BRAND_NEW"
