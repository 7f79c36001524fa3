"""Stage 1 of ``generate``: read the upstream document, whatever its kind, into a :class:`Source`.

The kind of document decides one thing later stages need to know, so the record carries it: the text
reference is what the corrections were written for and are held to (:mod:`.corrections` applies them
strictly), while a GraphQL schema names everything itself. Nothing here knows about corrections,
numbers or outputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .graphql_schema import is_schema_source, read_schema_document
from .model import UpstreamDocument
from .reference_text import parse_reference, read_text, reference_document
from .source_config import resolve


@dataclass(frozen=True, kw_only=True)
class Source:
    """What stage 1 hands on: the document as upstream wrote it, before any correction."""

    document: UpstreamDocument
    reference_text: bool
    """The scraped reference (corrections must fit it) rather than a GraphQL schema (SDL or introspection)."""
    partial: bool
    """The document covers only some enums: those it lacks are kept as committed, not deprecated."""


def read_source(root: Path, source: Path | None = None, partial: bool = False, *, document: UpstreamDocument | None = None) -> Source:
    """The document a run reads: ``source`` (``--source``, with ``--partial``), else the configured one.

    ``document``: the schema's enums when the caller already holds them (``update`` has the schema it
    fetched and checked), so the file is not parsed a second time.
    """
    path, partial = resolve(root, source, partial)
    if document is not None:
        return Source(document=document, reference_text=False, partial=partial)
    if is_schema_source(path):  # GraphQL SDL (.graphql, .graphqls, .gql) or introspection JSON (.json)
        return Source(document=read_schema_document(path), reference_text=False, partial=partial)
    return Source(document=reference_document(parse_reference(read_text(path), path), path), reference_text=True, partial=partial)
