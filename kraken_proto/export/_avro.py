"""``export-avro``: each enum of the contract as an Avro enum schema (``.avsc``).

``{"type": "enum", "name": <graphql_name>, "namespace": "kraken.enums.v1", "doc", "symbols", "default"}``:

- the symbols are the ``graphql_value``\\ s in number order, after :data:`DEFAULT_SYMBOL`, the zero value's
  stand-in and the enum's ``default``. Avro's schema resolution uses the reader's ``default`` when data holds
  a symbol the reader's schema lacks, so a consumer on an older contract reads events written with a newer
  one (a value appended since) as ``__UNSPECIFIED`` instead of failing.
- ``__UNSPECIFIED`` can never equal a Kraken value: the GraphQL specification reserves names starting with
  ``__`` for introspection ("Reserved Names"), while Avro's name grammar ``[A-Za-z_][A-Za-z0-9_]*`` accepts
  them. Since GraphQL's ``Name`` grammar (``[_A-Za-z][_0-9A-Za-z]*``, ASCII only) is Avro's, every
  ``graphql_value`` of a valid GraphQL schema is a valid Avro symbol, and every enum name a valid Avro name,
  except the eight primitive type names (``int``, ``string``...) that Avro forbids as names of named types.
  A contract that breaks these rules (possible only from a text reference, which is not checked by a GraphQL
  implementation) is refused with :class:`AvroNameError` rather than exported as an invalid schema.
- ``doc`` is upstream's description (with ``Deprecated: reason`` for a deprecated enum). Avro has no
  per-symbol documentation and no deprecation, so deprecated values stay ordinary symbols (old data holds
  them) and are listed, with their reasons, in the metadata attribute ``deprecatedSymbols``, which Avro
  permits and ignores.
- The file of an enum is named after its full name (``kraken.enums.v1.AccountStatus.avsc``), the convention
  by which tools such as fastavro's ``load_schema`` find named types referenced from another schema. Two
  enums whose GraphQL names are equal ignoring case (``HTTPServerStatus``, ``HttpServerStatus``) would be one
  file on a case-insensitive file system, so each of them is named after its proto full name instead
  (``kraken.enums.v1.HttpServerStatusV2.avsc``), which ``generate`` keeps unique ignoring case.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from .._proto_package import PACKAGE
from ._contract import DEFAULT_DEPRECATION_REASON, EnumFacts, documentation

NAMESPACE = PACKAGE
DEFAULT_SYMBOL = "__UNSPECIFIED"
"""The first symbol and the ``default`` of every enum: plays the proto zero value's role (``*_UNSPECIFIED``)."""
AVRO_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
PRIMITIVE_TYPE_NAMES = frozenset({"null", "boolean", "int", "long", "float", "double", "bytes", "string"})


class AvroNameError(ValueError):
    """A name of the contract that Avro (or the default symbol's reservation) does not allow."""


def full_name(enum: EnumFacts) -> str:
    """The Avro full name, e.g. ``kraken.enums.v1.AccountStatus``."""
    return f"{NAMESPACE}.{enum.graphql_name}"


def file_name(enum: EnumFacts) -> str:
    return f"{full_name(enum)}.avsc"


def avro_schema(enum: EnumFacts) -> dict[str, Any]:
    """The Avro enum schema of one enum; :class:`AvroNameError` if a name cannot be an Avro name."""
    _check_names(enum)
    schema: dict[str, Any] = {"type": "enum", "name": enum.graphql_name, "namespace": NAMESPACE}
    text = documentation(enum.description, enum.deprecated, enum.deprecation_reason)
    if text:
        schema["doc"] = text
    schema["symbols"] = [DEFAULT_SYMBOL, *(value.graphql_value for value in enum.values)]
    schema["default"] = DEFAULT_SYMBOL
    deprecated = {value.graphql_value: value.deprecation_reason or DEFAULT_DEPRECATION_REASON for value in enum.values if value.deprecated}
    if deprecated:
        schema["deprecatedSymbols"] = deprecated
    return schema


def avro_schemas(enums: Iterable[EnumFacts]) -> dict[str, dict[str, Any]]:
    """Every enum's schema under its file name, in the order given; checks every name before returning any."""
    enums = tuple(enums)
    spellings = Counter(enum.graphql_name.casefold() for enum in enums)
    return {file_name(enum) if spellings[enum.graphql_name.casefold()] == 1 else f"{enum.full_name}.avsc": avro_schema(enum) for enum in enums}


def _check_names(enum: EnumFacts) -> None:
    if not AVRO_NAME.fullmatch(enum.graphql_name) or enum.graphql_name in PRIMITIVE_TYPE_NAMES:
        raise AvroNameError(
            f"enum {enum.graphql_name!r} cannot be an Avro name (Avro names match [A-Za-z_][A-Za-z0-9_]* and are "
            "not a primitive type name); no Avro schema was written"
        )
    for value in enum.values:
        if not AVRO_NAME.fullmatch(value.graphql_value):
            raise AvroNameError(
                f"{enum.graphql_name}: value {value.graphql_value!r} cannot be an Avro symbol (symbols match "
                "[A-Za-z_][A-Za-z0-9_]*, as GraphQL names do: correct the contract's source); no Avro schema was written"
            )
        if value.graphql_value.startswith("__"):
            raise AvroNameError(
                f"{enum.graphql_name}: value {value.graphql_value!r} starts with '__', which GraphQL reserves for "
                f"introspection and the Avro export for its default symbol {DEFAULT_SYMBOL} (correct the contract's "
                "source); no Avro schema was written"
            )
