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
    "buf.gen.go.yaml",
    "buf.gen.java.yaml",
    "pyproject.toml",
    "go",
    "package.json",
    "package-lock.json",
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


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built once per session (``--no-isolation``: hatchling is pinned in the dev extra)."""
    base = tmp_path_factory.mktemp("wheel")
    run_checked(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", base / "dist", ROOT, cwd=base)
    (built,) = (base / "dist").glob("kraken_proto-*.whl")
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
