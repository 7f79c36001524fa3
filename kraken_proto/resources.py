"""The contract's files for other tools: the ``.proto`` sources and a compiled descriptor set."""

from __future__ import annotations

from pathlib import Path

from google.protobuf import descriptor_pb2

from . import enums as _enums
from ._proto_package import PACKAGE_PATH

_PACKAGE = Path(__file__).resolve().parent


def proto_path() -> Path:
    """The include directory holding ``kraken/enums/v1/*.proto``, for ``protoc -I`` or a buf module.

    Installed from a wheel, the files live inside this package (``kraken_proto/_proto``); in a source
    checkout (an editable install) they are the repository's ``proto/`` directory.
    """
    shipped = _PACKAGE / "_proto"
    if (shipped / PACKAGE_PATH).is_dir():
        return shipped
    checkout = _PACKAGE.parent / "proto"
    if (checkout / PACKAGE_PATH).is_dir():
        return checkout
    raise FileNotFoundError(f"no {PACKAGE_PATH} protos under {shipped} or {checkout}: the installation is incomplete")


def file_descriptor_set() -> bytes:
    """A serialized ``FileDescriptorSet`` of every file of the contract and its imports, dependencies first."""
    files = descriptor_pb2.FileDescriptorSet()
    seen: set[str] = set()

    def add(file: object) -> None:
        name = file.name  # type: ignore[attr-defined]
        if name in seen:
            return
        seen.add(name)
        for dependency in file.dependencies:  # type: ignore[attr-defined]
            add(dependency)
        file.CopyToProto(files.file.add())  # type: ignore[attr-defined]

    for name in _enums.__all__:
        add(getattr(_enums, name).DESCRIPTOR.file)
    return files.SerializeToString(deterministic=True)
