"""The package, its tests and its generated stubs type-check strictly, and the stubs catch misuse (real mypy)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

GOOD = """
from kraken_proto import get, to_string
from kraken_proto.enums import AccountStatus

value: AccountStatus.ValueType = AccountStatus.ACCOUNT_STATUS_ACTIVE
text: str = get(AccountStatus).to_string(value)
number: int = get("AccountStatus").from_string("ACTIVE")
maybe: int | None = get("AccountStatus").from_string("nope", default=None)
shortcut: str = to_string("AccountStatus", number)

from typing import Annotated, Literal
from pydantic import BaseModel
from kraken_proto.graphql import AccountStatus as Status
from kraken_proto.pydantic import ProtoEnum

member: Literal[Status.ACTIVE] = Status.ACTIVE
as_text: str = Status.DORMANT
proto_number: int = Status.ACTIVE.number
back: Status = Status.from_number(proto_number)
members: list[Status] = list(Status)

class Event(BaseModel):
    status: Annotated[int, ProtoEnum(Status.__graphql_name__)]
"""

BAD = """
from kraken_proto import get
from kraken_proto.enums import AccountStatus

wrong: int = get(AccountStatus).to_string(1)
missing = AccountStatus.ACCOUNT_STATUS_NOT_A_VALUE

from kraken_proto.graphql import AccountStatus as Status
not_a_member = Status.NOT_A_MEMBER
text_number: str = Status.ACTIVE.number
"""


def mypy(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_the_package_and_its_tests_pass_mypy_strict() -> None:
    """mypy as configured in pyproject.toml (``files``: ``kraken_proto`` and ``tests``; strict)."""
    result = mypy("--cache-dir", str(ROOT / ".mypy_cache"))
    assert result.returncode == 0, result.stdout


def test_consumer_code_using_the_stubs_type_checks(tmp_path: Path) -> None:
    (tmp_path / "good.py").write_text(GOOD, encoding="utf-8")
    result = mypy("--strict", "--cache-dir", str(tmp_path / "cache"), str(tmp_path / "good.py"))
    assert result.returncode == 0, result.stdout


def test_the_stubs_reject_a_wrong_type_and_an_unknown_value(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text(BAD, encoding="utf-8")
    result = mypy("--strict", "--cache-dir", str(tmp_path / "cache"), str(tmp_path / "bad.py"))
    assert result.returncode == 1
    assert 'Incompatible types in assignment (expression has type "str", variable has type "int")' in result.stdout
    assert "ACCOUNT_STATUS_NOT_A_VALUE" in result.stdout
    assert '"type[AccountStatus]" has no attribute "NOT_A_MEMBER"' in result.stdout
    assert 'Incompatible types in assignment (expression has type "int", variable has type "str")' in result.stdout
