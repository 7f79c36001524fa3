"""No import circles in ``kraken_proto`` (issue 23), read from the source with ``ast``.

An edge is every import statement of one package module that names another: at module level, inside a
function, or under ``if TYPE_CHECKING``. All count the same, on purpose: a circle is a design fault (two
modules that each need the other cannot be read, tested or moved apart) whether Python meets it at start-up,
on first call, or only in the type checker; a function-level import that hides a circle still makes the
two modules one. ``from .x import y`` names the module ``x.y`` where ``y`` is a submodule, else ``x`` (the
names come from its ``__init__`` where ``x`` is a package); ``from . import y`` likewise. The parent packages
Python imports on the way to a module are not edges (every submodule would otherwise form a circle with its
package's ``__init__``).
"""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = "kraken_proto"


def modules(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of the package."""
    found = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package modules that ``name`` imports anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    edges: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            targets = [f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in known else origin for alias in node.names]
        else:
            continue
        edges |= {target for target in targets if target in known and target != name}
    return edges


def graph(root: Path) -> dict[str, set[str]]:
    known = modules(root)
    return {name: imports(name, path, known) for name, path in known.items()}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def test_no_module_of_the_package_imports_itself_back_through_others() -> None:
    found = circles(graph(ROOT))
    assert found == [], "import circles (each group's modules import one another): " + "; ".join(" <-> ".join(group) for group in found)


def test_the_finder_sees_circles_through_function_level_and_type_checking_imports(tmp_path: Path) -> None:
    """A planted package: a -> b at module level, b -> c inside a function, c -> a under TYPE_CHECKING; d apart."""
    package = tmp_path / PACKAGE
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("from .d import D\n")
    (package / "a.py").write_text("from .sub import b\n")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "b.py").write_text("def f():\n    from ..c import thing\n")
    (package / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import kraken_proto.a\n")
    (package / "d.py").write_text("import json\nfrom . import c\nD = 1\n")
    edges = graph(tmp_path)
    assert edges == {
        "kraken_proto": {"kraken_proto.d"},
        "kraken_proto.a": {"kraken_proto.sub.b"},
        "kraken_proto.sub": set(),
        "kraken_proto.sub.b": {"kraken_proto.c"},
        "kraken_proto.c": {"kraken_proto.a"},
        "kraken_proto.d": {"kraken_proto.c"},
    }
    assert circles(edges) == [["kraken_proto.a", "kraken_proto.c", "kraken_proto.sub.b"]]
    (package / "c.py").write_text("THING = 1\n")
    assert circles(graph(tmp_path)) == []
