"""The built wheel, installed into a fresh virtualenv: what a downstream service actually gets.

``python -m build --wheel --no-isolation`` (hatchling is pinned in the dev extra, so this is offline),
then ``pip install`` of that wheel into a new venv that cannot see this checkout. Everything below runs
the venv's own interpreter or entry points from a directory outside the checkout.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from google.protobuf import descriptor_pb2

import kraken_proto

from .conftest import ROOT, make_venv, tree_digest
from .consumer import FILES, protoc


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{command}: {result.stderr}"
    return result


@pytest.fixture(scope="module")
def venv(wheel_venv: Path) -> Path:
    """A new venv with only the wheel (and its one dependency, protobuf) installed; its bin/ directory."""
    return wheel_venv


def in_venv(bin_dir: Path, code: str) -> str:
    return run(bin_dir / "python", "-I", "-c", code, cwd=bin_dir.parent).stdout


def test_proto_path_of_the_installed_wheel_is_inside_the_package_and_holds_every_proto(venv: Path) -> None:
    facts = json.loads(
        in_venv(
            venv,
            "import json, kraken_proto; p = kraken_proto.proto_path(); "
            "print(json.dumps([str(p), str(p.parent), sorted(x.relative_to(p).as_posix() for x in p.rglob('*.proto'))]))",
        )
    )
    path, package, files = Path(facts[0]), Path(facts[1]), facts[2]
    assert path.is_relative_to(venv.parent) and "site-packages" in path.parts and package.name == "kraken_proto"
    assert not path.is_relative_to(ROOT)
    assert files == sorted(p.relative_to(ROOT / "proto").as_posix() for p in (ROOT / "proto").rglob("*.proto"))
    assert "kraken/enums/v1/options.proto" in files


def test_a_consumer_compiles_with_protoc_against_the_installed_proto_path(venv: Path, tmp_path: Path) -> None:
    installed = Path(in_venv(venv, "import kraken_proto; print(kraken_proto.proto_path())").strip())
    result = protoc(f"-o{tmp_path / 'consumer.binpb'}", "--include_imports", *FILES, include=installed)
    assert result.returncode == 0, result.stderr
    names = {f.name for f in descriptor_pb2.FileDescriptorSet.FromString((tmp_path / "consumer.binpb").read_bytes()).file}
    assert {"kraken/enums/v1/account_status.proto", "kraken/enums/v1/options.proto", *FILES} <= names


def test_the_installed_package_converts_and_exports_without_grpc_or_the_generator(venv: Path, tmp_path: Path) -> None:
    out = in_venv(
        venv,
        "import sys, kraken_proto, kraken_proto.json_format, kraken_proto.enums; "
        "print(kraken_proto.to_string('ReferralStatusChoices', 1), 'grpc' in sys.modules, 'kraken_proto.generator' in sys.modules)",
    )
    assert out.split() == ["Cancelled", "False", "False"]
    exported = tmp_path / "kraken.binpb"
    run(venv / "kraken-proto", "export-descriptors", "-o", exported, cwd=tmp_path)
    own = in_venv(venv, "import sys, kraken_proto; sys.stdout.write(kraken_proto.file_descriptor_set().hex())")
    assert exported.read_bytes() == bytes.fromhex(own)
    # the contract's files are the checkout's; google/protobuf/descriptor.proto is the installed runtime's own
    # ours first: it loads the *_pb2 modules, which register the custom options, so that both sets parse them
    # as extensions (parsed before, theirs would hold them as unknown fields and compare unequal)
    ours = {f.name: f for f in descriptor_pb2.FileDescriptorSet.FromString(kraken_proto.file_descriptor_set()).file}
    theirs = {f.name: f for f in descriptor_pb2.FileDescriptorSet.FromString(exported.read_bytes()).file}
    assert list(theirs) == list(ours)
    assert all(theirs[name] == ours[name] for name in ours if name.startswith("kraken/"))


@pytest.mark.parametrize("command", ["generate", "check", "release", "export-sdl"])
def test_a_checkout_command_without_the_dev_extra_says_what_it_needs_in_one_line(venv: Path, command: str, project: Path) -> None:
    """A plain ``pip install`` of the wheel has no graphql-core (nor buf): one line, not a traceback."""
    before = tree_digest(project)
    result = subprocess.run([str(venv / "kraken-proto"), command, "--root", str(project)], cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        f"kraken-proto: error: {command} needs a checkout of kraken-proto with its dev extra installed "
        "(in the checkout: bash .ci/bootstrap, or pip install -e '.[dev]'); missing: graphql\n"
    )
    assert tree_digest(project) == before


def test_the_installed_package_imports_no_generated_module_until_an_enum_is_used(venv: Path) -> None:
    out = in_venv(
        venv,
        "import sys, kraken_proto; before = sorted(m for m in sys.modules if m.endswith('_pb2')); "
        "kraken_proto.get('AccountStatus'); after = sorted(m for m in sys.modules if m.endswith('_pb2')); print(before, after)",
    )
    assert out.strip() == (  # import kraken_proto loads no protobuf module at all (a Ctrl-C during start-up is one line)
        "[] ['google.protobuf.descriptor_pb2', 'kraken.enums.v1.account_status_pb2', 'kraken.enums.v1.options_pb2']"
    )


def test_the_installed_wheel_exports_json_schema_and_avro_with_neither_jsonschema_nor_fastavro(venv: Path, tmp_path: Path) -> None:
    missing = in_venv(venv, "import importlib.util as u; print([m for m in ('jsonschema', 'fastavro', 'graphql') if u.find_spec(m)])")
    assert missing.strip() == "[]"
    run(venv / "kraken-proto", "export-jsonschema", "-o", tmp_path / "wheel.schema.json", cwd=tmp_path)
    run(venv / "kraken-proto", "export-avro", "-o", tmp_path / "wheel-avro", cwd=tmp_path)
    run(sys.executable, "-m", "kraken_proto", "export-jsonschema", "-o", tmp_path / "checkout.schema.json", cwd=ROOT)
    run(sys.executable, "-m", "kraken_proto", "export-avro", "-o", tmp_path / "checkout-avro", cwd=ROOT)
    assert (tmp_path / "wheel.schema.json").read_bytes() == (tmp_path / "checkout.schema.json").read_bytes()
    wheel = {p.name: p.read_bytes() for p in (tmp_path / "wheel-avro").iterdir()}
    assert len(wheel) == 74 and wheel == {p.name: p.read_bytes() for p in (tmp_path / "checkout-avro").iterdir()}


def test_the_installed_wheel_exports_the_table_as_the_checkout_does_and_parquet_names_the_missing_arrow_extra(venv: Path, tmp_path: Path) -> None:
    """The wheel carries no pyarrow (it is the [arrow] extra): CSV and JSON Lines work, Parquet says what to install."""
    assert in_venv(venv, "import importlib.util as u; print(u.find_spec('pyarrow'))").strip() == "None"
    for name in ("kraken_enum_values.csv", "kraken_enum_values.jsonl"):
        run(venv / "kraken-proto", "export-table", "-o", tmp_path / f"wheel-{name}", cwd=tmp_path)
        run(sys.executable, "-m", "kraken_proto", "export-table", "-o", tmp_path / f"checkout-{name}", cwd=ROOT)
        assert (tmp_path / f"wheel-{name}").read_bytes() == (tmp_path / f"checkout-{name}").read_bytes(), name
    before = tree_digest(tmp_path)
    parquet = subprocess.run(
        [venv / "kraken-proto", "export-table", "-o", tmp_path / "kraken_enum_values.parquet"], cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert parquet.returncode == 1
    assert parquet.stderr == (
        "kraken-proto: error: kraken-proto export-table --format parquet needs pyarrow, which is not installed: install the kraken-proto[arrow] extra\n"
    )
    assert tree_digest(tmp_path) == before


def test_the_wheels_column_extras_install_what_arrow_pandas_polars_and_parquet_need(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """``pip install 'kraken_proto-….whl[arrow,pandas,polars]'`` outside the checkout: the extras' metadata in the
    wheel brings pyarrow, pandas and polars, and the column conversions and Parquet work with what it brought."""
    bin_dir = make_venv(tmp_path_factory.mktemp("wheel-column-extras") / "venv", f"{wheel}[arrow,pandas,polars]")
    out = in_venv(
        bin_dir,
        "import pyarrow as pa, pandas as pd, polars as pl\n"
        "from kraken_proto import arrow as ka, pandas as kpd, polars as kpl\n"
        "print(ka.numbers_to_strings(pa.array([1, None, 3]), 'ReferralStatusChoices').to_pylist())\n"
        "print(kpl.numbers_to_strings(pl.Series('s', [1, None, 3]), 'ReferralStatusChoices').to_list())\n"
        "s = kpd.numbers_to_strings(pd.Series([2, 3]), 'ReferralStatusChoices')\n"
        "print(s.dtype.name, list(s))\n",
    )
    assert out.splitlines() == ["['Cancelled', None, 'Pending']", "['Cancelled', None, 'Pending']", "category ['Paid', 'Pending']"]
    work = bin_dir.parent.parent
    run(bin_dir / "kraken-proto", "export-table", "-o", work / "wheel.parquet", cwd=work)
    run(sys.executable, "-m", "kraken_proto", "export-table", "-o", work / "checkout.parquet", cwd=ROOT)
    import pyarrow.parquet as pq

    assert pq.read_table(work / "wheel.parquet").equals(pq.read_table(work / "checkout.parquet"), check_metadata=True)
