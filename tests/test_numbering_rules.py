"""The evolution rules of kraken_proto/generator/numbering.py, one test each, on small hand-made contracts.

Fast unit tests of ``merge`` (no buf, no subprocess); tests/test_evolution.py and
tests/test_graphql_sources.py run the same rules end to end through ``generate``.
"""

from __future__ import annotations

import pytest

from kraken_proto.generator.errors import GenerateError
from kraken_proto.generator.model import Contract, ContractEnum, ContractValue, UpstreamDocument, UpstreamEnum, UpstreamValue
from kraken_proto.generator.numbering import merge

DROPPED_REASON = "No longer listed in the upstream reference; kept so that stored data still decodes."
"""The reason the contract gives a value or an enum that upstream dropped (docs/contract.md, "Values upstream drops stay")."""

CANCELLED = ContractValue(number=1, proto_name="REFERRAL_STATUS_CHOICES_CANCELLED", graphql_value="Cancelled", description="Cancelled.")
PAID = ContractValue(number=2, proto_name="REFERRAL_STATUS_CHOICES_PAID", graphql_value="Paid", description="Paid.")
REFERRAL = ContractEnum(
    graphql_name="ReferralStatusChoices",
    values=(CANCELLED, PAID),
    description="Referral states.",
    example="Paid",
    file="kraken/enums/v1/referral_status_choices.proto",
)
BROWNOUT = ContractEnum(
    graphql_name="APIBrownoutStatus",
    values=(ContractValue(number=1, proto_name="API_BROWNOUT_STATUS_ABORTED", graphql_value="ABORTED"),),
    description="Brownouts.",
    example="ABORTED",
)
COMMITTED = Contract(enums=(BROWNOUT, REFERRAL))


def enum(name: str, *values: str | UpstreamValue, description: str = "Now.", example: str | None = None) -> UpstreamEnum:
    return UpstreamEnum(
        graphql_name=name,
        description=description,
        values=tuple(v if isinstance(v, UpstreamValue) else UpstreamValue(graphql_value=v, description=f"{v} now.") for v in values),
        example=example,
        origin="doc.txt:7",
    )


def document(*enums: UpstreamEnum) -> UpstreamDocument:
    return UpstreamDocument(path="doc.txt", enums=enums)


def values(contract: Contract, name: str) -> list[tuple[int, str, str, bool, str]]:
    return [(v.number, v.proto_name, v.graphql_value, v.deprecated, v.deprecation_reason) for v in contract.by_name()[name].values]


def test_the_first_contract_numbers_values_1_to_n_in_the_documents_order() -> None:
    contract = merge(document(enum("ReferralStatusChoices", "Pending", "Cancelled", "Paid")), Contract())
    assert values(contract, "ReferralStatusChoices") == [
        (1, "REFERRAL_STATUS_CHOICES_PENDING", "Pending", False, ""),
        (2, "REFERRAL_STATUS_CHOICES_CANCELLED", "Cancelled", False, ""),
        (3, "REFERRAL_STATUS_CHOICES_PAID", "Paid", False, ""),
    ]


def test_enums_come_out_sorted_by_graphql_name_whatever_the_documents_order() -> None:
    contract = merge(document(enum("ReferralStatusChoices", "Paid"), enum("APIBrownoutStatus", "ABORTED")), Contract())
    assert [e.graphql_name for e in contract.enums] == ["APIBrownoutStatus", "ReferralStatusChoices"]


def test_descriptions_and_the_example_follow_upstream_numbers_and_names_do_not_move() -> None:
    contract = merge(
        document(enum("ReferralStatusChoices", "Paid", "Cancelled", description="New words.", example="Cancelled"), enum("APIBrownoutStatus", "ABORTED")),
        COMMITTED,
    )
    merged = contract.by_name()["ReferralStatusChoices"]
    assert (merged.description, merged.example) == ("New words.", "Cancelled")
    assert [(v.number, v.graphql_value, v.description) for v in merged.values] == [(1, "Cancelled", "Cancelled now."), (2, "Paid", "Paid now.")]


def test_upstreams_deprecation_reason_deprecates_the_value_with_that_reason_and_its_removal_undeprecates() -> None:
    contract = merge(
        document(
            enum("ReferralStatusChoices", "Cancelled", UpstreamValue(graphql_value="Paid", description="", deprecation_reason="Use Settled.")),
            enum("APIBrownoutStatus", "ABORTED"),
        ),
        COMMITTED,
    )
    assert values(contract, "ReferralStatusChoices")[1] == (2, "REFERRAL_STATUS_CHOICES_PAID", "Paid", True, "Use Settled.")
    again = merge(document(enum("ReferralStatusChoices", "Cancelled", "Paid"), enum("APIBrownoutStatus", "ABORTED")), contract)
    assert values(again, "ReferralStatusChoices")[1] == (2, "REFERRAL_STATUS_CHOICES_PAID", "Paid", False, "")


def test_a_dropped_value_stays_deprecated_and_keeps_an_earlier_reason() -> None:
    deprecated = ContractValue(
        number=2, proto_name="REFERRAL_STATUS_CHOICES_PAID", graphql_value="Paid", description="Paid.", deprecated=True, deprecation_reason="Use Settled."
    )
    committed = Contract(enums=(BROWNOUT, ContractEnum(graphql_name="ReferralStatusChoices", values=(CANCELLED, deprecated))))
    contract = merge(document(enum("APIBrownoutStatus", "ABORTED"), enum("ReferralStatusChoices")), committed)
    assert values(contract, "ReferralStatusChoices") == [
        (1, "REFERRAL_STATUS_CHOICES_CANCELLED", "Cancelled", True, DROPPED_REASON),
        (2, "REFERRAL_STATUS_CHOICES_PAID", "Paid", True, "Use Settled."),
    ]
    assert contract.by_name()["ReferralStatusChoices"].values[0].description == "Cancelled."  # the last words upstream said


def test_an_enum_a_complete_source_lacks_stays_deprecated_with_all_its_values() -> None:
    contract = merge(document(enum("APIBrownoutStatus", "ABORTED")), COMMITTED)
    kept = contract.by_name()["ReferralStatusChoices"]
    assert (kept.deprecated, kept.deprecation_reason, kept.description, kept.example) == (True, DROPPED_REASON, "Referral states.", "Paid")
    assert [(v.number, v.deprecated, v.deprecation_reason) for v in kept.values] == [(1, True, DROPPED_REASON), (2, True, DROPPED_REASON)]
    again = merge(
        document(enum("APIBrownoutStatus", "ABORTED")),
        Contract(
            enums=(
                BROWNOUT,
                ContractEnum(graphql_name="ReferralStatusChoices", values=kept.values, deprecated=True, deprecation_reason="Upstream's own words."),
            )
        ),
    )
    assert again.by_name()["ReferralStatusChoices"].deprecation_reason == "Upstream's own words."


def test_an_enum_a_partial_source_lacks_is_kept_exactly_as_committed() -> None:
    contract = merge(document(enum("APIBrownoutStatus", "ABORTED", "CANCELLED")), COMMITTED, partial=True)
    assert contract.by_name()["ReferralStatusChoices"] == REFERRAL
    assert values(contract, "APIBrownoutStatus")[1] == (2, "API_BROWNOUT_STATUS_CANCELLED", "CANCELLED", False, "")


def test_a_proto_name_correction_names_a_new_value_that_gets_the_next_number() -> None:
    contract = merge(
        document(enum("ReferralStatusChoices", "Cancelled", "Paid", "PAID"), enum("APIBrownoutStatus", "ABORTED")),
        COMMITTED,
        proto_names={("ReferralStatusChoices", "PAID"): "REFERRAL_STATUS_CHOICES_PAID_V2"},
    )
    assert values(contract, "ReferralStatusChoices")[2] == (3, "REFERRAL_STATUS_CHOICES_PAID_V2", "PAID", False, "")


def test_a_new_string_whose_proto_name_is_taken_stops_with_the_correction_to_add() -> None:
    with pytest.raises(GenerateError) as caught:
        merge(
            document(enum("ReferralStatusChoices", "Cancelled", "Paid", "PAID"), enum("APIBrownoutStatus", "ABORTED")),
            COMMITTED,
            corrections_path="up/corr.toml",
        )
    message = str(caught.value)
    assert message.startswith(
        "doc.txt:7: in ReferralStatusChoices, the new value 'PAID' would get the proto name REFERRAL_STATUS_CHOICES_PAID, which 'Paid' already has"
    )
    assert 'Add to up/corr.toml: [[proto_name]] enum = "ReferralStatusChoices" value = "PAID" proto_name = "REFERRAL_STATUS_CHOICES_PAID_V2"' in message


def test_the_suggested_correction_skips_a_v2_name_already_taken() -> None:
    taken = ContractEnum(
        graphql_name="ReferralStatusChoices",
        values=(CANCELLED, PAID, ContractValue(number=3, proto_name="REFERRAL_STATUS_CHOICES_PAID_V2", graphql_value="PAId")),
    )
    with pytest.raises(GenerateError, match='proto_name = "REFERRAL_STATUS_CHOICES_PAID_V3"'):
        merge(document(enum("ReferralStatusChoices", "Cancelled", "Paid", "PAId", "PAID")), Contract(enums=(taken,)))


def test_no_new_string_may_take_the_zero_values_proto_name() -> None:
    with pytest.raises(
        GenerateError, match="the new value 'Unspecified' would get the proto name REFERRAL_STATUS_CHOICES_UNSPECIFIED, which \\(the zero value\\) already has"
    ):
        merge(document(enum("ReferralStatusChoices", "Unspecified")), Contract())


def test_a_proto_name_correction_may_not_rename_a_released_value() -> None:
    with pytest.raises(
        GenerateError, match=r"would rename the released value ReferralStatusChoices\.Paid from REFERRAL_STATUS_CHOICES_PAID to REFERRAL_STATUS_CHOICES_SETTLED"
    ):
        merge(
            document(enum("ReferralStatusChoices", "Cancelled", "Paid"), enum("APIBrownoutStatus", "ABORTED")),
            COMMITTED,
            proto_names={("ReferralStatusChoices", "Paid"): "REFERRAL_STATUS_CHOICES_SETTLED"},
        )
    same = merge(
        document(enum("ReferralStatusChoices", "Cancelled", "Paid"), enum("APIBrownoutStatus", "ABORTED")),
        COMMITTED,
        proto_names={("ReferralStatusChoices", "Paid"): "REFERRAL_STATUS_CHOICES_PAID"},
    )  # restating it is harmless
    assert values(same, "ReferralStatusChoices")[1][:2] == (2, "REFERRAL_STATUS_CHOICES_PAID")


def test_a_proto_name_correction_for_a_string_nobody_has_is_refused() -> None:
    with pytest.raises(
        GenerateError,
        match=r"up/corr.toml: \[\[proto_name\]\] for ReferralStatusChoices.Settled names a string that neither the source nor the committed contract has",
    ):
        merge(
            document(enum("ReferralStatusChoices", "Cancelled", "Paid"), enum("APIBrownoutStatus", "ABORTED")),
            COMMITTED,
            proto_names={("ReferralStatusChoices", "Settled"): "REFERRAL_STATUS_CHOICES_SETTLED"},
            corrections_path="up/corr.toml",
        )
    # A string only the committed contract still has (upstream dropped it) is known: no error.
    merge(
        document(enum("ReferralStatusChoices", "Cancelled"), enum("APIBrownoutStatus", "ABORTED")),
        COMMITTED,
        proto_names={("ReferralStatusChoices", "Paid"): "REFERRAL_STATUS_CHOICES_PAID"},
    )


@pytest.mark.parametrize("name", ["1Status", "Account-Status", "", "État"])
def test_an_enum_name_that_is_not_a_graphql_name_is_refused(name: str) -> None:
    with pytest.raises(GenerateError, match=f"doc.txt:7: {name!r} is not a GraphQL name"):
        merge(document(enum(name, "A")), Contract())


@pytest.mark.parametrize(("string", "override"), [("A", "OTHER_PREFIX_A"), ("x", "REFERRAL_STATUS_CHOICES_x"), ("A__B", "REFERRAL_STATUS_CHOICES_A__B")])
def test_a_proto_name_correction_buf_lint_would_reject_stops_generate(string: str, override: str) -> None:
    overrides = {("ReferralStatusChoices", string): override}
    with pytest.raises(GenerateError, match="is one buf lint rejects \\(it must start with REFERRAL_STATUS_CHOICES_ and be UPPER_SNAKE_CASE"):
        merge(document(enum("ReferralStatusChoices", string)), Contract(), proto_names=overrides)


def test_a_new_value_after_a_gap_in_the_numbers_takes_one_above_the_highest_not_the_gap() -> None:
    # 2 was used once and is gone from the committed tree's values (a hand-made gap): 3 is the highest, 4 is next.
    gap = ContractEnum(
        graphql_name="ReferralStatusChoices",
        values=(CANCELLED, ContractValue(number=3, proto_name="REFERRAL_STATUS_CHOICES_SETTLED", graphql_value="Settled")),
        file="kraken/enums/v1/referral_status_choices.proto",
    )
    contract = merge(document(enum("ReferralStatusChoices", "Cancelled", "Settled", "Refunded")), Contract(enums=(gap,)), partial=True)
    assert values(contract, "ReferralStatusChoices") == [
        (1, "REFERRAL_STATUS_CHOICES_CANCELLED", "Cancelled", False, ""),
        (3, "REFERRAL_STATUS_CHOICES_SETTLED", "Settled", False, ""),
        (4, "REFERRAL_STATUS_CHOICES_REFUNDED", "Refunded", False, ""),
    ]


def test_a_new_value_after_a_deprecated_highest_value_takes_the_number_above_it() -> None:
    # Paid (2) is deprecated and upstream no longer lists it: its number stays taken, so the new value gets 3.
    deprecated = ContractValue(number=2, proto_name="REFERRAL_STATUS_CHOICES_PAID", graphql_value="Paid", deprecated=True, deprecation_reason="Use Settled.")
    committed = Contract(enums=(ContractEnum(graphql_name="ReferralStatusChoices", values=(CANCELLED, deprecated)),))
    contract = merge(document(enum("ReferralStatusChoices", "Cancelled", "Settled")), committed, partial=True)
    assert values(contract, "ReferralStatusChoices") == [
        (1, "REFERRAL_STATUS_CHOICES_CANCELLED", "Cancelled", False, ""),
        (2, "REFERRAL_STATUS_CHOICES_PAID", "Paid", True, "Use Settled."),
        (3, "REFERRAL_STATUS_CHOICES_SETTLED", "Settled", False, ""),
    ]
