"""The recipe of docs/maintainers.md: ``docs/recipes/scheduled-update.sh`` run for real in a scratch git repository.

The script runs the real ``kraken-proto update`` against a local GraphQL server (graphql-core over the
committed contract exported as SDL, plus one new value), with ``CREATE_PR=0`` so that no push and no
``gh`` is needed; everything up to the commit and the pull request body is real.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from . import graphql_server as hostile
from .conftest import ROOT, copy_project, run_cli
from .graphql_server import Endpoint

SCRIPT = ROOT / "docs/recipes/scheduled-update.sh"


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[tuple[Path, Endpoint]]:
    repo = copy_project(tmp_path / "repo")
    shutil.copytree(ROOT / "docs/recipes", repo / "docs/recipes", dirs_exist_ok=True)
    (repo / ".gitignore").write_text("node_modules\n.generate-*\n__pycache__/\n", encoding="utf-8")
    git("init", "--quiet", "--initial-branch", "main", cwd=repo)
    git("config", "user.name", "Scheduled update", cwd=repo)
    git("config", "user.email", "update@example.invalid", cwd=repo)
    git("add", "--all", cwd=repo)
    git("commit", "--quiet", "--message", "the bundled contract", cwd=repo)
    exported = run_cli("export-sdl", "--root", str(repo))
    assert exported.returncode == 0, exported.stderr
    sdl = exported.stdout.replace("enum AccountStatus {\n", 'enum AccountStatus {\n  """Suspended by the supplier."""\n  SUSPENDED\n', 1)
    with Endpoint(sdl + "\ntype Query { s: AccountStatus }\n") as endpoint:
        yield repo, endpoint


def run_script(repo: Path, url: str, body: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KRAKEN_")} | {
        "KRAKEN_GRAPHQL_URL": url,
        "KRAKEN_PROTO": str(ROOT / ".venv/bin/kraken-proto"),
        "PR_BODY": str(body),
        "UPDATE_BRANCH": "kraken-proto/update-test",
        "CREATE_PR": "0",
    }
    return subprocess.run(["bash", str(SCRIPT)], cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def test_a_changed_schema_gives_a_branch_a_commit_and_a_markdown_pull_request_body(repository: tuple[Path, Endpoint], tmp_path: Path) -> None:
    repo, endpoint = repository
    body = tmp_path / "body.md"
    result = run_script(repo, endpoint.url, body)
    assert result.returncode == 0, result.stdout + result.stderr
    assert git("branch", "--show-current", cwd=repo).strip() == "kraken-proto/update-test"
    changed = git("show", "--name-only", "--format=", "HEAD", cwd=repo).split()
    assert {"upstream/kraken-schema.json", "upstream/source.toml", "upstream/corrections.toml", "proto/kraken/enums/v1/account_status.proto"} <= set(changed)
    assert git("status", "--porcelain", cwd=repo) == ""  # everything update changed was committed
    text = body.read_text(encoding="utf-8")
    assert "### `AccountStatus`" in text and "added value `SUSPENDED` = 9 (`ACCOUNT_STATUS_SUSPENDED`)" in text
    assert "`[[missing_value]]` `ExternalAccountEventSubCategory` `WHATSAPP`" in text
    assert run_cli("check", "--root", str(repo)).returncode == 0

    again = run_script(repo, endpoint.url, tmp_path / "again.md")
    assert again.returncode == 0 and "nothing to do" in again.stdout
    assert git("rev-list", "--count", "HEAD", cwd=repo).strip() == "2" and not (tmp_path / "again.md").exists()


def test_a_failed_update_makes_no_branch_and_no_commit(repository: tuple[Path, Endpoint], tmp_path: Path) -> None:
    repo, endpoint = repository
    endpoint.respond = hostile.introspection_disabled
    result = run_script(repo, endpoint.url, tmp_path / "body.md")
    assert result.returncode == 1
    assert f"kraken-proto: error: {endpoint.url}: the server answered with errors" in result.stderr and "nothing was changed" in result.stderr
    assert git("branch", "--show-current", cwd=repo).strip() == "main" and git("status", "--porcelain", cwd=repo) == ""
    assert not (tmp_path / "body.md").exists()
