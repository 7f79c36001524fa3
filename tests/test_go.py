"""Go: the module under go/ (the protoc-gen-go packages ``generate`` writes into go/kraken, and the
krakenproto helper) builds with the real ``go`` command and its ``go test`` maps every shared vector both
ways; a probe gives the same answers and the same error messages as Python for 5,000+ bad inputs.

Offline, against Debian's copy of protobuf-go, without touching go/go.mod: a ``go.work`` in a scratch
directory uses the module and replaces google.golang.org/protobuf with Debian's source tree
(/usr/share/gocode/src, the same v1.28.1 that go.mod requires: its go.mod hashes to go.sum's line). The
go.mod files of protobuf-go's own requirements, which the go command reads to build the module graph,
come from tests/go/goproxy, a file GOPROXY that go verifies against go/go.sum (so they are upstream's
bytes). Nothing is skipped: without go or Debian's protobuf-go the tests fail, saying what to install.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kraken_proto.generator.identity import load_identity
from kraken_proto.generator.publisher import rewrite_go_imports

from .conftest import ROOT, VECTORS
from .test_typescript import cases, python_result

MODULE = ROOT / "go"
IDENTITY = load_identity(ROOT)
MODULE_PATH = IDENTITY.go_module
"""The publisher's Go module path ([tool.kraken-proto]); the probe and the docs' example are built importing it."""
DEBIAN_PROTOBUF = Path("/usr/share/gocode/src/google.golang.org/protobuf")
GOPROXY = ROOT / "tests" / "go" / "goproxy"
PROBE = ROOT / "tests" / "go" / "probe"
PACKAGES = "golang-go protoc-gen-go golang-google-protobuf-dev"


def go() -> str:
    found = shutil.which("go")
    if found is None:
        pytest.fail(f"go is not installed: bash .ci/run installs it (apt-get install {PACKAGES})")
    return found


def go_env(scratch: Path, proxy: Path = GOPROXY) -> dict[str, str]:
    """The go command offline: the workspace, the file proxy, no checksum database, a scratch module cache."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GO")}
    return env | {
        "GOWORK": str(scratch / "go.work"),
        "GOPROXY": proxy.as_uri(),
        "GOSUMDB": "off",
        "GOFLAGS": "",
        "GOTOOLCHAIN": "local",
        "GOMODCACHE": str(scratch / "modcache"),
    }


def write_workspace(scratch: Path) -> Path:
    if not (DEBIAN_PROTOBUF / "go.mod").is_file():
        pytest.fail(f"{DEBIAN_PROTOBUF} is missing: bash .ci/run installs it (apt-get install {PACKAGES})")
    scratch.mkdir(parents=True, exist_ok=True)
    probe = scratch / "probe-src"  # a copy importing the publisher's module path, whatever [tool.kraken-proto] says
    shutil.copytree(PROBE, probe)
    for source in probe.glob("*.go"):
        source.write_text(rewrite_go_imports(source.read_text(encoding="utf-8"), IDENTITY), encoding="utf-8")
    (scratch / "go.work").write_text(
        f"go 1.18\n\nuse (\n\t{MODULE}\n\t{probe}\n)\n\nreplace google.golang.org/protobuf => {DEBIAN_PROTOBUF}\n", encoding="utf-8"
    )
    return scratch


def run_go(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([go(), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_workspace(tmp_path_factory.mktemp("go"))


@pytest.fixture(scope="module")
def probe(workspace: Path) -> Path:
    binary = workspace / "probe"
    built = run_go(["build", "-o", str(binary), "."], workspace / "probe-src", go_env(workspace))
    assert built.returncode == 0, built.stderr
    return binary


def go_test(workspace: Path, vectors: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = go_env(workspace) | {"KRAKEN_PROTO_VECTORS": str(vectors)}
    return run_go(["test", "-count=1", "-v", *args, "./..."], MODULE, env)


def test_go_mod_requires_a_released_protobuf_go_and_replaces_nothing() -> None:
    text = (MODULE / "go.mod").read_text(encoding="utf-8")
    assert text.startswith(f"module {MODULE_PATH}\n")
    assert re.search(r"^require google\.golang\.org/protobuf v1\.28\.1$", text, re.MULTILINE)
    assert "replace" not in text
    assert not (MODULE / "go.work").exists()


def test_every_hand_written_go_file_is_gofmt_clean() -> None:
    """The generated packages come from protoc-gen-go; the helper, its tests and the probe are ours."""
    gofmt = Path(go()).resolve().with_name("gofmt")
    ours = sorted(p for tree in (MODULE / "krakenproto", PROBE) for p in tree.rglob("*.go"))
    assert ours, "no hand-written Go files found"
    result = subprocess.run([str(gofmt), "-l", *map(str, ours)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "", f"run gofmt -w on: {result.stdout.split()}"


def test_debians_protobuf_go_is_the_version_go_sum_names() -> None:
    """go.sum's go.mod line for v1.28.1 (upstream's hash) is the h1 hash of Debian's go.mod, computed here."""
    data = (DEBIAN_PROTOBUF / "go.mod").read_bytes()
    summary = f"{hashlib.sha256(data).hexdigest()}  go.mod\n".encode()
    h1 = "h1:" + base64.b64encode(hashlib.sha256(summary).digest()).decode()
    assert f"google.golang.org/protobuf v1.28.1/go.mod {h1}\n" in (MODULE / "go.sum").read_text(encoding="utf-8")


def test_go_test_maps_every_vector_both_ways_and_checks_the_errors(workspace: Path) -> None:
    result = go_test(workspace, VECTORS)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    for name in (
        "TestEveryVectorMapsBothWaysThroughTheValueOptions",
        "TestErrorsNameTheEnumAndTheInputLikePython",
        "TestTypedHelpersWorkOnTheGeneratedEnums",
        "Example",
    ):
        assert f"--- PASS: {name} " in result.stdout, result.stdout[-3000:]
    assert "SKIP" not in result.stdout


def test_go_vector_test_fails_on_a_corrupt_vector(workspace: Path, tmp_path: Path) -> None:
    text = VECTORS.read_text(encoding="utf-8")
    bad = text.replace(
        '"proto_name": "REFERRAL_STATUS_CHOICES_PAID", "graphql_value": "Paid"', '"proto_name": "REFERRAL_STATUS_CHOICES_PAID", "graphql_value": "PAID"'
    )
    assert bad != text
    (tmp_path / "vectors.json").write_text(bad, encoding="utf-8")
    result = go_test(workspace, tmp_path / "vectors.json", "-run", "TestEveryVector")
    assert result.returncode != 0
    assert "--- FAIL: TestEveryVectorMapsBothWaysThroughTheValueOptions" in result.stdout
    assert 'ReferralStatusChoices 2: ToGraphQL = "Paid", <nil>; want "PAID"' in result.stdout


def test_the_go_command_verifies_the_file_proxy_against_go_sum(tmp_path: Path) -> None:
    """A go.mod in tests/go/goproxy that is not upstream's byte for byte is refused: nothing there is made up."""
    proxy = tmp_path / "goproxy"
    shutil.copytree(GOPROXY, proxy)
    mod = proxy / "github.com" / "google" / "go-cmp" / "@v" / "v0.5.5.mod"
    mod.write_text(mod.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    scratch = write_workspace(tmp_path / "ws")
    result = run_go(["build", "./..."], MODULE, go_env(scratch, proxy))
    assert result.returncode != 0
    assert "SECURITY ERROR" in result.stderr and "github.com/google/go-cmp@v0.5.5" in result.stderr


def test_the_go_in_docs_languages_builds_and_runs(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "languages.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```go\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)
    assert len(blocks) == 1 and blocks[0].startswith("package main\n")
    example = tmp_path / "example"
    example.mkdir()
    (example / "go.mod").write_text("module kraken-proto-docs-example\n\ngo 1.18\n", encoding="utf-8")
    (example / "main.go").write_text(rewrite_go_imports(blocks[0], IDENTITY), encoding="utf-8")  # the docs spell the placeholder
    scratch = write_workspace(tmp_path / "ws")
    work = scratch / "go.work"
    work.write_text(work.read_text(encoding="utf-8").replace(f"\t{scratch / 'probe-src'}\n", f"\t{scratch / 'probe-src'}\n\t{example}\n"), encoding="utf-8")
    result = run_go(["run", "."], example, go_env(scratch))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Cancelled 1 true ReferralStatusChoices CANCELLED\n"
        "'CANCELLED' is not a value of ReferralStatusChoices: strings are exact and case-sensitive; closest: 'Cancelled'\n"
        "ACTIVE ACCOUNT_STATUS_ACTIVE 74\n"
    )


def test_go_and_python_give_the_same_answers_and_the_same_errors_word_for_word(probe: Path, tmp_path: Path) -> None:
    # Go's EnumNumber is an int32, as protobuf's enum numbers are: 2**31 cannot even be written in Go.
    inputs = [c for c in cases() if not (isinstance(c[2], int) and not -(2**31) <= c[2] < 2**31)]
    (tmp_path / "inputs.json").write_text(json.dumps(inputs), encoding="utf-8")
    result = subprocess.run([str(probe), str(tmp_path / "inputs.json")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    got: list[list[Any]] = json.loads(result.stdout)
    assert len(got) == len(inputs) > 5000
    mismatches = [(i, g, p) for i, g, p in zip(inputs, got, (python_result(*i) for i in inputs), strict=True) if g != p]
    assert mismatches == [], f"{len(mismatches)} of {len(inputs)} differ, e.g. {mismatches[:5]}"
    assert sum(1 for r in got if r[0] == "UnknownEnumValueError" and "; closest: " in r[1]) > 1000
