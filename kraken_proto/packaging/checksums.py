"""``SHA256SUMS``: every artifact's SHA-256, in the format ``sha256sum -c SHA256SUMS`` verifies."""

from __future__ import annotations

import hashlib
from pathlib import Path

NAME = "SHA256SUMS"


def write_checksums(out: Path) -> Path:
    """One ``<hex>  <path>`` line per file under ``out`` (paths relative to it, sorted); the file's path."""
    lines = [
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(out).as_posix()}\n"
        for p in sorted(out.rglob("*"), key=lambda p: p.relative_to(out).as_posix())
        if p.is_file() and p.name != NAME
    ]
    target = out / NAME
    target.write_text("".join(lines), encoding="utf-8")
    return target
