"""``generate`` and ``check``: stage every output in a temporary tree, then swap it in or compare.

Nothing under the project is touched until rendering, ``buf format``, ``buf lint``, ``buf build`` and
code generation have all succeeded in the staging tree; a bad document therefore changes nothing.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import buf, node
from .committed import read_committed
from .corrections import Corrections, apply_to_reference, load_corrections
from .errors import GenerateError
from .model import Contract, UpstreamDocument
from .numbering import merge
from .reference_text import parse_reference, read_text
from .render import OPTIONS_FILE, OPTIONS_PROTO, PACKAGE_PATH, enum_file_name, render_enum, render_enums_module
from .vectors import write_vectors

DEFAULT_SOURCE = Path("upstream/kraken-graphql-enums.txt")
CORRECTIONS = Path("upstream/corrections.toml")
OUTPUTS = (Path("proto"), Path("gen"), Path("kraken_proto/enums.py"))
"""Everything ``generate`` owns: replaced as a whole, compared as a whole by ``check``."""
CONFIG = ("buf.yaml", "buf.gen.yaml")


@dataclass(frozen=True)
class Result:
    contract: Contract
    changed: tuple[str, ...]
    """Paths (relative to the project root) whose content differs from what was there before."""


def load_upstream(root: Path, source: Path | None = None, corrections: Corrections | None = None) -> UpstreamDocument:
    path = source if source is not None else root / DEFAULT_SOURCE
    blocks = parse_reference(read_text(path), path)
    return apply_to_reference(blocks, corrections or load_corrections(root / CORRECTIONS), path)


def next_contract(root: Path, source: Path | None = None) -> Contract:
    """What ``generate`` would publish: the committed contract grown by the source."""
    corrections = load_corrections(root / CORRECTIONS)
    upstream = load_upstream(root, source, corrections)
    return merge(upstream, read_committed(root), proto_names=corrections.proto_name_overrides(), corrections_path=corrections.path)


def generate(root: Path, source: Path | None = None) -> Result:
    """Rebuild every output from ``source`` and the committed contract; swap in only on success."""
    with staged(root, source) as (stage, contract):
        changed = diff_outputs(root, stage)
        if changed:
            swap_in(root, stage)
        return Result(contract, changed)


def stale_outputs(root: Path, source: Path | None = None) -> tuple[str, ...]:
    """What ``generate`` would change: empty when the committed outputs are exactly its output."""
    with staged(root, source) as (stage, _contract):
        return diff_outputs(root, stage)


@contextmanager
def staged(root: Path, source: Path | None) -> Iterator[tuple[Path, Contract]]:
    contract = next_contract(root, source)
    tmp = Path(tempfile.mkdtemp(prefix=".generate-", dir=root))
    try:
        stage = tmp / "tree"
        stage.mkdir()
        for name in CONFIG:
            shutil.copy2(root / name, stage / name)
        node.link_node_modules(root, stage)
        write_protos(stage, contract)
        buf.run(["format", "-w"], cwd=stage)
        buf.run(["lint"], cwd=stage)
        buf.run(["build", "-o", os.devnull], cwd=stage)
        buf.run(["generate"], cwd=stage)
        write_vectors(stage, contract)
        module = stage / "kraken_proto" / "enums.py"
        module.parent.mkdir(parents=True)
        module.write_text(render_enums_module(contract), encoding="utf-8")
        yield stage, contract
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_protos(stage: Path, contract: Contract) -> None:
    package = stage / "proto" / PACKAGE_PATH
    package.mkdir(parents=True)
    (package / OPTIONS_FILE).write_text(OPTIONS_PROTO, encoding="utf-8")
    for enum in contract.enums:
        target = package / enum_file_name(enum.graphql_name)
        if target.exists():
            raise GenerateError(f"enums {enum.graphql_name} and another enum would share the file {target.name}")
        target.write_text(render_enum(enum), encoding="utf-8")


def diff_outputs(root: Path, stage: Path) -> tuple[str, ...]:
    changed: list[str] = []
    for output in OUTPUTS:
        changed += _diff(root / output, stage / output, output)
    return tuple(sorted(changed))


def _diff(current: Path, wanted: Path, rel: Path) -> list[str]:
    if wanted.is_file() or current.is_file():
        same = current.is_file() and wanted.is_file() and filecmp.cmp(current, wanted, shallow=False)
        return [] if same else [rel.as_posix()]
    names = {p.relative_to(current) for p in _files(current)} | {p.relative_to(wanted) for p in _files(wanted)}
    return [(rel / n).as_posix() for n in sorted(names) if not ((current / n).is_file() and (wanted / n).is_file() and filecmp.cmp(current / n, wanted / n, shallow=False))]


def _files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return [p for p in directory.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def swap_in(root: Path, stage: Path) -> None:
    """Replace each output with its staged version; on a failure part-way, put the old ones back."""
    backup = stage.parent / "previous"
    backup.mkdir()
    moved: list[Path] = []
    try:
        for output in OUTPUTS:
            (backup / output).parent.mkdir(parents=True, exist_ok=True)
            if (root / output).exists():
                os.replace(root / output, backup / output)
            moved.append(output)
            os.replace(stage / output, root / output)
    except OSError:
        for output in moved:
            if (root / output).exists() and (backup / output).exists():
                shutil.rmtree(root / output) if (root / output).is_dir() else (root / output).unlink()
            if (backup / output).exists():
                os.replace(backup / output, root / output)
        raise
