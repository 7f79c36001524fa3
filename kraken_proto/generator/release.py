"""``kraken-proto release``: record the checked tree as the next release, at the version its diff implies.

A release runs every check of ``check`` (waiving only :data:`WAIVED`), compares the committed contract
with the last release (:mod:`.contract_diff`), and from that diff alone decides the version: new enums or
values, new deprecations or changed options make a minor release, descriptions alone a patch release, and
nothing changed is refused with one line. It then writes, all together:

- ``release/``: ``baseline.binpb`` (the buf image, for ``buf breaking``), ``contract.tsv`` (the golden
  table, :mod:`.golden_table`), ``version`` (the released version, so that the next release and
  ``package`` know it without git) and ``changes/<version>.json`` (the release's diff for tools);
- the version in every file that carries one (:mod:`.version_files`);
- a new section at the top of ``CHANGELOG.md``, rendered from the same diff.

All of them are swapped in by :func:`.transaction.swap_in` as the outputs of one journal
(:data:`OUTPUTS`), so an interrupted release leaves every one old or every one new (the next writer rolls
the swap forward or back). The Go module's version is a tag, which the command prints for the maintainer
to push with the release commit.

The first release of a tree is explicit (``release --first``, at the version the files already carry)
and refused wherever a release existed before, so deleting ``release/`` can never turn a broken tree
(renumbered values included) into a "first release".
- ``release/identity.toml``: the names consumers install and import by (:data:`.identity.RELEASED_KEYS`),
  which ``check`` compares with the tree's ``[tool.kraken-proto]``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .._proto_package import PACKAGE
from . import buf, transaction
from .check import checks
from .contract_diff import Bump, ContractDiff, diff_contracts
from .contract_sources import released_contract
from .diff_report import diff_to_dict, render_markdown, summary
from .errors import GenerateError
from .golden_table import render_golden
from .identity import RELEASED, load_identity, render_released
from .model import Contract
from .outputs import BASELINE, CHANGELOG, GOLDEN, RELEASE_DIR, RELEASE_OUTPUTS
from .problems import Kind, Problem
from .version_files import go_tag, next_version, parse_version, read_versions, write_versions

VERSION = RELEASE_DIR / "version"
CHANGES = RELEASE_DIR / "changes"
OUTPUTS = RELEASE_OUTPUTS
"""Everything a release replaces, in one journal (:data:`.outputs.SWAPPABLE` lets a recovery accept them)."""
CHANGES_FORMAT = 1
"""The version of the shape of ``release/changes/<version>.json``."""

WAIVED = frozenset({Kind.UNDEPRECATED})
"""The one thing ``check`` reports that a release records on purpose: upstream listed a value again."""

CHANGELOG_HEADER = f"""\
# Changelog

What each release of the contract (proto package `{PACKAGE}`) changed, newest first. `kraken-proto
release` writes each section from the diff against the release before it, and the same facts for tools
in `release/changes/<version>.json`; never edit a section by hand. A new enum or value, a new
deprecation or a changed option makes a minor release; description changes alone, a patch release; a
break is never released (see docs/contract.md).
"""


class ReleaseRefused(GenerateError):
    """The tree does not pass the checks: each problem is one line of the refusal."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass(frozen=True, kw_only=True)
class Released:
    version: str
    previous: str | None
    """The last release's version; ``None`` for a first release."""
    diff: ContractDiff | None
    """What changed since ``previous``; ``None`` for a first release."""
    enums: int
    values: int

    @property
    def go_tag(self) -> str:
        return go_tag(self.version)


def release(root: Path, *, first: bool = False, recovered: Callable[[str], object] = lambda line: None) -> Released:
    """Record the working tree as the next release, or raise (one line, or :class:`ReleaseRefused`).

    ``recovered`` hears what was done to a swap an interrupted run left (before anything else happens).
    """
    with transaction.locked(root, "release"):
        for line in transaction.recover(root):
            recovered(line)
        has_release = _release_pair(root)
        if first:
            _refuse_first_if_released(root, has_release)
        elif not has_release:
            raise GenerateError(
                f"{root / RELEASE_DIR}: no release recorded ({BASELINE}, {GOLDEN}); if a release existed, restore release/ from git "
                f"(git checkout -- release); for the very first release of a new tree run kraken-proto release --first"
            )
        current = _tree_version(root)
        problems, committed = checks(root, None, False)
        problems = [p for p in problems if p.kind not in WAIVED and not (first and p.kind is Kind.NO_RELEASE)]
        if problems or committed is None:
            raise ReleaseRefused(problems or [Problem(Kind.GENERATE_FAILS, "the committed contract cannot be read")])
        if first:
            released = Released(version=current, previous=None, diff=None, enums=len(committed.enums), values=_count(committed))
        else:
            previous = _last_version(root, current)
            diff = diff_contracts(released_contract(root), committed)
            if diff.bump is Bump.NONE:
                raise GenerateError(
                    f"nothing to release: the contract in proto/ is the same as release {previous} (descriptions, values, deprecations and options); "
                    f"run kraken-proto generate first if upstream changed"
                )
            version = next_version(previous, diff.bump, str(VERSION))
            released = Released(version=version, previous=previous, diff=diff, enums=len(committed.enums), values=_count(committed))
        write_release(root, committed, released)
        return released


def write_release(root: Path, contract: Contract, released: Released) -> None:
    """Stage every file the release writes, then swap them all in under one journal."""
    staging = transaction.new_staging(root)
    try:
        new = staging / "new"
        if (root / CHANGES).is_dir():
            shutil.copytree(root / CHANGES, new / CHANGES)
        (new / CHANGES).mkdir(parents=True, exist_ok=True)
        buf.run(["build", "--exclude-source-info", "-o", str(new / BASELINE)], cwd=root)
        (new / GOLDEN).write_text(render_golden(contract), encoding="utf-8")
        (new / VERSION).write_text(f"{released.version}\n", encoding="utf-8")
        (new / CHANGES / f"{released.version}.json").write_text(render_changes(released), encoding="utf-8")
        old_changelog = (root / CHANGELOG).read_text(encoding="utf-8") if (root / CHANGELOG).is_file() else ""
        (new / CHANGELOG).write_text(add_section(old_changelog, render_section(released)), encoding="utf-8")
        (new / RELEASED).write_text(render_released(load_identity(root)), encoding="utf-8")
        write_versions(root, new, released.version)
        transaction.swap_in(root, staging, list(OUTPUTS))  # one journal: every file old, or every file new
    finally:
        transaction.discard(root, staging)


def render_section(released: Released) -> str:
    """The release's ``CHANGELOG.md`` section: the diff as Markdown, or what a first release holds."""
    heading = f"## {released.version}\n\n"
    if released.diff is None:
        return heading + (
            f"The first release: {released.enums} enums with {released.values} values in proto package `{PACKAGE}`, each value "
            f"carrying its GraphQL string (the reference: docs/generated/enums.md). Later sections list what each release changed.\n"
        )
    return heading + render_markdown(released.diff, level=3)


def add_section(changelog: str, section: str) -> str:
    """``changelog`` with ``section`` above its newest one (the header is written if there is none).

    A section for the same version (the same ``## X.Y.Z`` line) is replaced, not repeated: recording a
    release again (after a merge that changed ``release/``'s format, say) keeps one section per version.
    """
    text = changelog or CHANGELOG_HEADER
    heading = section.split("\n", 1)[0]
    same = re.search(rf"(?m)^{re.escape(heading)}\n(?:(?!## ).*\n|\n)*", text)
    if same is not None:
        return text[: same.start()] + section + ("\n" if same.end() < len(text) else "") + text[same.end() :]
    match = re.search(r"(?m)^## ", text)
    if match is None:
        return text.rstrip("\n") + "\n\n" + section
    return text[: match.start()] + section + "\n" + text[match.start() :]


def render_changes(released: Released) -> str:
    """``release/changes/<version>.json``: the version, the one before, the counts and the diff (``null`` at first)."""
    data = {
        "format": CHANGES_FORMAT,
        "version": released.version,
        "previous": released.previous,
        "go_tag": released.go_tag,
        "enums": released.enums,
        "values": released.values,
        "diff": None if released.diff is None else diff_to_dict(released.diff),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def describe(released: Released) -> str:
    """What the command prints: the version, the bump and what to do next."""
    what = "first release" if released.diff is None else summary(released.diff)
    return f"released {released.version} ({what}): {', '.join(str(p) for p in OUTPUTS)} written; commit them, then tag the Go module: git tag {released.go_tag}"


def _count(contract: Contract) -> int:
    return sum(len(enum.values) for enum in contract.enums)


def _release_pair(root: Path) -> bool:
    """Whether a release is recorded; one file of the pair without the other is refused (the pair is one record)."""
    present = [path for path in (BASELINE, GOLDEN) if (root / path).is_file()]
    if len(present) == 1:
        (missing,) = {BASELINE, GOLDEN} - set(present)
        raise GenerateError(
            f"{root / missing} is missing but {present[0]} is there: the two are written together by kraken-proto release; "
            f"restore the missing one from git (git checkout -- {missing}), never release from half a record"
        )
    return bool(present)


def _refuse_first_if_released(root: Path, has_release: bool) -> None:
    """``--first`` is for a tree that never had a release: any trace of one refuses it."""
    evidence = ""
    if has_release:
        evidence = f"{BASELINE} and {GOLDEN} hold one (a later release needs no --first)"
    elif (root / VERSION).is_file():
        evidence = f"{VERSION} records {(root / VERSION).read_text(encoding='utf-8').strip()!r}"
    elif (root / CHANGES).is_dir() and any((root / CHANGES).iterdir()):
        evidence = f"{CHANGES}/ holds the changes of earlier releases"
    elif (root / CHANGELOG).is_file() and (found := re.search(r"(?m)^## (\S+)", (root / CHANGELOG).read_text(encoding="utf-8"))):
        evidence = f"{CHANGELOG} lists release {found.group(1)}"
    elif commit := _git_history(root):
        evidence = f"git history has release files (commit {commit})"
    if evidence:
        raise GenerateError(
            f"release --first refused: a release existed before ({evidence}); restore release/ from git (git checkout -- release) "
            f"and release with kraken-proto release"
        )


def _git_history(root: Path) -> str:
    """The last commit that touched the release pair, if ``root`` is in a git repository ('' otherwise)."""
    try:
        found = subprocess.run(
            ["git", "log", "-1", "--format=%h", "--", str(BASELINE), str(GOLDEN)], cwd=root, capture_output=True, text=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return found.stdout.strip() if found.returncode == 0 else ""


def _tree_version(root: Path) -> str:
    """The one version every version file carries (they move together, so they must agree)."""
    versions = read_versions(root)
    distinct = sorted(set(versions.values()))
    if len(distinct) != 1:
        shown = ", ".join(f"{where} = {version}" for where, version in versions.items())
        raise GenerateError(f"the version files disagree ({shown}); only kraken-proto release moves them: restore them from git")
    (version,) = distinct
    parse_version(version, next(iter(versions)))
    return version


def _last_version(root: Path, current: str) -> str:
    """The last release's version: ``release/version`` (else, for a release recorded before it existed, the tree's)."""
    if not (root / VERSION).is_file():
        return current
    recorded = (root / VERSION).read_text(encoding="utf-8").strip()
    parse_version(recorded, str(root / VERSION))
    if recorded != current:
        raise GenerateError(
            f"{root / VERSION} says the last release is {recorded}, but the version files say {current}; only kraken-proto release moves "
            f"the version: restore them from git"
        )
    return recorded
