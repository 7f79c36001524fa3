"""``kraken-proto release`` decides the version from the contract's diff and writes it everywhere, with a
changelog section; its guards refuse half a release record and a "first release" where one existed.

Each test changes a copy of the project for real (the upstream text, the protos, release/), runs the real
CLI in a subprocess, and states the expected files as literals: the copy starts at release 0.1.0.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from kraken_proto.generator.release import CHANGELOG_HEADER, add_section

from .conftest import tree_digest

Cli = Callable[..., subprocess.CompletedProcess[str]]
DOC = Path("upstream/kraken-graphql-enums.txt")
DROPPED = "No longer listed in the upstream reference; kept so that stored data still decodes."


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def generate(project: Path, cli: Cli) -> None:
    result = cli("generate", "--root", str(project))
    assert result.returncode == 0, result.stderr


def released(project: Path, cli: Cli, *args: str) -> str:
    result = cli("release", "--root", str(project), *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(project: Path, cli: Cli, *args: str) -> str:
    """The one error line of a refused release, which changed nothing on disk."""
    before = tree_digest(project)
    result = cli("release", "--root", str(project), *args)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr
    assert tree_digest(project) == before
    return result.stderr


def versions(project: Path) -> list[str]:
    """The version of pyproject.toml, package.json, package-lock.json and its root package, and release/version."""
    lock = json.loads((project / "package-lock.json").read_text(encoding="utf-8"))
    return [
        tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"],
        json.loads((project / "package.json").read_text(encoding="utf-8"))["version"],
        lock["version"],
        lock["packages"][""]["version"],
        (project / "release/version").read_text(encoding="utf-8").strip(),
    ]


def newest_section(project: Path) -> str:
    """The first ``## `` section of CHANGELOG.md, up to the next one."""
    text = (project / "CHANGELOG.md").read_text(encoding="utf-8")
    return "## " + text.split("\n## ")[1].split("\n## ")[0]


def test_the_copy_starts_at_release_0_1_0_everywhere(project: Path) -> None:
    assert versions(project) == ["0.1.0"] * 5
    assert newest_section(project).startswith("## 0.1.0\n\nThe first release: 74 enums with 896 values")


def test_adding_a_value_upstream_releases_the_next_minor_version_everywhere_with_a_changelog_of_exactly_that_value(project: Path, cli: Cli) -> None:
    rewrite(project / DOC, "Pending\nPending.\n", "Pending\nPending.\nRejected\nRejected.\n")
    generate(project, cli)
    out = released(project, cli)
    assert versions(project) == ["0.2.0"] * 5
    assert out.startswith("released 0.2.0 (minor: 1 value added): ") and out.rstrip().endswith("git tag go/v0.2.0")
    assert newest_section(project) == (
        "## 0.2.0\n\nVersion bump: **minor** (1 value added).\n\n### `ReferralStatusChoices`\n\n"
        "- added value `Rejected` = 4 (`REFERRAL_STATUS_CHOICES_REJECTED`)\n"
    )
    assert "## 0.1.0\n" in (project / "CHANGELOG.md").read_text(encoding="utf-8")  # history is kept below
    changes = json.loads((project / "release/changes/0.2.0.json").read_text(encoding="utf-8"))
    assert (changes["format"], changes["version"], changes["previous"], changes["go_tag"]) == (1, "0.2.0", "0.1.0", "go/v0.2.0")
    assert (changes["enums"], changes["values"], changes["diff"]["bump"]) == (74, 897, "minor")
    assert changes["diff"]["values_added"] == [
        {
            "graphql_name": "ReferralStatusChoices",
            "graphql_value": "Rejected",
            "proto_name": "REFERRAL_STATUS_CHOICES_REJECTED",
            "number": 4,
            "deprecated": False,
            "deprecation_reason": "",
        }
    ]
    assert sorted(p.name for p in (project / "release/changes").iterdir()) == ["0.1.0.json", "0.2.0.json"]
    assert "ReferralStatusChoices\t4\tREFERRAL_STATUS_CHOICES_REJECTED\tRejected\tfalse" in (project / "release/contract.tsv").read_text(encoding="utf-8")
    checked = cli("check", "--root", str(project))
    assert checked.returncode == 0, checked.stderr
    # The same tree again: nothing to release.
    assert refused(project, cli) == (
        "kraken-proto: error: nothing to release: the contract in proto/ is the same as release 0.2.0 (descriptions, values, deprecations "
        "and options); run kraken-proto generate first if upstream changed\n"
    )


def test_a_description_only_change_releases_the_next_patch_version(project: Path, cli: Cli) -> None:
    rewrite(project / DOC, "Pending\nPending.\n", "Pending\nAwaiting the first payment.\n")
    generate(project, cli)
    assert released(project, cli).startswith("released 0.1.1 (patch: 1 description changed): ")
    assert versions(project) == ["0.1.1"] * 5
    assert newest_section(project) == (
        "## 0.1.1\n\nVersion bump: **patch** (1 description changed).\n\n### `ReferralStatusChoices`\n\n"
        "- description of value `Pending` = 3: Pending. -> Awaiting the first payment.\n"
    )


def test_a_value_upstream_dropped_is_a_deprecation_and_releases_the_next_minor_version(project: Path, cli: Cli) -> None:
    rewrite(project / DOC, "Paid\nPaid.\n", "")
    generate(project, cli)
    assert released(project, cli).startswith("released 0.2.0 (minor: 1 newly deprecated): ")
    assert newest_section(project) == (
        "## 0.2.0\n\nVersion bump: **minor** (1 newly deprecated).\n\n### `ReferralStatusChoices`\n\n"
        f"- deprecated value `Paid` = 2 (`REFERRAL_STATUS_CHOICES_PAID`): {DROPPED}\n"
    )


def test_a_release_that_changes_nothing_stops_with_one_line_and_writes_nothing(project: Path, cli: Cli) -> None:
    assert refused(project, cli) == (
        "kraken-proto: error: nothing to release: the contract in proto/ is the same as release 0.1.0 (descriptions, values, deprecations "
        "and options); run kraken-proto generate first if upstream changed\n"
    )


def test_version_files_that_disagree_stop_the_release_with_one_line(project: Path, cli: Cli) -> None:
    rewrite(project / "package.json", '"version": "0.1.0"', '"version": "0.3.0"')
    assert "the version files disagree (pyproject.toml [project].version = 0.1.0, package.json version = 0.3.0, " in refused(project, cli)


def test_a_version_moved_by_hand_is_refused_against_the_recorded_release(project: Path, cli: Cli) -> None:
    for name, old, new in [
        ("pyproject.toml", 'version = "0.1.0"', 'version = "0.5.0"'),
        ("package.json", '"version": "0.1.0"', '"version": "0.5.0"'),
        ("package-lock.json", '"version": "0.1.0"', '"version": "0.5.0"'),
        ("package-lock.json", '"version": "0.1.0"', '"version": "0.5.0"'),
    ]:
        rewrite(project / name, old, new)
    assert "release/version says the last release is 0.1.0, but the version files say 0.5.0" in refused(project, cli)


# -- the guards of issue 21 ---------------------------------------------------------------------------


@pytest.mark.parametrize(("deleted", "kept"), [("contract.tsv", "baseline.binpb"), ("baseline.binpb", "contract.tsv")])
def test_a_release_with_only_one_file_of_the_release_pair_is_refused_naming_the_missing_one(project: Path, cli: Cli, deleted: str, kept: str) -> None:
    rewrite(project / DOC, "Pending\nPending.\n", "Pending\nPending.\nRejected\nRejected.\n")
    generate(project, cli)
    (project / "release" / deleted).unlink()
    assert refused(project, cli) == (
        f"kraken-proto: error: {project / 'release' / deleted} is missing but release/{kept} is there: the two are written together by "
        f"kraken-proto release; restore the missing one from git (git checkout -- release/{deleted}), never release from half a record\n"
    )
    assert refused(project, cli, "--first").startswith(f"kraken-proto: error: {project / 'release' / deleted} is missing")


def renumber_and_delete_the_release(project: Path) -> None:
    rewrite(project / "proto/kraken/enums/v1/account_status.proto", "ACCOUNT_STATUS_VOID = 7", "ACCOUNT_STATUS_VOID = 70")
    shutil.rmtree(project / "release")


def test_deleting_release_does_not_make_a_renumbered_tree_a_first_release(project: Path, cli: Cli) -> None:
    renumber_and_delete_the_release(project)
    assert refused(project, cli) == (
        f"kraken-proto: error: {project / 'release'}: no release recorded (release/baseline.binpb, release/contract.tsv); if a release existed, "
        "restore release/ from git (git checkout -- release); for the very first release of a new tree run kraken-proto release --first\n"
    )
    assert refused(project, cli, "--first") == (
        "kraken-proto: error: release --first refused: a release existed before (CHANGELOG.md lists release 0.1.0); restore release/ from git "
        "(git checkout -- release) and release with kraken-proto release\n"
    )


def test_first_is_refused_where_git_history_holds_a_release_even_without_release_or_changelog(project: Path, cli: Cli) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "release 0.1.0"], cwd=project, check=True)
    renumber_and_delete_the_release(project)
    (project / "CHANGELOG.md").unlink()
    assert "release --first refused: a release existed before (git history has release files (commit " in refused(project, cli, "--first")


def test_first_is_refused_where_a_release_is_recorded(project: Path, cli: Cli) -> None:
    assert "a release existed before (release/baseline.binpb and release/contract.tsv hold one (a later release needs no --first))" in refused(
        project, cli, "--first"
    )


def test_first_records_a_tree_that_never_had_a_release_at_the_version_it_carries(project: Path, cli: Cli) -> None:
    shutil.rmtree(project / "release")
    (project / "CHANGELOG.md").unlink()
    out = released(project, cli, "--first")
    assert out.startswith("released 0.1.0 (first release): ") and out.rstrip().endswith("git tag go/v0.1.0")
    assert versions(project) == ["0.1.0"] * 5
    assert sorted(p.relative_to(project / "release").as_posix() for p in (project / "release").rglob("*")) == [
        "baseline.binpb",
        "changes",
        "changes/0.1.0.json",
        "contract.tsv",
        "identity.toml",
        "version",
    ]
    changelog = (project / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith("# Changelog\n") and changelog.count("\n## ") == 1
    assert newest_section(project) == (
        "## 0.1.0\n\nThe first release: 74 enums with 896 values in proto package `kraken.enums.v1`, each value carrying its GraphQL string "
        "(the reference: docs/generated/enums.md). Later sections list what each release changed.\n"
    )
    assert json.loads((project / "release/changes/0.1.0.json").read_text(encoding="utf-8"))["diff"] is None
    checked = cli("check", "--root", str(project))
    assert checked.returncode == 0, checked.stderr


# -- the changelog's sections (pure) --------------------------------------------------------------------


def test_a_new_section_goes_above_the_newest_and_the_header_is_written_once() -> None:
    first = add_section("", "## 0.1.0\n\nFirst.\n")
    assert first == CHANGELOG_HEADER + "\n## 0.1.0\n\nFirst.\n"
    assert add_section(first, "## 0.2.0\n\nSecond.\n") == CHANGELOG_HEADER + "\n## 0.2.0\n\nSecond.\n\n## 0.1.0\n\nFirst.\n"
    assert add_section("# Changelog\n\nBy hand.\n", "## 1.0.0\n\nX.\n") == "# Changelog\n\nBy hand.\n\n## 1.0.0\n\nX.\n"


def test_recording_a_version_again_replaces_its_section_instead_of_repeating_it() -> None:
    both = CHANGELOG_HEADER + "\n## 0.2.0\n\nSecond.\n\n## 0.1.0\n\nFirst.\n"
    assert add_section(both, "## 0.1.0\n\nFirst, again.\n") == CHANGELOG_HEADER + "\n## 0.2.0\n\nSecond.\n\n## 0.1.0\n\nFirst, again.\n"
    assert add_section(both, "## 0.2.0\n\n- a\n- b\n") == CHANGELOG_HEADER + "\n## 0.2.0\n\n- a\n- b\n\n## 0.1.0\n\nFirst.\n"
    assert add_section(both, "## 0.2.0\n\nSecond.\n") == both
