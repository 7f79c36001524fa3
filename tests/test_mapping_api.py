"""The run-time API: finding an enum, converting both ways, and failing clearly."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from google.protobuf import descriptor_pb2, descriptor_pool

import kraken_proto
from kraken.enums.v1 import options_pb2
from kraken_proto import EnumMapping, UnknownEnumError, UnknownEnumValueError, get
from kraken_proto.enums import AccountStatus, PreferencesUnitChoices, ReferralStatusChoices


def test_enum_names_lists_all_74_graphql_names_sorted() -> None:
    names = kraken_proto.enum_names()
    assert len(names) == 74 and list(names) == sorted(names)
    assert "AccountStatus" in names and "SmartFlexDeviceState" in names


@pytest.mark.parametrize("key", ["AccountStatus", "kraken.enums.v1.AccountStatus", AccountStatus, AccountStatus.DESCRIPTOR])
def test_get_accepts_the_graphql_name_the_full_name_the_class_and_the_descriptor(key: object) -> None:
    mapping = get(key)
    assert mapping.graphql_name == "AccountStatus"
    assert mapping.full_name == "kraken.enums.v1.AccountStatus"
    assert mapping.descriptor is AccountStatus.DESCRIPTOR


@pytest.mark.parametrize("key", ["accountstatus", "AccountStatu", "Nope", 3, None, ["AccountStatus"]])
def test_get_of_anything_else_raises_a_lookup_error_naming_the_input(key: object) -> None:
    with pytest.raises(UnknownEnumError) as caught:
        get(key)
    assert isinstance(caught.value, LookupError)
    assert repr(key) in str(caught.value)


def test_get_suggests_close_enum_names() -> None:
    with pytest.raises(UnknownEnumError) as caught:
        get("accountstatus")
    assert "AccountStatus" in caught.value.suggestions


def test_from_string_is_exact_and_case_sensitive() -> None:
    referral = get(ReferralStatusChoices)
    assert referral.from_string("Cancelled") == ReferralStatusChoices.REFERRAL_STATUS_CHOICES_CANCELLED
    with pytest.raises(UnknownEnumValueError) as caught:
        referral.from_string("CANCELLED")
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert "ReferralStatusChoices" in message and "'CANCELLED'" in message and "'Cancelled'" in message


def test_from_string_with_a_default_returns_it_instead_of_raising() -> None:
    assert get("ReferralStatusChoices").from_string("CANCELLED", default=0) == 0
    assert get("ReferralStatusChoices").from_string("nope", default=None) is None


def test_to_string_gives_the_documented_string_in_its_exact_case() -> None:
    assert get("ReferralStatusChoices").to_string(ReferralStatusChoices.REFERRAL_STATUS_CHOICES_PAID) == "Paid"
    reminders = get("AccountReminderTypes")
    number = reminders.from_string("DUPLICATE_CARD_FINGERPRINTs")
    assert reminders.to_string(number) == "DUPLICATE_CARD_FINGERPRINTs"
    assert reminders.proto_name(number) == "ACCOUNT_REMINDER_TYPES_DUPLICATE_CARD_FINGERPRINTS"


def test_the_unspecified_zero_value_has_no_string() -> None:
    with pytest.raises(UnknownEnumValueError, match="UNSPECIFIED"):
        get("AccountStatus").to_string(0)
    assert get("AccountStatus").to_string(0, default="") == ""


def test_an_unknown_number_raises_naming_the_enum_and_the_known_range() -> None:
    with pytest.raises(UnknownEnumValueError) as caught:
        get("ReferralStatusChoices").to_string(99)
    assert "ReferralStatusChoices" in str(caught.value) and "99" in str(caught.value) and "1..3" in str(caught.value)


@pytest.mark.parametrize("bad", [True, 1.0, "1", None])
def test_to_string_of_a_non_int_is_a_type_error_not_a_silent_answer(bad: object) -> None:
    with pytest.raises(TypeError):
        get("ReferralStatusChoices").to_string(bad)  # type: ignore[call-overload]  # a non-int on purpose


@pytest.mark.parametrize("bad", [1, b"Paid", None])
def test_from_string_of_a_non_str_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        get("ReferralStatusChoices").from_string(bad)  # type: ignore[call-overload]  # a non-str on purpose


def test_strings_numbers_and_values_are_in_number_order() -> None:
    # MessageChannel as released: the page's four values and the two the scrape dropped, alphabetically.
    mapping = get("MessageChannel")
    assert mapping.strings() == ("EMAIL", "INTERCOM", "JUNIFER", "PRINT", "PUSH_NOTIFICATION", "SMS")
    assert mapping.numbers() == (1, 2, 3, 4, 5, 6)
    assert [(v.number, v.graphql_value, v.proto_name) for v in mapping.values()][::5] == [
        (1, "EMAIL", "MESSAGE_CHANNEL_EMAIL"),
        (6, "SMS", "MESSAGE_CHANNEL_SMS"),
    ]
    assert [v.graphql_value for v in mapping] == ["EMAIL", "INTERCOM", "JUNIFER", "PRINT", "PUSH_NOTIFICATION", "SMS"]


def test_description_and_deprecation_come_from_the_descriptors() -> None:
    units = get(PreferencesUnitChoices)
    assert units.is_deprecated(units.from_string("PERCENTAGE_ABSOLUTE"))
    assert not units.is_deprecated(units.from_string("PERCENTAGE"))
    status = get("AccountStatus")
    assert status.description(status.from_string("VOID")) == "Void. Account created in error."
    assert status.description(status.from_string("WITHDRAWN")) == "Withdrawn before supply started"
    assert get("ReadingFrequencyType").description(get("ReadingFrequencyType").from_string("DAY_INTERVAL")) == ""


@pytest.mark.parametrize("key", ["ReferralStatusChoices", "kraken.enums.v1.ReferralStatusChoices", ReferralStatusChoices, ReferralStatusChoices.DESCRIPTOR])
def test_module_level_shortcuts_convert_for_any_key_get_accepts(key: object) -> None:
    assert kraken_proto.to_string(key, 1) == "Cancelled"
    assert kraken_proto.to_string(key, 3) == "Pending"
    assert kraken_proto.from_string(key, "Paid") == 2
    with pytest.raises(UnknownEnumValueError, match="closest: 'Cancelled'"):
        kraken_proto.from_string(key, "CANCELLED")
    with pytest.raises(UnknownEnumValueError, match=r"knows numbers 1\.\.3"):
        kraken_proto.to_string(key, 4)
    with pytest.raises(UnknownEnumError):
        kraken_proto.to_string("ReferralStatus", 1)


def test_proto_names_convert_both_ways_including_unspecified() -> None:
    status = get("AccountStatus")
    assert status.from_proto_name("ACCOUNT_STATUS_UNSPECIFIED") == 0
    assert status.proto_name(0) == "ACCOUNT_STATUS_UNSPECIFIED"
    with pytest.raises(UnknownEnumValueError):
        status.from_proto_name("ACTIVE")


def test_the_enums_module_re_exports_every_generated_class_under_its_graphql_name() -> None:
    from kraken_proto import enums

    assert sorted(enums.__all__) == sorted(kraken_proto.enum_names())
    for name in enums.__all__:
        assert getattr(enums, name).DESCRIPTOR.name == name


@pytest.mark.parametrize(
    ("call", "message", "suggestions"),
    [
        (
            lambda: get("ReferralStatusChoices").from_string("CANCELLED"),
            "'CANCELLED' is not a value of ReferralStatusChoices: strings are exact and case-sensitive; closest: 'Cancelled'",
            ("Cancelled",),
        ),
        (
            lambda: get("ReferralStatusChoices").from_string(" Cancelled\t"),  # padding is stripped for the case check only
            "' Cancelled\\t' is not a value of ReferralStatusChoices: strings are exact and case-sensitive; closest: 'Cancelled'",
            ("Cancelled",),
        ),
        (lambda: get("ReferralStatusChoices").from_string("REFUNDED"), "'REFUNDED' is not a value of ReferralStatusChoices: not a documented string", ()),
        (
            lambda: get("ReferralStatusChoices").from_string("Pendin"),
            "'Pendin' is not a value of ReferralStatusChoices: not a documented string; closest: 'Pending'",
            ("Pending",),
        ),
        (lambda: get("MessageChannel").to_string(0), "0 is not a value of MessageChannel: 0 is the UNSPECIFIED value, which has no GraphQL string", ()),
        (
            lambda: get("MessageChannel").to_string(7),
            "7 is not a value of MessageChannel: this version of kraken-proto knows numbers 1..6 (a newer producer may have added it)",
            (),
        ),
        (
            lambda: get("MessageChannel").is_deprecated(-1),
            "-1 is not a value of MessageChannel: this version of kraken-proto knows numbers 1..6 (a newer producer may have added it)",
            (),
        ),
        (
            lambda: get("MessageChannel").from_proto_name("message_channel_sms"),  # difflib: SMS 1.0, EMAIL 34/40, PRINT 32/40
            (
                "'message_channel_sms' is not a value of MessageChannel: no value has this proto name; closest: 'MESSAGE_CHANNEL_SMS', "
                "'MESSAGE_CHANNEL_EMAIL', 'MESSAGE_CHANNEL_PRINT'"
            ),
            ("MESSAGE_CHANNEL_SMS", "MESSAGE_CHANNEL_EMAIL", "MESSAGE_CHANNEL_PRINT"),
        ),
    ],
)
def test_an_unknown_value_error_says_exactly_why_and_suggests_the_closest_documented_values(
    call: Callable[[], object], message: str, suggestions: tuple[str, ...]
) -> None:
    with pytest.raises(UnknownEnumValueError) as caught:
        call()
    assert str(caught.value) == message
    assert caught.value.suggestions == suggestions


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda m: m.to_string("1"), "a number of MessageChannel must be an int, not str"),
        (lambda m: m.to_string(True, default=None), "a number of MessageChannel must be an int, not bool"),
        (lambda m: m.description(1.0), "a number of MessageChannel must be an int, not float"),
        (lambda m: m.proto_name(False), "a number of MessageChannel must be an int, not bool"),
        (lambda m: m.from_string(6, default=0), "a value of MessageChannel must be a str, not int"),
        (lambda m: m.from_proto_name(6), "a proto value name of MessageChannel must be a str, not int"),
    ],
)
def test_a_wrong_type_is_a_type_error_naming_the_enum_and_the_type_even_with_a_default(call: Callable[[EnumMapping], object], message: str) -> None:
    with pytest.raises(TypeError) as caught:
        call(get("MessageChannel"))
    assert str(caught.value) == message


def test_description_and_deprecation_of_the_zero_value_raise_but_its_proto_name_is_known() -> None:
    channel = get("MessageChannel")
    with pytest.raises(UnknownEnumValueError, match="UNSPECIFIED value"):
        channel.description(0)
    assert channel.proto_name(0) == "MESSAGE_CHANNEL_UNSPECIFIED"
    assert len(channel) == 6 and repr(channel) == "<EnumMapping MessageChannel (kraken.enums.v1.MessageChannel), 6 values>"


class _EqualToEverything(type):
    """A metaclass whose classes claim to equal any class: ``==`` would let them pass for ``int``."""

    def __eq__(cls, other: object) -> bool:
        return True

    __hash__ = type.__hash__


class _NotQuiteInt(int, metaclass=_EqualToEverything):
    pass


def test_an_int_subclass_is_refused_by_class_identity_whatever_its_class_claims() -> None:
    channel = get("MessageChannel")
    for call in (
        lambda: channel.to_string(_NotQuiteInt(1)),
        lambda: channel.proto_name(_NotQuiteInt(0)),
        lambda: channel.to_string(_NotQuiteInt(9), default=None),
        lambda: channel.description(_NotQuiteInt(1)),
        lambda: channel.is_deprecated(_NotQuiteInt(1)),
    ):
        with pytest.raises(TypeError, match="must be an int, not _NotQuiteInt"):
            call()


class _AlwaysEqual:
    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__


def test_any_default_is_returned_as_given_even_one_that_claims_to_equal_everything() -> None:
    default = _AlwaysEqual()
    assert get("MessageChannel").to_string(7, default=default) is default
    assert get("MessageChannel").to_string(0, default=default) is default
    assert get("MessageChannel").from_string("email", default=default) is default


def test_proto_name_of_a_negative_number_is_an_error_not_the_zero_values_name() -> None:
    with pytest.raises(UnknownEnumValueError, match=r"knows numbers 1\.\.6"):
        get("MessageChannel").proto_name(-1)


def hand_made(*values: tuple[int, str]) -> EnumMapping:
    """The mapping of an enum built here, in a pool of its own: values (number, graphql_value) the contract lacks."""
    pool = descriptor_pool.DescriptorPool()
    for proto in descriptor_pb2.FileDescriptorSet.FromString(kraken_proto.file_descriptor_set()).file:
        if proto.name in ("google/protobuf/descriptor.proto", "kraken/enums/v1/options.proto"):
            pool.Add(proto)
    file = descriptor_pb2.FileDescriptorProto(name="hand/made.proto", package="hand.made", syntax="proto3", dependency=["kraken/enums/v1/options.proto"])
    enum = file.enum_type.add(name="Shape")
    enum.value.add(name="SHAPE_UNSPECIFIED", number=0)
    for number, string in values:
        value = enum.value.add(name=f"SHAPE_{number + 100}", number=number)
        value.options.Extensions[options_pb2.graphql_value] = string
    pool.Add(file)
    return EnumMapping(pool.FindEnumTypeByName("hand.made.Shape"))


def test_at_most_three_suggestions_values_equal_but_for_case_first() -> None:
    # Three strings equal to 'ab' but for case (a respelled value can make two), then difflib's close ones.
    shape = hand_made((1, "Ab"), (2, "AB"), (3, "aB"), (4, "abc"))
    with pytest.raises(UnknownEnumValueError) as caught:
        shape.from_string("ab")
    assert str(caught.value) == "'ab' is not a value of Shape: strings are exact and case-sensitive; closest: 'Ab', 'AB', 'aB'"


def test_three_close_matches_are_suggested_best_first_ties_by_reverse_order() -> None:
    # Each ratio is 8/9; difflib keeps the three largest (score, string) pairs.
    shape = hand_made((1, "abcd1"), (2, "abcd2"), (3, "abcd3"), (4, "abcd4"))
    with pytest.raises(UnknownEnumValueError) as caught:
        shape.from_string("abcd")
    assert caught.value.suggestions == ("abcd4", "abcd3", "abcd2")


def test_every_non_zero_number_is_a_value_negative_ones_included() -> None:
    shape = hand_made((-1, "Minus"), (1, "One"))
    assert shape.strings() == ("Minus", "One")
    assert shape.from_string("Minus") == -1 and shape.to_string(-1) == "Minus"
    assert shape.graphql_name == "Shape"  # no graphql_name option: the descriptor's name
