"""Every one of the 896 values survives every conversion the contract promises."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.message import Message

import kraken_proto
from kraken.enums.v1 import options_pb2
from kraken_proto import enum_names, enums, get
from kraken_proto.enums import AccountStatus
from kraken_proto.generator.pipeline import load_upstream

from .conftest import ROOT, VECTORS
from .upstream_oracle import CORRECTIONS, PAGE_VALUES

UPSTREAM = {e.graphql_name: e for e in load_upstream(ROOT).enums}
ALL_VALUES = [(enum.graphql_name, value.graphql_value) for enum in UPSTREAM.values() for value in enum.values]
# The oracle's hand count: the values the page lists plus the values corrections restore.
CONTRACT_VALUES = PAGE_VALUES + sum(c.kind == "missing_value" for c in CORRECTIONS)
# (enum, number, graphql_value) of every non-zero value, as the generator wrote the shared vectors.
VECTOR_ROWS = [
    (e["graphql_name"], v["number"], v["graphql_value"]) for e in json.loads(VECTORS.read_text(encoding="utf-8"))["enums"] for v in e["values"] if v["number"]
]


def test_the_contract_holds_exactly_the_upstream_enums_and_values() -> None:
    assert sorted(UPSTREAM) == list(enum_names())
    assert len(ALL_VALUES) == CONTRACT_VALUES
    for name, enum in UPSTREAM.items():
        assert set(get(name).strings()) == {v.graphql_value for v in enum.values}, name


@pytest.mark.parametrize(("enum", "string"), ALL_VALUES)
def test_every_value_round_trips_string_number_string_and_number_name_number(enum: str, string: str) -> None:
    mapping = get(enum)
    number = mapping.from_string(string)
    assert number > 0
    assert mapping.to_string(number) == string
    wrapper = getattr(enums, enum)
    assert wrapper.Value(wrapper.Name(number)) == number
    assert wrapper.Name(number) == mapping.proto_name(number)
    option = mapping.descriptor.values_by_number[number].GetOptions().Extensions[options_pb2.graphql_value]
    assert option == string


def _holder_class() -> type[Message]:
    """A message with one field per enum, built from descriptors at run time (real protobuf wire code).

    It lives in a pool of its own, filled from the contract's descriptor set, so that building it again
    never collides with an earlier build (no error needs to be swallowed).
    """
    pool = descriptor_pool.DescriptorPool()
    for proto in descriptor_pb2.FileDescriptorSet.FromString(kraken_proto.file_descriptor_set()).file:
        pool.Add(proto)
    file = descriptor_pb2.FileDescriptorProto(name="tests/roundtrip_holder.proto", package="kraken.tests", syntax="proto3")
    message = file.message_type.add(name="Holder")
    for index, name in enumerate(enum_names(), 1):
        descriptor = get(name).descriptor
        file.dependency.append(descriptor.file.name)
        message.field.add(
            name=f"f{index}",
            number=index,
            type=descriptor_pb2.FieldDescriptorProto.TYPE_ENUM,
            type_name=f".{descriptor.full_name}",
            label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL,
        )
    pool.Add(file)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("kraken.tests.Holder"))


def _fields() -> Iterator[tuple[str, str]]:
    for index, name in enumerate(enum_names(), 1):
        yield name, f"f{index}"


def test_every_value_survives_serialization_in_a_message_and_maps_to_its_vector_string() -> None:
    holder = _holder_class()
    fields = dict(_fields())
    for enum, number, string in VECTOR_ROWS:
        field = fields[enum]
        received = holder.FromString(holder(**{field: number}).SerializeToString())
        assert getattr(received, field) == number
        assert get(enum).to_string(getattr(received, field)) == string
    assert len(VECTOR_ROWS) == CONTRACT_VALUES


def test_a_number_from_a_newer_producer_survives_a_parse_and_reserialize_but_has_no_string() -> None:
    holder = _holder_class()
    field = dict(_fields())["AccountStatus"]
    wire = holder(**{field: 1000}).SerializeToString()
    received = holder.FromString(wire)
    assert getattr(received, field) == 1000
    assert received.SerializeToString() == wire
    with pytest.raises(ValueError, match="newer producer"):
        get(AccountStatus).to_string(getattr(received, field))
    assert get(AccountStatus).to_string(getattr(received, field), default="UNKNOWN_TO_THIS_VERSION") == "UNKNOWN_TO_THIS_VERSION"
