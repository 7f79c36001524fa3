"""The contracts a diff compares with the committed one: the last release, or ``proto/`` at a git revision.

The last release is read from its image, ``release/baseline.binpb`` (what ``buf breaking`` compares
with), by the same reader as the committed protos (:func:`.committed.contract_from_image`). A git
revision's contract is its ``proto/`` and ``buf.yaml``, taken with ``git archive`` into a temporary
folder and compiled there by buf, as :func:`.committed.read_committed` compiles the working tree. Git and
the revision are checked first, so a wrong name is one line, never git's usage text.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

from . import buf, transaction
from .committed import contract_from_image, read_committed
from .contract_diff import ContractDiff, diff_contracts
from .errors import GenerateError
from .model import Contract

BASELINE = Path("release/baseline.binpb")
GOLDEN = Path("release/contract.tsv")


def released_contract(root: Path) -> Contract:
    """The contract of the last release, from its image (one line if there is none)."""
    if not (root / BASELINE).is_file():
        raise GenerateError(f"{root / BASELINE}: no release to compare with (run kraken-proto release --first once, or restore release/ from git)")
    image = json.loads(buf.run(["build", str(BASELINE), "--exclude-source-info", "-o", "-#format=json"], cwd=root))
    image["file"] = [f for f in image.get("file", []) if not f.get("name", "").startswith("google/")]
    return contract_from_image(image)


def contract_at_revision(root: Path, revision: str) -> Contract:
    """The contract committed in ``proto/`` at git ``revision`` of the repository that holds ``root``."""
    commit = _git(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], revision)
    archive = subprocess.run(["git", "archive", "--format=tar", commit.decode().strip(), "proto", "buf.yaml"], cwd=root, capture_output=True, check=False)
    if archive.returncode != 0:
        raise GenerateError(f"{revision}: the revision has no proto/ and buf.yaml at {root} to compare with (git archive: {_first_line(archive.stderr)})")
    with tempfile.TemporaryDirectory(prefix="kraken-proto-diff-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        return read_committed(Path(folder))


def _git(root: Path, args: list[str], revision: str) -> bytes:
    try:
        inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=root, capture_output=True, check=False)
    except FileNotFoundError:
        raise GenerateError(f"--against {revision}: git is not installed; compare with the last release instead (--against release)") from None
    if inside.returncode != 0:
        raise GenerateError(f"{root}: not in a git repository, so there is no revision {revision!r} to compare with (use --against release)")
    found = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    if found.returncode != 0:
        raise GenerateError(f"{revision!r} is not a commit of the git repository at {root} (try a branch, a tag or a commit id, e.g. HEAD~1)")
    return found.stdout


def _first_line(data: bytes) -> str:
    text = data.decode(errors="replace").strip()
    return text.splitlines()[0] if text else "no output"


RELEASE = "release"
"""``--against release``: the last release under ``release/`` (anything else names a git revision)."""


def diff_against(root: Path, against: str) -> ContractDiff:
    """The committed contract (``proto/``) against the last release or a git revision, under the shared lock."""
    with transaction.locked(root, "diff", shared=True):
        unfinished = transaction.pending(root)
        if unfinished is not None:
            raise GenerateError(unfinished)
        old = released_contract(root) if against == RELEASE else contract_at_revision(root, against)
        return diff_contracts(old, read_committed(root))
