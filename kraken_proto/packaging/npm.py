"""The npm artifact: the tarball ``npm pack`` writes, with the README written for JavaScript users.

``npm pack`` runs the manifest's ``prepack`` (the pinned tsc builds ``build/npm``) in the staged tree, so
nothing is written in the checkout. npm always packs the package root's README: the staged root gets
``ts/README.md`` in its place, so the tarball does not carry the maintainers' README. npm stamps every
entry with one fixed date and gzips without a timestamp, so the tarball is byte-reproducible as it is.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..generator.identity import Identity
from .errors import PackageError
from .tools import run

README = Path("ts/README.md")


def tarball_name(package: str, version: str) -> str:
    """npm's file name for a package: ``@acme/kraken-proto`` 1.2.3 is ``acme-kraken-proto-1.2.3.tgz``."""
    return f"{package.removeprefix('@').replace('/', '-')}-{version}.tgz"


def check_manifest(root: Path, identity: Identity, version: str) -> None:
    """package.json names the identity's npm package, its repository and the release's version."""
    path = root / "package.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    repository = manifest.get("repository")
    url = repository.get("url", "") if isinstance(repository, dict) else str(repository or "")
    problems = []
    if manifest.get("name") != identity.npm_package:
        problems.append(f"name is {manifest.get('name')!r} but [tool.kraken-proto] npm-package is {identity.npm_package!r}")
    if manifest.get("version") != version:
        problems.append(f"version is {manifest.get('version')!r} but pyproject.toml's is {version!r}")
    if identity.repository_url.removeprefix("https://") not in url:
        problems.append(f"repository is {url!r}, not [tool.kraken-proto] repository-url {identity.repository_url!r}")
    if problems:
        raise PackageError(f"{path}: {'; '.join(problems)}: make them the same")


def build_npm(*, stage: Path, out: Path, identity: Identity, version: str) -> Path:
    """``npm pack`` of ``stage`` into ``out``; the tarball's path."""
    if not (stage / README).is_file():
        raise PackageError(f"{README} is missing: the npm package's README for JavaScript users comes from it")
    shutil.copyfile(stage / README, stage / "README.md")
    npm = shutil.which("npm")
    if npm is None:
        raise PackageError("npm is not installed: bash .ci/system-packages node installs it")
    run([npm, "pack", "--silent", "--no-audit", "--no-fund", "--pack-destination", out], cwd=stage, what="npm pack")
    tarball = out / tarball_name(identity.npm_package, version)
    if not tarball.is_file():
        raise PackageError(f"npm pack did not write {tarball.name} (it wrote {sorted(p.name for p in out.iterdir())})")
    return tarball
