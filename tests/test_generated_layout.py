"""Generated apart from hand-written: the folder alone tells a reader whether a file is written by ``generate``.

The rule is read from the outputs table (:mod:`kraken_proto.generator.outputs`): whatever ``generate`` or
``release`` writes whole is a folder of its own (``GENERATED``); the few hand-written files they touch
only have one name, the version or a changelog section rewritten in place (``EDITED_IN_PLACE``). Git's
attributes and ruff's exclusions must say the same, and the public import paths of the generated Python
keep working, with the very same objects.
"""

from __future__ import annotations

import inspect
import pickle
import pydoc
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import kraken_proto
import kraken_proto._generated.enums
import kraken_proto._generated.graphql
import kraken_proto.enums
import kraken_proto.graphql
from kraken_proto.generator.outputs import EDITED_IN_PLACE, GENERATED, OUTPUTS, RELEASE_OUTPUTS

from .conftest import ROOT, run_cli


def _under(path: str, folders: tuple[Path, ...]) -> bool:
    return any(path.startswith(f"{folder.as_posix()}/") for folder in folders)


def tracked_files() -> list[str]:
    result = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [line for line in result.stdout.splitlines() if (ROOT / line).is_file()]


def test_everything_generate_and_release_write_is_a_generated_folder_or_a_hand_written_file_edited_in_place() -> None:
    for path in (*OUTPUTS, *RELEASE_OUTPUTS):
        assert (path in GENERATED) != (path in EDITED_IN_PLACE), path
    for folder in GENERATED:
        assert (ROOT / folder).is_dir(), f"{folder} is generated whole, so it must be a folder of its own, not a file among hand-written ones"
        assert not _under(folder.as_posix(), tuple(other for other in GENERATED if other != folder)), f"{folder} lies in another generated folder"
    for path in EDITED_IN_PLACE:
        assert (ROOT / path).exists() and not _under(path.as_posix(), GENERATED), f"{path} is hand-written: it must live outside the generated folders"


def test_git_attributes_mark_exactly_the_files_under_the_generated_folders_as_generated() -> None:
    files = tracked_files()
    result = subprocess.run(
        ["git", "check-attr", "--stdin", "linguist-generated"], cwd=ROOT, input="\n".join(files) + "\n", capture_output=True, text=True, check=True
    )
    marked = {line.rsplit(": linguist-generated: ", 1)[0] for line in result.stdout.splitlines() if line.endswith(": linguist-generated: set")}
    expected = {path for path in files if _under(path, GENERATED)}
    assert marked == expected, f"marked but hand-written: {sorted(marked - expected)[:5]}; generated but not marked: {sorted(expected - marked)[:5]}"
    assert expected, "the generated folders hold files"


def test_ruff_leaves_out_exactly_the_generated_folders(tmp_path: Path) -> None:
    excluded = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["extend-exclude"]
    assert {pattern for pattern in excluded if not pattern.startswith("*.")} == {folder.as_posix() for folder in GENERATED}
    # The real ruff, on the project's settings: an unused import in each generated folder, and one in hand-written code.
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for folder in (*GENERATED, Path("kraken_proto"), Path("go")):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "unused_import.py").write_text("import os\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."], cwd=tmp_path, capture_output=True, text=True
    )
    reported = {line.split(":", 1)[0] for line in result.stdout.splitlines() if ":" in line and line.endswith("`os` imported but unused")}
    assert reported == {"kraken_proto/unused_import.py", "go/unused_import.py"}, result.stdout + result.stderr


def test_check_fails_naming_a_hand_written_file_put_in_a_generated_folder(project: Path) -> None:
    (project / "kraken_proto" / "_generated" / "helpers.py").write_text("HELP = 1\n", encoding="utf-8")
    (project / "docs" / "generated" / "notes.md").write_text("# Notes\n", encoding="utf-8")
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "docs/generated/notes.md" in result.stderr and "kraken_proto/_generated/helpers.py" in result.stderr, result.stderr


def test_the_public_modules_export_the_generated_names_as_the_same_objects() -> None:
    for public, generated in ((kraken_proto.enums, kraken_proto._generated.enums), (kraken_proto.graphql, kraken_proto._generated.graphql)):
        assert public.__all__ == generated.__all__ and len(public.__all__) == len(kraken_proto.enum_names())
        for name in public.__all__:
            assert getattr(public, name) is getattr(generated, name), f"{public.__name__}.{name}"
        assert set(public.__all__) <= set(dir(public))
    assert kraken_proto.graphql is kraken_proto.__getattr__("graphql")


def test_every_graphql_member_pickles_to_itself_and_earlier_pickles_naming_the_public_module_still_load() -> None:
    for name in kraken_proto.graphql.__all__:
        for member in getattr(kraken_proto.graphql, name):
            assert pickle.loads(pickle.dumps(member)) is member
    # What a release before the move wrote: the class by its public module and name, called with the value.
    earlier = b"ckraken_proto.graphql\nAccountStatus\n(VACTIVE\ntR."
    assert pickle.loads(earlier) is kraken_proto.graphql.AccountStatus.ACTIVE


def test_source_tools_find_a_generated_class_and_pydoc_lists_it_under_its_public_module() -> None:
    account_status = kraken_proto.graphql.AccountStatus
    assert inspect.getsource(account_status).startswith("class AccountStatus(_graphql_enum.GraphQLEnum):")
    assert Path(inspect.getsourcefile(account_status) or "").parent.name == "_generated"
    text = pydoc.plain(pydoc.render_doc(kraken_proto.graphql, renderer=pydoc.TextDoc()))
    assert "class AccountStatus(" in text and "ReferralStatusChoices" in text


def test_importing_the_public_enums_module_loads_no_protobuf_until_an_enum_class_is_used() -> None:
    probe = (
        "import sys, kraken_proto.enums\n"
        "print(sorted(m for m in sys.modules if m.startswith(('google.protobuf', 'kraken.'))))\n"
        "kraken_proto.enums.AccountStatus\n"
        "print('kraken.enums.v1.account_status_pb2' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[]", "True"]
