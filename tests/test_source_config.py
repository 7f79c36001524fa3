"""``upstream/source.toml`` names the source: generate, check and release all read it; --source overrides it.

Each end-to-end test switches a real copy of the project to an introspection source (the committed
contract exported as SDL by the real CLI, then introspected by graphql-core, with one value added by
hand) and runs the real CLI in a subprocess.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from kraken_proto.generator.errors import SourceError
from kraken_proto.generator.source_config import DEFAULT, SourceConfig, load_source_config, render_source_config

from .conftest import ROOT, run_cli, tree_digest
from .graphql_server import introspection_answer

INTROSPECTION = SourceConfig(path=Path("upstream/live.json"), kind="introspection")


def switch_to_introspection(project: Path, extra_value: str = "SUSPENDED") -> None:
    """The copy's source becomes an introspection of its own contract plus AccountStatus.<extra_value>."""
    exported = run_cli("export-sdl", "--root", str(project))
    assert exported.returncode == 0, exported.stderr
    sdl = exported.stdout.replace("enum AccountStatus {\n", f'enum AccountStatus {{\n  """Suspended by the supplier."""\n  {extra_value}\n', 1)
    assert extra_value in sdl
    (project / INTROSPECTION.path).write_text(json.dumps(introspection_answer(sdl + "\ntype Query { status: AccountStatus }\n")), encoding="utf-8")
    (project / "upstream/source.toml").write_text(render_source_config(INTROSPECTION), encoding="utf-8")


def golden_rows(project: Path, enum: str) -> list[str]:
    return [line for line in (project / "release/contract.tsv").read_text(encoding="utf-8").splitlines() if line.startswith(f"{enum}\t")]


def test_the_bundled_tree_names_the_text_reference_as_its_source() -> None:
    assert load_source_config(ROOT) == SourceConfig(path=Path("upstream/kraken-graphql-enums.txt"), kind="reference-text", partial=False)


def test_a_tree_without_the_config_file_reads_the_text_reference(tmp_path: Path) -> None:
    (tmp_path / "upstream").mkdir()
    assert load_source_config(tmp_path) == DEFAULT == SourceConfig(path=Path("upstream/kraken-graphql-enums.txt"), kind="reference-text")


def test_a_schema_sourced_tree_generates_checks_and_releases_without_source(project: Path) -> None:
    switch_to_introspection(project)
    generated = run_cli("generate", "--root", str(project))
    assert generated.returncode == 0, generated.stderr
    assert "proto/kraken/enums/v1/account_status.proto" in generated.stdout.split()
    checked = run_cli("check", "--root", str(project))
    assert checked.returncode == 0, checked.stderr
    assert not any("SUSPENDED" in row for row in golden_rows(project, "AccountStatus"))
    released = run_cli("release", "--root", str(project))
    assert released.returncode == 0, released.stderr
    suspended = [row for row in golden_rows(project, "AccountStatus") if "\tSUSPENDED\t" in row]
    assert len(suspended) == 1 and "\t9\t" in suspended[0]  # AccountStatus had 1..8: the new value is appended as 9
    again = run_cli("check", "--root", str(project))
    assert again.returncode == 0, again.stderr


def test_source_overrides_the_configured_source_for_one_run(project: Path) -> None:
    switch_to_introspection(project)
    assert run_cli("generate", "--root", str(project)).returncode == 0
    against_text = run_cli("check", "--root", str(project), "--source", str(project / "upstream/kraken-graphql-enums.txt"))
    assert against_text.returncode == 1 and "generated file(s) differ from what generate writes" in against_text.stderr
    assert run_cli("check", "--root", str(project)).returncode == 0  # the config was not changed by the override


def test_a_partial_config_keeps_the_enums_the_source_lacks(project: Path) -> None:
    before = tree_digest(project / "proto")
    sdl = "enum AccountStatus { ACTIVE DORMANT ENROLMENT_ERROR ENROLMENT_REJECTED INCOMPLETE PENDING VOID WITHDRAWN }\ntype Query { s: AccountStatus }\n"
    (project / "upstream/one.json").write_text(json.dumps(introspection_answer(sdl)), encoding="utf-8")
    (project / "upstream/source.toml").write_text(render_source_config(SourceConfig(path=Path("upstream/one.json"), kind="introspection", partial=True)))
    result = run_cli("generate", "--root", str(project))
    assert result.returncode == 0, result.stderr
    assert "deprecated" not in (project / "proto/kraken/enums/v1/referral_status_choices.proto").read_text(encoding="utf-8").lower()
    assert tree_digest(project / "proto").keys() == before.keys()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'path = "upstream/live.json"\nkind = "reference-text"\n',
            "'path' 'upstream/live.json' is read as introspection (by its suffix), but 'kind' says reference-text",
        ),
        ('path = "upstream/live.json"\nkind = "json"\n', "'kind' is 'json' (use one of reference-text, sdl, introspection)"),
        ('path = "../elsewhere/schema.json"\nkind = "introspection"\n', "'path' '../elsewhere/schema.json' must be inside the project"),
        ('path = "upstream/live.json"\nkind = "introspection"\nurl = "https://x"\n', "unknown key(s) url (allowed: path, kind, partial)"),
        ('kind = "introspection"\n', "'path' must name the source file, relative to the project root"),
        ('path = "upstream/live.json"\nkind = "introspection"\npartial = "yes"\n', "'partial' must be true or false"),
        ("path = [\n", "not valid TOML"),
    ],
)
def test_a_bad_config_is_one_error_naming_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "upstream").mkdir()
    (tmp_path / "upstream/source.toml").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_source_config(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'upstream/source.toml'}: ") and message in str(caught.value)


def test_the_cli_refuses_a_bad_config_in_one_line_and_changes_nothing(project: Path) -> None:
    (project / "upstream/source.toml").write_text('path = "upstream/kraken-graphql-enums.txt"\nkind = "sdl"\n', encoding="utf-8")
    before = tree_digest(project)
    result = run_cli("generate", "--root", str(project))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("kraken-proto: error: ") and "upstream/source.toml" in result.stderr
    assert tree_digest(project) == before


def test_the_rendered_config_reads_back_as_written() -> None:
    config = SourceConfig(path=Path("upstream/kraken-schema.json"), kind="introspection", partial=True)
    assert tomllib.loads(render_source_config(config)) == {"path": "upstream/kraken-schema.json", "kind": "introspection", "partial": True}
