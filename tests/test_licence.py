"""The licence travels with every artifact: the plain Apache-2.0 text, the NOTICE on the upstream text, and
the licence fields that registries and scanners read (PEP 639 metadata, package.json's ``license``).

The wheel and the sdist are built for real (``python -m build --no-isolation``, offline) and go through
``twine check --strict``, what an organisation runs before ``twine upload`` to its own index.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tarfile
import tomllib
import zipfile
from email.parser import HeaderParser
from pathlib import Path

import pytest

from .conftest import ROOT, run_checked

APACHE_2_0_SHA256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30"
"""The SHA-256 of the Apache License 2.0 text as the Apache Software Foundation publishes it
(https://www.apache.org/licenses/LICENSE-2.0.txt; Debian's /usr/share/common-licenses/Apache-2.0 is the
same bytes): a LICENSE edited, truncated or filled in differs."""


def test_the_licence_file_is_the_unmodified_apache_2_0_text() -> None:
    assert hashlib.sha256((ROOT / "LICENSE").read_bytes()).hexdigest() == APACHE_2_0_SHA256


def test_the_notice_says_where_the_descriptions_come_from_and_who_owns_them() -> None:
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    assert "Kraken GraphQL API reference documentation" in notice and "upstream/" in notice
    assert "copyright of those descriptions stays with their" in notice


def test_pyproject_and_package_json_declare_apache_2_0() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "Apache-2.0" and project["license-files"] == ["LICENSE", "NOTICE"]
    assert json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["license"] == "Apache-2.0"


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("dists")
    run_checked(sys.executable, "-m", "build", "--wheel", "--sdist", "--no-isolation", "--outdir", out, ROOT, cwd=out)
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return wheel, sdist


def test_the_wheel_and_the_sdist_pass_twine_check_strict(dists: tuple[Path, Path]) -> None:
    result = run_checked(sys.executable, "-m", "twine", "check", "--strict", *dists, cwd=dists[0].parent)
    assert result.stdout.count("PASSED") == 2, result.stdout


def test_the_wheel_metadata_carries_the_licence_expression_and_both_files(dists: tuple[Path, Path]) -> None:
    wheel, _sdist = dists
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        headers = HeaderParser().parsestr(archive.read(metadata).decode("utf-8"))
        licences = {Path(n).name: archive.read(n) for n in archive.namelist() if "/licenses/" in n}
    assert headers["License-Expression"] == "Apache-2.0"
    assert sorted(headers.get_all("License-File") or []) == ["LICENSE", "NOTICE"]
    assert licences == {"LICENSE": (ROOT / "LICENSE").read_bytes(), "NOTICE": (ROOT / "NOTICE").read_bytes()}


def test_the_sdist_carries_the_licence_and_the_notice(dists: tuple[Path, Path]) -> None:
    _wheel, sdist = dists
    with tarfile.open(sdist) as archive:
        names = {Path(n).relative_to(Path(n).parts[0]).as_posix() for n in archive.getnames() if len(Path(n).parts) > 1}
    assert {"LICENSE", "NOTICE"} <= names
