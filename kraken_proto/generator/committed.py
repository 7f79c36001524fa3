"""The contract already committed under ``proto/``: the memory of every number ever released.

Numbers are never derived from a document's order. They are read back from the committed protos
(compiled by buf, options included), so that the repo itself is the lock file and nothing else can
disagree with it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import buf
from .model import Contract, ContractEnum, ContractValue

OPTION = "[kraken.enums.v1.{}]"
PACKAGE_DIR = Path("kraken/enums/v1")


def read_committed(root: Path) -> Contract:
    """Compile ``root/proto`` with buf and return the contract it holds (empty when there is none)."""
    proto_dir = root / "proto" / PACKAGE_DIR
    if not any(p.name != "options.proto" for p in proto_dir.glob("*.proto")):
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
                    graphql_value=value.get("options", {}).get(OPTION.format("graphql_value"), ""),
                    description=value.get("options", {}).get(OPTION.format("graphql_value_description"), ""),
                    deprecated=value.get("options", {}).get("deprecated", False),
                    deprecation_note=value.get("options", {}).get(OPTION.format("graphql_deprecation_reason"), ""),
                )
                for value in enum.get("value", [])
                if value.get("number", 0) != 0
            )
            enums.append(
                ContractEnum(
                    graphql_name=options.get(OPTION.format("graphql_name"), enum["name"]),
                    values=tuple(sorted(values, key=lambda v: v.number)),
                    description=options.get(OPTION.format("graphql_enum_description"), ""),
                    example=options.get(OPTION.format("graphql_example")),
                    deprecated=options.get("deprecated", False),
                    deprecation_note=options.get(OPTION.format("graphql_enum_deprecation_reason"), ""),
                    file=file["name"],
                    proto_name=enum["name"],
                )
            )
    return Contract(tuple(sorted(enums, key=lambda e: e.graphql_name)))
