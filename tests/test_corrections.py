"""The reviewed corrections: each applies exactly where it fits, and fails loudly where it no longer does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kraken_proto.generator.corrections import apply_to_reference, load_corrections
from kraken_proto.generator.errors import SourceError
from kraken_proto.generator.model import UpstreamDocument, UpstreamEnum
from kraken_proto.generator.pipeline import load_upstream
from kraken_proto.generator.reference_text import parse_reference

from .conftest import ROOT, SOURCE

CORRECTIONS = ROOT / "upstream" / "corrections.toml"


@pytest.fixture(scope="module")
def upstream() -> UpstreamDocument:
    return load_upstream(ROOT)


@pytest.fixture(scope="module")
def enums(upstream: UpstreamDocument) -> dict[str, UpstreamEnum]:
    return {e.graphql_name: e for e in upstream.enums}


def names(enum: UpstreamEnum) -> list[str]:
    return [v.graphql_value for v in enum.values]


def test_after_corrections_there_are_74_enums_and_896_values(upstream: UpstreamDocument) -> None:
    assert len(upstream.enums) == 74
    assert sum(len(e.values) for e in upstream.enums) == 896


def test_every_documented_example_is_one_of_its_enums_values(upstream: UpstreamDocument) -> None:
    for enum in upstream.enums:
        assert enum.example in names(enum), enum.graphql_name


def test_the_six_nameless_blocks_get_their_names_in_document_order(upstream: UpstreamDocument) -> None:
    order = [e.graphql_name for e in upstream.enums]
    expected = [
        ("AccountRepaymentStatusOptions", "AccountStatus"),
        ("CampaignStatus", "CollectDepositStatusChoices"),
        ("HardshipAgreementHardshipType", "IntegrationStatus"),
        ("NotifiableApplicationService", "PaymentDayDirectionType"),
        ("PaymentDayDirectionType", "PaymentReasonOptions"),
        ("SmartFlexDeviceLifecycleStatus", "SmartFlexDeviceState"),
    ]
    for before, name in expected:
        assert order[order.index(before) + 1] == name


def test_values_the_scrape_dropped_are_restored(enums: dict[str, UpstreamEnum]) -> None:
    assert "EMAIL" in names(enums["CommsDeliveryPreference"])
    channel = {v.graphql_value: v.description for v in enums["MessageChannel"].values}
    assert channel["EMAIL"] == "Email" and channel["PRINT"] == "Print"
    assert {"EMAIL", "PRINT"} <= set(names(enums["ExternalAccountEventSubCategory"]))


def test_restored_values_sit_where_the_alphabetical_listing_would_have_them(enums: dict[str, UpstreamEnum]) -> None:
    assert names(enums["MessageChannel"]) == ["EMAIL", "INTERCOM", "JUNIFER", "PRINT", "PUSH_NOTIFICATION", "SMS"]


def test_values_upstream_deprecates_in_prose_are_marked_deprecated(enums: dict[str, UpstreamEnum]) -> None:
    units = {v.graphql_value: v.deprecation_reason for v in enums["PreferencesUnitChoices"].values}
    assert units["PERCENTAGE_ABSOLUTE"] and units["PERCENTAGE_RELATIVE"]
    assert units["PERCENTAGE"] is None and units["CELSIUS"] is None


def test_per_value_docs_in_an_enum_description_stay_there_whole_and_values_get_no_description(enums: dict[str, UpstreamEnum]) -> None:
    """Issue 9 section 2 (replacing the earlier rule that moved them onto the values): upstream's text only."""
    device = enums["KrakenFlexDeviceStatusChoices"]
    assert all(v.description == "" for v in device.values)
    assert device.description.startswith("The current lifecycle status of a KrakenFlex device on the smarter tariff API:\nONBOARDING indicates")
    assert "\nLIVE indicates that the device has completed the on-boarding process and is ready for control.\n" in device.description
    completion = enums["CollectionProcessRecordCompletionTypeChoices"]
    assert all(v.description == "" for v in completion.values)
    assert completion.description == (
        "Options for Collection Process Record Completion types.\nENDED: ended\nWITHDRAWN: withdrawn\nCANCELLED: cancelled\nNEVER_ACTIONED: never_actioned"
    )


def apply(text: str, corrections: Path = CORRECTIONS) -> UpstreamDocument:
    return apply_to_reference(parse_reference(text, "doc.txt"), load_corrections(corrections), "doc.txt")


def test_a_nameless_block_whose_values_changed_fails_naming_the_line_and_values() -> None:
    text = SOURCE.read_text(encoding="utf-8").replace("BILL_ISSUED\nPAYMENT_PLAN", "BILL_ISSUED\nNEW_REASON\nPAYMENT_PLAN")
    with pytest.raises(SourceError) as caught:
        apply(text)
    message = str(caught.value)
    assert "PaymentReasonOptions" in message and "NEW_REASON" in message
    assert caught.value.line == 1021


def test_a_nameless_block_without_a_correction_fails_and_says_which_correction_to_add() -> None:
    text = SOURCE.read_text(encoding="utf-8").replace(
        '"EMAIL_SENT"\nAccountPaymentStatusOptions', '"EMAIL_SENT"\nValues\nX\nExample\n"X"\nAccountPaymentStatusOptions', 1
    )
    assert text != SOURCE.read_text(encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        apply(text)
    assert "[[nameless_block]]" in str(caught.value) and "holds values X" in str(caught.value)


def test_a_correction_for_a_value_upstream_now_lists_is_reported_as_stale() -> None:
    text = SOURCE.read_text(encoding="utf-8").replace("Values\nPOSTAL_MAIL\n", "Values\nEMAIL\nPOSTAL_MAIL\n")
    with pytest.raises(SourceError) as caught:
        apply(text)
    assert "CommsDeliveryPreference.EMAIL" in str(caught.value) and "remove this correction" in str(caught.value)


def test_a_correction_file_with_an_unknown_table_or_no_reason_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "corrections.toml"
    bad.write_text('[[renamed_value]]\nenum = "X"\n', encoding="utf-8")
    with pytest.raises(SourceError, match="unknown table"):
        load_corrections(bad)
    bad.write_text('[[deprecated_value]]\nenum = "X"\nvalue = "Y"\nreason = ""\n', encoding="utf-8")
    with pytest.raises(SourceError, match="gives no reason"):
        load_corrections(bad)
    bad.write_text("[[deprecated_value]\n", encoding="utf-8")
    with pytest.raises(SourceError, match="not valid TOML"):
        load_corrections(bad)


def test_an_example_that_is_not_a_value_fails_unless_a_correction_restores_it(tmp_path: Path) -> None:
    empty = tmp_path / "none.toml"
    empty.write_text("", encoding="utf-8")
    text = 'About Enums\nh\nFoo\nd\nValues\nA\nExample\n"B"\n'
    with pytest.raises(SourceError, match="example 'B' of Foo is not one of its values"):
        apply(text, empty)


@pytest.mark.parametrize("suffix", [".graphql", ".json"])
def test_a_missing_value_correction_is_applied_to_a_graphql_schema_source_too(tmp_path: Path, suffix: str) -> None:
    """A schema that lacks a value a [[missing_value]] entry adds gets it, with its description, after the
    schema's own values (both schema forms: SDL and an introspection result)."""
    from graphql import build_schema, get_introspection_query, graphql_sync

    sdl = 'enum Gadget {\n  "First."\n  FIRST\n}\n\ntype Query {\n  gadget: Gadget\n}\n'
    source = tmp_path / f"schema{suffix}"
    if suffix == ".graphql":
        source.write_text(sdl, encoding="utf-8")
    else:
        result = graphql_sync(build_schema(sdl), get_introspection_query(descriptions=True))
        source.write_text(json.dumps({"data": result.data}), encoding="utf-8")
    corrections = tmp_path / "corrections.toml"
    corrections.write_text('[[missing_value]]\nenum = "Gadget"\nvalue = "SECOND"\ndescription = "Second."\nreason = "The schema omits it."\n', encoding="utf-8")
    document = load_upstream(tmp_path, source, load_corrections(corrections))
    (gadget,) = (e for e in document.enums if e.graphql_name == "Gadget")
    assert [(v.graphql_value, v.description) for v in gadget.values] == [("FIRST", "First."), ("SECOND", "Second.")]
