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
from .docs_markdown import PATH as DOCS_PATH
from .docs_markdown import render_markdown
from .errors import GenerateError
from .graphql_schema import is_schema_source, load_schema_source
from .model import Contract, UpstreamDocument
from .numbering import merge
from .reference_text import parse_reference, read_text
from .render import OPTIONS_FILE, OPTIONS_PROTO, PACKAGE_PATH, enum_file_name, render_enum
from .render_python import render_enums_module, render_graphql_module
from .upstream_gaps import absent_enums_note, keep_committed_examples
from .vectors import write_vectors

DEFAULT_SOURCE = Path("upstream/kraken-graphql-enums.txt")
CORRECTIONS = Path("upstream/corrections.toml")
OUTPUTS = (Path("proto"), Path("gen"), Path("kraken_proto/enums.py"), Path("kraken_proto/graphql.py"), Path(DOCS_PATH))
"""Everything ``generate`` owns: replaced as a whole, compared as a whole by ``check``."""
CONFIG = ("buf.yaml", "buf.gen.yaml")


@dataclass(frozen=True)
class Result:
    contract: Contract
    changed: tuple[str, ...]
    """Paths (relative to the project root) whose content differs from what was there before."""
    notes: tuple[str, ...] = ()
    """Warnings for the maintainer: corrections a schema made moot, enums a complete source lacks."""


def load_upstream(root: Path, source: Path | None = None, corrections: Corrections | None = None) -> UpstreamDocument:
    path = source if source is not None else root / DEFAULT_SOURCE
    corrections = corrections or load_corrections(root / CORRECTIONS)
    if is_schema_source(path):  # GraphQL SDL (.graphql, .graphqls, .gql) or introspection JSON (.json)
        return load_schema_source(path, corrections)
    blocks = parse_reference(read_text(path), path)
    return apply_to_reference(blocks, corrections, path)


def next_contract(
    root: Path, source: Path | None = None, partial: bool = False, committed: Contract | None = None
) -> tuple[Contract, tuple[str, ...]]:
    """What ``generate`` would publish (the committed contract grown by the source), with its warnings.

    ``committed`` saves compiling ``proto/`` again when the caller has already read it.
    """
    corrections = load_corrections(root / CORRECTIONS)
    committed = committed if committed is not None else read_committed(root)
    upstream = keep_committed_examples(load_upstream(root, source, corrections), committed)
    contract = merge(upstream, committed, partial=partial, proto_names=corrections.proto_name_overrides(), corrections_path=corrections.path)
    return contract, upstream.notes + absent_enums_note(upstream, contract, partial)


def generate(root: Path, source: Path | None = None, partial: bool = False) -> Result:
    """Rebuild every output from ``source`` and the committed contract; swap in only on success.

    ``partial``: the source covers only some enums; those it lacks are kept as committed, not deprecated.
    """
    with staged(root, source, partial) as (stage, contract, notes):
        changed = diff_outputs(root, stage)
        if changed:
            swap_in(root, stage)
        return Result(contract, changed, notes)


def stale_outputs(root: Path, source: Path | None = None, partial: bool = False, committed: Contract | None = None) -> tuple[str, ...]:
    """What ``generate`` would change: empty when the committed outputs are exactly its output."""
    with staged(root, source, partial, committed) as (stage, _contract, _notes):
        return diff_outputs(root, stage)


@contextmanager
def staged(
    root: Path, source: Path | None, partial: bool = False, committed: Contract | None = None
) -> Iterator[tuple[Path, Contract, tuple[str, ...]]]:
    contract, notes = next_contract(root, source, partial, committed)
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
        (stage / "kraken_proto" / "graphql.py").write_text(render_graphql_module(contract), encoding="utf-8")
        docs = stage / DOCS_PATH
        docs.parent.mkdir(parents=True)
        docs.write_text(render_markdown(contract), encoding="utf-8")
        yield stage, contract, notes
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
            (root / output).parent.mkdir(parents=True, exist_ok=True)
            os.replace(stage / output, root / output)
    except OSError:
        for output in moved:
            if (root / output).exists() and (backup / output).exists():
                shutil.rmtree(root / output) if (root / output).is_dir() else (root / output).unlink()
            if (backup / output).exists():
                os.replace(backup / output, root / output)
        raise
