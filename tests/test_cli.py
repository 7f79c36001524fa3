"""The ``kraken-proto`` command, run as a real subprocess."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOT

Cli = Callable[..., subprocess.CompletedProcess[str]]


def test_convert_a_string_gives_its_number_and_proto_name(cli: Cli) -> None:
    result = cli("convert", "ReferralStatusChoices", "Cancelled")
    assert result.returncode == 0
    assert result.stdout.split() == ["Cancelled", "1", "REFERRAL_STATUS_CHOICES_CANCELLED"]


def test_convert_a_number_or_a_proto_name_gives_the_string(cli: Cli) -> None:
    assert cli("convert", "ReferralStatusChoices", "3").stdout.split()[0] == "Pending"
    assert cli("convert", "ReferralStatusChoices", "REFERRAL_STATUS_CHOICES_PAID").stdout.split()[0] == "Paid"


def test_convert_of_an_unknown_value_fails_in_one_line_with_the_closest_strings(cli: Cli) -> None:
    result = cli("convert", "ReferralStatusChoices", "CANCELLED")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "'Cancelled'" in result.stderr


def test_convert_of_an_unknown_enum_fails_suggesting_names(cli: Cli) -> None:
    result = cli("convert", "accountstatus", "ACTIVE")
    assert result.returncode == 1 and "AccountStatus" in result.stderr


def test_list_shows_every_enum_and_the_values_of_one(cli: Cli) -> None:
    everything = cli("list").stdout.splitlines()
    assert len(everything) == 74
    units = cli("list", "PreferencesUnitChoices").stdout.splitlines()
    assert units[2].split("\t") == ["3", "PREFERENCES_UNIT_CHOICES_PERCENTAGE_ABSOLUTE", "PERCENTAGE_ABSOLUTE", "(deprecated)"]


# -- errors: one line, one prefix, no traceback ----------------------------------------------------


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result
    assert result.stderr.startswith("kraken-proto: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    return result.stderr


@pytest.mark.parametrize("value", ["²", "٣", "--1", "1_0", " 1"])
def test_convert_of_a_value_int_refuses_is_an_unknown_string_not_a_traceback(cli: Cli, value: str) -> None:
    assert f"{value!r} is not a value of AccountStatus: not a documented string" in one_error_line(cli("convert", "AccountStatus", "--", value))


def test_convert_of_a_negative_number_after_double_dash_is_a_number(cli: Cli) -> None:
    assert "-1 is not a value of AccountStatus: this version of kraken-proto knows numbers 1..8" in one_error_line(cli("convert", "AccountStatus", "--", "-1"))


@pytest.mark.parametrize("command", ["check", "generate", "release", "package"])
def test_a_command_run_outside_a_checkout_says_so_and_how_to_point_at_one(cli: Cli, command: str, tmp_path: Path) -> None:
    line = one_error_line(cli(command, cwd=tmp_path))
    assert "the current directory is not a kraken-proto checkout" in line and "--root PATH" in line
    line = one_error_line(cli(command, "--root", str(tmp_path)))
    assert f"{tmp_path} is not a kraken-proto checkout" in line
    assert list(tmp_path.iterdir()) == []


def test_export_sdl_outside_a_checkout_says_it_is_not_a_checkout_and_how_to_point_at_one_never_to_run_generate(cli: Cli, tmp_path: Path) -> None:
    line = one_error_line(cli("export-sdl", cwd=tmp_path))
    assert "is not a kraken-proto checkout" in line and "--root" in line
    assert "generate" not in line  # generate would only answer "not a checkout"
    (tmp_path / "proto").mkdir()  # a folder named proto, still no checkout around it
    line = one_error_line(cli("export-sdl", cwd=tmp_path))
    assert "holds no contract" in line and "is not a kraken-proto checkout" in line and "generate" not in line


def test_export_sdl_in_a_checkout_without_protos_advises_generate(project: Path, cli: Cli) -> None:
    shutil.rmtree(project / "proto")
    (project / "proto").mkdir()
    line = one_error_line(cli("export-sdl", "--root", str(project)))
    assert "holds no contract" in line and "run kraken-proto generate first" in line


def test_check_reports_its_problems_with_the_one_error_prefix(project: Path, cli: Cli) -> None:
    (project / "gen" / "kraken-enums-vectors.json").write_text("{}\n", encoding="utf-8")
    result = cli("check", "--root", str(project))
    assert result.returncode == 1
    assert result.stderr and all(line.startswith("kraken-proto: error: check: ") for line in result.stderr.splitlines())


def test_a_usage_error_has_the_same_prefix(cli: Cli) -> None:
    result = cli("convert", "AccountStatus")
    assert result.returncode == 2 and result.stderr.splitlines()[-1].startswith("kraken-proto: error: the following arguments are required")


# -- a reader that leaves early --------------------------------------------------------------------


@pytest.mark.parametrize("args", [("list",), ("list", "AccountReminderTypes"), ("export-descriptors", "-o", "-"), ("export-table", "-o", "-")])
def test_a_closed_pipe_ends_the_command_quietly(args: tuple[str, ...]) -> None:
    """``kraken-proto list | head -1``: the reader is gone before the command writes; no message, exit 0."""
    process = subprocess.Popen([sys.executable, "-m", "kraken_proto", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader leaves at once, as head does
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 0
    assert stderr == b""


def test_list_piped_into_head_prints_the_first_line_only() -> None:
    result = subprocess.run(f"'{sys.executable}' -m kraken_proto list | head -1", shell=True, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.stdout.startswith("APIBrownoutStatus\t") and result.stdout.count("\n") == 1
    assert result.stderr == ""


# -- help --------------------------------------------------------------------------------------------

COMMANDS = ["generate", "check", "diff", "release", "package", "export-sdl", "convert", "list", "export-descriptors", "export-table"]


def test_the_top_level_help_is_plain_text_listing_every_command_with_examples(cli: Cli) -> None:
    text = cli("--help").stdout
    assert "``" not in text and ":mod:" not in text
    for command in COMMANDS:
        assert f"\n    {command}" in text
    assert "examples:\n  kraken-proto " in text


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_help_says_what_it_does_with_an_example(cli: Cli, command: str) -> None:
    text = cli(command, "--help").stdout
    description = text.split("\n\n")[1]
    assert len(description) > 40 and "``" not in text
    assert f"examples:\n  kraken-proto {command}" in text
