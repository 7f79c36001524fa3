"""``check``: everything that must hold before a change lands, as a list of problems (empty = pass)."""

from __future__ import annotations

from pathlib import Path

from . import buf
from .errors import GenerateError, ToolError
from .pipeline import stale_outputs


def run_checks(root: Path, source: Path | None = None, partial: bool = False) -> list[str]:
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
    return problems
