"""The one error type of ``package``: a problem the maintainer fixes, said in one line."""

from __future__ import annotations

from ..generator.errors import GenerateError


class PackageError(GenerateError):
    """Why no artifacts were built (the tree, the identity, a tool); nothing was written to the output.

    A :class:`GenerateError`, so the CLI prints it as the one ``kraken-proto: error:`` line it prints for
    ``generate`` and ``check``.
    """
