"""The compatibility claims of docs/event-schemas.md, across two real versions of the contract.

The newer version is made as a maintainer makes one: a copy of the project whose upstream document lists
one more value (``DELAYED``, appended to ``APIBrownoutStatus``), run through ``kraken-proto generate``; its
schemas are exported by the copy's own CLI, from the copy's regenerated descriptors. Then fastavro
resolves data between the two Avro versions in both directions (what the registry's BACKWARD and FORWARD
levels promise), and jsonschema validates each version's values against the other version's document.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import fastavro
import pytest
from fastavro.read import SchemaResolutionError
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .conftest import ROOT, copy_project, run_cli

ENUM = "APIBrownoutStatus"
AVSC = f"kraken.enums.v1.{ENUM}.avsc"
ENUM_ID = f"urn:kraken-proto:kraken.enums.v1.{ENUM}"
OLD_SYMBOLS = ["__UNSPECIFIED", "ABORTED", "CANCELLED", "COMPLETED", "IN_PROGRESS", "SCHEDULED"]


class Version(NamedTuple):
    avro: Path
    json_schema: dict[str, Any]


def export(root: Path, out: Path, *, python_path: Path | None = None) -> Version:
    """``export-avro`` and ``export-jsonschema`` by the CLI of ``root``'s contract."""
    env = {"PATH": "/usr/bin:/bin"}
    if python_path is not None:  # the copy's kraken_proto and gen/ win over the editable install
        env["PYTHONPATH"] = f"{python_path}:{python_path / 'gen'}"
    for args in (["export-avro", "-o", str(out / "avro")], ["export-jsonschema", "-o", str(out / "kraken.schema.json")]):
        result = subprocess.run([sys.executable, "-m", "kraken_proto", *args], cwd=root, env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
    return Version(out / "avro", json.loads((out / "kraken.schema.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Version, Version]:
    base = tmp_path_factory.mktemp("evolution")
    project = copy_project(base / "project")
    document = project / "upstream" / "kraken-graphql-enums.txt"
    text = document.read_text(encoding="utf-8")
    anchor = 'SCHEDULED\nExample\n"SCHEDULED"'  # the end of APIBrownoutStatus, the document's first enum
    assert text.index(anchor) < text.index("APIExceptionResolutionStatus")
    document.write_text(text.replace(anchor, 'SCHEDULED\nDELAYED\nExample\n"SCHEDULED"', 1), encoding="utf-8")
    result = run_cli("generate", "--root", str(project))
    assert result.returncode == 0, result.stderr
    return export(ROOT, base / "old"), export(project, base / "new", python_path=project)


def avro(version: Version, name: str = AVSC) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((version.avro / name).read_text(encoding="utf-8"))
    return loaded


def roundtrip(datum: str, writer: dict[str, Any], reader: dict[str, Any]) -> Any:
    """Confluent's wire format in miniature: the datum without a header, read with the writer's and the reader's schema."""
    buffer = io.BytesIO()
    fastavro.schemaless_writer(buffer, fastavro.parse_schema(writer), datum)
    buffer.seek(0)
    return fastavro.schemaless_reader(buffer, fastavro.parse_schema(writer), fastavro.parse_schema(reader))


# -- Avro ------------------------------------------------------------------------------------------------


def test_the_newer_contract_appends_one_symbol_and_changes_no_other_schema(versions: tuple[Version, Version]) -> None:
    old, new = versions
    assert avro(old)["symbols"] == OLD_SYMBOLS
    assert avro(new)["symbols"] == [*OLD_SYMBOLS, "DELAYED"]
    assert {k: v for k, v in avro(new).items() if k != "symbols"} == {k: v for k, v in avro(old).items() if k != "symbols"}
    others = sorted(p.name for p in old.avro.iterdir() if p.name != AVSC)
    assert len(others) == 73
    assert all((old.avro / name).read_bytes() == (new.avro / name).read_bytes() for name in others)


def test_forward_data_written_with_the_newer_schema_reads_through_the_older_one_and_the_new_value_lands_on_the_default(
    versions: tuple[Version, Version],
) -> None:
    old, new = versions
    assert roundtrip("DELAYED", avro(new), avro(old)) == "__UNSPECIFIED"
    for symbol in OLD_SYMBOLS:
        assert roundtrip(symbol, avro(new), avro(old)) == symbol


def test_forward_an_avro_container_file_of_newer_events_reads_with_the_older_reader_schema(versions: tuple[Version, Version]) -> None:
    old, new = versions
    record = {"type": "record", "name": "Brownout", "namespace": "acme.test", "fields": [{"name": "status", "type": avro(new)}]}
    reader = {**record, "fields": [{"name": "status", "type": avro(old)}]}
    buffer = io.BytesIO()
    fastavro.writer(buffer, fastavro.parse_schema(record), [{"status": s} for s in avro(new)["symbols"][1:]])
    buffer.seek(0)
    read = []
    for r in fastavro.reader(buffer, reader_schema=fastavro.parse_schema(reader)):
        assert isinstance(r, dict)  # a record schema reads as dicts (fastavro types every datum as any Avro value)
        read.append(r["status"])
    assert read == [*OLD_SYMBOLS[1:], "__UNSPECIFIED"]


def test_backward_data_written_with_the_older_schema_reads_through_the_newer_one_unchanged(versions: tuple[Version, Version]) -> None:
    old, new = versions
    for symbol in OLD_SYMBOLS:
        assert roundtrip(symbol, avro(old), avro(new)) == symbol


def test_without_the_default_an_older_reader_fails_on_the_new_symbol(versions: tuple[Version, Version]) -> None:
    """Why every exported enum carries a default: Avro fails resolution instead (the registry's FORWARD check rejects the change)."""
    old, new = versions
    no_default = {k: v for k, v in avro(old).items() if k != "default"}
    with pytest.raises(SchemaResolutionError):
        roundtrip("DELAYED", avro(new), no_default)


def test_a_deleted_symbol_would_read_as_the_default_so_old_events_would_lose_their_value(versions: tuple[Version, Version]) -> None:
    """Why values are never deleted: with the default, Avro would accept the deletion and silently map the value away."""
    old, _ = versions
    deleted = {**avro(old), "symbols": [s for s in OLD_SYMBOLS if s != "ABORTED"]}
    assert roundtrip("ABORTED", avro(old), deleted) == "__UNSPECIFIED"


# -- JSON Schema -----------------------------------------------------------------------------------------


def validator(version: Version, ref: str) -> Draft202012Validator:
    document = version.json_schema
    registry: Registry[Any] = Registry().with_resource(document["$id"], Resource.from_contents(document)).crawl()
    return Draft202012Validator({"$ref": ref}, registry=registry)


def test_json_schema_backward_the_newer_definition_accepts_every_value_the_older_accepts(versions: tuple[Version, Version]) -> None:
    old, new = versions
    assert new.json_schema["$defs"][ENUM]["enum"] == [*old.json_schema["$defs"][ENUM]["enum"], "DELAYED"]
    newer = validator(new, ENUM_ID)
    assert all(newer.is_valid(value) for value in old.json_schema["$defs"][ENUM]["enum"])


def test_json_schema_forward_the_older_strict_definition_rejects_the_new_value(versions: tuple[Version, Version]) -> None:
    old, _ = versions
    assert not validator(old, ENUM_ID).is_valid("DELAYED")


def test_json_schema_forward_the_lenient_definitions_accept_the_new_value_and_are_identical_in_both_versions(versions: tuple[Version, Version]) -> None:
    old, new = versions
    assert validator(old, f"{ENUM_ID}.lenient").is_valid("DELAYED")
    lenient = {k: v for k, v in old.json_schema["$defs"].items() if k.endswith(".lenient")}
    assert len(lenient) == 74
    assert lenient == {k: v for k, v in new.json_schema["$defs"].items() if k.endswith(".lenient")}


def test_json_schema_only_the_changed_enum_differs_between_the_versions(versions: tuple[Version, Version]) -> None:
    old, new = versions
    changed = {k for k in old.json_schema["$defs"] if old.json_schema["$defs"][k] != new.json_schema["$defs"][k]}
    assert changed == {ENUM}
    assert {k: v for k, v in old.json_schema.items() if k != "$defs"} == {k: v for k, v in new.json_schema.items() if k != "$defs"}
