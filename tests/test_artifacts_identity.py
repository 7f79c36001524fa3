"""A second publisher's names, set in a scratch copy, reach every artifact of ``kraken-proto package``, and
the placeholders' names reach none.

The copy is a fork as its maintainers would make it: ``[tool.kraken-proto]`` set by hand (tests/test_identity.py's
``set_identity``), ``generate`` run (which also points the project URLs and npm ``repository`` at the
fork's repository: nothing else is edited by hand), the fork's own first release (``release --first``), committed;
then ``package``. Each artifact is opened as its users open it: the wheel's and sdist's metadata, the npm
manifest, the Go module's proxy path, go.mod and sources, the Maven POM and class paths, the file names.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, commit_all, git_snapshot, package_into, run_cli
from .test_identity import ACME, OLD_GO, OLD_JAVA, set_identity

OLD_REPOSITORY = "github.com/kraken-proto/kraken-proto"
NEW_REPOSITORY = ACME["repository-url"].removeprefix("https://")


@pytest.fixture(scope="module")
def fork_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("fork")
    fork = git_snapshot(base / "checkout")
    shutil.rmtree(fork / ".git")  # a fork's history starts anew: no release, no changelog
    shutil.rmtree(fork / "release")
    (fork / "CHANGELOG.md").unlink()
    set_identity(fork, ACME)
    for args in (["generate"], ["release", "--first"]):
        result = run_cli(*args, "--root", str(fork), cwd=base)
        assert result.returncode == 0, f"{args}: {result.stderr}"
    (fork / "node_modules").unlink()
    commit_all(fork, init=True)
    (fork / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    (fork / ".git" / "info" / "exclude").write_text("/node_modules\n", encoding="utf-8")
    out = base / "dist"
    result = package_into(fork, out)
    assert result.returncode == 0, result.stderr
    return out


def headers(metadata: bytes) -> str:
    """The core metadata fields, without the long description (the maintainers' README, which shows commands)."""
    return metadata.decode().split("\n\n", 1)[0]


def texts(dist: Path) -> dict[str, str]:
    """What users read of each artifact, by artifact: names, metadata, manifests, module sources, POM."""
    found: dict[str, str] = {"file names": "\n".join(sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file()))}
    (wheel,) = dist.glob("python/*.whl")
    with zipfile.ZipFile(wheel) as archive:
        found["wheel"] = "\n".join(headers(archive.read(n)) for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    (sdist,) = dist.glob("python/*.tar.gz")
    with tarfile.open(sdist) as archive:
        found["sdist"] = "\n".join(headers(archive.extractfile(m).read()) for m in archive.getmembers() if m.name.endswith("/PKG-INFO"))  # type: ignore[union-attr]
    (npm,) = dist.glob("npm/*.tgz")
    with tarfile.open(npm) as archive:
        found["npm"] = archive.extractfile("package/package.json").read().decode()  # type: ignore[union-attr]
    (go_zip,) = dist.glob("goproxy/**/*.zip")
    with zipfile.ZipFile(go_zip) as archive:
        found["go"] = "\n".join([*archive.namelist(), *(archive.read(n).decode() for n in archive.namelist() if n.endswith((".go", "go.mod")))])
    poms = sorted(dist.glob("maven/**/*.pom"))
    jars = sorted(dist.glob("maven/**/*.jar"))
    assert poms and jars, "package wrote no Maven artifacts"
    names = []
    for jar in jars:
        with zipfile.ZipFile(io.BytesIO(jar.read_bytes())) as archive:
            names += archive.namelist()
    found["maven"] = "\n".join([*(p.read_text(encoding="utf-8") for p in poms), *names])
    return found


def test_the_second_identity_names_every_artifact(fork_dist: Path) -> None:
    found = texts(fork_dist)
    java_path = ACME["java-package-prefix"].replace(".", "/")
    expected = {
        "file names": [
            "python/acme_kraken_enums-",
            "npm/acme-kraken-enums-",
            "buf/acme-kraken-enums-",
            f"goproxy/{ACME['go-module']}/@v/",
            "maven/com/acme/platform/",
        ],
        "wheel": [f"Name: {ACME['python-distribution']}", ACME["repository-url"]],
        "sdist": [f"Name: {ACME['python-distribution']}", ACME["repository-url"]],
        "npm": [f'"name": "{ACME["npm-package"]}"', NEW_REPOSITORY],
        "go": [f"module {ACME['go-module']}\n", f'"{ACME["go-module"]}/kraken/enums/v1"', f"{ACME['go-module']}@v"],
        "maven": [f"<groupId>{ACME['java-group-id']}</groupId>", f"{java_path}/kraken/enums/v1/"],
    }
    missing = {artifact: [s for s in strings if s not in found[artifact]] for artifact, strings in expected.items()}
    assert {k: v for k, v in missing.items() if v} == {}
    assert json.loads(found["npm"])["name"] == ACME["npm-package"]


def test_the_placeholder_names_are_in_no_artifact(fork_dist: Path) -> None:
    found = texts(fork_dist)
    old = [OLD_GO, OLD_JAVA, OLD_JAVA.replace(".", "/"), OLD_REPOSITORY, "kraken_proto-", "kraken-proto-"]
    leaks = {artifact: [s for s in old if s in text] for artifact, text in found.items()}
    assert {k: v for k, v in leaks.items() if v} == {}
    # The Python import package stays kraken_proto (its name is API, not the publisher's): only the distribution moves.
    assert re.search(r"^Name: acme-kraken-enums$", found["wheel"], re.MULTILINE)
