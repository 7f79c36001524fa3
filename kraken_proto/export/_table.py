"""``export-table``: the contract as one table, a row per value, for warehouses and dbt seeds.

The columns, in this order (:data:`COLUMNS`), are the vocabulary of docs/architecture.md:
``graphql_name, full_name, number, proto_name, graphql_value, description, deprecated, deprecation_reason``.

- **The zero value is a row.** Every enum has one: ``number`` 0, ``proto_name`` ``*_UNSPECIFIED``, and null
  ``graphql_value``, ``description`` and ``deprecation_reason`` (Kraken never sends it, so it has no GraphQL
  string). Proto3 writes an unset enum field as 0, so event tables hold 0s; with the row there, a join on
  ``number`` tells "not set" (a row whose ``graphql_value`` is null) from "a number this contract does not
  know", a newer producer's (no row at all), and an inner join does not silently drop the unset events.
- Null is "the contract says nothing": ``description`` is null where upstream gives none (never ``""``,
  which CSV could not tell from null anyway), ``deprecation_reason`` is null unless the value is deprecated,
  and then it is the recorded reason or GraphQL's default, "No longer supported", as in the Avro and JSON
  Schema exports. ``deprecated`` is the value's own flag, as :meth:`EnumMapping.is_deprecated` says.
- Rows are sorted by ``graphql_name`` (code point order, as SQL's binary collation sorts) then ``number``:
  the same contract always gives the same bytes, so a seed file diffs by the values that changed.

The rows come from the installed contract (the run-time registry), not from a checkout, so the command works
from the wheel. CSV and JSON Lines use the standard library; Parquet needs pyarrow, the ``[arrow]`` extra,
imported only when Parquet is written.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass
from typing import Any, Final, Literal

from .._extras import require
from .._proto_package import PACKAGE
from ..mapping import EnumMapping
from ._contract import DEFAULT_DEPRECATION_REASON, enum_facts

TableFormat = Literal["csv", "jsonl", "parquet"]
FORMATS: Final[tuple[TableFormat, ...]] = ("csv", "jsonl", "parquet")
SUFFIXES: Final[dict[str, TableFormat]] = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
"""The file-name suffixes that choose a format when ``--format`` is not given (any other suffix: CSV)."""
COLUMNS: Final = ("graphql_name", "full_name", "number", "proto_name", "graphql_value", "description", "deprecated", "deprecation_reason")
COLUMN_DESCRIPTIONS: Final = {
    "graphql_name": "the enum's name in the GraphQL schema, e.g. AccountStatus",
    "full_name": f"the proto enum's full name, e.g. {PACKAGE}.AccountStatus",
    "number": "the value's proto number, fixed once released; 0 is the zero value (*_UNSPECIFIED, not set)",
    "proto_name": "the proto name of the value, e.g. ACCOUNT_STATUS_ACTIVE",
    "graphql_value": "the value's exact documented GraphQL string, case included; null for the zero value",
    "description": "upstream's description of the value; null where upstream gives none",
    "deprecated": "whether the value is deprecated (old data still holds it)",
    "deprecation_reason": "why the value is deprecated; null unless deprecated",
}
"""What each column holds: Parquet field metadata (``description``) and the documentation say the same."""
VERSION_KEY: Final = "kraken_proto.contract_version"
"""The Parquet schema and field metadata key holding the version of the kraken-proto that wrote the table."""
PACKAGE_KEY: Final = "kraken_proto.proto_package"
ENTRY_POINT: Final = "kraken_proto.cli:main"
"""The console script that identifies this package's distribution, whatever name its publisher gave it."""


@dataclass(frozen=True, kw_only=True, slots=True)
class TableRow:
    """One value of the contract, as one row of the table (fields in :data:`COLUMNS` order)."""

    graphql_name: str
    full_name: str
    number: int
    proto_name: str
    graphql_value: str | None
    description: str | None
    deprecated: bool
    deprecation_reason: str | None


def enum_rows(mapping: EnumMapping) -> list[TableRow]:
    """One enum's rows: the zero value, then every value in number order."""
    reasons = {value.number: value.deprecation_reason for value in enum_facts(mapping).values}  # the mapping carries no reasons
    zero = TableRow(
        graphql_name=mapping.graphql_name,
        full_name=mapping.full_name,
        number=0,
        proto_name=mapping.proto_name(0),
        graphql_value=None,
        description=None,
        deprecated=False,
        deprecation_reason=None,
    )
    return [
        zero,
        *(
            TableRow(
                graphql_name=mapping.graphql_name,
                full_name=mapping.full_name,
                number=info.number,
                proto_name=info.proto_name,
                graphql_value=info.graphql_value,
                description=info.description or None,
                deprecated=info.deprecated,
                deprecation_reason=(reasons[info.number] or DEFAULT_DEPRECATION_REASON) if info.deprecated else None,
            )
            for info in mapping.values()
        ),
    ]


def table_rows(mappings: Iterable[EnumMapping] | None = None) -> tuple[TableRow, ...]:
    """Every row of ``mappings`` (default: the installed contract), sorted by ``graphql_name`` then ``number``."""
    if mappings is None:
        import kraken_proto

        mappings = (kraken_proto.get(name) for name in kraken_proto.enum_names())
    rows = [row for mapping in mappings for row in enum_rows(mapping)]
    return tuple(sorted(rows, key=lambda row: (row.graphql_name, row.number)))


def to_csv(rows: Sequence[TableRow]) -> bytes:
    """RFC 4180 (the csv module's defaults: CRLF line ends, fields quoted when they need it), UTF-8, a header row.

    Booleans are ``true``/``false`` (what DuckDB, BigQuery, Snowflake and dbt seeds read as booleans), null is
    an empty field. Descriptions hold commas, quotes, backticks and line breaks: quoting keeps each a field.
    """
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    writer.writerows([_csv_field(field) for field in astuple(row)] for row in rows)
    return text.getvalue().encode("utf-8")


def _csv_field(field: object) -> object:
    if field is None:
        return ""
    if isinstance(field, bool):
        return "true" if field else "false"
    return field


def to_jsonl(rows: Sequence[TableRow]) -> bytes:
    """JSON Lines: one object per row with every column (null as ``null``), UTF-8 as is, ``\\n`` after each."""
    return "".join(json.dumps(dict(zip(COLUMNS, astuple(row), strict=True)), ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def to_parquet(rows: Sequence[TableRow], version: str | None = None) -> bytes:
    """A Parquet file with explicit types: ``number`` int32, ``deprecated`` bool, the rest strings.

    Nullable only where :class:`TableRow` allows null. The schema metadata names the contract version and the
    proto package; each field's metadata holds its description and the contract version too, so that a column
    copied into another table still says which contract it came from. ``version`` defaults to
    :func:`contract_version`. Without pyarrow, a :class:`~kraken_proto._extras.MissingExtraError` naming the extra.
    """
    feature = "kraken-proto export-table --format parquet"
    pa: Any = require("pyarrow", extra="arrow", feature=feature)
    pq: Any = require("pyarrow.parquet", extra="arrow", feature=feature)
    version = contract_version() if version is None else version
    types = {"number": pa.int32(), "deprecated": pa.bool_()}
    nullable = {"graphql_value", "description", "deprecation_reason"}
    schema = pa.schema(
        [
            pa.field(column, types.get(column, pa.string()), nullable=column in nullable, metadata={"description": text, VERSION_KEY: version})
            for column, text in COLUMN_DESCRIPTIONS.items()
        ],
        metadata={VERSION_KEY: version, PACKAGE_KEY: PACKAGE},
    )
    columns = list(zip(*(astuple(row) for row in rows), strict=True)) if rows else [() for _ in COLUMNS]
    table = pa.Table.from_arrays([pa.array(values, type=field.type) for values, field in zip(columns, schema, strict=True)], schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    data: bytes = sink.getvalue().to_pybytes()
    return data


def contract_version() -> str:
    """The version of the installed kraken-proto distribution (found by its console script), or ``unknown``.

    The version names the contract: ``kraken-proto release`` gives every contract change a new one. The
    distribution's name is the publisher's choice (``[tool.kraken-proto]``), so it is found by the entry
    point it installs, which no publisher renames.
    """
    from importlib.metadata import distributions

    for distribution in distributions():
        if any(point.group == "console_scripts" and point.value == ENTRY_POINT for point in distribution.entry_points):
            version: str = distribution.version
            return version
    return "unknown"


def render_table(rows: Sequence[TableRow], table_format: TableFormat) -> bytes:
    """The bytes of ``rows`` in ``table_format``."""
    if table_format == "csv":
        return to_csv(rows)
    if table_format == "jsonl":
        return to_jsonl(rows)
    return to_parquet(rows)
