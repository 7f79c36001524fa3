"""Benchmark of kraken_proto.polars; prints ratios against baselines measured in the same run.

Run: ``.venv/bin/python tests/benchmarks/bench_polars.py [--n 10000000]``. Not a test: timings are never asserted.
Targets (issue 22): 10 million numbers to strings within 1.5x of polars' own ``replace_strict`` on a literal
mapping, peak memory within 1.2x of the output's size, and at least 10x faster than a Python loop calling
``to_string`` per value (measured on a smaller N and scaled, which flatters the loop: it builds no column).

The input is an Int32 column (what protobuf decodes an enum field to) of the numbers of the largest enum,
AccountReminderTypes (313 values), scattered. Times are medians of ROUNDS runs, ours and the baselines
interleaved so that the shared machine's load hits them alike; both wall time and CPU time (every thread
of the process) are printed, since on a loaded machine polars' threads wait for cores and wall time
says more about the neighbours than about the code. Peak memory is measured in a fresh process per
conversion, after a warm-up on 1,000 rows: the kernel's high-water mark of resident memory (reset through
/proc/self/clear_refs) minus the resident memory before, with polars' allocator (jemalloc) told to return
freed pages at once (``_RJEM_MALLOC_CONF``), or a freed input would be reused and hide the peak.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import polars as pl

import kraken_proto

ENUM = "AccountReminderTypes"
ROUNDS = 7
LOOP_N = 200_000

SETUP = f"""
import polars as pl, kraken_proto, kraken_proto.polars as kp
m = kraken_proto.get({ENUM!r})
# every number of the enum, scattered (a multiplicative hash of the row index), as Int32
frame = pl.select(n=(pl.int_range(0, N, dtype=pl.Int64) * 2654435761 % len(m) + 1).cast(pl.Int32))
mapping = dict(zip(m.numbers(), m.strings()))
"""
OURS = "kraken_proto.polars.numbers_to_strings"
CONVERSIONS = {
    OURS: "frame.select(kp.numbers_to_strings('n', {enum!r}))",
    f"{OURS} (strict=False)": "frame.select(kp.numbers_to_strings('n', {enum!r}, strict=False))",
    "replace_strict(dict) -> String": "frame.select(pl.col('n').replace_strict(mapping))",
    "replace_strict(dict) -> Enum": "frame.select(pl.col('n').replace_strict(mapping, return_dtype=pl.Enum(m.strings())))",
}
STREAMING = {
    f"{OURS}, streaming": "frame.lazy().select(kp.numbers_to_strings('n', {enum!r})).collect(engine='streaming')",
    "replace_strict(dict) -> Enum, streaming": "frame.lazy().select(pl.col('n').replace_strict(mapping, return_dtype=pl.Enum(m.strings()))).collect(engine='streaming')",
}
MEMORY = """
import gc, re
def kib(field):
    return int(re.search(field + r":\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))
full = frame
frame = full.head(1000)
CONVERSION  # warm-up: polars' thread pool and caches exist before the measurement
frame = full
gc.collect()
before = kib("VmRSS")
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # reset VmHWM, the peak resident set, to the current RSS
out = CONVERSION
print((kib("VmHWM") - before) * 1024, out.estimated_size())
"""


def namespace(n: int) -> dict[str, object]:
    names: dict[str, object] = {"N": n}
    exec(SETUP, names)
    return names


def timings(n: int) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds per conversion of ``n`` numbers: medians of ROUNDS interleaved runs."""
    names = namespace(n)
    calls: dict[str, Callable[[], object]] = {name: eval(f"lambda: {code.format(enum=ENUM)}", names) for name, code in {**CONVERSIONS, **STREAMING}.items()}
    wall: dict[str, list[float]] = {name: [] for name in calls}
    cpu: dict[str, list[float]] = {name: [] for name in calls}
    for call in calls.values():  # warm up: the first run pays for thread pools and caches
        call()
    for _ in range(ROUNDS):
        for name, call in calls.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            call()
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
    return {name: (statistics.median(wall[name]), statistics.median(cpu[name])) for name in calls}


def python_loop(n: int) -> tuple[float, float]:
    """(wall, CPU) seconds for ``n`` values by a Python loop of ``to_string``: the best of ROUNDS runs on LOOP_N, scaled."""
    values = namespace(LOOP_N)["frame"].to_series().to_list()  # type: ignore[attr-defined]
    to_string = kraken_proto.get(ENUM).to_string
    runs = []
    for _ in range(ROUNDS):
        start, start_cpu = time.perf_counter(), time.process_time()
        [to_string(v) for v in values]
        runs.append((time.perf_counter() - start, time.process_time() - start_cpu))
    wall, cpu = min(runs)
    return wall * n / LOOP_N, cpu * n / LOOP_N


def peak_memory(n: int, conversion: str) -> tuple[int, int]:
    """(peak extra resident bytes during the conversion, the output's size), in a fresh process."""
    code = f"N = {n}\n" + SETUP + MEMORY.replace("CONVERSION", conversion)
    env = {**os.environ, "_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    peak, size = result.stdout.split()
    return int(peak), int(size)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000_000, help="numbers to convert (default 10 million)")
    n = parser.parse_args().n
    print(f"polars {pl.__version__}, {n:,} Int32 numbers of {ENUM} ({len(kraken_proto.get(ENUM))} values) to GraphQL strings")
    seconds = timings(n)
    print(f"  {'conversion':<58} {'wall ms':>8} {'CPU ms':>8}")
    for name, (wall, cpu) in seconds.items():
        print(f"  {name:<58} {wall * 1000:8.1f} {cpu * 1000:8.1f}")
    ours_wall, ours_cpu = seconds[OURS]
    for baseline in ("replace_strict(dict) -> String", "replace_strict(dict) -> Enum"):
        wall, cpu = seconds[baseline]
        print(f"ratio {OURS} / polars {baseline}: {ours_wall / wall:.2f} wall, {ours_cpu / cpu:.2f} CPU (target <= 1.5)")
    wall, cpu = seconds[f"{OURS}, streaming"]
    base_wall, base_cpu = seconds["replace_strict(dict) -> Enum, streaming"]
    print(f"ratio streaming {OURS} / polars replace_strict(dict) -> Enum: {wall / base_wall:.2f} wall, {cpu / base_cpu:.2f} CPU (target <= 1.5)")
    loop_wall, loop_cpu = python_loop(n)
    print(
        f"Python loop of to_string ({LOOP_N:,} values, scaled): {loop_wall / ours_wall:.1f}x {OURS}'s wall time, {loop_cpu / ours_cpu:.1f}x its CPU time (target >= 10)"
    )
    for name, code in {**CONVERSIONS, **STREAMING}.items():
        peak, size = peak_memory(n, code.format(enum=ENUM))
        print(f"peak memory / output size, {name:<58}: {peak / size:5.2f} ({peak / 2**20:4.0f} MiB / {size / 2**20:4.0f} MiB; target <= 1.2)")


if __name__ == "__main__":
    main()
