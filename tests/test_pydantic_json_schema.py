"""The JSON Schema pydantic writes for a ProtoEnum field is valid for the values the field takes, its default included.

Apart from tests/test_pydantic.py because it checks the schemas with jsonschema (a dev dependency), which
the runtime virtualenvs of tests/test_wheel_runtimes.py, running test_pydantic.py, do not install.
"""

from __future__ import annotations

import json
from typing import Annotated

import jsonschema
import pytest
from pydantic import BaseModel, ValidationError

from kraken_proto.pydantic import ProtoEnum


class WithDefault(BaseModel):
    status: Annotated[int, ProtoEnum("AccountStatus")] = 1


@pytest.mark.parametrize("mode", ["validation", "serialization"])
def test_proto_enums_json_schema_admits_its_own_default(mode: str) -> None:
    field = WithDefault.model_json_schema(mode=mode)["properties"]["status"]  # type: ignore[arg-type]
    assert field["default"] == (1 if mode == "validation" else "ACTIVE")
    jsonschema.validate(field["default"], {key: value for key, value in field.items() if key != "default"})


def test_proto_enums_validation_schema_admits_the_strings_and_numbers_the_validator_takes() -> None:
    field = {key: value for key, value in WithDefault.model_json_schema()["properties"]["status"].items() if key != "default"}
    for accepted in ("ACTIVE", "WITHDRAWN", 1, 8):
        jsonschema.validate(accepted, field)
        assert WithDefault.model_validate_json(json.dumps({"status": accepted})).status in range(1, 9)
    for refused in ("active", 0, 9):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(refused, field)
        with pytest.raises(ValidationError):
            WithDefault.model_validate_json(json.dumps({"status": refused}))
