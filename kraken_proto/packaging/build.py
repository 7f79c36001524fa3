"""``kraken-proto package``: check the tree, then build every artifact of its version into one folder.

Order: the cheap refusals first (a dirty tree, names that disagree with ``[tool.kraken-proto]``, no
release time), then the checks ``kraken-proto check`` runs, then the builds, each from an export of HEAD
in a temporary directory. Everything is written into a temporary sibling of the output folder, which
replaces the output only when every artifact and SHA256SUMS are written: a failed ``package`` changes
nothing on disk.

The layout of ``dist/<version>/`` (docs/releasing.md)::

    python/<dist>-<version>.tar.gz, python/<dist>-<version>-py3-none-any.whl   the sdist and the wheel
    npm/<npm name>-<version>.tgz                                               the npm tarball
    buf/<dist>-<version>.binpb, buf/<dist>-<version>-buf.tar.gz                the buf image and module
    goproxy/<escaped module path>/@v/{list,vX.Y.Z.info,.mod,.zip}               the Go module
    maven/<groupId path>/<artifactId>/...                                      the Java artifacts (kraken_proto.packaging.maven)
    SHA256SUMS
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from ..generator.check import run_checks
from ..generator.identity import Identity, load_identity
from .buf_module import build_buf
from .checksums import write_checksums
from .errors import PackageError
from .goproxy import build_goproxy, check_module
from .npm import build_npm, check_manifest
from .python import build_python, check_identity, project_version
from .tree import export_head, release_epoch, require_clean_checkout

DIST = Path("dist")
PYTHON, NPM, BUF, GOPROXY = "python", "npm", "buf", "goproxy"
"""The output's folders, one per ecosystem (maven/ is build_maven's)."""


@dataclass(frozen=True, kw_only=True)
class Package:
    """What ``package`` built."""

    version: str
    out: Path
    """The folder holding every artifact (``dist/<version>`` by default)."""
    files: tuple[Path, ...]
    """Every file written, SHA256SUMS last."""
    go_tag: str
    """The tag that releases the Go module from a repository (``go/vX.Y.Z``)."""
    skipped: tuple[str, ...]
    """Artifacts this build could not make, and why (the Maven artifacts before their builder exists)."""


MavenBuilder = Callable[..., list[Path]]


def maven_builder() -> MavenBuilder | None:
    """``kraken_proto.packaging.maven.build_maven`` if that module exists (it is built separately), else None."""
    name = f"{__package__}.maven"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise
    return cast(MavenBuilder, module.build_maven)


def package(root: Path, out: Path | None = None) -> Package:
    """Build every artifact of the checked tree ``root`` into ``out`` (default ``root/dist/<version>``)."""
    require_clean_checkout(root)
    version = project_version(root)
    target = (out if out is not None else root / DIST / version).resolve()
    refuse_to_replace(target, root)
    identity = load_identity(root)
    check_identity(root, identity)
    check_manifest(root, identity, version)
    check_module(root, identity)
    epoch = release_epoch(root)
    problems = run_checks(root)
    if problems:
        raise PackageError(f"{root}: check finds {len(problems)} problem(s), first: {problems[0]} (run kraken-proto check)")
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="kraken-proto-package-") as scratch,
        tempfile.TemporaryDirectory(prefix=f".{target.name}.", dir=target.parent) as building,
    ):
        stage = Path(scratch) / "tree"
        stage.mkdir()
        export_head(root, stage)
        if (root / "node_modules").is_dir():  # protoc-gen-es's and tsc's pinned installs (npm ci), not copied
            (stage / "node_modules").symlink_to((root / "node_modules").resolve(), target_is_directory=True)
        built = Path(building) / "out"
        built.mkdir()
        go_tag, skipped = _build_all(stage, built, identity, version, epoch)
        write_checksums(built)
        if target.exists():
            shutil.rmtree(target)
        os.replace(built, target)
    files = sorted((p for p in target.rglob("*") if p.is_file() and p.name != "SHA256SUMS"), key=lambda p: p.relative_to(target).as_posix())
    return Package(version=version, out=target, files=(*files, target / "SHA256SUMS"), go_tag=go_tag, skipped=skipped)


def refuse_to_replace(target: Path, root: Path) -> None:
    """The output folder is replaced as a whole: only a missing or empty folder or an earlier output (it has SHA256SUMS) may be."""
    if root.resolve().is_relative_to(target):
        raise PackageError(f"{target}: the output folder would hold the checkout itself: choose a folder of its own (default dist/<version>)")
    if target.exists() and not target.is_dir():
        raise PackageError(f"{target}: not a folder: choose a folder of its own for the artifacts (default dist/<version>)")
    if target.is_dir() and any(target.iterdir()) and not (target / "SHA256SUMS").is_file():
        raise PackageError(f"{target}: not empty and not an earlier package output (no SHA256SUMS), so package will not replace it: choose another folder")


def _build_all(stage: Path, out: Path, identity: Identity, version: str, epoch: int) -> tuple[str, tuple[str, ...]]:
    for folder in (PYTHON, NPM, BUF):
        (out / folder).mkdir()
    build_python(stage=stage, out=out / PYTHON, identity=identity, version=version, epoch=epoch)
    build_npm(stage=stage, out=out / NPM, identity=identity, version=version)
    build_buf(stage=stage, out=out / BUF, name=identity.python_distribution, version=version, epoch=epoch)
    _, go_tag = build_goproxy(stage=stage, out=out / GOPROXY, version=version, epoch=epoch)
    maven = maven_builder()
    if maven is None:
        return go_tag, ("maven: kraken_proto/packaging/maven.py is not in this tree",)
    maven(root=stage, out=out, version=version, identity=identity, epoch=epoch)
    return go_tag, ()
