"""``generate`` and ``check`` on real copies of the project, with the real buf, protoc and plugins."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from kraken_proto.generator import buf
from kraken_proto.generator.naming import file_stem, value_prefix

from .conftest import ROOT, copy_project, tree_digest

Cli = Callable[..., subprocess.CompletedProcess[str]]


def outputs(root: Path) -> dict[str, str]:
    digest = {f"proto/{k}": v for k, v in tree_digest(root / "proto").items()}
    digest |= {f"gen/{k}": v for k, v in tree_digest(root / "gen").items()}
    digest |= {f"kraken_proto/_generated/{k}": v for k, v in tree_digest(root / "kraken_proto" / "_generated").items()}
    digest |= {f"docs/generated/{k}": v for k, v in tree_digest(root / "docs" / "generated").items()}
    return digest


def test_the_committed_tree_is_exactly_what_generate_writes(project: Path, cli: Cli) -> None:
    before = outputs(project)
    result = cli("generate", "--root", str(project))
    assert result.returncode == 0, result.stderr
    assert "0 file(s) changed" in result.stdout
    assert outputs(project) == before == outputs(ROOT)


def test_generate_from_scratch_twice_gives_byte_identical_trees(tmp_path: Path, cli: Cli) -> None:
    trees = []
    for name in ("one", "two"):
        root = copy_project(tmp_path / name)
        shutil.rmtree(root / "proto")
        shutil.rmtree(root / "gen")
        shutil.rmtree(root / "kraken_proto" / "_generated")
        shutil.rmtree(root / "docs")
        result = cli("generate", "--root", str(root))
        assert result.returncode == 0, result.stderr
        trees.append(outputs(root))
    assert trees[0] == trees[1]
    assert trees[0] == outputs(ROOT)


def test_check_passes_on_the_committed_tree(cli: Cli) -> None:
    result = cli("check")
    assert result.returncode == 0, result.stderr


def test_check_fails_naming_a_generated_file_that_was_edited_by_hand(project: Path, cli: Cli) -> None:
    target = project / "gen" / "kraken" / "enums" / "v1" / "account_status_pb2.pyi"
    target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    result = cli("check", "--root", str(project))
    assert result.returncode == 1
    assert "gen/kraken/enums/v1/account_status_pb2.pyi" in result.stderr


def test_check_fails_when_buf_lint_fails(project: Path, cli: Cli) -> None:
    target = project / "proto" / "kraken" / "enums" / "v1" / "account_status.proto"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("ACCOUNT_STATUS_VOID", "VOID"), encoding="utf-8")
    result = cli("check", "--root", str(project))
    assert result.returncode == 1
    assert "buf lint failed" in result.stderr and "VOID" in result.stderr


def test_buf_lint_passes_and_buf_format_changes_nothing() -> None:
    buf.run(["lint"], cwd=ROOT)
    assert buf.run(["format", "-d", "--exit-code"], cwd=ROOT) == ""


def test_buf_lint_is_configured_with_standard_and_comment_enum_and_no_ignores() -> None:
    config = (ROOT / "buf.yaml").read_text(encoding="utf-8")
    assert re.search(r"use:\s*\n\s*- STANDARD\s*\n\s*- COMMENT_ENUM\s*\n", config)
    assert "ignore" not in config


def test_one_enum_per_file_named_after_it_in_the_kraken_enums_v1_package() -> None:
    files = sorted((ROOT / "proto" / "kraken" / "enums" / "v1").glob("*.proto"))
    assert len(files) == 75  # 74 enums and the options
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "package kraken.enums.v1;" in text
        if path.name == "options.proto":
            continue
        (name,) = re.findall(r"^enum (\w+) \{", text, re.MULTILINE)
        assert path.name == f"{file_stem(name)}.proto"
        zero = re.findall(r"^  (\w+) = 0;", text, re.MULTILINE)
        assert zero == [f"{value_prefix(name)}UNSPECIFIED"]
        for value in re.findall(r"^  (\w+) = \d+", text, re.MULTILINE):
            assert value.startswith(value_prefix(name))
        assert re.search(r"^// .+\nenum ", text, re.MULTILINE), f"{path.name}: enum has no leading comment"
        assert f'option (graphql_name) = "{name}";' in text


def test_every_value_upstream_documents_has_a_leading_comment() -> None:
    from kraken_proto.generator.pipeline import load_upstream

    for enum in load_upstream(ROOT).enums:
        text = (ROOT / "proto" / "kraken" / "enums" / "v1" / f"{file_stem(enum.graphql_name)}.proto").read_text(encoding="utf-8")
        for value in enum.values:
            if not value.description:
                continue
            line = f"{value_prefix(enum.graphql_name)}{value.graphql_value.upper()} = "
            before = text[: text.index(line)].rstrip("\n ").rsplit("\n", 1)[-1]
            assert before.lstrip().startswith("//"), f"{enum.graphql_name}.{value.graphql_value} has no comment"


@pytest.mark.parametrize("name", ["APIBrownoutStatus", "TextStyleV1", "HTTP2ServerState", "ABCDef", "A", "SmartFlexV2GState"])
def test_the_prefix_rule_agrees_with_buf_lint(tmp_path: Path, name: str) -> None:
    (tmp_path / "buf.yaml").write_text("version: v2\nlint:\n  use: [STANDARD]\n", encoding="utf-8")
    package = tmp_path / "t" / "v1"
    package.mkdir(parents=True)
    (package / f"{file_stem(name)}.proto").write_text(
        f'syntax = "proto3";\n\npackage t.v1;\n\nenum {name} {{\n  {value_prefix(name)}UNSPECIFIED = 0;\n  {value_prefix(name)}X1 = 1;\n}}\n',
        encoding="utf-8",
    )
    buf.run(["lint"], cwd=tmp_path)
