"""The release guards hold: what ``check`` must refuse, and what a journal may ask of ``generate``.

Each problem is made for real in a copy of the project (a weakened ``buf.yaml``, a renamed enum, an
options file with moved extension numbers, a tampered journal, a folder that cannot be removed) and the
real CLI runs on it in a subprocess.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import tree_digest

PROTO = Path("proto/kraken/enums/v1/account_status.proto")
FLOW_STYLE_POLICY = """\
version: v2
modules:
  - path: proto
lint: {use: [STANDARD, COMMENT_ENUM]}
breaking: {use: [FILE, WIRE_JSON, CSR], ignore: [proto/kraken/enums/v1/account_status.proto]}
"""


def kraken(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The copy's own ``kraken_proto`` (PYTHONPATH wins over the editable install), run on the copy."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KRAKEN_PROTO_FAULT")} | {"PYTHONPATH": str(project)}
    return subprocess.run(
        [sys.executable, "-m", "kraken_proto", *args, "--root", str(project)], cwd=project, env=env, capture_output=True, text=True, timeout=600
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kraken-proto: error: "), result.stderr
    return lines[0]


def rename_account_status_enum(project: Path) -> None:
    """``AccountStatus`` -> ``AccountSTATUS`` in its proto: the GraphQL name, numbers, values and file stay."""
    path = project / PROTO
    text = path.read_text(encoding="utf-8")
    assert "\nenum AccountStatus {" in text
    path.write_text(text.replace("\nenum AccountStatus {", "\nenum AccountSTATUS {"), encoding="utf-8")
    assert kraken(project, "generate").returncode == 0


# The policy in buf.yaml, read as YAML


def test_a_flow_style_policy_with_an_ignore_fails_check_naming_the_ignore(project: Path) -> None:
    (project / "buf.yaml").write_text(FLOW_STYLE_POLICY, encoding="utf-8")
    errors = kraken(project, "check").stderr
    assert "buf.yaml: breaking.ignore exempts" in errors, errors


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("breaking:\n  use: [FILE, WIRE_JSON, CSR]\n  ignore_only: {FILE_NO_DELETE: [proto]}\n", "breaking.ignore_only"),
        ("breaking:\n  use: [FILE, WIRE_JSON, CSR]\n  ignore_unstable_packages: true\n", "breaking.ignore_unstable_packages"),
        ("breaking:\n  use: [FILE, WIRE_JSON, CSR]\n  except: [ENUM_NO_DELETE]\n", "breaking.except"),
    ],
    ids=["ignore_only", "ignore_unstable_packages", "except"],
)
def test_every_weakening_of_the_breaking_policy_is_named(project: Path, section: str, expected: str) -> None:
    config = project / "buf.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("breaking:")] + section, encoding="utf-8")
    errors = kraken(project, "check").stderr
    assert f"buf.yaml: {expected} " in errors, errors


def test_a_module_that_excludes_files_or_brings_its_own_policy_is_named(project: Path) -> None:
    config = project / "buf.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - path: proto\n", "  - path: proto\n    excludes: [proto/kraken/enums/v1/vendor]\n    breaking: {use: [WIRE]}\n"), encoding="utf-8"
    )
    errors = kraken(project, "check").stderr
    assert "buf.yaml: modules[0].excludes " in errors, errors
    assert "buf.yaml: modules[0].breaking " in errors, errors


def test_a_buf_yaml_that_is_not_yaml_fails_check_in_one_line_naming_the_line(project: Path) -> None:
    (project / "buf.yaml").write_text("version: v2\nbreaking: {use: [FILE\n", encoding="utf-8")
    result = kraken(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert any(line.startswith("kraken-proto: error: check: buf.yaml:") and "line 3" in line for line in result.stderr.splitlines()), result.stderr


def test_the_committed_buf_yaml_passes_the_policy_check(project: Path) -> None:
    assert "buf.yaml" not in kraken(project, "check").stderr


# The golden table records each enum's full name


def test_renaming_a_released_enum_fails_check_by_the_golden_table_even_when_buf_breaking_is_silenced(project: Path) -> None:
    rename_account_status_enum(project)
    (project / "buf.yaml").write_text(FLOW_STYLE_POLICY, encoding="utf-8")  # buf breaking no longer sees the file
    errors = kraken(project, "check").stderr
    assert "contract: enum AccountStatus was renamed from kraken.enums.v1.AccountStatus to kraken.enums.v1.AccountSTATUS" in errors, errors


def test_renaming_a_released_enum_fails_check(project: Path) -> None:
    rename_account_status_enum(project)
    result = kraken(project, "check")
    assert result.returncode == 1
    assert "enum AccountStatus was renamed from kraken.enums.v1.AccountStatus to kraken.enums.v1.AccountSTATUS" in result.stderr
    assert "buf breaking failed" in result.stderr


def test_a_golden_table_written_before_full_names_were_recorded_is_still_read_and_compared(project: Path) -> None:
    golden = project / "release" / "contract.tsv"
    lines = golden.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    column = header.index("full_name")
    old = ["\t".join(cells[:column] + cells[column + 1 :]) for cells in (line.split("\t") for line in lines)]
    golden.write_text("\n".join(old) + "\n", encoding="utf-8")
    assert kraken(project, "check").returncode == 0
    rewrite = project / PROTO
    rewrite.write_text(rewrite.read_text(encoding="utf-8").replace("ACCOUNT_STATUS_VOID = 7", "ACCOUNT_STATUS_VOIDED = 7"), encoding="utf-8")
    assert kraken(project, "generate").returncode == 0
    assert 'AccountStatus value 7 (ACCOUNT_STATUS_VOID, "VOID") was renamed to ACCOUNT_STATUS_VOIDED' in kraken(project, "check").stderr


# The custom options' numbers and types are released contract


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "string graphql_value = 50011;",
            "string graphql_value = 50021;",
            "option (kraken.enums.v1.graphql_value) was released as number 50011; it is now 50021",
        ),
        ("string graphql_name = 50001;", "bytes graphql_name = 50001;", "option (kraken.enums.v1.graphql_name) was released as a string; it is now bytes"),
    ],
    ids=["number", "type"],
)
def test_moving_or_retyping_a_custom_option_fails_check(project: Path, old: str, new: str, expected: str) -> None:
    template = project / "kraken_proto" / "generator" / "options.proto"
    text = template.read_text(encoding="utf-8")
    assert old in text
    template.write_text(text.replace(old, new), encoding="utf-8")
    assert kraken(project, "generate").returncode == 0
    errors = kraken(project, "check").stderr
    assert expected in errors, errors


# The journal of an interrupted run: every entry must name an output of the outputs table


def journal(project: Path, *entries: dict[str, object]) -> None:
    (project / ".generate-journal.json").write_text(json.dumps({"format": 1, "staging": ".generate-abandoned", "outputs": list(entries)}), encoding="utf-8")
    (project / ".generate-abandoned" / "new").mkdir(parents=True)


def test_a_journal_entry_without_old_is_refused_in_one_line_and_nothing_changes(project: Path) -> None:
    journal(project, {"path": "proto", "new": 12345})
    before = tree_digest(project)
    line = one_error_line(kraken(project, "generate"))
    assert ".generate-journal.json" in line and "outputs[0]" in line and "'old'" in line
    assert tree_digest(project) == before


def test_a_journal_entry_outside_the_outputs_table_never_deletes_anything(project: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    (victim / "keep").mkdir(parents=True)
    (victim / "keep" / "data.txt").write_text("precious", encoding="utf-8")
    proto = project / "proto"
    journal(
        project,
        {"path": "proto", "new": 999_999_999, "old": os.lstat(proto).st_ino},  # not swapped: the run would roll back
        {"path": "../victim", "new": os.lstat(victim).st_ino, "old": None},  # "swapped", no old version: removed
    )
    before = tree_digest(project)
    line = one_error_line(kraken(project, "generate"))
    assert "'../victim'" in line and "not an output" in line
    assert (victim / "keep" / "data.txt").read_text(encoding="utf-8") == "precious"
    assert tree_digest(project) == before


@pytest.mark.parametrize(
    "data",
    [
        {"format": 1, "staging": "../elsewhere", "outputs": []},
        {"format": 1, "staging": ".generate-x/../../up", "outputs": []},
        {"format": 1, "staging": ".generate-x", "outputs": [{"path": "proto", "new": 1, "old": None}, {"path": "proto", "new": 2, "old": None}]},
        {"format": 1, "staging": ".generate-x", "outputs": [{"path": "gen", "new": "1", "old": None}]},
        {"format": 1, "staging": ".generate-x", "outputs": [{"path": "gen", "new": 1, "old": True}]},
        {"format": 1, "staging": ".generate-x", "outputs": {"path": "gen"}},
        [],
    ],
    ids=["staging-outside", "staging-escapes", "duplicate-output", "inode-as-text", "old-not-an-inode", "outputs-not-a-list", "not-an-object"],
)
def test_a_malformed_journal_is_refused_in_one_line_and_nothing_changes(project: Path, data: object) -> None:
    (project / ".generate-journal.json").write_text(json.dumps(data), encoding="utf-8")
    before = tree_digest(project)
    line = one_error_line(kraken(project, "generate"))
    assert ".generate-journal.json" in line and "git checkout" in line
    assert tree_digest(project) == before


# A folder that cannot be removed


@contextmanager
def immutable(path: Path, within: Path) -> Iterator[None]:
    """``chattr +i``: even root cannot remove the folder's entries (tests run as root, which ignores modes).

    The folder may have moved by the end (a swap carries it along): it is found again by name under ``within``.
    """
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"chattr +i is not available here: {made.stderr.strip()}")
    try:
        yield
    finally:
        for folder, subfolders, _files in os.walk(within):
            if path.name in subfolders:
                subprocess.run(["chattr", "-i", os.path.join(folder, path.name)], check=True)


def test_an_output_folder_that_cannot_be_removed_is_named_and_no_staging_folder_is_left_unsaid(project: Path) -> None:
    stuck = project / "proto" / "stuck"
    stuck.mkdir()
    (stuck / "notes.txt").write_text("a maintainer's file", encoding="utf-8")
    with immutable(stuck, project):
        first = kraken(project, "generate")
        line = one_error_line(first)
        leftovers = [p for p in project.iterdir() if p.name.startswith(".generate-")]
        assert len(leftovers) == 1, leftovers
        assert f"{leftovers[0].name}/new/proto/stuck" in line and "Operation not permitted" in line, line
        assert "rm -rf" in line
        assert not (project / "proto" / "stuck").exists()  # the new proto/ is in place
        second = kraken(project, "generate")
        line = one_error_line(second)
        assert f"{leftovers[0].name}/new/proto/stuck" in line and "Operation not permitted" in line, line
    shutil.rmtree(leftovers[0])
    assert kraken(project, "generate").returncode == 0
