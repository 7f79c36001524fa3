"""What changed between two contracts, as one record: the facts ``diff``, ``release`` and ``update`` report.

:func:`diff_contracts` is a pure function of two :class:`.model.Contract` records (old, new). It lists
what a consumer of the package may care about: enums added, values added (with their numbers), enums and
values newly deprecated (with the reason; a value upstream dropped is deprecated with the dropped
reason), description changes (old and new text), and changes to the other options (an enum's example, a
deprecation reason, a value listed again). ``update`` passes in the corrections that upstream made
unnecessary (it removes them), so that they are listed too.

A break (an enum or a value gone, a number moved, a released name or string changed) is never released:
it would be a ``v2`` package. ``check`` already reports each break in detail; the diff only refuses to
describe one (:class:`ContractBreakError`, one line).

Everything is in a stable order: by the enum's ``graphql_name``, then the value's ``number`` (the enum's
own change first). The same record renders as text (the terminal), Markdown (a pull request body, a
changelog section) and JSON (tools; ``"format"`` says which version of its shape it is).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field

from .errors import GenerateError
from .model import Contract, ContractEnum, ContractValue

JSON_FORMAT = 1
"""The version of :func:`render_json`'s shape; it changes whenever a key changes meaning or goes away."""


class Bump(enum.IntEnum):
    """The part of the version a diff moves; ordered, so that the largest of several is ``max()``."""

    NONE = 0
    PATCH = 1
    """Descriptions only: the same numbers, names and strings, better prose."""
    MINOR = 2
    """New enums or values, new deprecations, changed options."""

    @property
    def word(self) -> str:
        return self.name.lower()


class ContractBreakError(GenerateError):
    """The new contract breaks the old one; a break is never released (``check`` says how to repair it)."""


@dataclass(frozen=True, kw_only=True)
class EnumAdded:
    graphql_name: str
    full_name: str
    description: str
    deprecated: bool = False
    deprecation_reason: str = ""


@dataclass(frozen=True, kw_only=True)
class ValueAdded:
    graphql_name: str
    """The enum's GraphQL name."""
    graphql_value: str
    proto_name: str
    number: int
    deprecated: bool = False
    deprecation_reason: str = ""


@dataclass(frozen=True, kw_only=True)
class Deprecation:
    """An enum (``graphql_value`` and ``number`` are ``None``) or a value that was not deprecated before."""

    graphql_name: str
    graphql_value: str | None
    proto_name: str
    number: int | None
    deprecation_reason: str


@dataclass(frozen=True, kw_only=True)
class DescriptionChange:
    """An enum's description (``graphql_value`` and ``number`` are ``None``) or a value's, old and new."""

    graphql_name: str
    graphql_value: str | None
    number: int | None
    old: str
    new: str


@dataclass(frozen=True, kw_only=True)
class OptionChange:
    """Another option of an enum or a value, old and new, as text (``deprecated`` reads ``true``/``false``).

    ``option`` is the attribute's name in the contract: ``example``, ``deprecation_reason`` (of something
    deprecated before and after) or ``deprecated`` (only from ``true`` to ``false``: upstream lists a value
    again; becoming deprecated is a :class:`Deprecation`).
    """

    graphql_name: str
    graphql_value: str | None
    number: int | None
    option: str
    old: str
    new: str


@dataclass(frozen=True, kw_only=True)
class UnneededCorrection:
    """An entry of ``upstream/corrections.toml`` that upstream made unnecessary, removed by ``update``."""

    kind: str
    """The entry's table in the corrections file, e.g. ``missing_value``."""
    enum: str
    value: str | None
    reason: str
    """The entry's own ``reason``, which said what it corrected."""


@dataclass(frozen=True, kw_only=True)
class ContractDiff:
    enums_added: tuple[EnumAdded, ...] = ()
    values_added: tuple[ValueAdded, ...] = ()
    """Every value the old contract lacks, those of added enums included."""
    deprecated: tuple[Deprecation, ...] = ()
    descriptions_changed: tuple[DescriptionChange, ...] = ()
    options_changed: tuple[OptionChange, ...] = ()
    corrections_unneeded: tuple[UnneededCorrection, ...] = ()
    """Not a change of the contract (it moves no version), but part of what an update did."""

    @property
    def bump(self) -> Bump:
        if self.enums_added or self.values_added or self.deprecated or self.options_changed:
            return Bump.MINOR
        if self.descriptions_changed:
            return Bump.PATCH
        return Bump.NONE

    @property
    def empty(self) -> bool:
        """Nothing at all to report (not even a removed correction)."""
        return not any(asdict(self).values())

    def enum_names(self) -> list[str]:
        """Every enum the diff mentions, sorted."""
        return sorted({item.graphql_name for item in self._contract_changes()})

    def _contract_changes(self) -> Iterator[EnumAdded | ValueAdded | Deprecation | DescriptionChange | OptionChange]:
        yield from self.enums_added
        yield from self.values_added
        yield from self.deprecated
        yield from self.descriptions_changed
        yield from self.options_changed


def diff_contracts(old: Contract, new: Contract, *, corrections_unneeded: Iterable[UnneededCorrection] = ()) -> ContractDiff:
    """What ``new`` adds to, deprecates in and rewords of ``old``; raises :class:`ContractBreakError` on a break."""
    old_enums = old.by_name()
    new_enums = new.by_name()
    breaks = [f"enum {name} is gone" for name in sorted(set(old_enums) - set(new_enums))]
    enums_added: list[EnumAdded] = []
    values_added: list[ValueAdded] = []
    changes = _Changes()
    for name in sorted(new_enums):
        after = new_enums[name]
        before = old_enums.get(name)
        if before is None:
            enums_added.append(
                EnumAdded(
                    graphql_name=name,
                    full_name=after.full_name,
                    description=after.description,
                    deprecated=after.deprecated,
                    deprecation_reason=after.deprecation_reason,
                )
            )
            values_added += [_added(name, value) for value in after.values]
            continue
        if (before.proto_name, before.file_path) != (after.proto_name, after.file_path):
            breaks.append(f"enum {name} was {before.full_name} in {before.file_path}, now {after.full_name} in {after.file_path}")
            continue
        _compare(name, before, after, None, changes)
        new_values = {value.number: value for value in after.values}
        for value in before.values:
            now = new_values.pop(value.number, None)
            label = f"{name} value {value.number} ({value.proto_name}, {value.graphql_value!r})"
            if now is None:
                breaks.append(f"{label} is gone or renumbered")
            elif (now.proto_name, now.graphql_value) != (value.proto_name, value.graphql_value):
                breaks.append(f"{label} is now {now.proto_name}, {now.graphql_value!r}")
            else:
                _compare(name, value, now, value, changes)
        values_added += [_added(name, value) for value in sorted(new_values.values(), key=lambda v: v.number)]
    if breaks:
        more = f" (and {len(breaks) - 1} more)" if len(breaks) > 1 else ""
        raise ContractBreakError(
            f"the contract breaks the release it is compared with: {breaks[0]}{more}; a break is never released "
            f"(restore it; kraken-proto check lists every break)"
        )
    return ContractDiff(
        enums_added=tuple(enums_added),
        values_added=tuple(values_added),
        deprecated=tuple(sorted(changes.deprecated, key=_order)),
        descriptions_changed=tuple(sorted(changes.descriptions, key=_order)),
        options_changed=tuple(sorted(changes.options, key=lambda c: (*_order(c), c.option))),
        corrections_unneeded=tuple(sorted(corrections_unneeded, key=lambda c: (c.enum, c.value or "", c.kind))),
    )


def _added(name: str, value: ContractValue) -> ValueAdded:
    return ValueAdded(
        graphql_name=name,
        graphql_value=value.graphql_value,
        proto_name=value.proto_name,
        number=value.number,
        deprecated=value.deprecated,
        deprecation_reason=value.deprecation_reason,
    )


def _order(item: Deprecation | DescriptionChange | OptionChange) -> tuple[str, int]:
    return (item.graphql_name, -1 if item.number is None else item.number)


def _compare(
    name: str,
    before: ContractEnum | ContractValue,
    after: ContractEnum | ContractValue,
    value: ContractValue | None,
    changes: _Changes,
) -> None:
    """The changes of one enum's own facts (``value`` None) or of one value's (``value`` is the old one)."""
    graphql_value = value.graphql_value if value is not None else None
    number = value.number if value is not None else None
    proto_name = value.proto_name if value is not None else after.proto_name

    def option(option: str, old: str, new: str) -> None:
        changes.options.append(OptionChange(graphql_name=name, graphql_value=graphql_value, number=number, option=option, old=old, new=new))

    if after.deprecated and not before.deprecated:
        changes.deprecated.append(
            Deprecation(graphql_name=name, graphql_value=graphql_value, proto_name=proto_name, number=number, deprecation_reason=after.deprecation_reason)
        )
    elif before.deprecated and not after.deprecated:
        option("deprecated", "true", "false")
    elif before.deprecated and before.deprecation_reason != after.deprecation_reason:
        option("deprecation_reason", before.deprecation_reason, after.deprecation_reason)
    if before.description != after.description:
        changes.descriptions.append(
            DescriptionChange(graphql_name=name, graphql_value=graphql_value, number=number, old=before.description, new=after.description)
        )
    if isinstance(before, ContractEnum) and isinstance(after, ContractEnum) and before.example != after.example:
        option("example", before.example or "", after.example or "")


@dataclass
class _Changes:
    """The lists :func:`diff_contracts` fills while it walks the two contracts."""

    deprecated: list[Deprecation] = field(default_factory=list)
    descriptions: list[DescriptionChange] = field(default_factory=list)
    options: list[OptionChange] = field(default_factory=list)
