"""A bad upstream document makes generate fail in one clear line and changes nothing on disk."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import SOURCE, tree_digest

Cli = Callable[..., subprocess.CompletedProcess[str]]
TEXT = SOURCE.read_text(encoding="utf-8")


def cut_mid_block() -> bytes:
    block = TEXT.index("ReferralStatusChoices\n")
    return TEXT[: block + len("ReferralStatusChoices\nAn enumeration.\nValues\nCancelled\n")].encode()


CASES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", ":1: the document is empty"),
    "cut off mid-block": (cut_mid_block(), "ReferralStatusChoices has no 'Example' line"),
    "an enum listed twice": ((TEXT.rstrip("\n") + '\nAPIBrownoutStatus\nDup.\nValues\nX\nExample\n"X"\n').encode(), "enum APIBrownoutStatus is listed twice"),
    "a value listed twice": (
        TEXT.replace("ABORTED\nCANCELLED\n", "ABORTED\nCANCELLED\nABORTED\n", 1).encode(),
        "value ABORTED of APIBrownoutStatus is listed twice",
    ),
    "Example before Values": (
        TEXT.replace("Possible API Brownout statuses.\nValues\n", 'Possible API Brownout statuses.\nExample\n"X"\nValues\n', 1).encode(),
        "'Example' before 'Values' in enum APIBrownoutStatus",
    ),
    "bytes that are not UTF-8": (TEXT.encode().replace(b"Possible API Brownout", b"Possible \xff\xfe Brownout", 1), ":4: byte 0xff is not UTF-8"),
    "an example that is no value": (
        TEXT.replace('"SCHEDULED"', '"NOT_A_VALUE"', 1).encode(),
        "the example 'NOT_A_VALUE' of APIBrownoutStatus is not one of its values",
    ),
    "a stale correction": (TEXT.replace("Values\nPOSTAL_MAIL\n", "Values\nEMAIL\nPOSTAL_MAIL\n").encode(), "remove this correction"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_malformed_document_fails_in_one_line_naming_file_and_problem_and_changes_nothing(project: Path, cli: Cli, tmp_path: Path, case: str) -> None:
    data, expected = CASES[case]
    source = tmp_path / "reference.txt"
    source.write_bytes(data)
    before = tree_digest(project)
    result = cli("generate", "--root", str(project), "--source", str(source))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("kraken-proto: error: ")
    assert expected in result.stderr
    if case != "a stale correction":
        assert str(source) in result.stderr
    assert tree_digest(project) == before


def test_the_bundled_document_replaced_by_a_broken_one_changes_nothing_either(project: Path, cli: Cli) -> None:
    (project / "upstream/kraken-graphql-enums.txt").write_bytes(cut_mid_block())
    before = tree_digest(project)
    result = cli("generate", "--root", str(project))
    assert result.returncode == 1 and "upstream/kraken-graphql-enums.txt:" in result.stderr
    assert tree_digest(project) == before


def test_a_failure_in_code_generation_after_rendering_changes_nothing(project: Path, cli: Cli) -> None:
    """The last step (buf generate) fails: the staged protos must not have been swapped in."""
    gen_yaml = project / "buf.gen.yaml"
    gen_yaml.write_text(gen_yaml.read_text(encoding="utf-8").replace("protoc-gen-mypy", "protoc-gen-does-not-exist"), encoding="utf-8")
    (project / "upstream/kraken-graphql-enums.txt").write_text(TEXT.replace("SCHEDULED\nExample", "SCHEDULED\nZULU\nExample", 1), encoding="utf-8")
    before = tree_digest(project)
    result = cli("generate", "--root", str(project))
    assert result.returncode == 1 and "buf generate failed" in result.stderr
    assert result.stderr.count("\n") == 1
    assert tree_digest(project) == before
    assert not list(project.glob(".generate-*"))


def test_a_missing_source_file_is_a_clear_error(project: Path, cli: Cli, tmp_path: Path) -> None:
    result = cli("generate", "--root", str(project), "--source", str(tmp_path / "nope.txt"))
    assert result.returncode == 1 and "nope.txt: cannot read the file" in result.stderr
