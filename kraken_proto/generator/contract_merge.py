"""Stage 3 of ``generate``: the corrected document merged with the committed contract, into :class:`Merged`.

Numbering and naming happen together here because they answer one question, "what does this value
get, given what was released?": released values keep their numbers and proto names, new ones take the
next number and the naming rule's name (or the name a correction chose), and what upstream dropped stays,
deprecated (:mod:`.numbering`). The released contract is read back from ``proto/`` (:mod:`.committed`),
so the repository is its own lock file; how a source's silences are read is :mod:`.upstream_gaps`'s.
The per-value notes of enums whose description documents their values are derived here, from the
merged contract, so an enum kept as committed (``--partial``) gets the same comments.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .committed import read_committed
from .corrections import Corrected
from .model import Contract, ContractEnum
from .numbering import merge
from .prose import split_value_docs
from .upstream_gaps import absent_enums_note, keep_committed_examples


@dataclass(frozen=True, kw_only=True)
class Merged:
    """What stage 3 hands on: the contract to publish, the one it grew from, and warnings for the maintainer."""

    contract: Contract
    committed: Contract
    """The contract committed under ``proto/`` before this run (``update`` diffs the two)."""
    notes: tuple[str, ...] = ()
    """Corrections a schema made moot, enums a complete source lacks: said, not errors."""


def merge_contract(corrected: Corrected, root: Path, committed: Contract | None = None) -> Merged:
    """Stage 3: ``corrected`` merged into the contract committed at ``root`` (``committed``: already read)."""
    committed = committed if committed is not None else read_committed(root)
    upstream = keep_committed_examples(corrected.document, committed)
    contract = merge(
        upstream,
        committed,
        partial=corrected.partial,
        proto_names=corrected.proto_names,
        corrections_path=corrected.corrections_path,
        enum_proto_names=corrected.enum_proto_names,
    )
    contract = with_value_notes(contract, corrected.values_in_description)
    return Merged(contract=contract, committed=committed, notes=upstream.notes + absent_enums_note(upstream, contract, corrected.partial))


def with_value_notes(contract: Contract, enums: Iterable[str]) -> Contract:
    """Per-value notes for the comments of ``enums``, whose description documents their values.

    The description itself stays upstream's, whole; a value upstream leaves undocumented gets, in its
    comment only, the words the enum's description gives it (marked there as taken from it).
    """
    wanted = frozenset(enums)
    noted: list[ContractEnum] = []
    for enum in contract.enums:
        if enum.graphql_name in wanted:
            _intro, docs = split_value_docs(enum.description, [v.graphql_value for v in enum.values])
            noted.append(replace(enum, values=tuple(replace(v, note=docs.get(v.graphql_value, "") if not v.description else "") for v in enum.values)))
        else:
            noted.append(enum)
    return replace(contract, enums=tuple(noted))
