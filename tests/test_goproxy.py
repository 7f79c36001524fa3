"""The Go module zip follows golang.org/x/mod/zip's rules, checked on small modules made for the purpose:
what goes in (the module's own files, go.sum, vendor/modules.txt) and what stays out (a nested module, a
vendored package, .git, a symlink), what is refused (a case-fold collision, an invalid path, the size
limits), the escaped proxy path; and the real go command downloads, verifies and builds from the result.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from kraken_proto.packaging import goproxy
from kraken_proto.packaging.errors import PackageError


def make_module(root: Path, path: str = "example.com/Acme/enums") -> Path:
    module = root / "go"
    (module / "pkg").mkdir(parents=True)
    (module / "go.mod").write_text(f"module {path}\n\ngo 1.18\n", encoding="utf-8")
    (module / "go.sum").write_text("", encoding="utf-8")
    (module / "pkg" / "pkg.go").write_text('package pkg\n\n// Answer is used by the consumer.\nconst Answer = "forty-two"\n', encoding="utf-8")
    (module / "nested" / "inner").mkdir(parents=True)
    (module / "nested" / "go.mod").write_text("module example.com/other\n\ngo 1.18\n", encoding="utf-8")
    (module / "nested" / "inner" / "x.go").write_text("package inner\n", encoding="utf-8")
    (module / "vendor" / "example.com" / "dep").mkdir(parents=True)
    (module / "vendor" / "modules.txt").write_text("# example.com/dep v1.0.0\n", encoding="utf-8")
    (module / "vendor" / "example.com" / "dep" / "dep.go").write_text("package dep\n", encoding="utf-8")
    (module / ".git").mkdir()
    (module / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (module / "link.go").symlink_to(module / "pkg" / "pkg.go")
    return root


def test_the_zip_holds_the_modules_own_files_only_under_module_at_version(tmp_path: Path) -> None:
    stage = make_module(tmp_path / "stage")
    written, tag = goproxy.build_goproxy(stage=stage, out=tmp_path / "proxy", version="1.2.3", epoch=1767225600)
    at_v = tmp_path / "proxy" / "example.com" / "!acme" / "enums" / "@v"
    assert written == [at_v / "list", at_v / "v1.2.3.info", at_v / "v1.2.3.mod", at_v / "v1.2.3.zip"]
    assert tag == "go/v1.2.3"
    with zipfile.ZipFile(at_v / "v1.2.3.zip") as archive:
        names = archive.namelist()
    assert names == [f"example.com/Acme/enums@v1.2.3/{name}" for name in ("go.mod", "go.sum", "pkg/pkg.go", "vendor/modules.txt")]
    assert json.loads((at_v / "v1.2.3.info").read_text(encoding="utf-8")) == {"Version": "v1.2.3", "Time": "2026-01-01T00:00:00Z"}


def test_the_zip_is_the_same_bytes_whatever_the_files_mtimes_and_modes(tmp_path: Path) -> None:
    first = make_module(tmp_path / "a")
    second = make_module(tmp_path / "b")
    os.utime(second / "go" / "pkg" / "pkg.go", (0, 0))
    (second / "go" / "go.mod").chmod(0o600)
    goproxy.build_goproxy(stage=first, out=tmp_path / "p1", version="1.0.0", epoch=1767225600)
    goproxy.build_goproxy(stage=second, out=tmp_path / "p2", version="1.0.0", epoch=1767225600)
    zips = [next((tmp_path / p).rglob("*.zip")).read_bytes() for p in ("p1", "p2")]
    assert zips[0] == zips[1]


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["README.md", "readme.md"], "'README.md' and 'readme.md' differ only in case"),
        (["pkg/con.go"], "'pkg/con.go' is not a valid module file path ('con.go' is reserved on Windows)"),
        (["pkg/a:b.go"], "'pkg/a:b.go' is not a valid module file path (element 'a:b.go')"),
    ],
)
def test_what_the_go_command_would_refuse_is_refused_with_the_file_named(tmp_path: Path, names: list[str], message: str) -> None:
    files = {}
    for name in names:
        path = tmp_path / name.replace("/", "_").replace(":", "_")
        path.write_text("x", encoding="utf-8")
        files[name] = path
    with pytest.raises(PackageError, match=r"^go module: ") as caught:
        goproxy.check_files(files)
    assert message in str(caught.value)


def test_a_go_mod_over_the_go_commands_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "go.mod"
    with big.open("wb") as file:
        file.truncate(goproxy.MAX_GO_MOD + 1)
    with pytest.raises(PackageError, match=r"go.mod is 16777217 bytes, over the go command's limit of 16777216"):
        goproxy.check_files({"go.mod": big})


def test_module_paths_are_escaped_as_the_module_proxy_protocol_says() -> None:
    assert goproxy.escape_path("github.com/Azure/Kraken-Proto/go") == "github.com/!azure/!kraken-!proto/go"
    assert goproxy.escape_path("example.com/enums") == "example.com/enums"


def test_the_go_command_downloads_verifies_and_builds_against_the_proxy_module(tmp_path: Path) -> None:
    go = shutil.which("go")
    if go is None:
        pytest.fail("go is not installed: bash .ci/run installs it (apt-get install golang-go)")
    stage = make_module(tmp_path / "stage")
    goproxy.build_goproxy(stage=stage, out=tmp_path / "proxy", version="1.2.3", epoch=1767225600)
    consumer = tmp_path / "consumer"
    consumer.mkdir()
    (consumer / "go.mod").write_text("module example.com/consumer\n\ngo 1.18\n\nrequire example.com/Acme/enums v1.2.3\n", encoding="utf-8")
    (consumer / "main.go").write_text('package main\n\nimport "example.com/Acme/enums/pkg"\n\nfunc main() { println(pkg.Answer) }\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GO")} | {
        "GOPROXY": (tmp_path / "proxy").as_uri(),
        "GOSUMDB": "off",
        "GOFLAGS": "-mod=mod",
        "GOWORK": "off",
        "GOTOOLCHAIN": "local",
        "GOMODCACHE": str(tmp_path / "modcache"),
    }
    result = subprocess.run([go, "run", "."], cwd=consumer, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith("forty-two")
    extracted = tmp_path / "modcache" / "example.com" / "!acme" / "enums@v1.2.3"
    assert sorted(p.relative_to(extracted).as_posix() for p in extracted.rglob("*") if p.is_file()) == ["go.mod", "go.sum", "pkg/pkg.go", "vendor/modules.txt"]
