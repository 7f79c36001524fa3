"""kraken_proto.spark on a real local Spark session: the four conversions as JVM expressions, no Python UDF.

Every Spark test is here, around ONE module-scoped session (``local[1]``, one shuffle partition, no UI,
quiet logs), so the suite pays the JVM's start once. The expected values are hand-written literals and
the shared vectors; agreement with the Python helpers is checked on every enum and value of the vectors
in one DataFrame (one job, not one per value).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from py4j.protocol import Py4JJavaError
from pyspark import __version__ as pyspark_version
from pyspark.errors import AnalysisException, SparkRuntimeException
from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as sf
from pyspark.sql.types import IntegerType, StringType

import kraken_proto
from kraken_proto import spark as ks
from kraken_proto.enums import ReferralStatusChoices
from kraken_proto.errors import UnknownEnumError, UnknownEnumValueError, UnknownEnumValuesError

from .conftest import ROOT, VECTORS

CONVERSIONS = (ks.numbers_to_strings, ks.strings_to_numbers, ks.proto_names_to_strings, ks.strings_to_proto_names)


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    """One local session for the whole module, bound to 127.0.0.1, with the UI off and logs quiet."""
    session = (
        SparkSession.builder.master("local[1]")
        .appName("kraken-proto-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("OFF")
    yield session
    session.stop()


EVENTS_SCHEMA = "event_id string, account_status int, referral_status string, referral_status_number bigint, reminder string"
EVENTS = [
    # an account event with numbers, a referral event as from_protobuf writes it (proto names), a reminder by its GraphQL string
    ("e1", 1, "REFERRAL_STATUS_CHOICES_CANCELLED", 1, None),
    ("e2", 7, "REFERRAL_STATUS_CHOICES_PAID", 2, None),
    ("e3", None, None, None, None),
    ("e4", 0, "REFERRAL_STATUS_CHOICES_UNSPECIFIED", 0, None),  # the zero value: a field that was never set
    ("e5", 42, "REFERRAL_STATUS_CHOICES_REFUNDED", 4, None),  # what a newer producer might send
    ("e6", 6, "referral_status_choices_pending", 3, None),  # a proto name in the wrong case is no proto name
]


@pytest.fixture(scope="module")
def events(spark: SparkSession) -> DataFrame:
    return spark.createDataFrame(EVENTS, EVENTS_SCHEMA)


def rows(frame: DataFrame) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in frame.collect()]


SPARK_MAJOR = int(pyspark_version.split(".")[0])
"""4 with the dev pin; 3 when tests/test_spark_floor.py runs this module on the extra's floor, pyspark 3.5.0."""


def raised(frame: DataFrame) -> str:
    """The message of the error a ``raise_error`` in ``frame`` throws when it is collected, as the job sees it.

    Spark 4's ``raise_error`` throws a ``SparkRuntimeException`` of the USER_RAISED_EXCEPTION condition, which
    pyspark converts to its own exception; Spark 3.5's throws a plain ``java.lang.RuntimeException``, which
    pyspark does not convert: it reaches Python as py4j's ``Py4JJavaError`` for the failed job, the
    RuntimeException its innermost cause.
    """
    if SPARK_MAJOR >= 4:
        with pytest.raises(SparkRuntimeException) as caught:
            frame.collect()
        assert caught.value.getCondition() == "USER_RAISED_EXCEPTION"
        return str(caught.value)
    with pytest.raises(Py4JJavaError) as java:
        frame.collect()
    cause = java.value.java_exception
    while cause.getCause() is not None:
        cause = cause.getCause()
    assert cause.getClass().getName() == "java.lang.RuntimeException"
    return str(cause.getMessage())


# -- the events: what strict and lenient give ----------------------------------------------------------


def test_lenient_conversions_give_the_graphql_strings_and_null_for_nulls_the_zero_value_and_unknown_values(events: DataFrame) -> None:
    converted = events.select(
        "event_id",
        ks.numbers_to_strings("account_status", "AccountStatus", strict=False),
        ks.proto_names_to_strings("referral_status", "ReferralStatusChoices", strict=False),
        ks.numbers_to_strings("referral_status_number", ReferralStatusChoices, strict=False).alias("from_number"),
    )
    assert converted.columns == ["event_id", "account_status", "referral_status", "from_number"]
    assert rows(converted.orderBy("event_id")) == [
        ("e1", "ACTIVE", "Cancelled", "Cancelled"),
        ("e2", "VOID", "Paid", "Paid"),
        ("e3", None, None, None),
        ("e4", None, None, None),
        ("e5", None, None, None),
        ("e6", "PENDING", None, "Pending"),
    ]


def test_strict_is_the_default_and_only_raises_when_an_action_meets_an_unknown_value_naming_the_enum_and_the_value(events: DataFrame) -> None:
    def converted(*event_ids: str) -> DataFrame:
        """The strict conversion of those events: building it raises nothing, whatever they hold."""
        return events.where(sf.col("event_id").isin(*event_ids)).select(ks.proto_names_to_strings("referral_status", "ReferralStatusChoices"))

    assert rows(converted("e1", "e2", "e3")) == [("Cancelled",), ("Paid",), (None,)]
    whole = converted(*(event[0] for event in EVENTS))
    message = raised(converted("e5"))
    assert "'REFERRAL_STATUS_CHOICES_REFUNDED' is not a value of ReferralStatusChoices: no value has this proto name" in message
    assert "strict=False gives null instead" in message
    unspecified = raised(converted("e4"))
    assert (
        "'REFERRAL_STATUS_CHOICES_UNSPECIFIED' is not a value of ReferralStatusChoices: 0 is the UNSPECIFIED value, which has no GraphQL string" in unspecified
    )
    assert "is not a value of ReferralStatusChoices" in raised(whole)


def test_strict_numbers_name_the_zero_value_and_the_numbers_this_version_knows(events: DataFrame) -> None:
    def converted(event_id: str) -> DataFrame:
        return events.where(sf.col("event_id") == event_id).select(ks.numbers_to_strings("account_status", "AccountStatus"))

    assert "0 is not a value of AccountStatus: 0 is the UNSPECIFIED value, which has no GraphQL string" in raised(converted("e4"))
    assert "42 is not a value of AccountStatus: this version of kraken-proto knows numbers 1..8 (a newer producer may have added it)" in raised(converted("e5"))


def test_strict_strings_are_exact_and_case_sensitive_as_graphql_is(spark: SparkSession) -> None:
    frame = spark.createDataFrame([("Cancelled", "Cancelled"), ("cancelled", "Refunded")], "status string, other string")
    assert rows(frame.select(ks.strings_to_numbers("status", "ReferralStatusChoices", strict=False))) == [(1,), (None,)]
    message = raised(frame.select(ks.strings_to_numbers("status", "ReferralStatusChoices")))
    assert "'cancelled' is not a value of ReferralStatusChoices: strings are exact and case-sensitive [" in message  # the Python helper's reasons
    assert "'Refunded' is not a value of ReferralStatusChoices: not a documented string [" in raised(
        frame.select(ks.strings_to_numbers("other", "ReferralStatusChoices"))
    )
    assert "'cancelled' is not a value of ReferralStatusChoices: strings" in raised(frame.select(ks.strings_to_proto_names("status", "ReferralStatusChoices")))


def test_check_raises_the_shared_column_error_with_how_many_unknown_values_and_the_first_in_one_job(events: DataFrame) -> None:
    with pytest.raises(UnknownEnumValuesError) as numbers:
        ks.check(events, "account_status", "AccountStatus", holds="numbers")
    assert isinstance(numbers.value, UnknownEnumValueError) and isinstance(numbers.value, ValueError)
    assert (numbers.value.count, numbers.value.enum) == (2, "AccountStatus")  # 0 and 42; nulls are not unknown
    assert str(numbers.value) == "2 values are not values of AccountStatus (0 is the UNSPECIFIED value, which has no GraphQL string); the first: 0"
    with pytest.raises(UnknownEnumValuesError) as names:
        ks.check(events, sf.col("referral_status"), ReferralStatusChoices, holds="proto_names")
    assert names.value.count == 3  # UNSPECIFIED, a name from a newer producer, a name in the wrong case
    assert (
        str(names.value)
        == "3 values are not values of ReferralStatusChoices (0 is the UNSPECIFIED value, which has no GraphQL string); the first: 'REFERRAL_STATUS_CHOICES_UNSPECIFIED'"
    )
    clean = events.where(sf.col("event_id").isin("e1", "e2", "e3"))
    ks.check(clean, "account_status", "AccountStatus", holds="numbers")  # no unknown value: returns, raises nothing
    ks.check(clean, "referral_status", "ReferralStatusChoices", holds="proto_names")  # no unknown value: returns, raises nothing
    strings = clean.select(ks.proto_names_to_strings("referral_status", "ReferralStatusChoices"))
    ks.check(strings, "referral_status", "ReferralStatusChoices", holds="strings")  # no unknown value: returns, raises nothing
    with pytest.raises(
        UnknownEnumValuesError, match=r"^1 value is not a value of ReferralStatusChoices \(strings are exact and case-sensitive\); the first: 'PAID'$"
    ):
        ks.check(
            strings.union(strings.sparkSession.createDataFrame([("PAID",)], "referral_status string")),
            "referral_status",
            "ReferralStatusChoices",
            holds="strings",
        )


def test_the_strings_go_back_to_the_numbers_and_proto_names_they_came_from_with_int_numbers(events: DataFrame) -> None:
    known = events.where(sf.col("event_id").isin("e1", "e2", "e3"))
    strings = known.select("event_id", ks.numbers_to_strings("referral_status_number", "ReferralStatusChoices").alias("graphql_value"))
    back = strings.select(
        "event_id",
        ks.strings_to_numbers("graphql_value", "ReferralStatusChoices").alias("number"),
        ks.strings_to_proto_names("graphql_value", "ReferralStatusChoices").alias("proto_name"),
    )
    assert back.schema["number"].dataType == IntegerType()
    assert back.schema["proto_name"].dataType == StringType()
    assert strings.schema["graphql_value"].dataType == StringType()
    assert rows(back.orderBy("event_id")) == [("e1", 1, "REFERRAL_STATUS_CHOICES_CANCELLED"), ("e2", 2, "REFERRAL_STATUS_CHOICES_PAID"), ("e3", None, None)]


def test_empty_input_gives_an_empty_column_of_the_right_type_in_both_modes(spark: SparkSession) -> None:
    empty = spark.createDataFrame([], "n int, s string")
    for strict in (True, False):
        converted = empty.select(ks.numbers_to_strings("n", "AccountStatus", strict=strict), ks.strings_to_numbers("s", "AccountStatus", strict=strict))
        assert rows(converted) == []
        assert [field.dataType for field in converted.schema] == [StringType(), IntegerType()]


def test_every_integer_column_type_is_accepted_and_a_bigint_beyond_int32_is_unknown(spark: SparkSession) -> None:
    frame = spark.createDataFrame([(1, 1, 1, 1), (2, 2, 2, 2**32 + 1)], "b tinyint, s smallint, i int, l bigint")
    converted = frame.select(*(ks.numbers_to_strings(name, "ReferralStatusChoices", strict=False) for name in frame.columns))
    assert rows(converted) == [("Cancelled",) * 4, ("Paid", "Paid", "Paid", None)]  # 2**32 + 1 is no 1, as a cast to int would make it
    assert "4294967297 is not a value of ReferralStatusChoices" in raised(frame.select(ks.numbers_to_strings("l", "ReferralStatusChoices")))


def test_a_column_of_the_wrong_type_fails_in_both_modes_instead_of_being_cast(spark: SparkSession) -> None:
    frame = spark.createDataFrame([(2.0, "1", 1)], "d double, s string, i int")
    for strict in (True, False):
        message = raised(frame.select(ks.numbers_to_strings("d", "ReferralStatusChoices", strict=strict)))
        assert "numbers_to_strings: a column of ReferralStatusChoices must be of type tinyint or smallint or int or bigint, not double" in message
        for mismatch in (
            ks.numbers_to_strings("s", "ReferralStatusChoices", strict=strict),
            ks.strings_to_numbers("i", "ReferralStatusChoices", strict=strict),
        ):
            with pytest.raises(AnalysisException, match="DATATYPE_MISMATCH"):  # Spark itself refuses to look a string up among numbers, and back
                frame.select(mismatch)


def test_the_same_results_with_ansi_mode_on_and_off(spark: SparkSession, events: DataFrame) -> None:
    """Spark 4 turns ANSI mode on by default, where ``element_at`` raises on a missing key; the lookup must not depend on it."""
    before = spark.conf.get("spark.sql.ansi.enabled")
    results = []
    try:
        for ansi in ("true", "false"):
            spark.conf.set("spark.sql.ansi.enabled", ansi)
            results.append(rows(events.select(ks.numbers_to_strings("account_status", "AccountStatus", strict=False)).orderBy("event_id")))
            newer = events.where(sf.col("event_id") == "e5")
            assert "42 is not a value of AccountStatus" in raised(newer.select(ks.numbers_to_strings("account_status", "AccountStatus")))
    finally:
        spark.conf.set("spark.sql.ansi.enabled", before or "true")
    assert results[0] == results[1] == [("ACTIVE",), ("VOID",), (None,), (None,), (None,), ("PENDING",)]


def test_values_may_be_a_column_expression_and_enum_any_key_get_takes(events: DataFrame) -> None:
    keys = ("ReferralStatusChoices", "kraken.enums.v1.ReferralStatusChoices", ReferralStatusChoices, ReferralStatusChoices.DESCRIPTOR)
    column = sf.col("referral_status_number") - sf.lit(0)
    converted = events.select(*(ks.numbers_to_strings(column, key, strict=False).alias(f"k{i}") for i, key in enumerate(keys)))
    assert {row[1:] == row[:-1] for row in rows(converted)} == {True}
    assert [row[0] for row in rows(converted)] == ["Cancelled", "Paid", None, None, None, "Pending"]


def test_an_unknown_enum_is_refused_when_the_expression_is_built_before_spark_sees_it() -> None:
    with pytest.raises(UnknownEnumError, match="'ReferralStatus' is not a Kraken enum"):
        ks.numbers_to_strings("status", "ReferralStatus")


def test_check_refuses_a_holds_it_does_not_know_before_running_a_job(events: DataFrame) -> None:
    with pytest.raises(ValueError, match=r"^holds must be one of 'numbers', 'strings', 'proto_names', not 'names'$"):
        ks.check(events, "referral_status", "ReferralStatusChoices", holds="names")  # type: ignore[arg-type]


def explained(frame: DataFrame) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        frame.explain()
    return out.getvalue()


def test_the_plan_runs_in_the_jvm_with_no_python_udf_and_the_map_folded_to_a_literal(events: DataFrame) -> None:
    ours = explained(events.select(*(conversion("referral_status", "ReferralStatusChoices", strict=False) for conversion in CONVERSIONS[1:])))
    python_udf = sf.udf(lambda value: value, StringType(), useArrow=False)  # the same plan node with or without pyarrow installed
    theirs = explained(events.select(python_udf("referral_status")))
    assert "BatchEvalPython" in theirs  # what a Python UDF looks like in a plan: so its absence below means something
    assert "EvalPython" not in ours and "PythonUDF" not in ours
    assert "map(keys: [REFERRAL_STATUS_CHOICES_CANCELLED," in ours  # create_map of literals folded once, not rebuilt per row


def test_the_spark_example_of_docs_dataframes_md_runs_as_written_on_this_session(spark: SparkSession) -> None:
    """The doc's Spark block needs a session, so tests/test_docs.py leaves it to this module, which runs it here."""
    from .test_docs import parse_blocks

    doc = ROOT / "docs" / "dataframes.md"
    section = doc.read_text(encoding="utf-8").split("\n## Spark\n", 1)[1].split("\n## ", 1)[0]
    blocks = [block for block in parse_blocks(section, "docs/dataframes.md") if block.language == "python"]
    assert len(blocks) == 1 and blocks[0].not_run is not None and "tests/test_spark.py" in blocks[0].not_run
    exec(compile(blocks[0].code, str(doc), "exec"), {"spark": spark})


# -- every shared vector, in one DataFrame -----------------------------------------------------------


Vector = tuple[str, str, int | None, str | None, str | None]


def vector_rows() -> list[Vector]:
    """(kind, enum, number, proto_name, graphql_value) for every value of every enum of the vectors ("known", or
    "zero" for the ``*_UNSPECIFIED`` value), then per enum two "unknown" rows (the next number and -1, the
    last proto name in lower case and with a trailing space, its string in another case and with a leading
    space) and a "null" row."""
    data = json.loads(VECTORS.read_text(encoding="utf-8"))
    assert data["format"] == 2
    out: list[Vector] = []
    for enum in data["enums"]:
        name, values = enum["graphql_name"], enum["values"]
        out += [("zero" if v["number"] == 0 else "known", name, v["number"], v["proto_name"], v["graphql_value"]) for v in values]
        last = values[-1]
        other_case = last["graphql_value"].swapcase() if last["graphql_value"].swapcase() != last["graphql_value"] else last["graphql_value"] + "_"
        out.append(("unknown", name, last["number"] + 1, last["proto_name"].lower(), other_case))
        out.append(("unknown", name, -1, last["proto_name"] + " ", " " + last["graphql_value"]))
        out.append(("null", name, None, None, None))
    return out


VECTOR_SCHEMA = "kind string, enum string, number bigint, proto_name string, graphql_value string"


def by_enum(conversion: Any, column: str, names: list[str], strict: bool) -> Column:
    """One column that applies ``conversion`` with each row's own enum (a CASE over the enums, so each row meets one map)."""
    return sf.coalesce(*(sf.when(sf.col("enum") == name, conversion(column, name, strict=strict)) for name in names))


@pytest.fixture
def interpreted(spark: SparkSession) -> Iterator[None]:
    """Whole-stage code generation off: compiling one method for 296 map lookups (74 enums x 4 conversions) takes
    Janino longer than running them interpreted. The event tests above run the generated code."""
    spark.conf.set("spark.sql.codegen.wholeStage", "false")
    yield
    spark.conf.unset("spark.sql.codegen.wholeStage")


def lenient(helper: Any, value: Any) -> Any:
    """What a Python helper gives for ``value``, None where it refuses it (the lenient choice) or where ``value`` is None."""
    try:
        return None if value is None else helper(value)
    except kraken_proto.UnknownEnumValueError:
        return None


@pytest.mark.usefixtures("interpreted")
def test_every_enum_and_value_of_the_shared_vectors_agrees_with_the_python_helpers_in_one_job(spark: SparkSession) -> None:
    data = vector_rows()
    names = sorted({row[1] for row in data})
    frame = spark.createDataFrame(data, VECTOR_SCHEMA)
    converted = frame.select(
        "*",
        by_enum(ks.numbers_to_strings, "number", names, False).alias("s_from_number"),
        by_enum(ks.strings_to_numbers, "graphql_value", names, False).alias("n_from_string"),
        by_enum(ks.proto_names_to_strings, "proto_name", names, False).alias("s_from_proto_name"),
        by_enum(ks.strings_to_proto_names, "graphql_value", names, False).alias("p_from_string"),
    )
    results = converted.collect()
    assert len(results) == len(data) == 970 + 3 * 74
    for row in results:
        m = kraken_proto.get(row.enum)
        # what the vectors say is right: a known value maps to its vector's facts, anything else to null
        known = row.kind == "known"
        expected = (
            row.graphql_value if known else None,
            row.number if known else None,
            row.graphql_value if known else None,
            row.proto_name if known else None,
        )
        spark_says = (row.s_from_number, row.n_from_string, row.s_from_proto_name, row.p_from_string)
        python_says = (
            lenient(m.to_string, row.number),
            lenient(m.from_string, row.graphql_value),
            lenient(lambda name, m=m: m.to_string(m.from_proto_name(name)), row.proto_name),
            lenient(lambda text, m=m: m.proto_name(m.from_string(text)), row.graphql_value),
        )
        assert spark_says == expected == python_says, (row.kind, row.enum, row.number, row.proto_name, row.graphql_value)
    assert sum(row.kind == "known" and row.s_from_number is not None for row in results) == 970 - 74


@pytest.mark.usefixtures("interpreted")
def test_strict_conversions_of_every_known_vector_raise_nothing_and_a_zero_value_raises(spark: SparkSession) -> None:
    data = [row for row in vector_rows() if row[0] in ("known", "zero")]
    names = sorted({row[1] for row in data})
    frame = spark.createDataFrame(data, VECTOR_SCHEMA)
    known = frame.where(sf.col("kind") == "known")
    converted = known.select(
        by_enum(ks.strings_to_numbers, "graphql_value", names, True).alias("number"),
        by_enum(ks.numbers_to_strings, "number", names, True).alias("graphql_value"),
        by_enum(ks.proto_names_to_strings, "proto_name", names, True).alias("from_proto_name"),
        by_enum(ks.strings_to_proto_names, "graphql_value", names, True).alias("proto_name"),
    )
    assert sorted(rows(converted)) == sorted((row[2], row[4], row[4], row[3]) for row in data if row[0] == "known")
    zero = frame.where((sf.col("kind") == "zero") & (sf.col("enum") == "TextStyleV1"))
    assert "0 is not a value of TextStyleV1: 0 is the UNSPECIFIED value" in raised(zero.select(ks.numbers_to_strings("number", "TextStyleV1")))
    assert "'TEXT_STYLE_V1_UNSPECIFIED' is not a value of TextStyleV1" in raised(zero.select(ks.proto_names_to_strings("proto_name", "TextStyleV1")))


# -- the extra: never imported by the package, named when missing --------------------------------------


def test_import_kraken_proto_and_its_spark_module_import_no_pyspark() -> None:
    code = "import sys, kraken_proto, kraken_proto.spark; kraken_proto.get('AccountStatus'); print(sorted(m for m in sys.modules if m.startswith(('pyspark', 'py4j'))))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_without_pyspark_a_conversion_raises_one_line_naming_the_spark_extra(tmp_path: Path) -> None:
    """A real interpreter in which pyspark is not installed: a venv that sees only this checkout and the protobuf runtime."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", tmp_path / "venv"], check=True, timeout=120)
    site = next((tmp_path / "venv" / "lib").glob("python3*/site-packages"))
    ours = Path(sysconfig.get_paths()["purelib"])
    (tmp_path / "protobuf").mkdir()
    (tmp_path / "protobuf" / "google").symlink_to(ours / "google", target_is_directory=True)
    (site / "checkout.pth").write_text(f"{ROOT}\n{ROOT / 'gen'}\n{tmp_path / 'protobuf'}\n", encoding="utf-8")
    code = (
        "import importlib.util, kraken_proto.spark as ks\n"
        "assert importlib.util.find_spec('pyspark') is None\n"
        "from kraken_proto._extras import MissingExtraError\n"
        "try:\n    ks.strings_to_numbers('status', 'AccountStatus')\n"
        "except MissingExtraError as exc:\n    print(type(exc).__name__, isinstance(exc, ImportError)); print(exc)\n"
    )
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONNOUSERSITE": "1"}
    result = subprocess.run([tmp_path / "venv" / "bin" / "python", "-c", code], capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "MissingExtraError True",
        "kraken_proto.spark needs pyspark, which is not installed: install the kraken-proto[spark] extra",
    ]
