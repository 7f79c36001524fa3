"""A pydantic (v2) field type for a proto enum number: checked against the contract, the graphql_value in JSON.

Protobuf messages hold enum values as numbers (``AccountStatus.ValueType``, an ``int``); a pydantic model
that carries such a number next to, or instead of, the message declares the field with this marker::

    from typing import Annotated
    from pydantic import BaseModel
    from kraken_proto.pydantic import ProtoEnum

    class Event(BaseModel):
        status: Annotated[int, ProtoEnum("AccountStatus")]

It accepts a number of the enum (not 0, ``*_UNSPECIFIED``, which has no graphql_value; not a number
this version does not know) or its documented string (what JSON holds; a :mod:`kraken_proto.graphql`
member is one), and holds the number. ``model_dump()`` gives the number, ``model_dump(mode="json")`` and
``model_dump_json()`` the graphql_value, so a model round-trips through JSON. Anything else is a
``ValidationError`` carrying the mapping's message. The enum is any key :func:`kraken_proto.get` takes,
resolved when pydantic builds the model, so a misspelt enum fails at the class definition.

pydantic is imported only when pydantic itself calls this marker: ``import kraken_proto.pydantic``
costs nothing without it. Install ``kraken-proto[pydantic]`` (pydantic >= 2.7, < 3).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .registry import get

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

__all__ = ["ProtoEnum"]


class ProtoEnum:
    """``Annotated[int, ProtoEnum(enum)]``: a proto number of ``enum``, written as its graphql_value in JSON."""

    __slots__ = ("enum",)

    def __init__(self, enum: Any) -> None:
        self.enum = enum

    def __repr__(self) -> str:
        return f"ProtoEnum({self.enum!r})"

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        mapping = get(self.enum)

        def validate(value: object) -> int:
            try:
                if isinstance(value, str):
                    return mapping.from_string(value)
                if value.__class__ is not int:
                    raise ValueError(f"a value of {mapping.graphql_name} must be a proto number (int) or its documented string, not {type(value).__name__}")
                mapping.to_string(value)  # raises for 0 and for unknown numbers
                return value
            except TypeError as exc:  # pydantic reports ValueErrors as validation errors; TypeErrors escape
                raise ValueError(str(exc)) from None

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(mapping.to_string, when_used="json"),
        )

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        """What the field writes (``mode="serialization"``) is the documented string; what it reads is that or the number.

        The validation schema admits both, as the validator does; otherwise a model's default number
        (``= 1``) would be rendered as ``"default": 1`` under ``"type": "string"``, a schema that refuses
        its own default.
        """
        mapping = get(self.enum)
        strings: JsonSchemaValue = {"type": "string", "enum": list(mapping.strings())}
        if handler.mode == "serialization":
            return {**strings, "title": mapping.graphql_name}
        return {"title": mapping.graphql_name, "anyOf": [strings, {"type": "integer", "enum": list(mapping.numbers())}]}
