"""The npm package ``kraken-proto`` the way a user meets it: the tarball ``kraken-proto package`` wrote
into ``dist/<version>/`` (``npm pack``, whose prepack builds the library with the pinned tsc), installed
into a scratch project outside the repository (offline: the peer @bufbuild/protobuf comes from the
project's node_modules, see PEER), imported by name from plain Node ESM (every shared vector) and from
strict TypeScript with ``moduleResolution: nodenext``, and the TypeScript blocks of docs/languages.md and
of the package's own README compiled and run against it.

Nothing is skipped: without node and npm the tests fail, saying what to install.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from kraken_proto.generator.identity import load_identity

from .conftest import ROOT, VECTORS

TESTS = ROOT / "tests" / "npm"
TSC = ROOT / "node_modules" / "typescript" / "bin" / "tsc"
PEER = ROOT / "node_modules" / "@bufbuild" / "protobuf"
"""The peer, as `npm ci` installed it from the lock: npm's cache holds its tarball but not the registry
metadata an install by version needs offline, so it is installed from there (copied: --install-links)."""


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: bash .ci/run installs Node.js (apt-get install nodejs npm)")
    return found


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600)


def npm(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = run([tool("npm"), "--no-audit", "--no-fund", "--loglevel=error", *args], cwd)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def tarball(released: Path) -> Path:
    """The npm tarball of ``dist/<version>/`` (conftest.py's ``released``)."""
    (found,) = released.glob("npm/*.tgz")
    return found


@pytest.fixture(scope="module")
def consumer(tarball: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's project with the tarball installed, offline; its own tsconfig (strict, nodenext)."""
    box = tmp_path_factory.mktemp("npm-consumer")
    (box / "package.json").write_text(json.dumps({"name": "consumer", "private": True, "type": "module"}), encoding="utf-8")
    npm("install", "--offline", "--install-links", str(tarball), str(PEER), cwd=box)
    tsconfig = {
        "compilerOptions": {
            "strict": True,
            "module": "nodenext",
            "moduleResolution": "nodenext",
            "target": "es2022",
            "outDir": "out",
            "types": [],
            "skipLibCheck": False,
            "exactOptionalPropertyTypes": True,
            "noEmitOnError": True,
        },
        "include": ["*.ts"],
    }
    (box / "tsconfig.json").write_text(json.dumps(tsconfig), encoding="utf-8")
    return box


def test_the_tarball_holds_only_built_js_and_dts(tarball: Path) -> None:
    with tarfile.open(tarball) as tar:
        paths = sorted(m.name.removeprefix("package/") for m in tar.getmembers() if m.isfile())
        manifest = json.loads(tar.extractfile("package/package.json").read())  # type: ignore[union-attr]
    assert manifest["name"] == load_identity(ROOT).npm_package and manifest["version"] == json.loads((ROOT / "package.json").read_text())["version"]
    others = [p for p in paths if not re.fullmatch(r"build/npm/.+\.(js|d\.ts)", p)]
    assert others == ["LICENSE", "NOTICE", "README.md", "package.json"]  # npm always packs LICENSE, README and package.json; NOTICE is in "files"
    assert manifest["license"] == "Apache-2.0"
    assert not [p for p in paths if ".test." in p or (p.endswith(".ts") and not p.endswith(".d.ts"))]
    enums = json.loads(VECTORS.read_text(encoding="utf-8"))["enums"]
    assert sum(1 for p in paths if p.endswith("_pb.js")) == len(enums) + 1  # and options_pb.js
    assert {"build/npm/ts/index.js", "build/npm/ts/index.d.ts", "build/npm/ts/mapping.js", "build/npm/ts/mapping.d.ts"} <= set(paths)


def test_the_manifest_declares_esm_exports_and_the_runtime_as_a_peer() -> None:
    manifest = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert manifest["name"] == "kraken-proto" and manifest["type"] == "module" and "private" not in manifest
    assert set(manifest["exports"]) == {".", "./mapping", "./enums/*", "./package.json"}
    assert "dependencies" not in manifest
    # The generated code uses protobuf-es's codegenv2 API of the plugin's version, which later 2.x runtimes keep.
    plugin = json.loads((ROOT / "node_modules" / "@bufbuild" / "protoc-gen-es" / "package.json").read_text(encoding="utf-8"))["version"]
    assert manifest["peerDependencies"] == {"@bufbuild/protobuf": f"^{plugin}"}
    assert manifest["devDependencies"]["@bufbuild/protobuf"] == plugin


def test_the_npm_and_python_packages_carry_the_same_version() -> None:
    pyproject = re.search(r'^version = "([^"]+)"$', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.MULTILINE)
    assert pyproject is not None
    assert json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["version"] == pyproject.group(1)


def test_plain_node_esm_imports_the_package_by_name_and_maps_every_vector(consumer: Path) -> None:
    shutil.copy2(TESTS / "vectors.mjs", consumer / "vectors.mjs")
    result = run([tool("node"), "vectors.mjs", str(VECTORS)], consumer)
    assert result.returncode == 0, result.stderr
    values = sum(len(e["values"]) - 1 for e in json.loads(VECTORS.read_text(encoding="utf-8"))["enums"])
    assert result.stdout.strip() == f"kraken-proto from npm: 74 enums, {values} values verified"


def test_only_the_exported_subpaths_can_be_imported(consumer: Path) -> None:
    script = 'import("kraken-proto/build/npm/ts/mapping.js").then(() => console.log("imported"), (e) => console.log(e.code))'
    result = run([tool("node"), "--input-type=module", "-e", script], consumer)
    assert result.stdout.strip() == "ERR_PACKAGE_PATH_NOT_EXPORTED", result.stderr


def docs_blocks(language: str, doc: Path = ROOT / "docs" / "languages.md") -> list[str]:
    text = doc.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


@pytest.fixture(scope="module")
def compiled(consumer: Path) -> tuple[Path, int]:
    """tests/npm/typed.ts and the TypeScript blocks of docs/languages.md and of the README the tarball
    carries (the installed copy, node_modules/kraken-proto/README.md), compiled by one strict tsc run."""
    shutil.copy2(TESTS / "typed.ts", consumer / "typed.ts")
    readme = docs_blocks("ts", consumer / "node_modules" / "kraken-proto" / "README.md")
    assert readme, "the npm package's README shows no TypeScript"
    blocks = docs_blocks("ts") + readme
    for i, block in enumerate(blocks):
        (consumer / f"docs_{i}.ts").write_text(block, encoding="utf-8")
    tsc = run([tool("node"), str(TSC), "-p", "tsconfig.json"], consumer)
    assert tsc.returncode == 0, tsc.stdout + tsc.stderr
    return consumer, len(blocks)


def test_strict_typescript_with_nodenext_compiles_against_the_package_types_and_runs(compiled: tuple[Path, int]) -> None:
    """typed.ts's @ts-expect-error lines fail the build unless the package's types reject them."""
    consumer, _blocks = compiled
    result = run([tool("node"), "out/typed.js"], consumer)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "cancelled": "Cancelled",
        "active": 1,
        "isActive": True,
        "unknown": None,
        "sameEnum": True,
        "enums": 74,
        "noEnum": "UnknownEnumError",
        "wrongCase": "ReferralStatusChoices: 'CANCELLED' is not a value of ReferralStatusChoices: strings are exact and case-sensitive; closest: 'Cancelled'",
    }


def test_the_typescript_in_docs_languages_and_the_npm_readme_compiles_and_runs_against_the_package(compiled: tuple[Path, int]) -> None:
    consumer, blocks = compiled
    assert blocks > 0, "docs/languages.md shows no TypeScript"
    for i in range(blocks):
        result = run([tool("node"), f"out/docs_{i}.js"], consumer)
        assert result.returncode == 0, f"block {i}: {result.stderr}"


def test_npm_publish_dry_run_accepts_the_tarball_offline(tarball: Path, tmp_path: Path) -> None:
    """What an organisation runs before publishing to its own registry; nothing listens on the registry URL."""
    result = npm("publish", "--dry-run", "--offline", "--registry", "http://127.0.0.1:9/", str(tarball), cwd=tmp_path)
    version = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["version"]
    assert result.stdout.strip() == f"+ {load_identity(ROOT).npm_package}@{version}"
