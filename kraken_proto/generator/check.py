"""``kraken-proto check``: what must hold before a change lands, as typed problems (none = pass).

- ``buf lint`` passes, and ``buf.yaml`` asks for at least the documented policy (lint STANDARD +
  COMMENT_ENUM; breaking FILE + WIRE_JSON + CSR), without ignores or exceptions;
- every output of :data:`.outputs.TABLE` is exactly what ``generate`` writes;
- nothing released is broken: ``buf breaking`` against ``release/baseline.binpb``, and the golden table
  ``release/contract.tsv``, which must itself agree with the image it was written with; the names
  consumers import by (``release/identity.toml``) are still the publisher's names.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from . import buf, transaction
from .committed import contract_from_image, read_committed
from .errors import GenerateError, ToolError
from .golden_table import compare_golden, disagreement, parse_golden, rows
from .identity import load_identity, released_changes
from .model import Contract
from .pipeline import stale_outputs
from .problems import Kind, Problem

BASELINE = Path("release/baseline.binpb")
GOLDEN = Path("release/contract.tsv")
POLICY = {"lint": ("STANDARD", "COMMENT_ENUM"), "breaking": ("FILE", "WIRE_JSON", "CSR")}
"""The documented policy (README, docs/generate-safety.md): buf.yaml may ask for more, never less."""
LOOSENING_KEYS = ("ignore", "ignore_only", "except", "ignore_unstable_packages")


def run_checks(root: Path, source: Path | None = None, partial: bool = False) -> list[Problem]:
    """Every problem ``check`` finds (under the tree's shared lock: never in the middle of a swap)."""
    with transaction.locked(root, "check", shared=True):
        return checks(root, source, partial)[0]


def checks(root: Path, source: Path | None, partial: bool) -> tuple[list[Problem], Contract | None]:
    """The problems, and the committed contract (compiled once, shared by every check that needs it)."""
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
        if committed is not None:
            problems += compare_golden(table, rows(committed))
    except GenerateError as exc:
        problems.append(Problem(Kind.RELEASE_DISAGREES, str(exc)))
    return problems


def policy_problems(root: Path) -> list[Problem]:
    """buf.yaml's lint and breaking rules must include every rule of the documented policy."""
    problems: list[Problem] = []
    config = (root / "buf.yaml").read_text(encoding="utf-8")
    loosened = sorted({key for key in LOOSENING_KEYS if re.search(rf"^\s*{key}\s*:", config, re.MULTILINE)})
    if loosened:
        problems.append(
            Problem(
                Kind.WEAK_POLICY, f"buf.yaml uses {', '.join(loosened)}, which exempt rules or files from the policy; the contract allows none (remove them)"
            )
        )
    with tempfile.TemporaryDirectory() as reference:
        lines = ["version: v2"] + [f"{section}:\n  use:\n" + "".join(f"    - {c}\n" for c in cats) for section, cats in POLICY.items()]
        (Path(reference) / "buf.yaml").write_text("\n".join(lines), encoding="utf-8")
        for section, categories in POLICY.items():
            try:
                have = _rules(section, Path(root))
                want = _rules(section, Path(reference))
            except ToolError as exc:
                problems.append(Problem(Kind.WEAK_POLICY, f"buf.yaml: cannot list its {section} rules: {exc}"))
                continue
            lacking = sorted(want - have)
            if lacking:
                shown = ", ".join(lacking[:8]) + (f" and {len(lacking) - 8} more" if len(lacking) > 8 else "")
                problems.append(
                    Problem(
                        Kind.WEAK_POLICY,
                        f"buf.yaml's {section} policy is weaker than {' + '.join(categories)}: it lacks {len(lacking)} rule(s): {shown} "
                        f"(restore `{section}: use: [{', '.join(categories)}]`)",
                    )
                )
    return problems


def _rules(section: str, cwd: Path) -> set[str]:
    out = buf.run(["config", f"ls-{section}-rules", "--configured-only", "--format", "json"], cwd=cwd)
    return {json.loads(line)["id"] for line in out.splitlines() if line.strip()}
