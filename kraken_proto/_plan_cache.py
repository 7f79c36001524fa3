"""Plans built once, shared by every thread, and never seen half-built.

Why not a plain dict: a plan must be registered before it is filled, so that a recursive message type
finds its own plan; but a gRPC server converts messages from many threads, and another thread must not
pick up a plan that is still being filled (a parser would then call a planned field unknown). So plans
in progress live apart, visible only to the planning thread (under a re-entrant lock), and are published
together when the outermost planning call finishes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class PlanCache(Generic[K, V]):
    def __init__(self) -> None:
        self._done: dict[K, V] = {}
        self._building: dict[K, V] = {}
        self._lock = threading.RLock()
        self._depth = 0

    def get(self, key: K, make: Callable[[K, Callable[[V], None]], V]) -> V:
        """The plan for ``key``; else ``make(key, register)``, which calls ``register`` before filling."""
        value = self._done.get(key)
        if value is not None:
            return value
        with self._lock:
            value = self._done.get(key)
            if value is None:
                value = self._building.get(key)
            if value is not None:
                return value
            self._depth += 1
            try:
                value = make(key, lambda early: self._building.__setitem__(key, early))
                self._building[key] = value
            finally:
                self._depth -= 1
                if self._depth == 0:
                    if value is not None:
                        self._done.update(self._building)
                    self._building.clear()
            return value

    def __contains__(self, key: object) -> bool:
        return key in self._done
