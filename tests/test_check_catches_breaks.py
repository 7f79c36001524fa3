"""``check`` catches every way a released value can be broken, made for real in a copy of the project."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

Cli = Callable[..., subprocess.CompletedProcess[str]]
PROTO = Path("proto/kraken/enums/v1/account_status.proto")
DOC = Path("upstream/kraken-graphql-enums.txt")


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check_fails(project: Path, cli: Cli) -> str:
    result = cli("check", "--root", str(project))
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    return result.stderr


def test_renumbering_a_released_value_fails_check_naming_enum_and_value(project: Path, cli: Cli) -> None:
    rewrite(project / PROTO, "ACCOUNT_STATUS_VOID = 7", "ACCOUNT_STATUS_VOID = 70")
    assert cli("generate", "--root", str(project)).returncode == 0  # generate keeps what the protos say
    errors = check_fails(project, cli)
    assert 'AccountStatus value 7 (ACCOUNT_STATUS_VOID, "VOID") was removed or renumbered' in errors
    assert re.search(r"buf breaking failed: .*enum value \"7\".*AccountStatus", errors)


def test_deleting_a_released_value_fails_check(project: Path, cli: Cli) -> None:
    text = (project / PROTO).read_text(encoding="utf-8")
    text = re.sub(r"  // Void\. Account created in error\.\n  ACCOUNT_STATUS_VOID = 7 \[\n.*?\n  \];\n", "", text, flags=re.DOTALL)
    assert "ACCOUNT_STATUS_VOID" not in text
    (project / PROTO).write_text(text, encoding="utf-8")
    assert cli("generate", "--root", str(project)).returncode == 0  # upstream still lists VOID: it comes back as new
    errors = check_fails(project, cli)
    assert 'AccountStatus value 7 (ACCOUNT_STATUS_VOID, "VOID") was removed or renumbered' in errors


def test_renaming_a_released_value_fails_check(project: Path, cli: Cli) -> None:
    rewrite(project / PROTO, "ACCOUNT_STATUS_VOID = 7", "ACCOUNT_STATUS_VOIDED = 7")
    assert cli("generate", "--root", str(project)).returncode == 0
    errors = check_fails(project, cli)
    assert 'AccountStatus value 7 (ACCOUNT_STATUS_VOID, "VOID") was renamed to ACCOUNT_STATUS_VOIDED' in errors
    assert "buf breaking failed" in errors


def test_changing_a_released_values_documented_string_fails_check_though_buf_breaking_cannot_see_it(project: Path, cli: Cli) -> None:
    referral = project / "proto/kraken/enums/v1/referral_status_choices.proto"
    rewrite(referral, '(graphql_value) = "Cancelled"', '(graphql_value) = "Canceled"')
    rewrite(project / DOC, "Values\nCancelled\nCancelled.", "Values\nCanceled\nCancelled.")
    assert cli("generate", "--root", str(project)).returncode == 0
    errors = check_fails(project, cli)
    assert 'ReferralStatusChoices value 1 (REFERRAL_STATUS_CHOICES_CANCELLED, "Cancelled") now carries the string "Canceled"' in errors
    assert "buf breaking failed" not in errors


def test_moving_an_enum_to_another_file_fails_check(project: Path, cli: Cli) -> None:
    source = project / PROTO
    source.rename(source.with_name("account_status_moved.proto"))
    errors = check_fails(project, cli)
    assert (
        'AccountStatus value 7 (ACCOUNT_STATUS_VOID, "VOID") moved from kraken/enums/v1/account_status.proto to kraken/enums/v1/account_status_moved.proto'
        in errors
    )
    assert "buf breaking failed" in errors and "account_status.proto" in errors


def test_adding_a_value_upstream_passes_check(project: Path, cli: Cli) -> None:
    rewrite(project / DOC, "Pending\nPending.\n", "Pending\nPending.\nRejected\nRejected.\n")
    assert cli("generate", "--root", str(project)).returncode == 0
    result = cli("check", "--root", str(project))
    assert result.returncode == 0, result.stderr


def test_check_fails_when_the_release_baseline_is_missing(project: Path, cli: Cli) -> None:
    (project / "release" / "contract.tsv").unlink()
    assert "run kraken-proto release once" in check_fails(project, cli)


def test_release_refuses_a_breaking_tree_and_records_a_compatible_one(project: Path, cli: Cli) -> None:
    golden = project / "release" / "contract.tsv"
    before = golden.read_bytes()
    rewrite(project / PROTO, "ACCOUNT_STATUS_VOID = 7", "ACCOUNT_STATUS_VOID = 70")
    cli("generate", "--root", str(project))
    refused = cli("release", "--root", str(project))
    assert refused.returncode == 1 and golden.read_bytes() == before
    rewrite(project / PROTO, "ACCOUNT_STATUS_VOID = 70", "ACCOUNT_STATUS_VOID = 7")
    rewrite(project / DOC, "Pending\nPending.\n", "Pending\nPending.\nRejected\nRejected.\n")
    assert cli("generate", "--root", str(project)).returncode == 0
    released = cli("release", "--root", str(project))
    assert released.returncode == 0, released.stderr
    assert "ReferralStatusChoices\t4\tREFERRAL_STATUS_CHOICES_REJECTED\tRejected\tfalse" in golden.read_text(encoding="utf-8")


# --- check guards the guard: the golden table agrees with the release image; buf.yaml's policy is not weakened


def test_deleting_rows_of_the_golden_table_fails_check_naming_the_disagreement(project: Path, cli: Cli) -> None:
    golden = project / "release" / "contract.tsv"
    lines = golden.read_text(encoding="utf-8").splitlines(keepends=True)
    golden.write_text("".join(line for line in lines if not line.startswith("AccountStatus\t")), encoding="utf-8")
    errors = check_fails(project, cli)
    assert (
        "release/contract.tsv disagrees with release/baseline.binpb: 9 row(s) of the image are missing from the table (first: AccountStatus 0 ACCOUNT_STATUS_UNSPECIFIED)"
        in errors
    )


def test_a_golden_table_cut_to_its_header_fails_check(project: Path, cli: Cli) -> None:
    golden = project / "release" / "contract.tsv"
    golden.write_text(golden.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
    assert "row(s) of the image are missing from the table" in check_fails(project, cli)


def test_an_extra_row_in_the_golden_table_fails_check(project: Path, cli: Cli) -> None:
    golden = project / "release" / "contract.tsv"
    with golden.open("a", encoding="utf-8") as out:
        out.write("AccountStatus\t99\tACCOUNT_STATUS_GHOST\tGHOST\tfalse\tkraken/enums/v1/account_status.proto\tkraken.enums.v1.AccountStatus\n")
    assert "1 row(s) of the table are not in the image (first: AccountStatus 99 ACCOUNT_STATUS_GHOST)" in check_fails(project, cli)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    - STANDARD\n    - COMMENT_ENUM\n",
            "    - STANDARD\n",
            "buf.yaml's lint policy is weaker than STANDARD + COMMENT_ENUM: it lacks 1 rule(s): COMMENT_ENUM",
        ),
        ("    - FILE\n    - WIRE_JSON\n    - CSR\n", "    - WIRE_JSON\n", "buf.yaml's breaking policy is weaker than FILE + WIRE_JSON + CSR: it lacks"),
        ("    - COMMENT_ENUM\n", "    - COMMENT_ENUM\n  except:\n    - ENUM_VALUE_PREFIX\n", "buf.yaml: lint.except drops rules"),
    ],
    ids=["lint-without-COMMENT_ENUM", "breaking-cut-to-WIRE_JSON", "lint-with-except"],
)
def test_a_buf_policy_weaker_than_the_documented_one_fails_check_naming_what_was_weakened(project: Path, cli: Cli, old: str, new: str, expected: str) -> None:
    rewrite(project / "buf.yaml", old, new)
    errors = check_fails(project, cli)
    assert expected in errors
    if "except" in expected:  # the exempted rule is named
        assert "ENUM_VALUE_PREFIX" in errors
