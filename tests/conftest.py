"""Shared fixtures: the project root, throwaway copies of it, and running the real CLI."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "upstream" / "kraken-graphql-enums.txt"
PROJECT_FILES = (
    "buf.yaml",
    "buf.gen.yaml",
    "generated",
    "go",
    "java",
    "package.json",
    "package-lock.json",
    "pyproject.toml",
    "CHANGELOG.md",
    "upstream",
    "proto",
    "gen",
    "kraken_proto",
    "release",
    "docs",
)
VECTORS = ROOT / "gen" / "kraken-enums-vectors.json"


def copy_project(target: Path) -> Path:
    """A copy of everything ``generate`` reads and writes, to break or evolve without touching ROOT.

    ``node_modules`` (protoc-gen-es, which buf.gen.yaml runs) is linked, not copied.
    """
    target.mkdir(parents=True, exist_ok=True)
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    for name in PROJECT_FILES:
        src, dst = ROOT / name, target / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dst)
    return target


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` (caches aside) with the SHA-256 of its bytes."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """``python -m kraken_proto ARGS`` in a real subprocess."""
    return subprocess.run([sys.executable, "-m", "kraken_proto", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_cli


def run_python(project: Path, code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` against the copy's own ``kraken_proto`` and ``gen/`` (PYTHONPATH wins over the editable install)."""
    env = {"PYTHONPATH": f"{project}{os.pathsep}{project / 'gen'}", "PATH": os.environ.get("PATH", "")}
    return subprocess.run([sys.executable, "-c", code], cwd=project, env=env, capture_output=True, text=True, timeout=120)


CONSUMER_STUBS_ENV = "KRAKEN_PROTO_CONSUMER_STUBS"
"""Set by tests/test_wheel_runtimes.py for the suite it runs in a fresh virtualenv (which has no grpcio-tools):
a directory of consumer stubs already compiled by this checkout's protoc."""


@pytest.fixture(scope="session")
def consumer(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, ModuleType, ModuleType]:
    """The consumer contract's stubs, generated once per session by grpcio-tools (see tests/consumer.py)."""
    from .consumer import compile_stubs, import_stubs

    if os.environ.get(CONSUMER_STUBS_ENV):
        return import_stubs(Path(os.environ[CONSUMER_STUBS_ENV]))
    out = tmp_path_factory.mktemp("consumer_stubs")
    compile_stubs(out)
    return import_stubs(out)


def run_checked(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=900, env=env)
    assert result.returncode == 0, f"{command}: {result.stdout[-3000:]}{result.stderr[-3000:]}"
    return result


RELEASE_EPOCH = 1767225600
"""2026-01-01T00:00:00Z: the commit time of a snapshot's one commit, and so the artifacts' timestamps."""


def git_snapshot(target: Path, source: Path = ROOT) -> Path:
    """The files of ``source`` a clone would have plus those not yet committed (ignored ones aside), as a
    fresh repository with one commit dated RELEASE_EPOCH: what ``kraken-proto package`` builds from, made of
    the working tree under test. ``node_modules`` is linked after the commit (and excluded), as ``npm ci``
    would have installed it in a clone."""
    listed = subprocess.run(
        ["git", "-C", str(source), "ls-files", "-z", "--cached", "--others", "--exclude-standard"], capture_output=True, check=True
    ).stdout.decode()
    for name in sorted({n for n in listed.split("\0") if n}):
        src = source / name
        if src.is_file() and not src.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / name)
    commit_all(target, init=True)
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    (target / ".git" / "info" / "exclude").write_text("/node_modules\n", encoding="utf-8")
    return target


def commit_all(repo: Path, *, init: bool = False, epoch: int = RELEASE_EPOCH) -> None:
    """``git add -A && git commit`` in ``repo`` (after ``git init`` if asked), dated ``epoch``, by a fixed author."""
    date = f"@{epoch} +0000"
    env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com")
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    for args in ([["init", "-q", "-b", "main"]] if init else []) + [["add", "-A"], ["commit", "-q", "--no-verify", "-m", "snapshot"]]:
        subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True, check=True)


def package_into(repo: Path, out: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``kraken-proto package --root repo -o out`` in a real subprocess (cwd outside the tree), with ``env`` added."""
    variables = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | env
    return subprocess.run(
        [sys.executable, "-m", "kraken_proto", "package", "--root", str(repo), "-o", str(out)],
        cwd=out.parent,
        env=variables,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="session")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``dist/<version>/`` as ``kraken-proto package`` builds it from a snapshot of this tree, once per session."""
    base = tmp_path_factory.mktemp("released")
    repo = git_snapshot(base / "checkout")
    out = base / "dist" / "release"
    out.parent.mkdir()
    result = package_into(repo, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def wheel(released: Path) -> Path:
    """The project's wheel, as ``kraken-proto package`` built it (``released``)."""
    (built,) = released.glob("python/kraken_proto-*.whl")
    return built


def make_venv(target: Path, *requirements: str | Path) -> Path:
    """A new virtualenv at ``target`` with ``requirements`` pip-installed (from the warm cache); its bin/."""
    run_checked(sys.executable, "-m", "venv", "--without-pip", target, cwd=target.parent)
    run_checked(
        sys.executable,
        "-m",
        "pip",
        "--python",
        target / "bin" / "python",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        *requirements,
        cwd=target.parent,
    )
    return target / "bin"


@pytest.fixture(scope="session")
def wheel_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv with only the wheel and its one dependency, protobuf (the newest the pin admits); its bin/."""
    return make_venv(tmp_path_factory.mktemp("wheel-venv") / "venv", wheel)
