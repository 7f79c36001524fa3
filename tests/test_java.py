"""Java: buf's managed mode (buf.gen.java.yaml) sets the Java options and runs Debian's protoc's Java
generator, with no warning; javac compiles the generated sources against Debian's protobuf Java library
into a jar, and tests/java/VectorCheck.java, run against that jar, reads ``graphql_value``/``graphql_name``
through the generated ``OptionsProto`` extensions and verifies every shared vector.

Nothing here is skipped: without protoc, javac, java or the Debian packages the tests fail, saying
what to install (``bash .ci/run`` installs them with apt-get).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kraken_proto._proto_package import PACKAGE
from kraken_proto.generator import buf
from kraken_proto.generator.identity import load_identity

from .conftest import ROOT, VECTORS

PROTOBUF_JAR = Path("/usr/share/java/protobuf.jar")
CHECK = ROOT / "tests" / "java" / "VectorCheck.java"
TEMPLATE = ROOT / "buf.gen.java.yaml"
JAVA_PACKAGE = f"{load_identity(ROOT).java_package_prefix}.{PACKAGE}"
"""Where buf's managed mode puts the classes: the publisher's prefix ([tool.kraken-proto]) + the proto package."""
PACKAGES = "protobuf-compiler libprotobuf-java default-jdk-headless"


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: bash .ci/run installs it (apt-get install {PACKAGES})")
    return found


def run(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


def buf_generate(template: Path, out: Path) -> tuple[Path, list[str]]:
    """``buf generate --template T -o OUT`` with ``--debug``, without which buf hides protoc's warnings.

    Returns the Java source root and everything buf and protoc said that is not buf's own debug log.
    """
    tool("protoc")
    env = dict(os.environ, PATH=buf.tool_path())
    result = subprocess.run(
        [buf.executable(), "generate", "--template", str(template), "-o", str(out), "--debug"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if line.strip() and not re.match(r"^(\x1b\[\d+m)?DEBUG", line)]
    return out / "build" / "java", said


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    return buf_generate(TEMPLATE, tmp_path_factory.mktemp("java-src"))


@pytest.fixture(scope="module")
def compiled(generated: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """javac the generated sources into a jar, then VectorCheck against it; (jar + check classes, outer classes)."""
    if not PROTOBUF_JAR.is_file():
        pytest.fail(f"{PROTOBUF_JAR} is missing: bash .ci/run installs it (apt-get install {PACKAGES})")
    src, _said = generated
    work = tmp_path_factory.mktemp("java")
    classes, check = work / "classes", work / "check"
    sources = sorted(src.rglob("*.java"))
    javac = run([tool("javac"), "-encoding", "UTF-8", "-nowarn", "-cp", str(PROTOBUF_JAR), "-d", str(classes), *map(str, sources)])
    assert javac.returncode == 0, javac.stderr
    jar = work / "kraken-proto-enums.jar"
    packed = run([tool("jar"), "--create", "--file", str(jar), "-C", str(classes), "."])
    assert packed.returncode == 0, packed.stderr
    source = work / "src" / CHECK.name  # VectorCheck imports the generated package: the publisher's, whatever the table says
    source.parent.mkdir()
    source.write_text(
        re.sub(r"^import [\w.]+\.kraken\.enums\.v1\.", f"import {JAVA_PACKAGE}.", CHECK.read_text(encoding="utf-8"), flags=re.MULTILINE), encoding="utf-8"
    )
    javac = run([tool("javac"), "-encoding", "UTF-8", "-cp", f"{jar}:{PROTOBUF_JAR}", "-d", str(check), str(source)])
    assert javac.returncode == 0, javac.stderr
    outer = [p.relative_to(src).with_suffix("").as_posix().replace("/", ".") for p in sources if p.stem.endswith("Proto")]
    return work, outer


def write_tsv(vectors: dict[str, Any], target: Path) -> Path:
    assert vectors["format"] == 2, "write_tsv reads format 2 of the shared vectors"
    lines = []
    for enum in vectors["enums"]:
        lines.append(f"E\t{enum['full_name']}\t{enum['graphql_name']}\t{str(enum['deprecated']).lower()}")
        for v in enum["values"]:
            text = v["graphql_value"] if v["graphql_value"] is not None else ""
            assert "\t" not in text and "\n" not in text
            lines.append(f"V\t{enum['full_name']}\t{v['number']}\t{v['proto_name']}\t{text}\t{str(v['deprecated']).lower()}")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def vector_check(compiled: tuple[Path, list[str]], tsv: Path) -> subprocess.CompletedProcess[str]:
    work, outer = compiled
    return run([tool("java"), "-cp", f"{work / 'check'}:{work / 'kraken-proto-enums.jar'}:{PROTOBUF_JAR}", "VectorCheck", str(tsv), *outer])


def test_debian_protoc_generates_java_for_every_proto_file_without_a_warning(generated: tuple[Path, list[str]]) -> None:
    src, said = generated
    assert said == []  # protoc's warnings (e.g. an outer class that clashes in case with an enum) fail this
    protos = sorted(p.stem for p in (ROOT / "proto" / "kraken" / "enums" / "v1").glob("*.proto"))
    files = sorted(p.relative_to(src).as_posix() for p in src.rglob("*.java"))
    package = JAVA_PACKAGE.replace(".", "/")
    assert all(f.startswith(package + "/") for f in files)
    outer = sorted(f for f in files if f.endswith("Proto.java"))
    assert [f.removeprefix(package + "/").removesuffix("Proto.java") for f in outer] == sorted("".join(w.capitalize() for w in p.split("_")) for p in protos)
    enums = json.loads(VECTORS.read_text(encoding="utf-8"))["enums"]
    assert sorted(set(files) - set(outer)) == sorted(f"{package}/{e['graphql_name']}.java" for e in enums)  # java_multiple_files
    version = run([tool("protoc"), "--version"]).stdout
    assert re.fullmatch(r"libprotoc 3\.\d+\.\d+\n", version), version


def test_no_two_generated_java_files_differ_only_in_case(generated: tuple[Path, list[str]]) -> None:
    src, _said = generated
    files = [p.relative_to(src).as_posix() for p in src.rglob("*.java")]
    assert len({f.casefold() for f in files}) == len(files) == 149
    assert {"APIBrownoutStatus.java", "ApiBrownoutStatusProto.java"} <= {Path(f).name for f in files}


def test_without_managed_outer_class_names_protoc_warns_of_the_case_clash(tmp_path: Path) -> None:
    """The warning check above can fail: buf.gen.java.yaml minus its managed section makes protoc warn."""
    template = tmp_path / "buf.gen.plain.yaml"
    text = TEMPLATE.read_text(encoding="utf-8")
    template.write_text(text[: text.index("managed:")] + text[text.index("plugins:") :], encoding="utf-8")
    _src, said = buf_generate(template, tmp_path / "out")
    clashes = [line for line in said if "WARNING" in line and "outer class name" in line]
    assert len(clashes) == 2 and "api_brownout_status.proto" in clashes[0], said


def test_go_and_java_templates_share_one_managed_section() -> None:
    def managed(path: Path) -> str:
        text = path.read_text(encoding="utf-8")
        return text[text.index("managed:") : text.index("plugins:")]

    assert managed(TEMPLATE) == managed(ROOT / "buf.gen.go.yaml")
    assert "managed" not in (ROOT / "buf.gen.yaml").read_text(encoding="utf-8")  # the Python descriptors stay as released


def test_java_reads_the_options_and_agrees_with_every_vector(compiled: tuple[Path, list[str]], tmp_path: Path) -> None:
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    result = vector_check(compiled, write_tsv(vectors, tmp_path / "vectors.tsv"))
    assert result.returncode == 0, result.stderr
    values = sum(len(e["values"]) for e in vectors["enums"])
    assert result.stdout.strip() == f"VectorCheck: 74 enums, {values} values verified"


@pytest.mark.parametrize(
    ("field", "bad", "complaint"),
    [
        ("graphql_value", "CANCELLED", "kraken.enums.v1.ReferralStatusChoices 1 graphql_value: vectors say CANCELLED, the generated descriptors say Cancelled"),
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


def test_the_java_in_docs_languages_compiles_and_runs_against_the_jar(compiled: tuple[Path, list[str]], tmp_path: Path) -> None:
    text = (ROOT / "docs" / "languages.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```java\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)
    assert len(blocks) == 1 and "public final class Example" in blocks[0]
    (tmp_path / "Example.java").write_text(blocks[0], encoding="utf-8")
    work, _outer = compiled
    classpath = f"{tmp_path}:{work / 'kraken-proto-enums.jar'}:{PROTOBUF_JAR}"
    javac = run([tool("javac"), "-encoding", "UTF-8", "-cp", classpath, "-d", str(tmp_path), str(tmp_path / "Example.java")])
    assert javac.returncode == 0, javac.stderr
    result = run([tool("java"), "-cp", classpath, "Example"])
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ReferralStatusChoices 1 Cancelled\n"
