"""``file_descriptor_set()`` and ``kraken-proto export-descriptors``: what schema registries and other languages load."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

import kraken_proto
from kraken_proto.generator.pipeline import load_upstream

from .conftest import ROOT
from .consumer import FILES, protoc

Cli = Callable[..., subprocess.CompletedProcess[str]]
UPSTREAM = {e.graphql_name: [v.graphql_value for v in e.values] for e in load_upstream(ROOT).enums}


def documented_strings_from(data: bytes) -> dict[str, list[str]]:
    """Every enum's graphql_value options, read as a tool that has nothing but the bytes would read them.

    A fresh pool, the extension found in it by name, the options decoded with that pool's own classes:
    neither kraken_proto nor its generated modules are consulted.
    """
    files = descriptor_pb2.FileDescriptorSet.FromString(data)
    pool = descriptor_pool.DescriptorPool()
    for file in files.file:
        pool.Add(file)
    extension: Any = pool.FindExtensionByName("kraken.enums.v1.graphql_value")
    name_option: Any = pool.FindExtensionByName("kraken.enums.v1.graphql_name")
    value_options = message_factory.GetMessageClass(pool.FindMessageTypeByName("google.protobuf.EnumValueOptions"))
    enum_options = message_factory.GetMessageClass(pool.FindMessageTypeByName("google.protobuf.EnumOptions"))
    found: dict[str, list[str]] = {}
    for file in files.file:
        if not file.name.startswith("kraken/"):
            continue
        for enum in pool.FindFileByName(file.name).enum_types_by_name.values():
            name = enum_options.FromString(enum.GetOptions().SerializeToString()).Extensions[name_option]
            found[name] = [value_options.FromString(v.GetOptions().SerializeToString()).Extensions[extension] for v in enum.values if v.number]
    return found


def test_the_descriptor_set_holds_every_file_of_the_contract_with_its_imports_dependencies_first() -> None:
    files = descriptor_pb2.FileDescriptorSet.FromString(kraken_proto.file_descriptor_set()).file
    names = [f.name for f in files]
    on_disk = sorted(p.relative_to(ROOT / "proto").as_posix() for p in (ROOT / "proto").rglob("*.proto"))
    assert sorted(n for n in names if n.startswith("kraken/")) == on_disk
    assert "google/protobuf/descriptor.proto" in names
    assert len(names) == len(set(names)) == len(on_disk) + 1
    for index, file in enumerate(files):
        assert set(file.dependency) <= set(names[:index]), f"{file.name} comes before its imports"


def test_a_fresh_pool_loaded_from_the_set_reads_every_documented_string_from_the_options() -> None:
    assert documented_strings_from(kraken_proto.file_descriptor_set()) == UPSTREAM


def test_export_descriptors_writes_the_set_to_a_file(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "kraken.binpb"
    result = cli("export-descriptors", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == kraken_proto.file_descriptor_set()
    assert documented_strings_from(out.read_bytes()) == UPSTREAM


def test_export_descriptors_to_an_unwritable_path_fails_in_one_line(cli: Cli, tmp_path: Path) -> None:
    result = cli("export-descriptors", "-o", str(tmp_path / "missing" / "kraken.binpb"))
    assert result.returncode == 1
    assert result.stderr.startswith("kraken-proto: error:") and result.stderr.count("\n") == 1
    assert "missing" in result.stderr and "Traceback" not in result.stderr


def test_protoc_compiles_a_consumer_against_the_exported_set_without_our_proto_sources(cli: Cli, tmp_path: Path) -> None:
    exported = tmp_path / "kraken.binpb"
    assert cli("export-descriptors", "-o", str(exported)).returncode == 0
    empty = tmp_path / "no-protos-here"
    empty.mkdir()
    out = tmp_path / "consumer.binpb"
    result = protoc(f"--descriptor_set_in={exported}", f"-o{out}", *FILES, include=empty)
    assert result.returncode == 0, result.stderr
    compiled = descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes())
    assert sorted(f.name for f in compiled.file) == sorted(FILES)
    event = next(m for f in compiled.file for m in f.message_type if m.name == "AccountEvent")
    assert {f.name: f.type_name for f in event.field}["status"] == ".kraken.enums.v1.AccountStatus"


def test_export_descriptors_to_dash_writes_the_bytes_to_standard_output() -> None:
    result = subprocess.run([sys.executable, "-m", "kraken_proto", "export-descriptors", "-o", "-"], capture_output=True, timeout=60)
    assert result.returncode == 0 and result.stdout == kraken_proto.file_descriptor_set()
