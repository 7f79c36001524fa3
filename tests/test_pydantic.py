"""The StrEnums and the ProtoEnum field type with real pydantic v2.

Run here with the dev extra's pydantic, and in a fresh virtualenv with the oldest pydantic the
``pydantic`` extra claims (tests/test_wheel_runtimes.py).
"""

from __future__ import annotations

import json
from typing import Annotated

import pytest
from pydantic import BaseModel, ValidationError

import kraken_proto
from kraken_proto.enums import AccountStatus as AccountStatusProto
from kraken_proto.graphql import AccountStatus, ReferralStatusChoices
from kraken_proto.pydantic import ProtoEnum


class Account(BaseModel):
    status: AccountStatus


class Event(BaseModel):
    status: Annotated[int, ProtoEnum("AccountStatus")]
    referral: Annotated[int, ProtoEnum(ReferralStatusChoices.__graphql_name__)] | None = None


# -- pydantic and the StrEnum ----------------------------------------------------------------------


# AccountStatus's values in number order, read from upstream/kraken-graphql-enums.txt (line 493 on) and
# tests/upstream_oracle.py (ACTIVE 1, VOID 7, WITHDRAWN 8), not from the mapping under test.
ACCOUNT_STATUS = ("ACTIVE", "DORMANT", "ENROLMENT_ERROR", "ENROLMENT_REJECTED", "INCOMPLETE", "PENDING", "VOID", "WITHDRAWN")


def test_a_pydantic_model_validates_the_documented_string_to_the_member() -> None:
    account = Account.model_validate({"status": "ACTIVE"})
    assert account.status is AccountStatus.ACTIVE


def test_a_pydantic_model_rejects_another_case_with_a_validation_error() -> None:
    with pytest.raises(ValidationError) as error:
        Account.model_validate({"status": "active"})
    assert error.value.errors()[0]["loc"] == ("status",)


def test_a_pydantic_model_dumps_the_documented_string() -> None:
    account = Account(status=AccountStatus.ACTIVE)
    assert account.model_dump(mode="json") == {"status": "ACTIVE"}
    assert json.loads(account.model_dump_json()) == {"status": "ACTIVE"}
    assert Account.model_validate_json(account.model_dump_json()) == account


def test_the_json_schema_lists_the_exact_strings() -> None:
    schema = Account.model_json_schema()
    assert schema["$defs"]["AccountStatus"]["enum"] == list(ACCOUNT_STATUS)


# -- pydantic and ProtoEnum (proto numbers) ---------------------------------------------------------


def test_proto_enum_holds_the_number_and_writes_the_documented_string_in_json_mode() -> None:
    event = Event(status=AccountStatusProto.ACCOUNT_STATUS_ACTIVE)
    assert event.status == 1 and event.model_dump() == {"status": 1, "referral": None}
    assert event.model_dump(mode="json") == {"status": "ACTIVE", "referral": None}
    assert json.loads(Event(status=1, referral=1).model_dump_json()) == {"status": "ACTIVE", "referral": "Cancelled"}


def test_proto_enum_reads_its_json_back_and_takes_a_str_enum_member() -> None:
    event = Event(status=2, referral=1)
    assert Event.model_validate_json(event.model_dump_json()) == event
    assert Event(status=AccountStatus.DORMANT).status == 2  # type: ignore[arg-type]  # the field is an int; its validator also takes a member


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (0, "0 is the UNSPECIFIED value"),
        (10_000, "knows numbers 1..8"),
        ("active", "strings are exact and case-sensitive"),
        (True, "not bool"),
        (1.0, "not float"),
        (None, "not NoneType"),
    ],
)
def test_proto_enum_rejects_what_the_contract_does_not_hold_with_the_mappings_words(bad: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Event(status=bad)  # type: ignore[arg-type]  # anything, on purpose


def test_proto_enum_of_an_unknown_enum_fails_when_the_model_is_defined() -> None:
    with pytest.raises(kraken_proto.UnknownEnumError, match="AccountStatu"):

        class Broken(BaseModel):
            status: Annotated[int, ProtoEnum("AccountStatu")]


def test_proto_enums_json_schema_is_the_documented_strings() -> None:
    schema = Event.model_json_schema(mode="serialization")
    assert schema["properties"]["status"]["enum"] == list(ACCOUNT_STATUS)
