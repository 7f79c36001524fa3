"""The one vocabulary of docs/architecture.md in the public API, and the old names kept working (deprecated)."""

from __future__ import annotations

import subprocess
import sys
import warnings
from dataclasses import fields
from pathlib import Path

import pytest

from kraken_proto import ValueInfo, get
from kraken_proto.generator.model import ContractEnum, ContractValue, UpstreamEnum, UpstreamValue
from kraken_proto.generator.reference_text import RawBlock, RawValue

from .conftest import ROOT


def test_a_value_record_calls_the_graphql_string_graphql_value() -> None:
    assert ValueInfo._fields == ("number", "proto_name", "graphql_value", "description", "deprecated")
    cancelled = get("ReferralStatusChoices").values()[0]
    assert (cancelled.number, cancelled.graphql_value) == (1, "Cancelled")


@pytest.mark.parametrize(
    ("record", "key"),
    [
        (RawBlock, "graphql_name"),
        (UpstreamEnum, "graphql_name"),
        (ContractEnum, "graphql_name"),
        (RawValue, "graphql_value"),
        (UpstreamValue, "graphql_value"),
        (ContractValue, "graphql_value"),
    ],
)
def test_every_generator_record_calls_a_graphql_name_graphql_name_and_a_graphql_string_graphql_value(record: type, key: str) -> None:
    """From the scrape's raw blocks to the published contract, one name per concept (no bare ``name`` or ``string``)."""
    names = {f.name for f in fields(record)}
    assert key in names
    assert not names & {"name", "string", "value"}, record.__name__


def test_the_enum_description_is_enum_description_and_a_value_description_stays_description_of_a_number() -> None:
    brownout = get("APIBrownoutStatus")
    assert brownout.enum_description == "Possible API Brownout statuses."
    status = get("AccountStatus")
    assert status.enum_description == ""  # upstream gives AccountStatus no description
    assert status.description(status.from_string("VOID")) == "Void. Account created in error."


def test_value_info_string_still_gives_the_graphql_value_with_a_deprecation_warning_at_the_callers_line() -> None:
    cancelled = get("ReferralStatusChoices").values()[0]
    with pytest.warns(DeprecationWarning, match=r"ValueInfo\.string is deprecated: use ValueInfo\.graphql_value") as caught:
        assert cancelled.string == "Cancelled"
    assert [Path(w.filename) for w in caught] == [Path(__file__)]


def test_description_text_still_gives_the_enum_description_with_a_deprecation_warning_at_the_callers_line() -> None:
    brownout = get("APIBrownoutStatus")
    with pytest.warns(DeprecationWarning, match=r"EnumMapping\.description_text is deprecated: use EnumMapping\.enum_description") as caught:
        assert brownout.description_text == "Possible API Brownout statuses."
    assert [Path(w.filename) for w in caught] == [Path(__file__)]


def test_the_new_names_warn_nothing() -> None:
    mapping = get("ReferralStatusChoices")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert [v.graphql_value for v in mapping.values()][:2] == ["Cancelled", "Paid"]
        assert mapping.enum_description == ""


def test_the_package_itself_uses_no_deprecated_name() -> None:
    """Mappings, the JSON codec and the CLI's listing, run with our deprecation warnings turned into errors."""
    code = """
import warnings
warnings.filterwarnings("error", message=r".*removed in kraken-proto 1\\.0", category=DeprecationWarning)
import kraken_proto
from kraken_proto import json_format
from kraken_proto.cli import main
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
probe = descriptor_pb2.FileDescriptorProto(name="probe.proto", package="probe", syntax="proto3", dependency=["kraken/enums/v1/account_status.proto"])
probe.message_type.add(name="Event").field.add(name="status", number=1, type=descriptor_pb2.FieldDescriptorProto.TYPE_ENUM, type_name=".kraken.enums.v1.AccountStatus")
from kraken_proto.enums import AccountStatus  # loads account_status.proto (imports are lazy)
descriptor_pool.Default().AddSerializedFile(probe.SerializeToString())
Event = message_factory.GetMessageClass(descriptor_pool.Default().FindMessageTypeByName("probe.Event"))
for name in kraken_proto.enum_names():
    mapping = kraken_proto.get(name)
    for info in mapping.values():
        assert mapping.from_string(mapping.to_string(info.number)) == info.number
assert json_format.message_to_dict(Event(status=1)) == {"status": "ACTIVE"}
assert json_format.parse('{"status": "DORMANT"}', Event()).status == 2
assert main(["list", "AccountStatus"]) == 0
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
