"""Properties over generated inputs (hypothesis): no input gives a crash or a silent wrong answer."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kraken_proto import UnknownEnumValueError, enum_names, get
from kraken_proto.generator.corrections import apply_to_reference, load_corrections
from kraken_proto.generator.errors import GenerateError
from kraken_proto.generator.model import Contract
from kraken_proto.generator.numbering import merge
from kraken_proto.generator.reference_text import parse_reference

from .conftest import ROOT, SOURCE, VECTORS

LINES = SOURCE.read_text(encoding="utf-8").split("\n")
CORRECTIONS = load_corrections(ROOT / "upstream" / "corrections.toml")
# The expected answers: every enum's {graphql_value: number} as the generator wrote the shared vectors,
# independent of the mapping under test (which reads the descriptors).
DOCUMENTED: dict[str, dict[str, int]] = {
    e["graphql_name"]: {v["graphql_value"]: v["number"] for v in e["values"] if v["number"]} for e in json.loads(VECTORS.read_text(encoding="utf-8"))["enums"]
}
ALL_STRINGS = sorted({s for values in DOCUMENTED.values() for s in values})


@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["drop", "duplicate", "swap", "truncate", "garbage", "keyword"]))
        i = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if not lines:
            break
        if kind == "drop":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "truncate":
            lines = lines[:i]
        elif kind == "garbage":
            lines.insert(i, draw(st.text(max_size=30)))
        else:
            lines.insert(i, draw(st.sampled_from(["Values", "Example", '"X"', "", "About Enums"])))
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_documents())
def test_a_mutated_document_gives_a_contract_or_our_own_error_never_another_exception(text: str) -> None:
    try:
        document = apply_to_reference(parse_reference(text, "doc.txt"), CORRECTIONS, "doc.txt")
        contract = merge(document, Contract())
    except GenerateError as exc:
        assert str(exc).strip() and "\n" not in str(exc)
        event("rejected with our error")
        return
    event("parsed")
    for enum in contract.enums:
        numbers = [v.number for v in enum.values]
        assert numbers == list(range(1, len(numbers) + 1))
        assert len({v.proto_name for v in enum.values}) == len(numbers)


@settings(max_examples=500, deadline=None)
@given(name=st.sampled_from(enum_names()), text=st.one_of(st.text(max_size=40), st.sampled_from(ALL_STRINGS)))
def test_from_string_of_any_text_is_the_exact_value_or_the_documented_error(name: str, text: str) -> None:
    mapping = get(name)
    if text in DOCUMENTED[name]:
        assert mapping.from_string(text) == DOCUMENTED[name][text]
        return
    with pytest.raises(UnknownEnumValueError) as caught:
        mapping.from_string(text)
    assert name in str(caught.value) and repr(text) in str(caught.value)


@settings(max_examples=500, deadline=None)
@given(name=st.sampled_from(enum_names()), string=st.sampled_from(ALL_STRINGS), variant=st.sampled_from(["upper", "lower", "swapcase", "pad", "tab"]))
def test_case_and_whitespace_variants_are_never_silently_accepted(name: str, string: str, variant: str) -> None:
    changed = {"upper": string.upper(), "lower": string.lower(), "swapcase": string.swapcase(), "pad": f" {string} ", "tab": f"{string}\t"}[variant]
    mapping = get(name)
    if changed in DOCUMENTED[name]:
        assert mapping.from_string(changed) == DOCUMENTED[name][changed]
    else:
        with pytest.raises(UnknownEnumValueError):
            mapping.from_string(changed)
        assert mapping.from_string(changed, default=-1) == -1


@settings(max_examples=500, deadline=None)
@given(name=st.sampled_from(enum_names()), number=st.one_of(st.integers(), st.integers(-3, 400), st.sampled_from([0, 2**31 - 1, -(2**31), 2**63])))
def test_to_string_of_any_int_is_the_right_string_or_the_documented_error(name: str, number: int) -> None:
    mapping = get(name)
    by_number = {n: s for s, n in DOCUMENTED[name].items()}
    if number in by_number:
        assert mapping.to_string(number) == by_number[number]
        return
    with pytest.raises(UnknownEnumValueError) as caught:
        mapping.to_string(number)
    assert name in str(caught.value) and str(number) in str(caught.value)
    assert mapping.to_string(number, default=None) is None


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(enum_names()), value=st.one_of(st.floats(), st.booleans(), st.none(), st.binary(max_size=8), st.lists(st.integers(), max_size=2)))
def test_wrong_types_are_type_errors(name: str, value: object) -> None:
    mapping = get(name)
    with pytest.raises(TypeError):
        mapping.to_string(value)  # type: ignore[call-overload]  # a wrong type on purpose
    with pytest.raises(TypeError):
        mapping.from_string(value)  # type: ignore[call-overload]  # a wrong type on purpose
