"""Stage 4 of ``generate``: every output of :data:`.outputs.TABLE` rendered, as a :class:`RenderedTree` of bytes.

The renderers are real tools (``buf format``, ``buf generate`` with protoc's plugins, the Go plugin),
which need a folder: they run in a scratch folder under the root (named like a staging folder, so that
the recovery of a killed run removes it), and only the bytes they leave are kept. Nothing under the
project changes here: ``check`` compares the tree with the committed files, and only the swap
(:mod:`.transaction`, stage 5) puts it in place.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import MappingProxyType

from . import node, publisher
from .contract_merge import Merged
from .identity import load_identity
from .outputs import OUTPUTS, TABLE

CONFIG = ("buf.yaml", "buf.gen.yaml")
"""The root's buf configuration, which the renderers run with."""
SCRATCH_PREFIX = ".generate-"
"""Every folder a run makes under the root starts so: the next writer removes those a killed run left."""


@dataclass(frozen=True, kw_only=True)
class RenderedTree:
    """What stage 4 hands on: the content of each of ``outputs``, file by file, relative to the root."""

    outputs: tuple[Path, ...]
    """The outputs the tree holds (files or folders, each replaced and compared as a whole)."""
    files: Mapping[str, bytes]
    """Every file of those outputs: its path relative to the root (POSIX) -> its bytes."""

    def differences(self, root: Path) -> tuple[str, ...]:
        """The files under the tree's outputs whose bytes at ``root`` differ (or are missing, or extra), sorted."""
        current = read_tree(root, self.outputs).files
        names = set(current) | set(self.files)
        return tuple(sorted(name for name in names if current.get(name) != self.files.get(name)))

    def write_into(self, folder: Path, outputs: Iterable[Path]) -> None:
        """Write the files of ``outputs`` under ``folder`` (a staging folder; never the project itself)."""
        for output in outputs:
            for name, content in self.files.items():
                if _under(name, output):
                    target = folder / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(content)


def outputs_holding(changed: Iterable[str], outputs: Iterable[Path] = OUTPUTS) -> list[Path]:
    """The outputs (swapped whole) that hold the ``changed`` paths, in table order."""
    changed = tuple(changed)
    return [output for output in outputs if any(_under(name, output) for name in changed)]


def _under(name: str, output: Path) -> bool:
    return name == output.as_posix() or name.startswith(output.as_posix() + "/")


def read_tree(folder: Path, outputs: Iterable[Path]) -> RenderedTree:
    """The files of ``outputs`` as they are under ``folder`` (compiled-bytecode caches left out)."""
    files: dict[str, bytes] = {}
    outputs = tuple(outputs)
    for output in outputs:
        path = folder / output
        found = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if path.is_dir() else []
        for file in found:
            files[PurePosixPath(file.relative_to(folder).as_posix()).as_posix()] = file.read_bytes()
    return RenderedTree(outputs=outputs, files=MappingProxyType(files))


def render_tree(merged: Merged, root: Path) -> RenderedTree:
    """Stage 4: every output for ``merged.contract``, rendered with the root's buf config and publisher's names."""
    load_identity(root)  # a bad [tool.kraken-proto] names the project's pyproject.toml, not the scratch copy the renderers read
    scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=root))
    try:
        for name in CONFIG:
            shutil.copy2(root / name, scratch / name)
        for seed in publisher.SEEDS:  # rewritten in place by their outputs' renderers
            if (root / seed).is_dir():
                shutil.copytree(root / seed, scratch / seed, ignore=shutil.ignore_patterns("__pycache__"))
            elif (root / seed).is_file():
                (scratch / seed).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(root / seed, scratch / seed)
        node.link_node_modules(root, scratch)
        for output in TABLE:
            output.render(scratch, merged.contract)
        return read_tree(scratch, OUTPUTS)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
