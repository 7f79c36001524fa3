"""``export-sdl`` and back: the contract survives SDL and introspection byte for byte.

The expected side is always what the committed contract says through the run-time API (descriptors
read by protobuf), never the exporter's own data structures.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from graphql import GraphQLEnumType, build_schema, get_introspection_query, graphql_sync, is_introspection_type, parse, print_ast

from kraken.enums.v1 import options_pb2
from kraken_proto import enum_names, get

from .conftest import ROOT, run_cli, tree_digest
from .test_generate import outputs

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def exported() -> str:
    result = run_cli("export-sdl", "--root", str(ROOT))
    assert result.returncode == 0, result.stderr
    return result.stdout


def enum_types(sdl: str) -> dict[str, GraphQLEnumType]:
    schema = build_schema(sdl)
    return {t.name: t for t in schema.type_map.values() if isinstance(t, GraphQLEnumType) and not is_introspection_type(t)}


def test_the_exported_sdl_parses_with_graphql_core_and_its_enums_equal_the_contract(exported: str) -> None:
    types = enum_types(exported)
    assert sorted(types) == list(enum_names())
    for name, enum in types.items():
        mapping = get(name)
        assert (enum.description or "") == mapping.enum_description, name
        wanted = []
        for info in mapping.values():
            options = mapping.descriptor.values_by_number[info.number].GetOptions()
            reason = options.Extensions[options_pb2.graphql_deprecation_reason] if info.deprecated else None
            wanted.append((info.graphql_value, info.description or None, reason))
        got = [(string, value.description, value.deprecation_reason) for string, value in enum.values.items()]
        assert got == wanted, name  # exact strings, in number order, descriptions and deprecations included


def test_deprecated_values_are_exported_with_their_reason(exported: str) -> None:
    assert '  PERCENTAGE_ABSOLUTE @deprecated(reason: "Upstream says PERCENTAGE should be used instead.")\n' in exported
    assert exported.count("@deprecated") == sum(info.deprecated for name in enum_names() for info in get(name).values())


def test_mixed_case_strings_are_exported_exactly(exported: str) -> None:
    referral = enum_types(exported)["ReferralStatusChoices"]
    assert list(referral.values) == ["Cancelled", "Paid", "Pending"]
    assert "DUPLICATE_CARD_FINGERPRINTs" in enum_types(exported)["AccountReminderTypes"].values


def test_export_sdl_writes_standard_output_by_default_and_a_file_with_o(tmp_path: Path, exported: str, cli: Cli) -> None:
    target = tmp_path / "contract.graphql"
    result = cli("export-sdl", "--root", str(ROOT), "-o", str(target))
    assert result.returncode == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == exported
    assert print_ast(parse(exported)) + "\n" == exported.split("\n", 2)[2]  # graphql-core's own printing, after the header


def test_text_reference_to_contract_to_sdl_to_contract_gives_byte_identical_outputs(project: Path, cli: Cli) -> None:
    before = outputs(project)
    sdl = project / "contract.graphql"
    assert cli("export-sdl", "--root", str(project), "-o", str(sdl)).returncode == 0
    result = cli("generate", "--root", str(project), "--source", str(sdl))
    assert result.returncode == 0, result.stderr
    assert "0 file(s) changed" in result.stdout
    assert outputs(project) == before == outputs(ROOT)


@pytest.mark.parametrize("envelope", [True, False], ids=["data-envelope", "bare"])
def test_introspection_json_of_the_exported_sdl_gives_the_same_contract_again(project: Path, cli: Cli, exported: str, envelope: bool) -> None:
    # Introspection needs a schema with a query root; the contract's SDL is types only.
    schema = build_schema(exported + "\ntype Query {\n  contractVersion: String\n}\n")
    result = graphql_sync(schema, get_introspection_query(descriptions=True))
    assert result.errors is None and result.data is not None
    source = project / "introspection.json"
    source.write_text(json.dumps({"data": result.data} if envelope else result.data, indent=2), encoding="utf-8")
    before = outputs(project)
    run = cli("generate", "--root", str(project), "--source", str(source))
    assert run.returncode == 0, run.stderr
    assert "0 file(s) changed" in run.stdout
    assert outputs(project) == before


def test_an_enum_the_contract_keeps_only_as_deprecated_survives_the_sdl_round_trip(project: Path, cli: Cli, exported: str) -> None:
    document = parse(exported)
    kept = [d for d in document.definitions if getattr(d, "name", None) is None or d.name.value != "BrandChoices"]  # type: ignore[attr-defined]  # the getattr before it checks for a name
    without = project / "without-brand.graphql"
    without.write_text(print_ast(type(document)(definitions=tuple(kept))), encoding="utf-8")
    first = cli("generate", "--root", str(project), "--source", str(without))
    assert first.returncode == 0, first.stderr
    assert "does not list 1 of the contract's 74 enums" in first.stderr and "BrandChoices" in first.stderr
    brand = (project / "proto/kraken/enums/v1/brand_choices.proto").read_text(encoding="utf-8")
    assert "option deprecated = true;" in brand and "BRAND_CHOICES_OCTOPUS_ENERGY_GERMANY = 1 [" in brand

    again = project / "again.graphql"
    assert cli("export-sdl", "--root", str(project), "-o", str(again)).returncode == 0
    text = again.read_text(encoding="utf-8")
    assert "directive @krakenProtoDeprecated(reason: String!) on ENUM" in text
    assert 'enum BrandChoices @krakenProtoDeprecated(reason: "No longer listed in the upstream reference' in text
    assert "BrandChoices" in enum_types(text)  # still valid SDL for graphql-core
    before = tree_digest(project / "proto")
    second = cli("generate", "--root", str(project), "--source", str(again))
    assert second.returncode == 0, second.stderr
    assert "0 file(s) changed" in second.stdout
    assert tree_digest(project / "proto") == before


def test_export_sdl_fails_in_one_line_without_a_contract_or_a_writable_target(tmp_path: Path, cli: Cli) -> None:
    empty = cli("export-sdl", "--root", str(tmp_path))
    assert empty.returncode == 1 and empty.stdout == ""
    assert empty.stderr.count("\n") == 1 and "is not a kraken-proto checkout" in empty.stderr and "generate" not in empty.stderr
    unwritable = cli("export-sdl", "--root", str(ROOT), "-o", str(tmp_path / "missing" / "contract.graphql"))
    assert unwritable.returncode == 1
    assert unwritable.stderr.count("\n") == 1 and "cannot write the SDL" in unwritable.stderr and "Traceback" not in unwritable.stderr
