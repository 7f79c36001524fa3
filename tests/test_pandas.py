"""kraken_proto.pandas: a Series in, a Series out with the same index and name; strings as a Categorical of
the enum's strings in contract order, numbers as nullable Int32; the same meaning as the Python helpers on
every shared vector, with the same strict/lenient choice. Expected values come from the vectors or literals."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from kraken_proto import pandas as kp
from kraken_proto.errors import UnknownEnumValuesError

from .test_vectors import DATA


@pytest.mark.parametrize("enum", DATA["enums"], ids=lambda e: e["graphql_name"])
def test_every_vector_converts_both_ways_and_unknowns_become_missing_when_lenient(enum: dict[str, Any]) -> None:
    values = enum["values"]
    highest = values[-1]["number"]
    index = pd.Index([f"e{i}" for i in range(len(values) + 2)])
    numbers = pd.Series([v["number"] for v in values] + [highest + 1, None], index=index, name="status")
    strings = kp.numbers_to_strings(numbers, enum["graphql_name"], strict=False)
    assert strings.isna().tolist() == [True] + [False] * (len(values) - 1) + [True, True]  # 0, unknown and missing
    assert strings.tolist()[1:-2] == [v["graphql_value"] for v in values[1:]]
    assert list(strings.cat.categories) == [v["graphql_value"] for v in values[1:]]
    assert strings.index.equals(index) and strings.name == "status"
    back = kp.strings_to_numbers(strings.iloc[1:-2], enum["graphql_name"])
    assert str(back.dtype) == "Int32" and back.tolist() == [v["number"] for v in values[1:]]
    names = kp.strings_to_proto_names(strings.iloc[1:-2], enum["graphql_name"])
    assert names.tolist() == [v["proto_name"] for v in values[1:]]
    assert kp.proto_names_to_strings(names, enum["graphql_name"]).tolist() == [v["graphql_value"] for v in values[1:]]


def test_a_series_of_numbers_gives_a_categorical_series_with_the_index_and_name_kept() -> None:
    numbers = pd.Series([3, 1, 1, 2], index=[10, 20, 30, 40], name="referral_status")
    result = kp.numbers_to_strings(numbers, "ReferralStatusChoices")
    assert isinstance(result.dtype, pd.CategoricalDtype)
    assert list(result.cat.categories) == ["Cancelled", "Paid", "Pending"]
    assert result.to_dict() == {10: "Pending", 20: "Cancelled", 30: "Cancelled", 40: "Paid"}
    assert result.name == "referral_status"


def test_numbers_with_gaps_in_every_pandas_spelling_are_taken() -> None:
    for series in (pd.Series([1.0, None, 3.0]), pd.Series([1, None, 3], dtype="Int64"), pd.Series([1, None, 3], dtype=object)):
        assert kp.numbers_to_strings(series, "ReferralStatusChoices").tolist()[::2] == ["Cancelled", "Pending"], series.dtype
        assert kp.numbers_to_strings(series, "ReferralStatusChoices").isna().tolist() == [False, True, False]


def test_a_float_that_is_not_a_whole_number_is_a_type_error_not_a_truncation() -> None:
    with pytest.raises(TypeError, match=r"^kraken_proto.pandas.numbers_to_strings takes whole numbers, and the Series 'n' holds one that is not"):
        kp.numbers_to_strings(pd.Series([1.0, 2.5], name="n"), "ReferralStatusChoices")


def test_a_categorical_input_and_a_missing_string_keep_their_meaning() -> None:
    strings = pd.Series(["Paid", None, "Cancelled", "Paid"], dtype="category")
    assert kp.strings_to_numbers(strings, "ReferralStatusChoices").tolist() == [2, pd.NA, 1, 2]


def test_strict_raises_one_error_with_the_count_and_the_first_unknown_value() -> None:
    with pytest.raises(UnknownEnumValuesError) as caught:
        kp.strings_to_numbers(pd.Series(["Paid", "PAID", "Unknown", None]), "ReferralStatusChoices")
    assert str(caught.value) == "2 values are not values of ReferralStatusChoices (strings are exact and case-sensitive); the first: 'PAID'"
    assert kp.strings_to_numbers(pd.Series(["Paid", "PAID"]), "ReferralStatusChoices", strict=False).tolist() == [2, pd.NA]


def test_anything_but_a_series_is_a_one_line_type_error() -> None:
    with pytest.raises(TypeError, match=r"^kraken_proto.pandas takes a pandas Series, not DataFrame$"):
        kp.numbers_to_strings(pd.DataFrame({"a": [1]}), "ReferralStatusChoices")
