"""Writing the exports: deterministic JSON text, each file replaced atomically, unchanged files left alone."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def to_json(document: Any) -> str:
    """Two-space indented JSON in the document's own key order, UTF-8 as is, ending with a newline.

    The renderers build their dicts in a fixed order from the contract's sorted facts, so the same contract
    always gives the same bytes.
    """
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_text(path: Path, text: str) -> bool:
    """Replace ``path`` with ``text`` atomically (a reader sees the old or the new file, never half of one).

    Returns whether the file changed; a file that already holds ``text`` is not touched, so its
    modification time stays (build tools that watch it do not rebuild).
    """
    data = text.encode("utf-8")
    mode = 0o644
    if path.is_file():
        if path.read_bytes() == data:
            return False
        mode = path.stat().st_mode & 0o777
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def write_files(directory: Path, files: Mapping[str, str]) -> int:
    """Write every ``name -> text`` into ``directory`` (created if missing); the number of files changed."""
    directory.mkdir(parents=True, exist_ok=True)
    return sum(write_text(directory / name, text) for name, text in files.items())
