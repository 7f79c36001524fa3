"""The publisher's names come from one table, ``[tool.kraken-proto]`` in pyproject.toml, checked on read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kraken_proto.generator.errors import SourceError
from kraken_proto.generator.identity import load_identity

ROOT = Path(__file__).resolve().parent.parent


def test_the_committed_identity_is_marked_as_placeholders() -> None:
    identity = load_identity(ROOT)
    assert identity.placeholder is True
    assert identity.go_module == "github.com/kraken-proto/kraken-proto/go"
    assert identity.java_package_prefix == "io.github.krakenproto"


def _copy_with(tmp_path: Path, old: str, new: str) -> Path:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    text = (tmp_path / "pyproject.toml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "pyproject.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


def test_a_second_identity_is_read_as_written(tmp_path: Path) -> None:
    root = _copy_with(tmp_path, 'npm-package = "kraken-proto"', 'npm-package = "@acme/kraken-enums"')
    assert load_identity(root).npm_package == "@acme/kraken-enums"


@pytest.mark.parametrize(
    ("old", "new", "names"),
    [
        ('npm-package = "kraken-proto"', 'npm-package = "Kraken Proto"', "npm-package"),
        ('go-module = "github.com/kraken-proto/kraken-proto/go"', 'go-module = "not a path"', "go-module"),
        ('java-group-id = "io.github.krakenproto"', "", "java-group-id: missing"),
        ("placeholder = true", 'placeholder = "yes"', "placeholder"),
        ("placeholder = true", "placeholder = true\nnpm-scope = 'x'", "unknown key 'npm-scope'"),
    ],
)
def test_a_bad_entry_is_one_error_naming_the_file_and_the_key(tmp_path: Path, old: str, new: str, names: str) -> None:
    root = _copy_with(tmp_path, old, new)
    with pytest.raises(SourceError) as caught:
        load_identity(root)
    assert str(caught.value).startswith(f"{root / 'pyproject.toml'}: ")
    assert names in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_tree_without_the_table_says_what_to_add(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r"no \[tool\.kraken-proto\] table"):
        load_identity(tmp_path)
