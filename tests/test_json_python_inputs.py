"""The JSON codec takes what Python hands it (issue 21, section 3): what ``parse_dict`` gets from Python code,
not from a JSON decoder.

A caller of ``parse_dict`` passes whatever its code holds: our own :mod:`kraken_proto.graphql` members (a
``str`` subclass), a pydantic model's ``model_dump()``, ``float`` subclasses such as ``numpy.float64``,
number types that only have ``__index__`` (``numpy.int64``), mappings that are not ``dict``. The rule: each is
read exactly as protobuf's ``json_format`` reads it, except that a documented string of ours is a value of
our enums. Expected values are hand-written, or protobuf's own result on the same input.
"""

from __future__ import annotations

import collections
import difflib
import types
from collections.abc import Callable
from typing import Annotated, Any

import pytest
from google.protobuf import json_format as protobuf_json
from google.protobuf.message import Message
from pydantic import BaseModel

from kraken_proto import graphql, json_format
from kraken_proto.pydantic import ProtoEnum

from .json_protos import compile_json_protos


class Text(str):
    """A str subclass, as a StrEnum member, a pydantic constrained string or a numpy.str_ is."""


class Real(float):
    """A float subclass, as numpy.float64 is."""


class Whole(int):
    """An int subclass, as an IntEnum member is."""


class Index:
    """A number that is no int but has ``__index__``, as numpy.int64 is (not an int subclass)."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value

    def __int__(self) -> int:
        return self.value

    def __repr__(self) -> str:
        return f"Index({self.value})"


@pytest.fixture(scope="module")
def kinds(tmp_path_factory: pytest.TempPathFactory) -> types.ModuleType:
    return compile_json_protos(tmp_path_factory.mktemp("json_python_inputs"))[0]


@pytest.fixture(scope="module")
def legacy(tmp_path_factory: pytest.TempPathFactory) -> types.ModuleType:
    return compile_json_protos(tmp_path_factory.mktemp("json_python_inputs_legacy"))[1]


def outcome(parse: Callable[..., Message], js: Any, cls: type[Message], **options: Any) -> Any:
    """The parsed message's wire bytes, or "raised"."""
    try:
        return parse(js, cls(), **options).SerializePartialToString(deterministic=True)
    except Exception:
        return "raised"


def same_as_protobuf(js: Any, cls: type[Message], **options: Any) -> Any:
    """Parses with both; asserts the same message or both raising; returns protobuf's outcome."""
    theirs = outcome(protobuf_json.ParseDict, js, cls, **options)
    ours = outcome(json_format.parse_dict, js, cls, **options)
    assert ours == theirs, (js, options, theirs, ours)
    return theirs


# -- str, int and float subclasses ------------------------------------------------------------------------


def test_our_own_strenum_members_parse_as_the_documented_strings_they_are(kinds: types.ModuleType) -> None:
    js = {
        "status": graphql.AccountStatus.DORMANT,
        "channels": [graphql.MessageChannel.SMS, graphql.MessageChannel.EMAIL],
        "byAccount": {"A-1": graphql.AccountStatus.ACTIVE},
        "channel": graphql.MessageChannel.EMAIL,
    }
    message = json_format.parse_dict(js, kinds.Ours())
    assert (message.status, list(message.channels), dict(message.by_account), message.channel) == (2, [6, 1], {"A-1": 1}, 1)


def test_a_str_subclass_is_read_as_the_str_it_is_for_every_enum_and_scalar(kinds: types.ModuleType) -> None:
    message = json_format.parse_dict({"status": Text("ACTIVE"), "colour": Text("COLOUR_GREEN"), "maybe": Text("ACCOUNT_STATUS_DORMANT")}, kinds.Ours())
    assert (message.status, message.colour, message.maybe) == (1, 2, 2)
    for js in (
        {"colour": Text("COLOUR_RED")},
        {"colour": Text("2")},
        {"colour": Text("NOPE")},
        {"rColour": [Text("COLOUR_RED")]},
        {"s": Text("x")},
        {"i64": Text("12")},
        {"i64": Text(" 12")},
        {"db": Text("1.5")},
        {"db": Text("NaN")},
        {"by": Text("YWJj")},
        {"b": Text("true")},
    ):
        same_as_protobuf(js, kinds.Scalars)
    assert same_as_protobuf({"colour": Text("COLOUR_RED")}, kinds.Scalars) != "raised"


def test_a_float_subclass_holding_an_integer_is_an_enum_number_as_protobuf_reads_it(kinds: types.ModuleType) -> None:
    assert json_format.parse_dict({"status": Real(1.0), "colour": Real(2.0)}, kinds.Ours()).status == 1
    for value in (Real(1.0), Real(2.0), Real(1000.0), Whole(1), Index(1), Index(1000), Real(float("inf")), Real(float("nan")), Real(-0.0)):
        for cls, key in ((kinds.Scalars, "colour"), (kinds.Scalars, "rColour"), (kinds.Ours, "status"), (kinds.Ours, "channels")):
            js = {key: [value] if key in ("rColour", "channels") else value}
            for ignore in (False, True):
                same_as_protobuf(js, cls, ignore_unknown_fields=ignore)
    assert same_as_protobuf({"colour": Real(1.0)}, kinds.Scalars) != "raised"
    assert same_as_protobuf({"colour": Index(1)}, kinds.Scalars) != "raised"


def test_number_subclasses_in_scalar_fields_parse_as_protobuf_parses_them(kinds: types.ModuleType) -> None:
    samples = [Real(1.0), Real(1.5), Real(1e39), Real(float("nan")), Real(float("inf")), Whole(7), Whole(2**40), Index(3), Text("7")]
    for field in ("i32", "i64", "u32", "u64", "fl", "db", "b", "s", "by", "rI32", "rDb", "c_i32", "opt_i32"):
        for value in samples:
            js = {field: [value] if field.startswith("r") else value}
            same_as_protobuf(js, kinds.Scalars)
    for field, value in (("mI32", {Whole(1): "a"}), ("mStr", {Text("k"): "v"}), ("mBool", {Text("true"): "t"}), ("mF64", {"1": Real(2.0)})):
        same_as_protobuf({field: value}, kinds.Maps)


def test_bytes_fields_take_what_protobuf_takes_besides_base64_text(kinds: types.ModuleType) -> None:
    for value in (bytearray(b"YWJj"), b"YWJj", Text("YWJj"), memoryview(b"YWJj")):
        same_as_protobuf({"by": value}, kinds.Scalars)
    assert json_format.parse_dict({"by": bytearray(b"YWJj")}, kinds.Scalars()).by == b"abc"


class PydanticEvent(BaseModel):
    """A model holding what an application holds: our StrEnums, proto numbers checked by ProtoEnum, plain ints."""

    status: graphql.AccountStatus
    channels: list[graphql.MessageChannel]
    by_account: dict[str, Annotated[int, ProtoEnum("AccountStatus")]]
    maybe: Annotated[int, ProtoEnum("AccountStatus")]
    colour: int
    note: str


def test_a_pydantic_models_model_dump_parses_in_both_modes(kinds: types.ModuleType) -> None:
    model = PydanticEvent.model_validate(
        {"status": "DORMANT", "channels": ["SMS", graphql.MessageChannel.EMAIL], "by_account": {"A-1": 1}, "maybe": "ACTIVE", "colour": 2, "note": "n"}
    )
    expected = kinds.Ours(status=2, channels=[6, 1], by_account={"A-1": 1}, maybe=1, colour=2, note="n")
    assert json_format.parse_dict(model.model_dump(), kinds.Ours()) == expected
    assert json_format.parse_dict(model.model_dump(mode="json"), kinds.Ours()) == expected
    assert json_format.parse(model.model_dump_json(), kinds.Ours()) == expected


# -- keys and mappings ------------------------------------------------------------------------------


@pytest.mark.parametrize("key", [1, None, (1,), b"nope", b"rI32", 1.5])
@pytest.mark.parametrize("ignore", [False, True])
def test_a_key_that_is_no_string_is_a_parse_error_even_under_ignore_unknown_fields(kinds: types.ModuleType, key: Any, ignore: bool) -> None:
    with pytest.raises(json_format.ParseError, match="Scalars"):
        json_format.parse_dict({key: 1}, kinds.Scalars(), ignore_unknown_fields=ignore)
    assert same_as_protobuf({key: 1}, kinds.Scalars, ignore_unknown_fields=ignore) == "raised"


def test_a_bytes_key_naming_a_field_by_its_proto_name_is_read_as_protobuf_reads_it(kinds: types.ModuleType) -> None:
    for ignore in (False, True):
        assert same_as_protobuf({b"i32": 5}, kinds.Scalars, ignore_unknown_fields=ignore) != "raised"


@pytest.mark.parametrize("key", ["[kraken.enums.v1.graphql_value]", "[kraken.enums.v1.graphql_value.anything]", "[acme.jsontest.v1.Holder.held.x]"])
@pytest.mark.parametrize("ignore", [False, True])
def test_an_extension_of_another_message_is_refused_even_under_ignore_unknown_fields(
    legacy: types.ModuleType, kinds: types.ModuleType, key: str, ignore: bool
) -> None:
    js = {"id": 1, key: "x"}
    if key.startswith("[acme"):  # an extension of Legacy itself, found by its type's name: accepted by both
        assert same_as_protobuf(js, legacy.Legacy, ignore_unknown_fields=ignore) != "raised"
        return
    with pytest.raises(json_format.ParseError, match=r"extends google\.protobuf\.EnumValueOptions, not acme\.jsontest\.v1\.Legacy"):
        json_format.parse_dict(js, legacy.Legacy(), ignore_unknown_fields=ignore)
    with pytest.raises(KeyError, match="Extension doesn't match"):  # protobuf raises too (a KeyError, which ours makes a ParseError)
        protobuf_json.ParseDict(js, legacy.Legacy(), ignore_unknown_fields=ignore)


MAPPINGS: list[Callable[[dict[str, Any]], Any]] = [collections.UserDict, collections.ChainMap, types.MappingProxyType, collections.OrderedDict]


@pytest.mark.parametrize("mapping", MAPPINGS, ids=lambda m: m.__name__)
def test_a_message_takes_any_mapping_where_protobuf_does_and_only_a_dict_where_protobuf_wants_one(kinds: types.ModuleType, mapping: Any) -> None:
    """A message (top level, nested, in a list, an Any) takes any Mapping; a map field, a Struct and a Value
    want a dict, as protobuf's own checks say."""
    assert json_format.parse_dict(mapping({"i32": 1, "cMsg": mapping({"s": "x"})}), kinds.Scalars()) == kinds.Scalars(i32=1, c_msg=kinds.Scalars(s="x"))
    cases: list[tuple[Any, type[Message]]] = [
        (mapping({"i32": 1}), kinds.Scalars),
        ({"cMsg": mapping({"i32": 1})}, kinds.Scalars),
        ({"mMsg": {"a": mapping({"i32": 1})}}, kinds.Maps),
        ({"mStr": mapping({"a": "b"})}, kinds.Maps),
        ({"st": mapping({"a": 1})}, kinds.WellKnown),
        ({"val": mapping({"a": 1})}, kinds.WellKnown),
        ({"any": mapping({"@type": "type.googleapis.com/google.protobuf.Duration", "value": "1s"})}, kinds.WellKnown),
        ({"any": mapping({})}, kinds.WellKnown),
        ({"children": [mapping({"id": 3})]}, kinds.Tree),
    ]
    if mapping is not types.MappingProxyType:  # protobuf deletes "@type" from a regular payload's mapping while it reads it
        cases.append(({"any": mapping({"@type": "type.googleapis.com/acme.jsontest.v1.Names", "b_c": 1})}, kinds.WellKnown))
    for js, cls in cases:
        for ignore in (False, True):
            same_as_protobuf(js, cls, ignore_unknown_fields=ignore)


# -- unknown strings for our enums: the suggestion search only where an error is reported ------------------------


@pytest.fixture
def suggestion_searches(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every difflib.get_close_matches call's word (the real function still answers)."""
    calls: list[str] = []
    real = difflib.get_close_matches

    def counting(word: Any, possibilities: Any, *args: Any, **kwargs: Any) -> list[Any]:
        calls.append(word)
        return real(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    return calls


def test_unknown_strings_skipped_under_ignore_unknown_fields_cost_no_suggestion_search(kinds: types.ModuleType, suggestion_searches: list[str]) -> None:
    message = json_format.parse_dict(
        {"channels": ["SMS", *(f"NOPE_{i}" for i in range(50)), "EMAIL"], "status": "nope"}, kinds.Ours(), ignore_unknown_fields=True
    )
    assert list(message.channels) == [6, 1] and message.status == 0
    assert suggestion_searches == []


def test_the_error_for_an_unknown_string_still_names_the_closest_documented_strings(kinds: types.ModuleType, suggestion_searches: list[str]) -> None:
    with pytest.raises(json_format.EnumValueParseError) as caught:
        json_format.parse_dict({"channels": ["SMS", "EMAL"]}, kinds.Ours())
    assert caught.value.suggestions == ("EMAIL",) and str(caught.value).endswith("closest: 'EMAIL'")
    assert caught.value.path == "Ours.channels[1]" and suggestion_searches == ["EMAL"]


def test_a_string_far_longer_than_every_documented_string_gets_no_similarity_search(kinds: types.ModuleType, suggestion_searches: list[str]) -> None:
    """No documented string can be close to it (difflib's ratio needs the lengths within 2.33x of each other)."""
    long = "ACTIVE" + "X" * 100_000
    with pytest.raises(json_format.EnumValueParseError) as caught:
        json_format.parse_dict({"status": long}, kinds.Ours())
    assert caught.value.suggestions == () and caught.value.value == long and suggestion_searches == []
    assert (
        str(caught.value)
        == (  # the message shows the start of it, not 100 KB
            f"Ours.status: {long[:200]!r}... (100,006 characters) is not a value of AccountStatus (kraken.enums.v1.AccountStatus): not a documented string"
        )
    )
    with pytest.raises(json_format.EnumValueParseError) as near:  # a wrong-case one still gets its suggestion
        json_format.parse_dict({"status": " active "}, kinds.Ours())
    assert near.value.suggestions == ("ACTIVE",)
