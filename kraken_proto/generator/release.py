"""``kraken-proto release``: record the checked tree as the last released contract.

A release is two committed files under ``release/``, written only by this command, together (the folder
is swapped as one output by :mod:`.transaction`, so an interrupted release leaves the old pair or the
new pair, never one of each):

- ``baseline.binpb``: the buf image of the released protos, for ``buf breaking`` (FILE, WIRE_JSON, CSR);
- ``contract.tsv``: the golden table (:mod:`.golden_table`);
- ``identity.toml``: the names consumers install and import by (:data:`.identity.RELEASED_KEYS`).
"""

from __future__ import annotations

from pathlib import Path

from . import buf, transaction
from .check import checks
from .golden_table import render_golden
from .identity import RELEASED, load_identity, render_released
from .model import Contract
from .problems import Kind, Problem

RELEASE_DIR = Path("release")
BASELINE = RELEASE_DIR / "baseline.binpb"
GOLDEN = RELEASE_DIR / "contract.tsv"

WAIVED = frozenset({Kind.UNDEPRECATED})
"""The one thing ``check`` reports that a release records on purpose: upstream listed a value again."""


def release(root: Path) -> list[Problem]:
    """Record the working tree as the released contract, but only if it passes every check first.

    Nothing but :data:`WAIVED` is waived (and, for the very first release, the missing baseline).
    """
    with transaction.locked(root, "release"):
        transaction.recover(root)
        problems, committed = checks(root, None, False)
        first = not (root / BASELINE).is_file() and not (root / GOLDEN).is_file()
        problems = [p for p in problems if p.kind not in WAIVED and not (first and p.kind is Kind.NO_RELEASE)]
        if problems or committed is None:
            return problems
        write_release(root, committed)
        return []


def write_release(root: Path, contract: Contract) -> None:
    """Make the working tree the new baseline: the image and the golden table, swapped in together."""
    staging = transaction.new_staging(root)
    try:
        target = staging / "new" / RELEASE_DIR
        target.mkdir(parents=True)
        buf.run(["build", "--exclude-source-info", "-o", str(staging / "new" / BASELINE)], cwd=root)
        (staging / "new" / GOLDEN).write_text(render_golden(contract), encoding="utf-8")
        (staging / "new" / RELEASED).write_text(render_released(load_identity(root)), encoding="utf-8")
        transaction.swap_in(root, staging, [RELEASE_DIR])  # one exchange: the pair can never be mixed
    finally:
        transaction.discard(root, staging)
