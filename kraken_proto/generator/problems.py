"""What ``check`` finds, as typed values: the CLI prints them, ``release`` waives one kind by its type."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Kind(enum.Enum):
    LINT = "buf lint fails"
    GENERATE_FAILS = "generate would fail"
    STALE = "generated files differ from what generate writes"
    UNFINISHED_SWAP = "an interrupted generate, update or release left its swap unfinished"
    NO_RELEASE = "there is no release baseline"
    BREAKING = "buf breaking against the release fails"
    RELEASED_ROW = "a released row of the golden table changed"
    UNDEPRECATED = "a released value is no longer deprecated"
    RELEASE_DISAGREES = "the golden table disagrees with the release image"
    RENAMED = "a released name consumers import by (Go module, npm package...) changed"
    WEAK_POLICY = "buf.yaml's lint or breaking policy is weaker than the documented one"


@dataclass(frozen=True)
class Problem:
    kind: Kind
    message: str
    """One line for the maintainer: what is wrong, where, and what to do."""

    def __str__(self) -> str:
        return self.message
