"""The introspection document ``fetch`` asks for, checks and writes: one query, one check, one layout.

The query is graphql-core's standard one (descriptions and deprecations included), so that any GraphQL
server answers it and :mod:`.graphql_schema` reads the answer as it reads a saved file. The check is
graphql-core's ``build_client_schema``, the reference client's, so a file ``fetch`` writes is a file
``generate`` accepts. The layout is normalised (types sorted by name, keys sorted, two-space indent, one
trailing newline) so that two fetches of the same schema are the same bytes and a changed schema shows
as a readable ``git diff`` of the committed file, whatever order the server lists its types in.
"""

from __future__ import annotations

import json
from typing import Any

from graphql import GraphQLEnumType, GraphQLError, GraphQLSchema, build_client_schema, get_introspection_query, is_introspection_type

QUERY = get_introspection_query(descriptions=True, input_value_deprecation=True)
"""Values' and enums' descriptions and ``@deprecated`` reasons are what the contract takes from a schema."""


class IntrospectionError(ValueError):
    """The answer is not a usable introspection result; the message says what was wrong, in one line."""


def schema_from_answer(answer: Any) -> tuple[dict[str, Any], GraphQLSchema]:
    """The ``__schema`` object of a GraphQL response to :data:`QUERY`, types sorted by name, and the schema
    graphql-core builds from it (the same one it builds from the written file); else :class:`IntrospectionError`.

    Refused: ``errors`` in the answer (servers that disable introspection answer so), no ``data.__schema``,
    a result graphql-core cannot build a schema from, and a schema without one enum of its own (nothing a
    contract of enums could be made from: an endpoint of another API, or one that hides its types).
    """
    if not isinstance(answer, dict):
        raise IntrospectionError(f"the answer is JSON but not a GraphQL response (a {type(answer).__name__}, not an object)")
    errors = answer.get("errors")
    if errors:
        raise IntrospectionError(f"the server answered with errors (is introspection disabled for this endpoint or token?): {_first_message(errors)}")
    data = answer.get("data")
    schema = data.get("__schema") if isinstance(data, dict) else None
    if not isinstance(schema, dict):
        raise IntrospectionError("the answer has no data.__schema object (not a GraphQL endpoint, or not the answer to an introspection query)")
    schema = _types_by_name(schema)
    try:
        built = build_client_schema({"__schema": schema})  # type: ignore[typeddict-item]
    except KeyError as exc:
        raise IntrospectionError(f"not a valid introspection result: a type or field lacks the key {exc}") from None
    except (GraphQLError, TypeError, ValueError, AttributeError) as exc:
        raise IntrospectionError(f"not a valid introspection result: {_one_line(str(exc))}") from None
    if not any(isinstance(t, GraphQLEnumType) and not is_introspection_type(t) for t in built.type_map.values()):
        raise IntrospectionError("the schema has no enum types of its own (nothing to make a contract of: is this the Kraken endpoint?)")
    return schema, built


def normalised(schema: dict[str, Any]) -> str:
    """``{"__schema": ...}`` as stable text: types sorted by name, keys sorted, values kept in their order.

    Only the list of types is reordered: an enum's values keep the server's order, which is the order new
    values are numbered in.
    """
    return json.dumps({"__schema": _types_by_name(schema)}, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _types_by_name(schema: dict[str, Any]) -> dict[str, Any]:
    ordered = dict(schema)
    types = ordered.get("types")
    if isinstance(types, list):
        ordered["types"] = sorted(types, key=lambda t: str(t.get("name", "")) if isinstance(t, dict) else "")
    return ordered


def enum_count(schema: dict[str, Any]) -> int:
    """How many enum types of its own the checked schema has (for the one line ``fetch`` prints)."""
    return sum(1 for t in schema.get("types", ()) if isinstance(t, dict) and t.get("kind") == "ENUM" and not str(t.get("name", "")).startswith("__"))


def _first_message(errors: Any) -> str:
    first = errors[0] if isinstance(errors, list) and errors else errors
    message = first.get("message", first) if isinstance(first, dict) else first
    return _one_line(str(message))[:300]


def _one_line(text: str) -> str:
    return " ".join(text.split())
