"""Docs that run: every fenced block of README.md and docs/*.md is executed as a reader would run it.

The convention (TEAM.md, "Docs that run"), enforced here for every Markdown file found by glob, so that a
file added to ``docs/`` later is covered without touching this test:

- ```` ```sh ```` blocks run with ``bash -euo pipefail`` from the root of a scratch clone of this checkout,
  with the checkout's ``.venv/bin`` first on ``PATH`` (as if the virtualenv were activated) and its
  ``node_modules`` linked into the clone;
- ```` ```python ```` blocks run in one interpreter per file, in order with the ``sh`` blocks, state
  carrying from block to block, the clone as working directory;
- blocks in the languages of ``NOT_RUN`` are not run here (their own language tests compile them);
- a block directly preceded by the line ``<!-- not run: REASON -->`` is not run, and the reason is required;
- a block with no language or any other language fails the test: nothing gets past it unrun by accident.

The generated ``docs/generated/enums.md`` holds no commands and is not run. One scratch clone serves the whole
session (a git clone of the checkout plus its uncommitted changes, so the docs are tested as they are
on disk); before each file it is reset to that state, so no file depends on what another one ran.

Every relative link in those files must point to an existing file (and, for a Markdown file, to an
existing heading when it names one); README.md stays a short guide of at most 250 lines.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

from .conftest import ROOT

README_MAX_LINES = 250
GENERATED = {"docs/generated/enums.md"}
RUN = {"sh", "python"}
# Languages shown but not run here. Shells that are not `sh` (bash, console, shell...) are deliberately
# absent: a command must be an `sh` block, which runs, or carry a not-run reason.
NOT_RUN = {
    *("text", "json", "jsonc", "yaml", "toml", "xml", "csv", "tsv", "diff", "mermaid"),
    *("proto", "protobuf", "graphql"),
    *("ts", "typescript", "js", "javascript", "go", "java", "kotlin", "groovy"),
}
SH_TIMEOUT = 300
FILE_TIMEOUT = 900


def markdown_files() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def name_of(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


RUNNABLE = [path for path in markdown_files() if name_of(path) not in GENERATED]


class DocError(Exception):
    """A Markdown file that breaks the convention: ``FILE:LINE: problem``."""


@dataclass(frozen=True)
class Block:
    file: str  # the Markdown file, relative to the checkout
    source: str  # its absolute path, for tracebacks that show the Markdown line
    line: int  # 1-based line of the opening fence; the code starts on the next line
    language: str
    code: str
    not_run: str | None  # the reason given by a `<!-- not run: REASON -->` line, if any

    @property
    def runs(self) -> bool:
        return self.not_run is None and self.language in RUN


FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
NOT_RUN_MARKER = re.compile(r"^\s*<!--\s*not run\b(?P<rest>.*?)-->\s*$")


def parse_blocks(text: str, name: str, source: str = "") -> list[Block]:
    """The fenced blocks of a Markdown text, checked against the convention (raises :class:`DocError`)."""
    lines = text.splitlines()
    blocks: list[Block] = []
    pending: tuple[int, str] | None = None  # (line, reason) of a not-run marker waiting for its block
    index = 0
    while index < len(lines):
        line = lines[index]
        number = index + 1
        marker = NOT_RUN_MARKER.match(line)
        if marker:
            rest = marker.group("rest").strip()
            reason = rest[1:].strip() if rest.startswith(":") else ""
            if not reason:
                raise DocError(f"{name}:{number}: a not-run marker must give its reason: <!-- not run: REASON -->")
            pending = (number, reason)
            index += 1
            continue
        fence = FENCE.match(line)
        if not fence:
            if pending and line.strip():
                raise DocError(f"{name}:{pending[0]}: a not-run marker must be the line right before a fenced block")
            index += 1
            continue
        indent, mark, info = len(fence.group("indent")), fence.group("fence"), fence.group("info").strip()
        if mark[0] == "`" and "`" in info:
            index += 1  # an inline code span at the start of a line, not a fence
            continue
        language = info.split()[0] if info else ""
        if pending and pending[0] != number - 1:
            raise DocError(f"{name}:{pending[0]}: a not-run marker must be the line right before a fenced block")
        reason = pending[1] if pending else None
        pending = None
        closing = re.compile(rf"^ {{0,{indent + 3}}}{re.escape(mark[0])}{{{len(mark)},}}\s*$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        if end == len(lines):
            raise DocError(f"{name}:{number}: the fenced block opened here is never closed")
        code = "\n".join(_dedent(body, indent) for body in lines[index + 1 : end]) + "\n"
        if not language:
            raise DocError(f"{name}:{number}: a fenced block needs a language (sh, python, or one of {sorted(NOT_RUN)})")
        if language not in RUN | NOT_RUN:
            raise DocError(
                f"{name}:{number}: unknown block language {language!r}: use sh or python (run by tests/test_docs.py), "
                f"or one of {sorted(NOT_RUN)} (not run); a command that cannot run here needs <!-- not run: REASON -->"
            )
        blocks.append(Block(name, source, number, language, code, reason))
        index = end + 1
    if pending:
        raise DocError(f"{name}:{pending[0]}: a not-run marker must be the line right before a fenced block")
    return blocks


def _dedent(line: str, indent: int) -> str:
    """A fenced block's line without its container's indentation (a block inside a list item)."""
    strip = len(line) - len(line.lstrip(" "))
    return line[min(strip, indent) :]


# Run in a separate interpreter per Markdown file: the python blocks share its namespace (each has a fresh
# one when the third argument is "alone": a reader who pastes one block must not meet a NameError); each sh block
# is its own `bash -euo pipefail`, whose ERR trap reports the failing line numbered as in the Markdown
# file (the code is padded with newlines so that its first line has the number of the line after the fence).
# The driver leads its own process group, so that a timeout ends everything a block started.
DRIVER = r"""
import json, os, signal, subprocess, sys, traceback

SH_TIMEOUT = int(sys.argv[2])
ALONE = sys.argv[3:] == ["alone"]
namespace = {"__name__": "__main__"}
for block in json.load(open(sys.argv[1], encoding="utf-8")):
    where = f"{block['file']}:{block['line']}"
    if block["language"] == "python":
        if ALONE:
            namespace = {"__name__": "__main__"}
        try:
            exec(compile("\n" * block["line"] + block["code"], block["source"], "exec"), namespace)
        except BaseException as error:
            frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == block["source"]]
            at = f"{block['file']}:{frames[-1].lineno}" if frames else where
            sys.stderr.write(f"{at}: the python block at {where} failed:\n{traceback.format_exc()}")
            sys.exit(1)
        continue
    trap = "trap 'echo \"docs-test: failed at " + block["file"] + ":$LINENO\" >&2' ERR"
    script = trap + "\n" * block["line"] + block["code"]
    sys.stdout.flush()
    shell = subprocess.Popen(["bash", "-euo", "pipefail", "-c", script], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        output, _ = shell.communicate(timeout=SH_TIMEOUT)
    except subprocess.TimeoutExpired:
        sys.stderr.write(f"{where}: the sh block did not finish within {SH_TIMEOUT} s\n")
        sys.stderr.flush()
        os.killpg(0, signal.SIGKILL)  # this driver's process group: the block's children too, not only its bash
    if shell.returncode != 0:
        tail = "\n".join(output.splitlines()[-40:])
        sys.stderr.write(f"{where}: the sh block exited {shell.returncode}:\n{block['code']}--- output (last 40 lines):\n{tail}\n")
        sys.exit(1)
"""


def run_blocks(blocks: list[Block], cwd: Path, env: dict[str, str], plan_dir: Path, alone: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the runnable blocks in order in ``cwd`` with ``env``; the result's stderr names any failure's file:line.

    ``alone``: each python block in a fresh namespace (the sh blocks still run before it, in order).
    """
    plan = plan_dir / "plan.json"
    plan.write_text(json.dumps([asdict(b) for b in blocks if b.runs]), encoding="utf-8")
    python = shutil.which("python", path=env["PATH"]) or sys.executable
    command = [python, "-c", DRIVER, str(plan), str(SH_TIMEOUT), *(["alone"] if alone else [])]
    driver = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = driver.communicate(timeout=FILE_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(driver.pid, signal.SIGKILL)
        stdout, stderr = driver.communicate()
        stderr += f"\nthe blocks did not finish within {FILE_TIMEOUT} s"
    return subprocess.CompletedProcess(command, driver.returncode, stdout, stderr)


def block_env(venv: Path, tmp: Path) -> dict[str, str]:
    """The environment of a reader who activated the checkout's virtualenv (nothing else of the test leaks in)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "PYTEST", "VIRTUAL_ENV"))}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    env["TMPDIR"] = str(tmp)
    return env


# --- the scratch clone -------------------------------------------------------------------------------------


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def _bootstrapped() -> None:
    """The checkout's .venv and node_modules are those `.ci/bootstrap` made for this pyproject.toml and lock."""
    for stamp, source in ((".venv/.kraken-proto-bootstrap", "pyproject.toml"), ("node_modules/.kraken-proto-bootstrap", "package-lock.json")):
        want = hashlib.sha256((ROOT / source).read_bytes()).hexdigest()
        have = (ROOT / stamp).read_text().strip() if (ROOT / stamp).is_file() else ""
        if have != want:
            pytest.fail(
                f"{stamp} is not up to date with {source}: run `bash .ci/bootstrap` (the docs' commands would otherwise reinstall into the checkout's .venv)"
            )


@dataclass(frozen=True)
class Scratch:
    root: Path
    env: dict[str, str]
    plans: Path

    def reset(self) -> None:
        """Back to the checkout as it is on disk: undo what a previous file's blocks wrote."""
        git("reset", "--quiet", "--hard", cwd=self.root)
        git("clean", "-q", "-f", "-d", "-x", "-e", "/.venv", "-e", "/node_modules", cwd=self.root)


@pytest.fixture(scope="session")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Scratch:
    """One clone of the checkout for the session: HEAD plus the working tree's changes, committed in the clone."""
    _bootstrapped()
    base = tmp_path_factory.mktemp("docs")
    clone = base / "kraken-proto"
    git("clone", "--quiet", "--no-checkout", str(ROOT), str(clone), cwd=base)
    git("checkout", "--quiet", "--detach", git("rev-parse", "HEAD", cwd=ROOT).strip(), cwd=clone)
    changed = git("diff", "--name-only", "-z", "HEAD", cwd=ROOT).split("\0")
    untracked = git("ls-files", "--others", "--exclude-standard", "-z", cwd=ROOT).split("\0")
    for name in filter(None, [*changed, *untracked]):
        source, target = ROOT / name, clone / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        elif target.is_file():
            target.unlink()
    git("add", "--all", cwd=clone)
    if git("status", "--porcelain", cwd=clone).strip():
        git(
            "-c",
            "user.name=docs test",
            "-c",
            "user.email=docs-test@localhost",
            "-c",
            "commit.gpgsign=false",
            "commit",
            "--quiet",
            "--no-verify",
            "-m",
            "uncommitted changes of the checkout",
            cwd=clone,
        )
    for name in (".venv", "node_modules"):
        (clone / name).symlink_to(ROOT / name, target_is_directory=True)
    with (clone / ".git" / "info" / "exclude").open("a", encoding="utf-8") as exclude:
        exclude.write("/.venv\n/node_modules\n")  # symlinks, which .gitignore's directory patterns do not match
    tmp = base / "tmp"
    tmp.mkdir()
    plans = base / "plans"
    plans.mkdir()
    return Scratch(clone, block_env(ROOT / ".venv", tmp), plans)


@pytest.mark.parametrize("doc", RUNNABLE, ids=name_of)
def test_every_fenced_block_runs_as_written(doc: Path, scratch: Scratch) -> None:
    try:
        blocks = parse_blocks(doc.read_text(encoding="utf-8"), name_of(doc), str(doc))
    except DocError as error:
        pytest.fail(str(error), pytrace=False)
    if not any(block.runs for block in blocks):
        return
    scratch.reset()
    done = run_blocks(blocks, scratch.root, scratch.env, scratch.plans)
    if done.returncode != 0:
        pytest.fail(done.stderr or f"{name_of(doc)}: the runner exited {done.returncode}\n{done.stdout}", pytrace=False)


STANDALONE = ["README.md"]
"""Docs whose python blocks each run on their own, pasted alone into a fresh interpreter (the README's tour)."""


@pytest.mark.parametrize("name", STANDALONE)
def test_each_python_block_runs_on_its_own(name: str, scratch: Scratch) -> None:
    blocks = parse_blocks((ROOT / name).read_text(encoding="utf-8"), name, str(ROOT / name))
    scratch.reset()
    done = run_blocks(blocks, scratch.root, scratch.env, scratch.plans, alone=True)
    if done.returncode != 0:
        pytest.fail(done.stderr or f"{name}: the runner exited {done.returncode}\n{done.stdout}", pytrace=False)


# --- links -------------------------------------------------------------------------------------------------

INLINE_LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<target>\S+?)>?(?:\s+.*)?$")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def prose_lines(text: str) -> list[tuple[int, str]]:
    """(number, line) of the lines outside fenced blocks, with inline code spans blanked."""
    out: list[tuple[int, str]] = []
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        opening = FENCE.match(line)
        if fence is None and opening and not (opening.group("fence")[0] == "`" and "`" in opening.group("info")):
            fence = opening.group("fence")
            continue
        if fence is not None:
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                fence = None
            continue
        out.append((number, CODE_SPAN.sub("", line)))
    return out


def anchors(text: str) -> set[str]:
    """GitHub's anchors for the headings of a Markdown text (lower case, punctuation dropped, spaces to dashes)."""
    seen: dict[str, int] = {}
    found: set[str] = set()
    for _, line in prose_lines(text.replace("`", "")):
        heading = re.match(r"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not heading:
            continue
        title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.group(1))
        slug = re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def broken_links(path: Path) -> list[str]:
    """``FILE:LINE: target (why)`` for each relative link of ``path`` that leads nowhere."""
    text = path.read_text(encoding="utf-8")
    name = name_of(path) if path.is_relative_to(ROOT) else path.name
    problems: list[str] = []
    for number, line in prose_lines(text):
        targets = [m.group("target") for m in INLINE_LINK.finditer(line)]
        definition = REFERENCE_DEFINITION.match(line)
        if definition:
            targets.append(definition.group("target"))
        for target in targets:
            if SCHEME.match(target) or target.startswith("//"):
                continue
            file_part, _, anchor = target.partition("#")
            linked = (path.parent / file_part).resolve() if file_part else path
            if not linked.exists():
                problems.append(f"{name}:{number}: {target} (no such file)")
            elif anchor and linked.suffix == ".md" and anchor not in anchors(linked.read_text(encoding="utf-8")):
                problems.append(f"{name}:{number}: {target} (no heading #{anchor} in {linked.name})")
    return problems


@pytest.mark.parametrize("doc", markdown_files(), ids=name_of)
def test_every_relative_link_points_to_an_existing_file(doc: Path) -> None:
    problems = broken_links(doc)
    assert not problems, "links that lead nowhere:\n" + "\n".join(problems)


def test_readme_is_a_short_guide_of_at_most_250_lines() -> None:
    lines = len((ROOT / "README.md").read_text(encoding="utf-8").splitlines())
    assert lines <= README_MAX_LINES, f"README.md has {lines} lines; move detail into docs/ (the limit is {README_MAX_LINES})"


def test_every_runnable_doc_is_found_by_glob_including_docs_added_later() -> None:
    names = [name_of(path) for path in RUNNABLE]
    assert names[0] == "README.md" and "docs/generated/enums.md" not in names
    assert set(names[1:]) == {p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md")} - GENERATED


# --- the runner itself: what it refuses and how it reports -----------------------------------------------


REFUSED = {
    "a block without a language": ("text\n\n```\nls\n```\n", r"^a\.md:3: a fenced block needs a language"),
    "a bash block": ("text\n```bash\nrm -rf /\n```\n", r"^a\.md:2: unknown block language 'bash'"),
    "a console block": ("~~~~ console\n$ ls\n~~~~\n", r"^a\.md:1: unknown block language 'console'"),
    "a not-run marker without a reason": ("<!-- not run -->\n```sh\nls\n```\n", r"^a\.md:1: a not-run marker must give its reason"),
    "a not-run marker with a blank reason": ("<!-- not run:   -->\n```sh\nls\n```\n", r"^a\.md:1: a not-run marker must give its reason"),
    "a not-run marker before prose": ("<!-- not run: x -->\nSome prose.\n```sh\nls\n```\n", r"^a\.md:1: a not-run marker must be the line right before"),
    "a not-run marker a blank line away": ("<!-- not run: x -->\n\n```sh\nls\n```\n", r"^a\.md:1: a not-run marker must be the line right before"),
    "a not-run marker at the end": ("```sh\nls\n```\n<!-- not run: x -->\n", r"^a\.md:4: a not-run marker must be the line right before"),
    "a block never closed": ("```sh\nls\n", r"^a\.md:1: the fenced block opened here is never closed"),
}


@pytest.mark.parametrize(("text", "error"), REFUSED.values(), ids=REFUSED.keys())
def test_the_convention_refuses_what_could_hide_a_command_or_its_reason(text: str, error: str) -> None:
    with pytest.raises(DocError, match=error):
        parse_blocks(text, "a.md")


def test_a_not_run_marker_applies_to_the_block_right_after_it_only() -> None:
    blocks = parse_blocks("<!-- not run: needs a registry -->\n```sh\nls\n```\n\n```sh\npwd\n```\n", "a.md")
    assert [(b.line, b.not_run, b.runs) for b in blocks] == [(2, "needs a registry", False), (6, None, True)]


def test_blocks_are_read_with_their_line_inside_lists_and_longer_fences() -> None:
    text = "- a step:\n\n  ```sh\n  echo one\n    echo two\n  ```\n\n````python\n```\nx = 1\n````\n```text\nnot run\n```\n"
    blocks = parse_blocks(text, "a.md")
    assert [(b.line, b.language, b.code, b.runs) for b in blocks] == [
        (3, "sh", "echo one\n  echo two\n", True),
        (8, "python", "```\nx = 1\n", True),
        (12, "text", "not run\n", False),
    ]


@pytest.fixture
def runner(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    (tmp_path / "tmp").mkdir()
    return tmp_path, block_env(Path(sys.executable).parent.parent, tmp_path / "tmp")


def write_doc(directory: Path, text: str) -> list[Block]:
    doc = directory / "doc.md"
    doc.write_text(text, encoding="utf-8")
    return parse_blocks(text, "doc.md", str(doc))


def test_a_failing_sh_block_is_reported_with_its_file_and_line_and_later_blocks_do_not_run(runner: tuple[Path, dict[str, str]]) -> None:
    cwd, env = runner
    blocks = write_doc(cwd, "# t\n\n```sh\ntouch first\nfalse\ntouch never\n```\n\n```sh\ntouch second\n```\n")
    done = run_blocks(blocks, cwd, env, cwd)
    assert done.returncode == 1
    assert done.stderr.startswith("doc.md:3: the sh block exited 1:\ntouch first\nfalse\n")
    assert "docs-test: failed at doc.md:5" in done.stderr
    assert (cwd / "first").exists() and not (cwd / "never").exists() and not (cwd / "second").exists()


def test_sh_blocks_run_with_errexit_nounset_and_pipefail_from_the_root(runner: tuple[Path, dict[str, str]]) -> None:
    cwd, env = runner
    for body, fails in (("false | cat", True), ('echo "$UNSET_IN_DOCS"', True), ("cd /\ntrue", False)):
        blocks = write_doc(cwd, f"# t\n\n```sh\n{body}\n```\n\n```sh\ntest -f doc.md\n```\n")
        done = run_blocks(blocks, cwd, env, cwd)
        if fails:
            assert done.returncode == 1 and done.stderr.startswith("doc.md:3: the sh block exited 1"), (body, done.stderr)
        else:
            assert done.returncode == 0, done.stderr  # the second block starts at the root again


def test_python_blocks_share_one_interpreter_and_a_failure_names_the_markdown_line(runner: tuple[Path, dict[str, str]]) -> None:
    cwd, env = runner
    text = "# t\n\n```python\nvalue = 41\n```\n\n```sh\ntrue\n```\n\n```python\nvalue += 1\nassert value == 42\nassert value == 43, 'no'\n```\n"
    done = run_blocks(write_doc(cwd, text), cwd, env, cwd)
    assert done.returncode == 1
    assert done.stderr.startswith("doc.md:14: the python block at doc.md:11 failed:")
    assert "assert value == 43, 'no'" in done.stderr and "AssertionError: no" in done.stderr


def test_alone_each_python_block_gets_a_fresh_namespace_so_a_block_that_leans_on_an_earlier_one_fails(runner: tuple[Path, dict[str, str]]) -> None:
    cwd, env = runner
    text = "# t\n\n```python\nvalue = 41\n```\n\n```python\nimport math\nassert math.pi > 3\n```\n\n```python\nvalue += 1\n```\n"
    assert run_blocks(write_doc(cwd, text), cwd, env, cwd).returncode == 0
    done = run_blocks(write_doc(cwd, text), cwd, env, cwd, alone=True)
    assert done.returncode == 1
    assert done.stderr.startswith("doc.md:13: the python block at doc.md:12 failed:") and "NameError" in done.stderr


def test_not_run_blocks_and_other_languages_are_not_executed(runner: tuple[Path, dict[str, str]]) -> None:
    cwd, env = runner
    text = "<!-- not run: would fail here -->\n```sh\nexit 3\n```\n```python\nimport sys\n```\n```text\nexit 4\n```\n"
    done = run_blocks(write_doc(cwd, text), cwd, env, cwd)
    assert done.returncode == 0, done.stderr


def test_a_link_to_a_missing_file_or_heading_is_reported(tmp_path: Path) -> None:
    (tmp_path / "there.md").write_text("# Title\n\n## The `proto_path()` include\n\n## Twice\n\n## Twice\n", encoding="utf-8")
    doc = tmp_path / "doc.md"
    doc.write_text(
        "[ok](there.md) [ok](there.md#the-proto_path-include) [ok](there.md#twice-1) [web](https://example.com/x)\n"
        "[gone](missing.md) `[code](ignored.md)`\n"
        "```text\n[in a block](ignored.md)\n```\n"
        "[bad anchor](there.md#nowhere) [self](#title)\n\n# Title\n\n[ref]: ./also-missing.txt\n",
        encoding="utf-8",
    )
    assert broken_links(doc) == [
        "doc.md:2: missing.md (no such file)",
        "doc.md:6: there.md#nowhere (no heading #nowhere in there.md)",
        "doc.md:10: ./also-missing.txt (no such file)",
    ]
