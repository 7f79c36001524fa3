"""``kraken-proto export-avro``, checked with the field's own Avro implementation (``fastavro``).

The oracle is the committed contract as buf compiles it from ``proto/`` (``read_committed``); the schemas
come from the real CLI. Evolution across two contract versions is in ``test_event_schema_evolution.py``.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import fastavro
import pytest
from fastavro.schema import load_schema

from kraken_proto.export import AvroNameError, EnumFacts, ValueFacts, avro_schemas
from kraken_proto.generator.committed import read_committed
from kraken_proto.generator.model import ContractEnum

from .conftest import ROOT, run_cli

AVRO_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # the Avro specification's grammar for names and symbols


@pytest.fixture(scope="module")
def committed() -> dict[str, ContractEnum]:
    return read_committed(ROOT).by_name()


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("avro") / "schemas"
    result = run_cli("export-avro", "-o", str(directory))
    assert result.returncode == 0, result.stderr
    return directory


def load(directory: Path, name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((directory / f"kraken.enums.v1.{name}.avsc").read_text(encoding="utf-8"))
    return loaded


def test_one_schema_file_per_enum_named_after_its_avro_full_name(exported: Path, committed: dict[str, ContractEnum]) -> None:
    assert sorted(p.name for p in exported.iterdir()) == sorted(f"kraken.enums.v1.{name}.avsc" for name in committed)
    for name in committed:
        schema = load(exported, name)
        assert (schema["type"], schema["name"], schema["namespace"]) == ("enum", name, "kraken.enums.v1")
        parsed = fastavro.parse_schema(schema)
        assert isinstance(parsed, dict) and parsed["name"] == f"kraken.enums.v1.{name}"


def test_symbols_are_the_default_symbol_then_every_graphql_value_in_number_order(exported: Path, committed: dict[str, ContractEnum]) -> None:
    for name, enum in committed.items():
        schema = load(exported, name)
        assert schema["symbols"] == ["__UNSPECIFIED", *(v.graphql_value for v in sorted(enum.values, key=lambda v: v.number))]
        assert schema["default"] == "__UNSPECIFIED"


def test_a_symbols_avro_index_is_its_proto_number_as_docs_event_schemas_says(exported: Path, committed: dict[str, ContractEnum]) -> None:
    """Numbers run 1..N and are never deleted, and __UNSPECIFIED stands at 0 like the zero value."""
    for name, enum in committed.items():
        symbols = load(exported, name)["symbols"]
        assert all(symbols.index(v.graphql_value) == v.number for v in enum.values), name
    assert load(exported, "ReferralStatusChoices")["symbols"].index("Cancelled") == 1


def test_every_graphql_value_is_a_valid_avro_symbol_and_none_can_equal_the_default(committed: dict[str, ContractEnum]) -> None:
    values = [v.graphql_value for enum in committed.values() for v in enum.values]
    assert len(values) == 896
    assert all(AVRO_NAME.fullmatch(v) and not v.startswith("__") for v in values)
    assert all(AVRO_NAME.fullmatch(name) for name in committed)


def test_doc_is_the_description_and_deprecated_values_are_listed_with_their_reasons(exported: Path, committed: dict[str, ContractEnum]) -> None:
    for name, enum in committed.items():
        schema = load(exported, name)
        assert schema.get("doc", "") == enum.description
        assert schema.get("deprecatedSymbols", {}) == {v.graphql_value: v.deprecation_reason for v in enum.values if v.deprecated}
    assert list(load(exported, "PreferencesUnitChoices")["deprecatedSymbols"]) == ["PERCENTAGE_ABSOLUTE", "PERCENTAGE_RELATIVE"]


def test_records_holding_every_symbol_round_trip_through_an_avro_container_file(exported: Path, committed: dict[str, ContractEnum]) -> None:
    for name, enum in committed.items():
        record = fastavro.parse_schema(
            {
                "type": "record",
                "name": "Event",
                "namespace": "acme.test",
                "fields": [
                    {"name": "value", "type": load(exported, name)},  # defined at first use, then referenced by full name
                    {"name": "history", "type": {"type": "array", "items": f"kraken.enums.v1.{name}"}},
                ],
            }
        )
        symbols = [v.graphql_value for v in enum.values]
        records = [{"value": symbol, "history": symbols} for symbol in symbols]
        buffer = io.BytesIO()
        fastavro.writer(buffer, record, records)
        buffer.seek(0)
        assert list(fastavro.reader(buffer)) == records, name


def test_a_value_outside_the_enum_cannot_be_written(exported: Path) -> None:
    schema = fastavro.parse_schema(load(exported, "ReferralStatusChoices"))
    for wrong in ("CANCELLED", "Unknown", "REFERRAL_STATUS_CHOICES_CANCELLED"):
        with pytest.raises(ValueError):
            fastavro.schemaless_writer(io.BytesIO(), schema, wrong)


def test_a_users_event_schema_in_the_same_directory_finds_the_enums_by_full_name(exported: Path, tmp_path: Path) -> None:
    directory = tmp_path / "schemas"
    directory.mkdir()
    for path in exported.iterdir():
        (directory / path.name).write_bytes(path.read_bytes())
    (directory / "acme.billing.v1.AccountEvent.avsc").write_text(
        json.dumps(
            {
                "type": "record",
                "name": "AccountEvent",
                "namespace": "acme.billing.v1",
                "fields": [
                    {"name": "event_id", "type": "string"},
                    {"name": "status", "type": "kraken.enums.v1.AccountStatus", "default": "__UNSPECIFIED"},
                    {"name": "channels", "type": {"type": "array", "items": "kraken.enums.v1.MessageChannel"}, "default": []},
                ],
            }
        ),
        encoding="utf-8",
    )
    schema = load_schema(str(directory / "acme.billing.v1.AccountEvent.avsc"))
    event = {"event_id": "evt-1", "status": "ACTIVE", "channels": ["EMAIL", "SMS"]}
    buffer = io.BytesIO()
    fastavro.schemaless_writer(buffer, schema, event)
    buffer.seek(0)
    assert fastavro.schemaless_reader(buffer, schema, None) == event


def test_standard_output_is_one_avro_union_of_every_enum_schema(exported: Path, committed: dict[str, ContractEnum]) -> None:
    result = run_cli("export-avro")
    assert result.returncode == 0, result.stderr
    union = json.loads(result.stdout)
    assert union == [load(exported, name) for name in sorted(committed)]
    parsed = fastavro.parse_schema(union)
    assert isinstance(parsed, list) and [s["name"] for s in parsed] == [f"kraken.enums.v1.{name}" for name in sorted(committed)]


def test_the_export_is_the_same_bytes_every_time_and_leaves_unchanged_files_alone(exported: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert run_cli("export-avro", "-o", str(again)).returncode == 0
    assert {p.name: p.read_bytes() for p in again.iterdir()} == {p.name: p.read_bytes() for p in exported.iterdir()}
    before = {p.name: p.stat().st_mtime_ns for p in again.iterdir()}
    result = run_cli("export-avro", "-o", str(again))
    assert result.returncode == 0 and "74 Avro enum schemas, 0 changed" in result.stderr
    assert {p.name: p.stat().st_mtime_ns for p in again.iterdir()} == before


def test_an_output_that_is_a_file_is_one_error_line_and_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "schemas"
    target.write_text("not a directory", encoding="utf-8")
    result = run_cli("export-avro", "-o", str(target))
    assert result.returncode == 1
    assert result.stderr == f"kraken-proto: error: {target}: not a directory (export-avro writes one .avsc file per enum into a directory)\n"
    assert target.read_text(encoding="utf-8") == "not a directory"


# -- names Avro cannot take: refused, never written ----------------------------------------------------


def facts(graphql_name: str, *graphql_values: str) -> EnumFacts:
    values = tuple(ValueFacts(n, v, "", False, "") for n, v in enumerate(graphql_values, start=1))
    return EnumFacts(graphql_name, f"kraken.enums.v1.{graphql_name}", "", False, "", values)


@pytest.mark.parametrize(
    ("enum", "message"),
    [
        (facts("Status", "IN-PROGRESS"), "Status: value 'IN-PROGRESS' cannot be an Avro symbol"),
        (facts("Status", "ACTIVE", "__UNSPECIFIED"), "Status: value '__UNSPECIFIED' starts with '__', which GraphQL reserves"),
        (facts("Status", "__typename"), "Status: value '__typename' starts with '__'"),
        (facts("string", "ACTIVE"), "enum 'string' cannot be an Avro name"),
        (facts("Café", "ACTIVE"), "enum 'Café' cannot be an Avro name"),
    ],
)
def test_a_name_avro_cannot_take_is_refused_with_one_line_naming_it(enum: EnumFacts, message: str) -> None:
    with pytest.raises(AvroNameError) as raised:
        avro_schemas([facts("Fine", "OK"), enum])
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value) and "no Avro schema was written" in str(raised.value)


def test_names_of_graphql_grammar_are_accepted_whatever_their_case(tmp_path: Path) -> None:
    schemas = avro_schemas([facts("_SomethingOrderBy", "kWh", "query", "_x", "CANCELLED_BY_SUPPLIER___CUSTOMER")])
    schema = schemas["kraken.enums.v1._SomethingOrderBy.avsc"]
    parsed = fastavro.parse_schema(schema)
    assert isinstance(parsed, dict) and parsed["symbols"] == ["__UNSPECIFIED", "kWh", "query", "_x", "CANCELLED_BY_SUPPLIER___CUSTOMER"]
