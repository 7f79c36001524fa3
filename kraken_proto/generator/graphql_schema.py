"""GraphQL schemas as upstream sources: SDL files and introspection results, read with graphql-core.

Teams with API access have the schema itself rather than the scraped reference page. It carries what
the scrape loses (names of every enum, declaration order, full descriptions, ``@deprecated(reason:)``),
so it needs no repairing; it is parsed by graphql-core, the reference implementation, so that what a
GraphQL server accepts is accepted here and what it rejects is reported with graphql-core's position.

Only enum types become upstream enums. Objects, inputs, unions, interfaces, scalars and directives are
parsed (so that the schema is checked as a whole) and then ignored, as are the introspection enums
(``__TypeKind``, ``__DirectiveLocation``), which describe GraphQL itself, not Kraken.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graphql import (
    DEFAULT_DEPRECATION_REASON,
    EnumTypeDefinitionNode,
    GraphQLEnumType,
    GraphQLError,
    GraphQLSchema,
    Source,
    build_ast_schema,
    build_client_schema,
    is_introspection_type,
    parse,
)
from graphql.validation.validate import validate_sdl

from .errors import SourceError
from .model import UpstreamDocument, UpstreamEnum, UpstreamValue
from .reference_text import read_text

SDL_SUFFIXES = frozenset({".graphql", ".graphqls", ".gql"})
INTROSPECTION_SUFFIXES = frozenset({".json"})

CONTRACT_DEPRECATED = "krakenProtoDeprecated"
"""The directive ``export-sdl`` puts on an enum the contract keeps only as deprecated.

GraphQL cannot deprecate an enum type (``@deprecated`` is not allowed on ``ENUM``), so the export needs
a directive of its own. Reading it back, such an enum counts as not listed by the source: the merge then
keeps it deprecated with its committed reason, exactly as the contract has it.
"""


SPECIFIED_SCALAR_NAMES = frozenset({"Int", "Float", "String", "Boolean", "ID"})
"""GraphQL's built-in scalars: a type of one of these names in SDL is dropped by graphql-core, never read."""


def is_schema_source(path: Path) -> bool:
    """Whether ``path`` is read as a GraphQL schema (by suffix); anything else is the text reference."""
    return path.suffix.lower() in SDL_SUFFIXES | INTROSPECTION_SUFFIXES


def read_schema_document(path: Path) -> UpstreamDocument:
    """The enums of a schema file (SDL or introspection JSON, by suffix), before corrections."""
    text = read_text(path)
    if path.suffix.lower() in SDL_SUFFIXES:
        schema = read_sdl(text, path)
    else:
        schema = read_introspection(text, path)
    return UpstreamDocument(path=str(path), enums=schema_enums(schema, path))


def read_sdl(text: str, path: Path) -> GraphQLSchema:
    """Parse and validate SDL; the first problem graphql-core finds is raised with its line and column."""
    source = Source(text, str(path))
    try:
        document = parse(source)
    except GraphQLError as exc:
        raise _located(path, exc, "graphql-core's parser; fix the SDL") from None
    errors = validate_sdl(document)
    if errors:
        more = f"; {len(errors) - 1} more problem(s) after this one" if len(errors) > 1 else ""
        raise _located(path, errors[0], f"graphql-core's SDL validation; fix the schema{more}") from None
    for definition in document.definitions:  # graphql-core keeps its own scalar and silently drops such an enum
        if isinstance(definition, EnumTypeDefinitionNode) and definition.name.value in SPECIFIED_SCALAR_NAMES:
            name = definition.name.value
            line = definition.loc.source.get_location(definition.loc.start).line if definition.loc else None
            raise SourceError(path, line, f"the enum {name!r} has the name of GraphQL's built-in scalar {name}, which no schema may redefine", "fix the schema")
    try:
        return build_ast_schema(document, assume_valid_sdl=True)
    except (GraphQLError, TypeError) as exc:
        raise SourceError(path, None, f"not a valid GraphQL schema: {_one_line(str(exc))}") from None


def read_introspection(text: str, path: Path) -> GraphQLSchema:
    """Read an introspection result, bare (``{"__schema": ...}``) or as a response (``{"data": ...}``)."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(path, exc.lineno, f"not valid JSON: {exc.msg}", "save the introspection result as JSON", column=exc.colno) from None
    if isinstance(data, dict) and "__schema" not in data and "data" in data:
        if not data["data"] and data.get("errors"):
            first = data["errors"][0]
            message = first.get("message", first) if isinstance(first, dict) else first
            raise SourceError(path, None, f"the introspection query failed: {_one_line(str(message))}", "run it again and save a result with data")
        data = data["data"]
    if not isinstance(data, dict) or not isinstance(data.get("__schema"), dict):
        raise SourceError(
            path,
            None,
            "not an introspection result: no __schema object at the top or under data",
            "save the result of graphql-core's get_introspection_query(), or pass an SDL file (.graphql)",
        )
    try:
        return build_client_schema(data)  # type: ignore[arg-type]
    except KeyError as exc:
        raise SourceError(
            path, None, f"not a valid introspection result: a type or field lacks the key {exc}", "save the complete result of the standard introspection query"
        ) from None
    except (GraphQLError, TypeError, ValueError, AttributeError) as exc:
        raise SourceError(
            path, None, f"not a valid introspection result: {_one_line(str(exc))}", "save the complete result of the standard introspection query"
        ) from None


def schema_enums(schema: GraphQLSchema, path: Path) -> tuple[UpstreamEnum, ...]:
    """Every Kraken enum type of ``schema`` in declaration order, values in declaration order too."""
    enums: list[UpstreamEnum] = []
    for named in schema.type_map.values():
        if not isinstance(named, GraphQLEnumType) or is_introspection_type(named) or _contract_deprecated(named):
            continue
        values = tuple(
            UpstreamValue(graphql_value=name, description=_description(value.description), deprecation_reason=_reason(value.deprecation_reason))
            for name, value in named.values.items()
        )
        enums.append(
            UpstreamEnum(
                graphql_name=named.name,
                description=_description(named.description),
                values=values,
                example=None,
                origin=_origin(named, path),
                line=_line(named),
            )
        )
    return tuple(enums)


def _contract_deprecated(enum: GraphQLEnumType) -> bool:
    node = enum.ast_node
    return node is not None and any(d.name.value == CONTRACT_DEPRECATED for d in node.directives or ())


def _description(text: str | None) -> str:
    return (text or "").strip()


def _reason(reason: str | None) -> str | None:
    """A deprecation reason; ``@deprecated(reason: "")`` still deprecates, with GraphQL's default words."""
    if reason is None:
        return None
    return reason.strip() or DEFAULT_DEPRECATION_REASON


def _origin(enum: GraphQLEnumType, path: Path) -> str:
    line = _line(enum)
    return f"{path}:{line}" if line is not None else str(path)


def _line(enum: GraphQLEnumType) -> int | None:
    node = enum.ast_node
    return node.loc.start_token.line if node is not None and node.loc is not None else None


def _located(path: Path, error: GraphQLError, hint: str) -> SourceError:
    location = error.locations[0] if error.locations else None
    line = location.line if location else None
    column = location.column if location else None
    return SourceError(path, line, _one_line(error.message), hint, column=column)


def _one_line(text: str) -> str:
    return " ".join(text.split())
