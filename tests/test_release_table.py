"""The golden table (release/contract.tsv) rule by rule: what it records, how it is read back, and every
change to a released row it refuses. Fast unit tests of kraken_proto/generator/golden_table.py (and of what
kraken_proto/generator/release.py waives and writes); the CLI
tests (test_check_catches_breaks.py, test_check_undeprecation_and_strays.py) run the same rules end to end.
"""

from __future__ import annotations

import shutil
from dataclasses import replace as changed
from pathlib import Path

import pytest

from kraken_proto.generator.check import check_against_release
from kraken_proto.generator.committed import read_committed
from kraken_proto.generator.errors import GenerateError
from kraken_proto.generator.golden_table import Row, compare_golden, parse_golden, render_golden, rows
from kraken_proto.generator.model import Contract, ContractEnum, ContractValue
from kraken_proto.generator.problems import Kind, Problem
from kraken_proto.generator.release import WAIVED, Released, write_release

HEADER = "enum\tnumber\tproto_name\tgraphql_value\tdeprecated\tfile\tfull_name\n"
FILE = "kraken/enums/v1/referral_status_choices.proto"
CONTRACT = Contract(
    enums=(
        ContractEnum(
            graphql_name="APIBrownoutStatus",
            values=(
                ContractValue(
                    number=1,
                    proto_name="API_BROWNOUT_STATUS_ABORTED",
                    graphql_value="ABORTED",
                    description="Aborted.",
                    deprecated=True,
                    deprecation_reason="gone",
                ),
            ),
        ),
        ContractEnum(
            graphql_name="ReferralStatusChoices",
            values=(
                ContractValue(number=1, proto_name="REFERRAL_STATUS_CHOICES_CANCELLED", graphql_value="Cancelled"),
                ContractValue(number=3, proto_name="REFERRAL_STATUS_CHOICES_PENDING", graphql_value="Pending"),
            ),
            file="legacy/where_it_was.proto",
        ),
    )
)
TABLE = HEADER + (
    "APIBrownoutStatus\t0\tAPI_BROWNOUT_STATUS_UNSPECIFIED\t\tfalse\tkraken/enums/v1/api_brownout_status.proto\tkraken.enums.v1.APIBrownoutStatus\n"
    "APIBrownoutStatus\t1\tAPI_BROWNOUT_STATUS_ABORTED\tABORTED\ttrue\tkraken/enums/v1/api_brownout_status.proto\tkraken.enums.v1.APIBrownoutStatus\n"
    "ReferralStatusChoices\t0\tREFERRAL_STATUS_CHOICES_UNSPECIFIED\t\tfalse\tlegacy/where_it_was.proto\tkraken.enums.v1.ReferralStatusChoices\n"
    "ReferralStatusChoices\t1\tREFERRAL_STATUS_CHOICES_CANCELLED\tCancelled\tfalse\tlegacy/where_it_was.proto\tkraken.enums.v1.ReferralStatusChoices\n"
    "ReferralStatusChoices\t3\tREFERRAL_STATUS_CHOICES_PENDING\tPending\tfalse\tlegacy/where_it_was.proto\tkraken.enums.v1.ReferralStatusChoices\n"
)
CANCELLED = Row("ReferralStatusChoices", 1, "REFERRAL_STATUS_CHOICES_CANCELLED", "Cancelled", False, FILE)
ZERO = Row("ReferralStatusChoices", 0, "REFERRAL_STATUS_CHOICES_UNSPECIFIED", "", False, FILE)


# -- what the table records --------------------------------------------------------------------------


def test_the_table_has_a_header_then_one_row_per_value_zero_value_first_with_file_and_deprecation() -> None:
    assert render_golden(CONTRACT) == TABLE


def test_an_enum_without_a_committed_file_is_recorded_under_its_generated_file_name() -> None:
    (zero, value) = rows(
        Contract(
            enums=(
                ContractEnum(
                    graphql_name="APIBrownoutStatus", values=(ContractValue(number=1, proto_name="API_BROWNOUT_STATUS_ABORTED", graphql_value="ABORTED"),)
                ),
            )
        )
    )
    brownout = "kraken.enums.v1.APIBrownoutStatus"
    assert zero == Row("APIBrownoutStatus", 0, "API_BROWNOUT_STATUS_UNSPECIFIED", "", False, "kraken/enums/v1/api_brownout_status.proto", brownout)
    assert value == Row("APIBrownoutStatus", 1, "API_BROWNOUT_STATUS_ABORTED", "ABORTED", False, "kraken/enums/v1/api_brownout_status.proto", brownout)


def test_the_table_reads_back_as_the_rows_it_was_written_from(tmp_path: Path) -> None:
    path = tmp_path / "contract.tsv"
    path.write_text(TABLE, encoding="utf-8")
    assert parse_golden(path) == rows(CONTRACT)
    assert parse_golden(path)[1] == Row(
        "APIBrownoutStatus", 1, "API_BROWNOUT_STATUS_ABORTED", "ABORTED", True, "kraken/enums/v1/api_brownout_status.proto", "kraken.enums.v1.APIBrownoutStatus"
    )


def test_a_table_written_before_full_names_were_recorded_reads_back_without_them(tmp_path: Path) -> None:
    path = tmp_path / "contract.tsv"
    path.write_text("".join(line.rsplit("\t", 1)[0] + "\n" for line in TABLE.splitlines()), encoding="utf-8")
    assert parse_golden(path) == [changed(row, full_name=None) for row in rows(CONTRACT)]


@pytest.mark.parametrize("text", ["", "enum\tnumber\n", HEADER.replace("file", "path"), HEADER.upper()])
def test_a_table_without_the_exact_header_is_refused_at_line_1(tmp_path: Path, text: str) -> None:
    path = tmp_path / "contract.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GenerateError) as caught:
        parse_golden(path)
    assert (
        str(caught.value)
        == f"{path}:1: expected the header enum number proto_name graphql_value deprecated file full_name; write the file with kraken-proto release, never by hand"
    )


@pytest.mark.parametrize(
    "row",
    [
        "ReferralStatusChoices\t1\tREFERRAL_STATUS_CHOICES_CANCELLED\tCancelled\tfalse\tx.proto",  # a cell short
        "ReferralStatusChoices\t1\tREFERRAL_STATUS_CHOICES_CANCELLED\tCancelled\tfalse\tx.proto\tkraken.enums.v1.R\textra",  # a cell too many
        "ReferralStatusChoices\tone\tREFERRAL_STATUS_CHOICES_CANCELLED\tCancelled\tfalse\tx.proto\tkraken.enums.v1.R",  # not a number
        "ReferralStatusChoices\t-1\tREFERRAL_STATUS_CHOICES_CANCELLED\tCancelled\tfalse\tx.proto\tkraken.enums.v1.R",  # not a released number
        "ReferralStatusChoices\t1\tREFERRAL_STATUS_CHOICES_CANCELLED\tCancelled\tFalse\tx.proto\tkraken.enums.v1.R",  # not true/false
        "ReferralStatusChoices\t1\tREFERRAL_STATUS_CHOICES_CANCELLED\tCancelled\t\tx.proto\tkraken.enums.v1.R",
        "ReferralStatusChoices\t1\tREFERRAL_STATUS_CHOICES_CANCELLED\tCancelled\tfalse\tx.proto\t",  # no full name
    ],
)
def test_a_malformed_row_is_refused_naming_its_line(tmp_path: Path, row: str) -> None:
    path = tmp_path / "contract.tsv"
    path.write_text(HEADER + "APIBrownoutStatus\t0\tAPI_BROWNOUT_STATUS_UNSPECIFIED\t\tfalse\tx.proto\tkraken.enums.v1.A\n" + row + "\n", encoding="utf-8")
    with pytest.raises(GenerateError) as caught:
        parse_golden(path)
    assert str(caught.value) == f"{path}:3: malformed row {row!r}; restore the file from the last release"


# -- what may change, and what may not ----------------------------------------------------------------


def refused(message: str) -> Problem:
    """A change to a released row that ``check`` refuses and ``release`` does not waive."""
    return Problem(Kind.RELEASED_ROW, f"contract: {message}")


def test_an_identical_table_and_one_with_added_rows_pass() -> None:
    assert compare_golden([ZERO, CANCELLED], [ZERO, CANCELLED]) == []
    assert compare_golden([ZERO, CANCELLED], [ZERO, CANCELLED, Row("ReferralStatusChoices", 2, "REFERRAL_STATUS_CHOICES_PAID", "Paid", False, FILE)]) == []
    assert compare_golden([ZERO], [CANCELLED, ZERO]) == []  # order means nothing


def test_a_released_value_may_become_deprecated() -> None:
    assert compare_golden([CANCELLED], [changed(CANCELLED, deprecated=True)]) == []


def test_a_removed_or_renumbered_value_is_refused() -> None:
    assert compare_golden([ZERO, CANCELLED], [ZERO, changed(CANCELLED, number=10)]) == [
        refused(
            'ReferralStatusChoices value 1 (REFERRAL_STATUS_CHOICES_CANCELLED, "Cancelled") was removed or renumbered; released numbers never change '
            "(restore it, deprecated if upstream dropped it)"
        )
    ]
    assert compare_golden([ZERO], []) == [
        refused(
            "ReferralStatusChoices value 0 (REFERRAL_STATUS_CHOICES_UNSPECIFIED) was removed or renumbered; released numbers never change "
            "(restore it, deprecated if upstream dropped it)"
        )
    ]
    assert compare_golden([CANCELLED], [changed(CANCELLED, enum="ReferralStatus")]) != []  # a renamed enum loses its rows


def test_a_renamed_value_is_refused() -> None:
    assert compare_golden([CANCELLED], [changed(CANCELLED, proto_name="REFERRAL_STATUS_CHOICES_CANCELED")]) == [
        refused(
            'ReferralStatusChoices value 1 (REFERRAL_STATUS_CHOICES_CANCELLED, "Cancelled") was renamed to REFERRAL_STATUS_CHOICES_CANCELED; '
            "released proto names never change"
        )
    ]


def test_a_changed_documented_string_is_refused() -> None:
    assert compare_golden([CANCELLED], [changed(CANCELLED, graphql_value="Canceled")]) == [
        refused(
            'ReferralStatusChoices value 1 (REFERRAL_STATUS_CHOICES_CANCELLED, "Cancelled") now carries the string "Canceled"; '
            "a released value's documented string never changes (add a new value instead)"
        )
    ]


def test_a_value_that_is_no_longer_deprecated_is_refused_unless_the_release_accepts_it() -> None:
    old = changed(CANCELLED, deprecated=True)
    assert compare_golden([old], [CANCELLED]) == [
        Problem(
            Kind.UNDEPRECATED,
            'contract: ReferralStatusChoices value 1 (REFERRAL_STATUS_CHOICES_CANCELLED, "Cancelled") is no longer deprecated; '
            "review it, then record it with kraken-proto release",
        )
    ]
    # the release waives exactly this kind, and nothing else
    assert frozenset({Kind.UNDEPRECATED}) == WAIVED
    assert [p for p in compare_golden([old], [CANCELLED]) if p.kind not in WAIVED] == []
    others = [p for p in compare_golden([old], [changed(CANCELLED, graphql_value="x")]) if p.kind not in WAIVED]
    assert [p.kind for p in others] == [Kind.RELEASED_ROW]  # nothing else is waived
    assert all(kind not in WAIVED for kind in Kind if kind is not Kind.UNDEPRECATED)


def test_an_enum_that_moved_to_another_file_is_refused() -> None:
    assert compare_golden([ZERO], [changed(ZERO, file="kraken/enums/v1/referral.proto")]) == [
        refused(
            f"ReferralStatusChoices value 0 (REFERRAL_STATUS_CHOICES_UNSPECIFIED) moved from {FILE} to kraken/enums/v1/referral.proto; "
            "enums never move between files"
        )
    ]


def test_a_renamed_enum_is_refused_once_naming_both_full_names() -> None:
    released = [changed(row, full_name="kraken.enums.v1.ReferralStatusChoices") for row in (ZERO, CANCELLED)]
    assert compare_golden(released, [changed(row, full_name="kraken.enums.v1.ReferralSTATUSChoices") for row in released]) == [
        refused(
            "enum ReferralStatusChoices was renamed from kraken.enums.v1.ReferralStatusChoices to kraken.enums.v1.ReferralSTATUSChoices; "
            "a released enum's full name never changes (generated code, registries and Any type URLs use it: restore `enum ReferralStatusChoices`)"
        )
    ]
    assert compare_golden([ZERO, CANCELLED], [changed(row, full_name="kraken.enums.v1.Other") for row in released]) == []  # six columns: not recorded


def test_every_broken_rule_of_a_row_is_reported_not_only_the_first() -> None:
    broken = Row("ReferralStatusChoices", 1, "X", "Y", False, "z.proto")
    problems = compare_golden([changed(CANCELLED, deprecated=True)], [broken])
    assert len(problems) == 4
    assert sorted(p.kind.name for p in problems) == ["RELEASED_ROW", "RELEASED_ROW", "RELEASED_ROW", "UNDEPRECATED"]
    assert len(compare_golden([CANCELLED, ZERO], [])) == 2


# -- the release files, with the real buf -------------------------------------------------------------


def test_write_release_records_the_image_the_table_and_the_version_and_breaking_compares_against_them(project: Path) -> None:
    committed = read_committed(project)
    shutil.rmtree(project / "release")
    write_release(project, committed, Released(version="9.9.9", previous=None, diff=None, enums=74, values=896))
    assert sorted(p.relative_to(project / "release").as_posix() for p in (project / "release").rglob("*")) == [
        "baseline.binpb",
        "changes",
        "changes/9.9.9.json",
        "contract.tsv",
        "identity.toml",
        "version",
    ]
    assert (project / "release" / "version").read_text(encoding="utf-8") == "9.9.9\n"
    table = (project / "release" / "contract.tsv").read_text(encoding="utf-8").splitlines()
    assert table[0] == "enum\tnumber\tproto_name\tgraphql_value\tdeprecated\tfile\tfull_name"
    assert len(table) == 1 + 74 + 896  # the header, one zero value per enum, every value (the oracle's counts)
    file = "kraken/enums/v1/referral_status_choices.proto"
    full = "kraken.enums.v1.ReferralStatusChoices"
    at = table.index(f"ReferralStatusChoices\t0\tREFERRAL_STATUS_CHOICES_UNSPECIFIED\t\tfalse\t{file}\t{full}")
    assert table[at + 1 : at + 4] == [
        f"ReferralStatusChoices\t1\tREFERRAL_STATUS_CHOICES_CANCELLED\tCancelled\tfalse\t{file}\t{full}",
        f"ReferralStatusChoices\t2\tREFERRAL_STATUS_CHOICES_PAID\tPaid\tfalse\t{file}\t{full}",
        f"ReferralStatusChoices\t3\tREFERRAL_STATUS_CHOICES_PENDING\tPending\tfalse\t{file}\t{full}",
    ]
    assert "AccountStatus\t7\tACCOUNT_STATUS_VOID\tVOID\tfalse\tkraken/enums/v1/account_status.proto\tkraken.enums.v1.AccountStatus" in table
    assert check_against_release(project, committed) == []
    proto = project / "proto/kraken/enums/v1/account_status.proto"
    proto.write_text(proto.read_text(encoding="utf-8").replace("ACCOUNT_STATUS_VOID = 7", "ACCOUNT_STATUS_VOID = 70"), encoding="utf-8")
    (problem,) = check_against_release(project, committed)  # the contract as released: only buf breaking can object
    assert problem.kind is Kind.BREAKING
    assert str(problem).startswith("buf breaking failed: ") and '"7"' in str(problem) and "AccountStatus" in str(problem)
