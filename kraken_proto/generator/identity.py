"""Who publishes the package: the names that belong to the publisher, read from one table.

Everything a publisher names (the Python distribution, the npm package and its scope, the Go module path,
the Java groupId and package prefix, the repository URL) is one table, ``[tool.kraken-proto]`` in
``pyproject.toml``. ``generate``, ``package`` and the docs read it from here, so an organisation that
publishes its own build changes those lines and nothing else. The defaults committed in this repository
are placeholders (``placeholder = true``): whatever shows them to a user says so.

The proto package (``kraken.enums.v1``) is not in this table: it is released wire contract, not a
publisher's choice (:mod:`kraken_proto._proto_package`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError

PYPROJECT = Path("pyproject.toml")
TABLE = "tool.kraken-proto"

_FIELDS = {
    "python-distribution": "python_distribution",
    "npm-package": "npm_package",
    "go-module": "go_module",
    "java-group-id": "java_group_id",
    "java-package-prefix": "java_package_prefix",
    "repository-url": "repository_url",
}
_PATTERNS = {
    # PEP 508 distribution name; npm's rules for a (scoped) package name; a Go module path without
    # a major-version suffix rule (the path is used as written); Java identifiers joined by dots.
    "python-distribution": re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$"),
    "npm-package": re.compile(r"^(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$"),
    "go-module": re.compile(r"^[a-z0-9.-]+\.[a-z]{2,}(/[A-Za-z0-9._~-]+)+$"),
    "java-group-id": re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$"),
    "java-package-prefix": re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$"),
    "repository-url": re.compile(r"^https://[^\s]+$"),
}


@dataclass(frozen=True, kw_only=True)
class Identity:
    """The publisher's names, as ``[tool.kraken-proto]`` states them."""

    python_distribution: str
    """The wheel's and sdist's distribution name (``pip install <this>``)."""
    npm_package: str
    """The npm package name, with its scope if any (``@acme/kraken-proto``)."""
    go_module: str
    """The Go module path of ``go/`` (its ``go.mod`` line, the ``go_package`` prefix, the proxy path)."""
    java_group_id: str
    """The Maven groupId of the jar, sources jar and POM."""
    java_package_prefix: str
    """buf managed mode's ``java_package_prefix``: the classes live in ``<prefix>.kraken.enums.v1``."""
    repository_url: str
    """The source repository, for the package metadata (project URLs, ``repository``, the POM's ``scm``)."""
    placeholder: bool
    """True while these are the repository's defaults, which nobody has claimed on a public index."""


def load_identity(root: Path) -> Identity:
    """Read ``[tool.kraken-proto]`` from ``root/pyproject.toml``; a missing or malformed entry is a SourceError."""
    path = root / PYPROJECT
    try:
        with path.open("rb") as file:
            document = tomllib.load(file)
    except OSError as error:
        raise SourceError(path, None, f"cannot read it: {error.strerror or error}", "run from a checkout of kraken-proto or pass --root") from None
    except tomllib.TOMLDecodeError as error:
        raise SourceError(path, None, f"not valid TOML: {error}", "fix the file") from None
    table = document.get("tool", {}).get("kraken-proto")
    if not isinstance(table, dict):
        raise SourceError(path, None, f"no [{TABLE}] table", "add the publisher's names: see docs/maintainers.md, 'Publishing under your own names'")
    values: dict[str, str] = {}
    for key, field in _FIELDS.items():
        value = table.get(key)
        if not isinstance(value, str) or not _PATTERNS[key].fullmatch(value):
            found = "missing" if value is None else f"{value!r} is not valid"
            raise SourceError(path, None, f"[{TABLE}] {key}: {found}", f"set {key} to the name you publish under")
        values[field] = value
    unknown = sorted(set(table) - set(_FIELDS) - {"placeholder"})
    if unknown:
        raise SourceError(path, None, f"[{TABLE}] has unknown key {unknown[0]!r}", f"the keys are {', '.join(sorted(_FIELDS))} and placeholder")
    placeholder = table.get("placeholder", False)
    if not isinstance(placeholder, bool):
        raise SourceError(path, None, f"[{TABLE}] placeholder: must be true or false", "set placeholder = false once the names are yours")
    return Identity(placeholder=placeholder, **values)


RELEASED = Path("release/identity.toml")
RELEASED_KEYS = ("python-distribution", "npm-package", "go-module", "java-group-id", "java-package-prefix")
"""The names consumers install and import by (the repository URL is only metadata): once released, each is
contract, like a proto number. ``release`` records them in :data:`RELEASED`; ``check`` compares."""


def render_released(identity: Identity) -> str:
    """release/identity.toml: the consumer-facing names this release was published under."""
    lines = [
        "# The names this contract was released under (written by `kraken-proto release` from [tool.kraken-proto]).",
        "# Consumers install and import by them: `kraken-proto check` fails when pyproject.toml says otherwise.",
    ]
    lines += [f"{key} = {_toml_string(getattr(identity, _FIELDS[key]))}" for key in RELEASED_KEYS]
    return "\n".join(lines) + "\n"


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def released_changes(root: Path, identity: Identity) -> list[str]:
    """One line for each released name the tree's identity no longer carries (none: the names agree)."""
    path = root / RELEASED
    try:
        with path.open("rb") as file:
            released = tomllib.load(file)
    except FileNotFoundError:
        return [f"{RELEASED} is missing: the names consumers import by were not recorded (restore it from version control)"]
    except (OSError, tomllib.TOMLDecodeError) as error:
        return [f"{RELEASED}: cannot read it: {error} (restore it from version control)"]
    changes = []
    for key in RELEASED_KEYS:
        now = getattr(identity, _FIELDS[key])
        if released.get(key) != now:
            changes.append(
                f"{key} was released as {released.get(key)!r} ({RELEASED}) but {PYPROJECT} [{TABLE}] says {now!r}: consumers install and import "
                f"by the released name, so put it back; a deliberate rename is a new package, whose first release is made in its own fork (docs/maintainers.md)"
            )
    return changes
