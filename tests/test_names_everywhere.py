"""Every name that ``generate`` accepts works in every output, or ``generate`` stops with one line and the fix.

One schema feeds Python (``_pb2``, ``.pyi``, ``kraken_proto.enums``, ``kraken_proto.graphql``), TypeScript,
Go, Java, Avro and JSON Schema, so a name that one of them cannot take has to be refused (or renamed by the
naming rule) before anything is written. ``ACCEPTED`` is a table of awkward names: the generated Python
modules' own names, protoc's, builtins and keywords of every language, the suffixes protoc-gen-es, protoc's
Java and the go tool treat specially, names equal ignoring case or ``_``. One scratch copy generates them all
at once, with exactly the corrections ``generate`` asks for, and then each real consumer runs once: Python
import, mypy, tsc, ``go build`` and ``go list``, javac, both exports. ``REFUSED`` holds the names no
correction can make work (GraphQL names are never renamed in the outputs); each stops ``merge`` in one line.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from kraken_proto.generator import buf
from kraken_proto.generator.committed import read_committed
from kraken_proto.generator.errors import GenerateError
from kraken_proto.generator.model import Contract, UpstreamDocument, UpstreamEnum, UpstreamValue
from kraken_proto.generator.numbering import merge

from .conftest import ROOT, copy_project, run_python
from .test_go import DEBIAN_PROTOBUF, go, go_env
from .test_java import PROTOBUF_JAR, tool
from .test_typescript import TSC, node

LONGEST = "L" + "ong" * 33  # 100 characters: the longest enum name generate takes
# Enum name -> its values (GraphQL strings). Each name is accepted, perhaps after the correction generate asks for.
ACCEPTED: dict[str, tuple[str, ...]] = {
    # the generated Python modules' own names, and protoc's (DESCRIPTOR)
    "Any": ("A",),
    "PACKAGE": ("A",),
    "GraphQLEnum": ("A",),
    "MODULES": ("A",),
    "TYPE_CHECKING": ("A",),
    "annotations": ("A",),
    "import_module": ("A",),
    "DESCRIPTOR": ("A",),
    "_MODULES": ("A",),
    "_ALIASES": ("A",),
    "_typing": ("A",),
    "_builtins": ("A",),
    "_graphql_enum": ("A",),
    "_lazy_enums": ("A",),
    "__getattr__": ("A",),
    "__all__": ("A",),
    # Python keywords, soft keywords, builtins, modules the stubs import
    "None": ("A",),
    "class": ("A",),
    "match": ("A",),
    "type": ("A",),
    "str": ("A",),
    "dict": ("A",),
    "bool": ("A",),
    "KeyError": ("A",),
    "AttributeError": ("A",),
    "globals": ("A",),
    "getattr": ("A",),
    "builtins": ("A",),
    "typing": ("A",),
    "google": ("A",),
    # names the generated code of each language imports or declares beside the enum
    "ValueType": ("A",),
    "V": ("A",),
    "EnumTypeWrapper": ("A",),
    "Message": ("A",),
    "EnumDescriptor": ("A",),
    "FileDescriptor": ("A",),
    "NewType": ("A",),
    "GenEnum": ("A",),
    "GenFile": ("A",),
    "Descriptors": ("A",),
    "ProtocolMessageEnum": ("A",),
    "Protoimpl": ("A",),
    # values Python, Java and protobuf treat specially
    "Values": (
        "None",
        "True",
        "match",
        "type",
        "name",
        "value",
        "mro",
        "DESCRIPTOR",
        "X",
        "X_VALUE",
        "UNSPECIFIED_VALUE",
        "Weekly",
        "weekly",
        "unspecified",
        "constructor",
        "toString",
        "valueOf",
        "hasOwnProperty",
        "prototype",
        "UNRECOGNIZED",
        "class",
        "default",
        "_",
        "A_B",
        "A__B",
    ),
    # TypeScript: protoc-gen-es exports <Name>Schema; reserved words and Object's own names
    "AccountStatusSchema": ("A",),
    "Schema": ("A",),
    "SchemaSchema": ("A",),
    "interface": ("A",),
    "delete": ("A",),
    "constructor": ("A",),
    "toString": ("A",),
    "__proto__": ("A",),
    "Proto": ("A",),
    "Promise": ("A",),
    "Symbol": ("A",),
    # Java: <File>Proto outer classes, OuterClass, java.lang names, names equal ignoring case
    "AccountStatusProto": ("A",),
    "ApiBrownoutStatusProto": ("A",),
    "Widget": ("A",),
    "WidgetProto": ("A",),
    "OuterClass": ("A",),
    "Object": ("A",),
    "Character": ("A",),
    "Integer": ("A",),
    "Override": ("A",),
    "Deprecated": ("A",),
    "FooBar": ("A",),
    "Foo_Bar": ("A",),
    "FOOBAR_": ("A",),
    "ACCOUNTSTATUS": ("A",),
    "payment_kind": ("A",),
    "PAYMENT_KIND": ("A",),
    # Go: file names the go tool reads as build constraints; keywords and predeclared names
    "time_windows": ("A",),
    "app_ios": ("A",),
    "x_amd64": ("A",),
    "Thing_linux_test": ("A",),
    "WasmArm64": ("A",),
    "func": ("A",),
    "error": ("A",),
    "iota": ("A",),
    # length
    LONGEST: ("A",),
}

CORRECTION = re.compile(r'\[\[(enum_proto_name|proto_name)\]\] enum = "(\w+)"(?: value = "(\w+)")? proto_name = "(\w+)"')


def document(enums: dict[str, tuple[str, ...]]) -> UpstreamDocument:
    return UpstreamDocument(
        path="names.graphql",
        enums=tuple(
            UpstreamEnum(graphql_name=name, description="", values=tuple(UpstreamValue(graphql_value=v) for v in values), origin=f"names.graphql:{name}")
            for name, values in enums.items()
        ),
    )


@pytest.fixture(scope="module")
def committed() -> Contract:
    return read_committed(ROOT)


def suggested_corrections(committed: Contract) -> tuple[dict[str, str], dict[tuple[str, str], str], list[str]]:
    """Merge ACCEPTED into the released contract, applying exactly the correction each one-line refusal names."""
    enums: dict[str, str] = {}
    values: dict[tuple[str, str], str] = {}
    messages: list[str] = []
    for _ in range(200):
        try:
            merge(document(ACCEPTED), committed, partial=True, proto_names=values, enum_proto_names=enums)
            return enums, values, messages
        except GenerateError as exc:
            message = str(exc)
            messages.append(message)
            assert "\n" not in message
            found = CORRECTION.search(message)
            assert found is not None, message
            table, enum, value, proto_name = found.groups()
            if table == "enum_proto_name":
                assert enum not in enums, message
                enums[enum] = proto_name
            else:
                assert (enum, value) not in values, message
                values[(enum, value)] = proto_name
    raise AssertionError("the corrections never converged")


def sdl(enums: dict[str, tuple[str, ...]]) -> str:
    return "".join(f'"""The {name} enum."""\nenum {name} {{\n' + "".join(f"  {v}\n" for v in values) + "}\n\n" for name, values in enums.items())


def corrections_toml(enums: dict[str, str], values: dict[tuple[str, str], str]) -> str:
    lines = [f'\n[[enum_proto_name]]\nenum = "{e}"\nproto_name = "{p}"\nreason = "A clash the naming rule found."\n' for e, p in enums.items()]
    lines += [f'\n[[proto_name]]\nenum = "{e}"\nvalue = "{v}"\nproto_name = "{p}"\nreason = "A clash the naming rule found."\n' for (e, v), p in values.items()]
    return "".join(lines)


def python_env(project: Path) -> dict[str, str]:
    return {"PYTHONPATH": f"{project}{os.pathsep}{project / 'gen'}", "PATH": os.environ.get("PATH", "")}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory, committed: Contract) -> tuple[Path, list[str]]:
    """A scratch copy that generated every accepted name at once; and the refusals met on the way."""
    enums, values, messages = suggested_corrections(committed)
    project = copy_project(tmp_path_factory.mktemp("names") / "project")
    with (project / "upstream" / "corrections.toml").open("a", encoding="utf-8") as file:
        file.write(corrections_toml(enums, values))
    (project / "names.graphql").write_text(sdl(ACCEPTED), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "kraken_proto", "generate", "--root", str(project), "--source", str(project / "names.graphql"), "--partial"],
        cwd=project,
        env=python_env(project),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return project, messages


def test_each_clash_is_refused_in_one_line_naming_the_enum_and_the_correction_that_resolves_it(generated: tuple[Path, list[str]]) -> None:
    _project, messages = generated
    said = "\n".join(messages)
    for expected in (
        # TypeScript: protoc-gen-es's AccountStatusSchema descriptor of the released AccountStatus
        (
            "the enum 'AccountStatusSchema' would get the TypeScript name AccountStatusSchema, which clashes with the TypeScript name "
            "AccountStatusSchema (protoc-gen-es's descriptor of AccountStatus) of 'AccountStatus'"
        ),
        # Java: the outer class of account_status.proto, and of widget.proto
        (
            "the enum 'AccountStatusProto' would get the Java class AccountStatusProto.java, which clashes with the Java class "
            "AccountStatusProto.java (the outer class of account_status.proto) of 'AccountStatus'"
        ),
        "the enum 'ApiBrownoutStatusProto' would get the Java class ApiBrownoutStatusProto.java, which clashes with",
        "the enum 'WidgetProto' would get the Java class WidgetProto.java, which clashes with",
        # Java: one class file on a case-insensitive file system
        "the enum 'FOOBAR_' would get the Java class FOOBAR.java, which clashes with the Java class FooBar.java of 'FooBar'",
        # Java: X and X_VALUE; UNSPECIFIED_VALUE and the zero value's constant
        "in Values, the new value 'X_VALUE' would get the proto name VALUES_X_VALUE, whose Java constant VALUES_X_VALUE is also that of VALUES_X",
        "in Values, the new value 'UNSPECIFIED_VALUE' would get the proto name VALUES_UNSPECIFIED_VALUE, whose Java constant",
        "the enum 'ACCOUNTSTATUS' would get the Java class ACCOUNTSTATUS.java, which clashes with the Java class AccountStatus.java of 'AccountStatus'",
        # one proto name
        "the enum 'Foo_Bar' would get the proto name FooBar, which 'FooBar' already has",
        # Python: __proto__ is exported under its proto name, which is the GraphQL name of Proto
        (
            "the enum 'Proto' is exported in Python under its GraphQL name, which is also the Python name of '__proto__' (its proto name: "
            'Python cannot export \'__proto__\' itself). Add to upstream/corrections.toml: [[enum_proto_name]] enum = "__proto__" proto_name = "ProtoV2"'
        ),
    ):
        assert expected in said, expected
    assert all(message.count("[[") == 1 and "Add to " in message for message in messages)


def test_the_naming_rule_renames_what_one_output_could_not_take(generated: tuple[Path, list[str]]) -> None:
    project, _messages = generated
    files = {p.name for p in (project / "proto/kraken/enums/v1").glob("*.proto")}
    assert {"descriptor_enum.proto", "time_windows_enum.proto", "app_ios_enum.proto", "x_amd64_enum.proto", "thing_linux_test_enum.proto"} <= files
    assert {"wasm_arm64_enum.proto", "schema.proto", "schema_schema_v2.proto"} <= files
    # names the enum's own _pb2 module or its mypy-protobuf stub already uses
    assert {"enum_descriptor_enum.proto", "enum_type_wrapper_enum.proto", "file_descriptor_enum.proto"} <= files
    assert "enum DESCRIPTOREnum {" in (project / "proto/kraken/enums/v1/descriptor_enum.proto").read_text(encoding="utf-8")


def test_no_two_generated_files_differ_only_in_case(generated: tuple[Path, list[str]], java_sources: Path, exports: Path) -> None:
    project, _messages = generated
    trees = [project / "proto", project / "gen", project / "go", java_sources, exports]
    for tree in trees:
        paths = Counter(p.relative_to(tree).as_posix().casefold() for p in tree.rglob("*") if "__pycache__" not in p.parts)
        assert [p for p, n in paths.items() if n > 1] == [], tree
    docs = (project / "docs/generated/enums.md").read_text(encoding="utf-8")
    links = re.findall(r"^- \[\w+\]\(#([\w-]+)\)", docs, flags=re.MULTILINE)
    assert len(links) == len(set(links)) == docs.count("\n## ")
    assert "- [ACCOUNTSTATUS](#accountstatus)" in docs and "- [AccountStatus](#accountstatus-1)" in docs  # GitHub's anchors, in order


PYTHON_PROBE = """
import json, sys, importlib
import kraken_proto, kraken_proto.enums as enums, kraken_proto.graphql as graphql
from google.protobuf.descriptor import EnumDescriptor, FileDescriptor
vectors = json.load(open("gen/kraken-enums-vectors.json"))
count = 0
for e in vectors["enums"]:
    name, full = e["graphql_name"], e["full_name"]
    mapping = kraken_proto.get(name)
    assert mapping.full_name == full and kraken_proto.get(full) is mapping, name
    exported = [n for n in enums.__all__ if getattr(enums, n).DESCRIPTOR.full_name == full]
    assert len(exported) == 1, (name, exported)
    cls = getattr(enums, exported[0])
    assert isinstance(cls.DESCRIPTOR, EnumDescriptor) and kraken_proto.get(cls) is mapping, name
    assert isinstance(sys.modules[cls.DESCRIPTOR.file.name.removesuffix(".proto").replace("/", ".") + "_pb2"].DESCRIPTOR, FileDescriptor), name
    strenum = getattr(graphql, exported[0])
    assert strenum.__graphql_name__ == name, name
    for v in e["values"][1:]:
        assert mapping.from_string(v["graphql_value"]) == v["number"], (name, v)
        assert strenum(v["graphql_value"]).number == v["number"] and strenum.from_number(v["number"]) == v["graphql_value"], (name, v)
        count += 1
assert sorted(dir(enums)) == sorted(set(dir(enums)))
print(len(vectors["enums"]), count)
"""


def test_every_enum_imports_in_python_under_one_name_and_maps_every_value(generated: tuple[Path, list[str]]) -> None:
    project, _messages = generated
    result = run_python(project, PYTHON_PROBE)
    assert result.returncode == 0, result.stderr
    vectors = json.loads((project / "gen/kraken-enums-vectors.json").read_text(encoding="utf-8"))
    assert result.stdout.split() == [str(len(vectors["enums"])), str(sum(len(e["values"]) - 1 for e in vectors["enums"]))]
    assert {e["graphql_name"] for e in vectors["enums"]} >= set(ACCEPTED)


def test_the_generated_python_modules_and_stubs_pass_mypy_strict(generated: tuple[Path, list[str]]) -> None:
    project, _messages = generated
    names = re.findall(r'^    "(\w+)",$', (project / "kraken_proto/_generated/enums.py").read_text(encoding="utf-8"), flags=re.MULTILINE)
    probe = project / "probe_types.py"
    probe.write_text(
        "from kraken_proto import enums, graphql\n\n"
        + "".join(f"x{i}: int = enums.{n}.Value(enums.{n}.keys()[0])\ny{i}: str = graphql.{n}.from_number(1)\n" for i, n in enumerate(names)),
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--config-file",
            os.devnull,
            "probe_types.py",
            "kraken_proto/_generated/enums.py",
            "kraken_proto/_generated/graphql.py",
        ],
        cwd=project,
        env=python_env(project) | {"MYPYPATH": str(project / "gen")},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:]  # mypy follows the imports into every *_pb2.pyi and reports its errors too


def test_the_typescript_build_takes_every_enum_and_its_schema(generated: tuple[Path, list[str]], tmp_path: Path) -> None:
    project, _messages = generated
    box = tmp_path / "ts"
    box.mkdir()
    for name in ("tsconfig.json", "package.json"):
        shutil.copy2(ROOT / name, box / name)
    shutil.copytree(ROOT / "ts", box / "ts", ignore=shutil.ignore_patterns("*.test.ts"))
    shutil.copytree(project / "gen", box / "gen")
    (box / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    tsc = subprocess.run([node(), str(TSC), "-p", "tsconfig.json"], cwd=box, capture_output=True, text=True, timeout=600)
    assert tsc.returncode == 0, tsc.stdout[-4000:] + tsc.stderr[-2000:]
    (box / "probe.mjs").write_text(
        'import * as all from "./build/ts/gen/ts/kraken/enums/v1/index.js";\n'
        'const names = Object.values(all).filter((e) => e && e.kind === "enum").map((e) => e.typeName);\n'
        "console.log(JSON.stringify(names));\n",
        encoding="utf-8",
    )
    result = subprocess.run([node(), "probe.mjs"], cwd=box, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    vectors = json.loads((project / "gen/kraken-enums-vectors.json").read_text(encoding="utf-8"))
    assert sorted(json.loads(result.stdout)) == sorted(e["full_name"] for e in vectors["enums"])


def test_go_builds_every_file_for_every_platform(generated: tuple[Path, list[str]], tmp_path: Path) -> None:
    project, _messages = generated
    (tmp_path / "go.work").write_text(f"go 1.18\n\nuse {project / 'go'}\n\nreplace google.golang.org/protobuf => {DEBIAN_PROTOBUF}\n", encoding="utf-8")
    env = go_env(tmp_path)
    built = subprocess.run([go(), "build", "./..."], cwd=project / "go", env=env, capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stderr[-4000:]
    listed = subprocess.run(
        [go(), "list", "-f", "{{.Dir}} {{.IgnoredGoFiles}} {{len .GoFiles}}", "./kraken/..."],
        cwd=project / "go",
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert listed.returncode == 0, listed.stderr
    (line,) = listed.stdout.splitlines()
    _dir, ignored, count = line.rsplit(" ", 2)
    assert ignored == "[]"
    assert int(count) == len(list((project / "go/kraken/enums/v1").glob("*.pb.go")))


@pytest.fixture(scope="module")
def java_sources(generated: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    project, _messages = generated
    tool("protoc")
    out = tmp_path_factory.mktemp("java")
    result = subprocess.run(
        [buf.executable(), "generate", "--template", "generated/buf.gen.java.yaml", "-o", str(out)],
        cwd=project,
        env=dict(os.environ, PATH=buf.tool_path()),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return out / "build" / "java"


def test_javac_compiles_every_enum(java_sources: Path, tmp_path: Path) -> None:
    sources = sorted(map(str, java_sources.rglob("*.java")))
    javac = subprocess.run(
        [tool("javac"), "-encoding", "UTF-8", "-nowarn", "-cp", str(PROTOBUF_JAR), "-d", str(tmp_path), *sources], capture_output=True, text=True, timeout=900
    )
    assert javac.returncode == 0, javac.stderr[-4000:]


@pytest.fixture(scope="module")
def exports(generated: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    project, _messages = generated
    out = tmp_path_factory.mktemp("exports")
    for command, target in (("export-avro", out / "avro"), ("export-jsonschema", out / "kraken.schema.json")):
        result = subprocess.run(
            [sys.executable, "-m", "kraken_proto", command, "-o", str(target)],
            cwd=project,
            env=python_env(project),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
    return out


def test_both_exports_take_every_enum(generated: tuple[Path, list[str]], exports: Path) -> None:
    import fastavro

    project, _messages = generated
    vectors = json.loads((project / "gen/kraken-enums-vectors.json").read_text(encoding="utf-8"))
    avro = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (exports / "avro").glob("*.avsc")}
    twins = Counter(e["graphql_name"].casefold() for e in vectors["enums"])
    # named after the GraphQL name, or after the proto full name where GraphQL names are equal ignoring case
    assert sorted(avro) == sorted(
        f"{e['full_name'] if twins[e['graphql_name'].casefold()] > 1 else 'kraken.enums.v1.' + e['graphql_name']}.avsc" for e in vectors["enums"]
    )
    assert {
        "kraken.enums.v1.ACCOUNTSTATUSV2.avsc",
        "kraken.enums.v1.AccountStatus.avsc",
        "kraken.enums.v1.PAYMENTKINDV2.avsc",
        "kraken.enums.v1.PaymentKind.avsc",
    } <= set(avro)
    assert sorted(s["name"] for s in avro.values()) == sorted(e["graphql_name"] for e in vectors["enums"])
    for schema in avro.values():
        fastavro.parse_schema(schema)
    schema = json.loads((exports / "kraken.schema.json").read_text(encoding="utf-8"))
    assert {e["graphql_name"] for e in vectors["enums"]} <= set(schema["$defs"])


# GraphQL names that no correction can make work: each stops merge in one line naming it and what to do.
REFUSED = [
    ({"int": ("A",)}, "the enum 'int' is an Avro primitive type name"),
    ({"string": ("A",)}, "the enum 'string' is an Avro primitive type name"),
    ({"L" + "ong" * 33 + "s": ("A",)}, "characters long; file names made from it would pass the file systems' limit, so generate takes at most 100"),
    ({"Weird": ("__UNSPECIFIED",)}, "in Weird, the value '__UNSPECIFIED' starts with '__'"),
    ({"Weird": ("A", "__typename")}, "in Weird, the value '__typename' starts with '__'"),
]


@pytest.mark.parametrize(("enums", "expected"), REFUSED, ids=["int", "string", "101-characters", "__UNSPECIFIED", "__typename"])
def test_names_no_correction_can_fix_stop_merge_in_one_line_saying_what_to_do(committed: Contract, enums: dict[str, tuple[str, ...]], expected: str) -> None:
    with pytest.raises(GenerateError) as stopped:
        merge(document(enums), committed, partial=True)
    message = str(stopped.value)
    assert expected in message and "\n" not in message
    assert "no correction can rename" in message and "leave the" in message and "out of the source" in message


@pytest.mark.parametrize("override", ["DESCRIPTOR", "EnumTypeWrapper", "L" + "ong" * 33 + "s"])
def test_an_enum_proto_name_correction_that_an_output_cannot_take_is_refused(committed: Contract, override: str) -> None:
    with pytest.raises(GenerateError, match=r"\[\[enum_proto_name\]\] for Gadget: .* is not a PascalCase proto enum name of at most 100 characters"):
        merge(document({"Gadget": ("A",)}), committed, partial=True, enum_proto_names={"Gadget": override})


def test_generate_refuses_a_too_long_name_in_one_line_and_changes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    before = {p: p.read_bytes() for p in (project / "proto").rglob("*") if p.is_file()}
    (project / "names.graphql").write_text(sdl({"X" * 248: ("A",)}), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "kraken_proto", "generate", "--root", str(project), "--source", str(project / "names.graphql"), "--partial"],
        cwd=project,
        env=python_env(project),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if not line.startswith("kraken-proto: warning:")]
    assert len(errors) == 1 and errors[0].startswith("kraken-proto: ") and "is 248 characters long" in errors[0], result.stderr
    assert {p: p.read_bytes() for p in (project / "proto").rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("name", ["Int", "Float", "String", "Boolean", "ID"])
def test_an_sdl_enum_named_after_a_builtin_scalar_is_refused_not_silently_dropped(tmp_path: Path, name: str) -> None:
    from kraken_proto.generator.errors import SourceError
    from kraken_proto.generator.graphql_schema import read_schema_document

    source = tmp_path / "schema.graphql"
    source.write_text(f"enum Gadget {{\n  A\n}}\n\nenum {name} {{\n  A\n}}\n", encoding="utf-8")
    with pytest.raises(SourceError) as stopped:
        read_schema_document(source)
    assert (
        str(stopped.value) == f"{source}:5: the enum {name!r} has the name of GraphQL's built-in scalar {name}, which no schema may redefine (fix the schema)"
    )
