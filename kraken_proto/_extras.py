"""Optional integrations (pyarrow, polars, pyspark) are extras: imported only where used, named when missing.

``import kraken_proto`` must cost the same with or without them, so the modules that use one import it
through :func:`require` inside the function that needs it. A missing one is a :class:`MissingExtraError`
whose one line names the extra that brings it, which the CLI prints as it is.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["MissingExtraError", "require"]


class MissingExtraError(ImportError):
    """An optional dependency is not installed: the message names the ``kraken-proto[extra]`` that brings it."""

    def __init__(self, *, module: str, extra: str, feature: str) -> None:
        self.extra = extra
        super().__init__(f"{feature} needs {module}, which is not installed: install the kraken-proto[{extra}] extra", name=module)

    def __str__(self) -> str:
        return str(self.args[0])


def require(module: str, *, extra: str, feature: str) -> ModuleType:
    """Import ``module`` (e.g. ``"pyarrow.compute"``), or raise :class:`MissingExtraError` naming ``extra``.

    Only the top-level package being absent counts as missing; an install that is present but broken
    raises its own ImportError, which names the real problem better than an install hint would.
    """
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        top = module.partition(".")[0]
        if exc.name is not None and exc.name.partition(".")[0] == top:
            raise MissingExtraError(module=top, extra=extra, feature=feature) from None
        raise
