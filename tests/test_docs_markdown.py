"""``docs/generated/enums.md``: generated, checked for drift, and saying what the descriptors say."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from kraken_proto import enum_names, get
from kraken_proto.generator.docs_markdown import render_markdown
from kraken_proto.generator.model import Contract, ContractEnum, ContractValue

from .conftest import ROOT

Cli = Callable[..., subprocess.CompletedProcess[str]]
DOCS = ROOT / "docs" / "generated" / "enums.md"
CELL_SEPARATOR = re.compile(r"(?<!\\)\|")


def sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (\w+)\n", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def rows(section: str) -> list[list[str]]:
    table = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith(("| number", "| ---"))]
    return [[cell.strip() for cell in CELL_SEPARATOR.split(line)[1:-1]] for line in table]


def test_one_section_per_enum_with_a_row_per_value_as_the_descriptors_say() -> None:
    found = sections(DOCS.read_text(encoding="utf-8"))
    assert list(found) == list(enum_names())
    for name, section in found.items():
        mapping = get(name)
        table = rows(section)
        assert all(len(row) == 5 for row in table), name
        assert [int(row[0]) for row in table] == [0, *mapping.numbers()]
        assert [row[1].strip("`") for row in table] == [mapping.proto_name(n) for n in (0, *mapping.numbers())]
        assert [row[2].strip("`") for row in table[1:]] == list(mapping.strings())
        assert [row[4].startswith("yes") for row in table[1:]] == [info.deprecated for info in mapping.values()]


def test_descriptions_are_in_the_tables_and_under_the_headings() -> None:
    found = sections(DOCS.read_text(encoding="utf-8"))
    status = rows(found["AccountStatus"])
    assert status[6][3] == "A pending account is one that has been created but no registrations have started."
    assert found["APIBrownoutStatus"].startswith("\nPossible API Brownout statuses.\n")
    assert "Upstream gives no description." in found["AccountStatus"]
    assert rows(found["PreferencesUnitChoices"])[3][4] == "yes: Upstream says PERCENTAGE should be used instead."


def test_markup_in_upstream_prose_cannot_break_a_table_row() -> None:
    value = ContractValue(
        number=1,
        proto_name="X_A",
        graphql_value="A",
        description="Use a | b <b>bold</b>\nSecond paragraph with snake_case_name.",
        deprecated=True,
        deprecation_reason="Gone | away",
    )
    text = render_markdown(Contract(enums=(ContractEnum(graphql_name="X", values=(value,), description="An *enum*."),)))
    (row,) = rows(sections(text)["X"])[1:]
    assert row == ["1", "`X_A`", "`A`", "Use a \\| b &lt;b&gt;bold&lt;/b&gt;<br>Second paragraph with snake\\_case\\_name.", "yes: Gone \\| away"]
    assert "An \\*enum\\*." in text


def test_check_fails_when_the_markdown_reference_is_edited_by_hand(project: Path, cli: Cli) -> None:
    target = project / "docs" / "generated" / "enums.md"
    target.write_text(target.read_text(encoding="utf-8").replace("Possible API Brownout statuses.", "Edited."), encoding="utf-8")
    result = cli("check", "--root", str(project))
    assert result.returncode == 1
    assert "docs/generated/enums.md" in result.stderr


def test_generate_restores_a_deleted_markdown_reference(project: Path, cli: Cli) -> None:
    shutil.rmtree(project / "docs")  # the whole folder, whatever else docs/ holds
    result = cli("generate", "--root", str(project))
    assert result.returncode == 0, result.stderr
    assert "docs/generated/enums.md" in result.stdout
    assert (project / "docs" / "generated" / "enums.md").read_bytes() == DOCS.read_bytes()


def test_the_readme_links_the_markdown_reference() -> None:
    assert "](docs/generated/enums.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
