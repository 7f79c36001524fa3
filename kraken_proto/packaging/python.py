"""The Python artifacts: the sdist and the wheel built from it, checked by twine.

``python -m build --no-isolation`` builds the sdist and then the wheel from the unpacked sdist (so the
wheel can only hold what the sdist ships), with the pinned hatchling of the dev extra: offline, and
reproducible because hatchling stamps every archive entry with ``SOURCE_DATE_EPOCH``. ``twine check
--strict`` is what a package index would say about the metadata and the README.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from pathlib import Path

from ..generator.identity import Identity
from .errors import PackageError
from .tools import run


def project_table(root: Path) -> dict[str, object]:
    table: dict[str, object] = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return table


def project_version(root: Path) -> str:
    """``[project].version`` of pyproject.toml: the version every artifact carries."""
    version = project_table(root).get("version")
    if not isinstance(version, str) or not re.fullmatch(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)", version):
        raise PackageError(f"{root / 'pyproject.toml'}: [project].version is {version!r}, not MAJOR.MINOR.PATCH: set it (kraken-proto release does)")
    return version


def check_identity(root: Path, identity: Identity) -> None:
    """The distribution name and the project URLs are the identity's (PEP 621 does not let the name be computed)."""
    path = root / "pyproject.toml"
    project = project_table(root)
    if project.get("name") != identity.python_distribution:
        raise PackageError(
            f"{path}: [project].name is {project.get('name')!r} but [tool.kraken-proto] python-distribution is "
            f"{identity.python_distribution!r}: make them the same"
        )
    urls = project.get("urls")
    wrong = sorted(k for k, v in urls.items() if not str(v).startswith(identity.repository_url)) if isinstance(urls, dict) else ["(none)"]
    if wrong:
        raise PackageError(f"{path}: [project.urls] {', '.join(wrong)} not under [tool.kraken-proto] repository-url {identity.repository_url!r}: update them")


def build_python(*, stage: Path, out: Path, identity: Identity, version: str, epoch: int) -> list[Path]:
    """The sdist and the wheel of ``stage`` in ``out``, twine-checked; their paths."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), PYTHONDONTWRITEBYTECODE="1")
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", out, stage], cwd=stage, what="python -m build", env=env)
    stem = re.sub(r"[-_.]+", "_", identity.python_distribution).lower()
    built = [out / f"{stem}-{version}.tar.gz", out / f"{stem}-{version}-py3-none-any.whl"]
    missing = [p.name for p in built if not p.is_file()]
    if missing:
        raise PackageError(f"python -m build did not write {', '.join(missing)} (it wrote {sorted(p.name for p in out.iterdir())})")
    run([sys.executable, "-m", "twine", "check", "--strict", *built], cwd=stage, what="twine check --strict", env=env)
    return built
