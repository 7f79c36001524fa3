"""The contract agrees with a hand-checked reading of the upstream page (tests/upstream_oracle.py).

The other tests take their expected strings from the generator's parser; these take them from a table
a person wrote by reading upstream/kraken-graphql-enums.txt, so a parser mistake shows up here even
when it flows into the generated contract and its vectors alike. Two views of the contract are held to
the table: the descriptors (what ``kraken_proto.get`` reads) and the shared vectors the generator writes.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

import kraken_proto

from .conftest import ROOT, VECTORS
from .upstream_oracle import CORRECTIONS, DOCS, NOT_VALUES, PAGE, PAGE_ENUMS, PAGE_VALUES, TRAPS

VECTOR_ENUMS: dict[str, dict[str, Any]] = {e["graphql_name"]: e for e in json.loads(VECTORS.read_text(encoding="utf-8"))["enums"]}
MISSING = Counter(c.graphql_name for c in CORRECTIONS if c.kind == "missing_value")


def vector_values(graphql_name: str) -> dict[str, dict[str, Any]]:
    return {v["graphql_value"]: v for v in VECTOR_ENUMS[graphql_name]["values"] if v["number"]}


def test_the_oracle_adds_up_74_enums_and_890_values_in_the_page() -> None:
    assert len(PAGE) == PAGE_ENUMS
    assert sum(block.count for block in PAGE) == PAGE_VALUES
    assert len({block.graphql_name for block in PAGE}) == PAGE_ENUMS
    assert [block.values_line for block in PAGE] == sorted(block.values_line for block in PAGE)


def test_the_oracles_line_numbers_point_at_each_blocks_values_heading_and_name() -> None:
    # A pointer check only (the counts were read by hand): each Values heading is where the oracle says, a
    # named block's first line after the previous block's example is its name, and a nameless block has none.
    lines = (ROOT / "upstream" / "kraken-graphql-enums.txt").read_text(encoding="utf-8").split("\n")
    assert [n for n, line in enumerate(lines, 1) if line == "Values"] == [block.values_line for block in PAGE]
    start = 2  # after "About Enums" and its sentence
    for block in PAGE:
        heading = lines[start : block.values_line - 1]
        assert heading[:1] == ([] if block.nameless else [block.graphql_name]), block
        start = lines.index("Example", block.values_line) + 2


def test_the_contract_has_exactly_the_oracles_enums() -> None:
    assert list(kraken_proto.enum_names()) == sorted(block.graphql_name for block in PAGE)
    assert sorted(VECTOR_ENUMS) == sorted(block.graphql_name for block in PAGE)


@pytest.mark.parametrize("block", PAGE, ids=lambda b: b.graphql_name)
def test_each_enum_has_the_page_count_plus_its_missing_value_corrections(block: Any) -> None:
    expected = block.count + MISSING[block.graphql_name]
    assert len(kraken_proto.get(block.graphql_name)) == expected
    assert len(vector_values(block.graphql_name)) == expected


def test_the_contract_holds_the_page_values_plus_every_missing_value_correction() -> None:
    total = PAGE_VALUES + sum(MISSING.values())
    assert sum(len(kraken_proto.get(name)) for name in kraken_proto.enum_names()) == total
    assert sum(len(vector_values(name)) for name in VECTOR_ENUMS) == total


@pytest.mark.parametrize("trap", TRAPS, ids=lambda t: f"{t.graphql_name}.{t.graphql_value}")
def test_each_trap_value_has_its_exact_graphql_value_and_released_number(trap: Any) -> None:
    mapping = kraken_proto.get(trap.graphql_name)
    assert mapping.to_string(trap.number) == trap.graphql_value, trap.why
    assert mapping.from_string(trap.graphql_value) == trap.number, trap.why
    assert vector_values(trap.graphql_name)[trap.graphql_value]["number"] == trap.number, trap.why


@pytest.mark.parametrize(
    "correction", [c for c in CORRECTIONS if c.kind in ("missing_value", "deprecated_value")], ids=lambda c: f"{c.kind}:{c.graphql_name}.{c.graphql_value}"
)
def test_each_value_correction_is_in_the_contract_at_its_number(correction: Any) -> None:
    mapping = kraken_proto.get(correction.graphql_name)
    assert mapping.to_string(correction.number) == correction.graphql_value
    assert mapping.is_deprecated(correction.number) is (correction.kind == "deprecated_value")
    assert vector_values(correction.graphql_name)[correction.graphql_value]["deprecated"] is (correction.kind == "deprecated_value")


def test_only_the_deprecated_value_corrections_are_deprecated_on_the_page() -> None:
    deprecated = {(name, info.graphql_value) for name in kraken_proto.enum_names() for info in kraken_proto.get(name) if info.deprecated}
    assert deprecated == {(c.graphql_name, c.graphql_value) for c in CORRECTIONS if c.kind == "deprecated_value"}


@pytest.mark.parametrize(("graphql_name", "text"), NOT_VALUES)
def test_labels_and_prose_that_look_like_values_are_not_values(graphql_name: str, text: str) -> None:
    assert text not in kraken_proto.get(graphql_name).strings()
    assert text not in vector_values(graphql_name)


SMEARED = {c.graphql_name for c in CORRECTIONS if c.kind == "value_docs_in_enum_description"}


def _proto_comment_above(graphql_name: str, graphql_value: str) -> str:
    """The comment lines right above a value in its committed .proto file, joined."""
    for path in sorted((ROOT / "proto/kraken/enums/v1").glob("*.proto")):
        lines = path.read_text(encoding="utf-8").splitlines()
        if f'option (graphql_name) = "{graphql_name}";' not in (line.strip() for line in lines):
            continue
        at = next(i for i, line in enumerate(lines) if f'[(graphql_value) = "{graphql_value}"' in line)
        comment: list[str] = []
        while lines[at - 1].strip().startswith("//"):
            at -= 1
            comment.insert(0, lines[at].strip().removeprefix("//").strip())
        return " ".join(comment)
    raise AssertionError(f"no proto file declares {graphql_name}")


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: f"{d.graphql_name}.{d.graphql_value}")
def test_hard_to_find_value_descriptions_land_on_their_value(doc: Any) -> None:
    mapping = kraken_proto.get(doc.graphql_name)
    description = mapping.description(mapping.from_string(doc.graphql_value))
    if doc.graphql_name in SMEARED:
        # Upstream gives these values no description of their own: the option carries none, the
        # enum's description keeps the bullet whole, and the value's comment shows the derived note.
        assert description == ""
        if doc.contains:
            assert doc.contains in mapping.enum_description
            assert _proto_comment_above(doc.graphql_name, doc.graphql_value).startswith("From the enum's description:")
    elif doc.contains:
        assert doc.contains in description
    else:
        assert description == ""


def test_smeared_value_docs_stay_whole_in_the_enum_description() -> None:
    for correction in CORRECTIONS:
        if correction.kind == "value_docs_in_enum_description":
            mapping = kraken_proto.get(correction.graphql_name)
            named = [value for value in mapping.strings() if value in mapping.enum_description]
            assert len(named) >= 4, (correction.graphql_name, mapping.enum_description)
