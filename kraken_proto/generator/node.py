"""The npm side of ``generate``: buf.gen.yaml runs ``protoc-gen-es`` from ``node_modules/.bin``.

``generate`` works in a staging tree, so the project's ``node_modules`` is linked into it; when it is
missing, the run stops with what to do instead of buf's "plugin not found".
"""

from __future__ import annotations

from pathlib import Path

from .errors import GenerateError

PLUGIN = Path("node_modules/.bin/protoc-gen-es")


def link_node_modules(root: Path, stage: Path) -> None:
    if not (root / PLUGIN).is_file():
        raise GenerateError(f"{root / PLUGIN} is missing: the TypeScript plugin comes from npm (run `npm ci` in {root}, or bash .ci/bootstrap, which does)")
    (stage / "node_modules").symlink_to((root / "node_modules").resolve(), target_is_directory=True)
