"""Benchmark of the mapping hot path; prints ratios against baselines measured in the same run.

Run: ``.venv/bin/python tests/benchmarks/bench_mapping.py``. Not a test: timings are never asserted.
Targets (README): ``from_string``/``to_string`` at most 1.5x a plain function doing one dict lookup, and at
least 3x faster than protobuf's ``EnumTypeWrapper.Value``/``Name``; ``import kraken_proto`` with what its
first use loads (``kraken_proto.registry``: the protobuf runtime, the options, the name table; the package
itself loads them lazily) at most 1.5x ``import google.protobuf.message, google.protobuf.descriptor_pool``
(the protobuf runtime's own import), and the first ``get()`` of one enum after that in a fresh process
under a millisecond (docs/python.md).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import timeit

import kraken_proto
from kraken_proto.enums import AccountReminderTypes

ROUNDS = 7


def best(stmt: str, namespace: dict[str, object], number: int = 200_000) -> float:
    """Nanoseconds per call: the median of ROUNDS repeats, each over ``number`` calls."""
    timer = timeit.Timer(stmt, globals=namespace)
    return statistics.median(timer.repeat(ROUNDS, number)) / number * 1e9


RUNTIME = "google.protobuf.message, google.protobuf.descriptor_pool"
PACKAGE = "kraken_proto, kraken_proto.registry"
"""The package with what its first use loads (the package's own import is lazy: its error classes only)."""
FIRST_GET = f"import {PACKAGE}, time; t = time.perf_counter(); kraken_proto.get('AccountStatus'); print(time.perf_counter() - t)"


def seconds(code: str) -> float:
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def fresh_processes(runs: int = 11) -> tuple[float, float, float]:
    """Milliseconds (medians over fresh interpreters, interleaved so that load hits all three alike):
    importing the protobuf runtime, importing kraken_proto, and the first get() after that import."""
    timing = "import time; t = time.perf_counter(); import {}; print(time.perf_counter() - t)"
    base, ours, first = [], [], []
    for _ in range(runs):
        base.append(seconds(timing.format(RUNTIME)))
        ours.append(seconds(timing.format(PACKAGE)))
        first.append(seconds(FIRST_GET))
    return statistics.median(base) * 1000, statistics.median(ours) * 1000, statistics.median(first) * 1000


def byte_compile() -> None:
    """Write the .pyc files an installed wheel has (pip compiles on install), so that the fresh processes
    time imports, not compiling: this checkout may run with PYTHONDONTWRITEBYTECODE set."""
    import compileall
    from pathlib import Path

    import kraken.enums.v1.options_pb2 as options

    for package in (Path(kraken_proto.__file__).parent, Path(options.__file__).parent):
        compileall.compile_dir(package, quiet=1)


def main() -> None:
    byte_compile()
    mapping = kraken_proto.get(AccountReminderTypes)  # the largest enum
    string = mapping.strings()[len(mapping) // 2]
    number = mapping.from_string(string)
    proto_name = mapping.proto_name(number)
    to_table = dict(mapping._to_string)
    from_table = dict(mapping._from_string)

    def plain_to(n: int) -> str:
        return to_table[n]

    def plain_from(s: str) -> int:
        return from_table[s]

    ns = {
        "m": mapping,
        "n": number,
        "s": string,
        "p": proto_name,
        "plain_to": plain_to,
        "plain_from": plain_from,
        "W": AccountReminderTypes,
        "kp": kraken_proto,
    }
    rows = [
        ("to_string", best("m.to_string(n)", ns), best("plain_to(n)", ns), best("W.Name(n)", ns)),
        ("from_string", best("m.from_string(s)", ns), best("plain_from(s)", ns), best("W.Value(p)", ns)),
    ]
    print(f"{'operation':<14}{'ns/call':>9}{'dict fn':>9}{'protobuf':>10}{'vs dict fn':>12}{'protobuf/ours':>15}")
    for name, ours, plain, protobuf in rows:
        print(f"{name:<14}{ours:9.1f}{plain:9.1f}{protobuf:10.1f}{ours / plain:11.2f}x{protobuf / ours:14.2f}x")
    shortcut = best("kp.to_string('AccountReminderTypes', n)", ns)
    print(f"module-level to_string(enum, n): {shortcut:.1f} ns/call ({shortcut / rows[0][2]:.2f}x dict fn)")
    base, ours, first = fresh_processes()
    print(f"import kraken_proto (+ registry): {ours / base:.2f}x the protobuf runtime's import ({ours:.1f} ms vs {base:.1f} ms; target <= 1.5x)")
    print(f"first get('AccountStatus') in a fresh process: {first:.3f} ms ({first / base:.4f}x the runtime's import; target < 1 ms)")


if __name__ == "__main__":
    main()
