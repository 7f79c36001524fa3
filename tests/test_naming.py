"""The naming rule (docs/naming.md): any GraphQL name gives proto names that the real ``buf lint`` accepts,
released names never change, and names the rule maps together stop generate with the correction to add."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kraken_proto.generator import buf
from kraken_proto.generator.errors import GenerateError
from kraken_proto.generator.model import Contract, UpstreamDocument, UpstreamEnum, UpstreamValue
from kraken_proto.generator.naming import AVRO_PRIMITIVE_TYPE_NAMES, file_stem, proto_enum_name, value_name
from kraken_proto.generator.numbering import merge
from kraken_proto.generator.render import OPTIONS_FILE, render_enum, render_options

from .conftest import ROOT

# The examples of docs/naming.md, written out by hand (not computed by the rule).
EXAMPLES = [
    ("some_type", "SomeType", "some_type.proto"),
    ("_SomethingOrderBy", "SomethingOrderBy", "something_order_by.proto"),
    ("APIBrownoutStatus", "APIBrownoutStatus", "api_brownout_status.proto"),
    ("query", "Query", "query.proto"),
    ("__x", "X", "x.proto"),
    ("_1x", "Enum1x", "enum1x.proto"),
    ("None", "NoneEnum", "none_enum.proto"),
]
VALUE_EXAMPLES = [
    ("SomeType", "CANCELLED_BY_SUPPLIER___CUSTOMER_CHANGING_SUPPLIER", "SOME_TYPE_CANCELLED_BY_SUPPLIER_CUSTOMER_CHANGING_SUPPLIER"),
    ("SomeType", "kWh", "SOME_TYPE_KWH"),
    ("SomeType", "Weekly", "SOME_TYPE_WEEKLY"),
    ("SomeType", "_ledger_", "SOME_TYPE_LEDGER"),
    ("SomeType", "__", "SOME_TYPE_UNDERSCORE"),
    ("APIBrownoutStatus", "IN_PROGRESS", "API_BROWNOUT_STATUS_IN_PROGRESS"),
]


@pytest.mark.parametrize(("graphql_name", "proto_name", "file"), EXAMPLES)
def test_enum_and_file_names_follow_the_documented_examples(graphql_name: str, proto_name: str, file: str) -> None:
    assert proto_enum_name(graphql_name) == proto_name
    assert f"{file_stem(proto_name)}.proto" == file


@pytest.mark.parametrize(("enum", "graphql_value", "proto_name"), VALUE_EXAMPLES)
def test_value_names_follow_the_documented_examples(enum: str, graphql_value: str, proto_name: str) -> None:
    assert value_name(enum, graphql_value) == proto_name


def test_every_released_name_is_what_the_rule_gives_so_the_rule_changes_no_committed_name() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "proto/kraken/enums/v1").glob("*.proto")))
    enums = re.findall(r'^enum (\w+) \{\n(?:  option deprecated = true;\n)?  option \(graphql_name\) = "(\w+)";', text, re.MULTILINE)
    assert len(enums) == 74
    assert all(proto_enum_name(graphql) == proto for proto, graphql in enums)
    values = re.findall(r"^  (\w+) = [1-9]\d* \[(?:\n    deprecated = true,)?\n?\s*\(graphql_value\) = \"(\w+)\"", text, re.MULTILINE)
    assert len(values) > 800
    prefixes = {proto.split("_")[0] for proto, _ in enums}
    assert prefixes
    for proto, graphql in values:
        assert proto.endswith("_" + graphql.upper()), (proto, graphql)


GRAPHQL_NAMES = st.one_of(
    st.from_regex(r"[_A-Za-z][_0-9A-Za-z]{0,10}", fullmatch=True),
    st.sampled_from(
        [
            "_",
            "__",
            "__x",
            "_1",
            "kWh",
            "Weekly",
            "ledger",
            "query",
            "A___B",
            "A_B",
            "AB",
            "ab",
            "UNSPECIFIED",
            "unspecified",
            "None",
            "class",
            "Options",
            "options",
            "HTTPServer",
            "HttpServer",
            "some_type",
            "SomeType",
        ]
    ),
)
VALUES = GRAPHQL_NAMES.filter(lambda v: v not in ("true", "false", "null") and not v.startswith("__"))
"""Values starting with ``__`` are refused outright (GraphQL reserves them), as tests/test_names_everywhere.py checks."""
ENUM_NAMES = GRAPHQL_NAMES.filter(lambda n: n not in AVRO_PRIMITIVE_TYPE_NAMES)
"""Avro's primitive type names are refused outright (no correction can rename a GraphQL name)."""


@st.composite
def documents(draw: st.DrawFn) -> UpstreamDocument:
    names = draw(st.lists(ENUM_NAMES, min_size=1, max_size=25, unique=True))
    enums = []
    for name in names:
        values = draw(st.lists(VALUES, min_size=1, max_size=6, unique=True))
        enums.append(UpstreamEnum(graphql_name=name, description="", values=tuple(UpstreamValue(graphql_value=v) for v in values), origin=f"drawn:{name}"))
    return UpstreamDocument(path="drawn", enums=tuple(enums))


CORRECTION = re.compile(r'\[\[(enum_proto_name|proto_name)\]\] enum = "(\w+)"(?: value = "(\w+)")? proto_name = "(\w+)"')


def merge_with_suggested_corrections(document: UpstreamDocument) -> tuple[Contract, int]:
    """Merge; on each clash, check the one-line error and apply exactly the correction it names."""
    values: dict[tuple[str, str], str] = {}
    enums: dict[str, str] = {}
    for applied in range(200):
        try:
            return merge(document, Contract(), proto_names=values, enum_proto_names=enums), applied
        except GenerateError as exc:
            message = str(exc)
            assert "\n" not in message
            found = CORRECTION.search(message)
            assert found is not None, message
            table, enum, value, proto_name = found.groups()
            assert repr(enum) in message or enum in message
            if table == "enum_proto_name":
                assert enum not in enums
                enums[enum] = proto_name
            else:
                assert (enum, value) not in values
                values[(enum, value)] = proto_name
    raise AssertionError("corrections never converged")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(documents())
def test_any_graphql_names_give_protos_that_the_real_buf_lint_accepts_once_clashes_are_corrected(
    tmp_path_factory: pytest.TempPathFactory, document: UpstreamDocument
) -> None:
    contract, _corrections = merge_with_suggested_corrections(document)
    root = tmp_path_factory.mktemp("lint")
    (root / "buf.yaml").write_bytes((ROOT / "buf.yaml").read_bytes())
    package = root / "proto" / "kraken" / "enums" / "v1"
    package.mkdir(parents=True)
    (package / OPTIONS_FILE).write_text(render_options(), encoding="utf-8")
    for enum in contract.enums:
        path = root / "proto" / enum.file_path
        assert not path.exists(), enum.file_path
        path.write_text(render_enum(enum), encoding="utf-8")
        assert [v.graphql_value for v in enum.values] == [
            v.graphql_value for v in next(e for e in document.enums if e.graphql_name == enum.graphql_name).values
        ]
    buf.run(["lint"], cwd=root)  # compiles the package too: no two values share a name in its scope


def test_two_enums_the_rule_maps_to_one_name_stop_with_the_correction_and_work_with_it() -> None:
    document = UpstreamDocument(
        path="s.graphql",
        enums=(
            UpstreamEnum(graphql_name="PaymentStatus", description="", values=(UpstreamValue(graphql_value="PAID"),), origin="s.graphql:1"),
            UpstreamEnum(graphql_name="payment_status", description="", values=(UpstreamValue(graphql_value="paid"),), origin="s.graphql:5"),
        ),
    )
    with pytest.raises(GenerateError) as caught:
        merge(document, Contract())
    assert str(caught.value) == (
        "s.graphql:5: the enum 'payment_status' would get the proto name PaymentStatus, which 'PaymentStatus' already has "
        "(the naming rule maps both there). Add to upstream/corrections.toml: [[enum_proto_name]] "
        'enum = "payment_status" proto_name = "PaymentStatusV2" reason = "..."'
    )
    contract = merge(document, Contract(), enum_proto_names={"payment_status": "PaymentStatusV2"})
    assert [(e.graphql_name, e.proto_name, e.file_path) for e in contract.enums] == [
        ("PaymentStatus", "PaymentStatus", "kraken/enums/v1/payment_status.proto"),
        ("payment_status", "PaymentStatusV2", "kraken/enums/v1/payment_status_v2.proto"),
    ]


def test_two_enums_the_rule_puts_in_one_file_stop_with_the_correction() -> None:
    document = UpstreamDocument(
        path="s.graphql",
        enums=(
            UpstreamEnum(graphql_name="HTTPServer", description="", values=(UpstreamValue(graphql_value="UP"),), origin="s.graphql:1"),
            UpstreamEnum(graphql_name="HttpServer", description="", values=(UpstreamValue(graphql_value="DOWN"),), origin="s.graphql:2"),
        ),
    )
    with pytest.raises(
        GenerateError,
        match=r"the enum 'HttpServer' would get the file http_server.proto, which 'HTTPServer' already has.*"
        r'\[\[enum_proto_name\]\] enum = "HttpServer" proto_name = "HttpServerV2"',
    ):
        merge(document, Contract())


def test_values_the_rule_maps_together_or_onto_unspecified_stop_with_the_proto_name_correction() -> None:
    for values, clash in ((("A___B", "A_B"), "A_B"), (("query", "QUERY"), "QUERY"), (("unspecified",), "unspecified")):
        document = UpstreamDocument(
            path="s", enums=(UpstreamEnum(graphql_name="Kind", description="", values=tuple(UpstreamValue(graphql_value=v) for v in values), origin="s:1"),)
        )
        with pytest.raises(GenerateError) as caught:
            merge(document, Contract())
        assert f"the new value {clash!r} would get the proto name" in str(caught.value)
        assert f'[[proto_name]] enum = "Kind" value = "{clash}" proto_name = "' in str(caught.value)


def test_a_value_that_clashes_with_another_enums_value_in_the_package_scope_is_caught() -> None:
    document = UpstreamDocument(
        path="s",
        enums=(
            UpstreamEnum(graphql_name="Foo", description="", values=(UpstreamValue(graphql_value="BAR_X"),), origin="s:1"),
            UpstreamEnum(graphql_name="FooBar", description="", values=(UpstreamValue(graphql_value="X"),), origin="s:2"),
        ),
    )
    with pytest.raises(GenerateError, match=r"would get the proto name FOO_BAR_X, which Foo\.BAR_X already has \(enum values share the package's scope\)"):
        merge(document, Contract())


@pytest.mark.parametrize("name", ["Options", "options", "OPTIONS", "_options"])
def test_an_enum_whose_file_would_be_options_proto_stops_with_the_correction_that_moves_it(name: str) -> None:
    """options.proto holds the custom options: a new enum may not take the stem, whatever its spelling."""
    with pytest.raises(GenerateError) as stopped:
        merge(
            UpstreamDocument(
                path="s.graphql", enums=(UpstreamEnum(graphql_name=name, description="", values=(UpstreamValue(graphql_value="A"),), origin="s.graphql:1"),)
            ),
            Contract(),
        )
    message = str(stopped.value)
    assert f"the enum {name!r} would get the file options.proto, which the custom options already use. Add to" in message, message
    assert f'[[enum_proto_name]] enum = "{name}" proto_name = "' in message
    suggested = message.split('proto_name = "')[1].split('"')[0]
    corrected = merge(
        UpstreamDocument(
            path="s.graphql", enums=(UpstreamEnum(graphql_name=name, description="", values=(UpstreamValue(graphql_value="A"),), origin="s.graphql:1"),)
        ),
        Contract(),
        enum_proto_names={name: suggested},
    )
    assert corrected.enums[0].file_path != "kraken/enums/v1/options.proto"


@pytest.mark.parametrize(
    ("proto_name", "stem"),
    [
        ("TimeWindows", "time_windows_enum"),
        ("AppIos", "app_ios_enum"),
        ("XAmd64", "x_amd64_enum"),
        ("ThingLinuxTest", "thing_linux_test_enum"),
        ("LinuxArm64", "linux_arm64_enum"),
        ("Windows", "windows"),  # one word: the go tool reads a constraint only after a "_"
        ("WindowsStatus", "windows_status"),
        ("ThingTest", "thing_test"),  # not a _test.go file: only .pb.go, and "test" alone constrains nothing
        ("Plan9Wasm", "plan9_wasm_enum"),
    ],
)
def test_a_file_stem_the_go_tool_would_build_for_one_platform_only_gets_enum_after_it(proto_name: str, stem: str) -> None:
    assert file_stem(proto_name) == stem
