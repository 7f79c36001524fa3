"""The grpcio-tools a consumer compiles its own protos with decides the protobuf runtime it needs:
the pairing docs/consumers.md documents, proven in fresh virtualenvs with the built wheel.

- On the floor of ``dependencies`` (protobuf 5.29.1), the grpcio-tools the doc names for 5.29 (1.71.2)
  installs without moving protobuf, compiles a consumer proto that imports ours, and the result imports.
- A newer grpcio-tools (1.85.1, protobuf 7.x) is what an unpinned ``pip install grpcio-tools`` gives:
  pip would move protobuf up (its own ``--dry-run --report`` says so), and code from its protoc fails to
  import on the floor runtime with ``VersionError``, as the doc warns.

The venvs are made the way every wheel test makes them (``make_venv``: pip from this machine's warm cache).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, make_venv, run_checked
from .test_wheel_runtimes import FLOOR

PAIRED = "grpcio-tools==1.71.2"
"""docs/consumers.md: grpcio-tools 1.71.x writes protobuf 5.29 gencode."""
NEWER = "grpcio-tools==1.85.1"
"""docs/consumers.md: grpcio-tools 1.82 and later write protobuf 7.x gencode (and require protobuf 7)."""
CONSUMER = ROOT / "tests" / "protos"
IMPORT = "import google.protobuf, acme.billing.v1.billing_pb2 as b; print(google.protobuf.__version__, b.AccountEvent(status=1).status)"


def python(bin_dir: Path, code: str, pythonpath: Path | None = None) -> tuple[int, str, str]:
    env = {"PATH": os.environ.get("PATH", ""), **({"PYTHONPATH": str(pythonpath)} if pythonpath else {})}
    result = subprocess.run([str(bin_dir / "python"), "-c", code], cwd=bin_dir, env=env, capture_output=True, text=True, timeout=300)
    return result.returncode, result.stdout, result.stderr


def compile_consumer(bin_dir: Path, out: Path) -> Path:
    """The consumer's protos (billing.proto imports every_value.proto), compiled by the venv's own grpcio-tools
    against the installed wheel's ``proto_path()``."""
    code = "import os, grpc_tools, kraken_proto; print(kraken_proto.proto_path()); print(os.path.join(os.path.dirname(grpc_tools.__file__), '_proto'))"
    ours, well_known = python(bin_dir, code)[1].split()
    out.mkdir(parents=True)
    run_checked(
        bin_dir / "python",
        "-m",
        "grpc_tools.protoc",
        f"-I{CONSUMER}",
        f"-I{ours}",
        f"-I{well_known}",
        f"--python_out={out}",
        "acme/billing/v1/billing.proto",
        "acme/billing/v1/every_value.proto",
        cwd=out,
    )
    return out


@pytest.fixture(scope="module")
def floor_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_venv(tmp_path_factory.mktemp("floor") / "venv", wheel, f"protobuf=={FLOOR}", PAIRED)


def test_the_documented_grpcio_tools_for_the_floor_keeps_protobuf_there_and_its_code_imports(floor_venv: Path, tmp_path: Path) -> None:
    stubs = compile_consumer(floor_venv, tmp_path / "stubs")
    assert "# Protobuf Python Version: 5.29." in (stubs / "acme" / "billing" / "v1" / "billing_pb2.py").read_text(encoding="utf-8")
    code, out, err = python(floor_venv, IMPORT, stubs)
    assert code == 0, err
    assert out.split() == [FLOOR, "1"]


def test_an_unpinned_grpcio_tools_moves_protobuf_up_and_its_code_fails_on_the_floor_with_version_error(
    floor_venv: Path, wheel: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # make_venv's venvs have no pip of their own: ours answers for the venv, without installing anything
    report = run_checked(
        sys.executable, "-m", "pip", "--python", floor_venv / "python", "install", "--dry-run", "--quiet", "--report", "-", NEWER, cwd=tmp_path
    )
    chosen = {item["metadata"]["name"]: item["metadata"]["version"] for item in json.loads(report.stdout)["install"]}
    assert int(chosen["protobuf"].split(".")[0]) >= 7, chosen  # pip would replace the floor runtime

    newer = make_venv(tmp_path_factory.mktemp("newer") / "venv", wheel, NEWER)
    stubs = compile_consumer(newer, tmp_path / "stubs")
    assert python(newer, IMPORT, stubs)[0] == 0  # fine where it was compiled
    code, _out, err = python(floor_venv, IMPORT, stubs)
    assert code != 0
    assert "google.protobuf.runtime_version.VersionError: Detected mismatched Protobuf Gencode/Runtime major versions" in err, err[-2000:]
    assert re.search(rf"gencode 7\.\d+\.\d+ runtime {re.escape(FLOOR)}\. Same major version is required", err), err[-2000:]
