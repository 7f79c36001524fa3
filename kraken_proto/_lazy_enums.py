"""The lazy attribute lookup of the generated ``kraken_proto.enums`` (PEP 562), written once by hand.

The generated module holds only its table (``_MODULES``: each enum's ``*_pb2`` module and proto name, by
GraphQL name) and the names it exports; the functions that import a class on first use live here, so
that the generated module defines no public name of its own. An enum may be called anything GraphQL
allows (``Any``, ``MODULES``, ``import_module``, ``str``): every one of them must be the enum there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping, Sequence
from importlib import import_module
from typing import Any


def module_getattr(namespace: MutableMapping[str, Any], modules: Mapping[str, tuple[str, str]], aliases: Mapping[str, str]) -> Callable[[str], Any]:
    """The module's ``__getattr__``: import the class of an exported name, keep it in ``namespace``, return it."""
    module_name = namespace["__name__"]

    def __getattr__(name: str) -> Any:  # noqa: N807 (a module's __getattr__, PEP 562)
        graphql_name = name if name in modules else aliases.get(name)
        if graphql_name is None:
            raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
        module, proto_name = modules[graphql_name]
        value = namespace[name] = getattr(import_module(module), proto_name)
        return value

    return __getattr__


def module_dir(namespace: Mapping[str, Any], exported: Sequence[str]) -> Callable[[], list[str]]:
    """The module's ``__dir__``: its own names and every exported enum, loaded or not."""

    def __dir__() -> list[str]:  # noqa: N807 (a module's __dir__, PEP 562)
        return sorted(set(namespace) | set(exported))

    return __dir__


def load(modules: Mapping[str, tuple[str, str]], graphql_name: str) -> Any:
    """The generated class of ``graphql_name``, imported from its ``*_pb2`` module (for the registry)."""
    module, proto_name = modules[graphql_name]
    return getattr(import_module(module), proto_name)
