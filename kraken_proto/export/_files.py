"""Writing what the CLI exports: deterministic JSON text, and the one rule for every ``-o PATH``.

The rule (:func:`write_output`), for every command's ``-o`` (export-descriptors, export-jsonschema,
export-avro, export-sdl, and any later one):

- a regular file, or a path that does not exist yet, is replaced atomically (temporary file in the same
  folder, then rename): a reader sees the old or the new file, never half of one; a file that already
  holds the bytes is not touched, so its modification time stays (build tools that watch it do not rebuild);
- a symbolic link is followed: the file it points to is replaced as above, and the link stays a link;
- anything else that can be written (a FIFO, ``/dev/stdout``, ``/dev/null``, a process substitution
  ``>(gzip > x.gz)``, a terminal) is written through, in place: renaming over it would replace the
  device or pipe with a regular file (as root, ``-o /dev/full`` once replaced the device);
- a folder, or a link to nothing, is refused with :class:`OutputError` (nothing is written).

Standard output (``-o -``, or no ``-o``) goes through :func:`write_stdout`, whose errors name it.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

STDOUT = "standard output"
"""How an error names standard output (an ``OSError`` from a write to it has no file name)."""


class OutputError(OSError):
    """An ``-o`` target that no rule can write (a folder, a dangling link); ``filename`` names it."""


def to_json(document: Any) -> str:
    """Two-space indented JSON in the document's own key order, UTF-8 as is, ending with a newline.

    The renderers build their dicts in a fixed order from the contract's sorted facts, so the same contract
    always gives the same bytes.
    """
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_output(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` by the module's rule; whether the bytes there changed (always, written through)."""
    try:
        status = os.stat(path)  # through links, /dev/fd/N's magic ones included (a process substitution's pipe)
    except FileNotFoundError:
        if path.is_symlink():
            raise OutputError(0, "a symbolic link to nothing; point it at a file, or remove it", str(path)) from None
        return _replace(path, data, 0o644)
    if stat.S_ISDIR(status.st_mode):
        raise OutputError(0, "a folder, not a file; name a file inside it", str(path))
    if stat.S_ISREG(status.st_mode):
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        if status.st_size == len(data) and target.read_bytes() == data:
            return False
        return _replace(target, data, status.st_mode & 0o777)
    with open(path, "wb") as stream:  # a FIFO, a device, a terminal: write through, never replace
        stream.write(data)
    return True


def write_text(path: Path, text: str) -> bool:
    """:func:`write_output` of ``text`` as UTF-8."""
    return write_output(path, text.encode("utf-8"))


def write_files(directory: Path, files: Mapping[str, str]) -> int:
    """Write every ``name -> text`` into ``directory`` (created if missing); the number of files changed."""
    directory.mkdir(parents=True, exist_ok=True)
    return sum(write_text(directory / name, text) for name, text in files.items())


def write_stdout(data: bytes) -> None:
    """Write ``data`` to standard output now (flushed); an ``OSError`` names :data:`STDOUT`."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise  # the reader left (`| head`): the CLI ends quietly
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, STDOUT) from None


def _replace(path: Path, data: bytes, mode: int) -> bool:
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True
