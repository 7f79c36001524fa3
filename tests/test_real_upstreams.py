"""A schema with every odd name class of real Kraken schemas (tests/fixtures/odd-names.graphql and the
introspection result of the same schema) generates lint-clean through both ``--source`` forms, with the
corrections its clashes need, and every graphql_value round-trips through the Python and TypeScript helpers."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT, copy_project, run_cli, run_python, tree_digest
from .test_typescript import TSC, node

FIXTURES = ROOT / "tests" / "fixtures"
SDL = FIXTURES / "odd-names.graphql"
INTROSPECTION = FIXTURES / "odd-names.introspection.json"
OUTPUTS = ("proto", "gen", "kraken_proto/_generated", "docs/generated")


def empty_project(target: Path, corrections: Path | None) -> Path:
    """A copy of the project with no contract yet: what the fixture alone generates."""
    root = copy_project(target)
    for name in ("proto", "gen", "docs", "release"):
        shutil.rmtree(root / name)
    shutil.rmtree(root / "kraken_proto" / "_generated")
    (root / "upstream" / "corrections.toml").unlink()
    if corrections is not None:
        shutil.copy2(corrections, root / "upstream" / "corrections.toml")
    return root


def digest(root: Path) -> dict[str, str]:
    return {f"{name}/{k}": v for name in ("proto", "gen", "docs") for k, v in tree_digest(root / name).items()} | {
        f"kraken_proto/_generated/{k}": v for k, v in tree_digest(root / "kraken_proto" / "_generated").items()
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = empty_project(tmp_path_factory.mktemp("odd") / "project", FIXTURES / "odd-names-corrections.toml")
    result = run_cli("generate", "--root", str(root), "--source", str(SDL))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("12 enums, 37 values;")
    return root


def test_without_the_corrections_generate_stops_in_one_line_naming_both_names_and_the_correction(tmp_path: Path) -> None:
    root = empty_project(tmp_path / "project", None)
    result = run_cli("generate", "--root", str(root), "--source", str(SDL))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "the enum 'payment_status' would get the proto name PaymentStatus, which 'PaymentStatus' already has" in result.stderr
    assert '[[enum_proto_name]] enum = "payment_status" proto_name = "PaymentStatusV2"' in result.stderr
    assert not (root / "proto").exists()


def test_the_introspection_result_gives_byte_for_byte_what_the_sdl_gives(generated: Path, tmp_path: Path) -> None:
    root = empty_project(tmp_path / "project", FIXTURES / "odd-names-corrections.toml")
    result = run_cli("generate", "--root", str(root), "--source", str(INTROSPECTION))
    assert result.returncode == 0, result.stderr
    assert digest(root) == digest(generated)


def test_odd_names_get_the_rules_proto_names_and_keep_their_exact_graphql_strings(generated: Path) -> None:
    vectors = json.loads((generated / "gen" / "kraken-enums-vectors.json").read_text(encoding="utf-8"))
    by_name = {e["graphql_name"]: e for e in vectors["enums"]}
    assert by_name["some_type"]["full_name"] == "kraken.enums.v1.SomeType"
    assert by_name["_MeterReadingOrderBy"]["full_name"] == "kraken.enums.v1.MeterReadingOrderBy"
    assert by_name["payment_status"]["full_name"] == "kraken.enums.v1.PaymentStatusLegacy"
    assert by_name["HttpServerStatus"]["full_name"] == "kraken.enums.v1.HttpServerStatusV2"
    assert [(v["proto_name"], v["graphql_value"]) for v in by_name["TransferReasonChoices"]["values"][1:]] == [
        ("TRANSFER_REASON_CHOICES_CANCELLED_BY_SUPPLIER_CUSTOMER_CHANGING_SUPPLIER", "CANCELLED_BY_SUPPLIER___CUSTOMER_CHANGING_SUPPLIER"),
        ("TRANSFER_REASON_CHOICES_CANCELLED_BY_SUPPLIER_CUSTOMER_CHANGING_SUPPLIER_V2", "CANCELLED_BY_SUPPLIER_CUSTOMER_CHANGING_SUPPLIER"),
        ("TRANSFER_REASON_CHOICES_CANCELLED_BY_CUSTOMER_COOLING_OFF", "CANCELLED_BY_CUSTOMER__COOLING_OFF"),
        ("TRANSFER_REASON_CHOICES_OTHER", "_OTHER_"),
    ]
    assert [v["proto_name"] for v in by_name["some_type"]["values"]] == [
        "SOME_TYPE_UNSPECIFIED",
        "SOME_TYPE_KWH",
        "SOME_TYPE_MWH",
        "SOME_TYPE_M3",
        "SOME_TYPE_WEEKLY",
        "SOME_TYPE_LEDGER",
        "SOME_TYPE_QUERY",
    ]
    assert sorted(p.name for p in (generated / "proto/kraken/enums/v1").glob("*.proto")) == sorted(
        [
            "options.proto",
            "some_type.proto",
            "meter_reading_order_by.proto",
            "transfer_reason_choices.proto",
            "reading_frequency.proto",
            "ledger.proto",
            "payment_status.proto",
            "payment_status_legacy.proto",
            "http_server_status.proto",
            "http_server_status_v2.proto",
            "query.proto",
            "unit_choices.proto",
            "import.proto",
        ]
    )


def test_inline_code_in_upstream_descriptions_keeps_its_backticks_in_comments_and_options(generated: Path) -> None:
    text = (generated / "proto/kraken/enums/v1/unit_choices.proto").read_text(encoding="utf-8")
    assert "// Units for preferences. Prefer `PERCENTAGE` over `PERCENTAGE_ABSOLUTE`; see the" in text
    assert '(graphql_enum_description) = "Units for preferences. Prefer `PERCENTAGE` over `PERCENTAGE_ABSOLUTE`; see the\\n`setPreferences` mutation."' in text
    assert '(graphql_value_description) = "A share, e.g. `50` for half."' in text
    assert '(graphql_deprecation_reason) = "Use `PERCENTAGE` instead."' in text


def test_every_graphql_value_round_trips_through_the_python_helpers(generated: Path) -> None:
    code = """
import json, kraken_proto, kraken_proto.enums as enums
vectors = json.load(open("gen/kraken-enums-vectors.json"))
count = 0
for e in vectors["enums"]:
    m = kraken_proto.get(e["graphql_name"])
    assert m.full_name == e["full_name"] and kraken_proto.get(e["full_name"]) is m
    for v in e["values"][1:]:
        assert m.from_string(v["graphql_value"]) == v["number"] and m.to_string(v["number"]) == v["graphql_value"], v
        assert m.proto_name(v["number"]) == v["proto_name"] and m.from_proto_name(v["proto_name"]) == v["number"]
        count += 1
assert kraken_proto.get(enums.Import).graphql_name == "import" and kraken_proto.get(enums.some_type).graphql_name == "some_type"
print(count)
"""
    result = run_python(generated, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "37"


PROBE = """
import { readdirSync, readFileSync } from "node:fs";
import { enumMapping } from "./build/ts/ts/mapping.js";
const dir = new URL("./build/ts/gen/ts/kraken/enums/v1/", import.meta.url);
const schemas = new Map();
for (const file of readdirSync(dir).filter((f) => f.endsWith("_pb.js"))) {
  for (const e of Object.values(await import(new URL(file, dir).href))) if (e && e.kind === "enum") schemas.set(e.typeName, e);
}
const vectors = JSON.parse(readFileSync(process.argv[2], "utf8"));
if (vectors.format !== 2) throw new Error(`vectors format ${vectors.format}, this probe reads format 2`);
let count = 0;
for (const e of vectors.enums) {
  const m = enumMapping(schemas.get(e.full_name));
  if (m.graphqlName !== e.graphql_name) throw new Error(`graphqlName ${m.graphqlName} != ${e.graphql_name}`);
  for (const v of e.values.slice(1)) {
    if (m.fromGraphQL(v.graphql_value) !== v.number || m.toGraphQL(v.number) !== v.graphql_value) throw new Error(`${e.graphql_name} ${v.graphql_value}`);
    if (m.fromProtoName(v.proto_name) !== v.number) throw new Error(v.proto_name);
    count += 1;
  }
}
console.log(count);
"""


def test_every_graphql_value_round_trips_through_the_typescript_helper(generated: Path, tmp_path: Path) -> None:
    box = tmp_path / "ts"
    box.mkdir()
    for name in ("tsconfig.json", "package.json"):
        shutil.copy2(ROOT / name, box / name)
    shutil.copytree(ROOT / "ts", box / "ts", ignore=shutil.ignore_patterns("*.test.ts"))  # the helper, not the bundled contract's tests
    shutil.copytree(generated / "gen", box / "gen")
    (box / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    tsc = subprocess.run([node(), str(TSC), "-p", "tsconfig.json", "--outDir", str(box / "build" / "ts")], cwd=box, capture_output=True, text=True, timeout=300)
    assert tsc.returncode == 0, tsc.stdout + tsc.stderr
    (box / "probe.mjs").write_text(PROBE, encoding="utf-8")
    result = subprocess.run([node(), str(box / "probe.mjs"), str(box / "gen" / "kraken-enums-vectors.json")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "37"
