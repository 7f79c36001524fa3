"""The ``spark`` extra's floor is tested, not guessed: a fresh virtualenv holding exactly the oldest pyspark
that pyproject.toml's extra admits (3.5.0, the Spark most users run: Databricks LTS, EMR) and the oldest
protobuf the package admits runs every test of tests/test_spark.py, on one local session (one JVM start).

The package is taken from this checkout through PYTHONPATH, as in tests/test_arrow_floor.py: what this
checks is the library's oldest release, which pip installs from the package index (pyspark 3.5.0 is an
sdist: pip builds it once and keeps the wheel in its own cache). Everything else the run writes (the venv,
Python's and Spark's scratch directories) stays in the test's tmp dir.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from pathlib import Path

from .conftest import ROOT, run_checked
from .test_arrow_floor import floor

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
EXTRAS = PYPROJECT["project"]["optional-dependencies"]
SUITE = ROOT / "tests" / "test_spark.py"


def test_the_spark_extras_floor_is_pyspark_3_5_0() -> None:
    assert [floor(r) for r in EXTRAS["spark"]] == ["pyspark==3.5.0"]


def test_the_oldest_pyspark_the_extra_admits_passes_every_spark_test_on_the_oldest_protobuf(tmp_path: Path) -> None:
    venv, scratch = tmp_path / "venv", tmp_path / "scratch"
    scratch.mkdir()
    run_checked(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    dev = {d.split("==")[0]: d for d in EXTRAS["dev"]}
    protobuf_floor = PYPROJECT["project"]["dependencies"][0].split(",")[0].replace(">=", "==")
    pins = [*(floor(r) for r in EXTRAS["spark"]), protobuf_floor, dev["pytest"]]
    run_checked(venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *pins, cwd=tmp_path)
    versions = run_checked(venv / "bin" / "python", "-c", "import pyspark, google.protobuf as p; print(pyspark.__version__, p.__version__)", cwd=tmp_path)
    assert versions.stdout.split() == ["3.5.0", "5.29.1"]
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'gen'}",
        "PYTHONDONTWRITEBYTECODE": "1",
        "TMPDIR": str(scratch),  # Python's temporary files, pyspark's among them
        "SPARK_LOCAL_DIRS": str(scratch),  # Spark's block manager and shuffle files
    }
    result = run_checked(venv / "bin" / "python", "-m", "pytest", "-p", "no:cacheprovider", "-q", SUITE, cwd=ROOT, env=env)
    summary = result.stdout.strip().splitlines()[-1]
    match = re.fullmatch(r"(\d+) passed(?:, \d+ warnings?)? in [\d.]+s(?: \([\d:]+\))?", summary)
    assert match, summary  # nothing failed, skipped or deselected
    tests = re.findall(r"^def test_", SUITE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert int(match.group(1)) == len(tests) > 15  # every test of the module ran on pyspark 3.5.0
