"""``kraken-proto package``: what ``dist/<version>/`` holds, that it is reproducible, and what it refuses.

The artifacts are built once per session (``released`` in conftest.py, from a one-commit snapshot of this
tree) and shared with the tests that install them as their users do: tests/test_wheel.py,
tests/test_wheel_runtimes.py (the wheel, type-checked by a consumer), tests/test_npm_package.py (the
tarball), tests/test_go.py (the Go module through ``GOPROXY=file://``). Here: the layout, the checksums,
the metadata, ``buf breaking`` against the released module, a second build byte for byte, and each
refusal as one line that writes nothing.
"""

from __future__ import annotations

import email.parser
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from .conftest import RELEASE_EPOCH, ROOT, commit_all, git_snapshot, package_into

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]
NAMES = PYPROJECT["tool"]["kraken-proto"]
GO_PROXY_DIR = "goproxy/" + re.sub(r"[A-Z]", lambda m: "!" + m.group(0).lower(), NAMES["go-module"]) + "/@v"
BUF = Path(sys.executable).with_name("buf")
WHEEL = f"python/kraken_proto-{VERSION}-py3-none-any.whl"
SDIST = f"python/kraken_proto-{VERSION}.tar.gz"
BUF_TARBALL = f"buf/{NAMES['python-distribution']}-{VERSION}-buf.tar.gz"


def files_of(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_package_writes_the_documented_layout_for_the_pyproject_version(released: Path) -> None:
    npm_file = NAMES["npm-package"].removeprefix("@").replace("/", "-")
    expected = {
        "SHA256SUMS",
        SDIST,
        WHEEL,
        f"npm/{npm_file}-{VERSION}.tgz",
        f"buf/{NAMES['python-distribution']}-{VERSION}.binpb",
        BUF_TARBALL,
        *(f"{GO_PROXY_DIR}/{name}" for name in ("list", f"v{VERSION}.info", f"v{VERSION}.mod", f"v{VERSION}.zip")),
    }
    assert {name for name in files_of(released) if not name.startswith("maven/")} == expected


def test_sha256sums_names_every_other_file_and_sha256sum_verifies_them(released: Path) -> None:
    lines = (released / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = [line.split("  ", 1)[1] for line in lines]
    assert listed == sorted(listed) == [name for name in files_of(released) if name != "SHA256SUMS"]
    check = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=released, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count(": OK\n") == len(lines)


def test_a_second_package_of_the_same_commit_gives_identical_bytes(released: Path, tmp_path: Path) -> None:
    """Another snapshot of the same tree (another directory, the same commit time): every byte the same."""
    again = tmp_path / "again"
    result = package_into(git_snapshot(tmp_path / "checkout"), again)
    assert result.returncode == 0, result.stderr
    assert (again / "SHA256SUMS").read_bytes() == (released / "SHA256SUMS").read_bytes()
    assert files_of(again) == files_of(released)


def test_every_archive_is_stamped_with_the_release_time(released: Path) -> None:
    """The snapshot's commit is dated RELEASE_EPOCH: the wheel, sdist, Go zip and buf tarball carry that time."""
    with zipfile.ZipFile(released / WHEEL) as wheel:
        assert {info.date_time for info in wheel.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    with zipfile.ZipFile(released / GO_PROXY_DIR / f"v{VERSION}.zip") as module:
        assert {info.date_time for info in module.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    for name in (SDIST, BUF_TARBALL):
        with tarfile.open(released / name) as tar:
            assert {member.mtime for member in tar.getmembers()} == {RELEASE_EPOCH}, name
    info = json.loads((released / GO_PROXY_DIR / f"v{VERSION}.info").read_text(encoding="utf-8"))
    assert info == {"Version": f"v{VERSION}", "Time": "2026-01-01T00:00:00Z"}


def test_the_wheel_metadata_has_the_licence_the_project_urls_and_passes_twine_check_strict(released: Path) -> None:
    with zipfile.ZipFile(released / WHEEL) as wheel:
        names = set(wheel.namelist())
        metadata = email.parser.Parser().parsestr(wheel.read(f"kraken_proto-{VERSION}.dist-info/METADATA").decode())
    assert metadata["Name"] == NAMES["python-distribution"] and metadata["Version"] == VERSION
    assert metadata["License-Expression"] == "Apache-2.0" and metadata.get_all("License-File") == ["LICENSE", "NOTICE"]
    assert f"kraken_proto-{VERSION}.dist-info/licenses/LICENSE" in names
    urls = metadata.get_all("Project-URL") or []
    assert urls and all(url.split(", ", 1)[1].startswith(NAMES["repository-url"]) for url in urls)
    assert "Typing :: Typed" in (metadata.get_all("Classifier") or [])
    dists = [released / WHEEL, released / SDIST]
    check = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, dists)], capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count("PASSED") == 2, check.stdout + check.stderr


def test_the_sdist_holds_every_source_the_artifacts_are_built_from(released: Path) -> None:
    """What a build from the sdist needs: the contract, the generated code, each language's helper, the licence."""
    with tarfile.open(released / SDIST) as sdist:
        top = {m.name.split("/")[1] for m in sdist.getmembers() if m.name.count("/") >= 1}
    assert {"LICENSE", "README.md", "CHANGELOG.md", "pyproject.toml", "proto", "gen", "go", "ts", "java", "kraken_proto", "release", "upstream"} <= top


def test_the_wheel_marks_the_generated_namespace_package_typed_and_ships_its_stubs(released: Path) -> None:
    """PEP 561: kraken/ and kraken/enums/ have no __init__.py (namespace packages), so py.typed goes in v1/."""
    with zipfile.ZipFile(released / WHEEL) as wheel:
        names = set(wheel.namelist())
    assert {"kraken/enums/v1/py.typed", "kraken_proto/py.typed"} <= names
    assert not {"kraken/__init__.py", "kraken/enums/__init__.py", "kraken/py.typed"} & names
    modules = {n.removesuffix(".py") for n in names if re.fullmatch(r"kraken/enums/v1/\w+_pb2\.py", n)}
    assert len(modules) == 75 and {n.removesuffix(".pyi") for n in names if n.endswith("_pb2.pyi")} == modules


def test_the_npm_tarball_carries_the_javascript_readme_the_licence_and_the_repository(released: Path) -> None:
    (tarball,) = released.glob("npm/*.tgz")
    with tarfile.open(tarball) as tar:
        readme = tar.extractfile("package/README.md").read().decode()  # type: ignore[union-attr]
        manifest = json.loads(tar.extractfile("package/package.json").read())  # type: ignore[union-attr]
        licence = tar.extractfile("package/LICENSE").read()  # type: ignore[union-attr]
    assert readme == (ROOT / "ts" / "README.md").read_text(encoding="utf-8")
    assert "bash .ci/bootstrap" not in readme and readme.startswith("# kraken-proto (npm)\n")
    assert licence == (ROOT / "LICENSE").read_bytes()
    assert manifest["name"] == NAMES["npm-package"] and manifest["version"] == VERSION and manifest["license"] == "Apache-2.0"
    assert NAMES["repository-url"].removeprefix("https://") in manifest["repository"]["url"]


def test_the_go_module_zip_holds_the_module_files_under_its_versioned_prefix(released: Path) -> None:
    with zipfile.ZipFile(released / GO_PROXY_DIR / f"v{VERSION}.zip") as module:
        names = module.namelist()
    prefix = f"{NAMES['go-module']}@v{VERSION}/"
    assert all(n.startswith(prefix) for n in names)
    inside = {n.removeprefix(prefix) for n in names}
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "go"], capture_output=True, text=True, check=True).stdout.split()
    assert inside == {name.removeprefix("go/") for name in tracked}
    assert (released / GO_PROXY_DIR / f"v{VERSION}.mod").read_bytes() == (ROOT / "go" / "go.mod").read_bytes()
    assert (released / GO_PROXY_DIR / "list").read_text(encoding="utf-8") == f"v{VERSION}\n"


def append_value(tree: Path) -> None:
    """The next version's contract, as far as buf can tell: a new value with the next number in AccountStatus."""
    proto = tree / "proto" / "kraken" / "enums" / "v1" / "account_status.proto"
    text = proto.read_text(encoding="utf-8")
    highest = max(int(n) for n in re.findall(r"^  ACCOUNT_STATUS_\w+ = (\d+)", text, re.MULTILINE))
    proto.write_text(text.replace("\n}\n", f'\n  // New.\n  ACCOUNT_STATUS_NEWER = {highest + 1} [(graphql_value) = "NEWER"];\n}}\n'), encoding="utf-8")


def renumber_a_value(tree: Path) -> None:
    proto = tree / "proto" / "kraken" / "enums" / "v1" / "account_status.proto"
    text = proto.read_text(encoding="utf-8")
    assert "ACCOUNT_STATUS_ACTIVE = 1 [" in text
    proto.write_text(text.replace("ACCOUNT_STATUS_ACTIVE = 1 [", "ACCOUNT_STATUS_ACTIVE = 900 ["), encoding="utf-8")


@pytest.mark.parametrize("against", ["buf.tar.gz", "binpb"])
@pytest.mark.parametrize(("change", "passes"), [(append_value, True), (renumber_a_value, False)], ids=["value-appended", "value-renumbered"])
def test_buf_breaking_against_the_released_module_passes_the_next_version_and_fails_a_break(
    released: Path, tmp_path: Path, against: str, change: object, passes: bool
) -> None:
    """What a consumer's CI runs: ``buf breaking --against`` the released tarball or image."""
    tree = tmp_path / "next"
    tree.mkdir()
    shutil.copy2(ROOT / "buf.yaml", tree / "buf.yaml")
    shutil.copytree(ROOT / "proto", tree / "proto")
    change(tree)  # type: ignore[operator]
    (artifact,) = released.glob(f"buf/*.{against}") if against == "binpb" else released.glob(f"buf/*-{against}")
    result = subprocess.run([str(BUF), "breaking", "--against", str(artifact)], cwd=tree, capture_output=True, text=True)
    if passes:
        assert result.returncode == 0, result.stdout + result.stderr
        assert subprocess.run([str(BUF), "build", "-o", "/dev/null"], cwd=tree).returncode == 0  # the appended value is really there
    else:
        assert result.returncode != 0
        assert 'Previously present enum value "1" on enum "AccountStatus" was deleted' in result.stdout + result.stderr


@pytest.fixture
def snapshot(tmp_path: Path) -> Path:
    return git_snapshot(tmp_path / "checkout")


def refused(repo: Path, tmp_path: Path, **env: str) -> str:
    """Run package, expect one ``kraken-proto: error:`` line and exit 1, and nothing written; the line."""
    out = tmp_path / "out" / "dist"
    out.parent.mkdir()
    result = package_into(repo, out, **env)
    assert result.returncode == 1 and result.stdout == "", result.stdout + result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("kraken-proto: error: "), result.stderr
    assert list(out.parent.iterdir()) == []
    return result.stderr


def test_package_refuses_a_tree_that_is_not_a_git_checkout(project: Path, tmp_path: Path) -> None:
    """A copy of the project without .git: there is no commit to build from."""
    line = refused(project, tmp_path)
    assert line == f"kraken-proto: error: {project} is not a git checkout: package builds from a commit (clone the repository, or git init and commit)\n"


@pytest.mark.parametrize("where", ["the-checkout", "a-folder-of-other-files", "a-file"])
def test_package_refuses_an_output_it_would_have_to_destroy(snapshot: Path, tmp_path: Path, where: str) -> None:
    """The output is replaced as a whole: never the checkout, a folder of someone's files, or a file."""
    if where == "the-checkout":
        out = snapshot
    else:
        out = tmp_path / "mine"
        if where == "a-file":
            out.write_text("keep\n", encoding="utf-8")
        else:
            out.mkdir()
            (out / "notes.txt").write_text("keep\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in [out, *out.rglob("*")] if p.is_file() and ".git" not in p.parts}
    result = package_into(snapshot, out)
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and result.stderr.startswith(f"kraken-proto: error: {out}: ")
    assert {p: p.read_bytes() for p in [out, *out.rglob("*")] if p.is_file() and ".git" not in p.parts} == before


def test_package_refuses_a_working_tree_that_differs_from_head(snapshot: Path, tmp_path: Path) -> None:
    (snapshot / "ts" / "README.md").write_text("changed\n", encoding="utf-8")
    (snapshot / "stray.txt").write_text("new\n", encoding="utf-8")
    line = refused(snapshot, tmp_path)
    assert "the working tree differs from HEAD (stray.txt, ts/README.md): commit or stash the changes" in line


def test_package_refuses_an_npm_name_that_is_not_the_identitys(snapshot: Path, tmp_path: Path) -> None:
    manifest = snapshot / "package.json"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(f'"name": "{NAMES["npm-package"]}"', '"name": "@other/enums"'), encoding="utf-8")
    commit_all(snapshot)
    line = refused(snapshot, tmp_path)
    assert f"package.json: name is '@other/enums' but [tool.kraken-proto] npm-package is '{NAMES['npm-package']}'" in line


def test_package_refuses_a_tree_that_check_fails(snapshot: Path, tmp_path: Path) -> None:
    """A generated file edited by hand and committed: the tree is clean, but not what generate writes."""
    stub = snapshot / "kraken_proto" / "_generated" / "enums.py"
    stub.write_text(stub.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    commit_all(snapshot)
    line = refused(snapshot, tmp_path)
    assert "check finds 1 problem(s), first: " in line and "kraken_proto/_generated/enums.py" in line and line.rstrip().endswith("(run kraken-proto check)")


def test_package_refuses_a_source_date_epoch_that_is_not_a_number(snapshot: Path, tmp_path: Path) -> None:
    line = refused(snapshot, tmp_path, SOURCE_DATE_EPOCH="yesterday")
    assert "SOURCE_DATE_EPOCH='yesterday' is not a number of seconds" in line


def test_source_date_epoch_overrides_the_release_commit_time_and_an_earlier_output_is_replaced(released: Path, snapshot: Path, tmp_path: Path) -> None:
    """Only the times move: the Go module's .info says 2030, and its zip's entries carry 2030's date. The
    output folder held the session's build (with an extra file): it is replaced as a whole."""
    out = tmp_path / "dist"
    shutil.copytree(released, out)
    (out / "left-over.txt").write_text("from an earlier build\n", encoding="utf-8")
    result = package_into(snapshot, out, SOURCE_DATE_EPOCH="1893456000")  # 2030-01-01T00:00:00Z
    assert result.returncode == 0, result.stderr
    assert files_of(out) == files_of(released)
    assert (out / "SHA256SUMS").read_bytes() != (released / "SHA256SUMS").read_bytes()
    assert json.loads((out / GO_PROXY_DIR / f"v{VERSION}.info").read_text(encoding="utf-8"))["Time"] == "2030-01-01T00:00:00Z"
    with zipfile.ZipFile(out / GO_PROXY_DIR / f"v{VERSION}.zip") as module:
        assert {info.date_time for info in module.infolist()} == {(2030, 1, 1, 0, 0, 0)}
    assert f"push the tag go/v{VERSION}" in result.stdout


def test_sha256sums_digests_are_the_files_digests(released: Path) -> None:
    """Independently of sha256sum: hashlib over each listed file."""
    for line in (released / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((released / name).read_bytes()).hexdigest() == digest, name
