"""Benchmark of ``update`` against ``generate --source`` on the same schema, measured in the same run.

Run: ``.venv/bin/python tests/benchmarks/bench_update.py [--enums 2000] [--values-per-enum 10] [--rounds 1]``.
Not a test: timings are never asserted. A local GraphQL server (graphql-core, ``tests/graphql_server.py``)
serves the synthetic schema of ``bench_generate.py`` (2,000 enums / 20,000 values by default, with the odd
name classes of real schemas). Each round runs, in fresh throwaway projects, the whole ``update URL``
command (fetch, generate, the release checks, the diff, the swap) and the whole ``generate --source`` on
the very file that update fetched, alternating which goes first so that a change in the machine's load
does not favour one. It prints the ratio of the medians (the target: ``update`` within 1.2x of
``generate``) and each command's peak resident memory, against the size of the answer and the body cap
(``update`` holds the answer in memory, so its peak must stay bounded by the cap, not grow past it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kraken_proto.generator.fetch import DEFAULT_MAX_BYTES  # noqa: E402
from tests.benchmarks.bench_generate import project, synthetic_sdl  # noqa: E402
from tests.graphql_server import Endpoint  # noqa: E402


def timed(command: list[str]) -> tuple[float, int, int]:
    """Seconds, peak RSS in KiB (the command and the children it waited for), and the exit status."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err, text=True)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        err.seek(0)
        if code not in (0, 10):
            raise SystemExit(f"{' '.join(command[2:4])} failed ({code}): {err.read()}")
    return seconds, usage.ru_maxrss, code


def one_round(url: str, base: Path, index: int, update_first: bool) -> tuple[float, float, int, int, int]:
    """(update seconds, generate seconds, update peak KiB, generate peak KiB, fetched bytes) for one round."""
    updated = project(base / f"update-{index}")
    generated = project(base / f"generate-{index}")
    kraken = [sys.executable, "-m", "kraken_proto"]

    def run_update() -> tuple[float, int]:
        seconds, peak, code = timed([*kraken, "update", url, "--root", str(updated), "--timeout", "600"])
        assert code == 10, code
        return seconds, peak

    def run_generate() -> tuple[float, int]:
        source = generated / "upstream" / "kraken-schema.json"
        seconds, peak, _code = timed([*kraken, "generate", "--root", str(generated), "--source", str(source)])
        return seconds, peak

    if update_first:
        update_seconds, update_peak = run_update()
        shutil.copy2(updated / "upstream" / "kraken-schema.json", generated / "upstream" / "kraken-schema.json")
        generate_seconds, generate_peak = run_generate()
    else:
        with tempfile.TemporaryDirectory() as probe_dir:  # the file update will fetch, fetched first for generate
            probe = Path(probe_dir) / "schema.json"
            subprocess.run([*kraken, "fetch", url, "-o", str(probe)], cwd=ROOT, check=True, capture_output=True)
            shutil.copy2(probe, generated / "upstream" / "kraken-schema.json")
        generate_seconds, generate_peak = run_generate()
        update_seconds, update_peak = run_update()
    size = (updated / "upstream" / "kraken-schema.json").stat().st_size
    return update_seconds, generate_seconds, update_peak, generate_peak, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enums", type=int, default=2000)
    parser.add_argument("--values-per-enum", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    sdl = synthetic_sdl(args.enums, args.values_per_enum)
    with Endpoint(sdl) as endpoint, tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.json"  # the server builds its answer once, untimed: the benchmark times the client
        subprocess.run([sys.executable, "-m", "kraken_proto", "fetch", endpoint.url, "-o", str(warm), "--timeout", "600"], cwd=ROOT, check=True)
        rows = [one_round(endpoint.url, Path(tmp), index, update_first=index % 2 == 0) for index in range(args.rounds * 2)]
    for index, row in enumerate(rows):
        print(f"round {index + 1} ({'update' if index % 2 == 0 else 'generate'} first): update {row[0]:.2f} s, generate {row[1]:.2f} s")
    update_s = statistics.median(r[0] for r in rows)
    generate_s = statistics.median(r[1] for r in rows)
    update_peak, generate_peak, size = max(r[2] for r in rows), max(r[3] for r in rows), rows[0][4]
    print(
        f"schema: {args.enums} enums, {args.enums * args.values_per_enum} values; fetched introspection {size / 1e6:.1f} MB (cap {DEFAULT_MAX_BYTES / 1e6:.0f} MB)"
    )
    print(f"update URL            {update_s:7.2f} s (median of {len(rows)}), peak RSS {update_peak / 1024:6.0f} MiB")
    print(f"generate --source     {generate_s:7.2f} s (median of {len(rows)}), peak RSS {generate_peak / 1024:6.0f} MiB")
    print(f"update / generate: {update_s / generate_s:.2f}x time (target <= 1.2x), {update_peak / generate_peak:.2f}x peak memory")
    print(f"update's peak above generate's: {(update_peak - generate_peak) / 1024:.0f} MiB for a {size / 1e6:.1f} MB answer")


if __name__ == "__main__":
    main()
