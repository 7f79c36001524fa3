"""The publisher's names come from one table, ``[tool.kraken-proto]`` in pyproject.toml, checked on read;
``generate`` writes them into every place that carries one, and ``check`` holds the released ones.

The scratch copies are real: a second identity is set by editing pyproject.toml, the real CLI runs
``generate``, ``check`` and ``release`` in a subprocess, and the renamed Go module goes through ``go vet``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from kraken_proto.generator.errors import SourceError
from kraken_proto.generator.identity import load_identity
from kraken_proto.generator.outputs import OUTPUTS

from .conftest import copy_project, run_cli, tree_digest

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


# --- generate and check: every place that carries a publisher's name follows the table -----------------

ACME = {
    "python-distribution": "acme-kraken-enums",
    "npm-package": "@acme/kraken-enums",
    "go-module": "git.acme.example/platform/kraken-enums/go",
    "java-group-id": "com.acme.platform",
    "java-package-prefix": "com.acme.platform.proto",
    "repository-url": "https://git.acme.example/platform/kraken-enums",
}
"""A second publisher's names, written by hand (none of them shares a substring with the placeholders)."""
OLD_GO = "github.com/kraken-proto/kraken-proto/go"
OLD_JAVA = "io.github.krakenproto"


def set_identity(root: Path, names: dict[str, str]) -> None:
    """Rewrite the values of ``[tool.kraken-proto]`` in ``root/pyproject.toml`` as a publisher would, by hand."""
    path = root / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    table = text.index("[tool.kraken-proto]")
    end = text.index("\n[", table + 1)
    section = text[table:end]
    for key, value in names.items():
        section, count = re.subn(rf'^{re.escape(key)} = "[^"]*"$', f'{key} = "{value}"', section, flags=re.MULTILINE)
        assert count == 1, key
    path.write_text(text[:table] + section.replace("placeholder = true", "placeholder = false") + text[end:], encoding="utf-8")


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project whose table names ACME, after one ``generate``."""
    root = copy_project(tmp_path_factory.mktemp("renamed") / "project")
    set_identity(root, ACME)
    result = run_cli("generate", cwd=root)
    assert result.returncode == 0, result.stderr
    return root


def changed_lines(before: Path, after: Path) -> list[tuple[str, str]]:
    old, new = before.read_text(encoding="utf-8").splitlines(), after.read_text(encoding="utf-8").splitlines()
    assert len(old) == len(new), f"{after}: lines were added or removed"
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_generate_writes_the_new_names_and_repository_into_the_npm_and_python_metadata_and_nothing_else(renamed: Path) -> None:
    assert changed_lines(ROOT / "package.json", renamed / "package.json") == [
        ('  "name": "kraken-proto",', '  "name": "@acme/kraken-enums",'),
        ('    "url": "git+https://github.com/kraken-proto/kraken-proto.git",', '    "url": "git+https://git.acme.example/platform/kraken-enums.git",'),
    ]
    assert changed_lines(ROOT / "package-lock.json", renamed / "package-lock.json") == [
        ('  "name": "kraken-proto",', '  "name": "@acme/kraken-enums",'),
        ('      "name": "kraken-proto",', '      "name": "@acme/kraken-enums",'),
    ]
    pyproject = tomllib.loads((renamed / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["name"] == "acme-kraken-enums"
    assert ('name = "kraken-proto"', 'name = "acme-kraken-enums"') in changed_lines(ROOT / "pyproject.toml", renamed / "pyproject.toml")
    assert pyproject["project"]["urls"] == {
        "Homepage": "https://git.acme.example/platform/kraken-enums",
        "Source": "https://git.acme.example/platform/kraken-enums",
        "Documentation": "https://git.acme.example/platform/kraken-enums/tree/main/docs",
        "Changelog": "https://git.acme.example/platform/kraken-enums/blob/main/CHANGELOG.md",
    }


def test_a_project_url_outside_the_repository_is_the_publishers_and_stays(project: Path) -> None:
    """Only links under ``Source`` (the repository) move with repository-url; a website elsewhere is kept."""
    text = (project / "pyproject.toml").read_text(encoding="utf-8")
    text = text.replace('Homepage = "https://github.com/kraken-proto/kraken-proto"', 'Homepage = "https://enums.example.org/kraken"')
    (project / "pyproject.toml").write_text(text, encoding="utf-8")
    set_identity(project, ACME)
    assert run_cli("generate", cwd=project).returncode == 0
    urls = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert urls["Homepage"] == "https://enums.example.org/kraken" and urls["Source"] == ACME["repository-url"]


def test_generate_stops_in_one_line_when_project_urls_has_no_source(project: Path) -> None:
    text = (project / "pyproject.toml").read_text(encoding="utf-8")
    (project / "pyproject.toml").write_text(text.replace('Source = "https://github.com/kraken-proto/kraken-proto"\n', ""), encoding="utf-8")
    before = tree_digest(project)
    result = run_cli("generate", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        'kraken-proto: error: pyproject.toml: no Source in [project.urls] to write repository-url into (add Source = "https://github.com/kraken-proto/kraken-proto")'
    ]
    assert tree_digest(project) == before


def test_generate_moves_the_go_module_path_and_the_managed_mode_prefixes(renamed: Path) -> None:
    assert changed_lines(ROOT / "go" / "go.mod", renamed / "go" / "go.mod") == [(f"module {OLD_GO}", "module git.acme.example/platform/kraken-enums/go")]
    imports = (renamed / "go" / "krakenproto" / "example_test.go").read_text(encoding="utf-8")
    assert '\tenumsv1 "git.acme.example/platform/kraken-enums/go/kraken/enums/v1"\n' in imports
    assert '\t"git.acme.example/platform/kraken-enums/go/krakenproto"\n' in imports
    for template in ("generated/buf.gen.go.yaml", "generated/buf.gen.java.yaml"):
        text = (renamed / template).read_text(encoding="utf-8")
        assert "value: git.acme.example/platform/kraken-enums/go\n" in text and "value: com.acme.platform.proto\n" in text
    # protoc-gen-go wrote the new go_package into the descriptor embedded in every generated file
    generated = (renamed / "go" / "kraken" / "enums" / "v1" / "account_status.pb.go").read_text(encoding="utf-8")
    raw = bytes(int(b, 16) for b in re.findall(r"0x([0-9a-f]{2})", generated.split("_rawDesc = []byte{", 1)[1].split("}", 1)[0]))
    assert b"git.acme.example/platform/kraken-enums/go/kraken/enums/v1" in raw and b"com.acme.platform.proto.kraken.enums.v1" in raw


def _old_in_go_descriptor(path: Path) -> bool:
    """protoc-gen-go writes the embedded descriptor as hex bytes, where a plain search cannot see the old path."""
    if not path.name.endswith(".pb.go"):
        return False
    raw = bytes(int(b, 16) for b in re.findall(r"0x([0-9a-f]{2})", path.read_text(encoding="utf-8")))
    return OLD_GO.encode() in raw or OLD_JAVA.encode() in raw


def test_no_output_of_generate_keeps_the_old_go_module_path_or_java_package(renamed: Path) -> None:
    stale = [
        path.relative_to(renamed).as_posix()
        for output in OUTPUTS
        for path in ([renamed / output] if (renamed / output).is_file() else sorted((renamed / output).rglob("*")))
        if path.is_file() and (OLD_GO.encode() in path.read_bytes() or OLD_JAVA.encode() in path.read_bytes() or _old_in_go_descriptor(path))
    ]
    assert stale == []


def test_the_renamed_go_module_builds_and_vets_with_the_real_go_command(renamed: Path, tmp_path: Path) -> None:
    from .test_go import DEBIAN_PROTOBUF, go, go_env

    (tmp_path / "go.work").write_text(f"go 1.18\n\nuse {renamed / 'go'}\n\nreplace google.golang.org/protobuf => {DEBIAN_PROTOBUF}\n", encoding="utf-8")
    result = subprocess.run([go(), "vet", "./..."], cwd=renamed / "go", env=go_env(tmp_path), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]


def test_check_refuses_a_tree_whose_names_differ_from_the_released_ones_naming_each_key_and_both_values(renamed: Path) -> None:
    result = run_cli("check", cwd=renamed)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 5, result.stderr  # the repository URL is metadata, not a released name
    go_line = next(line for line in lines if "go-module" in line)
    assert go_line.startswith(f"kraken-proto: error: check: go-module was released as '{OLD_GO}' (release/identity.toml) but pyproject.toml")
    assert "says 'git.acme.example/platform/kraken-enums/go'" in go_line and "first release" in go_line
    assert all("generated file" not in line for line in lines)  # every derived place agrees with the table


def test_a_fork_that_renames_makes_its_own_first_release_which_records_its_names(renamed: Path, tmp_path: Path) -> None:
    fork = tmp_path / "fork"
    shutil.copytree(renamed, fork, symlinks=True)
    shutil.rmtree(fork / "release")  # a fork starts its own history: no release/, no changelog of the original
    (fork / "CHANGELOG.md").unlink(missing_ok=True)
    released = run_cli("release", "--first", cwd=fork)
    assert released.returncode == 0, released.stderr
    recorded = tomllib.loads((fork / "release" / "identity.toml").read_text(encoding="utf-8"))
    assert recorded == {key: value for key, value in ACME.items() if key != "repository-url"}
    result = run_cli("check", cwd=fork)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        ("package.json", '"name": "kraken-proto"', '"name": "kraken-proto-fork"'),
        ("go/go.mod", f"module {OLD_GO}", "module example.org/other/go"),
        ("generated/buf.gen.java.yaml", f"value: {OLD_JAVA}\n", "value: org.example\n"),
    ],
)
def test_check_fails_when_a_place_derived_from_the_table_was_edited_by_hand(project: Path, path: str, old: str, new: str) -> None:
    text = (project / path).read_text(encoding="utf-8")
    assert old in text
    (project / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"kraken-proto: error: check: 1 generated file(s) differ from what generate writes: {path} (run kraken-proto generate and commit)"
    ]


def test_check_refuses_a_release_without_its_recorded_names(project: Path) -> None:
    (project / "release" / "identity.toml").unlink()
    before = tree_digest(project)
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "kraken-proto: error: check: release/identity.toml is missing: the names consumers import by were not recorded (restore it from version control)"
    ]
    refused = run_cli("release", cwd=project)
    assert refused.returncode == 1 and "release/identity.toml is missing" in refused.stderr
    assert tree_digest(project) == before  # the refused release wrote nothing


def test_generate_with_a_bad_table_names_the_projects_pyproject_and_changes_nothing(project: Path) -> None:
    text = (project / "pyproject.toml").read_text(encoding="utf-8")
    (project / "pyproject.toml").write_text(text.replace(f'go-module = "{OLD_GO}"', 'go-module = "Not A Path"'), encoding="utf-8")
    before = tree_digest(project)
    result = run_cli("generate", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"kraken-proto: error: {project / 'pyproject.toml'}: [tool.kraken-proto] go-module: 'Not A Path' is not valid (set go-module to the name you publish under)"
    ]
    assert tree_digest(project) == before


def test_generate_stops_in_one_line_when_a_place_has_no_name_to_rewrite(project: Path) -> None:
    text = (project / "go" / "go.mod").read_text(encoding="utf-8")
    (project / "go" / "go.mod").write_text(text.replace(f"module {OLD_GO}\n", ""), encoding="utf-8")
    before = tree_digest(project)
    result = run_cli("generate", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"kraken-proto: error: go/go.mod: no `module` line to write the Go module path into (restore it: module {OLD_GO})"]
    assert tree_digest(project) == before
