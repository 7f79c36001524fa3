"""``kraken-proto export-jsonschema``, checked with the field's own validator (``jsonschema``, draft 2020-12).

The oracle is the committed contract as buf compiles it from ``proto/`` (``read_committed``, what
``export-sdl`` reads), not the descriptors the export reads; the document comes from the real CLI. The
event schemas below are what a user writes: ``AccountEvent``'s by hand, ``EveryValue``'s derived from its
message descriptor (74 repeated fields: writing it by hand would only copy the descriptor).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for
from referencing import Registry, Resource

from kraken.enums.v1 import options_pb2
from kraken_proto import json_format
from kraken_proto.generator.committed import read_committed
from kraken_proto.generator.model import ContractEnum

from .conftest import ROOT, run_cli

SCHEMA_ID = "urn:kraken-proto:kraken.enums.v1"
GRAPHQL_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")
Consumer = tuple[ModuleType, ModuleType, ModuleType]


@pytest.fixture(scope="module")
def committed() -> dict[str, ContractEnum]:
    return read_committed(ROOT).by_name()


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    result = run_cli("export-jsonschema")
    assert result.returncode == 0, result.stderr
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


@pytest.fixture(scope="module")
def registry(document: dict[str, Any]) -> Registry[Any]:
    """What a user's validator is given: the exported document, known under its $id (nothing is fetched).

    ``crawl()`` indexes the embedded resources (one per definition, by $id) once; without it, referencing
    searches the whole document again on every lookup of a definition's $id.
    """
    registry: Registry[Any] = Registry().with_resource(SCHEMA_ID, Resource.from_contents(document)).crawl()  # with_resource is unannotated
    return registry


def validator(schema: dict[str, Any], registry: Registry[Any]) -> Draft202012Validator:
    return Draft202012Validator({"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}, registry=registry)


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"{SCHEMA_ID}.{name}"}


def test_the_document_is_valid_against_the_draft_2020_12_metaschema(document: dict[str, Any]) -> None:
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert validator_for(document) is Draft202012Validator
    Draft202012Validator.check_schema(document)  # raises SchemaError on anything the metaschema rejects


def test_every_enum_has_a_definition_with_its_stable_id_title_and_upstream_description(document: dict[str, Any], committed: dict[str, ContractEnum]) -> None:
    assert document["$id"] == SCHEMA_ID
    definitions = document["$defs"]
    assert sorted(k for k in definitions if "." not in k) == sorted(committed)
    assert sorted(k for k in definitions if "." in k) == sorted(f"{name}.lenient" for name in committed)
    for name, enum in committed.items():
        definition = definitions[name]
        assert definition["$id"] == f"urn:kraken-proto:kraken.enums.v1.{name}"
        assert definition["title"] == name
        assert definition["type"] == "string"
        assert definition.get("description", "") == enum.description
        assert definitions[f"{name}.lenient"]["$id"] == f"urn:kraken-proto:kraken.enums.v1.{name}.lenient"


def test_enum_lists_every_graphql_value_in_number_order_with_its_description_alongside(document: dict[str, Any], committed: dict[str, ContractEnum]) -> None:
    for name, enum in committed.items():
        definition = document["$defs"][name]
        values = sorted(enum.values, key=lambda v: v.number)
        assert definition["enum"] == [v.graphql_value for v in values]
        descriptions = definition.get("x-enum-descriptions", [""] * len(values))
        assert len(descriptions) == len(values)
        for text, value in zip(descriptions, values, strict=True):
            assert text.startswith(value.description)
    assert "oneOf" not in json.dumps(document)


def test_deprecated_values_and_only_they_get_the_deprecated_annotation_with_their_reason(document: dict[str, Any], committed: dict[str, ContractEnum]) -> None:
    seen = 0
    for name, enum in committed.items():
        definition = document["$defs"][name]
        annotated = Draft202012Validator(definition.get("if", False))  # no "if": nothing is deprecated
        for text, value in zip(definition.get("x-enum-descriptions", [""] * len(enum.values)), enum.values, strict=True):
            assert annotated.is_valid(value.graphql_value) is value.deprecated, f"{name}.{value.graphql_value}"
            if value.deprecated:
                seen += 1
                assert text.endswith(f"Deprecated: {value.deprecation_reason}")
        if "if" in definition:
            assert definition["then"] == {"deprecated": True}
    assert seen >= 2  # PreferencesUnitChoices.PERCENTAGE_ABSOLUTE and PERCENTAGE_RELATIVE
    definition = document["$defs"]["PreferencesUnitChoices"]
    assert definition["if"] == {"enum": ["PERCENTAGE_ABSOLUTE", "PERCENTAGE_RELATIVE"]}
    assert definition["x-enum-descriptions"][2] == "Deprecated: Upstream says PERCENTAGE should be used instead."


def test_every_graphql_value_of_every_enum_validates_through_its_id(registry: Registry[Any], committed: dict[str, ContractEnum]) -> None:
    for name, enum in committed.items():
        check = validator(ref(name), registry)
        for value in enum.values:
            assert check.is_valid(value.graphql_value), f"{name}: {value.graphql_value}"
        pointer = validator({"$ref": f"{SCHEMA_ID}#/$defs/{name}"}, registry)
        assert all(pointer.is_valid(v.graphql_value) for v in enum.values)


def test_wrong_case_proto_names_numbers_and_unknown_strings_are_rejected(registry: Registry[Any], committed: dict[str, ContractEnum]) -> None:
    for name, enum in committed.items():
        check = validator(ref(name), registry)
        known = {v.graphql_value for v in enum.values}
        for value in enum.values:
            for variant in {
                value.graphql_value.upper(),
                value.graphql_value.lower(),
                value.graphql_value.swapcase(),
                f" {value.graphql_value}",
                f"{value.graphql_value} ",
            } - known:
                assert not check.is_valid(variant), f"{name}: {variant!r}"
            assert not check.is_valid(value.proto_name)
            assert not check.is_valid(value.number)
        for other in ("", "UNSPECIFIED", "__UNSPECIFIED", None, True, ["x"]):
            assert not check.is_valid(other)
    errors = list(validator(ref("ReferralStatusChoices"), registry).iter_errors("CANCELLED"))
    assert "'CANCELLED' is not one of ['Cancelled'," in "; ".join(e.message for e in errors)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=30))
def test_no_string_outside_the_contract_validates(document: dict[str, Any], registry: Registry[Any], text: str) -> None:
    check = validator(ref("AccountReminderTypes"), registry)
    assert check.is_valid(text) is (text in document["$defs"]["AccountReminderTypes"]["enum"])


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.from_regex(r"[_A-Za-z][_0-9A-Za-z]{0,40}", fullmatch=True), st.text(max_size=30)))
def test_a_lenient_definition_accepts_exactly_the_strings_of_graphql_name_grammar(registry: Registry[Any], text: str) -> None:
    check = validator(ref("AccountStatus.lenient"), registry)
    # The pattern is ECMA-262 (^...$); Python's re, which the jsonschema library uses, also lets $ match
    # before a final newline, so that one case is left out of the comparison.
    if not text.endswith("\n"):
        assert check.is_valid(text) is (GRAPHQL_NAME.fullmatch(text) is not None)


def test_the_export_is_the_same_bytes_every_time_and_on_standard_output_as_in_a_file(tmp_path: Path) -> None:
    out = tmp_path / "kraken.schema.json"
    first = run_cli("export-jsonschema", "-o", str(out))
    assert first.returncode == 0, first.stderr
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    again = subprocess.run([sys.executable, "-m", "kraken_proto", "export-jsonschema"], cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert again.returncode == 0
    assert out.read_bytes() == again.stdout
    assert out.read_bytes().endswith(b"}\n")


def test_a_file_that_cannot_be_written_is_one_error_line(tmp_path: Path) -> None:
    result = run_cli("export-jsonschema", "-o", str(tmp_path / "missing" / "kraken.schema.json"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("kraken-proto: error: ")
    assert "missing/kraken.schema.json" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "missing").exists()


# -- a user's event schemas that $ref the definitions ---------------------------------------------------

ACCOUNT_EVENT_SCHEMA: dict[str, Any] = {
    "$id": "https://acme.example/schemas/billing/account-event.json",
    "title": "acme.billing.v1.AccountEvent, as kraken_proto.json_format writes it",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "eventId": {"type": "string"},
        "status": ref("AccountStatus"),
        "channels": {"type": "array", "items": ref("MessageChannel")},
        "statusByAccount": {"type": "object", "additionalProperties": ref("AccountStatus")},
        "referralStatus": ref("ReferralStatusChoices"),
        "note": {"type": "string"},
        "payment": {"$ref": "#/$defs/Payment"},
        "sequence": {"type": "string", "pattern": "^-?[0-9]+$"},
        "payments": {"type": "array", "items": {"$ref": "#/$defs/Payment"}},
        "occurredAt": {"type": "string"},
        "repaymentStatus": ref("RepaymentRequestStatus"),
        "paymentsById": {"type": "object", "propertyNames": {"pattern": "^-?[0-9]+$"}, "additionalProperties": {"$ref": "#/$defs/Payment"}},
        "balance": {"type": "number"},
        "dormant": {"type": "boolean"},
    },
    "not": {"required": ["referralStatus", "note"]},
    "$defs": {
        "Payment": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"type": ref("PaymentType"), "amountPence": {"type": "string", "pattern": "^-?[0-9]+$"}, "reference": {"type": "string"}},
        }
    },
}


def test_json_format_payloads_of_the_consumer_event_validate_against_a_hand_written_event_schema(
    consumer: Consumer, registry: Registry[Any], committed: dict[str, ContractEnum]
) -> None:
    billing = consumer[0]
    check = validator(ACCOUNT_EVENT_SCHEMA, registry)
    statuses = [v.number for v in committed["AccountStatus"].values]
    channels = [v.number for v in committed["MessageChannel"].values]
    payment_types = [v.number for v in committed["PaymentType"].values]
    referrals = [v.number for v in committed["ReferralStatusChoices"].values]
    repayments = [v.number for v in committed["RepaymentRequestStatus"].values]
    for i in range(max(map(len, (statuses, channels, payment_types, referrals, repayments)))):
        event = billing.AccountEvent(
            event_id=f"evt-{i}",
            status=statuses[i % len(statuses)],
            channels=channels,
            status_by_account={"A-1": statuses[-1 - i % len(statuses)]},
            referral_status=referrals[i % len(referrals)],
            payment=billing.Payment(type=payment_types[i % len(payment_types)], amount_pence=-5),
            sequence=2**40 + i,
            payments=[billing.Payment(type=t) for t in payment_types],
            repayment_status=repayments[i % len(repayments)],
            payments_by_id={7: billing.Payment(type=payment_types[-1])},
            balance=1.5,
            dormant=True,
        )
        event.occurred_at.FromSeconds(1_700_000_000 + i)
        payload = json.loads(json_format.message_to_json(event))
        assert list(check.iter_errors(payload)) == [], payload
    assert check.is_valid(json_format.message_to_dict(billing.AccountEvent(note="n")))


def test_the_event_schema_rejects_a_payload_with_a_wrong_case_or_unknown_enum_value(consumer: Consumer, registry: Registry[Any]) -> None:
    billing = consumer[0]
    check = validator(ACCOUNT_EVENT_SCHEMA, registry)
    good = json_format.message_to_dict(billing.AccountEvent(status=1, payments=[billing.Payment(type=1)]))
    assert check.is_valid(good)
    assert not check.is_valid({**good, "status": good["status"].lower()})
    assert not check.is_valid({**good, "payments": [{"type": "card"}]})
    # A number this contract does not know is written as a number (ProtoJSON); the strict definitions reject
    # it, as they reject the zero value's proto name that explicit presence writes: see docs/event-schemas.md.
    newer = json_format.message_to_dict(billing.AccountEvent(status=1000))
    assert newer["status"] == 1000 and not check.is_valid(newer)
    zero = json_format.message_to_dict(billing.AccountEvent(repayment_status=0))
    assert zero["repaymentStatus"] == "REPAYMENT_REQUEST_STATUS_UNSPECIFIED" and not check.is_valid(zero)


def test_every_value_of_every_enum_written_by_json_format_validates_against_a_schema_derived_from_the_message(
    consumer: Consumer, registry: Registry[Any], committed: dict[str, ContractEnum]
) -> None:
    every_value = consumer[2]
    fields = every_value.EveryValue.DESCRIPTOR.fields
    schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {field.json_name: {"type": "array", "items": ref(field.enum_type.GetOptions().Extensions[options_pb2.graphql_name])} for field in fields},
    }
    message = every_value.EveryValue()
    for field in fields:
        enum = committed[field.enum_type.GetOptions().Extensions[options_pb2.graphql_name]]
        getattr(message, field.name).extend(v.number for v in enum.values)
    payload = json_format.message_to_dict(message)
    assert sum(map(len, payload.values())) == sum(len(e.values) for e in committed.values()) == 896
    check = validator(schema, registry)
    assert list(check.iter_errors(payload)) == []
    broken = {**payload, fields[0].json_name: [v.lower() for v in payload[fields[0].json_name]]}
    assert not check.is_valid(broken)
