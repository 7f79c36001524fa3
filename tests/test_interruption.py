"""Interrupted and concurrent runs lose nothing: a real ``kraken-proto`` subprocess is killed (SIGKILL,
SIGTERM), interrupted (SIGINT: KeyboardInterrupt) or made to fail (an exception) at every step of the
swap, through the test-only ``KRAKEN_PROTO_FAULT_AT`` hook of ``kraken_proto/generator/transaction.py``.

Afterwards every output is wholly old or wholly new (never missing, never mixed), and the next run
finishes or undoes the interrupted one by itself, says so in one line, and leaves no staging folder.
A small project (three enums from an SDL source) keeps each run to a couple of seconds.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kraken_proto.generator.outputs import OUTPUTS as GENERATED_OUTPUTS
from kraken_proto.generator.publisher import PLACES

from .conftest import ROOT, tree_digest

OUTPUTS = tuple(path.as_posix() for path in GENERATED_OUTPUTS if path not in PLACES)
"""The outputs an upstream change moves (the publisher's places are outputs too, but only a rename moves them)."""
SWAP_STEPS = len(OUTPUTS) + 2
"""Journal written (1); each changed output exchanged with its new version (2 .. N+1); journal removed (N+2)."""

OLD_SDL = '''
"""How a meter reading was taken."""
enum ReadingSource { SMART_METER CUSTOMER "An estimate." ESTIMATED }

enum some_type { kWh Weekly CANCELLED_BY_SUPPLIER___CUSTOMER_CHANGING_SUPPLIER }
'''
NEW_SDL = (
    OLD_SDL
    + '''
"""Statuses of an API brownout."""
enum APIBrownoutStatus { SCHEDULED IN_PROGRESS }
'''
)


def kraken(root: Path, *args: str, fault_at: int | None = None, fault: str = "KILL", source: str | None = "new.graphql") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KRAKEN_PROTO_FAULT")}
    if fault_at is not None:
        env |= {"KRAKEN_PROTO_FAULT_AT": str(fault_at), "KRAKEN_PROTO_FAULT": fault}
    command = [sys.executable, "-m", "kraken_proto", *args, "--root", str(root)]
    if args[0] == "generate" and source is not None:
        command += ["--source", str(root / "upstream" / source)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def outputs(root: Path) -> dict[str, dict[str, str] | None]:
    """Each output's files and their hashes; ``None`` for a missing output."""
    out: dict[str, dict[str, str] | None] = {}
    for name in OUTPUTS:
        path = root / name
        if path.is_dir():
            out[name] = tree_digest(path)
        elif path.is_file():
            out[name] = {path.name: hashlib.sha256(path.read_bytes()).hexdigest()}
        else:
            out[name] = None
    return out


def new_project(target: Path) -> Path:
    (target / "upstream").mkdir(parents=True)
    for name in ("buf.yaml", "buf.gen.yaml", "pyproject.toml"):  # pyproject.toml: the publisher's names
        shutil.copy2(ROOT / name, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    (target / "upstream" / "old.graphql").write_text(OLD_SDL, encoding="utf-8")
    (target / "upstream" / "new.graphql").write_text(NEW_SDL, encoding="utf-8")
    result = kraken(target, "generate", source="old.graphql")
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, str] | None], dict[str, dict[str, str] | None]]:
    """A project generated from OLD_SDL, and the outputs that OLD_SDL and NEW_SDL give (each run from scratch)."""
    base = new_project(tmp_path_factory.mktemp("base") / "project")
    reference = tmp_path_factory.mktemp("reference") / "project"
    shutil.copytree(base, reference, symlinks=True)
    assert kraken(reference, "generate").returncode == 0
    old, new = outputs(base), outputs(reference)
    assert all(old[name] != new[name] for name in OUTPUTS), "NEW_SDL must change every output"
    return base, old, new


def copy(base: Path, tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(base, target, symlinks=True)
    return target


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".generate-") and p.is_dir())


def assert_each_output_wholly_old_or_new(root: Path, old: dict[str, object], new: dict[str, object]) -> dict[str, str]:
    now = outputs(root)
    states = {}
    for name in OUTPUTS:
        assert now[name] is not None, f"{name} is missing"
        assert now[name] in (old[name], new[name]), f"{name} is neither the old nor the new one"
        states[name] = "old" if now[name] == old[name] else "new"
    return states


@pytest.mark.parametrize("signal_name", ["KILL", "INT"])
@pytest.mark.parametrize("step", range(1, SWAP_STEPS + 1))
def test_a_generate_interrupted_at_any_step_of_the_swap_leaves_old_or_new_and_the_next_run_completes_it(
    trees: tuple[Path, dict[str, object], dict[str, object]], tmp_path: Path, step: int, signal_name: str
) -> None:
    base, old, new = trees
    root = copy(base, tmp_path)
    interrupted = kraken(root, "generate", fault_at=step, fault=signal_name)
    if signal_name == "KILL":
        assert interrupted.returncode == -signal.SIGKILL, interrupted.stderr
    else:  # Ctrl-C: KeyboardInterrupt puts the old tree back at once (unless the swap was already committed)
        assert interrupted.returncode == 130, interrupted.stderr
        assert interrupted.stderr == "kraken-proto: interrupted\n"
    states = assert_each_output_wholly_old_or_new(root, old, new)
    if signal_name == "INT":
        assert set(states.values()) == ({"new"} if step == SWAP_STEPS else {"old"})
        assert not (root / ".generate-journal.json").exists()
    journal = (root / ".generate-journal.json").exists()

    after = kraken(root, "generate")
    assert after.returncode == 0, after.stderr
    assert outputs(root) == new
    assert leftovers(root) == [] and not (root / ".generate-journal.json").exists()
    recovered = [line for line in after.stderr.splitlines() if line.startswith("kraken-proto: recovered: ")]
    if journal:
        assert any("was rolled forward" in line for line in recovered), after.stderr
    if signal_name == "KILL":
        assert any("staging folder(s)" in line for line in recovered) or journal, after.stderr


@pytest.mark.parametrize("step", range(1, SWAP_STEPS))
def test_ctrl_c_before_the_commit_point_rolls_back_at_once_leaving_neither_journal_nor_staging(
    trees: tuple[Path, dict[str, object], dict[str, object]], tmp_path: Path, step: int
) -> None:
    """docs/generate-safety.md: Ctrl-C rolls back. Step 1 lands just after the journal is renamed into place."""
    base, old, _new = trees
    root = copy(base, tmp_path)
    interrupted = kraken(root, "generate", fault_at=step, fault="INT")
    assert interrupted.returncode == 130 and interrupted.stderr == "kraken-proto: interrupted\n"
    assert outputs(root) == old
    assert not (root / ".generate-journal.json").exists() and leftovers(root) == []
    after = kraken(root, "generate", source="old.graphql")  # nothing to recover, nothing rolled forward
    assert after.returncode == 0 and "recovered" not in after.stderr, after.stderr
    assert outputs(root) == old


@pytest.mark.parametrize("step", [3])
def test_sigterm_during_the_swap_loses_nothing(trees: tuple[Path, dict[str, object], dict[str, object]], tmp_path: Path, step: int) -> None:
    base, old, new = trees
    root = copy(base, tmp_path)
    assert kraken(root, "generate", fault_at=step, fault="TERM").returncode == -signal.SIGTERM
    assert_each_output_wholly_old_or_new(root, old, new)
    assert kraken(root, "generate").returncode == 0
    assert outputs(root) == new and leftovers(root) == []


@pytest.mark.parametrize("step", [2, 4])
def test_a_swap_that_fails_part_way_with_an_exception_puts_the_old_tree_back_at_once(
    trees: tuple[Path, dict[str, object], dict[str, object]], tmp_path: Path, step: int
) -> None:
    base, old, _new = trees
    root = copy(base, tmp_path)
    failed = kraken(root, "generate", fault_at=step, fault="raise")
    assert failed.returncode == 1
    assert failed.stderr.count("\n") == 1 and "injected fault" in failed.stderr and "Traceback" not in failed.stderr
    assert outputs(root) == old  # restored by the failing run itself, not by a later one
    assert not (root / ".generate-journal.json").exists() and leftovers(root) == []


def test_a_journal_whose_staged_outputs_are_gone_is_rolled_back(trees: tuple[Path, dict[str, object], dict[str, object]], tmp_path: Path) -> None:
    base, old, _new = trees
    root = copy(base, tmp_path)
    assert kraken(root, "generate", fault_at=3, fault="KILL").returncode == -signal.SIGKILL  # proto and gen swapped
    (staging,) = [p for p in root.iterdir() if p.name.startswith(".generate-") and p.is_dir()]
    shutil.rmtree(staging / "new" / "docs")  # a staged new output lost: the swap cannot be finished
    result = kraken(root, "generate", source="old.graphql")
    assert result.returncode == 0, result.stderr
    assert "was rolled back" in result.stderr
    assert outputs(root) == old and leftovers(root) == []


def test_a_second_generate_while_one_runs_stops_in_one_line_and_the_first_finishes(
    trees: tuple[Path, dict[str, object], dict[str, object]], tmp_path: Path
) -> None:
    base, _old, new = trees
    root = copy(base, tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KRAKEN_PROTO_FAULT")} | {"KRAKEN_PROTO_FAULT_AT": "3", "KRAKEN_PROTO_FAULT": "STOP"}
    first = subprocess.Popen(
        [sys.executable, "-m", "kraken_proto", "generate", "--root", str(root), "--source", str(root / "upstream" / "new.graphql")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not (root / ".generate-journal.json").exists() or _state(first.pid) != "T":
            assert time.monotonic() < deadline and first.poll() is None, "the first generate never reached its swap"
            time.sleep(0.05)
        # The first run is stopped in the middle of its swap, holding the lock.
        for command in ("generate", "release", "check"):
            second = kraken(root, command)
            assert second.returncode == 1, second.stderr
            assert second.stderr == (
                f"kraken-proto: error: {root}: another kraken-proto generate, update or release is working on this tree; "
                f"{command} did not start (run it again when that one has finished)\n"
            )
        assert (root / ".generate-journal.json").exists()
    finally:
        os.kill(first.pid, signal.SIGCONT)
        _stdout, stderr = first.communicate(timeout=300)
    assert first.returncode == 0, stderr
    assert outputs(root) == new and leftovers(root) == []


def _state(pid: int) -> str:
    """The process state letter from /proc (``T``: stopped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "?"


OLD_TEXT = 'About Enums\nheader\nReadingSource\nHow a meter reading was taken.\nValues\nCUSTOMER\nSMART_METER\nExample\n"CUSTOMER"\n'
NEW_TEXT = OLD_TEXT + 'some_type\nAn enumeration.\nValues\nkWh\nWeekly\nExample\n"kWh"\n'


RELEASE_FILES = ("release/baseline.binpb", "release/contract.tsv", "release/version", "CHANGELOG.md", "pyproject.toml", "package.json", "package-lock.json")


def release_files(root: Path) -> dict[str, bytes | None]:
    return {name: (root / name).read_bytes() if (root / name).exists() else None for name in RELEASE_FILES}


@pytest.mark.parametrize("step", [1, 2, 3, 4, 5, 6, 7])
def test_an_interrupted_release_leaves_each_of_its_outputs_old_or_new_and_the_next_run_completes_it(tmp_path: Path, step: int) -> None:
    """A release swaps release/, CHANGELOG.md and the three version files under one journal (steps 1-7 of it)."""
    root = tmp_path / "project"
    (root / "upstream").mkdir(parents=True)
    shutil.copytree(ROOT / "generated", root / "generated")
    for name in ("buf.yaml", "buf.gen.yaml", "pyproject.toml", "package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, root / name)
    (root / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    document = root / "upstream" / "kraken-graphql-enums.txt"
    document.write_text(OLD_TEXT, encoding="utf-8")
    assert kraken(root, "generate", source=None).returncode == 0
    assert kraken(root, "release", "--first").returncode == 0  # the first release, 0.1.0
    document.write_text(NEW_TEXT, encoding="utf-8")
    assert kraken(root, "generate", source=None).returncode == 0  # a new enum: a compatible change, 0.2.0
    before = release_files(root)
    assert kraken(root, "release", fault_at=step, fault="KILL").returncode == -signal.SIGKILL
    now = release_files(root)
    assert None not in now.values()
    record = ("release/baseline.binpb", "release/contract.tsv", "release/version")
    assert all(now[name] == before[name] for name in record) or all(now[name] != before[name] for name in record), "release/ is one output"
    if (root / ".generate-journal.json").exists():
        checked = kraken(root, "check")
        assert checked.returncode == 1 and "left its swap unfinished" in checked.stderr
    again = kraken(root, "release")  # finishes the interrupted release (rolled forward): then nothing is left to release
    assert again.returncode == 1 and "nothing to release: the contract in proto/ is the same as release 0.2.0" in again.stderr, again.stderr
    assert ("swap was rolled forward" in again.stderr) == (step < 7)  # after step 7 the journal is gone: the release had committed
    assert all(release_files(root)[name] != before[name] for name in RELEASE_FILES)
    assert (root / "release/version").read_text(encoding="utf-8") == "0.2.0\n"
    assert 'version = "0.2.0"' in (root / "pyproject.toml").read_text(encoding="utf-8")
    assert "some_type\t2\tSOME_TYPE_WEEKLY\tWeekly\tfalse\tkraken/enums/v1/some_type.proto" in (root / "release" / "contract.tsv").read_text(encoding="utf-8")
    assert leftovers(root) == [] and kraken(root, "check").returncode == 0
