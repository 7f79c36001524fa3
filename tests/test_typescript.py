"""TypeScript: the mapping in ts/mapping.ts (over protoc-gen-es's descriptors in gen/ts) throws the same
errors, word for word, as the Python helpers, and its vector test (``npm test``) fails on a bad vector.

``npm test`` itself checks every vector (.ci/test runs it); these tests compile the same sources with
the pinned tsc into a temporary sandbox and run them with the real node.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kraken_proto
from kraken_proto import UnknownEnumValueError

from .conftest import ROOT, VECTORS

TSC = ROOT / "node_modules" / ".bin" / "tsc"

PROBE = """
import { readdirSync, readFileSync } from "node:fs";
import { enumMapping } from "./build/ts/ts/mapping.js";
const dir = new URL("./build/ts/gen/ts/kraken/enums/v1/", import.meta.url);
const schemas = new Map();
for (const file of readdirSync(dir).filter((f) => f.endsWith("_pb.js"))) {
  for (const e of Object.values(await import(new URL(file, dir).href))) if (e && e.kind === "enum") schemas.set(e.typeName, e);
}
const out = [];
for (const [name, op, arg] of JSON.parse(readFileSync(process.argv[2], "utf8"))) {
  const m = enumMapping(schemas.get("kraken.enums.v1." + name));
  try { out.push(["ok", m[op](arg)]); } catch (e) { out.push([e.name, e.message]); }
}
console.log(JSON.stringify(out));
"""
PYTHON_OP = {"fromGraphQL": "from_string", "toGraphQL": "to_string", "fromProtoName": "from_proto_name", "isDeprecated": "is_deprecated"}


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("node is not installed: bash .ci/run installs Node.js (apt-get install nodejs npm)")
    return found


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ts/ and gen/ts compiled by the pinned tsc into a throwaway tree laid out like the project."""
    if not TSC.is_file():
        pytest.fail(f"{TSC} is missing: run npm ci (bash .ci/bootstrap does)")
    box = tmp_path_factory.mktemp("ts")
    tsc = subprocess.run(
        [node(), str(TSC), "-p", "tsconfig.json", "--outDir", str(box / "build" / "ts")], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert tsc.returncode == 0, tsc.stdout + tsc.stderr
    (box / "gen").mkdir()
    shutil.copy2(VECTORS, box / "gen" / VECTORS.name)
    shutil.copy2(ROOT / "package.json", box / "package.json")  # "type": "module"
    (box / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    (box / "probe.mjs").write_text(PROBE, encoding="utf-8")
    return box


def cases() -> Iterator[tuple[str, str, Any]]:
    """Bad (and a few good) inputs for every enum: wrong case, typos, padding, odd characters."""
    odd = ["", " ", "it's", 'say "hi"', "a\tb\\", "Café", "straße", "\u00a0x", "😀", "\x00", "x" * 250, "ab" * 150]
    for enum in json.loads(VECTORS.read_text(encoding="utf-8"))["enums"]:
        name = enum["graphql_name"]
        values = enum["values"][1:]
        for v in values[:6]:
            s = v["graphql_value"]
            yield from ((name, "fromGraphQL", t) for t in (s, s.lower(), s.upper(), s.title(), f" {s} ", s[:-1], s + "S", s[1:], s.replace("_", " ")))
            yield (name, "fromProtoName", v["proto_name"].lower())
            yield (name, "fromProtoName", v["proto_name"][:-2])
        yield from ((name, "fromGraphQL", t) for t in odd)
        # 200+ characters: difflib's autojunk kicks in (popular characters leave its index), which
        # for a doubled "_" hides a match that a plain longest-match search would find.
        longest = max(values, key=lambda v: len(v["proto_name"]))
        doubled = longest["graphql_value"].replace("_", "__")
        yield (name, "fromGraphQL", doubled + "E" * (200 - len(doubled)))
        yield (name, "fromGraphQL", (longest["graphql_value"] * 3)[:200])
        yield (name, "fromProtoName", (longest["proto_name"].lower() * 2)[:200])
        top = values[-1]["number"]
        yield from ((name, "toGraphQL", n) for n in (0, 1, top, top + 1, -1, 2**31))
        yield (name, "isDeprecated", 0)


def python_result(name: str, op: str, arg: Any) -> list[Any]:
    try:
        return ["ok", getattr(kraken_proto.get(name), PYTHON_OP[op])(arg)]
    except UnknownEnumValueError as exc:
        return ["UnknownEnumValueError", str(exc)]


def run_probe(box: Path, inputs: list[tuple[str, str, Any]]) -> list[list[Any]]:
    (box / "inputs.json").write_text(json.dumps(inputs), encoding="utf-8")
    result = subprocess.run([node(), str(box / "probe.mjs"), str(box / "inputs.json")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    out: list[list[Any]] = json.loads(result.stdout)
    return out


def test_typescript_and_python_give_the_same_answers_and_the_same_errors_word_for_word(sandbox: Path) -> None:
    inputs = list(cases())
    got = run_probe(sandbox, inputs)
    assert len(got) == len(inputs) > 5000
    mismatches = [(i, t, p) for i, t, p in zip(inputs, got, (python_result(*i) for i in inputs), strict=True) if t != p]
    assert mismatches == [], f"{len(mismatches)} of {len(inputs)} differ, e.g. {mismatches[:5]}"
    assert sum(1 for r in got if r[0] == "UnknownEnumValueError" and "; closest: " in r[1]) > 1000


def test_npm_vector_test_passes_on_the_committed_vectors(sandbox: Path) -> None:
    result = subprocess.run([node(), "--test", "build/ts/ts/"], cwd=sandbox, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "# fail 0" in result.stdout


def test_npm_vector_test_fails_on_a_corrupt_vector(sandbox: Path, tmp_path: Path) -> None:
    box = tmp_path / "box"
    shutil.copytree(sandbox, box, symlinks=True)
    target = box / "gen" / VECTORS.name
    text = target.read_text(encoding="utf-8")
    bad = text.replace(
        '"proto_name": "REFERRAL_STATUS_CHOICES_PAID", "graphql_value": "Paid"', '"proto_name": "REFERRAL_STATUS_CHOICES_PAID", "graphql_value": "PAID"'
    )
    assert bad != text
    target.write_text(bad, encoding="utf-8")
    result = subprocess.run([node(), "--test", "build/ts/ts/"], cwd=box, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "not ok" in result.stdout and "ReferralStatusChoices" in result.stdout
    assert "# fail 1" in result.stdout
