"""``kraken-proto update URL``: fetch, generate, check and diff in one step, against a real local server.

The server (graphql-core over SDL, ``tests/graphql_server.py``) serves three schemas in turn, each a later
version of the one before. Version 1 is the committed contract itself, exported by the real CLI with a
few Kraken-like object types around it: it lists every value the scrape lost, so the first update
switches the source and removes the corrections that repaired the scrape. Version 2 adds values,
version 3 drops one and adds an enum. The expected diffs, numbers and removed corrections are written
here by hand. Every hostile answer in between must leave the tree byte for byte as it was.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kraken_proto.generator.committed import read_committed
from kraken_proto.generator.fetch import TOKEN_ENV

from . import graphql_server as hostile
from .conftest import ROOT, copy_project, run_cli, tree_digest
from .graphql_server import Endpoint

OBJECTS = '''
"""A Kraken account."""
type Account { number: String! status: AccountStatus referrals: [Referral!]! }
type Referral { code: String! status: ReferralStatusChoices }
type Query { account(accountNumber: String!): Account }
'''
SWITCH_LINE = "kraken-proto: the source is now upstream/kraken-schema.json (the introspection of {url}), recorded in upstream/source.toml; it was upstream/kraken-graphql-enums.txt; numbers stay\n"
REMOVED_BY_THE_FIRST_UPDATE = [
    ("nameless_block", "AccountStatus", None),
    ("nameless_block", "CollectDepositStatusChoices", None),
    ("nameless_block", "IntegrationStatus", None),
    ("nameless_block", "PaymentDayDirectionType", None),
    ("nameless_block", "PaymentReasonOptions", None),
    ("nameless_block", "SmartFlexDeviceState", None),
    ("missing_value", "CommsDeliveryPreference", "EMAIL"),
    ("missing_value", "ExternalAccountEventSubCategory", "EMAIL"),
    ("missing_value", "ExternalAccountEventSubCategory", "PRINT"),
    ("missing_value", "ExternalAccountEventSubCategory", "WHATSAPP"),
    ("missing_value", "MessageChannel", "EMAIL"),
    ("missing_value", "MessageChannel", "PRINT"),
    ("deprecated_value", "PreferencesUnitChoices", "PERCENTAGE_ABSOLUTE"),
    ("deprecated_value", "PreferencesUnitChoices", "PERCENTAGE_RELATIVE"),
]
"""The export names every enum, lists every value the scrape lost and states the prose deprecations with @deprecated."""


def versions(project: Path) -> tuple[str, str, str]:
    exported = run_cli("export-sdl", "--root", str(project))
    assert exported.returncode == 0, exported.stderr
    v1 = exported.stdout + OBJECTS
    v2 = v1.replace("enum AccountStatus {\n", 'enum AccountStatus {\n  """Suspended by the supplier."""\n  SUSPENDED\n', 1).replace(
        "enum ReferralStatusChoices {\n", "enum ReferralStatusChoices {\n  Expired\n", 1
    )
    withdrawn = '  """Withdrawn before supply started"""\n  WITHDRAWN\n}\n'
    v3 = v2.replace(withdrawn, "}\n", 1) + (
        '\n"""How a meter reading was taken."""\nenum MeterReadingSource {\n  SMART_METER\n  """Read by the customer."""\n  CUSTOMER\n  ESTIMATED\n}\n'
    )
    assert len({v1, v2, v3}) == 3 and withdrawn in v2 and "WITHDRAWN" not in v3.split("enum AccountStatus {", 1)[1].split("}", 1)[0]
    return v1, v2, v3


def run_update(project: Path, url: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("KRAKEN_PROTO_FAULT") and k != TOKEN_ENV} | (env or {})
    command = [sys.executable, "-m", "kraken_proto", "update", url, "--root", str(project), *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, env=environ)


def numbers(project: Path) -> dict[tuple[str, str], int]:
    return {(e.graphql_name, v.graphql_value): v.number for e in read_committed(project).enums for v in e.values}


def changes(diff: dict[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    """The JSON diff reduced to what the scenario states: (enum, value, number) per kind of change."""
    return {
        "enums_added": [(e["graphql_name"],) for e in diff["enums_added"]],
        "values_added": [(v["graphql_name"], v["graphql_value"], v["number"]) for v in diff["values_added"]],
        "deprecated": [(d["graphql_name"], d["graphql_value"], d["number"]) for d in diff["deprecated"]],
        "corrections_unneeded": sorted(((c["kind"], c["enum"], c["value"]) for c in diff["corrections_unneeded"]), key=str),
        "descriptions_changed": [(d["graphql_name"], d["graphql_value"]) for d in diff["descriptions_changed"]],
        "options_changed": [(o["graphql_name"], o["graphql_value"], o["option"]) for o in diff["options_changed"]],
    }


NOTHING: dict[str, list[tuple[Any, ...]]] = {
    "enums_added": [],
    "values_added": [],
    "deprecated": [],
    "corrections_unneeded": [],
    "descriptions_changed": [],
    "options_changed": [],
}


@pytest.fixture
def scenario(tmp_path: Path) -> Iterator[tuple[Path, Endpoint, tuple[str, str, str]]]:
    project = copy_project(tmp_path / "project")
    schemas = versions(project)
    with Endpoint(schemas[0]) as endpoint:
        yield project, endpoint, schemas


HOSTILE = {
    "http-502": hostile.status(502, "Bad Gateway"),
    "html-page": hostile.html_page,
    "introspection-disabled": hostile.introspection_disabled,
    "no-schema": hostile.no_schema,
    "no-enums": hostile.no_enums,
    "redirect": hostile.redirect_to("https://elsewhere.example/graphql/"),
    "over-the-cap": hostile.huge(300_000),
}


def assert_hostile_answers_change_nothing(project: Path, endpoint: Endpoint) -> None:
    before = tree_digest(project)
    for name, respond in HOSTILE.items():
        endpoint.respond = respond
        result = run_update(project, endpoint.url, "--max-bytes", "200000")
        assert result.returncode == 1, (name, result.stderr)
        assert result.stderr.startswith(f"kraken-proto: error: {endpoint.url}: ") and result.stderr.count("\n") == 1, (name, result.stderr)
        assert tree_digest(project) == before, name
    endpoint.respond = None


def test_three_schema_versions_in_turn_give_checked_trees_fixed_numbers_and_exact_diffs(scenario: tuple[Path, Endpoint, tuple[str, str, str]]) -> None:
    project, endpoint, (_v1, v2, v3) = scenario
    released = numbers(project)
    assert released[("ExternalAccountEventSubCategory", "WHATSAPP")] == 12 and released[("AccountStatus", "WITHDRAWN")] == 8

    # Version 1: the source switches, the corrections the schema made unnecessary go; the contract stays.
    first = run_update(project, endpoint.url, "--format", "json")
    assert first.returncode == 10, first.stderr
    assert first.stderr == SWITCH_LINE.format(url=endpoint.url)
    assert changes(json.loads(first.stdout)) == NOTHING | {"corrections_unneeded": sorted(REMOVED_BY_THE_FIRST_UPDATE, key=str)}
    corrections = (project / "upstream/corrections.toml").read_text(encoding="utf-8")
    assert "WHATSAPP" not in corrections and all(f"[[{table}]]" not in corrections for table in ("missing_value", "deprecated_value", "nameless_block"))
    assert corrections.startswith((ROOT / "upstream/corrections.toml").read_text(encoding="utf-8")[:400])  # the header comments stay
    assert corrections.count("[[value_docs_in_enum_description]]") == 2  # still needed: the descriptions still document the values
    assert numbers(project) == released
    assert run_cli("check", "--root", str(project)).returncode == 0
    assert_hostile_answers_change_nothing(project, endpoint)

    again = run_update(project, endpoint.url)
    assert (again.returncode, again.stdout, again.stderr) == (0, "update: nothing changed\n", "")

    # Version 2: two values added, numbered after the highest of their enums.
    endpoint.sdl = v2
    second = run_update(project, endpoint.url, "--format", "json")
    assert second.returncode == 10 and second.stderr == "", second.stderr
    assert changes(json.loads(second.stdout)) == NOTHING | {"values_added": [("AccountStatus", "SUSPENDED", 9), ("ReferralStatusChoices", "Expired", 4)]}
    assert {k: v for k, v in numbers(project).items() if k in released} == released
    assert run_cli("check", "--root", str(project)).returncode == 0
    assert_hostile_answers_change_nothing(project, endpoint)

    # Version 3: a value dropped (kept, deprecated) and an enum added.
    endpoint.sdl = v3
    third = run_update(project, endpoint.url, "--format", "markdown")
    assert third.returncode == 10, third.stderr
    assert "### `AccountStatus`" in third.stdout and "### `MeterReadingSource`" in third.stdout
    assert "deprecated value `WITHDRAWN` = 8" in third.stdout
    after = numbers(project)
    assert {k: v for k, v in after.items() if k in released} == released
    assert {k: v for k, v in after.items() if k[0] == "MeterReadingSource"} == {
        ("MeterReadingSource", "SMART_METER"): 1,
        ("MeterReadingSource", "CUSTOMER"): 2,
        ("MeterReadingSource", "ESTIMATED"): 3,
    }
    assert run_cli("check", "--root", str(project)).returncode == 0
    released_again = run_cli("release", "--root", str(project))
    assert released_again.returncode == 0, released_again.stderr


def test_the_json_diff_of_a_dropped_value_and_an_added_enum_lists_exactly_those(scenario: tuple[Path, Endpoint, tuple[str, str, str]]) -> None:
    project, endpoint, (_v1, v2, v3) = scenario
    endpoint.sdl = v2
    assert run_update(project, endpoint.url).returncode == 10
    endpoint.sdl = v3
    result = run_update(project, endpoint.url, "--format", "json")
    assert result.returncode == 10, result.stderr
    assert changes(json.loads(result.stdout)) == NOTHING | {
        "enums_added": [("MeterReadingSource",)],
        "values_added": [("MeterReadingSource", "SMART_METER", 1), ("MeterReadingSource", "CUSTOMER", 2), ("MeterReadingSource", "ESTIMATED", 3)],
        "deprecated": [("AccountStatus", "WITHDRAWN", 8)],
    }


def test_a_plain_generate_still_stops_on_a_correction_the_text_reference_no_longer_needs(project: Path) -> None:
    text = project / "upstream/kraken-graphql-enums.txt"
    anchor = 'THIRD_PARTY\nExample\n"TELEPHONE"\n'  # the end of ExternalAccountEventSubCategory's listing
    page = text.read_text(encoding="utf-8")
    assert page.count(anchor) == 1
    text.write_text(page.replace(anchor, 'THIRD_PARTY\nWHATSAPP\nExample\n"TELEPHONE"\n'), encoding="utf-8")
    before = tree_digest(project)
    result = run_cli("generate", "--root", str(project))
    assert result.returncode == 1 and "missing_value ExternalAccountEventSubCategory.WHATSAPP is listed by" in result.stderr
    assert "upstream fixed it: remove this correction" in result.stderr
    assert tree_digest(project) == before


def test_an_update_that_would_break_the_release_fails_in_one_line_and_changes_nothing(scenario: tuple[Path, Endpoint, tuple[str, str, str]]) -> None:
    project, endpoint, _versions = scenario
    golden = project / "release/contract.tsv"
    rows = golden.read_text(encoding="utf-8").replace("\tPending\t", "\tPENDING_OLD\t", 1)  # the release says another string
    golden.write_text(rows, encoding="utf-8")
    before = tree_digest(project)
    result = run_update(project, endpoint.url)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("kraken-proto: error: update: the updated tree would fail check: ") and "nothing was changed" in result.stderr
    assert tree_digest(project) == before


def test_an_unfetchable_endpoint_fails_before_touching_the_tree(project: Path) -> None:
    before = tree_digest(project)
    result = run_update(project, "http://kraken-api.invalid/v1/graphql/")
    assert result.returncode == 1 and result.stderr.startswith("kraken-proto: error: http://kraken-api.invalid/v1/graphql/: unknown host")
    assert tree_digest(project) == before
