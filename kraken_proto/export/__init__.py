"""The contract in the other schema formats of a Kafka registry (JSON Schema, Avro), and as a table.

Each exporter is a pure function from the installed descriptors (what :func:`kraken_proto.get` reads: the
``graphql_value`` options and the descriptions) to JSON text, written with the standard library's
:mod:`json` only, so the wheel ships them and a consumer with only the wheel can run
``kraken-proto export-jsonschema`` and ``kraken-proto export-avro``. ``export-table`` writes the same facts
as one row per value (CSV, JSON Lines, or Parquet with the ``[arrow]`` extra) for warehouses and dbt seeds. In a checkout those descriptors are
``gen/``, which ``kraken-proto check`` proves is exactly what ``proto/`` generates: the exports read the
committed contract without running buf.

``import kraken_proto`` never imports this package; the CLI loads it when one of the two commands runs.

- :mod:`._contract`: the facts both formats need, read once from the descriptors;
- :mod:`._json_schema`: one draft 2020-12 document with a definition per enum;
- :mod:`._avro`: one Avro enum schema per enum;
- :mod:`._table`: one row per value, the zero value included, as CSV, JSON Lines or Parquet;
- :mod:`._files`: deterministic JSON text, files replaced atomically.

>>> from kraken_proto.export import avro_schemas, json_schema
>>> json_schema()["$defs"]["ReferralStatusChoices"]["enum"][0]
'Cancelled'
>>> avro_schemas()["kraken.enums.v1.ReferralStatusChoices.avsc"]["symbols"][:2]
['__UNSPECIFIED', 'Cancelled']
>>> [(row.number, row.graphql_value) for row in table_rows() if row.graphql_name == "ReferralStatusChoices"][:2]
[(0, None), (1, 'Cancelled')]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import _avro, _json_schema
from ._avro import DEFAULT_SYMBOL, NAMESPACE, AvroNameError
from ._contract import EnumFacts, ValueFacts, installed_enums
from ._json_schema import SCHEMA_ID
from ._table import COLUMNS, FORMATS, SUFFIXES, TableFormat, TableRow, render_table, table_rows

__all__ = [
    "COLUMNS",
    "DEFAULT_SYMBOL",
    "FORMATS",
    "NAMESPACE",
    "SCHEMA_ID",
    "SUFFIXES",
    "AvroNameError",
    "EnumFacts",
    "TableFormat",
    "TableRow",
    "ValueFacts",
    "avro_schemas",
    "installed_enums",
    "json_schema",
    "render_table",
    "table_rows",
]


def json_schema(enums: Iterable[EnumFacts] | None = None) -> dict[str, Any]:
    """The JSON Schema document of ``enums`` (default: the installed contract), as ``export-jsonschema`` writes it."""
    return _json_schema.json_schema(installed_enums() if enums is None else enums)


def avro_schemas(enums: Iterable[EnumFacts] | None = None) -> dict[str, dict[str, Any]]:
    """Each enum's Avro schema under its file name (default: the installed contract), as ``export-avro`` writes them."""
    return _avro.avro_schemas(installed_enums() if enums is None else enums)
