"""``generate`` and ``check`` as the five stages of docs/architecture.md, run in order, each once.

Each stage takes the record the one before it handed on and hands on its own; none calls back into an
earlier one, so reading :func:`build` top to bottom is reading the run:

1. :func:`.source.read_source`: the upstream document -> :class:`.source.Source`;
2. :func:`.corrections.correct`: every correction, names included -> :class:`.corrections.Corrected`;
3. :func:`.contract_merge.merge_contract`: numbering and naming against the committed contract ->
   :class:`.contract_merge.Merged`;
4. :func:`.rendered_tree.render_tree`: every output -> :class:`.rendered_tree.RenderedTree` (bytes by path);
5. :func:`.transaction.swap_tree`: the changed outputs swapped into place, all or nothing.

``check`` runs stages 1-4 and compares the tree with the committed files instead of swapping. Nothing
under the project changes before stage 5, so a bad document changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import transaction
from .contract_merge import Merged, merge_contract
from .corrections import Corrections, correct
from .model import Contract, UpstreamDocument
from .rendered_tree import RenderedTree, outputs_holding, render_tree
from .source import read_source

CORRECTIONS = Path("upstream/corrections.toml")


@dataclass(frozen=True, kw_only=True)
class Result:
    contract: Contract
    changed: tuple[str, ...]
    """Paths (relative to the project root) whose content differs from what was there before."""
    notes: tuple[str, ...] = ()
    """Warnings for the maintainer: corrections a schema made moot, enums a complete source lacks."""
    recovered: tuple[str, ...] = ()
    """What was done about an earlier, interrupted run (a swap finished or undone, staging removed)."""


@dataclass(frozen=True, kw_only=True)
class Built:
    """Stages 1-4 done: the merged contract and the tree ``generate`` would put in place."""

    merged: Merged
    tree: RenderedTree


def build(root: Path, source: Path | None = None, partial: bool = False, committed: Contract | None = None) -> Built:
    """Stages 1-4 for the tree at ``root``: ``source`` None reads the configured source (partial if it says so).

    ``committed`` saves compiling ``proto/`` again when the caller (``check``) has already read it.
    """
    read = read_source(root, source, partial)
    corrected = correct(read, root / CORRECTIONS)
    merged = merge_contract(corrected, root, committed)
    tree = render_tree(merged, root)
    return Built(merged=merged, tree=tree)


def generate(root: Path, source: Path | None = None, partial: bool = False) -> Result:
    """Rebuild every output from ``source`` and the committed contract; swap in only on success.

    ``partial``: the source covers only some enums; those it lacks are kept as committed, not deprecated.
    Runs under the tree's exclusive lock, after finishing or undoing an interrupted earlier run.
    """
    with transaction.locked(root, "generate"):
        recovered = tuple(transaction.recover(root))
        built = build(root, source, partial)
        changed = built.tree.differences(root)
        if changed:
            transaction.swap_tree(built.tree, root=root, outputs=outputs_holding(changed))
        return Result(contract=built.merged.contract, changed=changed, notes=built.merged.notes, recovered=recovered)


def stale_outputs(root: Path, source: Path | None = None, partial: bool = False, committed: Contract | None = None) -> tuple[str, ...]:
    """What ``generate`` would change (stages 1-4, then a comparison): empty when the committed outputs are its output."""
    return build(root, source, partial, committed).tree.differences(root)


def load_upstream(root: Path, source: Path | None = None, corrections: Corrections | None = None) -> UpstreamDocument:
    """Stages 1 and 2 alone: the source document as corrected (``source`` None: the configured source).

    For the tests and tools that compare outputs with what upstream says; ``corrections`` replaces the
    committed file.
    """
    return correct(read_source(root, source), root / CORRECTIONS, corrections=corrections).document
