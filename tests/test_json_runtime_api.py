"""The public functions take exactly what the installed runtime's ``json_format`` takes (issue 21, section 3).

protobuf 5.29 and 6.x have ``float_precision`` (the 7th positional parameter of ``MessageToJson``, before
``ensure_ascii``); protobuf 7 dropped it and added the keyword-only ``unquote_int64_if_possible``. Code
written against the runtime it runs on must behave the same with ``kraken_proto.json_format``: the same
parameter names, order, kinds and defaults, and the same output for every value of each. This file runs
under the floor and the newest runtime too (tests/test_wheel_runtimes.py).
"""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from google.protobuf import json_format as protobuf_json
from google.protobuf import wrappers_pb2

from kraken_proto import json_format

from .json_protos import compile_json_protos

PAIRS = [
    (json_format.message_to_dict, protobuf_json.MessageToDict),
    (json_format.message_to_json, protobuf_json.MessageToJson),
    (json_format.parse_dict, protobuf_json.ParseDict),
    (json_format.parse, protobuf_json.Parse),
]
RUNTIME_HAS_FLOAT_PRECISION = "float_precision" in inspect.signature(protobuf_json.MessageToDict).parameters


def parameters(function: Callable[..., Any]) -> list[tuple[str, Any, Any]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


@pytest.mark.parametrize(("ours", "theirs"), PAIRS, ids=[pair[1].__name__ for pair in PAIRS])
def test_each_function_takes_exactly_the_parameters_of_the_runtimes_own(ours: Callable[..., Any], theirs: Callable[..., Any]) -> None:
    assert parameters(ours) == parameters(theirs)


@pytest.fixture(scope="module")
def kinds(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return compile_json_protos(tmp_path_factory.mktemp("json_runtime_api"))[0]


def floats(kinds: ModuleType) -> list[Any]:
    """float (not double) fields in every place a float can be: single, repeated, map value, wrapper, and doubles beside them."""
    return [
        kinds.Scalars(fl=1.23456789, db=1.23456789, r_fl=[0.1, 2.5e-7, 123456.789], r_db=[0.1]),
        kinds.Maps(m_s64={1: 3.14159265, 2: -0.000123456}),
        kinds.WellKnown(w_float=wrappers_pb2.FloatValue(value=9.87654321), w_double=wrappers_pb2.DoubleValue(value=9.87654321)),
        kinds.Scalars(fl=float("inf"), r_fl=[float("nan"), 1e-45]),
    ]


def outcome(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = function(*args, **kwargs)
        return ("ok", result, [(w.category, str(w.message)) for w in caught])
    except Exception as exc:
        return ("raised", type(exc))


@pytest.mark.parametrize("precision", [None, 0, 1, 3, 6, 10])
def test_float_precision_rounds_float_fields_exactly_where_and_as_the_runtime_does(kinds: ModuleType, precision: int | None) -> None:
    for message in floats(kinds):
        theirs = outcome(protobuf_json.MessageToDict, message, float_precision=precision)
        assert outcome(json_format.message_to_dict, message, float_precision=precision) == theirs
        assert (theirs[0] == "ok") is RUNTIME_HAS_FLOAT_PRECISION
        for args in ((message, False, None, True, False, None, precision), (message, True, 2, False, True, None, precision, False, True)):
            assert outcome(json_format.message_to_json, *args) == outcome(protobuf_json.MessageToJson, *args)
    if RUNTIME_HAS_FLOAT_PRECISION and precision == 3:  # the rule is really exercised: a float field rounded, a double not
        assert json_format.message_to_dict(floats(kinds)[0], float_precision=3) | {"rFl": None} == {"fl": 1.23, "db": 1.23456789, "rFl": None, "rDb": [0.1]}


def test_the_seventh_positional_parameter_of_message_to_json_is_the_runtimes(kinds: ModuleType) -> None:
    message = kinds.Scalars(s="é", fl=1.23456789)
    seventh = list(inspect.signature(protobuf_json.MessageToJson).parameters)[6]
    for value in (False, 2):
        assert outcome(json_format.message_to_json, message, False, None, False, False, None, value) == outcome(
            protobuf_json.MessageToJson, message, False, None, False, False, None, value
        )
    positional: tuple[Any, ...] = (message, False, None, False, False, None, 2)  # the 7th: float_precision or ensure_ascii, by runtime
    written = json.loads(json_format.message_to_json(*positional))
    assert seventh in ("float_precision", "ensure_ascii") and (written["fl"] == 1.2) is (seventh == "float_precision")


LATE_NAMES = r"""
import json, sys
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf import json_format as protobuf_json
from kraken_proto import json_format

try:  # protobuf 7 ships the extension (number 998); older runtimes' EnumValueOptions have no range for 998
    import importlib.util
    SHIPPED = importlib.util.find_spec("google.protobuf.json_enumvalue_options_pb2") is not None
except ImportError:
    SHIPPED = False
NUMBER = 998 if SHIPPED else 50998

def varint(n):
    out = b""
    while n > 0x7F:
        out += bytes([n & 0x7F | 0x80]); n >>= 7
    return out + bytes([n])

shade = descriptor_pb2.FileDescriptorProto(name="late/v1/shade.proto", package="late.v1", syntax="proto3")
enum = shade.enum_type.add(name="Shade")
enum.value.add(name="SHADE_UNSPECIFIED", number=0)
inner = b"\x0a\x06bright"  # JsonEnumValueOptions{string: "bright"}
enum.value.add(name="SHADE_BRIGHT", number=1).options.MergeFromString(varint(NUMBER << 3 | 2) + varint(len(inner)) + inner)
for name in ("Early", "Later"):
    shade.message_type.add(name=name).field.add(name="shade", number=1, type=14, type_name=".late.v1.Shade", label=1)
pool = descriptor_pool.Default()
pool.Add(shade)
Early, Later = (message_factory.GetMessageClass(pool.FindMessageTypeByName("late.v1." + n)) for n in ("Early", "Later"))

def both(cls):
    written = [json_format.message_to_dict(cls(shade=1)), protobuf_json.MessageToDict(cls(shade=1))]
    read = []
    for parse in (json_format.parse_dict, protobuf_json.ParseDict):
        try:
            read.append(parse({"shade": "bright"}, cls()).shade)
        except Exception as exc:
            read.append(type(exc).__name__)
    return {"written": written, "read": read}

result = {"before": both(Early)}
if SHIPPED:
    from google.protobuf import json_enumvalue_options_pb2
else:  # the same extension by name, made known the way generated code is: added to the pool, then imported
    ext = descriptor_pb2.FileDescriptorProto(name="late/v1/pb_enumvalue.proto", package="pb.enumvalue", dependency=["google/protobuf/descriptor.proto"])
    ext.message_type.add(name="JsonEnumValueOptions").field.add(name="string", number=1, type=9, label=1)
    ext.extension.add(name="json", number=NUMBER, type=11, type_name=".pb.enumvalue.JsonEnumValueOptions", extendee=".google.protobuf.EnumValueOptions", label=1)
    pool.Add(ext)
    message_factory.GetMessageClassesForFiles(["late/v1/pb_enumvalue.proto"], pool)
    import json as _imported_after_adding  # noqa
    sys.modules["late_pb_enumvalue_pb2"] = type(sys)("late_pb_enumvalue_pb2")
result["after, a type converted before"] = both(Early)
result["after, a type new since"] = both(Later)
print(json.dumps({"honoured": SHIPPED, **result}))
"""


def test_enum_json_names_imported_after_a_first_conversion_count_exactly_where_the_runtime_honours_them(tmp_path: Path) -> None:
    """``(pb.enumvalue.json).string`` (protobuf 7): declared by a module imported after the type was first
    written and read, it counts from then on, as in protobuf's own json_format; runtimes that ignore it, ignore it."""
    script = tmp_path / "late_names.py"
    script.write_text(LATE_NAMES, encoding="utf-8")
    run = subprocess.run([sys.executable, "-W", "error", str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout)
    for case in ("before", "after, a type converted before", "after, a type new since"):
        ours, theirs = result[case]["written"]
        assert ours == theirs, (case, result)
        assert result[case]["read"][0] == result[case]["read"][1], (case, result)
    named = "bright" if result["honoured"] else "SHADE_BRIGHT"
    assert result["before"]["written"][1] == {"shade": "SHADE_BRIGHT"}
    assert result["after, a type converted before"]["written"][1] == result["after, a type new since"]["written"][1] == {"shade": named}
