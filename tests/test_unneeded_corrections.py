"""Which corrections a schema makes unnecessary, and cutting them out of the reviewed file with its comments kept.

The schemas are SDL read by graphql-core (the same reader ``update`` uses for the fetched file); the
expected files are written out by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kraken_proto.generator.corrections import load_corrections
from kraken_proto.generator.errors import GenerateError
from kraken_proto.generator.graphql_schema import read_schema_document
from kraken_proto.generator.unneeded_corrections import unneeded_corrections, without_entries

CORRECTIONS = """\
# Reviewed corrections.

# --- Blocks whose name line the scrape lost ---

[[nameless_block]]
after = "AccountRepaymentStatusOptions"
name = "AccountStatus"
values = ["ACTIVE", "DORMANT"]
reason = "The scrape lost the name line."

# --- Values the scrape dropped ---
# Every line reading `Email` was lost.

[[missing_value]]
enum = "MessageChannel"
value = "EMAIL"
description = "Email"
reason = "Dropped with its label."

[[missing_value]]
enum = "MessageChannel"
value = "PRINT"
reason = "Dropped with its label."

[[missing_value]]
enum = "GoneEnum"
value = "X"
reason = "An enum the schema does not list: a question for a person."

# --- Deprecations upstream states only in prose ---

[[deprecated_value]]
enum = "PreferencesUnitChoices"
value = "PERCENTAGE_ABSOLUTE"
reason = "Upstream says PERCENTAGE should be used instead."

[[deprecated_value]]
enum = "PreferencesUnitChoices"
value = "PERCENTAGE_RELATIVE"
reason = "Upstream says PERCENTAGE should be used instead."
"""

SCHEMA = """
enum AccountStatus { ACTIVE DORMANT SUSPENDED }
enum MessageChannel { SMS EMAIL }
enum PreferencesUnitChoices { PERCENTAGE PERCENTAGE_ABSOLUTE @deprecated(reason: "Use PERCENTAGE.") PERCENTAGE_RELATIVE }
type Query { a: AccountStatus m: MessageChannel p: PreferencesUnitChoices }
"""

AFTER = """\
# Reviewed corrections.

# --- Blocks whose name line the scrape lost ---

# --- Values the scrape dropped ---
# Every line reading `Email` was lost.

[[missing_value]]
enum = "MessageChannel"
value = "PRINT"
reason = "Dropped with its label."

[[missing_value]]
enum = "GoneEnum"
value = "X"
reason = "An enum the schema does not list: a question for a person."

# --- Deprecations upstream states only in prose ---

[[deprecated_value]]
enum = "PreferencesUnitChoices"
value = "PERCENTAGE_RELATIVE"
reason = "Upstream says PERCENTAGE should be used instead."
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "corrections.toml").write_text(CORRECTIONS, encoding="utf-8")
    (tmp_path / "schema.graphql").write_text(SCHEMA, encoding="utf-8")
    return tmp_path / "corrections.toml", tmp_path / "schema.graphql"


def test_a_named_block_a_listed_value_and_a_stated_deprecation_are_unneeded_the_rest_stays(files: tuple[Path, Path]) -> None:
    corrections, schema = files
    found = unneeded_corrections(read_schema_document(schema), load_corrections(corrections))
    assert [(table, index, c.enum, c.value) for table, index, c in found] == [
        ("nameless_block", 0, "AccountStatus", None),
        ("missing_value", 0, "MessageChannel", "EMAIL"),
        ("deprecated_value", 0, "PreferencesUnitChoices", "PERCENTAGE_ABSOLUTE"),
    ]
    assert found[1][2].reason == "Dropped with its label."


def test_cutting_entries_keeps_every_comment_and_every_other_entry_byte_for_byte(files: tuple[Path, Path]) -> None:
    corrections, _schema = files
    assert without_entries(corrections, CORRECTIONS, [("nameless_block", 0), ("missing_value", 0), ("deprecated_value", 0)]) == AFTER


def test_an_entry_written_in_another_toml_form_is_refused_not_guessed(tmp_path: Path) -> None:
    text = 'missing_value = [{enum = "MessageChannel", value = "EMAIL", reason = "Dropped."}]\n'
    with pytest.raises(GenerateError) as caught:
        without_entries(tmp_path / "corrections.toml", text, [("missing_value", 0)])
    assert str(caught.value) == (
        f"{tmp_path / 'corrections.toml'}: cannot remove the corrections upstream made unnecessary: cannot find [[missing_value]] entry 1 in its text; "
        "remove them by hand and run update again"
    )


def test_a_comment_inside_an_entry_makes_the_cut_refuse_rather_than_break_the_file(tmp_path: Path) -> None:
    text = '[[missing_value]]\nenum = "MessageChannel"\n# a note in the middle\nvalue = "EMAIL"\nreason = "Dropped."\n'
    with pytest.raises(GenerateError, match="cutting the entries' lines would change other entries"):
        without_entries(tmp_path / "corrections.toml", text, [("missing_value", 0)])
