"""An interrupted ``update`` loses nothing: a real subprocess is killed while it fetches and at steps of its swap.

``upstream/`` (the fetched introspection, ``source.toml``, ``corrections.toml``) is swapped in the same
transaction as the generated outputs (``KRAKEN_PROTO_FAULT_AT`` counts the same steps as for
``generate``: journal written, each output exchanged, journal removed). After a kill every one of them
is wholly old or wholly new, and the next ``update`` finishes or undoes the swap and ends with exactly
the tree a clean update gives.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kraken_proto.generator.outputs import OUTPUTS as GENERATED_OUTPUTS
from kraken_proto.generator.publisher import PLACES

from . import graphql_server as hostile
from .conftest import ROOT, copy_project, run_cli, tree_digest
from .graphql_server import Endpoint

PARTS = ("upstream", *(path.as_posix() for path in GENERATED_OUTPUTS if path not in PLACES))
"""What an upstream change moves: upstream/ and the generated outputs (the publisher's places only move on a rename)."""
SWAP_STEPS = len(PARTS) + 2
"""Journal written (1); upstream/ and each output exchanged (2 .. N+1); journal removed (N+2)."""


def state(root: Path) -> dict[str, dict[str, str]]:
    out = {}
    for name in PARTS:
        path = root / name
        out[name] = tree_digest(path) if path.is_dir() else {path.name: hashlib.sha256(path.read_bytes()).hexdigest()} if path.is_file() else {}
    return out


def update(root: Path, url: str, fault_at: int | None = None, fault: str = "KILL") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KRAKEN_PROTO_FAULT")}
    if fault_at is not None:
        env |= {"KRAKEN_PROTO_FAULT_AT": str(fault_at), "KRAKEN_PROTO_FAULT": fault}
    return subprocess.run(
        [sys.executable, "-m", "kraken_proto", "update", url, "--root", str(root)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Endpoint, dict[str, dict[str, str]], dict[str, dict[str, str]]]]:
    """A copy of the project, a server with a later schema (a value and an enum added), and the old and new states."""
    base = copy_project(tmp_path_factory.mktemp("base") / "project")
    exported = run_cli("export-sdl", "--root", str(base))
    assert exported.returncode == 0, exported.stderr
    sdl = (
        exported.stdout.replace("enum AccountStatus {\n", "enum AccountStatus {\n  SUSPENDED\n", 1)
        + "\nenum MeterReadingSource { SMART_METER CUSTOMER }\ntype Query { s: AccountStatus }\n"
    )
    with Endpoint(sdl) as endpoint:
        reference = tmp_path_factory.mktemp("reference") / "project"
        shutil.copytree(base, reference, symlinks=True)
        clean = update(reference, endpoint.url)
        assert clean.returncode == 10, clean.stderr
        old, new = state(base), state(reference)
        assert all(old[name] != new[name] for name in PARTS), "the later schema must change every part"
        yield base, endpoint, old, new


def copy(base: Path, tmp_path: Path) -> Path:
    shutil.copytree(base, tmp_path / "project", symlinks=True)
    return tmp_path / "project"


@pytest.mark.parametrize(("step", "signal_name"), [(1, "KILL"), (2, "KILL"), (5, "KILL"), (SWAP_STEPS - 1, "KILL"), (SWAP_STEPS, "KILL"), (3, "INT")])
def test_an_update_interrupted_during_its_swap_leaves_each_part_old_or_new_and_the_next_update_completes(
    served: tuple[Path, Endpoint, dict[str, object], dict[str, object]], tmp_path: Path, step: int, signal_name: str
) -> None:
    base, endpoint, old, new = served
    root = copy(base, tmp_path)
    interrupted = update(root, endpoint.url, fault_at=step, fault=signal_name)
    if signal_name == "KILL":
        assert interrupted.returncode == -signal.SIGKILL, interrupted.stderr
    else:
        assert (interrupted.returncode, interrupted.stderr.splitlines()[-1]) == (130, "kraken-proto: interrupted")
    now = state(root)
    for name in PARTS:
        assert now[name] in (old[name], new[name]), f"{name} is neither the old nor the new one"
    if signal_name == "INT":
        assert now == old  # Ctrl-C before the commit point: the old tree is put back at once
    after = update(root, endpoint.url)
    assert after.returncode in (0, 10), after.stderr
    assert state(root) == new
    assert not (root / ".generate-journal.json").exists() and not list(root.glob(".generate-*"))


def test_an_update_killed_while_it_fetches_changes_nothing(served: tuple[Path, Endpoint, dict[str, object], dict[str, object]], tmp_path: Path) -> None:
    base, endpoint, old, _new = served
    root = copy(base, tmp_path)
    endpoint.respond = hostile.drip(30)
    requests = len(endpoint.requests)
    try:
        process = subprocess.Popen([sys.executable, "-m", "kraken_proto", "update", endpoint.url, "--root", str(root)], cwd=ROOT, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while len(endpoint.requests) == requests:
            assert time.monotonic() < deadline and process.poll() is None, "update never sent its query"
            time.sleep(0.05)
        process.kill()
        process.wait(timeout=60)
    finally:
        endpoint.respond = None
    assert state(root) == old and not list(root.glob(".generate-*"))
