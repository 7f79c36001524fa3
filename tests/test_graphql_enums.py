"""``kraken_proto.graphql``: one ``StrEnum`` per Kraken enum, valued by the documented strings.

The expected strings and numbers come from the upstream document and the shared vectors file, not from
the module under test; the errors are compared with the mapping's, which they must equal.
"""

from __future__ import annotations

import ast
import enum
import inspect
import json
import keyword
from pathlib import Path
from typing import Any

import pytest

import kraken_proto
from kraken_proto import UnknownEnumValueError, graphql
from kraken_proto._graphql_enum import RESERVED_NAMES, GraphQLEnum
from kraken_proto.generator.model import Contract, ContractEnum, ContractValue
from kraken_proto.generator.pipeline import load_upstream
from kraken_proto.generator.render_python import member_names, render_graphql_module

from .conftest import ROOT, VECTORS

UPSTREAM = {e.graphql_name: [v.graphql_value for v in e.values] for e in load_upstream(ROOT).enums}
VECTOR_ENUMS = {e["graphql_name"]: e for e in json.loads(VECTORS.read_text(encoding="utf-8"))["enums"]}
EVERY_VALUE = [(name, value) for name, values in UPSTREAM.items() for value in values]


def test_there_is_one_str_enum_per_enum_named_after_the_graphql_enum() -> None:
    assert sorted(graphql.__all__) == sorted(UPSTREAM)
    for name in UPSTREAM:
        cls = getattr(graphql, name)
        assert issubclass(cls, enum.StrEnum) and cls.__name__ == name


@pytest.mark.parametrize(("enum_name", "text"), EVERY_VALUE)
def test_every_value_is_a_member_named_and_valued_by_its_string_with_its_proto_number(enum_name: str, text: str) -> None:
    cls = getattr(graphql, enum_name)
    member = cls[text]
    assert member == text and member.value == text and str(member) == text and f"{member}" == text
    (vector,) = [v for v in VECTOR_ENUMS[enum_name]["values"] if v["graphql_value"] == text]
    assert member.number == vector["number"]
    assert cls.from_number(vector["number"]) is member
    assert cls(text) is member
    assert member.proto_name == vector["proto_name"] and cls.from_proto_name(vector["proto_name"]) is member


def test_members_come_in_number_order_and_cover_every_value() -> None:
    for name, cls in ((n, getattr(graphql, n)) for n in UPSTREAM):
        numbers = [v["number"] for v in VECTOR_ENUMS[name]["values"] if v["number"] != 0]
        assert [m.number for m in cls] == numbers
        assert [m.value for m in cls] == list(kraken_proto.get(name).strings())


def test_examples_from_the_issue() -> None:
    assert graphql.AccountStatus.ACTIVE == "ACTIVE"
    assert graphql.ReferralStatusChoices.Cancelled == "Cancelled"
    assert graphql.ReferralStatusChoices.from_number(1) is graphql.ReferralStatusChoices.Cancelled


@pytest.mark.parametrize("bad", [0, 10_000, -1, True, "1", 1.0, None])
def test_from_number_raises_exactly_what_the_mapping_raises(bad: Any) -> None:
    with pytest.raises(Exception) as ours:
        graphql.AccountStatus.from_number(bad)
    with pytest.raises(Exception) as mapping:
        kraken_proto.get("AccountStatus").to_string(bad)
    assert type(ours.value) is type(mapping.value) and str(ours.value) == str(mapping.value)
    assert isinstance(ours.value, UnknownEnumValueError if isinstance(bad, int) and not isinstance(bad, bool) else TypeError)


@pytest.mark.parametrize("bad", ["active", " ACTIVE", "NOPE", ""])
def test_a_string_that_is_not_a_value_raises_the_mappings_error(bad: str) -> None:
    with pytest.raises(UnknownEnumValueError) as ours:
        graphql.AccountStatus(bad)
    with pytest.raises(UnknownEnumValueError) as mapping:
        kraken_proto.get("AccountStatus").from_string(bad)
    assert str(ours.value) == str(mapping.value)


def test_a_wrong_proto_name_raises_the_mappings_error() -> None:
    with pytest.raises(UnknownEnumValueError, match="no value has this proto name"):
        graphql.AccountStatus.from_proto_name("ACCOUNT_STATUS_ACTIV")


def test_a_non_string_is_not_a_member_by_enums_own_rule() -> None:
    with pytest.raises(ValueError, match="is not a valid AccountStatus"):
        graphql.AccountStatus(1)  # type: ignore[arg-type]  # a non-string on purpose


def member_docstrings() -> dict[tuple[str, str], str]:
    """(class, member) -> the attribute docstring after the member, as Python tools read it."""
    tree = ast.parse(Path(inspect.getsourcefile(graphql.AccountStatus) or "").read_text(encoding="utf-8"))  # where source tools look (a wheel's too)
    docs: dict[tuple[str, str], str] = {}
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        for assign, after in zip(cls.body, cls.body[1:], strict=False):
            if isinstance(assign, ast.Assign) and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
                target, doc = assign.targets[0], after.value.value
                assert isinstance(target, ast.Name) and isinstance(doc, str), ast.dump(assign)
                docs[(cls.name, target.id)] = doc
    return docs


def test_deprecated_values_are_members_marked_deprecated_in_their_docstrings() -> None:
    docs = member_docstrings()
    deprecated = [(e, v) for e, values in VECTOR_ENUMS.items() for v in values["values"] if v["deprecated"]]
    assert deprecated, "the bundled contract has deprecated values"
    for enum_name, vector in deprecated:
        member = getattr(graphql, enum_name)[vector["graphql_value"]]
        assert member.deprecated
        assert "Deprecated:" in docs[(enum_name, member.name)]
    live = [(e, v) for e, values in VECTOR_ENUMS.items() for v in values["values"] if v["number"] and not v["deprecated"]]
    assert not any("Deprecated:" in docs.get((e, v["graphql_value"]), "") for e, v in live)


def test_descriptions_are_the_contracts() -> None:
    member = graphql.AccountStatus.DORMANT
    assert member.description == "Dormant. Users should not be able to log into dormant accounts."
    assert member_docstrings()[("AccountStatus", "DORMANT")] == member.description


# -- the member-name rule, on strings the bundled contract does not have -------------------------

ODD = [
    "None",
    "class",
    "match",
    "case",
    "type",
    "_",
    "mro",
    "_missing_",
    "__init__",
    "name",
    "value",
    "number",
    "from_number",
    "upper",
    "a-b",
    "a_b",
    "1st",
    "",
    "ÉTAT",
    "E\u0301TAT",
    "ﬁx",
    "OK",
    "OK_",
]
EXPECTED = {
    "None": "None_",
    "class": "class_",
    "match": "match_",
    "case": "case_",
    "type": "type_",
    "_": "V_",
    "mro": "mro_",
    "_missing_": "V_missing_",
    "__init__": "V__init__",
    "name": "name_",
    "value": "value_",
    "number": "number_",
    "from_number": "from_number_",
    "upper": "upper_",
    "a-b": "a_b",
    "a_b": "a_b_",
    "1st": "V1st",
    "": "V",
    "ÉTAT": "ÉTAT",
    "E\u0301TAT": "E_TAT",
    "ﬁx": "V_x",
    "OK": "OK",
    "OK_": "OK_",
}


def odd_enum() -> ContractEnum:
    return ContractEnum(
        graphql_name="OddNames", values=tuple((ContractValue(number=i, proto_name=f"ODD_NAMES_{i}", graphql_value=text) for i, text in enumerate(ODD, start=1)))
    )


def test_strings_that_cannot_be_member_names_get_the_documented_deterministic_names() -> None:
    assert member_names(odd_enum()) == EXPECTED


def test_a_renamed_member_keeps_its_exact_string_as_value_and_the_class_api_still_works() -> None:
    namespace: dict[str, Any] = {}
    source = render_graphql_module(Contract(enums=(odd_enum(),))).replace("from .. import _graphql_enum", "from kraken_proto import _graphql_enum")
    exec(compile(source, "<odd>", "exec"), namespace)
    cls = namespace["OddNames"]
    for number, text in enumerate(ODD, start=1):
        member = getattr(cls, EXPECTED[text])
        assert member.value == text and member.number == number and cls[EXPECTED[text]] is member
    assert cls.name_.name == "name_" and cls.value_.value == "value"
    assert cls.upper_.upper() == "UPPER" and cls.mro()[0] is cls


def test_reserved_names_cover_every_attribute_of_the_classes_on_this_python() -> None:
    attributes = {n for n in {*dir(graphql.AccountStatus), *dir(type(graphql.AccountStatus))} if not n.startswith("_")}
    members = set(graphql.AccountStatus.__members__)
    assert attributes - members <= RESERVED_NAMES
    assert set(keyword.kwlist) | set(keyword.softkwlist) - {"_"} <= RESERVED_NAMES
    assert issubclass(graphql.AccountStatus, GraphQLEnum)


def test_every_bundled_string_is_its_own_member_name() -> None:
    for name in UPSTREAM:
        assert set(getattr(graphql, name).__members__) == set(UPSTREAM[name])
