"""``kraken_proto.json_format``: protobuf's ProtoJSON, except our enums travel as their documented strings.

Expected JSON is written out by hand from the upstream reference, or taken from protobuf's own
``json_format`` where the two must agree (everything that is not one of our enums).
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any, TypedDict

import pytest
from google.protobuf import any_pb2, descriptor_pb2, struct_pb2
from google.protobuf import json_format as protobuf_json
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kraken_proto
from kraken_proto import json_format
from kraken_proto._json.plans import ATTR
from kraken_proto._protobuf_compat import unquote_int64_supported
from kraken_proto.enums import AccountStatus, MessageChannel, PaymentType, ReferralStatusChoices, RepaymentRequestStatus
from kraken_proto.generator.pipeline import load_upstream

from .conftest import ROOT, VECTORS

Stubs = tuple[ModuleType, ModuleType, ModuleType]


class JsonOptions(TypedDict, total=False):
    """Keyword arguments that message_to_dict and protobuf's MessageToDict share, besides use_integers_for_enums."""

    preserving_proto_field_name: bool
    always_print_fields_with_no_presence: bool
    unquote_int64_if_possible: bool


class WriteOptions(JsonOptions, total=False):
    use_integers_for_enums: bool


UPSTREAM = {e.graphql_name: [v.graphql_value for v in e.values] for e in load_upstream(ROOT).enums}
NEWER = 1000
OPTION_SETS: list[JsonOptions] = [
    {},
    {"preserving_proto_field_name": True},
    {"always_print_fields_with_no_presence": True},
    {"unquote_int64_if_possible": True},
    {"preserving_proto_field_name": True, "always_print_fields_with_no_presence": True, "unquote_int64_if_possible": True},
]
UNQUOTE_INT64 = unquote_int64_supported()
if not UNQUOTE_INT64:  # protobuf < 7: its json_format has no such option to compare with (see the test below)
    OPTION_SETS = [o for o in OPTION_SETS if "unquote_int64_if_possible" not in o]


def test_unquote_int64_works_exactly_where_protobufs_own_json_format_has_it(billing: ModuleType) -> None:
    event = billing.AccountEvent(event_id="evt-1")
    try:
        protobuf_json.MessageToDict(event, unquote_int64_if_possible=True)
    except TypeError:
        with pytest.raises(TypeError, match="unquote_int64_if_possible"):  # not a parameter here either (tests/test_json_runtime_api.py)
            json_format.message_to_dict(event, unquote_int64_if_possible=True)
        assert not UNQUOTE_INT64
    else:
        assert json_format.message_to_dict(event, unquote_int64_if_possible=True) == {"eventId": "evt-1"}
        assert UNQUOTE_INT64


@pytest.fixture(scope="module")
def billing(consumer: Stubs) -> ModuleType:
    return consumer[0]


def sample_event(billing: ModuleType) -> Any:
    event = billing.AccountEvent(
        event_id="evt-1",
        status=AccountStatus.ACCOUNT_STATUS_ACTIVE,
        channels=[MessageChannel.MESSAGE_CHANNEL_EMAIL, MessageChannel.MESSAGE_CHANNEL_SMS],
        status_by_account={"A-1": AccountStatus.ACCOUNT_STATUS_VOID},
        referral_status=ReferralStatusChoices.REFERRAL_STATUS_CHOICES_CANCELLED,
        payment=billing.Payment(type=PaymentType.PAYMENT_TYPE_CARD, amount_pence=12345, reference="INV-1"),
        sequence=2**53 + 1,
        payments=[billing.Payment(type=PaymentType.PAYMENT_TYPE_BPAY)],
        repayment_status=RepaymentRequestStatus.REPAYMENT_REQUEST_STATUS_ACCEPTED,
        payments_by_id={7: billing.Payment(type=PaymentType.PAYMENT_TYPE_DIRECT_DEBIT)},
        balance=-1.5,
    )
    event.occurred_at.FromJsonString("2024-05-01T12:30:00Z")
    return event


# -- writing --------------------------------------------------------------------------------------


def test_every_kind_of_field_writes_our_enums_as_the_documented_strings(billing: ModuleType) -> None:
    assert json_format.message_to_dict(sample_event(billing)) == {
        "eventId": "evt-1",
        "status": "ACTIVE",
        "channels": ["EMAIL", "SMS"],
        "statusByAccount": {"A-1": "VOID"},
        "referralStatus": "Cancelled",
        "payment": {"type": "CARD", "amountPence": "12345", "reference": "INV-1"},
        "sequence": "9007199254740993",
        "payments": [{"type": "BPAY"}],
        "occurredAt": "2024-05-01T12:30:00Z",
        "repaymentStatus": "ACCEPTED",
        "paymentsById": {"7": {"type": "DIRECT_DEBIT"}},
        "balance": -1.5,
    }


def test_every_value_of_every_enum_is_written_as_its_documented_string_and_read_back(consumer: Stubs) -> None:
    every_value = consumer[2].EveryValue
    message = every_value()
    fields = {}
    for enum_name in UPSTREAM:
        mapping = kraken_proto.get(enum_name)
        field = mapping.descriptor.file.name.rsplit("/", 1)[1].removesuffix(".proto")
        fields[enum_name] = field
        getattr(message, field).extend(sorted(v.number for v in mapping.descriptor.values if v.number))
    js = json_format.message_to_dict(message, preserving_proto_field_name=True)
    assert {name: js[field] for name, field in fields.items()} == UPSTREAM
    assert json_format.parse_dict(js, every_value()) == message
    assert sum(map(len, js.values())) == 896


def test_outside_our_enums_the_output_is_exactly_protobufs(billing: ModuleType) -> None:
    event = sample_event(billing)
    for options in OPTION_SETS:
        assert json_format.message_to_dict(event, use_integers_for_enums=True, **options) == protobuf_json.MessageToDict(
            event, use_integers_for_enums=True, **options
        ), options


def test_messages_without_our_enums_match_protobuf_exactly_including_recursion_extensions_and_other_enums() -> None:
    # FileDescriptorProto: proto2, recursive (nested_type), foreign enums (Type, Label), and our option
    # extensions inside EnumValueOptions, written as "[kraken.enums.v1.graphql_value]".
    file = descriptor_pb2.FileDescriptorProto()
    kraken_proto.get("AccountStatus").descriptor.file.CopyToProto(file)
    nested = descriptor_pb2.DescriptorProto(
        name="Outer",
        nested_type=[
            descriptor_pb2.DescriptorProto(
                name="Inner",
                field=[
                    descriptor_pb2.FieldDescriptorProto(
                        name="x", number=1, type=descriptor_pb2.FieldDescriptorProto.TYPE_BYTES, default_value="\\001", json_name="x"
                    )
                ],
            )
        ],
    )
    file.message_type.append(nested)
    for options in [*OPTION_SETS, WriteOptions(use_integers_for_enums=True)]:
        assert json_format.message_to_dict(file, **options) == protobuf_json.MessageToDict(file, **options), options
    assert "[kraken.enums.v1.graphql_value]" in json.dumps(json_format.message_to_dict(file))


def test_a_newer_number_is_written_as_a_number_and_read_back_unchanged(billing: ModuleType) -> None:
    event = billing.AccountEvent(
        status=NEWER,
        channels=[NEWER, MessageChannel.MESSAGE_CHANNEL_EMAIL],
        status_by_account={"A": NEWER},
        referral_status=NEWER,
        payment=billing.Payment(type=NEWER),
    )
    js = json_format.message_to_dict(event)
    assert js == {"status": NEWER, "channels": [NEWER, "EMAIL"], "statusByAccount": {"A": NEWER}, "referralStatus": NEWER, "payment": {"type": NEWER}}
    assert json_format.parse_dict(js, billing.AccountEvent()) == event
    assert json_format.parse(json_format.message_to_json(event), billing.AccountEvent()) == event


def test_the_zero_value_which_has_no_documented_string_is_written_as_its_proto_name_and_read_back(billing: ModuleType) -> None:
    event = billing.AccountEvent(repayment_status=0, channels=[0], status_by_account={"A": 0})
    js = json_format.message_to_dict(event)
    assert js == {
        "channels": ["MESSAGE_CHANNEL_UNSPECIFIED"],
        "statusByAccount": {"A": "ACCOUNT_STATUS_UNSPECIFIED"},
        "repaymentStatus": "REPAYMENT_REQUEST_STATUS_UNSPECIFIED",
    }
    back = json_format.parse_dict(js, billing.AccountEvent())
    assert back == event and back.HasField("repayment_status")
    assert json_format.message_to_dict(billing.AccountEvent(), always_print_fields_with_no_presence=True)["status"] == "ACCOUNT_STATUS_UNSPECIFIED"


def test_use_integers_for_enums_writes_numbers_for_our_enums_too(billing: ModuleType) -> None:
    js = json_format.message_to_dict(sample_event(billing), use_integers_for_enums=True)
    assert js["status"] == AccountStatus.ACCOUNT_STATUS_ACTIVE and js["payments"] == [{"type": PaymentType.PAYMENT_TYPE_BPAY}]


def test_an_any_holding_a_consumer_message_writes_our_enums_inside_it(billing: ModuleType) -> None:
    packed = any_pb2.Any()
    packed.Pack(billing.Payment(type=PaymentType.PAYMENT_TYPE_CARD, amount_pence=5))
    js = json_format.message_to_dict(packed)
    assert js == {"@type": "type.googleapis.com/acme.billing.v1.Payment", "type": "CARD", "amountPence": "5"}
    unpacked = billing.Payment()
    assert json_format.parse_dict(js, any_pb2.Any()).Unpack(unpacked)
    assert unpacked.type == PaymentType.PAYMENT_TYPE_CARD and unpacked.amount_pence == 5


def test_well_known_types_keep_protobufs_json() -> None:
    value = struct_pb2.Value()
    value.struct_value.update({"a": [1, "x", None, True], "b": {"c": 1.5}})
    wrapped = any_pb2.Any()
    wrapped.Pack(value)
    for message in (value, wrapped, struct_pb2.ListValue()):
        js = json_format.message_to_dict(message)
        assert js == protobuf_json.MessageToDict(message)
        assert json_format.message_to_dict(json_format.parse_dict(js, type(message)())) == js  # an Any's bytes order maps freely


def test_message_to_json_is_the_dict_as_json_with_protobufs_formatting_arguments(billing: ModuleType) -> None:
    event = sample_event(billing)
    assert json.loads(json_format.message_to_json(event)) == json_format.message_to_dict(event)
    text = json_format.message_to_json(billing.Payment(reference="café", type=1), indent=None, sort_keys=True, ensure_ascii=False)
    assert text == '{"reference": "café", "type": "BPAY"}'


def test_a_plan_is_made_once_per_message_type_and_reused(billing: ModuleType) -> None:
    json_format.message_to_dict(sample_event(billing))
    json_format.parse_dict(json_format.message_to_dict(sample_event(billing)), billing.AccountEvent())
    plans = {cls: dict(getattr(cls, ATTR)) for cls in (billing.AccountEvent, billing.Payment)}
    for _ in range(50):
        json_format.parse_dict(json_format.message_to_dict(sample_event(billing)), billing.AccountEvent())
    assert {cls: dict(getattr(cls, ATTR)) for cls in plans} == plans  # the same plan objects: nothing re-planned
    for found in plans.values():  # the plans of the default options (every option off), kept on the message class
        assert sorted(key[0] for key in found if not any(key[1:])) == ["read", "write"]


# -- parsing --------------------------------------------------------------------------------------


def test_parsing_accepts_documented_strings_proto_value_names_and_numbers(billing: ModuleType) -> None:
    expected = billing.AccountEvent(
        status=AccountStatus.ACCOUNT_STATUS_ACTIVE,
        channels=[MessageChannel.MESSAGE_CHANNEL_EMAIL] * 4,
        referral_status=ReferralStatusChoices.REFERRAL_STATUS_CHOICES_CANCELLED,
    )
    for status, channels, referral in [
        ("ACTIVE", ["EMAIL", "EMAIL", "EMAIL", "EMAIL"], "Cancelled"),
        ("ACCOUNT_STATUS_ACTIVE", ["MESSAGE_CHANNEL_EMAIL", "EMAIL", 1, "1"], "REFERRAL_STATUS_CHOICES_CANCELLED"),
        (1, [1, 1.0, "MESSAGE_CHANNEL_EMAIL", "EMAIL"], 1),
    ]:
        js = {"status": status, "channels": channels, "referralStatus": referral}
        assert json_format.parse_dict(js, billing.AccountEvent()) == expected, js


def test_protobufs_own_json_reads_back_into_the_same_message(billing: ModuleType) -> None:
    event = sample_event(billing)
    for options in OPTION_SETS:
        assert json_format.parse_dict(protobuf_json.MessageToDict(event, **options), billing.AccountEvent()) == event
        assert json_format.parse_dict(json_format.message_to_dict(event, **options), billing.AccountEvent()) == event


@pytest.mark.parametrize(
    ("js", "path", "enum", "value"),
    [
        ({"status": "ACTIVATED"}, "AccountEvent.status", "AccountStatus", "ACTIVATED"),
        ({"channels": ["EMAIL", "PIGEON"]}, "AccountEvent.channels[1]", "MessageChannel", "PIGEON"),
        ({"statusByAccount": {"A-9": "active"}}, "AccountEvent.statusByAccount[A-9]", "AccountStatus", "active"),
        ({"referralStatus": "CANCELLED"}, "AccountEvent.referralStatus", "ReferralStatusChoices", "CANCELLED"),
        ({"payment": {"type": "CASH"}}, "AccountEvent.payment.type", "PaymentType", "CASH"),
        ({"payments": [{}, {"type": ""}]}, "AccountEvent.payments[1].type", "PaymentType", ""),
        ({"payments_by_id": {"7": {"type": "card"}}}, "AccountEvent.payments_by_id[7].type", "PaymentType", "card"),
        ({"status": True}, "AccountEvent.status", "AccountStatus", True),
        ({"status": 1.5}, "AccountEvent.status", "AccountStatus", 1.5),
        ({"status": 2**31}, "AccountEvent.status", "AccountStatus", 2**31),
        ({"status": ["ACTIVE"]}, "AccountEvent.status", "AccountStatus", ["ACTIVE"]),
    ],
)
def test_anything_else_raises_a_value_error_naming_the_field_path_and_the_enum(
    billing: ModuleType, js: dict[str, Any], path: str, enum: str, value: Any
) -> None:
    with pytest.raises(ValueError) as caught:
        json_format.parse_dict(js, billing.AccountEvent())
    error = caught.value
    assert isinstance(error, json_format.EnumValueParseError) and isinstance(error, protobuf_json.ParseError)
    assert isinstance(error, kraken_proto.UnknownEnumValueError)
    assert (error.path, error.enum, error.value) == (path, enum, value)
    assert str(error).startswith(f"{path}: ") and enum in str(error)


def test_a_wrong_case_string_suggests_the_documented_one(billing: ModuleType) -> None:
    with pytest.raises(json_format.EnumValueParseError, match="exact and case-sensitive; closest: 'Cancelled'"):
        json_format.parse_dict({"referralStatus": "CANCELLED"}, billing.AccountEvent())


def test_other_bad_input_also_raises_a_value_error_with_the_path(billing: ModuleType) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"payment": {"amountPence": "12x"}}, "AccountEvent.payment.amountPence"),
        ({"payments": [{"reference": 5}]}, "AccountEvent.payments[0].reference"),
        ({"noSuchField": 1}, "AccountEvent"),
        ({"occurredAt": "yesterday"}, "AccountEvent.occurredAt"),
        ({"channels": "EMAIL"}, "AccountEvent.channels"),
        ({"referralStatus": "Paid", "note": "both"}, "AccountEvent.note"),
        ({"dormant": "true"}, "AccountEvent.dormant"),
    ]
    for js, path in cases:
        with pytest.raises(json_format.ParseError) as caught:
            json_format.parse_dict(js, billing.AccountEvent())
        assert isinstance(caught.value, ValueError) and caught.value.path == path, (js, str(caught.value))
        with pytest.raises(protobuf_json.ParseError):  # protobuf refuses the same input
            protobuf_json.ParseDict(js, billing.AccountEvent())


def test_ignore_unknown_fields_skips_unknown_fields_and_enum_strings_as_protobuf_does(billing: ModuleType) -> None:
    js = {"status": "ACTIVATED", "channels": ["EMAIL", "PIGEON", "SMS"], "statusByAccount": {"A": "VOID", "B": "GONE"}, "extra": {"x": 1}}
    ours = json_format.parse_dict(js, billing.AccountEvent(), ignore_unknown_fields=True)
    theirs = protobuf_json.ParseDict(
        {
            "status": "ACCOUNT_STATUS_ACTIVATED",
            "channels": ["MESSAGE_CHANNEL_EMAIL", "PIGEON", "MESSAGE_CHANNEL_SMS"],
            "statusByAccount": {"A": "ACCOUNT_STATUS_VOID", "B": "GONE"},
            "extra": {"x": 1},
        },
        billing.AccountEvent(),
        ignore_unknown_fields=True,
    )
    assert ours == theirs
    assert list(ours.channels) == [MessageChannel.MESSAGE_CHANNEL_EMAIL, MessageChannel.MESSAGE_CHANNEL_SMS]
    with pytest.raises(ValueError):  # a number out of range is not an unknown *string*: still refused
        json_format.parse_dict({"status": 2**40}, billing.AccountEvent(), ignore_unknown_fields=True)


def test_parse_merges_into_the_message_like_protobuf(billing: ModuleType) -> None:
    start = billing.AccountEvent(event_id="keep", channels=[MessageChannel.MESSAGE_CHANNEL_SMS], payment=billing.Payment(reference="r"))
    js = {"channels": ["EMAIL"], "payment": {"type": "CARD"}, "eventId": None}
    ours, theirs = billing.AccountEvent(), billing.AccountEvent()
    ours.CopyFrom(start)
    theirs.CopyFrom(start)
    json_format.parse_dict(js, ours)
    protobuf_json.ParseDict({**js, "channels": ["MESSAGE_CHANNEL_EMAIL"], "payment": {"type": "PAYMENT_TYPE_CARD"}}, theirs)
    assert ours == theirs and ours.payment.reference == "r" and ours.event_id == ""


def test_parse_refuses_duplicate_keys_and_bad_json_with_a_value_error(billing: ModuleType) -> None:
    with pytest.raises(json_format.ParseError, match="duplicate key"):
        json_format.parse('{"status": "ACTIVE", "status": "VOID"}', billing.AccountEvent())
    with pytest.raises(ValueError, match="Failed to load JSON"):
        json_format.parse('{"status": ', billing.AccountEvent())
    assert json_format.parse(b'{"status": "VOID"}', billing.AccountEvent()).status == AccountStatus.ACCOUNT_STATUS_VOID


def test_max_recursion_depth_is_enforced_like_protobuf() -> None:
    deep: dict[str, Any] = {}
    for _ in range(5):
        deep = {"nestedType": [deep]}
    json_format.parse_dict(deep, descriptor_pb2.DescriptorProto(), max_recursion_depth=6)
    protobuf_json.ParseDict(deep, descriptor_pb2.DescriptorProto(), max_recursion_depth=6)
    with pytest.raises(json_format.ParseError, match="too deep"):
        json_format.parse_dict(deep, descriptor_pb2.DescriptorProto(), max_recursion_depth=5)
    with pytest.raises(protobuf_json.ParseError, match="too deep"):
        protobuf_json.ParseDict(deep, descriptor_pb2.DescriptorProto(), max_recursion_depth=5)


def test_no_documented_string_is_the_proto_name_of_another_value() -> None:
    for name in kraken_proto.enum_names():
        mapping = kraken_proto.get(name)
        names = {mapping.proto_name(n): n for n in (0, *mapping.numbers())}
        for info in mapping.values():
            assert names.get(info.graphql_value, info.number) == info.number, (name, info.graphql_value)


# -- round trips over generated messages ----------------------------------------------------------

ENUM_NUMBER = st.one_of(st.integers(0, 12), st.sampled_from([NEWER, -1, 2**31 - 1]))
# The documented JSON of every (enum, number), taken from the shared vectors (not from the codec or the
# mapping it uses): the graphql_value, the proto name for the zero value, and the number itself otherwise.
VECTOR_JSON: dict[tuple[str, int], str] = {
    (e["graphql_name"], v["number"]): v["graphql_value"] if v["number"] else v["proto_name"]
    for e in json.loads(VECTORS.read_text(encoding="utf-8"))["enums"]
    for v in e["values"]
}


def documented(enum: str, number: int) -> str | int:
    return VECTOR_JSON.get((enum, number), number)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    status=ENUM_NUMBER,
    channels=st.lists(ENUM_NUMBER, max_size=4),
    by_account=st.dictionaries(st.text(max_size=5), ENUM_NUMBER, max_size=3),
    referral=st.one_of(st.none(), ENUM_NUMBER),
    payment_types=st.lists(ENUM_NUMBER, max_size=3),
    sequence=st.integers(-(2**63), 2**63 - 1),
    note=st.one_of(st.none(), st.text(max_size=5)),
    balance=st.floats(allow_nan=False, width=64),
    repayment=st.one_of(st.none(), ENUM_NUMBER),
    by_id=st.dictionaries(st.integers(-5, 5), ENUM_NUMBER, max_size=3),
)
def test_any_event_round_trips_and_matches_protobuf_outside_our_enums(
    consumer: Stubs,
    status: int,
    channels: list[int],
    by_account: dict[str, int],
    referral: int | None,
    payment_types: list[int],
    sequence: int,
    note: str | None,
    balance: float,
    repayment: int | None,
    by_id: dict[int, int],
) -> None:
    billing = consumer[0]
    event = billing.AccountEvent(
        status=status,
        channels=channels,
        status_by_account=by_account,
        sequence=sequence,
        balance=balance,
        payments=[billing.Payment(type=t, amount_pence=i) for i, t in enumerate(payment_types)],
        payments_by_id={k: billing.Payment(type=t) for k, t in by_id.items()},
    )
    if referral is not None:
        event.referral_status = referral
    if note is not None:
        event.note = note
    if repayment is not None:
        event.repayment_status = repayment
    for options in OPTION_SETS:
        js = json_format.message_to_dict(event, **options)
        assert json_format.parse_dict(js, billing.AccountEvent()) == event
        assert json_format.parse(json.dumps(js), billing.AccountEvent()) == event
        assert json_format.message_to_dict(event, use_integers_for_enums=True, **options) == protobuf_json.MessageToDict(
            event, use_integers_for_enums=True, **options
        )
    # Every field holding one of our enums, written field by field, against the vectors' documented JSON.
    js = json_format.message_to_dict(event)
    written = {key: js.get(key) for key in ("status", "channels", "statusByAccount", "referralStatus", "repaymentStatus")}
    written["paymentTypes"] = [p.get("type") for p in js.get("payments", [])]
    written["paymentsById"] = {key: payment.get("type") for key, payment in js.get("paymentsById", {}).items()}
    assert written == {
        "status": documented("AccountStatus", status) if status else None,
        "channels": [documented("MessageChannel", n) for n in channels] or None,
        "statusByAccount": {key: documented("AccountStatus", n) for key, n in by_account.items()} or None,
        "referralStatus": None if referral is None or note is not None else documented("ReferralStatusChoices", referral),
        "repaymentStatus": None if repayment is None else documented("RepaymentRequestStatus", repayment),
        "paymentTypes": [documented("PaymentType", t) if t else None for t in payment_types],
        "paymentsById": {str(key): documented("PaymentType", t) if t else None for key, t in by_id.items()},
    }
