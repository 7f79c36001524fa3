"""Benchmark of kraken_proto.spark against a Python UDF doing the same conversion, in the same local session.

Run: ``.venv/bin/python tests/benchmarks/bench_spark.py [ROWS]`` (default 2,000,000). Not a test: timings are
never asserted. Both sides read the same cached DataFrame of numbers (every value of AccountStatus, a
null in ten) and reduce the converted column to a count of non-null strings, so that neither collects
millions of rows to the driver and both do exactly the work of the conversion; the two counts must
agree. The baseline is what people write without this module: a ``udf`` calling ``EnumMapping.to_string``
per row (lenient, so it does no more than ours). Each side runs ROUNDS times, the two alternating; the medians are reported.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import sys
import time
from collections.abc import Callable

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as sf
from pyspark.sql.types import StringType

import kraken_proto
from kraken_proto import spark as ks

ROUNDS = 5
ENUM = "AccountStatus"


def timed(frame: DataFrame, column: Column) -> tuple[float, int]:
    """Seconds to count the non-null results of ``column`` over ``frame``, and that count."""
    start = time.perf_counter()
    count = frame.select(column.alias("s")).where(sf.col("s").isNotNull()).count()
    return time.perf_counter() - start, count


def interleaved(frame: DataFrame, ours: Callable[[], Column], theirs: Callable[[], Column], expected: int) -> tuple[float, float]:
    """Median seconds of ``ours`` and ``theirs`` over ROUNDS rounds, alternating, so that a busy machine slows both alike."""
    timed(frame, ours())  # warm-up: JIT, codegen, the Python workers
    timed(frame, theirs())
    mine: list[float] = []
    other: list[float] = []
    for _ in range(ROUNDS):
        for make, out in ((ours, mine), (theirs, other)):
            seconds, count = timed(frame, make())
            assert count == expected, count
            out.append(seconds)
    return statistics.median(mine), statistics.median(other)


def to_string(number: int | None) -> str | None:
    """The per-row Python a UDF runs; the worker imports kraken_proto itself (an EnumMapping does not pickle)."""
    return None if number is None else kraken_proto.get(ENUM).to_string(number, None)


def main(rows: int) -> None:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the UDF's workers: this interpreter, which has kraken_proto
    session = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    mapping = kraken_proto.get(ENUM)
    top = max(mapping.numbers())
    # numbers 1..top, and a null where id % 10 == 0: the data both sides read, cached once
    frame = session.range(rows).select(sf.when(sf.col("id") % 10 == 0, None).otherwise(sf.col("id") % top + 1).cast("int").alias("status")).cache()
    frame.count()

    def python_udf() -> Column:
        return sf.udf(to_string, StringType(), useArrow=False)("status")

    def arrow_udf() -> Column:
        return sf.udf(to_string, StringType(), useArrow=True)("status")

    def strict() -> Column:
        return ks.numbers_to_strings("status", ENUM)

    def lenient() -> Column:
        return ks.numbers_to_strings("status", ENUM, strict=False)

    baselines = [("Python UDF", python_udf)]
    if importlib.util.find_spec("pyarrow") is not None:  # pyspark's Arrow-batched UDF, where pyarrow is installed
        baselines.append(("Arrow Python UDF", arrow_udf))
    expected = rows - (rows + 9) // 10
    for label, make in (("strict", strict), ("lenient", lenient)):
        for name, baseline in baselines:
            ours, theirs = interleaved(frame, make, baseline, expected)
            print(f"{rows:,} numbers to strings ({label}): kraken_proto.spark {ours:.2f} s, {name} {theirs:.2f} s: {theirs / ours:.1f}x faster")
    session.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000)
