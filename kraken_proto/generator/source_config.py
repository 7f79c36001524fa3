"""``upstream/source.toml``: which upstream document the tree is generated from, so every command agrees.

``generate``, ``check`` and ``release`` read the source named here unless ``--source`` overrides it for
one run; ``update`` rewrites it once, when it first makes a fetched introspection the source. Without
the file the source is the text reference, as it always was. The file::

    # The upstream document generate, check and release read (kraken-proto update rewrites this file).
    path = "upstream/kraken-graphql-enums.txt"   # relative to the project root
    kind = "reference-text"                      # or "sdl", "introspection"
    partial = false                              # true: the source covers only some enums

``kind`` is stated, not guessed, and must agree with the file's suffix (the readers choose by suffix,
as ``--source`` does): a mismatch is an error rather than a file read the wrong way.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from .errors import SourceError
from .graphql_schema import INTROSPECTION_SUFFIXES, SDL_SUFFIXES

CONFIG = Path("upstream/source.toml")
REFERENCE_TEXT = Path("upstream/kraken-graphql-enums.txt")
FETCHED = Path("upstream/kraken-schema.json")
"""Where ``fetch`` writes and ``update`` keeps the introspection when the source is not one already."""

Kind = Literal["reference-text", "sdl", "introspection"]
KINDS: tuple[str, ...] = get_args(Kind)


@dataclass(frozen=True, kw_only=True)
class SourceConfig:
    """The configured source: ``path`` relative to the project root, its ``kind``, whether it is ``partial``."""

    path: Path
    kind: Kind
    partial: bool = False


DEFAULT = SourceConfig(path=REFERENCE_TEXT, kind="reference-text")


def kind_of(path: Path) -> Kind:
    """The kind a file is read as, by its suffix (the rule ``--source`` follows)."""
    suffix = path.suffix.lower()
    if suffix in SDL_SUFFIXES:
        return "sdl"
    if suffix in INTROSPECTION_SUFFIXES:
        return "introspection"
    return "reference-text"


def load_source_config(root: Path) -> SourceConfig:
    """The configured source of the tree at ``root`` (the text reference when there is no config file)."""
    path = root / CONFIG
    if not path.exists():
        return DEFAULT
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(path, None, f"not valid TOML: {exc}", "fix the file (see docs/maintainers.md, 'The configured source')") from None
    unknown = sorted(set(data) - {"path", "kind", "partial"})
    if unknown:
        raise SourceError(path, None, f"unknown key(s) {', '.join(unknown)}", "allowed: path, kind, partial")
    source, kind, partial = data.get("path"), data.get("kind"), data.get("partial", False)
    if not isinstance(source, str) or not source.strip():
        raise SourceError(path, None, "'path' must name the source file, relative to the project root", 'e.g. path = "upstream/kraken-schema.json"')
    if kind not in KINDS:
        raise SourceError(path, None, f"'kind' is {kind!r}", f"use one of {', '.join(KINDS)}")
    if not isinstance(partial, bool):
        raise SourceError(path, None, "'partial' must be true or false")
    relative = Path(source)
    if relative.is_absolute() or ".." in relative.parts:
        raise SourceError(path, None, f"'path' {source!r} must be inside the project", "give it relative to the project root")
    if kind_of(relative) != kind:
        raise SourceError(path, None, f"'path' {source!r} is read as {kind_of(relative)} (by its suffix), but 'kind' says {kind}", "make the two agree")
    return SourceConfig(path=relative, kind=kind, partial=partial)


def render_source_config(config: SourceConfig) -> str:
    """The file's text for ``config`` (what ``update`` writes when it switches the source)."""
    return (
        "# The upstream document generate, check and release read (--source overrides it for one run);\n"
        "# kraken-proto update rewrites this file when it makes a fetched introspection the source.\n"
        f'path = "{config.path.as_posix()}"   # relative to the project root\n'
        f'kind = "{config.kind}"   # reference-text, sdl or introspection; must agree with the suffix\n'
        f"partial = {'true' if config.partial else 'false'}   # true: the source covers only some enums, the others are kept as committed\n"
    )


def resolve(root: Path, source: Path | None, partial: bool) -> tuple[Path, bool]:
    """The document a run reads and whether it is partial: ``--source`` (with ``--partial``) or the config."""
    if source is not None:
        return source, partial
    config = load_source_config(root)
    return root / config.path, partial or config.partial
