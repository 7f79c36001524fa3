"""The built wheel on the oldest and the newest protobuf runtime it claims, in fresh virtualenvs.

``dependencies`` says ``protobuf>=FLOOR,<CEILING``. Two venvs get the wheel: one with exactly FLOOR (and
the oldest pydantic and polars the ``pydantic`` and ``polars`` extras claim), and the one tests/test_wheel.py
uses, where pip chose the newest protobuf below CEILING (with the dev pins of pydantic and polars). In each,
the installed package (not this checkout) runs the suites that exercise it: every value of every enum
through the mapping helpers, the vectors and the StrEnums, the pydantic field types, the polars
conversions, and the JSON codec's tests, with every warning an error (``-W error``).
The consumer stubs those tests need are compiled once here (the venvs have no grpcio-tools).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from .conftest import CONSUMER_STUBS_ENV, ROOT, VECTORS, make_venv, run_checked
from .consumer import compile_stubs
from .json_protos import compile_json_stubs

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
(PIN,) = [d for d in PYPROJECT["project"]["dependencies"] if re.match(r"protobuf\b", d)]
FLOOR, CEILING = re.fullmatch(r"protobuf>=([\d.]+),<(\d+)", PIN).groups()  # type: ignore[union-attr]  # tests/test_runtime_pin.py checks the pin has this form
DEV = {d.split("==")[0]: d for d in PYPROJECT["project"]["optional-dependencies"]["dev"]}
PYDANTIC_FLOOR = "pydantic==2.7.4"
"""The oldest pydantic the ``pydantic`` extra (``pydantic>=2.7,<3``) admits, at its last patch release."""
assert PYPROJECT["project"]["optional-dependencies"]["pydantic"] == ["pydantic>=2.7,<3"]
POLARS_FLOOR = "polars==1.25.2"
"""The oldest polars the ``polars`` extra (``polars>=1.25.2,<3``) admits."""
assert PYPROJECT["project"]["optional-dependencies"]["polars"] == ["polars>=1.25.2,<3"]
TEST_TOOLS = [DEV["pytest"], DEV["hypothesis"], DEV["graphql-core"], DEV["grpcio"]]
"""What the suites below import besides the package: pytest and hypothesis; graphql-core (they read the
upstream document through the generator); grpcio (the consumer's gRPC stubs import it)."""
SUITES = ["test_roundtrip.py", "test_mapping_api.py", "test_vectors.py", "test_graphql_enums.py", "test_pydantic.py", "test_polars.py"]
NOT_IN_A_VENV = "not check_fails and not generate_without"
"""test_vectors' tests of ``check``/``generate`` need buf and a checkout: they run in the main suite."""


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the tests and the files they read, outside the checkout (so ``import kraken_proto`` finds
    the venv's), plus the consumer stubs compiled by this checkout's protoc."""
    base = tmp_path_factory.mktemp("runtime-suite")
    shutil.copytree(ROOT / "tests", base / "tests", ignore=shutil.ignore_patterns("__pycache__", "benchmarks"))
    shutil.copytree(ROOT / "upstream", base / "upstream")
    (base / "gen").mkdir()
    shutil.copy2(VECTORS, base / "gen" / VECTORS.name)
    compile_stubs(base / "stubs")
    compile_json_stubs(base / "stubs")
    return base


def run_suites(bin_dir: Path, suite: Path, pythonpath: Path | None = None) -> str:
    files = [f"tests/{name}" for name in SUITES] + sorted(p.relative_to(suite).as_posix() for p in (suite / "tests").glob("test_json*.py"))
    env = {"PATH": os.environ.get("PATH", ""), CONSUMER_STUBS_ENV: str(suite / "stubs"), "PYTHONDONTWRITEBYTECODE": "1"}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    result = run_checked(
        bin_dir / "python", "-W", "error", "-m", "pytest", "-W", "error", "-p", "no:cacheprovider", "-q", "-k", NOT_IN_A_VENV, *files, cwd=suite, env=env
    )
    return result.stdout


def installed(bin_dir: Path, pythonpath: Path | None = None) -> dict[str, str]:
    code = "import google.protobuf, kraken_proto, polars, pydantic; print(google.protobuf.__version__, pydantic.VERSION, polars.__version__, kraken_proto.__file__)"
    env = {"PATH": os.environ.get("PATH", ""), **({"PYTHONPATH": str(pythonpath)} if pythonpath else {})}
    protobuf, pydantic, polars, package = run_checked(bin_dir / "python", "-c", code, cwd=bin_dir, env=env).stdout.split()
    return {"protobuf": protobuf, "pydantic": pydantic, "polars": polars, "package": package}


def passed(output: str) -> int:
    match = re.search(r"(\d+) passed", output)
    assert match and not re.search(r"\d+ (failed|error|skipped)", output), output[-2000:]
    return int(match.group(1))


@pytest.fixture(scope="module")
def oldest_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel on exactly FLOOR (and the oldest pydantic and polars of the extras), with the test tools; its bin/."""
    return make_venv(tmp_path_factory.mktemp("oldest") / "venv", wheel, f"protobuf=={FLOOR}", PYDANTIC_FLOOR, POLARS_FLOOR, *TEST_TOOLS)


def test_the_oldest_runtime_runs_every_value_the_strenums_pydantic_and_the_json_codec(oldest_venv: Path, suite: Path) -> None:
    bin_dir = oldest_venv
    versions = installed(bin_dir)
    assert versions["protobuf"] == FLOOR and versions["pydantic"] == PYDANTIC_FLOOR.split("==")[1] and versions["polars"] == POLARS_FLOOR.split("==")[1]
    assert "site-packages" in versions["package"] and not Path(versions["package"]).is_relative_to(ROOT)
    assert passed(run_suites(bin_dir, suite)) > 1800  # 896 values twice over, the enums, the codec


def test_the_newest_runtime_runs_every_value_the_strenums_pydantic_and_the_json_codec(
    wheel_venv: Path, suite: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """In the wheel-only venv; the test tools go to a separate directory on PYTHONPATH, so the venv itself
    stays what a plain ``pip install`` of the wheel gives (tests/test_wheel.py relies on that)."""
    tools = tmp_path_factory.mktemp("newest-tools")
    run_checked(
        sys.executable,
        "-m",
        "pip",
        "--python",
        wheel_venv / "python",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--target",
        tools,
        DEV["pydantic"],
        DEV["polars"],
        *TEST_TOOLS,
        cwd=tools,
    )
    versions = installed(wheel_venv, tools)
    assert int(versions["protobuf"].split(".")[0]) == int(CEILING) - 1, f"the newest protobuf below {CEILING} is {versions['protobuf']}"
    assert passed(run_suites(wheel_venv, suite, tools)) > 1800


CONSUMER = """\
from kraken.enums.v1 import account_status_pb2, referral_status_choices_pb2
from kraken.enums.v1.account_status_pb2 import AccountStatus
from kraken_proto import enums, get, graphql
from kraken_proto.graphql import ReferralStatusChoices

active: AccountStatus.ValueType = account_status_pb2.ACCOUNT_STATUS_ACTIVE
same: enums.AccountStatus.ValueType = active
name: str = AccountStatus.Name(active)
text: str = get("AccountStatus").to_string(active)
number: int = referral_status_choices_pb2.REFERRAL_STATUS_CHOICES_CANCELLED
member: ReferralStatusChoices = graphql.ReferralStatusChoices.Cancelled
proto_number: int = member.number
"""
MISUSE = """\
from kraken.enums.v1 import account_status_pb2
from kraken_proto.graphql import AccountStatus

as_text: str = account_status_pb2.ACCOUNT_STATUS_ACTIVE
missing = account_status_pb2.ACCOUNT_STATUS_NOT_A_VALUE
not_a_member = AccountStatus.NOT_A_MEMBER
"""
PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"


def type_check(bin_dir: Path, folder: Path, code: str) -> tuple[list[str], list[str]]:
    """mypy --strict and pyright (strict) on ``code`` as a consumer's module in ``folder``, resolving imports
    only through the venv of ``bin_dir``: each tool's error lines, ``line: rule`` (empty: clean)."""
    folder.mkdir()
    (folder / "consumer.py").write_text(code, encoding="utf-8")
    (folder / "mypy.ini").write_text("[mypy]\nstrict = True\n", encoding="utf-8")
    (folder / "pyrightconfig.json").write_text(json.dumps({"typeCheckingMode": "strict", "pythonVersion": "3.11"}), encoding="utf-8")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "")}
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", "--python-executable", str(bin_dir / "python"), "--no-incremental", "consumer.py"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert mypy.returncode in (0, 1), mypy.stdout + mypy.stderr
    mypy_errors = [f"{m.group(1)}: {m.group(2)}" for m in re.finditer(r"^consumer\.py:(\d+): error: .*\[([\w-]+)\]$", mypy.stdout, re.MULTILINE)]
    if not PYRIGHT.is_file():
        pytest.fail("pyright is missing from node_modules: bash .ci/bootstrap installs it (npm ci)")
    pyright = subprocess.run(
        [str(PYRIGHT), "--outputjson", "--pythonpath", str(bin_dir / "python"), "consumer.py"], cwd=folder, env=env, capture_output=True, text=True, timeout=600
    )
    report = json.loads(pyright.stdout)
    pyright_errors = [f"{d['range']['start']['line'] + 1}: {d.get('rule', '')}" for d in report["generalDiagnostics"] if d["severity"] == "error"]
    assert (pyright.returncode == 0) == (not pyright_errors), pyright.stdout[-2000:]
    return mypy_errors, pyright_errors


@pytest.mark.parametrize("runtime", ["oldest", "newest"])
def test_a_consumer_of_the_installed_wheel_passes_mypy_strict_and_pyright_strict(runtime: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """PEP 561: the generated modules (a namespace package) and kraken_proto are typed, from the wheel alone."""
    bin_dir: Path = request.getfixturevalue("oldest_venv" if runtime == "oldest" else "wheel_venv")
    assert type_check(bin_dir, tmp_path / "consumer", CONSUMER) == ([], [])


def test_the_installed_types_are_real_types_that_reject_misuse(wheel_venv: Path, tmp_path: Path) -> None:
    """Not Any: an enum value is no str, and a value or member that does not exist is an error, to both tools."""
    mypy_errors, pyright_errors = type_check(wheel_venv, tmp_path / "misuse", MISUSE)
    assert mypy_errors == ["4: assignment", "5: attr-defined", "6: attr-defined"]
    assert sorted({e.split(":")[0] for e in pyright_errors}) == ["4", "5", "6"]  # strict mode adds unknown-type errors on 5 and 6


def test_without_py_typed_in_the_generated_package_both_checkers_refuse_its_modules(wheel_venv: Path, tmp_path: Path) -> None:
    """What the marker fixes, made for real: the same venv, copied, with kraken/enums/v1/py.typed removed."""
    copy = tmp_path / "venv"
    shutil.copytree(wheel_venv.parent, copy, symlinks=True)
    (marker,) = copy.glob("lib/python*/site-packages/kraken/enums/v1/py.typed")
    marker.unlink()
    mypy_errors, pyright_errors = type_check(copy / "bin", tmp_path / "consumer", CONSUMER)
    assert "1: import-untyped" in mypy_errors and "2: import-untyped" in mypy_errors
    assert "1: reportMissingTypeStubs" in pyright_errors
