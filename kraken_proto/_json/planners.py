"""What a well-known type's rule may ask of the planners: the plan of another message type, or of one value.

The rules (:mod:`.wkt` and its modules) are handed the planner that calls them (:class:`.messages.Writer` or
:class:`.messages.Reader`) and know it only through these protocols, so the planners can use the rules
without the rules importing the planners back (issue 23: no import circles).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from google.protobuf.descriptor import Descriptor, FieldDescriptor

#: A message written as its JSON value.
Write = Callable[[Any], Any]
#: ``read(js, message, budget)``: a JSON value merged into a message, with the depth budget left.
Read = Callable[[Any, Any, Any], None]


class WritePlanner(Protocol):
    """What :class:`.messages.Writer` offers a rule."""

    def message(self, descriptor: Descriptor) -> Write:
        """How a message of this type is written (planned once)."""
        ...

    def value(self, field: FieldDescriptor) -> Callable[[Any], Any] | None:
        """How one value of ``field`` is written; None where it already is its JSON value."""
        ...


class ReadPlanner(Protocol):
    """What :class:`.messages.Reader` offers a rule."""

    def message(self, descriptor: Descriptor) -> Read:
        """How a JSON value becomes a message of this type (planned once)."""
        ...

    def value(self, field: FieldDescriptor) -> Callable[[Any], Any]:
        """How one JSON value of ``field`` is read."""
        ...
