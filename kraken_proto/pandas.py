"""The contract on pandas Series: the four Arrow conversions, with a pandas Series in and out.

A pandas user holds a Series, not an Arrow array, and expects a Series back that lines up with the
frame it came from: the same index and name, strings as a ``Categorical`` whose categories are the
enum's strings in contract order (every one, used or not: the category list is the enum's, not the
data's), numbers as the nullable ``Int32`` dtype (a missing value stays ``<NA>`` and the column stays
integer). The work is :mod:`kraken_proto.arrow`'s, so the meaning (nulls, the zero value, strict or
lenient) is identical. A float Series (an integer column with a missing value, as pandas often makes
one) is taken when every number in it is whole.

Needs the ``pandas`` extra (pandas and pyarrow), imported at first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from . import arrow
from ._extras import require

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["numbers_to_strings", "proto_names_to_strings", "strings_to_numbers", "strings_to_proto_names"]

_FEATURE: Final = "kraken_proto.pandas"


def numbers_to_strings(series: pd.Series, enum: Any, *, strict: bool = True) -> pd.Series:
    """Proto numbers -> a Categorical Series of the enum's graphql_values (see :func:`kraken_proto.arrow.numbers_to_strings`)."""
    return _back(arrow.numbers_to_strings(_numbers(series, "numbers_to_strings"), enum, strict=strict), series)


def strings_to_numbers(series: pd.Series, enum: Any, *, strict: bool = True) -> pd.Series:
    """graphql_values -> an ``Int32`` Series of proto numbers (see :func:`kraken_proto.arrow.strings_to_numbers`)."""
    return _back(arrow.strings_to_numbers(_arrow_of(series), enum, strict=strict), series)


def proto_names_to_strings(series: pd.Series, enum: Any, *, strict: bool = True) -> pd.Series:
    """proto_names -> a Categorical Series of graphql_values (see :func:`kraken_proto.arrow.proto_names_to_strings`)."""
    return _back(arrow.proto_names_to_strings(_arrow_of(series), enum, strict=strict), series)


def strings_to_proto_names(series: pd.Series, enum: Any, *, strict: bool = True) -> pd.Series:
    """graphql_values -> a Categorical Series of proto_names (see :func:`kraken_proto.arrow.strings_to_proto_names`)."""
    return _back(arrow.strings_to_proto_names(_arrow_of(series), enum, strict=strict), series)


def _modules() -> tuple[Any, Any]:
    """pandas and pyarrow, or the one-line MissingExtraError naming the ``pandas`` extra."""
    return require("pandas", extra="pandas", feature=_FEATURE), require("pyarrow", extra="pandas", feature=_FEATURE)


def _arrow_of(series: pd.Series) -> Any:
    pd, pa = _modules()
    if not isinstance(series, pd.Series):
        raise TypeError(f"kraken_proto.pandas takes a pandas Series, not {type(series).__name__}")
    return pa.Array.from_pandas(series)  # NaN, None and pd.NA all become null; a Categorical becomes a dictionary array


def _numbers(series: pd.Series, function: str) -> Any:
    """The Series as Arrow integers: a float Series (pandas' integer column with a gap) cast when every number is whole."""
    _, pa = _modules()
    values = _arrow_of(series)
    if pa.types.is_floating(values.type):
        try:
            return values.cast(pa.int64())  # a safe cast: 1.5 or 1e300 raise instead of truncating
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
            which = "the Series" if series.name is None else f"the Series {series.name!r}"
            raise TypeError(f"kraken_proto.pandas.{function} takes whole numbers, and {which} holds one that is not ({exc})") from None
    return values


def _back(values: Any, like: pd.Series) -> pd.Series:
    """The Arrow result as a Series with ``like``'s index and name; numbers as nullable Int32, strings as Categorical."""
    pd, pa = _modules()
    result = values.to_pandas(types_mapper={pa.int32(): pd.Int32Dtype()}.get)
    result.index = like.index
    result.name = like.name
    return result
