"""``kraken-proto diff``: the committed contract against the last release or a git revision, in a copy of the
project changed for real, through the real CLI. Exit 0 whenever the diff ran (changes or not); one line and
exit 1 when it cannot (no release, no such revision, not a repository, a break).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

Cli = Callable[..., subprocess.CompletedProcess[str]]
DOC = Path("upstream/kraken-graphql-enums.txt")
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_rejected(project: Path, cli: Cli) -> None:
    rewrite(project / DOC, "Pending\nPending.\n", "Pending\nPending.\nRejected\nRejected.\n")
    result = cli("generate", "--root", str(project))
    assert result.returncode == 0, result.stderr


def diff(project: Path, cli: Cli, *args: str) -> str:
    result = cli("diff", "--root", str(project), *args)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout


def fails(project: Path, cli: Cli, *args: str) -> str:
    result = cli("diff", "--root", str(project), *args)
    assert result.returncode == 1 and result.stdout == "" and len(result.stderr.splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def test_a_tree_equal_to_its_release_has_no_changes_and_exits_0(project: Path, cli: Cli) -> None:
    assert diff(project, cli) == "none: no changes\n"
    assert json.loads(diff(project, cli, "--format", "json"))["bump"] == "none"


def test_a_value_added_upstream_is_listed_in_each_format(project: Path, cli: Cli) -> None:
    add_rejected(project, cli)
    assert diff(project, cli) == "minor: 1 value added\nReferralStatusChoices\n  added value Rejected = 4 (REFERRAL_STATUS_CHOICES_REJECTED)\n"
    assert diff(project, cli, "--against", "release", "--format", "markdown") == (
        "Version bump: **minor** (1 value added).\n\n### `ReferralStatusChoices`\n\n- added value `Rejected` = 4 (`REFERRAL_STATUS_CHOICES_REJECTED`)\n"
    )
    data = json.loads(diff(project, cli, "--format", "json"))
    assert (data["format"], data["bump"], data["enums_added"], data["deprecated"]) == (1, "minor", [], [])
    assert [(v["graphql_name"], v["graphql_value"], v["proto_name"], v["number"]) for v in data["values_added"]] == [
        ("ReferralStatusChoices", "Rejected", "REFERRAL_STATUS_CHOICES_REJECTED", 4)
    ]


def test_against_a_git_revision_compares_with_the_protos_committed_there(project: Path, cli: Cli) -> None:
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-qm", "base"], cwd=project, check=True)
    assert diff(project, cli, "--against", "HEAD") == "none: no changes\n"
    add_rejected(project, cli)
    subprocess.run([*GIT, "commit", "-qam", "Rejected"], cwd=project, check=True)
    shutil.rmtree(project / "release")  # a revision needs no release
    assert (
        diff(project, cli, "--against", "HEAD~1")
        == "minor: 1 value added\nReferralStatusChoices\n  added value Rejected = 4 (REFERRAL_STATUS_CHOICES_REJECTED)\n"
    )
    assert diff(project, cli, "--against", "HEAD") == "none: no changes\n"


@pytest.mark.parametrize("revision", ["no-such-branch", "HEAD~5", "--help", "-x"])
def test_an_unknown_revision_is_one_line(project: Path, cli: Cli, revision: str) -> None:
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-qm", "base"], cwd=project, check=True)
    assert fails(project, cli, f"--against={revision}") == (
        f"kraken-proto: error: {revision!r} is not a commit of the git repository at {project} (try a branch, a tag or a commit id, e.g. HEAD~1)\n"
    )


def test_a_revision_outside_a_git_repository_is_one_line(project: Path, cli: Cli) -> None:
    assert fails(project, cli, "--against", "HEAD") == (
        f"kraken-proto: error: {project}: not in a git repository, so there is no revision 'HEAD' to compare with (use --against release)\n"
    )


def test_a_revision_without_protos_is_one_line(project: Path, cli: Cli) -> None:
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([*GIT, "add", "buf.yaml"], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-qm", "no protos"], cwd=project, check=True)
    assert fails(project, cli, "--against", "HEAD").startswith("kraken-proto: error: HEAD: the revision has no proto/ and buf.yaml at ")


def test_without_a_release_the_default_diff_is_one_line(project: Path, cli: Cli) -> None:
    shutil.rmtree(project / "release")
    assert fails(project, cli) == (
        f"kraken-proto: error: {project / 'release/baseline.binpb'}: no release to compare with "
        "(run kraken-proto release --first once, or restore release/ from git)\n"
    )


def test_a_break_is_refused_in_one_line(project: Path, cli: Cli) -> None:
    rewrite(project / "proto/kraken/enums/v1/account_status.proto", "ACCOUNT_STATUS_VOID = 7", "ACCOUNT_STATUS_VOID = 70")
    assert fails(project, cli) == (
        "kraken-proto: error: the contract breaks the release it is compared with: AccountStatus value 7 (ACCOUNT_STATUS_VOID, 'VOID') is gone "
        "or renumbered; a break is never released (restore it; kraken-proto check lists every break)\n"
    )
