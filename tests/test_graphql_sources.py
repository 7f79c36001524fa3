"""GraphQL schemas as sources: SDL and introspection JSON, read with graphql-core, under the evolution rules.

The fixture ``tests/fixtures/kraken-schema.graphql`` is a hand-written, realistic schema; its header
lists what it changes relative to the committed contract. Expected numbers below are the committed
contract's (see ``kraken-proto list``), written out by hand.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from graphql import build_schema, get_introspection_query, graphql_sync

from kraken_proto.generator.corrections import Corrections, load_schema_source
from kraken_proto.generator.model import UpstreamEnum

from .conftest import ROOT, copy_project, run_cli, tree_digest

Cli = Callable[..., subprocess.CompletedProcess[str]]
FIXTURE = Path(__file__).parent / "fixtures" / "kraken-schema.graphql"
FIXTURE_ENUMS = {
    "APIBrownoutStatus",
    "AccountStatus",
    "ReferralStatusChoices",
    "PreferencesUnitChoices",
    "MessageChannel",
    "MeterType",
    "TariffRateBand",
    "SupplyPointMarket",
}
PROTO = Path("proto/kraken/enums/v1")


def introspection_of(sdl: str) -> dict[str, Any]:
    """What a server built from ``sdl`` answers to the standard introspection query (graphql-core)."""
    result = graphql_sync(build_schema(sdl), get_introspection_query(descriptions=True))
    assert result.errors is None and result.data is not None
    return result.data


def facts(enums: tuple[UpstreamEnum, ...]) -> dict[str, tuple[str, list[tuple[str, str, str | None]]]]:
    return {e.graphql_name: (e.description, [(v.graphql_value, v.description, v.deprecation_reason) for v in e.values]) for e in enums}


def proto_values(root: Path, stem: str) -> dict[str, tuple[int, bool]]:
    """``graphql_value -> (number, deprecated)`` read off a generated .proto's text."""
    text = (root / PROTO / f"{stem}.proto").read_text(encoding="utf-8")
    out: dict[str, tuple[int, bool]] = {}
    for number, body in re.findall(r"^  \w+ = (\d+) \[(.*?)\];", text, re.MULTILINE | re.DOTALL):
        string = re.search(r'\(graphql_value\) = "([^"]*)"', body)
        assert string is not None
        out[string.group(1)] = (int(number), "deprecated = true" in body)
    return out


@pytest.fixture(scope="module")
def partial_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """One ``generate --source fixture --partial`` on a copy of the project, shared by the tests that read it."""
    project = copy_project(tmp_path_factory.mktemp("partial") / "project")
    result = run_cli("generate", "--root", str(project), "--source", str(FIXTURE), "--partial")
    assert result.returncode == 0, result.stderr
    return project, result


def test_only_enum_types_are_taken_from_sdl_the_rest_of_the_schema_is_ignored() -> None:
    document = load_schema_source(FIXTURE, Corrections())
    assert {e.graphql_name for e in document.enums} == FIXTURE_ENUMS
    assert document.notes == ()


def test_introspection_json_with_or_without_the_data_envelope_gives_the_enums_of_the_sdl(tmp_path: Path) -> None:
    data = introspection_of(FIXTURE.read_text(encoding="utf-8"))
    type_names = {t["name"] for t in data["__schema"]["types"]}
    assert {"__TypeKind", "__DirectiveLocation", "Account", "UpdateAccountInput", "DateTime"} <= type_names
    from_sdl = facts(load_schema_source(FIXTURE, Corrections()).enums)
    for name, payload in (("bare.json", data), ("envelope.json", {"data": data})):
        path = tmp_path / name
        path.write_text(json.dumps(payload, indent=2), encoding="utf-8")
        assert facts(load_schema_source(path, Corrections()).enums) == from_sdl, name


def test_declaration_order_in_sdl_does_not_renumber_values_and_new_values_are_appended(partial_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    project, _ = partial_run
    assert proto_values(project, "account_status") == {
        "ACTIVE": (1, False),
        "DORMANT": (2, True),
        "ENROLMENT_ERROR": (3, False),
        "ENROLMENT_REJECTED": (4, False),
        "INCOMPLETE": (5, False),
        "PENDING": (6, False),
        "VOID": (7, False),
        "WITHDRAWN": (8, True),
        "SUSPENDED": (9, False),
    }
    assert proto_values(project, "referral_status_choices") == {"Cancelled": (1, False), "Paid": (2, False), "Pending": (3, False), "Expired": (4, False)}
    assert proto_values(project, "api_brownout_status")["POSTPONED"] == (6, False)  # from `extend enum`
    assert proto_values(project, "meter_type") == {
        "CREDIT": (1, False),
        "PREPAYMENT": (2, False),
        "SMETS1": (3, False),
        "SMETS2": (4, False),
        "HALF_HOURLY": (5, False),
    }


def test_a_value_the_schema_no_longer_lists_is_kept_deprecated(partial_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    project, _ = partial_run
    text = (project / PROTO / "account_status.proto").read_text(encoding="utf-8")
    assert "ACCOUNT_STATUS_WITHDRAWN = 8 [" in text
    assert "// Deprecated: No longer listed in the upstream reference" in text


def test_deprecated_with_a_reason_in_sdl_gives_a_deprecated_value_with_the_reason_in_its_comment(
    partial_run: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    project, _ = partial_run
    text = (project / PROTO / "account_status.proto").read_text(encoding="utf-8")
    dormant = text[text.index("  // Dormant.") : text.index("ACCOUNT_STATUS_ENROLMENT_ERROR")]
    assert "// Deprecated: Dormancy is now a flag on ACTIVE accounts." in dormant
    assert "deprecated = true" in dormant
    assert '(graphql_deprecation_reason) = "Dormancy is now a flag on ACTIVE accounts."' in dormant
    band = (project / PROTO / "tariff_rate_band.proto").read_text(encoding="utf-8")
    assert "// Deprecated: No longer supported" in band  # bare @deprecated: GraphQL's default reason


def test_block_string_descriptions_become_comments_paragraphs_included(partial_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    project, _ = partial_run
    text = (project / PROTO / "account_status.proto").read_text(encoding="utf-8")
    assert "  // Dormant. Users should not be able to log into dormant accounts.\n  //\n  // Kept for accounts migrated from legacy platforms.\n" in text
    meter = (project / PROTO / "meter_type.proto").read_text(encoding="utf-8")
    assert meter.count("// The kind of meter installed at a supply point.") == 1
    assert "  // A first-generation smart meter (SMETS1).\n  METER_TYPE_SMETS1 = 3 [" in meter


def test_a_schema_source_keeps_the_committed_documented_example(partial_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    project, _ = partial_run
    assert 'option (graphql_example) = "PENDING";' in (project / PROTO / "account_status.proto").read_text(encoding="utf-8")
    assert "graphql_example" not in (project / PROTO / "meter_type.proto").read_text(encoding="utf-8")


def test_a_partial_source_leaves_every_enum_it_lacks_byte_identical(partial_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    project, result = partial_run
    after, before = tree_digest(project / PROTO), tree_digest(ROOT / PROTO)
    covered = {"api_brownout_status.proto", "account_status.proto", "referral_status_choices.proto", "preferences_unit_choices.proto", "message_channel.proto"}
    new = {"meter_type.proto", "tariff_rate_band.proto", "supply_point_market.proto"}
    assert set(after) == set(before) | new
    assert {name for name in before if after[name] != before[name]} <= covered
    assert not any("--partial" in line for line in result.stderr.splitlines())  # no "kept as deprecated" warning


def test_a_complete_source_that_lacks_enums_deprecates_them_and_warns_naming_partial(project: Path, cli: Cli) -> None:
    result = cli("generate", "--root", str(project), "--source", str(FIXTURE))
    assert result.returncode == 0, result.stderr
    warning = [line for line in result.stderr.splitlines() if "--partial" in line]
    assert len(warning) == 1 and "does not list 69 of the contract's 77 enums" in warning[0] and "AccountTypeChoices" in warning[0]
    text = (project / PROTO / "account_type_choices.proto").read_text(encoding="utf-8")
    assert "option deprecated = true;" in text
    assert proto_values(project, "account_type_choices") == {
        "BUSINESS": (1, True),
        "BUSINESS_OCCUPIER": (2, True),
        "BUSINESS_VACANT": (3, True),
        "DOMESTIC": (4, True),
        "MANAGED": (5, True),
        "OCCUPIER": (6, True),
        "PORTFOLIO_LEAD": (7, True),
        "VACANT": (8, True),
    }


def test_corrections_apply_to_a_schema_where_relevant_and_moot_ones_are_reported(partial_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    project, result = partial_run
    warnings = [line for line in result.stderr.splitlines() if line.startswith("kraken-proto: warning: ")]
    assert len(warnings) == len(result.stderr.splitlines())
    assert any("missing_value MessageChannel.EMAIL is listed by" in w and "kraken-schema.graphql" in w for w in warnings)
    assert any("deprecated_value PreferencesUnitChoices.PERCENTAGE_ABSOLUTE is already deprecated" in w for w in warnings)
    assert any("nameless_block AccountStatus" in w and "SUSPENDED" in w and "WITHDRAWN" in w for w in warnings)
    assert not any("PERCENTAGE_RELATIVE" in w for w in warnings)
    units = (project / PROTO / "preferences_unit_choices.proto").read_text(encoding="utf-8")
    assert '(graphql_deprecation_reason) = "Use PERCENTAGE."' in units  # the schema's own reason wins
    relative = units[units.index("PREFERENCES_UNIT_CHOICES_PERCENTAGE_RELATIVE = 4") :]
    assert "deprecated = true" in relative and "Upstream says PERCENTAGE should be used instead." in relative  # the correction applied
    channel = proto_values(project, "message_channel")
    assert channel["EMAIL"] == (1, False) and channel["PRINT"] == (4, False)


def test_a_nameless_block_correction_the_schema_agrees_with_is_not_reported(tmp_path: Path) -> None:
    corrections = tmp_path / "corrections.toml"
    corrections.write_text('[[nameless_block]]\nafter = "X"\nname = "SupplyPointMarket"\nvalues = ["GAS", "ELECTRICITY"]\nreason = "r"\n', encoding="utf-8")
    from kraken_proto.generator.corrections import load_corrections

    assert load_schema_source(FIXTURE, load_corrections(corrections)).notes == ()


def _break(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1
    return text.replace(old, new)


SDL = FIXTURE.read_text(encoding="utf-8")
PEAK_LINE = SDL.splitlines().index("  PEAK") + 1
METER_LINE = SDL.splitlines().index("  meterType: MeterType!") + 1
INTROSPECTION = json.dumps({"data": introspection_of(SDL)}, indent=2)

MALFORMED = [
    ("syntax.graphql", _break(SDL, "  PEAK\n", "  PEAK =\n"), f"syntax.graphql:{PEAK_LINE}:8: Syntax Error: Expected Name, found '='."),
    (
        "unknown-type.graphqls",
        _break(SDL, "  meterType: MeterType!", "  meterType: MeterKind!"),
        f"unknown-type.graphqls:{METER_LINE}:14: Unknown type 'MeterKind'.",
    ),
    ("empty.graphql", "", "empty.graphql:1:1: Syntax Error: Unexpected <EOF>."),
    ("truncated.json", INTROSPECTION[:5000], "truncated.json:"),
    ("not-json.json", "{'data': {}}", "not-json.json:1:2: not valid JSON: Expecting property name enclosed in double quotes"),
    ("no-schema.json", '{"data": {"account": null}}', "no-schema.json: not an introspection result: no __schema object"),
    ("no-types.json", '{"__schema": {"queryType": {"name": "Query"}}}', "no-types.json: not a valid introspection result"),
]


@pytest.mark.parametrize(("name", "text", "expected"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_schema_fails_in_one_line_with_its_position_and_changes_nothing(project: Path, cli: Cli, name: str, text: str, expected: str) -> None:
    source = project / "upstream" / name
    source.write_text(text, encoding="utf-8")
    before = tree_digest(project)
    result = cli("generate", "--root", str(project), "--source", str(source))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"kraken-proto: error: {project / 'upstream'}/{expected}"), result.stderr
    assert tree_digest(project) == before


def test_a_truncated_introspection_result_is_reported_at_the_line_and_column_where_the_json_stops(tmp_path: Path) -> None:
    from kraken_proto.generator.errors import SourceError

    path = tmp_path / "cut.json"
    text = INTROSPECTION[:5000]
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_schema_source(path, Corrections())
    last = text.splitlines()[-1]  # cut inside a string: the error is where that string opens
    assert (caught.value.line, caught.value.column) == (text.count("\n") + 1, last.rindex('"') + 1)
    assert str(caught.value).startswith(f"{path}:{caught.value.line}:{caught.value.column}: not valid JSON: Unterminated string")


def test_an_empty_deprecation_reason_still_deprecates_with_graphqls_default_words(tmp_path: Path) -> None:
    path = tmp_path / "s.graphql"
    path.write_text('enum Colour {\n  RED @deprecated(reason: "")\n  "Green, as in grass."\n  GREEN\n}\n', encoding="utf-8")
    (enum,) = load_schema_source(path, Corrections()).enums
    assert [(v.graphql_value, v.description, v.deprecation_reason) for v in enum.values] == [
        ("RED", "", "No longer supported"),
        ("GREEN", "Green, as in grass.", None),
    ]
    assert enum.origin == f"{path}:1"
