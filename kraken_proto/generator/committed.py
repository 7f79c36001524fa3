"""The contract already committed under ``proto/``: the memory of every number ever released.

Numbers are never derived from a document's order. They are read back from the committed protos
(compiled by buf, options included), so that the repo itself is the lock file and nothing else can
disagree with it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from google.protobuf.descriptor import FieldDescriptor

from kraken.enums.v1 import options_pb2

from .._proto_package import PACKAGE_PATH
from . import buf
from .model import Contract, ContractEnum, ContractValue
from .naming import OPTIONS_FILE


def _key(option: FieldDescriptor) -> str:
    """How buf's JSON image names a custom option: ``[kraken.enums.v1.graphql_value]``."""
    return f"[{option.full_name}]"


# The option names come from the generated module, not from literals that could drift from options.proto.
GRAPHQL_NAME = _key(options_pb2.graphql_name)
ENUM_DESCRIPTION = _key(options_pb2.graphql_enum_description)
ENUM_DEPRECATION_REASON = _key(options_pb2.graphql_enum_deprecation_reason)
EXAMPLE = _key(options_pb2.graphql_example)
GRAPHQL_VALUE = _key(options_pb2.graphql_value)
VALUE_DESCRIPTION = _key(options_pb2.graphql_value_description)
DEPRECATION_REASON = _key(options_pb2.graphql_deprecation_reason)


def read_committed(root: Path) -> Contract:
    """Compile ``root/proto`` with buf and return the contract it holds (empty when there is none)."""
    proto_dir = root / "proto" / PACKAGE_PATH
    if not any(p.name != OPTIONS_FILE for p in proto_dir.glob("*.proto")):
        return Contract()
    image = json.loads(buf.run(["build", "--exclude-imports", "--exclude-source-info", "-o", "-#format=json"], cwd=root))
    return contract_from_image(image)


def contract_from_image(image: dict[str, Any]) -> Contract:
    enums: list[ContractEnum] = []
    for file in image.get("file", []):
        for enum in file.get("enumType", []):
            options = enum.get("options", {})
            values = tuple(
                ContractValue(
                    number=value.get("number", 0),
                    proto_name=value["name"],
                    graphql_value=value.get("options", {}).get(GRAPHQL_VALUE, ""),
                    description=value.get("options", {}).get(VALUE_DESCRIPTION, ""),
                    deprecated=value.get("options", {}).get("deprecated", False),
                    deprecation_reason=value.get("options", {}).get(DEPRECATION_REASON, ""),
                )
                for value in enum.get("value", [])
                if value.get("number", 0) != 0
            )
            enums.append(
                ContractEnum(
                    graphql_name=options.get(GRAPHQL_NAME, enum["name"]),
                    values=tuple(sorted(values, key=lambda v: v.number)),
                    description=options.get(ENUM_DESCRIPTION, ""),
                    example=options.get(EXAMPLE),
                    deprecated=options.get("deprecated", False),
                    deprecation_reason=options.get(ENUM_DEPRECATION_REASON, ""),
                    file=file["name"],
                    proto_name=enum["name"],
                )
            )
    return Contract(enums=tuple(sorted(enums, key=lambda e: e.graphql_name)))
