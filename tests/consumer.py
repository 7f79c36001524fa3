"""The test-only consumer contract (``tests/protos``): compiled with grpcio-tools' protoc, then imported.

Shared by the gRPC and JSON tests and by the JSON benchmark, so that all of them use stubs generated
the way a downstream service generates its own: ``protoc -I <its protos> -I kraken_proto.proto_path()``.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import kraken_proto

PROTOS = Path(__file__).resolve().parent / "protos"
FILES = ("acme/billing/v1/billing.proto", "acme/billing/v1/every_value.proto")


def well_known() -> Path:
    """grpcio-tools' copy of the well-known protos (imported here: the wheel-runtime venvs have no grpcio-tools)."""
    import grpc_tools

    return Path(grpc_tools.__file__).resolve().parent / "_proto"


def protoc(*args: str | Path, include: Path | None = None) -> subprocess.CompletedProcess[str]:
    """grpcio-tools' protoc with the consumer's, our (``proto_path()`` unless given) and the well-known includes."""
    command = [sys.executable, "-m", "grpc_tools.protoc", f"-I{PROTOS}", f"-I{include or kraken_proto.proto_path()}", f"-I{well_known()}", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def compile_stubs(out: Path) -> None:
    """Python messages and gRPC stubs for the consumer protos, written under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    result = protoc(f"--python_out={out}", f"--grpc_python_out={out}", *FILES)
    if result.returncode != 0:
        raise RuntimeError(f"protoc failed:\n{result.stderr}")


def import_stubs(out: Path) -> tuple[ModuleType, ModuleType, ModuleType]:
    """``(billing_pb2, billing_pb2_grpc, every_value_pb2)`` from a directory :func:`compile_stubs` wrote."""
    if str(out) not in sys.path:
        sys.path.insert(0, str(out))
    names = ("acme.billing.v1.billing_pb2", "acme.billing.v1.billing_pb2_grpc", "acme.billing.v1.every_value_pb2")
    billing, grpc_stubs, every_value = (importlib.import_module(name) for name in names)
    return billing, grpc_stubs, every_value
