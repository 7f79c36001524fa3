"""Java: buf's managed mode (buf.gen.java.yaml) runs Debian's protoc's Java generator with no warning;
``build_maven`` (kraken_proto/packaging/maven.py) compiles the generated classes and the helper in
``java/`` into a jar, a sources jar and a POM in Maven repository layout; and programs outside the
checkout, compiled against that jar and Debian's protobuf-java alone, run the helper ``KrakenProto`` over
every shared vector and over the shared bad inputs, where its answers and error messages must be Python's,
computed here from ``kraken_proto`` at test time.

The JVM work is done once per module: one Maven build, one javac of the outside programs. The
reproducibility and second-identity tests build again, because that is what they check. Nothing here is
skipped: without protoc, javac, java or the Debian packages the tests fail, saying what to install
(``bash .ci/run`` installs them with apt-get).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import tomllib
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

import kraken_proto
from kraken_proto import UnknownEnumError
from kraken_proto._proto_package import PACKAGE
from kraken_proto.generator import buf
from kraken_proto.generator.errors import GenerateError
from kraken_proto.generator.identity import Identity, load_identity
from kraken_proto.packaging.maven import build_maven

from .conftest import ROOT, VECTORS, tree_digest
from .test_typescript import cases, python_result

PROTOBUF_JAR = Path("/usr/share/java/protobuf.jar")
PROGRAMS = ROOT / "tests" / "java"
TEMPLATE = ROOT / "generated" / "buf.gen.java.yaml"
HELPER = ROOT / "java" / "src" / "main" / "java" / "io" / "github" / "krakenproto"
JAVA_PACKAGE = f"{load_identity(ROOT).java_package_prefix}.{PACKAGE}"
"""Where buf's managed mode puts the classes: the publisher's prefix ([tool.kraken-proto]) + the proto package."""
PACKAGES = "protobuf-compiler libprotobuf-java default-jdk-headless"
VERSION: str = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
EPOCH = 1767225600  # 2026-01-01T00:00:00Z
POM = "{http://maven.apache.org/POM/4.0.0}"
OTHER = Identity(
    python_distribution="acme-kraken-enums",
    npm_package="@acme/kraken-enums",
    go_module="example.com/acme/kraken-enums/go",
    java_group_id="com.example.acme",
    java_package_prefix="com.example.acme.kraken",
    repository_url="https://git.example.com/acme/kraken-enums",
    placeholder=False,
)


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


def artifact_dir(out: Path, identity: Identity) -> Path:
    return out / "maven" / Path(*identity.java_group_id.split(".")) / identity.python_distribution


def jar_of(out: Path, identity: Identity, classifier: str = "") -> Path:
    return artifact_dir(out, identity) / VERSION / f"{identity.python_distribution}-{VERSION}{classifier}.jar"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    return buf_generate(TEMPLATE, tmp_path_factory.mktemp("java-src"))


@pytest.fixture(scope="module")
def maven(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """One Maven build of the checkout, with the committed identity: (out, the files it wrote)."""
    if not PROTOBUF_JAR.is_file():
        pytest.fail(f"{PROTOBUF_JAR} is missing: bash .ci/run installs it (apt-get install {PACKAGES})")
    out = tmp_path_factory.mktemp("dist")
    return out, build_maven(root=ROOT, out=out, version=VERSION, identity=load_identity(ROOT), epoch=EPOCH)


@pytest.fixture(scope="module")
def outside(maven: tuple[Path, list[Path]], tmp_path_factory: pytest.TempPathFactory) -> str:
    """The programs of tests/java and the Java block of docs/languages.md, copied to a directory outside the
    checkout and compiled there against the jar of the Maven layout and Debian's protobuf-java; their classpath."""
    work = tmp_path_factory.mktemp("outside")
    for program in sorted(PROGRAMS.glob("*.java")):
        shutil.copy2(program, work / program.name)
    (work / "Example.java").write_text(docs_java_block(), encoding="utf-8")
    classpath = f"{work}:{jar_of(maven[0], load_identity(ROOT))}:{PROTOBUF_JAR}"
    javac = run([tool("javac"), "-encoding", "UTF-8", "-Xlint:all", "-Werror", "-cp", classpath, "-d", str(work), *sorted(str(p) for p in work.glob("*.java"))])
    assert javac.returncode == 0, javac.stderr
    return classpath


def docs_java_block() -> str:
    text = (ROOT / "docs" / "languages.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```java\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)
    assert len(blocks) == 1 and "public final class Example" in blocks[0]
    return str(blocks[0])


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


def vector_check(classpath: str, tsv: Path) -> subprocess.CompletedProcess[str]:
    return run([tool("java"), "-cp", classpath, "VectorCheck", str(tsv)])


def probe(classpath: str, calls: list[tuple[str, str, Any]], scratch: Path) -> list[list[Any]]:
    """Run each (enum, op, arg) through tests/java/Probe.java; results as Python's: ["ok", value] or [error, message]."""
    lines = []
    for enum, op, arg in calls:
        kind, payload = ("s", base64.b64encode(arg.encode()).decode()) if isinstance(arg, str) else ("i", str(arg))
        lines.append(f"{enum}\t{op}\t{kind}\t{payload}\n")
    (scratch / "calls.tsv").write_text("".join(lines), encoding="utf-8")
    result = run([tool("java"), "-cp", classpath, "Probe", str(scratch / "calls.tsv")])
    assert result.returncode == 0, result.stderr
    python_names = {"UnknownEnumValueException": "UnknownEnumValueError", "UnknownEnumException": "UnknownEnumError"}
    out: list[list[Any]] = []
    for line in result.stdout.splitlines():
        fields = line.split("\t")
        if fields[0] != "ok":
            out.append([python_names.get(fields[0], fields[0]), base64.b64decode(fields[1]).decode()])
        elif fields[1] == "s":
            out.append(["ok", base64.b64decode(fields[2]).decode()])
        else:
            out.append(["ok", int(fields[2]) if fields[1] == "i" else fields[2] == "true"])
    return out


# -- protoc's Java, through buf's managed mode ------------------------------------------------------------


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

    assert managed(TEMPLATE) == managed(ROOT / "generated" / "buf.gen.go.yaml")
    assert "managed" not in (ROOT / "buf.gen.yaml").read_text(encoding="utf-8")  # the Python descriptors stay as released


# -- the Maven layout ---------------------------------------------------------------------------------


def test_the_maven_layout_holds_jar_sources_jar_pom_and_metadata_each_with_its_checksums(maven: tuple[Path, list[Path]]) -> None:
    out, written = maven
    stem = f"io/github/krakenproto/kraken-proto/{VERSION}/kraken-proto-{VERSION}"
    files = [f"{stem}.jar", f"{stem}-sources.jar", f"{stem}.pom", "io/github/krakenproto/kraken-proto/maven-metadata.xml"]
    assert sorted(p.relative_to(out / "maven").as_posix() for p in written) == sorted(f + s for f in files for s in ("", ".sha1", ".md5"))
    assert sorted(p for p in (out / "maven").rglob("*") if p.is_file()) == written  # and nothing else
    for name in files:
        data = (out / "maven" / name).read_bytes()
        assert (out / "maven" / f"{name}.sha1").read_text() == hashlib.sha1(data).hexdigest()
        assert (out / "maven" / f"{name}.md5").read_text() == hashlib.md5(data).hexdigest()


def test_the_jar_holds_the_generated_classes_the_helper_the_proto_files_and_a_manifest_without_build_facts(maven: tuple[Path, list[Path]]) -> None:
    with zipfile.ZipFile(jar_of(maven[0], load_identity(ROOT))) as jar:
        names = jar.namelist()
        assert names[:2] == ["META-INF/", "META-INF/MANIFEST.MF"]  # where JarInputStream looks for the manifest
        assert names[2:] == sorted(names[2:])
        assert {info.date_time for info in jar.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        manifest = jar.read("META-INF/MANIFEST.MF").decode()
        assert (
            manifest
            == f"Manifest-Version: 1.0\r\nAutomatic-Module-Name: io.github.krakenproto\r\nImplementation-Title: kraken-proto\r\nImplementation-Version: {VERSION}\r\n\r\n"
        )
        protos = sorted((ROOT / "proto" / "kraken" / "enums" / "v1").glob("*.proto"))
        for proto in protos:
            assert jar.read(f"kraken/enums/v1/{proto.name}") == proto.read_bytes()
        helper = {f"io/github/krakenproto/{n}.class" for n in ("KrakenProto", "EnumMapping", "ValueInfo", "UnknownEnumException", "UnknownEnumValueException")}
        assert helper <= set(names)
        enums = json.loads(VECTORS.read_text(encoding="utf-8"))["enums"]
        assert {f"io/github/krakenproto/kraken/enums/v1/{e['graphql_name']}.class" for e in enums} <= set(names)
        assert {"io/github/krakenproto/kraken/enums/v1/OptionsProto.class", "io/github/krakenproto/kraken/enums/v1/ApiBrownoutStatusProto.class"} <= set(names)
        assert not [n for n in names if n.endswith(".java")]
        for legal in ("LICENSE", "NOTICE"):  # the repository's own, once it has them
            assert (f"META-INF/{legal}" in names) == (ROOT / legal).is_file()
            if (ROOT / legal).is_file():
                assert jar.read(f"META-INF/{legal}") == (ROOT / legal).read_bytes()
        assert jar.read("META-INF/maven/io.github.krakenproto/kraken-proto/pom.properties").decode() == (
            f"groupId=io.github.krakenproto\nartifactId=kraken-proto\nversion={VERSION}\n"
        )


def test_the_sources_jar_holds_the_helper_the_generated_sources_and_the_proto_files(maven: tuple[Path, list[Path]]) -> None:
    with zipfile.ZipFile(jar_of(maven[0], load_identity(ROOT), "-sources")) as sources:
        names = set(sources.namelist())
        for path in sorted(HELPER.glob("*.java")):
            assert sources.read(f"io/github/krakenproto/{path.name}") == path.read_bytes()  # the default identity: not rewritten
        assert "io/github/krakenproto/EnumFiles.java" in names
        assert "io/github/krakenproto/kraken/enums/v1/ReferralStatusChoices.java" in names
        assert "kraken/enums/v1/options.proto" in names
        assert not [n for n in names if n.endswith(".class")]


def test_two_builds_give_identical_bytes(maven: tuple[Path, list[Path]], tmp_path: Path) -> None:
    build_maven(root=ROOT, out=tmp_path, version=VERSION, identity=load_identity(ROOT), epoch=EPOCH)
    first = tree_digest(maven[0] / "maven")
    assert tree_digest(tmp_path / "maven") == first
    assert len(first) == 12


def test_the_pom_is_well_formed_and_names_the_identity_the_licence_and_the_protobuf_java_it_is_tested_with(maven: tuple[Path, list[Path]]) -> None:
    identity = load_identity(ROOT)
    pom = ElementTree.parse(artifact_dir(maven[0], identity) / VERSION / f"kraken-proto-{VERSION}.pom").getroot()

    def text(path: str) -> str | None:
        return pom.findtext("/".join(f"{POM}{part}" for part in path.split("/")))

    assert pom.tag == f"{POM}project"
    assert (text("groupId"), text("artifactId"), text("version"), text("packaging")) == ("io.github.krakenproto", "kraken-proto", VERSION, "jar")
    assert text("url") == "https://github.com/kraken-proto/kraken-proto" == text("scm/url")
    assert text("licenses/license/name") == "Apache-2.0"
    assert "placeholders" in (text("description") or "")  # the committed identity is marked as a placeholder
    dependencies = pom.findall(f"./{POM}dependencies/{POM}dependency")
    assert [(d.findtext(f"{POM}groupId"), d.findtext(f"{POM}artifactId")) for d in dependencies] == [("com.google.protobuf", "protobuf-java")]
    debian = run(["dpkg-query", "-W", "-f=${Version}", "libprotobuf-java"]).stdout  # the protobuf.jar every test here runs on
    assert debian.startswith(f"{dependencies[0].findtext(f'{POM}version')}-")
    metadata = ElementTree.parse(artifact_dir(maven[0], identity) / "maven-metadata.xml").getroot()
    assert [v.text for v in metadata.iter("version")] == [VERSION]
    assert metadata.findtext("./versioning/release") == VERSION and metadata.findtext("./versioning/lastUpdated") == "20260101000000"


# -- the helper, from outside the checkout --------------------------------------------------------------


def test_an_outside_program_runs_the_helper_over_every_vector(outside: str, tmp_path: Path) -> None:
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    result = vector_check(outside, write_tsv(vectors, tmp_path / "vectors.tsv"))
    assert result.returncode == 0, result.stderr
    values = sum(len(e["values"]) for e in vectors["enums"])
    assert result.stdout.strip() == f"VectorCheck: 74 enums, {values} values verified"


@pytest.mark.parametrize(
    ("field", "bad", "complaint"),
    [
        ("graphql_value", "CANCELLED", "kraken.enums.v1.ReferralStatusChoices 1 graphql_value: vectors say CANCELLED, the helper says Cancelled"),
        ("proto_name", "REFERRAL_STATUS_CHOICES_CANCELED", "kraken.enums.v1.ReferralStatusChoices 1 proto name: vectors say REFERRAL_STATUS_CHOICES_CANCELED"),
        ("deprecated", True, "kraken.enums.v1.ReferralStatusChoices 1 deprecated: vectors say true, the helper says false"),
    ],
)
def test_the_java_vector_check_fails_on_a_corrupt_vector(outside: str, tmp_path: Path, field: str, bad: object, complaint: str) -> None:
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    enum = next(e for e in vectors["enums"] if e["graphql_name"] == "ReferralStatusChoices")
    enum["values"][1][field] = bad
    result = vector_check(outside, write_tsv(vectors, tmp_path / "vectors.tsv"))
    assert result.returncode == 1
    assert complaint in result.stderr


def test_the_java_vector_check_fails_when_an_enum_is_missing_from_the_vectors(outside: str, tmp_path: Path) -> None:
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    vectors["enums"] = [e for e in vectors["enums"] if e["graphql_name"] != "AccountStatus"]
    result = vector_check(outside, write_tsv(vectors, tmp_path / "vectors.tsv"))
    assert result.returncode == 1
    assert "enumNames(): vectors say [" in result.stderr
    assert "kraken.enums.v1.AccountStatus value count: vectors say 0" in result.stderr


def test_java_and_python_give_the_same_answers_and_the_same_errors_word_for_word(outside: str, tmp_path: Path) -> None:
    # Java's toGraphQL takes an int, as protobuf's enum numbers are int32: 2**31 cannot even be passed.
    inputs = [c for c in cases() if not (isinstance(c[2], int) and not -(2**31) <= c[2] < 2**31)]
    got = probe(outside, inputs, tmp_path)
    assert len(got) == len(inputs) > 5000
    mismatches = [(i, g, p) for i, g, p in zip(inputs, got, (python_result(*i) for i in inputs), strict=True) if g != p]
    assert mismatches == [], f"{len(mismatches)} of {len(inputs)} differ, e.g. {mismatches[:5]}"
    assert sum(1 for r in got if r[0] == "UnknownEnumValueError" and "; closest: " in r[1]) > 1000


@pytest.mark.parametrize("op", ["fromGraphQL", "fromProtoName"])
def test_java_quotes_every_kind_of_character_as_pythons_repr_does(outside: str, tmp_path: Path, op: str) -> None:
    """Quotes, escapes, and each Unicode category Python's repr() prints or escapes (non-BMP included)."""
    odd = ["'", '"', "'\"", "\\", "\x7f", "\x1b", "\x85", "\xa0", "\xad", "\u200b", "\u2028", "\u3000x", "\ue000", "\u0378", "\U0001f600", "\U000e0001"]
    odd += ["\U0010fffd", "ǅ", "İ", "ß", "ﬀ", "x\u0301", "Ⅻ", "\ufeffACTIVE", " ACTIVE\u2029", "ACTIVE\x1c", "active\u00a0"]
    calls: list[tuple[str, str, Any]] = [("AccountStatus", op, text) for text in odd]
    assert probe(outside, calls, tmp_path) == [python_result(*c) for c in calls]


def test_an_unknown_enum_name_gets_pythons_error_but_for_what_java_accepts(outside: str, tmp_path: Path) -> None:
    """Python's get() also takes a generated class or a descriptor; Java's get(String) names only the two names."""
    names = [n for e in json.loads(VECTORS.read_text(encoding="utf-8"))["enums"][:20] for n in (e["graphql_name"], e["full_name"])]
    odd = ["", " ", "nope", "Café", "it's", "😀", "x" * 250, "kraken.enums.v1.", "KRAKEN.ENUMS.V1.ACCOUNTSTATUS"]
    keys = [t for n in names for t in (n.lower(), n[:-1], n + "s", f" {n}", n.replace("Status", "State"))] + odd
    got = probe(outside, [("-", "get", k) for k in keys], tmp_path)

    def python(key: str) -> list[Any]:
        try:
            return ["ok", kraken_proto.get(key).graphql_name]
        except UnknownEnumError as exc:
            python_words = "(give a GraphQL name, a full proto name, a generated enum class or its descriptor)"
            assert python_words in str(exc)
            return ["UnknownEnumError", str(exc).replace(python_words, "(give a GraphQL name or a full proto name)")]

    assert got == [python(k) for k in keys]
    assert sum(1 for r in got if "; did you mean " in r[1]) > 100


def test_the_helper_api_does_what_each_hand_written_expectation_says(outside: str) -> None:
    """tests/java/ApiCheck.java: typed calls, a newer contract's descriptor, a foreign enum, the exceptions' fields."""
    result = run([tool("java"), "-cp", outside, "ApiCheck"])
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"ApiCheck: \d+ checks passed\n", result.stdout)


def test_the_helper_compiles_without_a_single_javac_lint_warning(maven: tuple[Path, list[Path]], tmp_path: Path) -> None:
    identity = load_identity(ROOT)
    with zipfile.ZipFile(jar_of(maven[0], identity, "-sources")) as sources:
        helper = [n for n in sources.namelist() if re.fullmatch(r"io/github/krakenproto/\w+\.java", n)]
        assert len(helper) == len(list(HELPER.glob("*.java"))) + 1  # and EnumFiles, written by the build
        sources.extractall(tmp_path / "src", members=helper)
    classpath = f"{jar_of(maven[0], identity)}:{PROTOBUF_JAR}"
    args = ["--release", "17", "-encoding", "UTF-8", "-Xlint:all", "-Werror", "-cp", classpath, "-d", str(tmp_path / "classes")]
    javac = run([tool("javac"), *args, *(str(tmp_path / "src" / n) for n in helper)])
    assert javac.returncode == 0, javac.stderr


def test_the_java_in_docs_languages_compiles_against_the_jar_and_runs(outside: str) -> None:
    result = run([tool("java"), "-cp", outside, "Example"])
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Cancelled 1 ReferralStatusChoices\n"
        "'CANCELLED' is not a value of ReferralStatusChoices: strings are exact and case-sensitive; closest: 'Cancelled'\n"
        "ACTIVE ACCOUNT_STATUS_ACTIVE 74\n"
    )


# -- Maven itself, offline ---------------------------------------------------------------------------------

DEBIAN_MAVEN_REPO = Path("/usr/share/maven-repo")
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.5.0"  # Debian bookworm's
MAVEN_PACKAGES = "maven libmaven-dependency-plugin-java junit4"


def mvn_get(repository: Path, scratch: Path) -> subprocess.CompletedProcess[str]:
    """``mvn dependency:get`` of the artifact, transitively, offline: the layout is a ``file://`` repository
    with a failing checksum policy, and everything else (the plugin, protobuf-java) comes from Debian's
    ``/usr/share/maven-repo`` as a mirror of every other repository, so nothing can be downloaded."""
    group, artifact_id, version = DEPENDENCY_PLUGIN.split(":")
    if not (DEBIAN_MAVEN_REPO / Path(*group.split(".")) / artifact_id / version).is_dir():
        pytest.fail(f"Debian's Maven plugins are missing: bash .ci/run installs them (apt-get install {MAVEN_PACKAGES})")
    settings = scratch / "settings.xml"
    settings.write_text(
        f"""<settings>
  <localRepository>{scratch / "local"}</localRepository>
  <offline>true</offline>
  <mirrors>
    <mirror><id>debian</id><mirrorOf>*,!kraken-proto</mirrorOf><url>{DEBIAN_MAVEN_REPO.as_uri()}</url></mirror>
  </mirrors>
  <profiles>
    <profile>
      <id>kraken-proto</id>
      <repositories>
        <repository><id>kraken-proto</id><url>{repository.as_uri()}</url><releases><checksumPolicy>fail</checksumPolicy></releases></repository>
      </repositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>kraken-proto</activeProfile></activeProfiles>
</settings>
""",
        encoding="utf-8",
    )
    artifact = f"-Dartifact=io.github.krakenproto:kraken-proto:{VERSION}"
    # aether.offline.protocols: offline, Maven still reads file:// repositories (and nothing else).
    args = [tool("mvn"), "-B", "-q", "-s", str(settings), "-Daether.offline.protocols=file", f"{DEPENDENCY_PLUGIN}:get", artifact, "-Dtransitive=true"]
    return run(args, cwd=scratch)


def test_maven_resolves_the_layout_offline_with_protobuf_java_and_the_docs_example_runs_on_what_it_resolved(
    maven: tuple[Path, list[Path]], outside: str, tmp_path: Path
) -> None:
    result = mvn_get(maven[0] / "maven", tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
    local = tmp_path / "local"
    jar = local / "io" / "github" / "krakenproto" / "kraken-proto" / VERSION / f"kraken-proto-{VERSION}.jar"
    assert jar.read_bytes() == jar_of(maven[0], load_identity(ROOT)).read_bytes()
    protobuf = local / "com" / "google" / "protobuf" / "protobuf-java" / "3.21.12" / "protobuf-java-3.21.12.jar"  # the POM's dependency
    assert protobuf.is_file()
    example = outside.split(":")[0]  # the compiled programs, run on the two jars Maven resolved
    ran = run([tool("java"), "-cp", f"{example}:{jar}:{protobuf}", "Example"])
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith("Cancelled 1 ReferralStatusChoices\n")


def test_maven_refuses_a_jar_that_does_not_match_its_checksum(maven: tuple[Path, list[Path]], tmp_path: Path) -> None:
    repository = tmp_path / "repository"
    shutil.copytree(maven[0] / "maven", repository)
    jar = repository / "io" / "github" / "krakenproto" / "kraken-proto" / VERSION / f"kraken-proto-{VERSION}.jar"
    jar.write_bytes(jar.read_bytes() + b"\0")
    (tmp_path / "scratch").mkdir()
    result = mvn_get(repository, tmp_path / "scratch")
    assert result.returncode != 0
    assert f"Could not transfer artifact io.github.krakenproto:kraken-proto:jar:{VERSION}" in result.stdout
    assert "Checksum validation failed, expected" in result.stdout


# -- another publisher's identity, and bad input ---------------------------------------------------------


def test_the_helper_source_names_its_package_prefix_only_in_package_and_import_lines() -> None:
    """What lets the build move the helper to another identity's package by rewriting those lines alone."""
    for path in sorted(HELPER.glob("*.java")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "io.github.krakenproto" in line or "io/github/krakenproto" in line:
                assert re.match(r"(package|import) io\.github\.krakenproto[.;]", line), f"{path.name}:{number}: {line}"


def test_another_identity_moves_every_class_and_name_and_the_helper_still_works(tmp_path: Path) -> None:
    build_maven(root=ROOT, out=tmp_path, version=VERSION, identity=OTHER, epoch=EPOCH)
    jar, sources = jar_of(tmp_path, OTHER), jar_of(tmp_path, OTHER, "-sources")
    pom = artifact_dir(tmp_path, OTHER) / VERSION / f"acme-kraken-enums-{VERSION}.pom"
    for archive in (jar, sources):
        with zipfile.ZipFile(archive) as z:
            for name in z.namelist():
                assert name.startswith(("META-INF/", "com/", "kraken/")), name
                data = z.read(name)
                assert b"krakenproto" not in data and b"kraken-proto/" not in data, name
            assert "com/example/acme/kraken/KrakenProto" + (".class" if archive == jar else ".java") in z.namelist()
    text = pom.read_text(encoding="utf-8")
    assert "krakenproto" not in text and "placeholder" not in text
    assert "<groupId>com.example.acme</groupId>" in text and "<url>https://git.example.com/acme/kraken-enums</url>" in text
    # The outside probe, its imports moved to the new package, gives the same error as with the default identity.
    program = (PROGRAMS / "Probe.java").read_text(encoding="utf-8").replace("import io.github.krakenproto.", "import com.example.acme.kraken.")
    (tmp_path / "Probe.java").write_text(program, encoding="utf-8")
    classpath = f"{tmp_path}:{jar}:{PROTOBUF_JAR}"
    javac = run([tool("javac"), "-encoding", "UTF-8", "-cp", classpath, "-d", str(tmp_path), str(tmp_path / "Probe.java")])
    assert javac.returncode == 0, javac.stderr
    calls: list[tuple[str, str, Any]] = [("ReferralStatusChoices", "fromGraphQL", "CANCELLED"), ("ReferralStatusChoices", "toGraphQL", 1)]
    assert probe(classpath, calls, tmp_path) == [python_result(*c) for c in calls]


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda text: text.replace("package io.github.krakenproto;", "package io.github.other;"), "the first line is not 'package io.github.krakenproto;'"),
        (lambda text: text.replace("public final class KrakenProto {", "public final class KrakenProto {{"), "javac failed: "),
    ],
    ids=["wrong-package-line", "does-not-compile"],
)
def test_a_broken_helper_source_is_one_error_and_writes_nothing(tmp_path: Path, breakage: Any, message: str) -> None:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(ROOT / "generated", root / "generated")
    for name in ("buf.yaml", "pyproject.toml"):
        shutil.copy2(ROOT / name, root / name)
    shutil.copytree(ROOT / "proto", root / "proto")
    shutil.copytree(ROOT / "java", root / "java")
    source = root / "java" / "src" / "main" / "java" / "io" / "github" / "krakenproto" / "KrakenProto.java"
    source.write_text(breakage(source.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(GenerateError) as caught:
        build_maven(root=root, out=tmp_path / "dist", version=VERSION, identity=OTHER, epoch=EPOCH)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "dist").exists()
