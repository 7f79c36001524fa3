"""The upstream reference's grammar, and every trap the scraped text sets for a parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from kraken_proto.generator.errors import SourceError
from kraken_proto.generator.reference_text import RawBlock, parse_reference, read_text

from .conftest import SOURCE


@pytest.fixture(scope="module")
def blocks() -> dict[str, RawBlock]:
    parsed = parse_reference(read_text(SOURCE), SOURCE)
    return {b.graphql_name or f"<nameless@{b.line}>": b for b in parsed}


def values(block: RawBlock) -> list[str]:
    return [v.graphql_value for v in block.values]


def doc(block: RawBlock, value: str) -> tuple[str, ...]:
    return next(v.description_lines for v in block.values if v.graphql_value == value)


def test_the_bundled_document_holds_74_blocks_and_890_values(blocks: dict[str, RawBlock]) -> None:
    assert len(blocks) == 74
    assert sum(len(b.values) for b in blocks.values()) == 890


def test_a_description_identical_to_its_value_is_a_description_not_a_second_value(blocks: dict[str, RawBlock]) -> None:
    channel = blocks["MessageChannel"]
    assert values(channel).count("SMS") == 1
    assert doc(channel, "SMS") == ("SMS",)
    cos = next(b for b in blocks.values() if "COS" in values(b))
    assert values(cos).count("COS") == 1
    assert doc(cos, "COS") == ("COS",)


def test_a_description_equal_to_its_value_ignoring_case_is_a_description(blocks: dict[str, RawBlock]) -> None:
    status = blocks["AccountApplicationStatus"]
    assert values(status) == ["CURRENT", "FAILED", "HISTORIC", "WITHDRAWN"]
    assert doc(status, "CURRENT") == ("Current",)


def test_a_one_word_label_under_an_upper_case_value_is_its_description(blocks: dict[str, RawBlock]) -> None:
    exp = next(b for b in blocks.values() if "EXP" in values(b))
    assert "Expired" not in values(exp)
    assert doc(exp, "EXP") == ("Expired",)
    assert "Intercom" not in values(blocks["MessageChannel"])
    assert doc(blocks["MessageChannel"], "INTERCOM") == ("Intercom",)


def test_mixed_case_values_keep_their_exact_case(blocks: dict[str, RawBlock]) -> None:
    assert values(blocks["ReferralStatusChoices"]) == ["Cancelled", "Paid", "Pending"]
    assert doc(blocks["ReferralStatusChoices"], "Paid") == ("Paid.",)
    assert "DUPLICATE_CARD_FINGERPRINTs" in values(blocks["AccountReminderTypes"])
    assert "DUPLICATE_CARD_FINGERPRINTS" not in values(blocks["AccountReminderTypes"])


def test_values_without_a_description_sit_next_to_values_with_one(blocks: dict[str, RawBlock]) -> None:
    frequency = blocks["ReadingFrequencyType"]
    assert doc(frequency, "DAY_INTERVAL") == ()
    assert doc(frequency, "DAILY") == ("Readings taken on a day to day basis.",)
    assert doc(frequency, "HOUR_INTERVAL") == ()
    assert "DAY_INTERVAL" in values(frequency) and "FIFTEEN_MIN_INTERVAL" in values(frequency)


def test_a_description_may_run_over_two_lines(blocks: dict[str, RawBlock]) -> None:
    generation = doc(blocks["ReadingDirectionType"], "GENERATION")
    assert len(generation) == 2
    assert generation[1].startswith("For example:")
    assert values(blocks["ReadingDirectionType"]) == ["CONSUMPTION", "GENERATION"]


def test_value_like_lines_in_an_enum_description_are_not_values(blocks: dict[str, RawBlock]) -> None:
    device = blocks["KrakenFlexDeviceStatusChoices"]
    assert "ONBOARDING" in device.description_lines
    assert values(device) == ["FAILED_ONBOARDING_TEST", "LIVE", "ONBOARDING", "ONBOARDING_TEST_IN_PROGRESS", "PENDING_LIVE", "RETIRED"]


def test_six_blocks_have_no_name_line_and_start_at_their_values_line(blocks: dict[str, RawBlock]) -> None:
    nameless = [b for b in blocks.values() if b.graphql_name is None]
    assert len(nameless) == 6
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    for block in nameless:
        assert lines[block.line - 1] == "Values"
        assert lines[block.line - 2].startswith('"')


def test_every_example_is_read_without_its_quotes(blocks: dict[str, RawBlock]) -> None:
    assert blocks["APIBrownoutStatus"].example == "SCHEDULED"
    assert blocks["ReferralStatusChoices"].example == "Pending"


# -- malformed documents: one clear error naming the line ----------------------------------------

GOOD = 'About Enums\nheader text\nFoo\nA foo.\nValues\nA\nB\nExample\n"A"\n'


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "empty"),
        ("Something else\nx\n", 1, "header"),
        (GOOD + "Bar\nA bar.\nValues\nX\n", 12, "no 'Example'"),
        (GOOD + "Bar\nA bar.\n", 10, "no 'Values'"),
        (GOOD + 'Foo\nValues\nA\nExample\n"A"\n', 10, "listed twice"),
        ('About Enums\nh\nFoo\nd\nValues\nA\nB\nA\nExample\n"A"\n', 8, "listed twice"),
        ('About Enums\nh\nFoo\nd\nExample\n"A"\nValues\nA\n', 5, "'Example' before 'Values'"),
        ("About Enums\nh\nFoo\nValues\nA\nExample\nA\n", 7, "double quotes"),
        ('About Enums\nh\nFoo bar baz\nValues\nA\nExample\n"A"\n', 3, "expected an enum name"),
        ('About Enums\nh\nFoo\nValues\nExample\n"A"\n', 4, "lists no values"),
        ("About Enums\nh\nFoo\nValues\nA\nExample\n", 6, "no example"),
    ],
)
def test_a_malformed_document_is_rejected_with_its_line_and_problem(text: str, line: int, words: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_reference(text, "doc.txt")
    assert caught.value.line == line
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"doc.txt:{line}: ")


def test_bytes_that_are_not_utf8_are_reported_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(GOOD.encode().replace(b"A foo.", b"A f\xffoo."))
    with pytest.raises(SourceError) as caught:
        read_text(path)
    assert caught.value.line == 4
    assert "not UTF-8" in str(caught.value)


def test_a_well_formed_small_document_parses(tmp_path: Path) -> None:
    (block,) = parse_reference(GOOD, "doc.txt")
    assert block.graphql_name == "Foo" and [v.graphql_value for v in block.values] == ["A", "B"] and block.example == "A"
