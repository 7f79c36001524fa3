"""``generate`` and ``check``: stage every output in a temporary tree, then swap it in or compare.

Nothing under the project is touched until rendering, ``buf format``, ``buf lint``, ``buf build`` and
code generation have all succeeded in the staging tree; a bad document therefore changes nothing. The
outputs are :data:`.outputs.TABLE`; the swap, the lock and the recovery of an interrupted run are
:mod:`.transaction`'s.
"""

from __future__ import annotations

import filecmp
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import node, publisher, transaction
from .committed import read_committed
from .corrections import Corrections, apply_corrections, load_corrections, value_notes
from .graphql_schema import is_schema_source, read_schema_document
from .identity import load_identity
from .model import Contract, UpstreamDocument
from .numbering import merge
from .outputs import OUTPUTS, TABLE
from .reference_text import parse_reference, read_text, reference_document
from .upstream_gaps import absent_enums_note, keep_committed_examples

DEFAULT_SOURCE = Path("upstream/kraken-graphql-enums.txt")
CORRECTIONS = Path("upstream/corrections.toml")
CONFIG = ("buf.yaml", "buf.gen.yaml")


@dataclass(frozen=True)
class Result:
    contract: Contract
    changed: tuple[str, ...]
    """Paths (relative to the project root) whose content differs from what was there before."""
    notes: tuple[str, ...] = ()
    """Warnings for the maintainer: corrections a schema made moot, enums a complete source lacks."""
    recovered: tuple[str, ...] = ()
    """What was done about an earlier, interrupted run (a swap finished or undone, staging removed)."""


def load_upstream(root: Path, source: Path | None = None, corrections: Corrections | None = None) -> UpstreamDocument:
    """The source document with the corrections applied (the one place they are applied)."""
    path = source if source is not None else root / DEFAULT_SOURCE
    corrections = corrections or load_corrections(root / CORRECTIONS)
    if is_schema_source(path):  # GraphQL SDL (.graphql, .graphqls, .gql) or introspection JSON (.json)
        return apply_corrections(read_schema_document(path), corrections, strict=False)
    document = reference_document(parse_reference(read_text(path), path), path)
    return apply_corrections(document, corrections, strict=True)


def next_contract(root: Path, source: Path | None = None, partial: bool = False, committed: Contract | None = None) -> tuple[Contract, tuple[str, ...]]:
    """What ``generate`` would publish (the committed contract grown by the source), with its warnings.

    ``committed`` saves compiling ``proto/`` again when the caller has already read it.
    """
    corrections = load_corrections(root / CORRECTIONS)
    committed = committed if committed is not None else read_committed(root)
    upstream = keep_committed_examples(load_upstream(root, source, corrections), committed)
    contract = merge(
        upstream,
        committed,
        partial=partial,
        proto_names=corrections.proto_name_overrides(),
        corrections_path=corrections.path,
        enum_proto_names=corrections.enum_proto_name_overrides(),
    )
    return value_notes(contract, corrections), upstream.notes + absent_enums_note(upstream, contract, partial)


def generate(root: Path, source: Path | None = None, partial: bool = False) -> Result:
    """Rebuild every output from ``source`` and the committed contract; swap in only on success.

    ``partial``: the source covers only some enums; those it lacks are kept as committed, not deprecated.
    Runs under the tree's exclusive lock, after finishing or undoing an interrupted earlier run.
    """
    with transaction.locked(root, "generate"):
        recovered = tuple(transaction.recover(root))
        with staged(root, source, partial) as (staging, contract, notes):
            changed = diff_outputs(root, staging / "new")
            if changed:
                transaction.swap_in(root, staging, [o for o in OUTPUTS if any(_under(c, o) for c in changed)])
            return Result(contract, changed, notes, recovered)


def _under(changed: str, output: Path) -> bool:
    return changed == output.as_posix() or changed.startswith(output.as_posix() + "/")


def stale_outputs(root: Path, source: Path | None = None, partial: bool = False, committed: Contract | None = None) -> tuple[str, ...]:
    """What ``generate`` would change: empty when the committed outputs are exactly its output."""
    with staged(root, source, partial, committed) as (staging, _contract, _notes):
        return diff_outputs(root, staging / "new")


@contextmanager
def staged(root: Path, source: Path | None, partial: bool = False, committed: Contract | None = None) -> Iterator[tuple[Path, Contract, tuple[str, ...]]]:
    """Every output of :data:`.outputs.TABLE` built under ``STAGING/new``; yields STAGING, removed after."""
    load_identity(root)  # a bad [tool.kraken-proto] names the project's pyproject.toml, not the staged copy the renderers read
    contract, notes = next_contract(root, source, partial, committed)
    staging = transaction.new_staging(root)
    try:
        stage = staging / "new"
        stage.mkdir()
        for name in CONFIG:
            shutil.copy2(root / name, stage / name)
        for seed in publisher.SEEDS:  # rewritten in place by their outputs' renderers
            if (root / seed).is_dir():
                shutil.copytree(root / seed, stage / seed, ignore=shutil.ignore_patterns("__pycache__"))
            elif (root / seed).is_file():
                (stage / seed).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(root / seed, stage / seed)
        node.link_node_modules(root, stage)
        for output in TABLE:
            output.render(stage, contract)
        yield staging, contract, notes
    finally:
        transaction.discard(root, staging)


def diff_outputs(root: Path, stage: Path) -> tuple[str, ...]:
    changed: list[str] = []
    for output in OUTPUTS:
        changed += _diff(root / output, stage / output, output)
    return tuple(sorted(changed))


def _diff(current: Path, wanted: Path, rel: Path) -> list[str]:
    if wanted.is_file() or current.is_file():
        same = current.is_file() and wanted.is_file() and filecmp.cmp(current, wanted, shallow=False)
        return [] if same else [rel.as_posix()]
    names = {p.relative_to(current) for p in _files(current)} | {p.relative_to(wanted) for p in _files(wanted)}
    return [
        (rel / n).as_posix()
        for n in sorted(names)
        if not ((current / n).is_file() and (wanted / n).is_file() and filecmp.cmp(current / n, wanted / n, shallow=False))
    ]


def _files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return [p for p in directory.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
