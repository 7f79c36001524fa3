"""The JSON codec's memory is bounded: plans die with their message types, option sets do not pile up.

A reflection client (or a schema-registry consumer) makes a fresh ``DescriptorPool`` per schema it meets;
upb descriptors and pools take no weak references, so a cache keyed by them would keep every pool alive.
This runs a real subprocess that converts messages of a few hundred fresh pools, each with its own
``descriptor_pool=`` and ``max_recursion_depth=`` arguments, and reads its RSS (``/proc/self/statm``):
growth over the second half of the run must be far below growth over the first half, as with protobuf's
own functions. No timings, no absolute sizes.
"""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ROOT

PROBE = r"""
import gc, json, os, sys
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
import kraken_proto
from kraken_proto import json_format

CONTRACT = [f for f in descriptor_pb2.FileDescriptorSet.FromString(kraken_proto.file_descriptor_set()).file
            if f.name in ("google/protobuf/descriptor.proto", "kraken/enums/v1/options.proto", "kraken/enums/v1/account_status.proto")]
F = descriptor_pb2.FieldDescriptorProto

def fresh_type(i):
    pool = descriptor_pool.DescriptorPool()
    for file in CONTRACT:
        pool.Add(file)
    file = descriptor_pb2.FileDescriptorProto(name=f"probe{i}.proto", package=f"probe{i}", syntax="proto3",
                                              dependency=["kraken/enums/v1/account_status.proto"])
    inner = file.message_type.add(name="Inner")
    inner.field.add(name="status", number=1, type=F.TYPE_ENUM, type_name=".kraken.enums.v1.AccountStatus", label=F.LABEL_OPTIONAL)
    inner.field.add(name="note", number=2, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
    event = file.message_type.add(name="Event")
    for n in range(20):
        event.field.add(name=f"n{n}", number=n + 1, type=F.TYPE_INT64, label=F.LABEL_OPTIONAL)
    event.field.add(name="inner", number=30, type=F.TYPE_MESSAGE, type_name=f".probe{i}.Inner", label=F.LABEL_OPTIONAL)
    event.field.add(name="items", number=31, type=F.TYPE_MESSAGE, type_name=f".probe{i}.Inner", label=F.LABEL_REPEATED)
    event.field.add(name="me", number=32, type=F.TYPE_MESSAGE, type_name=f".probe{i}.Event", label=F.LABEL_OPTIONAL)
    pool.Add(file)
    return pool, message_factory.GetMessageClass(pool.FindMessageTypeByName(f"probe{i}.Event"))

def rss():
    gc.collect()
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

use_ours = sys.argv[1] == "ours"
count = int(sys.argv[2])
samples = []
for i in range(count):
    pool, cls = fresh_type(i)
    event = cls(n0=i, inner={"status": 1}, items=[{"status": 2, "note": "x"}])
    if use_ours:
        js = json_format.message_to_dict(event, descriptor_pool=pool, preserving_proto_field_name=bool(i % 2))
        assert json_format.parse_dict(js, cls(), descriptor_pool=pool, max_recursion_depth=100 + i) == event
    else:
        from google.protobuf import json_format as protobuf_json
        js = protobuf_json.MessageToDict(event, descriptor_pool=pool, preserving_proto_field_name=bool(i % 2))
        assert protobuf_json.ParseDict(js, cls(), descriptor_pool=pool, max_recursion_depth=100 + i) == event
    del pool, cls, event
    if i % 25 == 24:
        samples.append(rss())
print(json.dumps(samples))
"""


def rss_samples(which: str, count: int) -> list[int]:
    result = subprocess.run([sys.executable, "-c", PROBE, which, str(count)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    samples: list[int] = json.loads(result.stdout)
    return samples


def test_rss_levels_off_over_hundreds_of_fresh_pools_as_with_protobuf() -> None:
    ours = rss_samples("ours", 400)
    first, middle, last = ours[1], ours[len(ours) // 2], ours[-1]  # the first sample is warm-up (imports, first plans)
    first_half, second_half = middle - first, last - middle
    mib = 1 << 20
    assert second_half <= max(first_half // 2, 8 * mib), f"RSS still growing: {[s // mib for s in ours]} MiB"
