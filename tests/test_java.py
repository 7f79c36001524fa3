"""Java: Debian's protoc generates Java from proto/, javac compiles it with tests/java/VectorCheck.java
against Debian's protobuf Java library, and the check reads ``graphql_value``/``graphql_name`` through
the generated ``Options`` extensions and verifies every shared vector.

Nothing here is skipped: without protoc, javac, java or the Debian packages the tests fail, saying
what to install (``bash .ci/run`` installs them with apt-get).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT, VECTORS

PROTOBUF_JAR = Path("/usr/share/java/protobuf.jar")
INCLUDE = Path("/usr/include")  # google/protobuf/descriptor.proto, from libprotobuf-dev
CHECK = ROOT / "tests" / "java" / "VectorCheck.java"
PACKAGES = "protobuf-compiler libprotobuf-dev libprotobuf-java default-jdk-headless"


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: bash .ci/run installs it (apt-get install {PACKAGES})")
    return found


def run(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """protoc --java_out into a temporary dir, then javac; the classes dir and the outer classes."""
    for path in (PROTOBUF_JAR, INCLUDE / "google" / "protobuf" / "descriptor.proto"):
        if not path.is_file():
            pytest.fail(f"{path} is missing: bash .ci/run installs it (apt-get install {PACKAGES})")
    work = tmp_path_factory.mktemp("java")
    src, classes = work / "src", work / "classes"
    src.mkdir()
    protos = sorted(str(p) for p in (ROOT / "proto" / "kraken" / "enums" / "v1").glob("*.proto"))
    protoc = run([tool("protoc"), f"-I{ROOT / 'proto'}", f"-I{INCLUDE}", f"--java_out={src}", *protos])
    assert protoc.returncode == 0, protoc.stderr
    generated = sorted(src.rglob("*.java"))
    javac = run([tool("javac"), "-encoding", "UTF-8", "-nowarn", "-cp", str(PROTOBUF_JAR), "-d", str(classes), *map(str, generated), str(CHECK)])
    assert javac.returncode == 0, javac.stderr
    outer = [p.relative_to(src).with_suffix("").as_posix().replace("/", ".") for p in generated]
    return classes, outer


def write_tsv(vectors: dict, target: Path) -> Path:
    lines = []
    for enum in vectors["enums"]:
        lines.append(f"E\t{enum['full_name']}\t{enum['graphql_name']}\t{str(enum['deprecated']).lower()}")
        for v in enum["values"]:
            text = v["string"] if v["string"] is not None else ""
            assert "\t" not in text and "\n" not in text
            lines.append(f"V\t{enum['full_name']}\t{v['number']}\t{v['proto_name']}\t{text}\t{str(v['deprecated']).lower()}")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def vector_check(compiled: tuple[Path, list[str]], tsv: Path) -> subprocess.CompletedProcess[str]:
    classes, outer = compiled
    return run([tool("java"), "-cp", f"{classes}:{PROTOBUF_JAR}", "VectorCheck", str(tsv), *outer])


def test_debian_protoc_generates_java_for_every_proto_file(compiled: tuple[Path, list[str]]) -> None:
    _classes, outer = compiled
    protos = list((ROOT / "proto" / "kraken" / "enums" / "v1").glob("*.proto"))
    assert len(outer) == len(protos) == 75
    assert "kraken.enums.v1.Options" in outer
    version = run([tool("protoc"), "--version"]).stdout
    assert re.fullmatch(r"libprotoc 3\.\d+\.\d+\n", version), version


def test_java_reads_the_options_and_agrees_with_every_vector(compiled: tuple[Path, list[str]], tmp_path: Path) -> None:
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    result = vector_check(compiled, write_tsv(vectors, tmp_path / "vectors.tsv"))
    assert result.returncode == 0, result.stderr
    values = sum(len(e["values"]) for e in vectors["enums"])
    assert result.stdout.strip() == f"VectorCheck: 74 enums, {values} values verified"


@pytest.mark.parametrize(
    ("field", "bad", "complaint"),
    [
        ("string", "CANCELLED", "kraken.enums.v1.ReferralStatusChoices 1 graphql_value: vectors say CANCELLED, the generated descriptors say Cancelled"),
        ("proto_name", "REFERRAL_STATUS_CHOICES_CANCELED", "kraken.enums.v1.ReferralStatusChoices 1 proto name: vectors say REFERRAL_STATUS_CHOICES_CANCELED"),
        ("deprecated", True, "kraken.enums.v1.ReferralStatusChoices 1 deprecated: vectors say true, the generated descriptors say false"),
    ],
)
def test_the_java_check_fails_on_a_corrupt_vector(compiled: tuple[Path, list[str]], tmp_path: Path, field: str, bad: object, complaint: str) -> None:
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    enum = next(e for e in vectors["enums"] if e["graphql_name"] == "ReferralStatusChoices")
    enum["values"][1][field] = bad
    result = vector_check(compiled, write_tsv(vectors, tmp_path / "vectors.tsv"))
    assert result.returncode == 1
    assert complaint in result.stderr


def test_the_java_check_fails_when_an_enum_is_missing_from_the_vectors(compiled: tuple[Path, list[str]], tmp_path: Path) -> None:
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    vectors["enums"] = [e for e in vectors["enums"] if e["graphql_name"] != "AccountStatus"]
    result = vector_check(compiled, write_tsv(vectors, tmp_path / "vectors.tsv"))
    assert result.returncode == 1
    assert "kraken.enums.v1.AccountStatus value count: vectors say" in result.stderr
