"""Numbering over many upgrades (hypothesis): numbers are kept, never reused, and new ones start above the highest ever used.

Each example starts from a random enum and runs several upgrades through the generator's merge, each one
dropping, restoring and adding values at random. The expected numbers are kept by the test itself with a
plain counter (the model of the rule), never read back from the code under test.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kraken_proto.generator.model import Contract, ContractEnum, ContractValue, UpstreamDocument, UpstreamEnum, UpstreamValue
from kraken_proto.generator.numbering import merge

DROPPED_REASON = "No longer listed in the upstream reference; kept so that stored data still decodes."
"""The reason the contract gives a value or an enum that upstream dropped (docs/contract.md, "Values upstream drops stay")."""

ENUM = "ShippingState"
POOL = [f"V{i:02d}" for i in range(40)]  # the strings upstream may list over the enum's life


def upstream(strings: list[str]) -> UpstreamDocument:
    values = tuple(UpstreamValue(graphql_value=s, description=f"{s} doc") for s in strings)
    return UpstreamDocument(path="doc.txt", enums=(UpstreamEnum(graphql_name=ENUM, description="An enumeration.", values=values, origin="doc.txt:1"),))


def released_contract(released: list[tuple[int, str]]) -> Contract:
    """The committed contract: the enum with these ``(number, graphql_value)`` pairs released."""
    values = tuple(ContractValue(number=n, proto_name=f"SHIPPING_STATE_{s}", graphql_value=s) for n, s in released)
    return Contract(enums=(ContractEnum(graphql_name=ENUM, values=values),))


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[tuple[int, str]], list[list[str]]]:
    """A released enum whose numbers have gaps (numbers used by values later removed from the proto by
    hand are not in it), then 2-6 upstream listings in a random order."""
    start = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=8, unique=True))
    gaps = draw(st.lists(st.integers(0, 5), min_size=len(start), max_size=len(start)))
    released, number = [], 0
    for string, gap in zip(start, gaps, strict=True):
        number += 1 + gap
        released.append((number, string))
    upgrades = draw(st.lists(st.lists(st.sampled_from(POOL), max_size=12, unique=True), min_size=2, max_size=6))
    return released, upgrades


@settings(max_examples=200, deadline=None)
@given(histories())
def test_across_upgrades_numbers_are_kept_never_reused_and_new_ones_start_above_the_highest_ever_used(
    history: tuple[list[tuple[int, str]], list[list[str]]],
) -> None:
    released, upgrades = history
    committed = released_contract(released)
    expected = {s: n for n, s in released}  # the model: every string ever numbered -> its number
    described = {s: "" for _, s in released}
    highest = max(expected.values())
    for listing in upgrades:
        described.update({s: f"{s} doc" for s in listing})
        for string in listing:  # new strings, in the order upstream lists them
            if string not in expected:
                highest += 1
                expected[string] = highest
        committed = merge(upstream(listing), committed)
        (enum,) = committed.enums
        got = {v.graphql_value: v.number for v in enum.values}
        assert got == expected
        numbers = [v.number for v in enum.values]
        assert numbers == sorted(set(numbers)), "numbers are unique and in order"
        for value in enum.values:
            assert value.proto_name == f"SHIPPING_STATE_{value.graphql_value}"
            listed = value.graphql_value in listing
            assert value.deprecated is not listed
            assert (value.deprecation_reason == DROPPED_REASON) is not listed
            assert value.description == described[value.graphql_value]


def test_a_new_value_after_a_gap_takes_the_highest_number_plus_one_not_the_count_plus_one() -> None:
    committed = released_contract([(1, "A"), (7, "B")])
    (enum,) = merge(upstream(["A", "B", "C"]), committed).enums
    assert [(v.graphql_value, v.number) for v in enum.values] == [("A", 1), ("B", 7), ("C", 8)]


def test_a_value_dropped_then_listed_again_gets_its_old_number_back_not_a_new_one() -> None:
    committed = released_contract([(1, "A"), (2, "B")])
    dropped = merge(upstream(["B"]), committed)
    assert [(v.graphql_value, v.number, v.deprecated) for v in dropped.enums[0].values] == [("A", 1, True), ("B", 2, False)]
    back = merge(upstream(["C", "A", "B"]), dropped)
    assert [(v.graphql_value, v.number, v.deprecated) for v in back.enums[0].values] == [("A", 1, False), ("B", 2, False), ("C", 3, False)]
