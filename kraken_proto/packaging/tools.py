"""Running the build tools (python -m build, twine, npm, git) with their own words in the one-line error."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from .errors import PackageError


def run(args: Sequence[str | Path], *, cwd: Path, what: str, env: Mapping[str, str] | None = None, stdin: bytes | None = None) -> bytes:
    """Run a tool and return its standard output; if it fails (or is missing), a PackageError naming ``what``."""
    try:
        result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, input=stdin, capture_output=True, timeout=1800)
    except FileNotFoundError:
        raise PackageError(f"{what}: {args[0]} is not installed") from None
    if result.returncode != 0:
        detail = (result.stderr.decode(errors="replace").strip() or result.stdout.decode(errors="replace").strip()).splitlines()
        summary = "; ".join(line.strip() for line in detail[-5:] if line.strip())
        raise PackageError(f"{what} failed (exit {result.returncode}): {summary}")
    return result.stdout
