"""Benchmark of the mapping hot path; prints ratios against baselines measured in the same run.

Run: ``.venv/bin/python tests/benchmarks/bench_mapping.py``. Not a test: timings are never asserted.
Targets (README): ``from_string``/``to_string`` at most 1.5x a plain function doing one dict lookup, and at
least 3x faster than protobuf's ``EnumTypeWrapper.Value``/``Name``.
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


def import_ms(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout) for _ in range(5)]
    return statistics.median(runs) * 1000


def main() -> None:
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

    ns = {"m": mapping, "n": number, "s": string, "p": proto_name, "plain_to": plain_to, "plain_from": plain_from, "W": AccountReminderTypes, "kp": kraken_proto}
    rows = [
        ("to_string", best("m.to_string(n)", ns), best("plain_to(n)", ns), best("W.Name(n)", ns)),
        ("from_string", best("m.from_string(s)", ns), best("plain_from(s)", ns), best("W.Value(p)", ns)),
    ]
    print(f"{'operation':<14}{'ns/call':>9}{'dict fn':>9}{'protobuf':>10}{'vs dict fn':>12}{'protobuf/ours':>15}")
    for name, ours, plain, protobuf in rows:
        print(f"{name:<14}{ours:9.1f}{plain:9.1f}{protobuf:10.1f}{ours / plain:11.2f}x{protobuf / ours:14.2f}x")
    shortcut = best("kp.to_string('AccountReminderTypes', n)", ns)
    print(f"module-level to_string(enum, n): {shortcut:.1f} ns/call ({shortcut / rows[0][2]:.2f}x dict fn)")
    base = import_ms("google.protobuf.descriptor_pool")
    full = import_ms("kraken_proto")
    print(f"import kraken_proto (74 enums ready): {full:.1f} ms; protobuf runtime alone: {base:.1f} ms; ratio {full / base:.1f}x")


if __name__ == "__main__":
    main()
