"""kraken_proto.polars: the four column conversions as polars expressions, held to the Python helpers on every
shared vector (expected values from gen/kraken-enums-vectors.json), unknown values never a silent answer,
nulls kept, lazily evaluated inside polars, and polars an extra that ``import kraken_proto`` never loads."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kraken_proto
import kraken_proto.polars as kp
from kraken_proto.enums import AccountStatus
from kraken_proto.errors import UnknownEnumValueError, UnknownEnumValuesError

from .conftest import ROOT, VECTORS

ENUMS: list[dict[str, Any]] = json.loads(VECTORS.read_text(encoding="utf-8"))["enums"]
BIG = next(e for e in ENUMS if len(e["values"]) > 256)  # AccountReminderTypes: numbers past UInt8's range


def expected(enum: dict[str, Any]) -> tuple[list[int], list[str], list[str], str]:
    """The vector's non-zero numbers, their graphql_values and proto names, and the zero value's proto name."""
    zero, *rest = enum["values"]
    return [v["number"] for v in rest], [v["graphql_value"] for v in rest], [v["proto_name"] for v in rest], zero["proto_name"]


def lazily(values: pl.Series, expr: pl.Expr) -> pl.Series:
    """Evaluate ``expr`` over a one-column LazyFrame holding ``values`` as column ``v``."""
    return pl.LazyFrame({"v": values}).select(expr.alias("out")).collect().to_series()


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e["graphql_name"])
def test_every_conversion_agrees_with_the_python_helpers_on_every_vector_and_unknowns_become_null_when_lenient(enum: dict[str, Any]) -> None:
    numbers, strings, names, zero_name = expected(enum)
    m = kraken_proto.get(enum["graphql_name"])
    top = numbers[-1]
    number_input = [*numbers, 0, top + 1, -1, None]
    string_input = [*strings, strings[0].swapcase(), "", f"{strings[0]} ", None]
    name_input = [*names, zero_name, names[0].lower(), "", None]
    cases: list[tuple[Callable[..., Any], list[Any], list[Any], list[Any]]] = [
        (kp.numbers_to_strings, number_input, [*strings, None, None, None, None], [m.to_string(n, None) if n is not None else None for n in number_input]),
        (kp.strings_to_numbers, string_input, [*numbers, None, None, None, None], [m.from_string(s, None) if s is not None else None for s in string_input]),
        (
            kp.proto_names_to_strings,
            name_input,
            [*strings, None, None, None, None],
            [None if s is None or s == zero_name or s not in names else m.to_string(m.from_proto_name(s)) for s in name_input],
        ),
        (
            kp.strings_to_proto_names,
            string_input,
            [*names, None, None, None, None],
            [None if s is None or m.from_string(s, None) is None else m.proto_name(m.from_string(s)) for s in string_input],
        ),
    ]
    for convert, inputs, want, helpers in cases:
        assert want == helpers, convert.__name__  # the vectors and the Python helpers say the same
        series = pl.Series("v", inputs)
        assert convert(series, enum["full_name"], strict=False).to_list() == want, convert.__name__
        assert lazily(series, convert("v", enum["graphql_name"], strict=False)).to_list() == want, convert.__name__
        assert lazily(series, convert(pl.col("v"), enum["graphql_name"], strict=False)).to_list() == want, convert.__name__


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e["graphql_name"])
def test_strict_conversions_of_every_known_value_succeed_in_both_forms(enum: dict[str, Any]) -> None:
    numbers, strings, names, _ = expected(enum)
    key = enum["graphql_name"]
    assert kp.numbers_to_strings(pl.Series(numbers), key).to_list() == strings
    assert lazily(pl.Series(numbers, dtype=pl.Int32), kp.numbers_to_strings("v", key)).to_list() == strings
    assert lazily(pl.Series(strings), kp.strings_to_numbers("v", key)).to_list() == numbers
    assert lazily(pl.Series(names), kp.proto_names_to_strings("v", key)).to_list() == strings
    assert lazily(pl.Series(strings), kp.strings_to_proto_names("v", key)).to_list() == names


NAMES = [e["graphql_name"] for e in ENUMS]
ALL_STRINGS = sorted({v["graphql_value"] for e in ENUMS for v in e["values"][1:]})


def agree(convert: Callable[..., Any], given_values: list[Any], dtype: Any, helper: Callable[[Any], Any], name: str) -> None:
    """``convert`` on ``given_values`` as a Series, strict and lenient, and as an expression, says what ``helper`` says."""
    series = pl.Series("v", given_values, dtype=dtype)
    want = [None if v is None else helper(v) for v in given_values]
    assert convert(series, name, strict=False).to_list() == want
    assert lazily(series, convert("v", name, strict=False)).to_list() == want
    unknown = [v for v, w in zip(given_values, want, strict=True) if v is not None and w is None]
    if unknown:
        with pytest.raises(UnknownEnumValuesError) as caught:
            convert(series, name)
        assert (caught.value.enum, caught.value.count, caught.value.value) == (name, len(unknown), unknown[0])
    else:
        assert convert(series, name).to_list() == want


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(NAMES), numbers=st.lists(st.one_of(st.none(), st.integers(-3, 320), st.integers(-(2**31), 2**31 - 1)), max_size=30))
def test_any_int32_numbers_convert_exactly_as_to_string_says_unknowns_counted(name: str, numbers: list[int | None]) -> None:
    m = kraken_proto.get(name)
    agree(kp.numbers_to_strings, numbers, pl.Int32, lambda n: m.to_string(n, None), name)


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(NAMES), texts=st.lists(st.one_of(st.none(), st.text(max_size=12), st.sampled_from(ALL_STRINGS)), max_size=30))
def test_any_text_converts_exactly_as_from_string_says_unknowns_counted(name: str, texts: list[str | None]) -> None:
    m = kraken_proto.get(name)
    agree(kp.strings_to_numbers, texts, pl.String, lambda s: m.from_string(s, None), name)
    agree(kp.strings_to_proto_names, texts, pl.String, lambda s: None if m.from_string(s, None) is None else m.proto_name(m.from_string(s)), name)


def test_string_outputs_are_the_enums_pl_enum_in_contract_order_and_numbers_come_out_as_int32() -> None:
    dtype = kp.enum_dtype("ReferralStatusChoices")
    assert dtype == pl.Enum(["Cancelled", "Paid", "Pending"])  # hand-checked: numbers 1, 2, 3
    assert kp.numbers_to_strings(pl.Series([3, 1]), "ReferralStatusChoices").dtype == dtype
    assert kp.proto_names_to_strings(pl.Series(["REFERRAL_STATUS_CHOICES_PAID"]), "ReferralStatusChoices").dtype == dtype
    names = kp.strings_to_proto_names(pl.Series(["Paid"]), "ReferralStatusChoices")
    assert names.dtype == pl.Enum(["REFERRAL_STATUS_CHOICES_CANCELLED", "REFERRAL_STATUS_CHOICES_PAID", "REFERRAL_STATUS_CHOICES_PENDING"])
    assert kp.strings_to_numbers(pl.Series(["Pending"]), "ReferralStatusChoices").dtype == pl.Int32
    schema = pl.LazyFrame({"n": [1]}).select(kp.numbers_to_strings("n", "ReferralStatusChoices")).collect_schema()
    assert schema == pl.Schema({"n": dtype})


def test_a_strict_series_conversion_raises_one_error_naming_the_enum_the_count_and_the_first_unknown() -> None:
    with pytest.raises(UnknownEnumValuesError) as caught:
        kp.numbers_to_strings(pl.Series([1, None, 7, 2, 0, 7]), "ReferralStatusChoices")
    error = caught.value
    assert isinstance(error, UnknownEnumValueError) and isinstance(error, ValueError)
    assert (error.enum, error.count, error.value) == ("ReferralStatusChoices", 3, 7)
    assert str(error) == (
        "3 values are not values of ReferralStatusChoices (this version of kraken-proto knows numbers 1..3 (a newer producer may have added it)); the first: 7"
    )
    with pytest.raises(UnknownEnumValuesError, match=r"^1 value is not a value of ReferralStatusChoices \(0 is the UNSPECIFIED value, .*the first: 0$"):
        kp.numbers_to_strings(pl.Series([0, 1]), "ReferralStatusChoices")
    with pytest.raises(UnknownEnumValuesError, match=r"^2 values .* \(strings are exact and case-sensitive\); the first: 'cancelled'$"):
        kp.strings_to_numbers(pl.Series(["Paid", "cancelled", "nope"]), "ReferralStatusChoices")
    with pytest.raises(UnknownEnumValuesError, match=r"^1 value .* \(strings are exact and case-sensitive\); the first: 'PAID'$"):
        kp.strings_to_proto_names(pl.Series(["PAID"]), "ReferralStatusChoices")
    with pytest.raises(
        UnknownEnumValuesError, match=r"\(0 is the UNSPECIFIED value, which has no GraphQL string\); the first: 'REFERRAL_STATUS_CHOICES_UNSPECIFIED'$"
    ):
        kp.proto_names_to_strings(pl.Series(["REFERRAL_STATUS_CHOICES_UNSPECIFIED"]), "ReferralStatusChoices")
    with pytest.raises(UnknownEnumValuesError, match=r"\(no value has this proto name\); the first: 'CANCELLED'$"):
        kp.proto_names_to_strings(pl.Series(["CANCELLED"]), "ReferralStatusChoices")


def test_a_strict_expression_fails_the_query_inside_polars_instead_of_answering() -> None:
    frame = pl.LazyFrame({"n": [1, 2, 9], "s": ["Paid", "paid", None], "p": ["REFERRAL_STATUS_CHOICES_UNSPECIFIED", None, None]})
    for expr, error in (
        (kp.numbers_to_strings("n", "ReferralStatusChoices"), pl.exceptions.OutOfBoundsError),
        (kp.strings_to_numbers("s", "ReferralStatusChoices"), pl.exceptions.InvalidOperationError),
        (kp.strings_to_proto_names("s", "ReferralStatusChoices"), pl.exceptions.InvalidOperationError),
        (kp.proto_names_to_strings("p", "ReferralStatusChoices"), pl.exceptions.InvalidOperationError),
    ):
        for engine in ("in-memory", "streaming"):
            with pytest.raises(error):
                frame.select(expr).collect(engine=engine)


def test_numbers_are_a_gather_from_a_literal_enum_column_and_strings_a_replace_strict_with_no_python_in_the_plan() -> None:
    frame = pl.LazyFrame({"n": pl.Series([1], dtype=pl.Int32), "s": ["Paid"]})
    numbers = frame.select(kp.numbers_to_strings("n", "ReferralStatusChoices", strict=False)).explain()
    strings = frame.select(kp.strings_to_numbers("s", "ReferralStatusChoices")).explain()
    assert "Series[ReferralStatusChoices by number].gather(" in numbers
    assert "replace_strict(" in strings and "ReferralStatusChoices strings" in strings
    for plan in (numbers, strings):
        assert "map" not in plan.lower() and "python" not in plan.lower() and "udf" not in plan.lower()


def test_a_conversion_keeps_its_input_columns_name_like_any_elementwise_expression() -> None:
    frame = pl.DataFrame({"a": [1, 2], "b": [3, None], "s": ["Paid", None]})
    assert frame.with_columns(kp.numbers_to_strings("a", "ReferralStatusChoices")).columns == ["a", "b", "s"]
    assert frame.select(kp.numbers_to_strings(pl.col("a").alias("status"), "ReferralStatusChoices")).columns == ["status"]
    both = frame.select(kp.numbers_to_strings(pl.col("a", "b"), "ReferralStatusChoices"))
    assert both.to_dict(as_series=False) == {"a": ["Cancelled", "Paid"], "b": ["Pending", None]}
    assert frame.select(kp.strings_to_numbers("s", "ReferralStatusChoices")).columns == ["s"]


def test_nulls_stay_null_and_empty_columns_stay_empty_in_every_conversion() -> None:
    for convert, inputs in (
        (kp.numbers_to_strings, [None, 1, None]),
        (kp.strings_to_numbers, [None, "Paid", None]),
        (kp.proto_names_to_strings, [None, "REFERRAL_STATUS_CHOICES_PAID", None]),
        (kp.strings_to_proto_names, [None, "Paid", None]),
    ):
        assert convert(pl.Series(inputs), "ReferralStatusChoices").null_count() == 2
        assert lazily(pl.Series(inputs), convert("v", "ReferralStatusChoices")).null_count() == 2
        assert convert(pl.Series([None, None]), "ReferralStatusChoices").to_list() == [None, None]
        dtype = pl.Int64 if convert is kp.numbers_to_strings else pl.String
        assert convert(pl.Series([], dtype=dtype), "ReferralStatusChoices").len() == 0
        assert lazily(pl.Series([], dtype=dtype), convert("v", "ReferralStatusChoices")).len() == 0
        assert convert(pl.Series([], dtype=pl.Null), "ReferralStatusChoices").len() == 0


@pytest.mark.parametrize("dtype", [pl.Int8, pl.Int16, pl.Int32, pl.Int64, pl.UInt8, pl.UInt16, pl.UInt32, pl.UInt64])
def test_numbers_of_every_integer_type_convert_even_when_the_enum_has_numbers_the_type_cannot_hold(dtype: type[pl.DataType]) -> None:
    numbers, strings, _, _ = expected(BIG)
    fits = [n for n in numbers if n <= (127 if dtype == pl.Int8 else 255 if dtype == pl.UInt8 else 1 << 20)]
    assert len(fits) >= 127
    want = strings[: len(fits)]
    assert kp.numbers_to_strings(pl.Series(fits, dtype=dtype), BIG["graphql_name"]).to_list() == want
    assert lazily(pl.Series(fits, dtype=dtype), kp.numbers_to_strings("v", BIG["graphql_name"])).to_list() == want


def test_a_uint64_beyond_int64_is_an_unknown_number_not_an_overflow_into_a_known_one() -> None:
    huge = pl.Series([(1 << 64) - 1, 1], dtype=pl.UInt64)
    with pytest.raises(UnknownEnumValuesError, match=r"the first: 18446744073709551615$"):
        kp.numbers_to_strings(huge, "ReferralStatusChoices")
    assert kp.numbers_to_strings(huge, "ReferralStatusChoices", strict=False).to_list() == [None, "Cancelled"]
    assert lazily(huge, kp.numbers_to_strings("v", "ReferralStatusChoices", strict=False)).to_list() == [None, "Cancelled"]
    with pytest.raises(pl.exceptions.OutOfBoundsError):
        lazily(huge, kp.numbers_to_strings("v", "ReferralStatusChoices"))


def test_a_float_boolean_or_string_column_of_numbers_is_refused_strict_or_not_never_truncated_into_a_known_number() -> None:
    for column in (pl.Series([1.0, 2.5]), pl.Series(["1", "2"]), pl.Series([True, False])):
        with pytest.raises(TypeError, match=f"must be of an integer type .*, not {column.dtype}"):
            kp.numbers_to_strings(column, "ReferralStatusChoices")
        for strict in (True, False):
            with pytest.raises(pl.exceptions.PolarsError):
                lazily(column, kp.numbers_to_strings("v", "ReferralStatusChoices", strict=strict))


def test_a_string_expression_over_a_column_of_another_type_finds_only_unknown_values() -> None:
    for column in (pl.Series([1, 2]), pl.Series([1.0, 2.0]), pl.Series([True, False])):
        for convert in (kp.strings_to_numbers, kp.strings_to_proto_names, kp.proto_names_to_strings):
            assert lazily(column, convert("v", "ReferralStatusChoices", strict=False)).to_list() == [None, None]
            with pytest.raises(pl.exceptions.InvalidOperationError):
                lazily(column, convert("v", "ReferralStatusChoices"))
    with pytest.raises(TypeError, match="must be of String, Categorical or Enum, not Int64"):
        kp.strings_to_numbers(pl.Series([1]), "ReferralStatusChoices")
    with pytest.raises(TypeError, match="a column name, a polars Expr or a polars Series, not list"):
        kp.numbers_to_strings([1], "ReferralStatusChoices")  # type: ignore[call-overload]


def test_categorical_and_enum_string_columns_convert_like_strings() -> None:
    for dtype in (pl.Categorical, pl.Enum(["Paid", "Nope"])):
        column = pl.Series(["Paid", "Nope", None], dtype=dtype)
        assert kp.strings_to_numbers(column, "ReferralStatusChoices", strict=False).to_list() == [2, None, None]
        with pytest.raises(UnknownEnumValuesError, match="the first: 'Nope'"):
            kp.strings_to_numbers(column, "ReferralStatusChoices")


def test_the_enum_is_any_key_get_takes_and_an_unknown_one_is_get_s_error() -> None:
    for key in ("AccountStatus", "kraken.enums.v1.AccountStatus", AccountStatus, AccountStatus.DESCRIPTOR):
        assert kp.numbers_to_strings(pl.Series([1]), key).dtype == pl.Enum(kraken_proto.get("AccountStatus").strings())
    with pytest.raises(kraken_proto.UnknownEnumError):
        kp.numbers_to_strings("n", "AcountStatus")


def test_a_lazy_frame_converts_in_with_columns_next_to_other_work() -> None:
    events = pl.LazyFrame({"id": [1, 2, 3], "status": pl.Series([3, 1, None], dtype=pl.Int32)})
    out = events.with_columns(status=kp.numbers_to_strings("status", "ReferralStatusChoices")).filter(pl.col("status") == "Pending").collect()
    assert out.to_dicts() == [{"id": 1, "status": "Pending"}]
    back = out.lazy().with_columns(kp.strings_to_numbers("status", "ReferralStatusChoices").alias("number")).collect()
    assert back["number"].to_list() == [3]


def run_isolated(code: str, *, without_polars: bool, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter; ``without_polars`` puts it on a path where polars is really absent.

    ``python -S`` skips site-packages; PYTHONPATH then holds the checkout and a folder of links to every
    entry of the site-packages and PYTHONPATH folders this interpreter has, but polars, so ``import polars``
    fails as it does where it was never installed (in a checkout's venv, a wheel's venv, or with the test
    tools on PYTHONPATH alike).
    """
    env = dict(os.environ)
    args = [sys.executable]
    if without_polars:
        farm = Path(tempfile.mkdtemp(dir=tmp_path))
        folders = [*site.getsitepackages(), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
        for folder in map(Path, folders):
            for entry in folder.iterdir() if folder.is_dir() else ():
                link = farm / entry.name
                if not entry.name.lower().startswith(("polars", "_polars")) and entry.suffix != ".pth" and not link.exists():
                    link.symlink_to(entry.resolve())
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "gen"), str(farm)])
        args.append("-S")
    return subprocess.run([*args, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)


def test_importing_kraken_proto_or_its_polars_module_does_not_import_polars(tmp_path: Path) -> None:
    code = (
        "import importlib.util, sys, kraken_proto, kraken_proto.polars\n"
        "kraken_proto.get('AccountStatus')\n"
        "print(importlib.util.find_spec('polars') is not None, 'polars' in sys.modules)\n"
    )
    result = run_isolated(code, without_polars=False, tmp_path=tmp_path)
    assert (result.returncode, result.stdout) == (0, "True False\n"), result.stderr  # installed, and not imported


def test_without_polars_a_conversion_raises_one_line_naming_the_polars_extra(tmp_path: Path) -> None:
    code = (
        "import kraken_proto.polars as kp\n"
        "from kraken_proto._extras import MissingExtraError\n"
        "try:\n    kp.numbers_to_strings('n', 'AccountStatus')\n"
        "except MissingExtraError as e:\n    print(type(e).__mro__[1].__name__, e)\n"
    )
    result = run_isolated(code, without_polars=True, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ImportError kraken_proto.polars needs polars, which is not installed: install the kraken-proto[polars] extra\n"
    assert run_isolated("import polars", without_polars=True, tmp_path=tmp_path).returncode != 0


def test_an_enum_not_numbered_one_to_n_is_refused_rather_than_decoded_from_the_wrong_slot() -> None:
    from .test_mapping_api import hand_made

    gap = hand_made((1, "One"), (3, "Three"))  # not a contract enum: the numbering rules never leave a gap
    with pytest.raises(RuntimeError, match=r"^hand\.made\.Shape is not numbered 1\.\.2: "):
        kp._plan(gap, "numbers_to_strings")
    hashed = kp._plan(gap, "strings_to_numbers").expression(pl.col("v"), strict=True)  # the hashed conversions need no 1..n
    assert lazily(pl.Series(["Three", "One"]), hashed).to_list() == [3, 1]
