"""Which enums the JSON codec treats as ours, and the edges of what it reads for them (public API only).

- An enum is ours by its full name in ``kraken.enums.v1``, whatever pool its descriptor is in; an enum
  of that package this version does not know, or an enum of another package with one of our names,
  gets protobuf's own ProtoJSON.
- Reading accepts any int32 number (a newer producer's value), as protobuf does, and nothing beyond.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf import json_format as protobuf_json

import kraken_proto
from kraken_proto import json_format

Stubs = tuple[ModuleType, ModuleType, ModuleType]
ENUM = descriptor_pb2.FieldDescriptorProto.TYPE_ENUM


def holder(package: str, enum_file: str, values: list[str]) -> Any:
    """A message ``acme.test.Holder { <package>.<Enum> value = 1; }`` in a pool of its own, with a
    hand-made enum of ``values`` (the first is the zero value) in ``enum_file``."""
    pool = descriptor_pool.DescriptorPool()
    enum_name = "".join(part.title() for part in enum_file.rsplit("/", 1)[-1].removesuffix(".proto").split("_"))
    enums = descriptor_pb2.FileDescriptorProto(name=enum_file, package=package, syntax="proto3")
    enum = enums.enum_type.add(name=enum_name)
    for number, name in enumerate(values):
        enum.value.add(name=name, number=number)
    pool.Add(enums)
    file = descriptor_pb2.FileDescriptorProto(name="acme/test/holder.proto", package="acme.test", syntax="proto3", dependency=[enum_file])
    file.message_type.add(name="Holder").field.add(
        name="value", number=1, type=ENUM, type_name=f".{package}.{enum_name}", label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL
    )
    pool.Add(file)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("acme.test.Holder"))


def test_an_enum_of_our_package_this_version_does_not_know_gets_protobufs_json() -> None:
    cls = holder("kraken.enums.v1", "kraken/enums/v1/brand_new_status.proto", ["BRAND_NEW_STATUS_UNSPECIFIED", "BRAND_NEW_STATUS_LIVE"])
    message = cls(value=1)
    assert json_format.message_to_dict(message) == protobuf_json.MessageToDict(message) == {"value": "BRAND_NEW_STATUS_LIVE"}
    assert json_format.parse_dict({"value": "BRAND_NEW_STATUS_LIVE"}, cls()) == message
    with pytest.raises(json_format.ParseError):
        json_format.parse_dict({"value": "LIVE"}, cls())


def test_an_enum_of_another_package_with_one_of_our_names_is_not_ours() -> None:
    cls = holder("acme.v1", "acme/v1/account_status.proto", ["ACCOUNT_STATUS_UNSPECIFIED", "ACCOUNT_STATUS_ACTIVE"])
    message = cls(value=1)
    assert json_format.message_to_dict(message) == protobuf_json.MessageToDict(message) == {"value": "ACCOUNT_STATUS_ACTIVE"}
    with pytest.raises(json_format.ParseError):
        json_format.parse_dict({"value": "ACTIVE"}, cls())


def test_our_enum_in_a_message_of_another_pool_is_still_written_as_its_documented_string() -> None:
    pool = descriptor_pool.DescriptorPool()
    for proto in descriptor_pb2.FileDescriptorSet.FromString(kraken_proto.file_descriptor_set()).file:
        pool.Add(proto)
    file = descriptor_pb2.FileDescriptorProto(
        name="acme/test/other.proto", package="acme.test", syntax="proto3", dependency=["kraken/enums/v1/account_status.proto"]
    )
    file.message_type.add(name="Other").field.add(
        name="status", number=1, type=ENUM, type_name=".kraken.enums.v1.AccountStatus", label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL
    )
    pool.Add(file)
    cls: Any = message_factory.GetMessageClass(pool.FindMessageTypeByName("acme.test.Other"))  # made at run time: its fields are not typed
    assert json_format.message_to_dict(cls(status=7)) == {"status": "VOID"}
    assert json_format.parse_dict({"status": "WITHDRAWN"}, cls()).status == 8


@pytest.mark.parametrize("number", [-(2**31), 2**31 - 1, -1, 1000])
def test_any_int32_number_reads_as_that_number_as_protobuf_reads_it(consumer: Stubs, number: int) -> None:
    event = consumer[0].AccountEvent
    for js in ({"status": number}, {"status": str(number)}, {"channels": [number]}, {"statusByAccount": {"a": number}}):
        assert json_format.parse_dict(js, event()) == protobuf_json.ParseDict(js, event()), js
    assert json_format.parse_dict({"status": number}, event()).status == number


@pytest.mark.parametrize("number", [-(2**31) - 1, 2**31])
def test_a_number_beyond_int32_is_refused_as_protobuf_refuses_it(consumer: Stubs, number: int) -> None:
    event = consumer[0].AccountEvent
    for js in ({"status": number}, {"channels": [1, number]}):
        with pytest.raises(json_format.EnumValueParseError) as caught:
            json_format.parse_dict(js, event())
        assert caught.value.value == number and caught.value.enum in ("AccountStatus", "MessageChannel")
        with pytest.raises(protobuf_json.ParseError):
            protobuf_json.ParseDict(js, event())


def test_a_case_mistake_and_an_unknown_string_are_told_apart(consumer: Stubs) -> None:
    event = consumer[0].AccountEvent
    with pytest.raises(json_format.EnumValueParseError) as case:
        json_format.parse_dict({"statusByAccount": {"a": "Void"}}, event())
    assert str(case.value).endswith("strings are exact and case-sensitive; closest: 'VOID'")
    assert case.value.path == "AccountEvent.statusByAccount[a]"
    with pytest.raises(json_format.EnumValueParseError) as unknown:
        json_format.parse_dict({"status": "VOIDED"}, event())
    assert "case-sensitive" not in str(unknown.value) and "'VOID'" in str(unknown.value)  # a close match, not a case mistake
    with pytest.raises(json_format.EnumValueParseError) as other:
        json_format.parse_dict({"status": {"a": 1}}, event())
    assert other.value.path == "AccountEvent.status" and other.value.enum == "AccountStatus"


def test_an_unknown_number_of_another_packages_open_enum_is_written_as_the_number_as_protobuf_writes_it() -> None:
    cls = holder("acme.v1", "acme/v1/account_status.proto", ["ACCOUNT_STATUS_UNSPECIFIED", "ACCOUNT_STATUS_ACTIVE"])
    message = cls(value=1000)
    assert json_format.message_to_dict(message) == protobuf_json.MessageToDict(message) == {"value": 1000}


def test_a_null_value_field_is_written_as_null_as_protobuf_writes_it() -> None:
    from google.protobuf import struct_pb2

    pool = descriptor_pool.DescriptorPool()
    pool.Add(descriptor_pb2.FileDescriptorProto.FromString(struct_pb2.DESCRIPTOR.serialized_pb))
    file = descriptor_pb2.FileDescriptorProto(name="acme/test/nulls.proto", package="acme.test", syntax="proto3", dependency=["google/protobuf/struct.proto"])
    file.message_type.add(name="Nulls").field.add(
        name="nulls", number=1, type=ENUM, type_name=".google.protobuf.NullValue", label=descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED
    )
    pool.Add(file)
    nulls: Any = message_factory.GetMessageClass(pool.FindMessageTypeByName("acme.test.Nulls"))  # made at run time: its fields are not typed
    message = nulls(nulls=[0, 0])
    assert json_format.message_to_dict(message) == protobuf_json.MessageToDict(message) == {"nulls": [None, None]}


def test_a_number_out_of_range_and_a_value_of_the_wrong_json_type_get_different_reasons(consumer: Stubs) -> None:
    event = consumer[0].AccountEvent
    with pytest.raises(json_format.EnumValueParseError) as number:
        json_format.parse_dict({"status": 2**31}, event())
    assert "int32" in str(number.value) and "object" not in str(number.value)
    with pytest.raises(json_format.EnumValueParseError) as wrong_type:
        json_format.parse_dict({"status": {"a": 1}}, event())
    assert "object" in str(wrong_type.value) and "int32" not in str(wrong_type.value)


def test_a_bytes_field_next_to_our_enums_reads_base64_as_protobuf_reads_it() -> None:
    js = {"name": [{"namePart": "x", "isExtension": False}], "stringValue": "aGk="}
    ours = json_format.parse_dict(js, descriptor_pb2.UninterpretedOption())
    assert ours == protobuf_json.ParseDict(js, descriptor_pb2.UninterpretedOption()) and ours.string_value == b"hi"


def test_a_float_field_next_to_our_enums_reads_as_protobuf_reads_it() -> None:
    pool = descriptor_pool.DescriptorPool()
    file = descriptor_pb2.FileDescriptorProto(name="acme/test/floats.proto", package="acme.test", syntax="proto3")
    file.message_type.add(name="Floats").field.add(
        name="ratio", number=1, type=descriptor_pb2.FieldDescriptorProto.TYPE_FLOAT, label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL
    )
    pool.Add(file)
    cls: Any = message_factory.GetMessageClass(pool.FindMessageTypeByName("acme.test.Floats"))  # made at run time: its fields are not typed
    for js in ({"ratio": 0.5}, {"ratio": "0.25"}, {"ratio": 3}):
        assert json_format.parse_dict(js, cls()) == protobuf_json.ParseDict(js, cls()), js
    assert json_format.parse_dict({"ratio": 0.5}, cls()).ratio == 0.5
