"""docs/architecture.md's stage list and module table are the code's, read from the source with ``ast``.

The doc lists the five stages of ``generate`` (``N. **Name**: `module.function(...)` -> `Record` ...``)
and places every module of ``kraken_proto/generator/`` in one row of a table: a stage's number,
``shared``, ``pipeline`` or ``command``. These tests hold the three to each other: every module in the
table exists and every module is in it; ``pipeline.build`` calls the stage functions in the documented
order, each fed the record the one before it returned and no function (no callback); and no module
imports a module of a later stage (nor shared support a stage), so no stage can call back into an
earlier one's successor or be re-entered from a later one.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import itertools
import re
from collections.abc import Mapping
from pathlib import Path

import pytest

from kraken_proto.generator.outputs import OUTPUTS
from kraken_proto.generator.pipeline import build
from kraken_proto.generator.rendered_tree import read_tree
from kraken_proto.generator.transaction import swap_tree

from .conftest import ROOT

DOC = ROOT / "docs" / "architecture.md"
GENERATOR = ROOT / "kraken_proto" / "generator"
PARTS = ("1", "2", "3", "4", "5", "shared", "pipeline", "command")
STAGE_LINE = re.compile(r"^(?P<n>\d)\. \*\*(?P<name>\w+)\*\*: `(?P<module>\w+)\.(?P<function>\w+)\([^)]*\)`(?: -> `(?P<record>\w+)`)?")
NAME_DERIVATIONS = frozenset({"OPTIONS_FILE", "file_name", "zero_value_name", "python_name"})
"""What a module after stage 3 may take from the naming rule: a chosen name's fixed companions, never a choice."""


def section(markdown: str, heading: str) -> str:
    """The text under ``heading`` (a line of its own) up to the next heading of the same or a higher level."""
    level = heading.split(" ", 1)[0]
    body = markdown.split(f"\n{heading}\n", 1)[1]
    stop = re.search(rf"^#{{1,{len(level)}}} ", body, re.MULTILINE)
    return body[: stop.start()] if stop else body


def table_rows(text: str, header: str) -> list[list[str]]:
    """The cells of each body row of the Markdown table in ``text`` whose first header cell is ``header``."""
    rows: list[list[str]] = []
    inside = False
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")] if line.startswith("|") else None
        if cells is None:
            inside = False
        elif cells[0] == header:
            inside = True
        elif inside and not set(cells[0]) <= set("- "):
            rows.append(cells)
    return rows


def module_table(markdown: str) -> list[tuple[str, str]]:
    """(module file, part) of each row of the module table, in the doc's order."""
    return [(row[0].strip("`"), row[1]) for row in table_rows(section(markdown, "### The generator's modules"), "module")]


def stage_list(markdown: str) -> list[dict[str, str]]:
    """The numbered stage list at the head of ``## The pipeline``: number, name, module, function, record."""
    found = [STAGE_LINE.match(line) for line in section(markdown, "## The pipeline").splitlines()]
    return [{k: v or "" for k, v in match.groupdict().items()} for match in found if match]


def table_problems(rows: list[tuple[str, str]], modules: set[str]) -> list[str]:
    """What is wrong with the table against the tree's ``modules``: missing, extra, twice, unknown part."""
    named = [module for module, _part in rows]
    problems = [f"{m}: in the table, not in kraken_proto/generator/" for m in sorted(set(named) - modules)]
    problems += [f"{m}: in kraken_proto/generator/, not in the table" for m in sorted(modules - set(named))]
    problems += [f"{m}: in the table {named.count(m)} times" for m in sorted({m for m in named if named.count(m) > 1})]
    problems += [f"{m}: part {p!r} is none of {', '.join(PARTS)}" for m, p in rows if p not in PARTS]
    return problems


def generator_imports(tree: ast.Module) -> set[str]:
    """The modules of the generator package that ``tree`` (a module of it) imports, by file stem."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found |= {node.module.split(".")[0]} if node.module else {alias.name for alias in node.names}
    return found


def import_problems(parts: Mapping[str, str], sources: Mapping[str, ast.Module]) -> list[str]:
    """Imports against the stage order: a stage module may import shared support and stages up to its own;
    shared support only shared support; the pipeline and commands anything."""

    def rank(part: str) -> int:
        return 0 if part == "shared" else int(part) if part.isdigit() else 99

    problems: list[str] = []
    for stem, tree in sorted(sources.items()):
        part = parts[stem]
        if part in ("pipeline", "command"):
            continue
        for imported in sorted(generator_imports(tree)):
            theirs = parts.get(imported, "?")
            if theirs in ("pipeline", "command", "?") or rank(theirs) > rank(part):
                problems.append(f"{stem}.py (part {part}) imports {imported}.py (part {theirs})")
    return problems


def naming_problems(parts: Mapping[str, str], sources: Mapping[str, ast.Module]) -> list[str]:
    """Names are chosen in stage 3: a later stage takes only :data:`NAME_DERIVATIONS` from ``naming``."""
    problems: list[str] = []
    for stem, tree in sorted(sources.items()):
        if not parts[stem].isdigit() or int(parts[stem]) <= 3:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module == "naming":
                problems += [f"{stem}.py takes {a.name} from naming" for a in node.names if a.name not in NAME_DERIVATIONS]
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "naming" and node.attr not in NAME_DERIVATIONS:
                problems.append(f"{stem}.py uses naming.{node.attr}")
    return problems


def stage_calls(function: ast.FunctionDef, names: set[str]) -> list[ast.Call]:
    """The calls of ``function``'s body to any of ``names`` (bare or as ``module.name``), in source order."""
    calls = [node for node in ast.walk(function) if isinstance(node, ast.Call)]
    called = [c for c in calls if (c.func.id if isinstance(c.func, ast.Name) else c.func.attr if isinstance(c.func, ast.Attribute) else "") in names]
    return sorted(called, key=lambda c: (c.lineno, c.col_offset))


def handoff_problems(function: ast.FunctionDef, stages: list[dict[str, str]], imported: set[str]) -> list[str]:
    """In ``function``, each stage after the first is called with the previous stage's result first, and no
    stage call gets a function (an imported name or a lambda) as an argument: data goes down, never a callback."""
    wanted = [s["function"] for s in stages]
    calls = stage_calls(function, set(wanted))
    order = [c.func.id if isinstance(c.func, ast.Name) else c.func.attr for c in calls if isinstance(c.func, ast.Name | ast.Attribute)]
    problems = [] if order == wanted else [f"{function.name} calls {order}, the doc lists {wanted}"]
    results: dict[int, str] = {}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            results[id(node.value)] = node.targets[0].id
    for before, call in itertools.pairwise(calls):
        first = call.args[0] if call.args else None
        if not (isinstance(first, ast.Name) and first.id == results.get(id(before))):
            problems.append(f"{ast.unparse(call)} is not fed {results.get(id(before), '(an unnamed result)')}, the record of the stage before it")
    problems += [
        f"{ast.unparse(call)} passes {ast.unparse(argument)} down: a callback into another module"
        for call in calls
        for argument in (*call.args, *(k.value for k in call.keywords))
        if isinstance(argument, ast.Lambda) or (isinstance(argument, ast.Name) and argument.id in imported)
    ]
    return problems


def imported_names(tree: ast.Module) -> set[str]:
    return {alias.asname or alias.name for node in tree.body if isinstance(node, ast.ImportFrom) for alias in node.names}


def function(tree: ast.Module, name: str) -> ast.FunctionDef:
    return next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == name)


def sources() -> dict[str, ast.Module]:
    return {path.stem: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in sorted(GENERATOR.glob("*.py"))}


MARKDOWN = DOC.read_text(encoding="utf-8")
STAGES = stage_list(MARKDOWN)
PARTS_OF = {module.removesuffix(".py"): part for module, part in module_table(MARKDOWN)}


def test_the_module_table_names_every_generator_module_once_and_only_modules_that_exist() -> None:
    assert table_problems(module_table(MARKDOWN), {path.name for path in GENERATOR.glob("*.py")}) == []


def test_the_table_check_finds_a_missing_a_stray_a_doubled_module_and_an_unknown_part() -> None:
    rows = [("a.py", "1"), ("a.py", "2"), ("gone.py", "shared"), ("odd.py", "stage six")]
    assert table_problems(rows, {"a.py", "odd.py", "new.py"}) == [
        "gone.py: in the table, not in kraken_proto/generator/",
        "new.py: in kraken_proto/generator/, not in the table",
        "a.py: in the table 2 times",
        "odd.py: part 'stage six' is none of 1, 2, 3, 4, 5, shared, pipeline, command",
    ]


def test_the_doc_lists_five_stages_in_order_each_a_function_of_a_module_of_that_stage() -> None:
    assert [int(stage["n"]) for stage in STAGES] == [1, 2, 3, 4, 5]
    for stage in STAGES:
        assert PARTS_OF[stage["module"]] == stage["n"], stage
        module = importlib.import_module(f"kraken_proto.generator.{stage['module']}")
        assert callable(getattr(module, stage["function"])), stage


def test_each_stage_hands_on_a_keyword_only_frozen_record_named_in_the_doc() -> None:
    for stage in STAGES[:4]:
        module = importlib.import_module(f"kraken_proto.generator.{stage['module']}")
        assert getattr(module, stage["function"]).__annotations__["return"] == stage["record"], stage
        record = getattr(module, stage["record"])
        params = record.__dataclass_params__
        assert params.frozen and all(field.kw_only for field in dataclasses.fields(record)), stage["record"]


def test_build_runs_stages_one_to_four_in_the_documented_order_each_fed_the_previous_record() -> None:
    pipeline = sources()["pipeline"]
    assert handoff_problems(function(pipeline, "build"), STAGES[:4], imported_names(pipeline)) == []


def test_generate_builds_then_swaps_and_check_builds_without_swapping() -> None:
    pipeline = sources()["pipeline"]
    swap = STAGES[4]["function"]
    assert [ast.unparse(c.func) for c in stage_calls(function(pipeline, "generate"), {"build", swap})] == ["build", f"transaction.{swap}"]
    assert [ast.unparse(c.func) for c in stage_calls(function(pipeline, "stale_outputs"), {"build", swap})] == ["build"]


def test_the_handoff_check_finds_stages_out_of_order_a_record_not_handed_on_and_a_callback() -> None:
    probe = ast.parse(
        "def build(root):\n    a = read_source(root)\n    c = merge_contract(a, root, apply_corrections)\n    b = correct(a, root, on_name=lambda n: n)\n"
    )
    problems = handoff_problems(function(probe, "build"), STAGES[:3], {"apply_corrections"})
    assert problems == [
        "build calls ['read_source', 'merge_contract', 'correct'], the doc lists ['read_source', 'correct', 'merge_contract']",
        "correct(a, root, on_name=lambda n: n) is not fed c, the record of the stage before it",
        "merge_contract(a, root, apply_corrections) passes apply_corrections down: a callback into another module",
        "correct(a, root, on_name=lambda n: n) passes lambda n: n down: a callback into another module",
    ]


def test_no_module_imports_a_module_of_a_later_stage_and_shared_support_imports_no_stage() -> None:
    assert import_problems(PARTS_OF, sources()) == []


def test_the_import_check_finds_an_earlier_stage_importing_a_later_one_and_shared_support_importing_a_stage() -> None:
    parts = {"corrections": "2", "numbering": "3", "model": "shared", "source": "1", "update": "command"}
    trees = {
        "corrections": ast.parse("from .numbering import merge\nfrom .source import Source\n"),
        "model": ast.parse("from . import corrections\n"),
        "numbering": ast.parse("from .model import Contract\nfrom .update import update\n"),
        "source": ast.parse(""),
        "update": ast.parse("from .numbering import merge\n"),
    }
    assert import_problems(parts, trees) == [
        "corrections.py (part 2) imports numbering.py (part 3)",
        "model.py (part shared) imports corrections.py (part 2)",
        "numbering.py (part 3) imports update.py (part command)",
    ]


def test_no_stage_after_the_merge_chooses_a_name() -> None:
    assert naming_problems(PARTS_OF, sources()) == []


def test_the_naming_check_finds_a_renderer_that_chooses_a_name() -> None:
    trees = {"render": ast.parse("from . import naming\nfrom .naming import zero_value_name, proto_enum_name\nx = naming.value_suffix('A')\n")}
    assert naming_problems({"render": "4"}, trees) == ["render.py takes proto_enum_name from naming", "render.py uses naming.value_suffix"]


@pytest.mark.parametrize("output", OUTPUTS, ids=[output.as_posix() for output in OUTPUTS])
def test_each_output_is_in_one_row_of_the_docs_output_table(output: Path) -> None:
    """Moving an output (say, the generated Python modules) means changing its row, and this fails until it is."""
    rows = table_rows(section(MARKDOWN, "## The pipeline"), "output")
    listed = [path.rstrip("/") for row in rows for path in re.findall(r"`([^`]+)`", row[0])]
    assert listed.count(output.as_posix()) == 1, listed


def test_stages_one_to_four_write_nothing_under_the_project_and_the_swap_puts_their_tree_in_place(project: Path) -> None:
    """The rendered tree is bytes: building it leaves the project as it was (no scratch folder left
    either), ``check``'s comparison needs no files, and only stage 5 changes what is on disk."""
    entries, committed = sorted(p.name for p in project.iterdir()), read_tree(project, OUTPUTS).files
    tree = build(project).tree
    assert sorted(p.name for p in project.iterdir()) == entries and read_tree(project, OUTPUTS).files == committed
    assert set(tree.files) == set(committed) and tree.differences(project) == ()
    (project / "docs" / "generated" / "enums.md").write_text("edited by hand\n", encoding="utf-8")
    (project / "proto" / "stray.proto").write_text('syntax = "proto3";\n', encoding="utf-8")
    assert tree.differences(project) == ("docs/generated/enums.md", "proto/stray.proto")
    swap_tree(tree, root=project, outputs=[Path("proto"), Path("docs/generated")])
    assert tree.differences(project) == () and read_tree(project, OUTPUTS).files == committed
    assert sorted(p.name for p in project.iterdir()) == entries
