"""Every one of the 896 values survives every conversion the contract promises."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

from kraken.enums.v1 import options_pb2
from kraken_proto import enum_names, enums, get
from kraken_proto.enums import AccountStatus
from kraken_proto.generator.pipeline import load_upstream

from .conftest import ROOT

UPSTREAM = {e.name: e for e in load_upstream(ROOT).enums}
ALL_VALUES = [(enum.name, value.name) for enum in UPSTREAM.values() for value in enum.values]


def test_the_contract_holds_exactly_the_upstream_enums_and_values() -> None:
    assert sorted(UPSTREAM) == list(enum_names())
    assert len(ALL_VALUES) == 896
    for name, enum in UPSTREAM.items():
        assert set(get(name).strings()) == {v.name for v in enum.values}, name


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


def _holder_class() -> type:
    """A message with one field per enum, built from descriptors at run time (real protobuf wire code)."""
    pool = descriptor_pool.Default()
    file = descriptor_pb2.FileDescriptorProto(name="tests/roundtrip_holder.proto", package="kraken.tests", syntax="proto3")
    message = file.message_type.add(name="Holder")
    for index, name in enumerate(enum_names(), 1):
        descriptor = get(name).descriptor
        file.dependency.append(descriptor.file.name)
        message.field.add(name=f"f{index}", number=index, type=descriptor_pb2.FieldDescriptorProto.TYPE_ENUM,
                          type_name=f".{descriptor.full_name}", label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL)
    try:
        pool.Add(file)
    except TypeError:  # already added by an earlier collection of this module
        pass
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("kraken.tests.Holder"))


def _fields() -> Iterator[tuple[str, str]]:
    for index, name in enumerate(enum_names(), 1):
        yield name, f"f{index}"


def test_every_value_survives_serialization_in_a_message() -> None:
    holder = _holder_class()
    checked = 0
    for enum, field in _fields():
        for number in get(enum).numbers():
            sent = holder(**{field: number})
            received = holder.FromString(sent.SerializeToString())
            assert getattr(received, field) == number
            assert get(enum).to_string(getattr(received, field)) == get(enum).to_string(number)
            checked += 1
    assert checked == 896


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
