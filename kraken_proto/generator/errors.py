"""Errors that end a ``generate`` or ``check`` run with one clear line instead of a traceback."""

from __future__ import annotations

from pathlib import Path


class GenerateError(Exception):
    """A problem the maintainer has to fix; the message says what and where, and what to do."""


class SourceError(GenerateError):
    """An upstream document (or the corrections file) does not say what we expect it to say."""

    def __init__(self, path: Path | str, line: int | None, problem: str, hint: str = "", column: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.column = column
        """Set where the position comes from a parser that reports columns (graphql-core, json)."""
        self.problem = problem
        self.hint = hint
        where = f"{self.path}:{line}" if line is not None else self.path
        if line is not None and column is not None:
            where += f":{column}"
        message = f"{where}: {problem}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class ToolError(GenerateError):
    """An external tool (buf, protoc, a plugin) refused the staged tree."""
