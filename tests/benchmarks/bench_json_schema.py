"""Benchmark: validating a field of the largest enum against the exported definition, with the jsonschema
library, against the alternatives; prints ratios measured in the same run.

Run: ``.venv/bin/python tests/benchmarks/bench_json_schema.py``. Not a test: timings are never asserted.
Why the export annotates values with ``x-enum-descriptions`` and ``if``/``then`` rather than ``oneOf`` of
``const`` branches (see ``kraken_proto/export/_json_schema.py``): a validator tries every ``oneOf`` branch.
"""

from __future__ import annotations

import statistics
import timeit
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from kraken_proto.export import json_schema

ROUNDS = 5


def per_call_us(validator: Draft202012Validator, values: list[str]) -> float:
    """Microseconds per ``is_valid``: the median of ROUNDS passes over every value."""
    timer = timeit.Timer(lambda: [validator.is_valid(v) for v in values])
    return statistics.median(timer.repeat(ROUNDS, 1)) / len(values) * 1e6


def main() -> None:
    document = json_schema()
    name, exported = max(((k, d) for k, d in document["$defs"].items() if "enum" in d), key=lambda item: len(item[1]["enum"]))
    values: list[str] = exported["enum"]
    plain = {"type": "string", "enum": values}
    one_of: dict[str, Any] = {
        "type": "string",
        "oneOf": [{"const": v, "description": d} for v, d in zip(values, exported.get("x-enum-descriptions", [""] * len(values)), strict=True)],
    }
    registry = Registry().with_resource(document["$id"], Resource.from_contents(document)).crawl()
    by_id = Draft202012Validator({"$ref": exported["$id"]}, registry=registry)
    rows = [
        ("exported definition, by $ref", per_call_us(by_id, values)),
        ("exported definition, inline", per_call_us(Draft202012Validator(exported), values)),
        ("oneOf of const branches", per_call_us(Draft202012Validator(one_of), values)),
    ]
    baseline = per_call_us(Draft202012Validator(plain), values)
    print(f"{name}: {len(values)} values; baseline {{type, enum}} {baseline:.1f} us per value")
    for label, us in rows:
        print(f"{label:<32}{us:10.1f} us{us / baseline:10.2f}x baseline")


if __name__ == "__main__":
    main()
