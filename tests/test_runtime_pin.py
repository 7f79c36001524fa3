"""The protobuf runtime a consumer installs is at least the one the committed gen/ code requires."""

from __future__ import annotations

import re
import tomllib

from .conftest import ROOT


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_the_protobuf_pin_admits_no_runtime_older_than_the_generated_code_needs() -> None:
    generated = {
        m.group(1)
        for path in (ROOT / "gen").rglob("*_pb2.py")
        for m in [re.search(r"^# Protobuf Python Version: ([\d.]+)$", path.read_text(encoding="utf-8"), re.M)]
        if m
    }
    assert len(generated) == 1, generated
    (needed,) = generated
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    (pin,) = [d for d in dependencies if d.startswith("protobuf")]
    lower = re.search(r">=\s*([\d.]+)", pin)
    upper = re.search(r"<\s*(\d+)", pin)
    assert lower and version(lower.group(1)) >= version(needed), (pin, needed)
    assert upper and int(upper.group(1)) == version(needed)[0] + 1, "gencode refuses a runtime of another major version"
