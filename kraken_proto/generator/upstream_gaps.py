"""What a source does not say, and what the contract does about it.

Sources differ in what they carry. The text reference documents an example per enum; a GraphQL schema
has no such thing. The text reference lists every enum; a schema handed over by one team may cover only
the enums it uses. Silence must not be read as removal, so these rules say how it is read instead.
"""

from __future__ import annotations

from dataclasses import replace

from .model import Contract, UpstreamDocument

SHOWN = 12
"""How many enum names a note lists before it says "and N more"."""


def keep_committed_examples(upstream: UpstreamDocument, committed: Contract) -> UpstreamDocument:
    """An enum whose source gives no example keeps the committed one, while that is still one of its values.

    A GraphQL schema has no notion of a documented example, so reading one must not erase the examples
    the text reference gave (which live in the descriptors as ``graphql_example``).
    """
    before = committed.by_name()
    enums = []
    for enum in upstream.enums:
        old = before.get(enum.graphql_name)
        if enum.example is None and old is not None and old.example is not None and any(v.graphql_value == old.example for v in enum.values):
            enums.append(replace(enum, example=old.example))
        else:
            enums.append(enum)
    return replace(upstream, enums=tuple(enums))


def absent_enums_note(upstream: UpstreamDocument, contract: Contract, partial: bool) -> tuple[str, ...]:
    """A warning naming the contract's enums that a complete source lacks, which are now deprecated.

    Deprecating them is the evolution rule for a complete source; this note makes sure that a schema
    covering only some enums, passed without ``--partial``, cannot deprecate the rest unnoticed.
    """
    if partial:
        return ()
    listed = {enum.graphql_name for enum in upstream.enums}
    absent = [enum.graphql_name for enum in contract.enums if enum.graphql_name not in listed]
    if not absent:
        return ()
    shown = ", ".join(absent[:SHOWN]) + (f" and {len(absent) - SHOWN} more" if len(absent) > SHOWN else "")
    return (
        (
            f"{upstream.path} does not list {len(absent)} of the contract's {len(contract.enums)} enums, which are kept "
            f"as deprecated: {shown} (if the source covers only some enums, run again with --partial)"
        ),
    )
