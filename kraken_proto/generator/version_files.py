"""The package's version, in every file that carries one, and the next version a diff implies.

The version lives in ``pyproject.toml`` (``[project].version``, which the wheel, the sdist and the Java
POM take), ``package.json`` (``version``) and ``package-lock.json`` (its own ``version`` and that of
its root package, ``packages[""].version``). The Go module has no version in a file: its version is the
``go/vX.Y.Z`` tag. Only ``kraken-proto release`` moves them, all together.

Each file is edited as text, one line, so that everything else in it stays byte for byte (an inline
array in ``package.json``, the comments of ``pyproject.toml``); the edited text is parsed again and must
equal the old data with only the version changed, or the release stops with one line.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .contract_diff import Bump
from .errors import GenerateError

PYPROJECT = Path("pyproject.toml")
PACKAGE_JSON = Path("package.json")
PACKAGE_LOCK = Path("package-lock.json")
VERSION_FILES = (PYPROJECT, PACKAGE_JSON, PACKAGE_LOCK)

_VERSION = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")


def parse_version(text: str, where: str) -> tuple[int, int, int]:
    """``X.Y.Z`` (semantic versioning, no pre-release or build part) as three numbers."""
    match = _VERSION.fullmatch(text)
    if match is None:
        raise GenerateError(f"{where}: version {text!r} is not MAJOR.MINOR.PATCH (e.g. 0.1.0); versions are written by kraken-proto release")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def next_version(version: str, bump: Bump, where: str = "version") -> str:
    """The version after ``version`` for a change of ``bump`` (``NONE`` keeps it)."""
    major, minor, patch = parse_version(version, where)
    if bump is Bump.MINOR:
        return f"{major}.{minor + 1}.0"
    if bump is Bump.PATCH:
        return f"{major}.{minor}.{patch + 1}"
    return version


def go_tag(version: str) -> str:
    """The tag that versions the Go module in the repository's ``go/`` folder."""
    return f"go/v{version}"


def read_versions(root: Path) -> dict[str, str]:
    """Every place a version is written, as ``file: field`` -> version (a missing file is one line)."""
    pyproject = _load(root, PYPROJECT, tomllib.loads)
    package = _load(root, PACKAGE_JSON, json.loads)
    lock = _load(root, PACKAGE_LOCK, json.loads)
    found = {
        f"{PYPROJECT} [project].version": pyproject.get("project", {}).get("version"),
        f"{PACKAGE_JSON} version": package.get("version"),
        f"{PACKAGE_LOCK} version": lock.get("version"),
        f'{PACKAGE_LOCK} packages[""].version': lock.get("packages", {}).get("", {}).get("version"),
    }
    for where, version in found.items():
        if not isinstance(version, str):
            raise GenerateError(f"{root / where.split(' ')[0]}: no {where.split(' ', 1)[1]}; restore the file from git")
    return {where: str(version) for where, version in found.items()}


def write_versions(root: Path, target: Path, version: str) -> None:
    """Write each version file of ``root`` into ``target`` (a staging tree) with ``version`` set."""
    _rewrite(root, target, PYPROJECT, version, _set_pyproject)
    _rewrite(root, target, PACKAGE_JSON, version, lambda text, v: _set_json(text, v, lock=False))
    _rewrite(root, target, PACKAGE_LOCK, version, lambda text, v: _set_json(text, v, lock=True))


def _load(root: Path, name: Path, parse: Callable[[str], Any]) -> dict[str, Any]:
    path = root / name
    try:
        data = parse(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GenerateError(f"{path}: cannot read it ({exc.strerror}); a release writes the version there") from None
    except ValueError as exc:  # json.JSONDecodeError and tomllib.TOMLDecodeError are ValueErrors
        raise GenerateError(f"{path}: not valid ({exc}); fix the file, then run the release again") from None
    if not isinstance(data, dict):
        raise GenerateError(f"{path}: not an object; restore the file from git")
    return data


def _rewrite(root: Path, target: Path, name: Path, version: str, edit: Callable[[str, str], str]) -> None:
    text = (root / name).read_text(encoding="utf-8")
    new = edit(text, version)
    (target / name).parent.mkdir(parents=True, exist_ok=True)
    (target / name).write_text(new, encoding="utf-8")


def _set_pyproject(text: str, version: str) -> str:
    """Replace the one ``version = "..."`` line of the ``[project]`` table; check by parsing again."""
    lines = text.splitlines(keepends=True)
    table = ""
    hits = []
    for index, line in enumerate(lines):
        header = re.match(r"\s*\[([^\[\]]+)\]\s*(#.*)?$", line)
        if header:
            table = header.group(1).strip()
        elif table == "project" and re.match(r'version\s*=\s*"[^"]*"\s*(#.*)?$', line):
            hits.append(index)
    if len(hits) != 1:
        raise GenerateError(f'{PYPROJECT}: expected one line version = "X.Y.Z" in [project] (found {len(hits)}); restore it, then release again')
    lines[hits[0]] = re.sub(r'"[^"]*"', f'"{version}"', lines[hits[0]], count=1)
    new = "".join(lines)
    before, after = tomllib.loads(text), tomllib.loads(new)
    before["project"]["version"] = version
    if before != after:
        raise GenerateError(f"{PYPROJECT}: setting [project].version changed more than the version; set it by hand to {version}")
    return new


def _set_json(text: str, version: str, *, lock: bool) -> str:
    """Replace the top-level ``"version"`` line (and, in the lock, that of ``packages[""]``); check by parsing."""
    name = PACKAGE_LOCK if lock else PACKAGE_JSON
    new = re.sub(r'(?m)^(  "version": )"[^"]*"', rf'\g<1>"{version}"', text, count=1)
    if lock:
        new = re.sub(r'(?ms)^(  "packages": \{\n    "": \{\n(?:      [^\n]*\n)*?      "version": )"[^"]*"', rf'\g<1>"{version}"', new, count=1)
    expected = json.loads(text)
    expected["version"] = version
    if lock:
        expected["packages"][""]["version"] = version
    if json.loads(new) != expected:
        raise GenerateError(f"{name}: cannot set the version in its own lines (is it formatted by npm?); run npm version {version} --no-git-tag-version")
    return new
