"""Running the real buf CLI (from the ``buf-bin`` wheel) with the virtualenv's tools on PATH.

buf.gen.yaml names protoc (``python -m grpc_tools.protoc``) and ``protoc-gen-mypy`` by bare name, so the
directory of the running interpreter goes first on PATH: a maintainer who runs ``.venv/bin/kraken-proto``
without activating the virtualenv gets the pinned tools, not whatever else is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import ToolError


def tool_path() -> str:
    return os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])


def executable() -> str:
    found = shutil.which("buf", path=tool_path())
    if found is None:
        raise ToolError("buf is not installed: install the project with its dev extra (pip install -e '.[dev]'), which brings buf-bin")
    return found


def run(args: Sequence[str], cwd: Path, check: bool = True) -> str:
    """Run ``buf ARGS`` in ``cwd``; return its standard output, or raise :class:`ToolError` with buf's words."""
    env = dict(os.environ, PATH=tool_path(), BUF_CACHE_DIR=os.environ.get("BUF_CACHE_DIR", str(Path.home() / ".cache" / "buf")))
    result = subprocess.run([executable(), *args], cwd=cwd, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        detail = (result.stderr.strip() or result.stdout.strip()).splitlines()
        summary = "; ".join(detail[:5]) + (f"; ... ({len(detail) - 5} more lines)" if len(detail) > 5 else "")
        raise ToolError(f"buf {args[0]} failed: {summary}")
    return result.stdout
