"""``kraken-proto update URL``: fetch, generate, check and diff as one all-or-nothing step.

For a scheduled job. Exit codes (:data:`UNCHANGED`, :data:`CHANGED`, 1 on failure) let the job tell
"nothing to do" from "open a pull request" from "look at the log". The steps:

1. **fetch** (:mod:`.fetch`): the endpoint's introspection, checked and normalised, held in memory;
2. under the tree's exclusive lock, after finishing or undoing an interrupted run
   (:mod:`.transaction`), **stage** a copy of ``upstream/`` with the fetched file in it: at the
   configured source if that is an introspection under ``upstream/``, else at
   ``upstream/kraken-schema.json``, which then becomes the configured source (``upstream/source.toml``;
   said in one line); corrections the schema made unnecessary are cut from the staged
   ``upstream/corrections.toml`` (:mod:`.unneeded_corrections`);
3. **generate** every output from the fetched schema and the staged corrections: stages 1-4 of
   :mod:`.pipeline` (the committed protos keep every number), the rendered tree written into the
   same staging tree;
4. **check** the staged tree against the last release (``buf breaking`` and the golden table, as
   ``check`` does; buf lint already ran on the stage and the outputs are by construction what
   ``generate`` writes, so they are not built a second time). A value upstream lists again and a tree
   never released are not failures here: ``release`` records the first, the second needs a first
   release whatever the source;
5. **diff** the committed contract against the staged one (:mod:`.contract_diff`);
6. **swap** (stage 5) ``upstream/`` and every changed output in one transaction: a process killed or interrupted
   anywhere leaves the whole tree old or the whole tree new, the fetched file included.

Any failure before the swap changes nothing on disk.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from . import transaction
from .check import check_against_release
from .committed import read_committed
from .contract_diff import ContractDiff, UnneededCorrection, diff_contracts
from .contract_merge import merge_contract
from .corrections import correct, load_corrections
from .diff_report import render_json, render_markdown, render_text
from .errors import GenerateError
from .fetch import FetchOptions, display_url, fetch_schema
from .graphql_schema import schema_enums
from .model import Contract, UpstreamDocument
from .outputs import OUTPUTS, RELEASE_DIR, UPSTREAM
from .pipeline import CORRECTIONS
from .problems import Kind
from .rendered_tree import CONFIG as BUF_CONFIG
from .rendered_tree import outputs_holding, read_tree, render_tree
from .source import read_source
from .source_config import CONFIG, FETCHED, SourceConfig, load_source_config, render_source_config
from .unneeded_corrections import unneeded_corrections, without_entries

UNCHANGED = 0
CHANGED = 10
NOT_FAILURES = frozenset({Kind.UNDEPRECATED, Kind.NO_RELEASE})
"""What ``check`` reports that ``update`` lets through (see the module docstring, step 4)."""


@dataclass(frozen=True, kw_only=True)
class UpdateResult:
    changed: tuple[str, ...]
    """Paths (relative to the root) that the update replaced; empty: nothing changed."""
    diff: ContractDiff
    said: tuple[str, ...] = ()
    """One line each: the source switched, warnings of the generate step."""
    recovered: tuple[str, ...] = ()

    def render(self, style: str) -> str:
        """The diff as ``text`` (a terminal), ``markdown`` (a pull request body) or ``json`` (tools)."""
        renderers = {"text": render_text, "markdown": render_markdown, "json": render_json}
        return renderers[style](self.diff)


def update(root: Path, url: str, options: FetchOptions) -> UpdateResult:
    """Fetch ``url``'s schema and make the tree at ``root`` current with it, all or nothing."""
    fetched = fetch_schema(url, options)
    with transaction.locked(root, "update"):
        recovered = tuple(transaction.recover(root))
        config = load_source_config(root)
        target = config if config.kind == "introspection" and config.path.parts[:1] == UPSTREAM.parts else None
        new_config = target or SourceConfig(path=FETCHED, kind="introspection", partial=config.partial)
        said: list[str] = []
        if target is None:
            said.append(
                f"the source is now {new_config.path} (the introspection of {display_url(url)}), recorded in {CONFIG}; it was {config.path}; numbers stay"
            )
        committed = read_committed(root)
        staging = transaction.new_staging(root)
        try:
            stage = staging / "new"
            stage.mkdir()
            shutil.copytree(root / UPSTREAM, stage / UPSTREAM, symlinks=True)
            (stage / new_config.path).write_text(fetched.text, encoding="utf-8", newline="\n")
            if target is None:
                (stage / CONFIG).write_text(render_source_config(new_config), encoding="utf-8")
            document = UpstreamDocument(path=str(root / new_config.path), enums=schema_enums(fetched.schema, root / new_config.path))
            try:
                unneeded = _remove_unneeded(root, stage, document)
                corrections = replace(load_corrections(stage / CORRECTIONS), path=str(root / CORRECTIONS))
                source = read_source(root, stage / new_config.path, new_config.partial, document=document)
                corrected = correct(source, root / CORRECTIONS, corrections=corrections)
                merged = merge_contract(corrected, root, committed)
                tree = render_tree(merged, root)
                tree.write_into(stage, OUTPUTS)
                _check_stage(root, stage, merged.contract)
                diff = contract_diff(merged.committed, merged.contract, unneeded)
            except GenerateError as exc:  # name the file it will be, not its staged copy
                raise GenerateError(str(exc).replace(str(stage), str(root))) from None
            notes = tuple(note.replace(str(stage), str(root)) for note in merged.notes)
            changed = read_tree(stage, (UPSTREAM,)).differences(root) + tree.differences(root)
            if changed:
                outputs = [UPSTREAM, *(o for o in outputs_holding(changed) if o != UPSTREAM)]
                transaction.swap_in(root, staging, outputs)
            return UpdateResult(changed=tuple(sorted(changed)), diff=diff, said=(*said, *(f"warning: {n}" for n in notes)), recovered=recovered)
        finally:
            transaction.discard(root, staging)


def contract_diff(before: Contract, after: Contract, unneeded: list[UnneededCorrection]) -> ContractDiff:
    """What this update changes in the contract, with the corrections it removed (the one call of the diff)."""
    return diff_contracts(before, after, corrections_unneeded=unneeded)


def _remove_unneeded(root: Path, stage: Path, document: UpstreamDocument) -> list[UnneededCorrection]:
    """Cut the corrections the fetched schema made unnecessary out of the staged corrections file."""
    path = stage / CORRECTIONS
    corrections = load_corrections(path)
    found = unneeded_corrections(document, corrections)
    if found:
        text = path.read_text(encoding="utf-8")
        path.write_text(without_entries(root / CORRECTIONS, text, [(table, index) for table, index, _ in found]), encoding="utf-8")
    return [record for _table, _index, record in found]


def _check_stage(root: Path, stage: Path, contract: Contract) -> None:
    """``check``'s release checks on the staged tree; the first problem that counts stops the update."""
    for name in BUF_CONFIG:  # buf breaking runs in the stage with the root's policy
        shutil.copy2(root / name, stage / name)
    if (root / RELEASE_DIR).is_dir():
        shutil.copytree(root / RELEASE_DIR, stage / RELEASE_DIR)
    problems = [p for p in check_against_release(stage, contract) if p.kind not in NOT_FAILURES]
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise GenerateError(f"update: the updated tree would fail check: {problems[0]}{more}; nothing was changed")
