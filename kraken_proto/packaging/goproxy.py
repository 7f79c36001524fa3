"""The Go artifact: the module ``go/`` in GOPROXY layout, so ``GOPROXY=file://…/goproxy`` serves it.

The layout is the module proxy protocol's (``go help goproxy``): ``<escaped module path>/@v/list``,
``vX.Y.Z.info`` (JSON ``Version`` and ``Time``), ``vX.Y.Z.mod`` (the go.mod) and ``vX.Y.Z.zip``. The zip
follows golang.org/x/mod/zip, which the go command enforces when it reads one: every file under the
``module@version/`` prefix; only the module's own files (no nested module, i.e. no directory with its own
go.mod; no file of a vendored package; no .git, .hg, .svn, .bzr; no symlink or other irregular file);
valid file paths; no two paths equal under case folding; the size limits. File modes are not recorded (the
go command ignores them); entries are sorted and stamped with the release time, so the zip is
reproducible. In a repository, the module in ``go/`` is released by the tag ``go/vX.Y.Z``.
"""

from __future__ import annotations

import json
import os
import re
import time
import zipfile
from pathlib import Path

from ..generator.identity import Identity
from .errors import PackageError

MODULE_DIR = "go"
"""The module's directory in the repository, and so the prefix of its version tags."""
MAX_ZIP = 500 << 20
"""x/mod/zip's MaxZipFile: the files' total uncompressed size."""
MAX_GO_MOD = 16 << 20
MAX_LICENSE = 16 << 20
SKIPPED_DIRS = {".bzr", ".git", ".hg", ".svn"}
_WINDOWS_RESERVED = re.compile(r"(?i)^(con|prn|aux|nul|com[1-9]|lpt[1-9])$")
_NAME_OK = re.compile(r"^[A-Za-z0-9!#$%&()+,\-.=@\[\]^_{}~ ]+$")
"""module.CheckFilePath's characters (ASCII letters, digits and these marks; x/mod also admits non-ASCII letters)."""


def escape_path(path: str) -> str:
    """module.EscapePath: each upper-case letter becomes ``!`` and its lower case (proxies serve case-folding file systems)."""
    return re.sub(r"[A-Z]", lambda m: "!" + m.group(0).lower(), path)


def module_path(module_dir: Path) -> str:
    text = (module_dir / "go.mod").read_text(encoding="utf-8")
    found = re.search(r"^module\s+(\S+)\s*$", text, re.MULTILINE)
    if found is None:
        raise PackageError(f"{module_dir / 'go.mod'}: no module line")
    return found.group(1).strip('"')


def check_module(root: Path, identity: Identity) -> None:
    found = module_path(root / MODULE_DIR)
    if found != identity.go_module:
        raise PackageError(
            f"{root / MODULE_DIR / 'go.mod'}: module {found} but [tool.kraken-proto] go-module is {identity.go_module}: run kraken-proto generate and commit"
        )


def _vendored(name: str) -> bool:
    """x/mod/zip's isVendoredPackage: a file below a vendor/ directory's subdirectory (vendor/modules.txt stays)."""
    if name.startswith("vendor/"):
        rest = name[len("vendor/") :]
    elif "/vendor/" in name:
        rest = name[name.index("/vendor/") + len("/vendor/") :]
    else:
        return False
    return "/" in rest


def _check_file_path(name: str) -> str | None:
    for element in name.split("/"):
        if element in ("", ".", "..") or not _NAME_OK.fullmatch(element):
            return f"{name!r} is not a valid module file path (element {element!r})"
        if _WINDOWS_RESERVED.fullmatch(element.split(".")[0]) or element.endswith("."):
            return f"{name!r} is not a valid module file path ({element!r} is reserved on Windows)"
    return None


def module_files(module_dir: Path) -> dict[str, Path]:
    """The files x/mod/zip puts in the module's zip, by their path inside the module (sorted)."""
    files: dict[str, Path] = {}
    for top, subdirs, names in os.walk(module_dir):
        directory = Path(top)
        relative = directory.relative_to(module_dir)
        keep = []
        for sub in sorted(subdirs):
            if sub in SKIPPED_DIRS or (directory / sub / "go.mod").is_file():
                continue  # a version-control directory, or a nested module (its own zip)
            keep.append(sub)
        subdirs[:] = keep
        for name in sorted(names):
            path = directory / name
            inside = (relative / name).as_posix()
            if path.is_symlink() or not path.is_file() or _vendored(inside):
                continue
            files[inside] = path
    return dict(sorted(files.items()))


def check_files(files: dict[str, Path]) -> None:
    """x/mod/zip's refusals: invalid paths, case-fold collisions, the size limits."""
    folded: dict[str, str] = {}
    total = 0
    for name, path in files.items():
        problem = _check_file_path(name)
        if problem:
            raise PackageError(f"go module: {problem}: rename it")
        other = folded.setdefault(name.casefold(), name)
        if other != name:
            raise PackageError(f"go module: {other!r} and {name!r} differ only in case (a case-insensitive file system cannot hold both): rename one")
        size = path.stat().st_size
        total += size
        limit = {"go.mod": MAX_GO_MOD, "LICENSE": MAX_LICENSE}.get(name)
        if limit is not None and size > limit:
            raise PackageError(f"go module: {name} is {size} bytes, over the go command's limit of {limit}")
    if total > MAX_ZIP:
        raise PackageError(f"go module: its files total {total} bytes, over the go command's limit of {MAX_ZIP}")


def _zip(target: Path, prefix: str, files: dict[str, Path], epoch: int) -> None:
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # a zip cannot date a file before 1980
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, path in files.items():
            info = zipfile.ZipInfo(f"{prefix}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())


def build_goproxy(*, stage: Path, out: Path, version: str, epoch: int) -> tuple[list[Path], str]:
    """The module of ``stage/go`` at ``v<version>`` under ``out`` (the proxy's root); the files and the tag to push."""
    module_dir = stage / MODULE_DIR
    path = module_path(module_dir)
    tag_version = f"v{version}"
    files = module_files(module_dir)
    check_files(files)
    at_v = out / escape_path(path) / "@v"
    at_v.mkdir(parents=True)
    written = [at_v / "list", at_v / f"{tag_version}.info", at_v / f"{tag_version}.mod", at_v / f"{tag_version}.zip"]
    written[0].write_text(f"{tag_version}\n", encoding="utf-8")
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))
    written[1].write_text(json.dumps({"Version": tag_version, "Time": stamp}) + "\n", encoding="utf-8")
    written[2].write_bytes((module_dir / "go.mod").read_bytes())
    _zip(written[3], f"{path}@{tag_version}", files, epoch)
    return written, f"{MODULE_DIR}/{tag_version}"
