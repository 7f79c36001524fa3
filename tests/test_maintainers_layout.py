"""docs/maintainers.md's layout table names every top-level entry of the repository and every Python module,
so that whoever adds a file or a module documents it in the same change.

The rule a row follows: its first column names paths in backticks (``go/``, ``buf.gen.go.yaml``); a module
is documented by the row whose first column names its folder (``kraken_proto/generator/``) when that row
mentions the module's file name in backticks (``identity.py``), or by its full path in backticks anywhere
in the table. The files are git's (tracked, plus new files not ignored), so a new file counts before it is
committed.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import PurePosixPath

from .conftest import ROOT

DOC = ROOT / "docs" / "maintainers.md"


def layout_rows(markdown: str) -> list[tuple[str, str]]:
    """The (first column, rest of the row) of each row of the table under ``## Layout``."""
    section = markdown.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if len(cells) >= 2 and not set(cells[0]) <= set("- ") and cells[0] != "path":
            rows.append((cells[0], " | ".join(cells[1:])))
    return rows


def undocumented(markdown: str, files: list[str]) -> list[str]:
    """The top-level entries and modules of ``files`` that the layout table does not name, sorted."""
    rows = layout_rows(markdown)
    named = {token.rstrip("/") for first, _ in rows for token in re.findall(r"`([^`]+)`", first)}
    everywhere = set(re.findall(r"`([^`]+)`", "\n".join(f"{a} {b}" for a, b in rows)))
    missing = sorted({f.split("/", 1)[0] for f in files} - named)
    for module in sorted(f for f in files if f.startswith("kraken_proto/") and f.endswith(".py")):
        folder, name = PurePosixPath(module).parent.as_posix(), PurePosixPath(module).name
        in_row = any(folder in {t.rstrip("/") for t in re.findall(r"`([^`]+)`", first)} and f"`{name}`" in rest for first, rest in rows)
        if not in_row and module not in everywhere:
            missing.append(module)
    return missing


def repository_files() -> list[str]:
    result = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [line for line in result.stdout.splitlines() if (ROOT / line).exists()]


def test_the_layout_table_names_every_top_level_entry_and_every_module() -> None:
    missing = undocumented(DOC.read_text(encoding="utf-8"), repository_files())
    assert missing == [], f"docs/maintainers.md's layout table lacks a row (or a mention) for: {', '.join(missing)}"


TABLE = """# Guide

## Layout

| path | what |
| --- | --- |
| `README.md`, `docs/` | guides |
| `kraken_proto/` | the package: `mapping.py` (one enum) |
| `kraken_proto/generator/` | the generator: `check.py` |

## After
"""


def test_the_check_reports_exactly_the_entries_and_modules_without_a_row() -> None:
    files = [
        "README.md",
        "docs/a.md",
        "LICENSE",
        "kraken_proto/mapping.py",
        "kraken_proto/registry.py",
        "kraken_proto/generator/check.py",
        "kraken_proto/generator/mapping.py",  # its name is in another folder's row: not documented
        "kraken_proto/packaging/npm.py",
    ]
    assert undocumented(TABLE, files) == ["LICENSE", "kraken_proto/generator/mapping.py", "kraken_proto/packaging/npm.py", "kraken_proto/registry.py"]
