"""Go: the module under go/ (the protoc-gen-go packages ``generate`` writes into go/kraken, and the
krakenproto helper) builds with the real ``go`` command and its ``go test`` maps every shared vector both
ways; outside the checkout, a module that ``require``s the released version gets it from the Go module
``kraken-proto package`` wrote (``GOPROXY=file://…/goproxy``), and a probe built that way maps every
shared vector and gives the same answers and the same error messages as Python for 5,000+ bad inputs.

Offline, against Debian's copy of protobuf-go, without touching go/go.mod: the module's own tests run in
a ``go.work`` in a scratch directory; consumers ``replace`` google.golang.org/protobuf with Debian's source
tree (/usr/share/gocode/src, the same v1.28.1 that go.mod requires: its go.mod hashes to go.sum's line).
The go.mod files of protobuf-go's own requirements, which the go command reads to build the module graph,
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
import zipfile
from pathlib import Path
from typing import Any

import pytest

from kraken_proto.generator.identity import load_identity
from kraken_proto.generator.publisher import rewrite_go_imports

from .conftest import ROOT, VECTORS
from .test_artifacts import GO_PROXY_DIR, VERSION
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


def debian_protobuf() -> Path:
    if not (DEBIAN_PROTOBUF / "go.mod").is_file():
        pytest.fail(f"{DEBIAN_PROTOBUF} is missing: bash .ci/run installs it (apt-get install {PACKAGES})")
    return DEBIAN_PROTOBUF


def write_workspace(scratch: Path) -> Path:
    """A go.work for the module's own tests: go/ itself, protobuf-go replaced by Debian's."""
    scratch.mkdir(parents=True, exist_ok=True)
    (scratch / "go.work").write_text(f"go 1.18\n\nuse {MODULE}\n\nreplace google.golang.org/protobuf => {debian_protobuf()}\n", encoding="utf-8")
    return scratch


def outside_module(folder: Path, main_go: str) -> Path:
    """A consumer's module outside the checkout: ``main.go`` and a go.mod that requires the released version
    of the module (from ``released_env``'s proxy) and replaces protobuf-go with Debian's, as an offline user would."""
    folder.mkdir(parents=True)
    (folder / "main.go").write_text(main_go, encoding="utf-8")
    (folder / "go.mod").write_text(
        f"module example.com/consumer\n\ngo 1.18\n\nrequire {MODULE_PATH} v{VERSION}\n\nreplace google.golang.org/protobuf => {debian_protobuf()}\n",
        encoding="utf-8",
    )
    return folder


def released_env(scratch: Path, released: Path) -> dict[str, str]:
    """The go command offline for an outside module: the released module first, then tests/go/goproxy's go.mod files;
    no workspace; go.mod and go.sum completed by the go command (no checksum database offline)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GO")}
    return env | {
        "GOWORK": "off",
        "GOPROXY": f"{(released / GO_PROXY_DIR.split('/')[0]).as_uri()},{GOPROXY.as_uri()}",
        "GOSUMDB": "off",
        "GOFLAGS": "-mod=mod",
        "GOTOOLCHAIN": "local",
        "GOMODCACHE": str(scratch / "modcache"),
    }


def run_go(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([go(), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_workspace(tmp_path_factory.mktemp("go"))


@pytest.fixture(scope="module")
def probe(released: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/go/probe built as a consumer builds: an outside module requiring the released version."""
    scratch = tmp_path_factory.mktemp("go-probe")
    consumer = outside_module(scratch / "probe", rewrite_go_imports((PROBE / "main.go").read_text(encoding="utf-8"), IDENTITY))
    built = run_go(["build", "-o", str(scratch / "probe.bin"), "."], consumer, released_env(scratch, released))
    assert built.returncode == 0, built.stderr
    assert f"require (\n\t{MODULE_PATH} v{VERSION}\n" in (consumer / "go.mod").read_text(encoding="utf-8")
    return scratch / "probe.bin"


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


def test_the_go_in_docs_languages_builds_and_runs_against_the_released_module(released: Path, tmp_path: Path) -> None:
    text = (ROOT / "docs" / "languages.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```go\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)
    assert len(blocks) == 1 and blocks[0].startswith("package main\n")
    example = outside_module(tmp_path / "example", rewrite_go_imports(blocks[0], IDENTITY))  # the docs spell the placeholder
    result = run_go(["run", "."], example, released_env(tmp_path, released))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Cancelled 1 true ReferralStatusChoices CANCELLED\n"
        "'CANCELLED' is not a value of ReferralStatusChoices: strings are exact and case-sensitive; closest: 'Cancelled'\n"
        "ACTIVE ACCOUNT_STATUS_ACTIVE 74\n"
    )


def test_an_outside_module_maps_every_shared_vector_both_ways_through_the_released_module(probe: Path, tmp_path: Path) -> None:
    """Every value of every enum in the vectors: number to string and string to number, from the module as released."""
    enums = json.loads(VECTORS.read_text(encoding="utf-8"))["enums"]
    calls: list[list[Any]] = []
    expected: list[list[Any]] = []
    for enum in enums:
        for value in enum["values"]:
            if value["graphql_value"] is None:
                continue
            calls += [[enum["graphql_name"], "toGraphQL", value["number"]], [enum["full_name"], "fromGraphQL", value["graphql_value"]]]
            expected += [["ok", value["graphql_value"]], ["ok", value["number"]]]
            calls.append([enum["graphql_name"], "fromProtoName", value["proto_name"]])
            expected.append(["ok", value["number"]])
    (tmp_path / "inputs.json").write_text(json.dumps(calls), encoding="utf-8")
    result = subprocess.run([str(probe), str(tmp_path / "inputs.json")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    assert len(got) == len(expected) > 2500
    assert [c for c, g, e in zip(calls, got, expected, strict=True) if g != e] == []


def test_the_go_command_refuses_a_released_module_zip_that_was_altered_after_go_sum_recorded_it(released: Path, tmp_path: Path) -> None:
    """The go.sum a consumer commits pins the released zip: a proxy that later serves other bytes is refused."""
    proxy = tmp_path / "dist"
    shutil.copytree(released / "goproxy", proxy / "goproxy")
    consumer = outside_module(tmp_path / "consumer", 'package main\n\nimport _ "' + MODULE_PATH + '/krakenproto"\n\nfunc main() {}\n')
    first = run_go(["build", "./..."], consumer, released_env(tmp_path / "a", proxy))
    assert first.returncode == 0, first.stderr
    module_zip = proxy / GO_PROXY_DIR / f"v{VERSION}.zip"
    with zipfile.ZipFile(module_zip, "a") as archive:
        archive.writestr(f"{MODULE_PATH}@v{VERSION}/extra.txt", "not released\n")
    second = run_go(["build", "./..."], consumer, released_env(tmp_path / "b", proxy))  # a fresh module cache
    assert second.returncode != 0
    assert "SECURITY ERROR" in second.stderr and f"{MODULE_PATH}@v{VERSION}" in second.stderr


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
