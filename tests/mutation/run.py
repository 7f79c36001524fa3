"""Mutation testing of the modules whose mistakes would cost users most, with cosmic-ray (not part of CI).

    .venv/bin/python tests/mutation/run.py                # every target, one after the other
    .venv/bin/python tests/mutation/run.py mapping json   # some targets
    .venv/bin/python tests/mutation/run.py --list         # the targets, their code and their tests

Each target mutates only its own code (whole files, or named functions of a file) and runs only the
tests written for that code, with ``pytest -x``, so that a whole run stays well under an hour on two
cores. cosmic-ray plants one mutant at a time, in place, and restores the file afterwards; the run is
serial (the ``local`` distributor) and ``nice -n 19``, because the machine is shared. Sessions are kept
in ``.mutation/`` (git-ignored): a run that was stopped resumes where it was. ``--fresh`` starts over.

The summary prints, per target, killed / survived / incompetent (the mutant could not even run, e.g. a
syntax the interpreter refuses) / timeouts, the score (killed over killed + survived), and every
survivor as a diff. Each survivor needs a test, or a written reason why it cannot change public
behaviour: docs/testing.md keeps those reasons.

Targets name functions, not line numbers, so a refactor that moves code (issue 10 moves the JSON codec
into a subpackage) only needs the file paths below updated.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shlex
import signal
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / ".mutation"
PYTHON = ROOT / ".venv" / "bin" / "python"


@dataclass(frozen=True)
class Target:
    code: dict[str, tuple[str, ...]]
    """File (relative to the root) -> the functions or classes to mutate in it; () for the whole file."""
    tests: tuple[str, ...]
    """pytest arguments: the tests that protect this code, fastest first (``-x`` stops at the first failure)."""
    timeout: float = 120.0
    """Seconds one test run may take before the mutant counts as killed by a timeout (an infinite loop)."""


TARGETS: dict[str, Target] = {
    "mapping": Target(
        {"kraken_proto/mapping.py": ()},
        ("tests/test_mapping_api.py", "tests/test_oracle.py", "tests/test_properties.py", "-k", "not mutated_document"),
    ),
    "numbering": Target(
        {"kraken_proto/generator/numbering.py": ()},
        (
            "tests/test_numbering_rules.py",
            "tests/test_numbering_property.py",
            "tests/test_properties.py::test_a_mutated_document_gives_a_contract_or_our_own_error_never_another_exception",
        ),
    ),
    "release": Target(
        {"kraken_proto/generator/release.py": ()},
        ("tests/test_release_table.py",),
    ),
    "diff": Target(
        {"kraken_proto/generator/contract_diff.py": (), "kraken_proto/generator/diff_report.py": ()},
        ("tests/test_contract_diff.py",),
    ),
    "json": Target(
        # The enum paths of the JSON codec: kraken_proto/_json/enums.py holds every rule for enums (ours and others).
        {"kraken_proto/_json/enums.py": ()},
        ("tests/test_json_enum_rules.py", "tests/test_json_format.py"),
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("targets", nargs="*", help=f"targets to run: {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--list", action="store_true", help="list the targets and exit")
    parser.add_argument("--fresh", action="store_true", help="discard earlier sessions of these targets")
    parser.add_argument("--report-only", action="store_true", help="print the summary of the existing sessions, run nothing")
    parser.add_argument("--retest-survivors", action="store_true", help="run the survivors of earlier sessions again (after adding tests)")
    parser.add_argument("--minutes", type=float, default=0, help="stop each target after this long (0: no bound); a later run resumes it")
    args = parser.parse_args()
    names = args.targets or list(TARGETS)
    for name in set(names) - set(TARGETS):
        parser.error(f"no target {name!r}; the targets are {', '.join(TARGETS)}")
    if args.list:
        for name in names:
            target = TARGETS[name]
            code = [path + (" (" + ", ".join(functions) + ")" if functions else "") for path, functions in target.code.items()]
            print(f"{name}: {'; '.join(code)}")
            print(f"    tests: pytest -x {' '.join(target.tests)}")
        return 0
    ensure_cosmic_ray()
    WORK.mkdir(exist_ok=True)
    summaries = []
    for name in names:
        for index, (path, functions) in enumerate(TARGETS[name].code.items()):
            session = WORK / f"{name}-{index}.sqlite"
            if args.retest_survivors and session.exists():
                with sqlite3.connect(session) as db:  # forget the survivors' results: exec runs them again
                    db.execute("DELETE FROM work_results WHERE test_outcome = 'SURVIVED'")
            if not args.report_only:
                run_session(name, TARGETS[name], path, functions, session, args.fresh, args.minutes)
            summaries.append((name, path, summarize(session)))
    print_summary(summaries)
    return 0


def ensure_cosmic_ray() -> None:
    """cosmic-ray comes from the project's ``mutation`` extra (pinned in pyproject.toml)."""
    if subprocess.run([PYTHON, "-c", "import cosmic_ray"], capture_output=True).returncode != 0:
        subprocess.run([PYTHON, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev,mutation]"], check=True)


def run_session(name: str, target: Target, path: str, functions: tuple[str, ...], session: Path, fresh: bool, minutes: float) -> None:
    config = session.with_suffix(".toml")
    command = f"nice -n 19 {PYTHON} -m pytest -x -q -p no:cacheprovider " + " ".join(shlex.quote(t) for t in target.tests)
    config.write_text(
        textwrap.dedent(f"""\
        [cosmic-ray]
        module-path = {json.dumps(str(ROOT / path))}
        timeout = {target.timeout}
        excluded-modules = []
        test-command = {json.dumps(command)}

        [cosmic-ray.distributor]
        name = "local"
        """),
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    cr = [str(PYTHON.parent / "cosmic-ray")]
    if fresh or not session.exists():
        session.unlink(missing_ok=True)
        subprocess.run([*cr, "init", str(config), str(session)], cwd=ROOT, env=env, check=True)
        skipped = keep_only(session, ROOT / path, functions)
        print(
            f"{name}: {path}: mutating {'all of it' if not functions else ', '.join(functions)} ({skipped} mutants skipped: elsewhere, or in annotations)",
            flush=True,
        )
        baseline = subprocess.run([*cr, "baseline", str(config)], cwd=ROOT, env=env)
        if baseline.returncode != 0:
            sys.exit(f"{name}: the tests fail without any mutant: {target.tests}")
    # cosmic-ray mutates the file in place; whatever stops it (the time bound, ^C), the original goes back.
    original = (ROOT / path).read_bytes()
    process = subprocess.Popen(["nice", "-n", "19", *cr, "exec", str(config), str(session)], cwd=ROOT, env=env, start_new_session=True)
    try:
        process.wait(timeout=minutes * 60 or None)
    except subprocess.TimeoutExpired:
        print(f"{name}: {path}: stopped after {minutes:g} minutes; run again to resume", flush=True)
    finally:
        if process.poll() is None:  # the time bound or ^C: stop cosmic-ray and the test run it started
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
        if (ROOT / path).read_bytes() != original:
            (ROOT / path).write_bytes(original)


def keep_only(session: Path, module: Path, functions: tuple[str, ...]) -> int:
    """Mark as skipped every mutant outside ``functions`` (``name`` or ``Class.name``; () for all) and every
    mutant inside a type annotation (never evaluated: each module has ``from __future__ import annotations``).
    Returns how many were skipped."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult

    tree = ast.parse(module.read_text(encoding="utf-8"))
    spans = function_spans(tree, functions) if functions else []
    missing = set(functions) - {name for name, _, _ in spans}
    if missing:
        sys.exit(f"{module}: no function {', '.join(sorted(missing))}: update TARGETS in {Path(__file__).name}")
    annotations = annotation_spans(tree)

    def skip(line: int, column: int) -> bool:
        if spans and not any(start <= line <= end for _, start, end in spans):
            return True
        return any((a_line, a_col) <= (line, column) < (a_end_line, a_end_col) for a_line, a_col, a_end_line, a_end_col in annotations)

    skipped: list[str] = []
    with use_db(str(session), WorkDB.Mode.open) as db:
        skipped.extend(item.job_id for item in db.pending_work_items if all(skip(*m.start_pos) for m in item.mutations))
        if skipped:
            db.set_multiple_results(skipped, WorkResult(output="outside the target functions, or in an annotation", worker_outcome=WorkerOutcome.SKIPPED))
    return len(skipped)


def annotation_spans(tree: ast.AST) -> list[tuple[int, int, int, int]]:
    """(line, column, end line, end column) of every annotation: arguments, returns, annotated assignments."""
    found: list[ast.expr] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation is not None:
            found.append(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns is not None:
            found.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            found.append(node.annotation)
    return [(a.lineno, a.col_offset, a.end_lineno or a.lineno, a.end_col_offset or 0) for a in found]


def function_spans(tree: ast.AST, functions: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """(qualified name, first line, last line) of each wanted function or class of ``module``."""
    spans = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                qualified = f"{prefix}{child.name}"
                if qualified in functions:
                    start = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                    spans.append((qualified, start, child.end_lineno or child.lineno))
                visit(child, f"{qualified}.")

    visit(tree, "")
    return spans


class Summary(TypedDict):
    """A session's mutants by outcome, and each survivor as a printable diff."""

    killed: int
    survived: int
    incompetent: int
    timeout: int
    skipped: int
    pending: int
    survivors: list[str]


def summarize(session: Path) -> Summary:
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome

    counts: Summary = {"killed": 0, "survived": 0, "incompetent": 0, "timeout": 0, "skipped": 0, "pending": 0, "survivors": []}
    survivors = counts["survivors"]
    with use_db(str(session), WorkDB.Mode.open) as db:
        for item, result in db.completed_work_items:
            if result.worker_outcome == WorkerOutcome.SKIPPED:
                counts["skipped"] += 1
            elif result.test_outcome == TestOutcome.KILLED and result.output == "timeout":
                counts["timeout"] += 1  # counted as killed in the score, shown apart
                counts["killed"] += 1
            elif result.test_outcome == TestOutcome.KILLED:
                counts["killed"] += 1
            elif result.test_outcome == TestOutcome.SURVIVED:
                counts["survived"] += 1
                mutation = item.mutations[0]
                survivors.append(f"{item.job_id} {mutation.operator_name} line {mutation.start_pos[0]}\n{result.diff}")
            else:
                counts["incompetent"] += 1
        counts["pending"] = sum(1 for _ in db.pending_work_items)
    return counts


def print_summary(summaries: list[tuple[str, str, Summary]]) -> None:
    print("\n== mutation score (killed / (killed + survived)) ==")
    for name, path, s in summaries:
        killed, survived = s["killed"], s["survived"]
        score = f"{100 * killed / (killed + survived):.1f}%" if killed + survived else "n/a"
        print(
            f"{name:10} {path:40} killed {killed:4}  survived {survived:3}  incompetent {s['incompetent']:3}  "
            f"skipped {s['skipped']:4}  pending {s['pending']:3}  score {score}"
        )
    for name, path, s in summaries:
        for survivor in s["survivors"]:
            print(f"\n-- survivor in {name} ({path}): {survivor}")


if __name__ == "__main__":
    sys.exit(main())
