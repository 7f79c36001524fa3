"""The ``kraken-proto`` command, run as a real subprocess."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

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
