"""Plans built once, kept on the message class they describe, shared by every thread, never seen half-built.

Why on the class: a plan holds descriptors, and upb descriptors and pools take no weak references, so a
global cache keyed by descriptor would keep every pool a reflection client ever made alive (issue 10.4).
A message class is a plain Python object that lives exactly as long as its descriptor's pool is in use,
and protobuf keeps one class per descriptor; a plan stored in the class's ``__dict__`` is collected with
it. The option sets are few (four booleans for writing, one for parsing); the descriptor pool and the
recursion limit are per call and never part of a plan.

Why the publication dance: a plan must be registered before it is filled, so that a recursive message type
finds its own plan; but a gRPC server converts messages from many threads, and another thread must not
pick up a plan that is still being filled. So plans in progress live apart, visible only to the planning
thread (under a re-entrant lock), and are published together when the outermost planning call finishes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from google.protobuf import message_factory
from google.protobuf.descriptor import Descriptor

V = TypeVar("V")

#: The attribute of a message class that holds its plans: {option key: plan}.
ATTR = "_kraken_proto_json_plans"

_lock = threading.RLock()
_building: dict[tuple[type, Hashable], Any] = {}
_nesting = 0


def message_class(descriptor: Descriptor) -> type:
    """Protobuf's one class for ``descriptor`` (built on first use, as protobuf itself does)."""
    cls: type = message_factory.GetMessageClass(descriptor)
    return cls


def published(cls: type, key: Hashable) -> Any:
    """The finished plan of ``cls`` for ``key``, or None."""
    store = cls.__dict__.get(ATTR)
    return None if store is None else store.get(key)


class PlanCache(Generic[V]):
    """The plans of one option set, one per message type."""

    def __init__(self, key: Hashable) -> None:
        self.key = key

    def get(self, descriptor: Descriptor, make: Callable[[Descriptor, Callable[[V], None]], V]) -> V:
        """The plan for ``descriptor``; else ``make(descriptor, register)``, which registers before filling."""
        global _nesting  # noqa: PLW0603 (one counter per process, as protobuf's own recursion guard)
        cls = message_class(descriptor)
        key = self.key
        plan: V | None = published(cls, key)
        if plan is not None:
            return plan
        with _lock:
            plan = published(cls, key)
            if plan is None:
                plan = _building.get((cls, key))
            if plan is not None:
                return plan
            _nesting += 1
            complete = False
            try:
                plan = make(descriptor, lambda early: _building.__setitem__((cls, key), early))
                _building[(cls, key)] = plan
                complete = True
            finally:
                _nesting -= 1
                if _nesting == 0:
                    if complete:
                        _publish()
                    _building.clear()
            return plan


def _publish() -> None:
    for (cls, key), plan in _building.items():
        store = cls.__dict__.get(ATTR)
        if store is None:
            store = {}
            setattr(cls, ATTR, store)
        store[key] = plan
