"""kraken_proto.arrow: the four column conversions agree with the shared vectors and the Python helpers on
every enum (unknown numbers and strings, the zero value, nulls, empty input), keep Arrow's shapes (chunks,
integer types, dictionary inputs, one dictionary per enum), fail strictly as one error, and schemas that
name their enum survive Parquet. Expected values come from gen/kraken-enums-vectors.json or literals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import kraken_proto
from kraken_proto import arrow as ka
from kraken_proto.errors import UnknownEnumError, UnknownEnumValueError, UnknownEnumValuesError

from .conftest import ROOT
from .test_vectors import DATA

ENUMS = DATA["enums"]
INTEGER_TYPES = [pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32(), pa.uint64()]


def unknown_strings(enum: dict[str, Any]) -> list[str]:
    """Strings that are no graphql_value of the enum: case variants, a suffix, the empty string, a proto name."""
    known = {v["graphql_value"] for v in enum["values"][1:]}
    candidates = [s for v in enum["values"][1:] for s in (v["graphql_value"].lower(), v["graphql_value"].upper(), v["graphql_value"] + " ")]
    return [s for s in dict.fromkeys([*candidates, "", enum["values"][1]["proto_name"]]) if s not in known]


def python_or_none(call: Any, value: Any) -> Any:
    """What the Python helper answers, or None where it refuses: the lenient meaning of a column conversion."""
    try:
        return call(value)
    except UnknownEnumValueError:
        return None


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e["graphql_name"])
def test_numbers_to_strings_agrees_with_the_vectors_and_to_string_on_every_value_unknowns_and_nulls(enum: dict[str, Any]) -> None:
    m = kraken_proto.get(enum["graphql_name"])
    highest = enum["values"][-1]["number"]
    numbers = [v["number"] for v in enum["values"]] + [highest + 1, -1, 2**31 - 1, None]
    expected = [v["graphql_value"] for v in enum["values"]] + [None, None, None, None]  # 0 has no string: None
    result = ka.numbers_to_strings(pa.array(numbers, pa.int64()), enum["full_name"], strict=False)
    assert result.to_pylist() == expected
    assert [None if n is None else m.to_string(n, None) for n in numbers] == expected  # the lenient Python helper
    assert result.dictionary.to_pylist() == [v["graphql_value"] for v in enum["values"][1:]]
    valid = pa.array([v["number"] for v in enum["values"][1:]] + [None], pa.int32())
    assert ka.numbers_to_strings(valid, enum["graphql_name"]).to_pylist() == [v["graphql_value"] for v in enum["values"][1:]] + [None]


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e["graphql_name"])
def test_strings_to_numbers_agrees_with_the_vectors_and_from_string_on_every_value_unknowns_and_nulls(enum: dict[str, Any]) -> None:
    m = kraken_proto.get(enum["graphql_name"])
    unknown = unknown_strings(enum)
    strings = [v["graphql_value"] for v in enum["values"][1:]] + [*unknown, None]
    expected = [v["number"] for v in enum["values"][1:]] + [None] * (len(unknown) + 1)
    result = ka.strings_to_numbers(pa.array(strings), enum["graphql_name"], strict=False)
    assert result.type == pa.int32()
    assert result.to_pylist() == expected
    assert [None if s is None else m.from_string(s, None) for s in strings] == expected  # the lenient Python helper
    with pytest.raises(UnknownEnumValuesError) as caught:
        ka.strings_to_numbers(pa.array(strings), enum["graphql_name"])
    assert (caught.value.count, caught.value.value, caught.value.enum) == (len(unknown), unknown[0], enum["graphql_name"])


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e["graphql_name"])
def test_proto_names_to_strings_agrees_with_the_vectors_and_the_unspecified_name_is_unknown(enum: dict[str, Any]) -> None:
    m = kraken_proto.get(enum["graphql_name"])
    names = [v["proto_name"] for v in enum["values"]] + [enum["values"][1]["proto_name"].lower(), "CANCELLED", None]
    expected = [v["graphql_value"] for v in enum["values"]] + [None, None, None]
    result = ka.proto_names_to_strings(pa.array(names), enum["graphql_name"], strict=False)
    assert result.to_pylist() == expected
    assert [None if n is None else python_or_none(lambda s: m.to_string(m.from_proto_name(s)), n) for n in names] == expected
    with pytest.raises(UnknownEnumValuesError) as caught:
        ka.proto_names_to_strings(pa.array(names), enum["graphql_name"])
    assert (caught.value.count, caught.value.value) == (
        3 if "CANCELLED" not in [v["proto_name"] for v in enum["values"]] else 2,
        enum["values"][0]["proto_name"],
    )
    assert "0 is the UNSPECIFIED value" in str(caught.value)


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e["graphql_name"])
def test_strings_to_proto_names_agrees_with_the_vectors_and_proto_name(enum: dict[str, Any]) -> None:
    m = kraken_proto.get(enum["graphql_name"])
    unknown = unknown_strings(enum)
    strings = [v["graphql_value"] for v in enum["values"][1:]] + [*unknown, None]
    expected = [v["proto_name"] for v in enum["values"][1:]] + [None] * (len(unknown) + 1)
    result = ka.strings_to_proto_names(pa.chunked_array([strings[:1], strings[1:]]), enum["graphql_name"], strict=False)
    assert result.to_pylist() == expected
    assert [None if s is None or m.from_string(s, None) is None else m.proto_name(m.from_string(s)) for s in strings] == expected
    assert result.chunk(0).dictionary.to_pylist() == [v["proto_name"] for v in enum["values"][1:]]


def test_strict_numbers_raise_one_error_naming_the_enum_how_many_and_the_first() -> None:
    numbers = pa.array([1, 2, 99, None, 0, 99, 3], pa.int16())
    with pytest.raises(UnknownEnumValuesError) as caught:
        ka.numbers_to_strings(numbers, "ReferralStatusChoices")
    error = caught.value
    assert isinstance(error, UnknownEnumValueError) and isinstance(error, ValueError)
    assert (error.enum, error.count, error.value) == ("ReferralStatusChoices", 3, 99)
    assert str(error) == (
        "3 values are not values of ReferralStatusChoices (this version of kraken-proto knows numbers 1..3 (a newer producer may have added it)); the first: 99"
    )


def test_the_zero_value_alone_is_refused_with_the_reason_to_string_gives() -> None:
    with pytest.raises(UnknownEnumValuesError) as caught:
        ka.numbers_to_strings(pa.array([0], pa.uint8()), "ReferralStatusChoices")
    assert str(caught.value) == "1 value is not a value of ReferralStatusChoices (0 is the UNSPECIFIED value, which has no GraphQL string); the first: 0"


def test_strict_counts_across_chunks_and_names_the_first_in_chunk_order() -> None:
    strings = pa.chunked_array([["Cancelled", None], [], ["Paid", "paid", "nope"], ["PAID"]])
    with pytest.raises(UnknownEnumValuesError) as caught:
        ka.strings_to_numbers(strings, "ReferralStatusChoices")
    assert (caught.value.count, caught.value.value) == (3, "paid")
    assert "strings are exact and case-sensitive" in str(caught.value)


def test_every_integer_type_gives_the_same_strings() -> None:
    numbers = [3, None, 1, 2]
    expected = ["Pending", None, "Cancelled", "Paid"]
    for type_ in INTEGER_TYPES:
        assert ka.numbers_to_strings(pa.array(numbers, type_), "ReferralStatusChoices").to_pylist() == expected, type_


def test_unsigned_numbers_beyond_int64_are_unknown_not_an_overflow() -> None:
    numbers = pa.array([1, 2**64 - 1, None], pa.uint64())
    assert ka.numbers_to_strings(numbers, "ReferralStatusChoices", strict=False).to_pylist() == ["Cancelled", None, None]
    with pytest.raises(UnknownEnumValuesError) as caught:
        ka.numbers_to_strings(numbers, "ReferralStatusChoices")
    assert (caught.value.count, caught.value.value) == (1, 2**64 - 1)


def test_dictionary_encoded_inputs_convert_without_decoding_and_mean_the_same() -> None:
    numbers = pa.DictionaryArray.from_arrays(pa.array([0, 1, None, 1, 2], pa.int8()), pa.array([2, 3, 99], pa.int64()))
    assert ka.numbers_to_strings(numbers, "ReferralStatusChoices", strict=False).to_pylist() == ["Paid", "Pending", None, "Pending", None]
    with pytest.raises(UnknownEnumValuesError) as caught:
        ka.numbers_to_strings(numbers, "ReferralStatusChoices")
    assert (caught.value.count, caught.value.value) == (1, 99)
    strings = pa.array(["Paid", "Cancelled", None, "Paid"]).dictionary_encode()
    assert ka.strings_to_numbers(strings, "ReferralStatusChoices").to_pylist() == [2, 1, None, 2]
    names = pa.array(["REFERRAL_STATUS_CHOICES_PAID", None]).dictionary_encode()
    assert ka.proto_names_to_strings(names, "ReferralStatusChoices").to_pylist() == ["Paid", None]


def test_a_dictionary_input_whose_dictionary_holds_a_null_maps_it_to_null_not_to_unknown() -> None:
    numbers = pa.DictionaryArray.from_arrays(pa.array([0, 1, 0], pa.int32()), pa.array([None, 3], pa.int64()))
    assert ka.numbers_to_strings(numbers, "ReferralStatusChoices").to_pylist() == [None, "Pending", None]


def test_large_string_and_string_view_inputs_are_taken() -> None:
    for type_ in (pa.string(), pa.large_string(), pa.string_view()):
        assert ka.strings_to_numbers(pa.array(["Pending", None], type_), "ReferralStatusChoices").to_pylist() == [3, None], type_


def test_nulls_stay_null_and_empty_inputs_give_empty_outputs_of_the_output_type() -> None:
    dictionary = pa.dictionary(pa.int32(), pa.string())
    assert ka.numbers_to_strings(pa.array([None, None], pa.int32()), "ReferralStatusChoices").to_pylist() == [None, None]
    assert ka.numbers_to_strings(pa.nulls(2), "ReferralStatusChoices").to_pylist() == [None, None]
    assert ka.strings_to_numbers(pa.nulls(1), "ReferralStatusChoices").to_pylist() == [None]
    empty = ka.numbers_to_strings(pa.array([], pa.int64()), "ReferralStatusChoices")
    assert (len(empty), empty.type) == (0, dictionary)
    no_chunks = ka.strings_to_numbers(pa.chunked_array([], pa.string()), "ReferralStatusChoices")
    assert isinstance(no_chunks, pa.ChunkedArray) and (no_chunks.num_chunks, no_chunks.type) == (0, pa.int32())
    assert ka.strings_to_proto_names(pa.array([], pa.string()), "ReferralStatusChoices").type == dictionary


def test_a_chunked_array_stays_chunked_and_every_output_of_one_enum_shares_one_dictionary() -> None:
    chunked = pa.chunked_array([[1, 2], [3], []], pa.int32())
    result = ka.numbers_to_strings(chunked, "ReferralStatusChoices")
    assert isinstance(result, pa.ChunkedArray) and [len(c) for c in result.chunks] == [2, 1, 0]
    other = ka.proto_names_to_strings(pa.array(["REFERRAL_STATUS_CHOICES_PAID"]), "kraken.enums.v1.ReferralStatusChoices")
    addresses = {chunk.dictionary.buffers()[2].address for chunk in [*result.chunks, other]}
    assert len(addresses) == 1  # the same dictionary buffers: concatenating needs no unification
    assert pa.concat_arrays([*result.chunks, other]).to_pylist() == ["Cancelled", "Paid", "Pending", "Paid"]


def test_to_pandas_gives_a_categorical_whose_categories_are_the_enum_strings_in_contract_order() -> None:
    enum = next(e for e in ENUMS if e["graphql_name"] == "ReferralStatusChoices")
    series = ka.numbers_to_strings(pa.chunked_array([[3, None], [1]], pa.int32()), "ReferralStatusChoices").to_pandas()
    assert str(series.dtype) == "category"
    assert list(series.cat.categories) == [v["graphql_value"] for v in enum["values"][1:]]
    assert series.tolist()[0] == "Pending" and series.isna().tolist() == [False, True, False]


def test_the_enum_is_any_key_get_takes_and_an_unknown_enum_is_refused() -> None:
    from kraken_proto.enums import ReferralStatusChoices

    for key in ("ReferralStatusChoices", "kraken.enums.v1.ReferralStatusChoices", ReferralStatusChoices, ReferralStatusChoices.DESCRIPTOR):
        assert ka.numbers_to_strings(pa.array([2]), key).to_pylist() == ["Paid"]
    with pytest.raises(UnknownEnumError):
        ka.numbers_to_strings(pa.array([2]), "ReferralStatus")


def test_a_column_of_the_wrong_type_is_a_one_line_type_error() -> None:
    with pytest.raises(TypeError, match=r"^kraken_proto.arrow.numbers_to_strings takes a column of integers \(proto numbers\), not string$"):
        ka.numbers_to_strings(pa.array(["1"]), "ReferralStatusChoices")
    with pytest.raises(TypeError, match=r"^kraken_proto.arrow.strings_to_numbers takes a column of strings, not double$"):
        ka.strings_to_numbers(pa.array([1.0]), "ReferralStatusChoices")
    with pytest.raises(TypeError, match=r"^kraken_proto.arrow.numbers_to_strings takes a column of integers \(proto numbers\), not dictionary"):
        ka.numbers_to_strings(pa.array(["a"]).dictionary_encode(), "ReferralStatusChoices")
    with pytest.raises(TypeError, match=r"^kraken_proto.arrow takes a pyarrow Array or ChunkedArray, not list$"):
        ka.numbers_to_strings([1, 2], "ReferralStatusChoices")


def test_enum_field_names_its_enum_in_metadata_and_the_schema_survives_a_parquet_round_trip(tmp_path: Path) -> None:
    status = ka.enum_field("status", "ReferralStatusChoices")
    number = ka.enum_field("status_number", "kraken.enums.v1.ReferralStatusChoices", type=pa.int32(), nullable=False)
    assert status.metadata == {b"kraken.enum": b"kraken.enums.v1.ReferralStatusChoices"}
    assert (number.type, number.nullable) == (pa.int32(), False)
    numbers = pa.array([1, 3, 2], pa.int32())
    table = pa.table(
        [ka.numbers_to_strings(numbers, "ReferralStatusChoices"), numbers, pa.array(["x", "y", "z"])],
        schema=pa.schema([status, number, pa.field("id", pa.string())]),
    )
    pq.write_table(table, tmp_path / "events.parquet")
    read = pq.read_table(tmp_path / "events.parquet")
    found = ka.enum_of(read.schema.field("status"))
    assert found is not None and found.full_name == "kraken.enums.v1.ReferralStatusChoices"
    assert ka.enum_of(read.schema.field("status_number")) is found
    assert ka.enum_of(read.schema.field("id")) is None
    assert read.schema.field("status").type == pa.dictionary(pa.int32(), pa.string())
    assert read.column("status").to_pylist() == ["Cancelled", "Pending", "Paid"]


def test_enum_of_a_field_naming_an_enum_this_version_lacks_raises_unknown_enum() -> None:
    field = pa.field("status", pa.int32(), metadata={b"kraken.enum": b"kraken.enums.v1.NoSuchEnum"})
    with pytest.raises(UnknownEnumError, match="NoSuchEnum"):
        ka.enum_of(field)


def test_threads_converting_one_enum_at_once_in_a_fresh_process_share_one_dictionary() -> None:
    code = """
import threading
import pyarrow as pa
from kraken_proto import arrow as ka
barrier, out = threading.Barrier(8), []
def convert():
    barrier.wait()
    out.append(ka.numbers_to_strings(pa.array([1]), "AccountReminderTypes").dictionary.buffers()[2].address)
threads = [threading.Thread(target=convert) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(len(out), len(set(out)))
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["8", "1"]
