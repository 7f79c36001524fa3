"""Benchmark of ``generate`` at real size and at ten times real size; prints seconds per 1,000 values.

Run: ``.venv/bin/python tests/benchmarks/bench_generate.py [--large-only|--small-only]``. Not a test:
timings are never asserted. A real Kraken schema has about 200 enums and 1,700 values; the synthetic
schemas here have 200 enums / 2,000 values and 2,000 enums / 20,000 values, with the odd name classes
of real schemas (snake_case, leading underscores, runs of underscores, mixed case). Each size is
generated from scratch into a throwaway project (the whole command: source, corrections, numbering,
rendering, buf format/lint/build/generate, the swap), and the Python stages alone are timed too, so
that growth in our code is not hidden behind protoc's. Cost must grow linearly: the per-1,000-values
figures of both sizes should be about equal.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kraken_proto.generator.corrections import Corrections, apply_corrections  # noqa: E402
from kraken_proto.generator.graphql_schema import read_schema_document  # noqa: E402
from kraken_proto.generator.model import Contract  # noqa: E402
from kraken_proto.generator.numbering import merge  # noqa: E402
from kraken_proto.generator.render import render_enum  # noqa: E402

SHAPES = ("{}Status", "{}_choices", "_{}OrderBy", "{}Type")
VALUE_SHAPES = ("VALUE_{}", "value{}", "Value{}", "A___B_{}", "kWh{}")


def synthetic_sdl(enums: int, values_per_enum: int) -> str:
    lines = ["type Query { ping: Int }", ""]
    for i in range(enums):
        name = SHAPES[i % len(SHAPES)].format(f"Thing{i}")
        lines.append(f'"""Enum number {i}, as upstream documents it: `{name}`."""')
        lines.append(f"enum {name} {{")
        for j in range(values_per_enum):
            value = VALUE_SHAPES[(i + j) % len(VALUE_SHAPES)].format(j)
            lines.append(f'  "Value {j} of enum {i}."\n  {value}')
        lines += ["}", ""]
    return "\n".join(lines)


def project(target: Path) -> Path:
    (target / "upstream").mkdir(parents=True)
    for name in ("buf.yaml", "buf.gen.yaml", "pyproject.toml"):  # pyproject.toml: the publisher's names
        shutil.copy2(ROOT / name, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return target


def python_only(source: Path) -> float:
    """Seconds for reading, correcting, merging and rendering, without buf and protoc."""
    start = time.perf_counter()
    document = apply_corrections(read_schema_document(source), Corrections(), strict=False)
    contract = merge(document, Contract())
    for enum in contract.enums:
        render_enum(enum)
    return time.perf_counter() - start


def measure(enums: int, values_per_enum: int) -> tuple[float, float]:
    """Seconds per 1,000 values: the whole generate command, and the Python stages alone."""
    values = enums * values_per_enum
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp) / "project")
        source = root / "upstream" / "schema.graphql"
        source.write_text(synthetic_sdl(enums, values_per_enum), encoding="utf-8")
        python_stages = min(python_only(source) for _ in range(3))  # the least disturbed of three runs
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "kraken_proto", "generate", "--root", str(root), "--source", str(source)], cwd=ROOT, capture_output=True, text=True
        )
        whole = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(result.stderr)
    return whole / values * 1000, python_stages / values * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small-only", action="store_true")
    args = parser.parse_args()
    sizes = [(200, 10)] if args.small_only else [(200, 10), (2000, 10)]
    results = {}
    for enums, per in sizes:
        whole, python = measure(enums, per)
        results[enums] = (whole, python)
        print(f"{enums:>5} enums, {enums * per:>6} values: generate {whole:.3f} s per 1,000 values; Python stages alone {python:.4f} s per 1,000 values")
    if len(results) == 2:
        (small_whole, small_py), (large_whole, large_py) = results[200], results[2000]
        print(f"10x size costs per value: generate {large_whole / small_whole:.2f}x, Python stages {large_py / small_py:.2f}x (1.00x = linear)")


if __name__ == "__main__":
    main()
