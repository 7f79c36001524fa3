"""Two rules of ``check`` and ``release``, each problem made for real in a copy of the project.

- A released value that stops being deprecated is reported by ``check`` for review, and ``release``
  waives exactly that one problem (recording it is what a release is for), nothing else.
- A stray file in a generated folder is named by ``check``: generate owns those folders whole.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

Cli = Callable[..., subprocess.CompletedProcess[str]]
CORRECTIONS = Path("upstream/corrections.toml")
GOLDEN = Path("release/contract.tsv")
ABSOLUTE = """[[deprecated_value]]
enum = "PreferencesUnitChoices"
value = "PERCENTAGE_ABSOLUTE"
reason = "Upstream says PERCENTAGE should be used instead."
"""
UNDEPRECATED = (
    'contract: PreferencesUnitChoices value 3 (PREFERENCES_UNIT_CHOICES_PERCENTAGE_ABSOLUTE, "PERCENTAGE_ABSOLUTE") '
    "is no longer deprecated; review it, then record it with kraken-proto release"
)
RELEASED_ROW = (
    "PreferencesUnitChoices\t3\tPREFERENCES_UNIT_CHOICES_PERCENTAGE_ABSOLUTE\tPERCENTAGE_ABSOLUTE\t{}\tkraken/enums/v1/preferences_unit_choices.proto"
)


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def undeprecate_percentage_absolute(project: Path, cli: Cli) -> None:
    """Upstream no longer deprecates PERCENTAGE_ABSOLUTE: drop the correction that says it does, regenerate."""
    assert RELEASED_ROW.format("true") in (project / GOLDEN).read_text(encoding="utf-8")
    rewrite(project / CORRECTIONS, ABSOLUTE, "")
    generated = cli("generate", "--root", str(project))
    assert generated.returncode == 0, generated.stderr


def test_check_reports_a_released_value_that_is_no_longer_deprecated_and_release_records_it(project: Path, cli: Cli) -> None:
    undeprecate_percentage_absolute(project, cli)
    checked = cli("check", "--root", str(project))
    assert checked.returncode == 1
    assert len(checked.stderr.strip().splitlines()) == 1 and UNDEPRECATED in checked.stderr, checked.stderr  # the one problem
    released = cli("release", "--root", str(project))
    assert released.returncode == 0, released.stderr
    assert RELEASED_ROW.format("false") in (project / GOLDEN).read_text(encoding="utf-8")
    after = cli("check", "--root", str(project))
    assert after.returncode == 0, after.stderr


def test_release_waives_only_the_undeprecation_and_refuses_it_alongside_any_other_break(project: Path, cli: Cli) -> None:
    undeprecate_percentage_absolute(project, cli)
    referral = project / "proto/kraken/enums/v1/referral_status_choices.proto"
    rewrite(referral, '(graphql_value) = "Cancelled"', '(graphql_value) = "Canceled"')
    rewrite(project / "upstream/kraken-graphql-enums.txt", "Values\nCancelled\nCancelled.", "Values\nCanceled\nCancelled.")
    assert cli("generate", "--root", str(project)).returncode == 0
    golden = (project / GOLDEN).read_bytes()
    refused = cli("release", "--root", str(project))
    assert refused.returncode == 1
    assert 'ReferralStatusChoices value 1 (REFERRAL_STATUS_CHOICES_CANCELLED, "Cancelled") now carries the string "Canceled"' in refused.stderr
    assert "no longer deprecated" not in refused.stderr  # the one waived problem is not reported by release...
    assert (project / GOLDEN).read_bytes() == golden  # ...but the release is refused whole
    checked = cli("check", "--root", str(project))
    assert UNDEPRECATED in checked.stderr and "now carries the string" in checked.stderr  # check reports both


def test_check_names_a_stray_file_in_a_generated_folder(project: Path, cli: Cli) -> None:
    stray = project / "gen/kraken/enums/v1/stray_pb2.py"
    stray.write_text("# not written by generate\n", encoding="utf-8")
    (project / "proto/kraken/enums/v1/notes.txt").write_text("scratch\n", encoding="utf-8")
    checked = cli("check", "--root", str(project))
    assert checked.returncode == 1
    assert "2 generated file(s) differ from what generate writes: gen/kraken/enums/v1/stray_pb2.py, proto/kraken/enums/v1/notes.txt" in checked.stderr, (
        checked.stderr
    )
    assert "Traceback" not in checked.stderr
    generated = cli("generate", "--root", str(project))  # generate owns the folders whole: the strays go
    assert generated.returncode == 0, generated.stderr
    assert not stray.exists() and not (project / "proto/kraken/enums/v1/notes.txt").exists()
    assert cli("check", "--root", str(project)).returncode == 0
