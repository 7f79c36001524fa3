"""What ``package`` builds from: the committed tree, and the time of its release.

Artifacts are built from an export of ``HEAD`` (``git archive``), never from the working tree, and only
when the working tree is clean: so what is packaged is exactly a commit, and nothing the build writes
(``build/npm``, caches) lands in the checkout. Their timestamps are the release's: ``SOURCE_DATE_EPOCH``
when it is set (the reproducible-builds convention), else the commit time of the last commit that touched
``release/`` (what ``kraken-proto release`` writes), so two builds of one release give identical bytes.
"""

from __future__ import annotations

import io
import os
import re
import tarfile
from collections.abc import Mapping
from pathlib import Path

from .errors import PackageError
from .tools import run

RELEASE_DIR = "release"


def git(root: Path, *args: str) -> str:
    return run(["git", "-C", root, *args], cwd=root, what=f"git {args[0]}").decode()


def require_clean_checkout(root: Path) -> None:
    """A git checkout whose working tree equals HEAD (ignored files aside), or a PackageError saying what differs."""
    if not (root / ".git").exists():
        raise PackageError(f"{root} is not a git checkout: package builds from a commit (clone the repository, or git init and commit)")
    changed = sorted(line[3:] for line in git(root, "status", "--porcelain", "--untracked-files=all").splitlines() if line.strip())
    if changed:
        shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        raise PackageError(f"{root}: the working tree differs from HEAD ({shown}): commit or stash the changes, then package")


def release_epoch(root: Path, environ: Mapping[str, str] = os.environ) -> int:
    """The artifacts' timestamp, in seconds since the epoch (see the module docstring)."""
    given = environ.get("SOURCE_DATE_EPOCH")
    if given is not None:
        if not re.fullmatch(r"[0-9]+", given):
            raise PackageError(f"SOURCE_DATE_EPOCH={given!r} is not a number of seconds: set it to an integer such as $(git log -1 --format=%ct), or unset it")
        return int(given)
    last = git(root, "log", "-1", "--format=%ct", "--", RELEASE_DIR).strip()
    if not last:
        raise PackageError(f"{root}: no commit touches {RELEASE_DIR}/: run kraken-proto release and commit it (or set SOURCE_DATE_EPOCH)")
    return int(last)


def export_head(root: Path, stage: Path) -> None:
    """Write the files of HEAD into ``stage`` (which must exist), as ``git archive`` gives them."""
    archive = run(["git", "-C", root, "archive", "--format=tar", "HEAD"], cwd=root, what="git archive")
    try:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(stage, filter="data")
    except (tarfile.TarError, OSError) as exc:  # e.g. a committed symlink that points outside the tree
        raise PackageError(f"{root}: cannot export HEAD to build from: {exc} (remove it from the repository)") from None
