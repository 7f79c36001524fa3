"""``check`` and ``release``: what must hold before a change lands, as a list of problems (empty = pass)."""

from __future__ import annotations

from pathlib import Path

from . import buf
from .committed import read_committed
from .errors import GenerateError, ToolError
from .pipeline import stale_outputs
from .release import BASELINE, GOLDEN, UNDEPRECATED, breaking, compare_golden, parse_golden, rows, write_release


def run_checks(root: Path, source: Path | None = None, partial: bool = False, accept: frozenset[str] = frozenset()) -> list[str]:
    """buf lint; the generated tree is exactly what generate writes; nothing released was broken."""
    problems: list[str] = []
    try:
        buf.run(["lint"], cwd=root)
    except ToolError as exc:
        problems.append(str(exc))
    try:
        stale = stale_outputs(root, source, partial)
    except GenerateError as exc:
        problems.append(f"generate would fail: {exc}")
    else:
        if stale:
            shown = ", ".join(stale[:10]) + (f" and {len(stale) - 10} more" if len(stale) > 10 else "")
            problems.append(f"{len(stale)} generated file(s) differ from what generate writes: {shown} (run kraken-proto generate and commit)")
    problems += check_against_release(root, accept)
    return problems


def check_against_release(root: Path, accept: frozenset[str] = frozenset()) -> list[str]:
    if not (root / BASELINE).is_file() or not (root / GOLDEN).is_file():
        return [f"no release baseline ({BASELINE}, {GOLDEN}): run kraken-proto release once to create it"]
    problems = breaking(root)
    try:
        current = rows(read_committed(root))
        problems += [f"contract: {p}" for p in compare_golden(parse_golden(root / GOLDEN), current, accept)]
    except GenerateError as exc:
        problems.append(str(exc))
    return problems


def release(root: Path) -> list[str]:
    """Record the working tree as the released contract, but only if it passes every check first.

    The one thing a release accepts that ``check`` reports is a value that is no longer deprecated
    (upstream listed it again): recording that is the release's purpose. Nothing else is waived.
    """
    problems = run_checks(root, accept=frozenset({UNDEPRECATED}))
    missing_baseline = not (root / BASELINE).is_file() and not (root / GOLDEN).is_file()
    if missing_baseline:
        problems = [p for p in problems if not p.startswith("no release baseline")]
    if problems:
        return problems
    write_release(root, read_committed(root))
    return []
