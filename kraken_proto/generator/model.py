"""The two shapes data takes in the generator.

``Upstream*`` is what a source document says (after corrections): names, strings, prose. It has no
numbers, because upstream has none. ``Contract*`` is what we publish: the same facts plus the numbers
and proto names that must never change once released, and the deprecations that keep old values alive.

Every record is frozen and keyword-only: a new one is built by field name and a changed one with
``dataclasses.replace``, so adding a field or reordering fields can never shift a value into the wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .._proto_package import PACKAGE, PACKAGE_PATH
from .naming import file_name, proto_enum_name


@dataclass(frozen=True, kw_only=True)
class UpstreamValue:
    graphql_value: str
    """The documented GraphQL string, exact case (``"Cancelled"``)."""
    description: str = ""
    deprecation_reason: str | None = None
    """Why upstream deprecates the value; ``None`` when it does not."""


@dataclass(frozen=True, kw_only=True)
class UpstreamEnum:
    graphql_name: str
    """The GraphQL enum's name, exact case (``"ReferralStatusChoices"``)."""
    description: str
    values: tuple[UpstreamValue, ...]
    example: str | None = None
    origin: str = ""
    """Where the enum was read (``path:line``), for error messages."""
    line: int | None = None
    """The line of ``origin``, when the source has lines."""


@dataclass(frozen=True, kw_only=True)
class UpstreamDocument:
    """Every enum one source document lists, in document order."""

    path: str
    enums: tuple[UpstreamEnum, ...]
    notes: tuple[str, ...] = ()
    """Warnings for the maintainer (e.g. corrections a GraphQL schema made unnecessary); not errors."""


@dataclass(frozen=True, kw_only=True)
class ContractValue:
    number: int
    proto_name: str
    graphql_value: str
    description: str = ""
    deprecated: bool = False
    deprecation_reason: str = ""
    """Why the value is deprecated (upstream's reason, or that upstream dropped it)."""
    note: str = ""
    """A note for the value's comment only, taken from the enum's description (never an option)."""


@dataclass(frozen=True, kw_only=True)
class ContractEnum:
    graphql_name: str
    values: tuple[ContractValue, ...]
    """Non-zero values in number order; the ``_UNSPECIFIED = 0`` value is implied."""
    description: str = ""
    example: str | None = None
    deprecated: bool = False
    deprecation_reason: str = ""
    file: str = ""
    """The proto file that holds the enum, as read from the committed tree (empty for a new enum)."""
    proto_name: str = ""
    """The proto enum's name: read from the committed tree, else given by the naming rule."""

    def __post_init__(self) -> None:
        if not self.proto_name:
            object.__setattr__(self, "proto_name", proto_enum_name(self.graphql_name))

    @property
    def full_name(self) -> str:
        return f"{PACKAGE}.{self.proto_name}"

    @property
    def file_path(self) -> str:
        """The file that holds the enum, relative to ``proto/``: the committed one, else the rule's."""
        return self.file or f"{PACKAGE_PATH}/{file_name(self.proto_name)}"


@dataclass(frozen=True, kw_only=True)
class Contract:
    enums: tuple[ContractEnum, ...] = field(default_factory=tuple)

    def by_name(self) -> dict[str, ContractEnum]:
        return {enum.graphql_name: enum for enum in self.enums}
