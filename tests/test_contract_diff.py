"""The contract diff rule by rule (kraken_proto/generator/contract_diff.py) and its three renderings
(kraken_proto/generator/diff_report.py): what counts as added, deprecated, reworded or changed, the
version bump each implies, the refusal of a break, the order, and the exact text, Markdown and JSON.

Every contract here is written by hand and every expected record or line is a literal; the end-to-end
`kraken-proto diff` and `release` runs are in test_diff_cli.py and test_release_version.py.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from kraken_proto.generator.contract_diff import (
    JSON_FORMAT,
    Bump,
    ContractBreakError,
    ContractDiff,
    Deprecation,
    DescriptionChange,
    EnumAdded,
    OptionChange,
    UnneededCorrection,
    ValueAdded,
    diff_contracts,
)
from kraken_proto.generator.diff_report import render_json, render_markdown, render_text, summary
from kraken_proto.generator.model import Contract, ContractEnum, ContractValue

ACTIVE = ContractValue(number=1, proto_name="ACCOUNT_STATUS_ACTIVE", graphql_value="ACTIVE", description="Active account.")
VOID = ContractValue(number=2, proto_name="ACCOUNT_STATUS_VOID", graphql_value="VOID", description="Void.")
STATUS = ContractEnum(graphql_name="AccountStatus", values=(ACTIVE, VOID), description="An account's status.", example="ACTIVE")
CANCELLED = ContractValue(number=1, proto_name="REFERRAL_STATUS_CHOICES_CANCELLED", graphql_value="Cancelled")
REFERRAL = ContractEnum(graphql_name="ReferralStatusChoices", values=(CANCELLED,), description="Referral states.")
OLD = Contract(enums=(STATUS, REFERRAL))
DROPPED = "No longer listed in the upstream reference; kept so that stored data still decodes."


def with_enums(*enums: ContractEnum) -> Contract:
    return Contract(enums=enums)


# -- nothing, additions ---------------------------------------------------------------------------


def test_identical_contracts_differ_in_nothing_and_bump_nothing() -> None:
    diff = diff_contracts(OLD, OLD)
    assert diff == ContractDiff()
    assert diff.bump is Bump.NONE and diff.empty
    assert render_text(diff) == "none: no changes\n"


def test_a_value_added_to_an_enum_is_listed_with_its_string_proto_name_and_number_and_bumps_minor() -> None:
    paid = ContractValue(number=3, proto_name="ACCOUNT_STATUS_PAID", graphql_value="Paid")
    diff = diff_contracts(OLD, with_enums(replace(STATUS, values=(ACTIVE, VOID, paid)), REFERRAL))
    assert diff == ContractDiff(values_added=(ValueAdded(graphql_name="AccountStatus", graphql_value="Paid", proto_name="ACCOUNT_STATUS_PAID", number=3),))
    assert diff.bump is Bump.MINOR


def test_an_added_enum_is_listed_with_its_full_name_and_every_value_it_brings() -> None:
    brownout = ContractEnum(
        graphql_name="APIBrownoutStatus",
        values=(
            ContractValue(number=2, proto_name="API_BROWNOUT_STATUS_DONE", graphql_value="DONE"),
            ContractValue(number=1, proto_name="API_BROWNOUT_STATUS_ABORTED", graphql_value="ABORTED"),
        ),
        description="Possible API Brownout statuses.",
    )
    diff = diff_contracts(OLD, with_enums(STATUS, REFERRAL, brownout))
    assert diff.enums_added == (
        EnumAdded(graphql_name="APIBrownoutStatus", full_name="kraken.enums.v1.APIBrownoutStatus", description="Possible API Brownout statuses."),
    )
    assert [(v.graphql_name, v.number, v.graphql_value) for v in diff.values_added] == [("APIBrownoutStatus", 2, "DONE"), ("APIBrownoutStatus", 1, "ABORTED")]
    assert diff.bump is Bump.MINOR


# -- deprecations, descriptions, options ------------------------------------------------------------


def test_a_value_upstream_dropped_is_newly_deprecated_with_the_dropped_reason_and_bumps_minor() -> None:
    diff = diff_contracts(OLD, with_enums(replace(STATUS, values=(ACTIVE, replace(VOID, deprecated=True, deprecation_reason=DROPPED))), REFERRAL))
    assert diff == ContractDiff(
        deprecated=(Deprecation(graphql_name="AccountStatus", graphql_value="VOID", proto_name="ACCOUNT_STATUS_VOID", number=2, deprecation_reason=DROPPED),)
    )
    assert diff.bump is Bump.MINOR


def test_an_enum_newly_deprecated_is_listed_as_the_enum_itself_before_its_values() -> None:
    gone = replace(REFERRAL, deprecated=True, deprecation_reason=DROPPED, values=(replace(CANCELLED, deprecated=True, deprecation_reason=DROPPED),))
    diff = diff_contracts(OLD, with_enums(STATUS, gone))
    assert diff.deprecated == (
        Deprecation(graphql_name="ReferralStatusChoices", graphql_value=None, proto_name="ReferralStatusChoices", number=None, deprecation_reason=DROPPED),
        Deprecation(
            graphql_name="ReferralStatusChoices",
            graphql_value="Cancelled",
            proto_name="REFERRAL_STATUS_CHOICES_CANCELLED",
            number=1,
            deprecation_reason=DROPPED,
        ),
    )


def test_description_changes_alone_bump_the_patch_version_and_keep_old_and_new_text() -> None:
    diff = diff_contracts(OLD, with_enums(replace(STATUS, description="The status.", values=(replace(ACTIVE, description="Open."), VOID)), REFERRAL))
    assert diff == ContractDiff(
        descriptions_changed=(
            DescriptionChange(graphql_name="AccountStatus", graphql_value=None, number=None, old="An account's status.", new="The status."),
            DescriptionChange(graphql_name="AccountStatus", graphql_value="ACTIVE", number=1, old="Active account.", new="Open."),
        )
    )
    assert diff.bump is Bump.PATCH


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(STATUS, replace(STATUS, example="VOID"), ("example", "ACTIVE", "VOID", None), id="the enum's example"),
        pytest.param(STATUS, replace(STATUS, example=None), ("example", "ACTIVE", "", None), id="the example removed"),
        pytest.param(
            replace(STATUS, values=(ACTIVE, replace(VOID, deprecated=True, deprecation_reason="Old."))),
            replace(STATUS, values=(ACTIVE, replace(VOID, deprecated=True, deprecation_reason="New."))),
            ("deprecation_reason", "Old.", "New.", 2),
            id="a deprecated value's reason",
        ),
        pytest.param(
            replace(STATUS, values=(ACTIVE, replace(VOID, deprecated=True, deprecation_reason=DROPPED))),
            STATUS,
            ("deprecated", "true", "false", 2),
            id="a value upstream lists again",
        ),
    ],
)
def test_a_changed_option_is_listed_old_and_new_and_bumps_minor(old: ContractEnum, new: ContractEnum, expected: tuple[str, str, str, int | None]) -> None:
    diff = diff_contracts(with_enums(old), with_enums(new))
    option, before, after, number = expected
    assert diff.options_changed == (
        OptionChange(graphql_name="AccountStatus", graphql_value=None if number is None else "VOID", number=number, option=option, old=before, new=after),
    )
    assert (diff.deprecated, diff.descriptions_changed) == ((), ())
    assert diff.bump is Bump.MINOR


def test_corrections_upstream_made_unnecessary_are_listed_sorted_but_move_no_version() -> None:
    email = UnneededCorrection(kind="missing_value", enum="CommsDeliveryPreference", value="EMAIL", reason="Dropped by the scrape.")
    block = UnneededCorrection(kind="nameless_block", enum="AccountStatus", value=None, reason="The scrape lost the name line.")
    diff = diff_contracts(OLD, OLD, corrections_unneeded=[email, block])
    assert diff.corrections_unneeded == (block, email)
    assert diff.bump is Bump.NONE and not diff.empty


def test_changes_come_sorted_by_enum_then_number_whatever_the_contracts_order() -> None:
    a1 = ContractValue(number=1, proto_name="A_ONE", graphql_value="ONE")
    a5 = ContractValue(number=5, proto_name="A_FIVE", graphql_value="FIVE")
    z2 = ContractValue(number=2, proto_name="ZED_TWO", graphql_value="TWO")
    old = with_enums(ContractEnum(graphql_name="Zed", values=(z2,)), ContractEnum(graphql_name="Alpha", values=(a1, a5)))
    new = with_enums(
        ContractEnum(graphql_name="Zed", values=(replace(z2, deprecated=True), ContractValue(number=3, proto_name="ZED_THREE", graphql_value="THREE"))),
        ContractEnum(graphql_name="Alpha", values=(replace(a5, deprecated=True), replace(a1, deprecated=True))),
    )
    diff = diff_contracts(old, new)
    assert [(d.graphql_name, d.number) for d in diff.deprecated] == [("Alpha", 1), ("Alpha", 5), ("Zed", 2)]
    assert [(v.graphql_name, v.number) for v in diff.values_added] == [("Zed", 3)]
    assert diff.enum_names() == ["Alpha", "Zed"]


# -- a break is refused -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("new", "message"),
    [
        pytest.param(with_enums(REFERRAL), "enum AccountStatus is gone", id="an enum gone"),
        pytest.param(
            with_enums(replace(STATUS, values=(ACTIVE,)), REFERRAL),
            "AccountStatus value 2 (ACCOUNT_STATUS_VOID, 'VOID') is gone or renumbered",
            id="a value gone",
        ),
        pytest.param(
            with_enums(replace(STATUS, values=(ACTIVE, replace(VOID, number=7))), REFERRAL),
            "AccountStatus value 2 (ACCOUNT_STATUS_VOID, 'VOID') is gone or renumbered",
            id="a number moved",
        ),
        pytest.param(
            with_enums(replace(STATUS, values=(ACTIVE, replace(VOID, graphql_value="Void"))), REFERRAL),
            "AccountStatus value 2 (ACCOUNT_STATUS_VOID, 'VOID') is now ACCOUNT_STATUS_VOID, 'Void'",
            id="a string changed",
        ),
        pytest.param(
            with_enums(STATUS, replace(REFERRAL, file="kraken/enums/v1/referrals.proto")),
            "enum ReferralStatusChoices was kraken.enums.v1.ReferralStatusChoices in kraken/enums/v1/referral_status_choices.proto, "
            "now kraken.enums.v1.ReferralStatusChoices in kraken/enums/v1/referrals.proto",
            id="an enum moved to another file",
        ),
    ],
)
def test_a_break_is_refused_in_one_line_naming_it(new: Contract, message: str) -> None:
    with pytest.raises(ContractBreakError) as caught:
        diff_contracts(OLD, new)
    assert str(caught.value) == (
        f"the contract breaks the release it is compared with: {message}; a break is never released (restore it; kraken-proto check lists every break)"
    )


def test_several_breaks_name_the_first_and_count_the_rest() -> None:
    with pytest.raises(ContractBreakError, match=r": enum AccountStatus is gone \(and 1 more\); "):
        diff_contracts(OLD, with_enums())


# -- the renderings -----------------------------------------------------------------------------------


def sample() -> ContractDiff:
    paid = ContractValue(number=3, proto_name="ACCOUNT_STATUS_PAID", graphql_value="Paid")
    new = with_enums(
        replace(STATUS, description="An account's *status*.", values=(ACTIVE, replace(VOID, deprecated=True, deprecation_reason=DROPPED), paid)),
        REFERRAL,
        ContractEnum(graphql_name="Zed", values=(ContractValue(number=1, proto_name="ZED_A", graphql_value="a"),), description="Z_enum"),
    )
    return diff_contracts(OLD, new, corrections_unneeded=[UnneededCorrection(kind="missing_value", enum="AccountStatus", value="Paid", reason="Lost.")])


def test_the_summary_line_names_the_bump_and_counts_each_kind_of_change() -> None:
    assert summary(sample()) == ("minor: 1 enum added, 2 values added, 1 newly deprecated, 1 description changed, 1 correction made unnecessary")


def test_the_text_rendering_lists_each_enum_its_own_changes_first_then_its_values_by_number() -> None:
    assert render_text(sample()) == (
        "minor: 1 enum added, 2 values added, 1 newly deprecated, 1 description changed, 1 correction made unnecessary\n"
        "AccountStatus\n"
        '  description of the enum: "An account\'s status." -> "An account\'s *status*."\n'
        f'  deprecated value VOID = 2 (ACCOUNT_STATUS_VOID): "{DROPPED}"\n'
        "  added value Paid = 3 (ACCOUNT_STATUS_PAID)\n"
        "Zed\n"
        '  added enum kraken.enums.v1.Zed: "Z_enum"\n'
        "  added value a = 1 (ZED_A)\n"
        "corrections upstream made unnecessary (removed from upstream/corrections.toml):\n"
        "  [[missing_value]] AccountStatus Paid: Lost.\n"
    )


def test_the_markdown_rendering_has_a_heading_per_enum_and_escapes_upstream_prose() -> None:
    assert render_markdown(sample(), level=3) == (
        "Version bump: **minor** (1 enum added, 2 values added, 1 newly deprecated, 1 description changed, 1 correction made unnecessary).\n\n"
        "### `AccountStatus`\n\n"
        "- description of the enum: An account's status. -> An account's \\*status\\*.\n"
        f"- deprecated value `VOID` = 2 (`ACCOUNT_STATUS_VOID`): {DROPPED}\n"
        "- added value `Paid` = 3 (`ACCOUNT_STATUS_PAID`)\n\n"
        "### `Zed`\n\n"
        "- added enum `kraken.enums.v1.Zed`: Z\\_enum\n"
        "- added value `a` = 1 (`ZED_A`)\n\n"
        "### Corrections upstream made unnecessary\n\n"
        "- `[[missing_value]]` `AccountStatus` `Paid`: Lost.\n"
    )
    assert render_markdown(sample(), level=4).count("\n#### ") == 3


def test_the_json_rendering_carries_its_format_the_bump_and_every_record_under_its_field_name() -> None:
    data = json.loads(render_json(sample()))
    assert data["format"] == JSON_FORMAT == 1
    assert data["bump"] == "minor"
    assert list(data) == ["format", "bump", "enums_added", "values_added", "deprecated", "descriptions_changed", "options_changed", "corrections_unneeded"]
    assert data["values_added"] == [
        {
            "graphql_name": "AccountStatus",
            "graphql_value": "Paid",
            "proto_name": "ACCOUNT_STATUS_PAID",
            "number": 3,
            "deprecated": False,
            "deprecation_reason": "",
        },
        {"graphql_name": "Zed", "graphql_value": "a", "proto_name": "ZED_A", "number": 1, "deprecated": False, "deprecation_reason": ""},
    ]
    assert data["deprecated"] == [
        {"graphql_name": "AccountStatus", "graphql_value": "VOID", "proto_name": "ACCOUNT_STATUS_VOID", "number": 2, "deprecation_reason": DROPPED}
    ]
    assert data["descriptions_changed"] == [
        {"graphql_name": "AccountStatus", "graphql_value": None, "number": None, "old": "An account's status.", "new": "An account's *status*."}
    ]
    assert data["corrections_unneeded"] == [{"kind": "missing_value", "enum": "AccountStatus", "value": "Paid", "reason": "Lost."}]
    assert data["options_changed"] == []
