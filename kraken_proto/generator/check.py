"""``kraken-proto check``: what must hold before a change lands, as typed problems (none = pass).

- ``buf lint`` passes, and ``buf.yaml`` asks for at least the documented policy (lint STANDARD +
  COMMENT_ENUM; breaking FILE + WIRE_JSON + CSR), without ignores or exceptions (:mod:`.policy`);
- every output of :data:`.outputs.TABLE` is exactly what ``generate`` writes;
- nothing released is broken: ``buf breaking`` against ``release/baseline.binpb``, the golden table
  ``release/contract.tsv`` (which must itself agree with the image it was written with), and the custom
  options' numbers and types (:mod:`.released_options`); the names consumers import by
  (``release/identity.toml``) are still the publisher's names.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import buf, transaction
from .committed import contract_from_image, read_committed
from .errors import GenerateError, ToolError
from .golden_table import compare_golden, disagreement, parse_golden, rows
from .identity import load_identity, released_changes
from .model import Contract
from .outputs import BASELINE, GOLDEN
from .pipeline import stale_outputs
from .policy import policy_problems
from .problems import Kind, Problem
from .released_options import extensions, option_problems


def run_checks(root: Path, source: Path | None = None, partial: bool = False) -> list[Problem]:
    """Every problem ``check`` finds (under the tree's shared lock: never in the middle of a swap)."""
    with transaction.locked(root, "check", shared=True):
        return checks(root, source, partial)[0]


def checks(root: Path, source: Path | None, partial: bool) -> tuple[list[Problem], Contract | None]:
    """The problems, and the committed contract (compiled once, shared by every check that needs it)."""
    buf.executable()  # no buf: one ToolError line, not one per check that would have run it
    unfinished = transaction.pending(root)
    if unfinished is not None:
        return [Problem(Kind.UNFINISHED_SWAP, unfinished)], None
    problems: list[Problem] = []
    try:
        buf.run(["lint"], cwd=root)
    except ToolError as exc:
        problems.append(Problem(Kind.LINT, str(exc)))
    problems += policy_problems(root)
    committed: Contract | None = None
    try:
        committed = read_committed(root)
        stale = stale_outputs(root, source, partial, committed)
    except GenerateError as exc:
        problems.append(Problem(Kind.GENERATE_FAILS, f"generate would fail: {exc}"))
    else:
        if stale:
            shown = ", ".join(stale[:10]) + (f" and {len(stale) - 10} more" if len(stale) > 10 else "")
            problems.append(
                Problem(Kind.STALE, f"{len(stale)} generated file(s) differ from what generate writes: {shown} (run kraken-proto generate and commit)")
            )
    problems += check_against_release(root, committed)
    return problems, committed


def check_against_release(root: Path, committed: Contract | None) -> list[Problem]:
    """buf breaking and the golden table against release/; without a readable contract, buf breaking only."""
    if not (root / BASELINE).is_file() or not (root / GOLDEN).is_file():
        return [Problem(Kind.NO_RELEASE, f"no release baseline ({BASELINE}, {GOLDEN}): run kraken-proto release once to create it")]
    problems: list[Problem] = []
    try:
        problems += [Problem(Kind.RENAMED, change) for change in released_changes(root, load_identity(root))]
    except GenerateError as exc:
        problems.append(Problem(Kind.RENAMED, str(exc)))
    try:
        buf.run(["breaking", "--against", str(BASELINE)], cwd=root)
    except ToolError as exc:
        problems.append(Problem(Kind.BREAKING, str(exc)))
    try:
        table = parse_golden(root / GOLDEN)
        image = json.loads(buf.run(["build", str(BASELINE), "--exclude-source-info", "-o", "-#format=json"], cwd=root))
        image["file"] = [f for f in image.get("file", []) if not f.get("name", "").startswith("google/")]
        problem = disagreement(table, rows(contract_from_image(image)), GOLDEN, BASELINE)
        if problem is not None:
            problems.append(Problem(Kind.RELEASE_DISAGREES, problem))
        current = json.loads(buf.run(["build", "--exclude-source-info", "-o", "-#format=json"], cwd=root))
        problems += [Problem(Kind.RELEASED_ROW, f"contract: {text}") for text in option_problems(extensions(image), extensions(current))]
        if committed is not None:
            problems += compare_golden(table, rows(committed))
    except GenerateError as exc:
        problems.append(Problem(Kind.RELEASE_DISAGREES, str(exc)))
    return problems
