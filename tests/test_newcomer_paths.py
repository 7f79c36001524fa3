"""Small things a newcomer meets first: the top-level help, ``check`` on a machine without buf, the
tarball ``npm pack`` leaves, the docs the CLI points at. Each with the real tool in a subprocess.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, tree_digest


def test_the_tarball_npm_pack_writes_is_ignored_by_git() -> None:
    packed = subprocess.run(["npm", "pack", "--dry-run", "--json", "--ignore-scripts"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert packed.returncode == 0, packed.stderr
    (tarball,) = [entry["filename"] for entry in json.loads(packed.stdout)]
    assert tarball.endswith(".tgz")
    ignored = subprocess.run(["git", "check-ignore", "--no-index", "-q", tarball], cwd=ROOT, timeout=60)
    assert ignored.returncode == 0, f"{tarball} is not covered by .gitignore"


def without_buf(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m kraken_proto ARGS`` from an interpreter with no buf beside it and none on PATH.

    The virtualenv's interpreter would find the pinned buf in its own bin/ (as the CLI intends); the same
    interpreter binary linked from an empty folder, with the virtualenv's packages on PYTHONPATH, finds none.
    """
    bare = tmp_path / "bare-bin"
    bare.mkdir(parents=True)
    (bare / "python").symlink_to(os.path.realpath(sys.executable))
    import site

    paths = [str(ROOT), str(ROOT / "gen"), *site.getsitepackages()]
    env = {"PATH": str(bare), "HOME": os.environ.get("HOME", "/root"), "PYTHONPATH": os.pathsep.join(paths)}
    return subprocess.run([str(bare / "python"), "-m", "kraken_proto", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_check_generate_and_release_without_buf_say_so_in_one_line_and_change_nothing(project: Path, tmp_path: Path) -> None:
    before = tree_digest(project)
    for command in ("check", "generate", "release"):
        result = without_buf(tmp_path / command, command, "--root", str(project))
        assert result.returncode == 1, result.stderr
        assert result.stderr == (
            "kraken-proto: error: buf is not installed: install the project with its dev extra (pip install -e '.[dev]'), which brings buf-bin\n"
        )
    assert tree_digest(project) == before


def kraken(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kraken_proto", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


USERS = ["convert", "list", "export-descriptors", "export-jsonschema", "export-avro", "export-table"]
MAINTAINERS = ["generate", "check", "release", "export-sdl"]


def test_the_top_level_help_lists_the_users_commands_first_then_the_maintainers_under_their_own_headings() -> None:
    text = kraken("--help").stdout
    users = text.index("commands for everyone")
    maintainers = text.index("commands for maintainers (in a checkout")
    assert users < maintainers
    for command in USERS:
        assert users < text.index(f"\n    {command} ") < maintainers, command
    for command in MAINTAINERS:
        assert maintainers < text.index(f"\n    {command} "), command


def test_the_help_points_only_at_docs_an_installed_package_can_reach() -> None:
    import re

    for command in USERS:
        text = kraken(command, "--help").stdout
        for match in re.finditer(r"docs/[\w.-]+\.md", text):
            after = text[match.end() : match.end() + 40]
            assert "in the source repository" in " ".join(after.split()), f"{command} --help points at {match.group()} as if the wheel had it"
        for module in re.findall(r"python -m pydoc ([\w.]+)", text):
            shown = subprocess.run([sys.executable, "-m", "pydoc", module], cwd="/", capture_output=True, text=True, timeout=120)
            assert shown.returncode == 0 and "JSON Schema" in shown.stdout and "Avro" in shown.stdout, shown.stderr
    assert "python -m pydoc kraken_proto.export" in kraken("export-jsonschema", "--help").stdout
    assert "python -m pydoc kraken_proto.export" in kraken("export-avro", "--help").stdout
    assert "python -m pydoc kraken_proto.export" in kraken("export-table", "--help").stdout


def test_ctrl_c_while_the_command_is_still_importing_protobuf_is_one_line_and_exit_130_never_a_traceback() -> None:
    """``-X importtime`` reports each import as it finishes: the first protobuf module tells that start-up is
    under way, and SIGINT is sent right then, as a Ctrl-C during start-up would be."""
    child = subprocess.Popen(
        [sys.executable, "-X", "importtime", "-m", "kraken_proto", "list", "AccountStatus"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    seen: list[str] = []
    for line in child.stderr:
        seen.append(line)
        if "google.protobuf" in line:
            child.send_signal(signal.SIGINT)
            break
    _stdout, rest = child.communicate(timeout=120)
    messages = [line for line in [*seen, *rest.splitlines(keepends=True)] if not line.startswith("import time:")]
    assert "Traceback" not in "".join(messages), "".join(messages)
    assert child.returncode == 130 and messages == ["kraken-proto: interrupted\n"], (child.returncode, messages)
