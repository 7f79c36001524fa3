"""The shared test vectors (gen/kraken-enums-vectors.json): what they hold, that the Python helpers
agree with every one of them, and that ``check`` catches them drifting."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import kraken_proto
from kraken_proto import UnknownEnumValueError

from .conftest import VECTORS

Cli = Callable[..., subprocess.CompletedProcess[str]]


def load(path: Path = VECTORS) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


DATA = load()


def test_the_vectors_cover_every_enum_the_python_helpers_know_and_no_other() -> None:
    assert DATA["format"] == 2
    assert DATA["package"] == "kraken.enums.v1"
    assert [e["graphql_name"] for e in DATA["enums"]] == list(kraken_proto.enum_names())
    assert len(DATA["enums"]) == 74


def test_every_enum_lists_its_zero_value_first_with_no_string_then_numbers_in_order() -> None:
    for enum in DATA["enums"]:
        zero, *rest = enum["values"]
        assert zero == {"number": 0, "proto_name": zero["proto_name"], "graphql_value": None, "deprecated": False}
        assert zero["proto_name"].endswith("_UNSPECIFIED")
        numbers = [v["number"] for v in rest]
        assert numbers == sorted(set(numbers)) and numbers[0] >= 1, enum["graphql_name"]
        assert all(isinstance(v["graphql_value"], str) and v["graphql_value"] for v in rest), enum["graphql_name"]


@pytest.mark.parametrize("enum", DATA["enums"], ids=lambda e: e["graphql_name"])
def test_the_python_helpers_agree_with_every_vector(enum: dict[str, Any]) -> None:
    m = kraken_proto.get(enum["graphql_name"])
    assert m.full_name == enum["full_name"]
    assert m.deprecated == enum["deprecated"]
    zero, *rest = enum["values"]
    assert m.proto_name(0) == zero["proto_name"]
    assert m.from_proto_name(zero["proto_name"]) == 0
    with pytest.raises(UnknownEnumValueError, match="0 is the UNSPECIFIED value"):
        m.to_string(0)
    for v in rest:
        assert m.to_string(v["number"]) == v["graphql_value"]
        assert m.from_string(v["graphql_value"]) == v["number"]
        assert m.proto_name(v["number"]) == v["proto_name"]
        assert m.from_proto_name(v["proto_name"]) == v["number"]
        assert m.is_deprecated(v["number"]) is v["deprecated"]
    assert m.numbers() == tuple(v["number"] for v in rest)
    assert m.strings() == tuple(v["graphql_value"] for v in rest)
    assert len(m.descriptor.values) == len(enum["values"])


def test_check_fails_when_the_vectors_drift_and_generate_restores_them(project: Path, cli: Cli) -> None:
    target = project / "gen" / "kraken-enums-vectors.json"
    target.write_text(target.read_text(encoding="utf-8").replace('"graphql_value": "Cancelled"', '"graphql_value": "CANCELLED"', 1), encoding="utf-8")
    assert target.read_bytes() != VECTORS.read_bytes()
    result = cli("check", "--root", str(project))
    assert result.returncode != 0
    assert "gen/kraken-enums-vectors.json" in result.stdout + result.stderr
    assert cli("generate", "--root", str(project)).returncode == 0
    assert target.read_bytes() == VECTORS.read_bytes()


def test_check_fails_when_the_vectors_are_missing(project: Path, cli: Cli) -> None:
    (project / "gen" / "kraken-enums-vectors.json").unlink()
    result = cli("check", "--root", str(project))
    assert result.returncode != 0
    assert "gen/kraken-enums-vectors.json" in result.stdout + result.stderr


def test_generate_without_node_modules_says_to_run_npm_ci(project: Path, cli: Cli) -> None:
    (project / "node_modules").unlink()
    before = (project / "gen" / "kraken-enums-vectors.json").read_bytes()
    result = cli("generate", "--root", str(project))
    assert result.returncode != 0
    assert "npm ci" in result.stderr and "protoc-gen-es" in result.stderr
    assert (project / "gen" / "kraken-enums-vectors.json").read_bytes() == before
