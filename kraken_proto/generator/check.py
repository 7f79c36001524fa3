"""``check`` and ``release``: what must hold before a change lands, as a list of problems (empty = pass)."""

from __future__ import annotations

from pathlib import Path

from . import buf
from .committed import read_committed
from .errors import GenerateError, ToolError
from .model import Contract
from .pipeline import stale_outputs
from .release import BASELINE, GOLDEN, UNDEPRECATED, breaking, compare_golden, parse_golden, rows, write_release


def run_checks(root: Path, source: Path | None = None, partial: bool = False, accept: frozenset[str] = frozenset()) -> list[str]:
    """buf lint; the generated tree is exactly what generate writes; nothing released was broken."""
    return _checks(root, source, partial, accept)[0]


def _checks(root: Path, source: Path | None, partial: bool, accept: frozenset[str]) -> tuple[list[str], Contract | None]:
    """The problems, and the committed contract (compiled once, shared by every check that needs it)."""
    problems: list[str] = []
    try:
        buf.run(["lint"], cwd=root)
    except ToolError as exc:
        problems.append(str(exc))
    committed: Contract | None = None
    try:
        committed = read_committed(root)
        stale = stale_outputs(root, source, partial, committed)
    except GenerateError as exc:
        problems.append(f"generate would fail: {exc}")
    else:
        if stale:
            shown = ", ".join(stale[:10]) + (f" and {len(stale) - 10} more" if len(stale) > 10 else "")
            problems.append(f"{len(stale)} generated file(s) differ from what generate writes: {shown} (run kraken-proto generate and commit)")
    problems += check_against_release(root, committed, accept)
    return problems, committed


def check_against_release(root: Path, committed: Contract | None, accept: frozenset[str] = frozenset()) -> list[str]:
    """buf breaking and the golden table against release/; without a readable contract, buf breaking only."""
    if not (root / BASELINE).is_file() or not (root / GOLDEN).is_file():
        return [f"no release baseline ({BASELINE}, {GOLDEN}): run kraken-proto release once to create it"]
    problems = breaking(root)
    if committed is None:
        return problems
    try:
        problems += [f"contract: {p}" for p in compare_golden(parse_golden(root / GOLDEN), rows(committed), accept)]
    except GenerateError as exc:
        problems.append(str(exc))
    return problems


def release(root: Path) -> list[str]:
    """Record the working tree as the released contract, but only if it passes every check first.

    The one thing a release accepts that ``check`` reports is a value that is no longer deprecated
    (upstream listed it again): recording that is the release's purpose. Nothing else is waived.
    """
    problems, committed = _checks(root, None, False, frozenset({UNDEPRECATED}))
    missing_baseline = not (root / BASELINE).is_file() and not (root / GOLDEN).is_file()
    if missing_baseline:
        problems = [p for p in problems if not p.startswith("no release baseline")]
    if problems or committed is None:
        return problems
    write_release(root, committed)
    return []
