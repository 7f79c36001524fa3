"""The files outside the contract that carry the publisher's names, each rewritten by ``generate`` from the identity.

The names themselves live in one table (:mod:`.identity`). Every other place that spells one is an output
of ``generate`` (:data:`.outputs.TABLE`), so ``check`` reports a place that disagrees with the table as a
stale file ("run kraken-proto generate"), and changing the table and running ``generate`` moves them all:

- ``generated/buf.gen.go.yaml`` and ``generated/buf.gen.java.yaml``, written whole (a generated folder of their
  own); buf's managed mode takes the Go import path prefix and the Java package prefix from here, never from
  the ``.proto`` sources;
- edited in place, in hand-written files: ``go/go.mod``'s ``module`` line, and the import paths of the module's
  own packages in the hand-written Go code under ``go/krakenproto`` (Go has no other way to name them);
  ``package.json``'s and ``package-lock.json``'s ``name``; ``pyproject.toml``'s ``[project].name``; and the
  repository's address, where it is spelled: ``[project.urls]`` (each value under the ``Source`` address, the
  repository itself, moved under ``repository-url``) and ``package.json``'s ``repository``.

The rewrites touch only the name: everything else in those files (versions, dependencies, comments) is
kept byte for byte, so the release and the maintainers who edit them by hand never fight ``generate``.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from .._proto_package import PACKAGE, PACKAGE_PATH
from .errors import GenerateError
from .identity import Identity

TEMPLATES = Path("generated")
"""The buf templates' folder: generated whole, so it lives apart from the hand-written ``buf.gen.yaml``."""
GO_TEMPLATE = TEMPLATES / "buf.gen.go.yaml"
JAVA_TEMPLATE = TEMPLATES / "buf.gen.java.yaml"
GO_MOD = Path("go/go.mod")
GO_HELPER = Path("go/krakenproto")
"""The hand-written helper package of the Go module (its tests and example import the generated package)."""
PACKAGE_JSON = Path("package.json")
PACKAGE_LOCK = Path("package-lock.json")
PYPROJECT = Path("pyproject.toml")

SEEDS: tuple[Path, ...] = (PYPROJECT, PACKAGE_JSON, PACKAGE_LOCK, GO_MOD, GO_HELPER)
"""Copied from the project into the staging tree, where the renderers below rewrite their names."""
PLACES: tuple[Path, ...] = (*SEEDS, TEMPLATES)
"""Every output that only the publisher's names decide: an upstream change never touches them."""

_HEADER = """\
# Written by `kraken-proto generate` from [tool.kraken-proto] in pyproject.toml (the publisher's names,
# kraken_proto/generator/publisher.py): change the names there and run generate, never here.
"""

_MANAGED = """\
version: v2
managed:
  enabled: true
  override:
    - file_option: go_package_prefix
      value: {go_module}
    - file_option: java_package_prefix
      value: {java_package_prefix}
"""


def render_go_template(identity: Identity) -> str:
    return (
        _HEADER
        + f"""\
# Go code for the {PACKAGE} module, run by `kraken-proto generate` after buf.gen.yaml, into the Go
# module under go/ (committed: a Go module is consumed from its repository). Debian's protoc-gen-go
# (v1.28.1, checked by generate) from PATH. Language options come from buf's managed mode, never from the
# .proto sources: managed mode lives in its own template because in buf.gen.yaml it would also change
# the descriptors embedded in the Python modules. The managed section is the same in buf.gen.java.yaml,
# so the Go and Java descriptors carry the same file options.
"""
        + _MANAGED.format(go_module=identity.go_module, java_package_prefix=identity.java_package_prefix)
        + f"""\
plugins:
  - local: protoc-gen-go
    out: go
    opt:
      - module={identity.go_module}
"""
    )


def render_java_template(identity: Identity) -> str:
    package = f"{identity.java_package_prefix}.{PACKAGE}"
    return (
        _HEADER
        + f"""\
# Java code for the {PACKAGE} module: not committed; tests/test_java.py generates it, compiles it
# against Debian's protobuf-java and packs a jar, and a Java consumer does the same (docs/languages.md):
#   buf generate --template buf.gen.java.yaml      # -> build/java
# protoc's built-in Java generator, from PATH (Debian's protoc 3.21.12 here). Language options come from
# buf's managed mode, never from the .proto sources; the managed section is the same as
# buf.gen.go.yaml's, so the Go and Java descriptors carry the same file options: java_multiple_files
# (one file per enum), java_package {package}, and outer classes named
# <File>Proto (ApiBrownoutStatusProto), which cannot clash in case with an enum (APIBrownoutStatus).
"""
        + _MANAGED.format(go_module=identity.go_module, java_package_prefix=identity.java_package_prefix)
        + """\
plugins:
  - protoc_builtin: java
    protoc_path: protoc
    out: build/java
"""
    )


_GO_MODULE_LINE = re.compile(r"^module\s+\S+[ \t]*$", re.MULTILINE)
_GO_OWN_IMPORT = re.compile(rf'^(\s*(?:import\s+)?(?:[A-Za-z_.]\w*\s+)?)"[^"\s]+/({re.escape(PACKAGE_PATH)}|krakenproto)"', re.MULTILINE)
"""An import of the module's own generated package or helper, under whatever module path it had before."""


def rewrite_go_mod(text: str, identity: Identity, path: Path) -> str:
    new, count = _GO_MODULE_LINE.subn(f"module {identity.go_module}", text, count=1)
    if count != 1:
        raise GenerateError(f"{path}: no `module` line to write the Go module path into (restore it: module {identity.go_module})")
    return new


def rewrite_go_imports(text: str, identity: Identity) -> str:
    """Point the imports of the module's own packages at ``identity.go_module``; other imports stay."""
    return _GO_OWN_IMPORT.sub(lambda m: f'{m.group(1)}"{identity.go_module}/{m.group(2)}"', text)


_JSON_NAME = re.compile(r'^(  "name": )"[^"\n]*"', re.MULTILINE)
_LOCK_ROOT_NAME = re.compile(r'^(    "": \{\n      "name": )"[^"\n]*"', re.MULTILINE)


_JSON_REPOSITORY_URL = re.compile(r'^(  "repository": \{\n(?:    .*\n)*?    "url": )"[^"\n]*"', re.MULTILINE)


def rewrite_package_json(text: str, identity: Identity, path: Path) -> str:
    text = _replace_once(_JSON_NAME, text, identity.npm_package, path)
    new, count = _JSON_REPOSITORY_URL.subn(lambda m: m.group(1) + json.dumps(f"git+{identity.repository_url}.git"), text, count=1)
    if count != 1:
        raise GenerateError(f'{path}: no "repository": {{"type": "git", "url": ...}} to write repository-url into (add one, formatted as npm does)')
    return _checked_json(new, identity.npm_package, path, lock=False)


def rewrite_package_lock(text: str, identity: Identity, path: Path) -> str:
    text = _replace_once(_JSON_NAME, text, identity.npm_package, path)
    return _checked_json(_replace_once(_LOCK_ROOT_NAME, text, identity.npm_package, path), identity.npm_package, path, lock=True)


def _replace_once(pattern: re.Pattern[str], text: str, name: str, path: Path) -> str:
    new, count = pattern.subn(lambda m: m.group(1) + json.dumps(name), text, count=1)
    if count != 1:
        raise GenerateError(f'{path}: no top-level "name" to write the npm package name into (format it as npm does: npm install --package-lock-only)')
    return new


def _checked_json(text: str, name: str, path: Path, lock: bool) -> str:
    """The text edit must have changed exactly the field npm reads, or generate stops."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise GenerateError(f"{path}:{error.lineno}: not valid JSON: {error.msg} (fix the file)") from None
    names = [data.get("name")] + ([data.get("packages", {}).get("", {}).get("name")] if lock else [])
    if names != [name] * len(names):
        raise GenerateError(f"{path}: its name is not where npm writes it (format it as npm does: npm install --package-lock-only)")
    return text


_PROJECT_NAME = re.compile(r'^(\[project\]\n(?:(?!\[).*\n)*?name\s*=\s*)"[^"\n]*"', re.MULTILINE)


_URLS_TABLE = re.compile(r"^\[project\.urls\]\n(?:(?!\[).*\n)*", re.MULTILINE)
_URL_LINE = re.compile(r'^([A-Za-z][\w .-]*?\s*=\s*)"([^"\n]*)"', re.MULTILINE)


def rewrite_pyproject(text: str, identity: Identity, path: Path) -> str:
    new, count = _PROJECT_NAME.subn(lambda m: m.group(1) + json.dumps(identity.python_distribution), text, count=1)
    if count != 1 or tomllib.loads(new).get("project", {}).get("name") != identity.python_distribution:
        raise GenerateError(f'{path}: no `name = "..."` line in [project] to write the Python distribution name into (add one)')
    return _rewrite_project_urls(new, identity, path)


def _rewrite_project_urls(text: str, identity: Identity, path: Path) -> str:
    """Every ``[project.urls]`` value under the ``Source`` address (the repository) moved under repository-url.

    ``Source`` is the repository itself, so it says what the old address was; the other links (docs, the
    changelog) keep their paths below it. A link elsewhere (a project website) is the publisher's and stays.
    """
    table = _URLS_TABLE.search(text)
    old = tomllib.loads(text).get("project", {}).get("urls", {}).get("Source")
    if table is None or not isinstance(old, str):
        raise GenerateError(f'{path}: no Source in [project.urls] to write repository-url into (add Source = "{identity.repository_url}")')
    old = old.rstrip("/")

    def moved(line: re.Match[str]) -> str:
        url = line.group(2)
        if url == old or url.startswith(old + "/"):
            url = identity.repository_url + url[len(old) :]
        return f"{line.group(1)}{json.dumps(url)}"

    urls = _URL_LINE.sub(moved, table.group(0))
    return text[: table.start()] + urls + text[table.end() :]
