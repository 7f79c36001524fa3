"""The JSON test contract (``tests/protos/acme/jsontest``): every field kind, compiled as consumers compile.

Shared by the JSON regression, differential and memory tests: grpcio-tools' protoc against
``kraken_proto.proto_path()``, exactly as :mod:`tests.consumer` builds the consumer contract.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from types import ModuleType

from .conftest import CONSUMER_STUBS_ENV
from .consumer import protoc

FILES = ("acme/jsontest/v1/kinds.proto", "acme/jsontest/v1/legacy.proto")


def compile_json_stubs(out: Path) -> None:
    """The Python modules of the JSON test contract, written under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    result = protoc(f"--python_out={out}", *FILES)
    if result.returncode != 0:
        raise RuntimeError(f"protoc failed:\n{result.stderr}")


def compile_json_protos(out: Path) -> tuple[ModuleType, ModuleType]:
    """``(kinds_pb2, legacy_pb2)``, generated under ``out`` and imported; in tests/test_wheel_runtimes.py's
    virtualenvs (no grpcio-tools), the stubs it compiled beforehand."""
    if os.environ.get(CONSUMER_STUBS_ENV):
        out = Path(os.environ[CONSUMER_STUBS_ENV])
    else:
        compile_json_stubs(out)
    if str(out) not in sys.path:
        sys.path.insert(0, str(out))
    kinds, legacy = (importlib.import_module(name) for name in ("acme.jsontest.v1.kinds_pb2", "acme.jsontest.v1.legacy_pb2"))
    return kinds, legacy
