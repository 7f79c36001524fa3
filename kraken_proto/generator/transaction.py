"""Stage 5 of ``generate``: replacing outputs all-or-nothing: the lock, the journal and the swap (see docs/generate-safety.md).

:func:`swap_tree` puts a rendered tree (stage 4's record) in place; ``update`` and ``release`` build
their staging folders themselves and call :func:`swap_in`, the same swap.

The committed protos are the only memory of numbers, so losing ``proto/`` to a killed ``generate``
would renumber everything on the next run. Every command that writes the tree (``generate``,
``release``) therefore:

1. holds an exclusive lock (``fcntl.flock`` on the project root directory itself, so that no lock file
   appears) for its whole run; a second writer stops at once with one line; ``check`` takes the lock
   shared, so it never reads a tree in the middle of a swap;
2. finishes or undoes a swap an earlier run left half-done (its journal is still there), and removes
   the staging folders (``.generate-*``) that interrupted runs left;
3. builds every output in a staging folder ``.generate-XXXX/new`` under the root (same file system);
4. writes the journal ``.generate-journal.json`` atomically (temporary file, fsync, rename, fsync of
   the root): the staging folder and each output to swap, with the inode of its new and old version;
5. swaps output by output, each in one atomic ``renameat2(RENAME_EXCHANGE)`` of the staged new version
   and the current one (a plain rename for an output that did not exist), so that no output's path is
   ever missing; on an exception it exchanges the old ones back at once. From the journal's writing to
   its removal, Ctrl-C (SIGINT) only sets a flag, read between steps: an interrupt before the commit
   point rolls back, whichever instruction it lands on, and cannot break the rollback itself;
6. removes the journal (the commit point), then the staging folder (which now holds the old versions);
   a staging folder that cannot be removed is named, with what to do, and the run fails.

A process killed at any point leaves each output wholly old or wholly new, and a journal when a swap
was under way. The next writer reads it and tells by inode which version is in place: if every new
output is in place or still staged, it finishes the swap ("rolled forward"); otherwise it exchanges
the old outputs back ("rolled back"). Where ``renameat2`` is missing (not Linux), an exchange is three
renames, and a kill between them can leave one output missing until that next run restores it.

``KRAKEN_PROTO_FAULT_AT=N`` with ``KRAKEN_PROTO_FAULT=KILL|INT|TERM|raise`` makes the process kill
itself with that signal (or raise ``OSError``) at the N-th step of the swap: for the tests only, which
interrupt a real subprocess at every step.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import GenerateError
from .outputs import SWAPPABLE
from .rendered_tree import SCRATCH_PREFIX, RenderedTree

JOURNAL = Path(".generate-journal.json")
STAGING_PREFIX = SCRATCH_PREFIX
"""Staging folders and stage 4's scratch folders alike: what :func:`recover` removes after a killed run."""
FORMAT = 1

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
try:
    _renameat2: Any = ctypes.CDLL(None, use_errno=True).renameat2
    _renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    _renameat2.restype = ctypes.c_int
except (AttributeError, OSError):  # not Linux, or a C library without renameat2
    _renameat2 = None

_held: dict[Path, int] = {}
"""Roots this process holds the lock of (a release runs the checks under its own exclusive lock)."""


@contextlib.contextmanager
def locked(root: Path, command: str, shared: bool = False) -> Iterator[None]:
    """Hold the root's lock for ``command``; if another process holds it, stop with one line."""
    key = root.resolve()
    if key in _held:
        yield
        return
    try:
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise GenerateError(f"{root}: cannot open the project root: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            raise GenerateError(
                f"{root}: another kraken-proto generate, update or release is working on this tree; {command} did not start (run it again when that one has finished)"
            ) from None
        _held[key] = fd
        try:
            yield
        finally:
            del _held[key]
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def new_staging(root: Path) -> Path:
    """A fresh staging folder under the root (so that renames into place never cross file systems)."""
    return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))


def discard(root: Path, staging: Path) -> None:
    """Remove a staging folder, unless a journal still needs it (a swap was interrupted mid-way).

    A folder that cannot be removed (a file made immutable, a folder the user cannot write) is named
    rather than left behind in silence: every later run would trip over it.
    """
    journal = root / JOURNAL
    if journal.exists() and staging.name in journal.read_text(encoding="utf-8", errors="replace"):
        return
    _remove_staging(staging, "the staging folder of this run, which holds the old outputs it replaced (the new ones are in place)")


def _remove_staging(staging: Path, what: str) -> None:
    """``rm -rf staging``; the first entry that cannot be removed is named, by its full path, in a :class:`GenerateError`."""
    failures: list[tuple[str, BaseException]] = []

    def failed(_function: object, path: str, error: BaseException) -> None:
        if not isinstance(error, FileNotFoundError):
            failures.append((path, error))

    if sys.version_info >= (3, 12):
        shutil.rmtree(staging, onexc=failed)
    else:
        shutil.rmtree(staging, onerror=lambda function, path, info: failed(function, path, info[1]))
    if failures:
        path, error = failures[0]
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise GenerateError(
            f"{path}: cannot remove it ({reason}); it is inside {staging.name}, {what}: make it removable, then remove the folder (rm -rf {staging}) and run again"
        )


def recover(root: Path) -> list[str]:
    """Finish or undo a swap an interrupted run left, remove leftover staging folders; say what was done.

    Call with the exclusive lock held.
    """
    said: list[str] = []
    journal = root / JOURNAL
    if journal.exists():
        with _interrupts_deferred():  # a recovery half-done by Ctrl-C would leave a journal that no longer matches
            said.append(_replay(root, journal))
    leftovers = sorted(p for p in root.glob(f"{STAGING_PREFIX}*") if p.is_dir() and not p.is_symlink())
    for folder in leftovers:
        _remove_staging(folder, "a staging folder an earlier run left (the project needs nothing in it)")
    if leftovers:
        said.append(f"removed {len(leftovers)} staging folder(s) an interrupted run left: {', '.join(p.name for p in leftovers)}")
    return said


def pending(root: Path) -> str | None:
    """What ``check`` says when a swap was interrupted and not yet finished (the tree may be mixed)."""
    if (root / JOURNAL).exists():
        return f"{root / JOURNAL}: an interrupted generate, update or release left its swap unfinished; run kraken-proto generate (or release) to finish or undo it"
    return None


def swap_tree(tree: RenderedTree, *, root: Path, outputs: Sequence[Path]) -> None:
    """Stage 5: ``outputs`` of the rendered ``tree`` written to a staging folder, then swapped in all or nothing."""
    staging = new_staging(root)
    try:
        tree.write_into(staging / "new", outputs)
        swap_in(root, staging, outputs)
    finally:
        discard(root, staging)


def swap_in(root: Path, staging: Path, outputs: Sequence[Path]) -> None:
    """Replace each of ``outputs`` (relative to ``root``) with ``staging/new/<output>``, all or nothing.

    An output that exists is exchanged with its new version in one atomic ``renameat2(RENAME_EXCHANGE)``,
    so that its path never disappears; the old version is left at the staged path. The journal records
    each version's inode, which tells a later run which one is in place.
    """
    unknown = [output.as_posix() for output in outputs if output not in SWAPPABLE]
    if unknown:
        raise ValueError(f"not outputs of kraken-proto: {unknown}")  # a programming error: the journal would be refused
    entries: list[dict[str, Any]] = []
    for output in outputs:
        current, new = root / output, staging / "new" / output
        entries.append({"path": output.as_posix(), "new": _inode(new), "old": _inode(current) if _exists(current) else None})
    with _interrupts_deferred() as interrupted:
        try:
            _write_journal(root, {"format": FORMAT, "staging": staging.name, "outputs": entries})
            for entry in entries:
                if interrupted:
                    raise KeyboardInterrupt
                _swap(root / entry["path"], staging / "new" / entry["path"], entry["old"] is not None)
                _fault()
            if interrupted:
                raise KeyboardInterrupt
        except BaseException:
            _roll_back(root, staging, entries)
            _remove_journal(root)
            raise
        _remove_journal(root)
    _fault()
    discard(root, staging)


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[list[int]]:
    """While the journal exists, Ctrl-C is recorded (the list is non-empty) instead of raised mid-step.

    The caller reads the list between steps. Leaving the block re-raises a recorded interrupt; a process
    whose SIGINT is not Python's default handler (an embedding application's, or a thread other than the
    main one, which cannot set handlers) keeps its own behaviour.
    """
    caught: list[int] = []
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield caught
        return
    signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield caught
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if caught:
        raise KeyboardInterrupt


def _swap(current: Path, new: Path, exists: bool) -> None:
    if exists:
        _exchange(new, current)
    else:
        current.parent.mkdir(parents=True, exist_ok=True)
        os.replace(new, current)


def _exchange(a: Path, b: Path) -> None:
    """Swap two paths atomically (Linux ``renameat2(RENAME_EXCHANGE)``); elsewhere, three renames."""
    if _renameat2 is not None:
        if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            raise OSError(code, os.strerror(code), str(b))
    spare = a.with_name(a.name + ".swap")  # not atomic: a process killed here leaves b missing until the next run
    os.replace(b, spare)
    os.replace(a, b)
    os.replace(spare, a)


def _inode(path: Path) -> int:
    return os.lstat(path).st_ino


def _inode_or_none(path: Path) -> int | None:
    try:
        return _inode(path)
    except FileNotFoundError:
        return None


def _read_journal(root: Path, journal: Path) -> tuple[Path, list[dict[str, Any]]]:
    """The staging folder and the entries of a journal, every field checked before anything is touched.

    A journal is only ever written by :func:`swap_in`; one that names anything but an output of
    :data:`.outputs.SWAPPABLE`, a staging folder other than a ``.generate-*`` folder of the root, or
    anything but inodes, was not, and replaying it could move or delete files anywhere.
    """
    restore = " ".join(path.as_posix() for path in SWAPPABLE)

    def refuse(why: str) -> GenerateError:
        return GenerateError(
            f"{journal}: the journal of an interrupted run {why}; nothing was changed: restore the outputs with git "
            f"(git checkout -- {restore}), then delete the journal"
        )

    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise refuse(f"cannot be read ({exc})") from None
    if not isinstance(data, Mapping):
        raise refuse("is not a JSON object")
    if data.get("format") != FORMAT:
        raise refuse(f"has format {data.get('format')!r}, not {FORMAT}")
    name = data.get("staging")
    if not isinstance(name, str) or not name.startswith(STAGING_PREFIX) or Path(name).name != name or "/" in name or "\\" in name:
        raise refuse(f"names the staging folder {name!r}, which is not a {STAGING_PREFIX}* folder of the project root")
    staging = root / name
    if staging.is_symlink() or (staging.exists() and not staging.is_dir()):
        raise refuse(f"names the staging folder {name!r}, which is not a folder")
    entries = data.get("outputs")
    if not isinstance(entries, list):
        raise refuse("has no list of outputs")
    allowed = {path.as_posix() for path in SWAPPABLE}
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"outputs[{index}]"
        if not isinstance(entry, Mapping):
            raise refuse(f"has {where} that is not an object")
        for key in ("path", "new", "old"):
            if key not in entry:
                raise refuse(f"has {where} without {key!r}")
        path, new, old = entry["path"], entry["new"], entry["old"]
        if not isinstance(path, str) or path not in allowed:
            raise refuse(f"has {where} path {path!r}, which is not an output of kraken-proto ({', '.join(sorted(allowed))})")
        if path in seen:
            raise refuse(f"names the output {path!r} twice")
        seen.add(path)
        if not _is_inode(new) or not (old is None or _is_inode(old)):
            raise refuse(f"has {where} ({path}) with inodes {new!r} and {old!r}, not numbers")
    return staging, [dict(entry) for entry in entries]


def _is_inode(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _replay(root: Path, journal: Path) -> str:
    staging, entries = _read_journal(root, journal)
    names = ", ".join(entry["path"] for entry in entries)
    if all(_swapped(root, e) or _inode_or_none(staging / "new" / e["path"]) == e["new"] for e in entries):
        for entry in entries:
            if not _swapped(root, entry):
                _swap(root / entry["path"], staging / "new" / entry["path"], _exists(root / entry["path"]))
        _remove_journal(root)
        return f"an interrupted run's swap was rolled forward: {names} are the new ones it had built and checked"
    _roll_back(root, staging, entries)
    _remove_journal(root)
    return f"an interrupted run's swap was rolled back: {names} are the old ones again"


def _swapped(root: Path, entry: dict[str, Any]) -> bool:
    return bool(_inode_or_none(root / entry["path"]) == entry["new"])


def _roll_back(root: Path, staging: Path, entries: Sequence[dict[str, Any]]) -> None:
    """Put every old output back (exchanging it with the new one); remove new ones that had no old one."""
    for entry in entries:
        current, staged = root / entry["path"], staging / "new" / entry["path"]
        if not _swapped(root, entry):
            continue
        if entry["old"] is not None and _inode_or_none(staged) == entry["old"]:
            _exchange(staged, current)
        elif entry["old"] is None:
            _remove(current)


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def _write_journal(root: Path, data: dict[str, object]) -> None:
    tmp = root / f"{JOURNAL}.tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=1)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, root / JOURNAL)
    _fault()  # step 1: the journal is in place, nothing swapped yet
    _fsync_dir(root)


def _remove_journal(root: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (root / JOURNAL).unlink()
    _fsync_dir(root)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_steps = 0


def _fault() -> None:
    """Test-only fault injection (see the module docstring); nothing happens unless the variables are set."""
    global _steps  # noqa: PLW0603 (test-only fault injection counts the steps of one process)
    at = os.environ.get("KRAKEN_PROTO_FAULT_AT")
    if not at:
        return
    _steps += 1
    if _steps != int(at):
        return
    action = os.environ.get("KRAKEN_PROTO_FAULT", "KILL")
    if action == "raise":
        raise OSError(errno.EIO, f"injected fault at step {at} of the swap")
    os.kill(os.getpid(), getattr(signal, f"SIG{action}"))
