"""Benchmark of kraken_proto.arrow; prints ratios against baselines measured in the same run.

Run: ``.venv/bin/python tests/benchmarks/bench_arrow.py [N]`` (N numbers, 10 million by default). Not a
test: timings are never asserted. Targets (issue 22, docs/dataframes.md):

- ``numbers_to_strings`` on N numbers within 1.5x of pyarrow's own ``take`` from a prebuilt dictionary
  (a dictionary array indexed by number, taken by the numbers: the same output with no checks at all);
- its peak memory (``pa.default_memory_pool().max_memory()`` in a fresh process whose input lives outside
  the pool) within 1.2x of the output's size;
- at least 10x faster than a Python loop calling ``EnumMapping.to_string`` per value (timed on a smaller
  slice and compared per value).

Also printed, for information: the string-materialising ``take`` (a plain string array indexed by
number), and ``strings_to_numbers`` against ``pc.index_in`` alone.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

import kraken_proto
from kraken_proto import arrow as ka

ENUM = "AccountReminderTypes"  # the enum with the most values: the largest tables
ROUNDS = 7
LOOP_N = 200_000


def median_seconds(call: Callable[[], object], rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def numbers(n: int) -> pa.Array:
    """``n`` numbers of the enum drawn uniformly from its values (int64, built by numpy: outside Arrow's pool)."""
    known = np.array(kraken_proto.get(ENUM).numbers(), dtype=np.int64)
    return pa.array(known[np.random.default_rng(22).integers(0, len(known), n)])


MEMORY = """
import sys, numpy as np, pyarrow as pa, kraken_proto
from kraken_proto import arrow as ka
from tests.benchmarks.bench_arrow import ENUM, numbers, prebuilt
values = numbers(int(sys.argv[1]))
lookup = prebuilt()
ka.numbers_to_strings(values[:10], ENUM)  # the cached tables, built before measuring
pool = pa.default_memory_pool()
pool.release_unused()
before = pa.total_allocated_bytes()
result = lookup.take(values) if sys.argv[2] == "take" else ka.numbers_to_strings(values, ENUM)
print(pool.max_memory() - before, pa.total_allocated_bytes() - before)
"""


def prebuilt() -> pa.DictionaryArray:
    """The floor: a dictionary array whose element n is number n's string (null where none), built once."""
    m = kraken_proto.get(ENUM)
    position = {n: i for i, n in enumerate(m.numbers())}
    indices = pa.array([position.get(n) for n in range(max(m.numbers()) + 1)], pa.int32())
    return pa.DictionaryArray.from_arrays(indices, pa.array(m.strings()))


def memory(n: int, what: str) -> tuple[int, int]:
    """(peak bytes above the input, bytes the output holds) in a fresh process."""
    root = Path(__file__).resolve().parents[2]  # the checkout, so that the child imports this module from any directory
    out = subprocess.run([sys.executable, "-c", MEMORY, str(n), what], cwd=root, capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), int(out[1])


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    m = kraken_proto.get(ENUM)
    values = numbers(n)
    lookup = prebuilt()
    plain_strings = pa.array([m.to_string(i, None) for i in range(max(m.numbers()) + 1)])
    ka.numbers_to_strings(values[:10], ENUM)  # build the cached tables outside the timings
    assert ka.numbers_to_strings(values[:100_000], ENUM).to_pylist() == lookup.take(values[:100_000]).to_pylist()

    take = ours = ours_lenient = strings_take = 0.0
    for _ in range(3):  # interleaved, so that load from the other engineers hits every side alike
        take += median_seconds(lambda: lookup.take(values))
        ours += median_seconds(lambda: ka.numbers_to_strings(values, ENUM))
        ours_lenient += median_seconds(lambda: ka.numbers_to_strings(values, ENUM, strict=False))
        strings_take += median_seconds(lambda: plain_strings.take(values), rounds=3)

    slice_ = values[:LOOP_N].to_pylist()
    to_string = m.to_string
    loop = median_seconds(lambda: [to_string(v) for v in slice_], rounds=5) / LOOP_N
    per_value = ours / 3 / n

    strings = lookup.take(values).cast(pa.string())
    index_in = median_seconds(lambda: pc.index_in(strings, value_set=pa.array(m.strings())), rounds=3)
    back = median_seconds(lambda: ka.strings_to_numbers(strings, ENUM), rounds=3)

    peak, output = memory(n, "ours")
    take_peak, take_output = memory(n, "take")

    print(f"{n:,} numbers of {ENUM} ({len(m)} values), medians of {ROUNDS} runs")
    print(
        f"numbers_to_strings (strict):  {ours / 3 * 1000:8.1f} ms   {ours / take:5.2f}x pyarrow take from a prebuilt dictionary ({take / 3 * 1000:.1f} ms; target <= 1.5x)"
    )
    print(f"numbers_to_strings (lenient): {ours_lenient / 3 * 1000:8.1f} ms   {ours_lenient / take:5.2f}x")
    print(f"  for information: take materialising plain strings {strings_take / 3 * 1000:.1f} ms, {ours / strings_take:.2f}x of that")
    print(f"Python loop of to_string:     {loop * 1e9:8.1f} ns/value vs {per_value * 1e9:.1f} ns/value: {loop / per_value:6.1f}x faster (target >= 10x)")
    print(
        f"peak memory: {peak / 1e6:.1f} MB for an output of {output / 1e6:.1f} MB: {peak / output:.2f}x (target <= 1.2x); take: {take_peak / take_output:.2f}x"
    )
    print(f"strings_to_numbers:           {back * 1000:8.1f} ms   {back / index_in:5.2f}x pc.index_in alone ({index_in * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
