"""Rules of docs/architecture.md that the code itself must keep, read from the source with ``ast``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kraken_proto._proto_package import PACKAGE, PACKAGE_PATH
from kraken_proto.generator.outputs import PYTHON_PACKAGE

from .conftest import ROOT

PACKAGE_DIR = ROOT / "kraken_proto"
GENERATED = set((ROOT / PYTHON_PACKAGE).rglob("*.py"))
"""Written by ``generate`` from PACKAGE; their literals are output, not source."""
IDENTITY = PACKAGE_DIR / "_proto_package.py"


def _docstrings(tree: ast.AST) -> set[int]:
    """Every string that stands alone as a statement: module, class, function and attribute docstrings."""
    return {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}


def package_literals(path: Path) -> list[str]:
    """``line: text`` of each string constant in code (f-string parts included) that spells the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    prose = _docstrings(tree)
    return [
        f"{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose and (PACKAGE in node.value or PACKAGE_PATH in node.value)
    ]


SOURCES = sorted(p for p in PACKAGE_DIR.rglob("*.py") if p not in GENERATED and p != IDENTITY)


@pytest.mark.parametrize("path", SOURCES, ids=[p.relative_to(ROOT).as_posix() for p in SOURCES])
def test_the_package_identity_is_spelled_only_in_proto_package(path: Path) -> None:
    assert package_literals(path) == [], f"use PACKAGE / PACKAGE_PATH from kraken_proto/_proto_package.py in {path.relative_to(ROOT)}"


def test_the_identity_check_finds_a_literal_in_code_and_in_an_f_string_but_not_in_a_docstring(tmp_path: Path) -> None:
    source = tmp_path / "probe.py"
    source.write_text(
        '"""Module prose may name kraken.enums.v1."""\n'
        'A = "kraken.enums.v1.AccountStatus"\n'
        "def f(x):\n"
        '    """So may a function\'s: kraken/enums/v1."""\n'
        '    return f"proto/kraken/enums/v1/{x}.proto"\n',
        encoding="utf-8",
    )
    assert package_literals(source) == ["2: 'kraken.enums.v1.AccountStatus'", "5: 'proto/kraken/enums/v1/'"]


BUILD_TIME = ("generator", "packaging")
"""The subpackages that rebuild and package a checkout: never imported by what runs in a user's service."""


def build_time_imports(nodes: list[ast.AST] | ast.AST) -> list[int]:
    """Lines that import ``kraken_proto.generator`` or ``kraken_proto.packaging`` (absolute or relative) among ``nodes`` and below."""
    found = []
    for top in nodes if isinstance(nodes, list) else [nodes]:
        for node in ast.walk(top):
            if isinstance(node, ast.ImportFrom):
                names = [f"{node.module or ''}.{alias.name}" for alias in node.names]  # `from . import packaging` too
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            if any(part in BUILD_TIME for name in names for part in name.split(".")):
                found.append(node.lineno)
    return found


RUNTIME = sorted(p for p in PACKAGE_DIR.rglob("*.py") if not set(BUILD_TIME) & set(p.relative_to(PACKAGE_DIR).parts))


def test_the_run_time_helpers_never_import_the_generator_or_packaging_and_the_cli_only_inside_its_build_commands() -> None:
    offenders = []
    for path in RUNTIME:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lines = (
            build_time_imports(list(tree.body))
            if path.name != "cli.py"
            else build_time_imports([n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))])
        )
        offenders += [f"{path.relative_to(ROOT)}:{line}" for line in lines]
    assert len(RUNTIME) > 20 and offenders == []
    assert build_time_imports(ast.parse("from .generator.pipeline import generate")) == [1]
    assert build_time_imports(ast.parse("import kraken_proto.generator.check")) == [1]
    assert build_time_imports(ast.parse("from .packaging.build import package")) == [1]
    assert build_time_imports(ast.parse("from . import packaging")) == [1]
    assert build_time_imports(ast.parse("from .mapping import EnumMapping")) == []
