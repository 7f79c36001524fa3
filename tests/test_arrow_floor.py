"""The ``arrow`` and ``pandas`` extras' floors are tested, not guessed: a fresh virtualenv holding exactly the
oldest pyarrow and pandas that pyproject.toml's extras admit (with a numpy of their time) runs the column tests.

The package is taken from this checkout through PYTHONPATH (the wheel's own tests are tests/test_wheel*.py);
what this checks is the libraries' oldest versions, which pip installs from the package index like the
runtime venvs of tests/test_wheel_runtimes.py.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from pathlib import Path

from .conftest import ROOT, run_checked

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
EXTRAS = PYPROJECT["project"]["optional-dependencies"]
NUMPY_OF_THEIR_TIME = "numpy==1.26.4"
"""pandas 2.2.0 predates numpy 2 (its wheels are built against numpy 1.x); 1.26.4 is numpy 1's last release."""
SUITES = ["tests/test_arrow.py", "tests/test_pandas.py", "tests/test_arrow_extras.py"]


def floor(requirement: str) -> str:
    """``pyarrow>=18`` -> ``pyarrow==18.0.0``: the oldest release the requirement admits."""
    match = re.fullmatch(r"([a-z]+)>=(\d+)(?:\.(\d+))?", requirement)
    assert match, f"{requirement!r}: expected NAME>=MAJOR[.MINOR]"
    name, major, minor = match.groups()
    return f"{name}=={major}.{minor or 0}.0"


def test_the_extras_floors_are_one_pyarrow_and_the_pandas_extra_adds_pandas_to_it() -> None:
    assert [floor(r) for r in EXTRAS["arrow"]] == ["pyarrow==18.0.0"]
    assert [floor(r) for r in EXTRAS["pandas"]] == ["pyarrow==18.0.0", "pandas==2.2.0"]


def test_the_oldest_pyarrow_and_pandas_the_extras_admit_pass_the_column_tests(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    run_checked(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    dev = {d.split("==")[0]: d for d in EXTRAS["dev"]}
    protobuf_floor = PYPROJECT["project"]["dependencies"][0].split(",")[0].replace(">=", "==")
    pins = [*sorted({floor(r) for r in EXTRAS["pandas"]}), NUMPY_OF_THEIR_TIME, protobuf_floor, dev["pytest"], dev["hypothesis"]]
    run_checked(venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *pins, cwd=tmp_path)
    versions = run_checked(venv / "bin" / "python", "-c", "import pyarrow, pandas; print(pyarrow.__version__, pandas.__version__)", cwd=tmp_path)
    assert versions.stdout.split() == ["18.0.0", "2.2.0"]
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'gen'}", "PYTHONDONTWRITEBYTECODE": "1"}
    result = run_checked(venv / "bin" / "python", "-m", "pytest", "-p", "no:cacheprovider", "-q", *SUITES, cwd=ROOT, env=env)
    summary = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ passed in [\d.]+s", summary), summary
    assert int(summary.split()[0]) > 390  # every enum through arrow and pandas: not an empty run
