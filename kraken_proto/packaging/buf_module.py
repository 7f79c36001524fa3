"""The buf artifacts: the release image and a tarball of the proto module, for ``buf breaking --against``.

A consumer's CI that depends on this contract checks that an upgrade breaks nothing it relies on with either:
``buf breaking --against kraken-proto-X.Y.Z.binpb`` (the image: every file compiled, with source info) or
``--against kraken-proto-X.Y.Z-buf.tar.gz`` (the module's ``buf.yaml`` and ``proto/`` as sources). The
tarball is written here, not by ``tar``: sorted entries, the release time, no owner names, a gzip header
without a timestamp, so it is reproducible.
"""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

from ..generator import buf
from ..generator.errors import ToolError
from .errors import PackageError

MODULE_FILES = ("buf.yaml",)
MODULE_DIRS = ("proto",)


def _tar_bytes(stage: Path, epoch: int) -> bytes:
    paths = [stage / name for name in MODULE_FILES] + sorted(p for d in MODULE_DIRS for p in (stage / d).rglob("*") if p.is_file())
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in paths:
            info = tarfile.TarInfo(path.relative_to(stage).as_posix())
            data = path.read_bytes()
            info.size, info.mtime, info.mode = len(data), epoch, 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def build_buf(*, stage: Path, out: Path, name: str, version: str, epoch: int) -> list[Path]:
    """The image and the module tarball of ``stage`` in ``out``; their paths."""
    image = out / f"{name}-{version}.binpb"
    tarball = out / f"{name}-{version}-buf.tar.gz"
    try:
        buf.run(["build", "-o", str(image)], cwd=stage)
    except ToolError as exc:
        raise PackageError(str(exc)) from None
    with tarball.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as zipped:
        zipped.write(_tar_bytes(stage, epoch))
    return [image, tarball]
