"""pyarrow and pandas are extras: ``import kraken_proto`` (and importing kraken_proto.arrow or .pandas) loads
neither, and a process where they cannot be imported gets one line naming the extra to install.

Each case runs in a real subprocess; "not installed" is made with a ``sys.meta_path`` finder that answers
for the blocked package exactly as Python does when it is absent (ModuleNotFoundError naming it).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from .conftest import ROOT

BLOCKER = """
import sys
class Absent:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, Absent())
"""


def run(code: str, blocked: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    program = f"BLOCKED = {blocked!r}\n{BLOCKER}\n{textwrap.dedent(code)}"
    return subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_importing_kraken_proto_and_its_column_modules_loads_neither_pyarrow_nor_pandas() -> None:
    result = run("""
        import sys
        import kraken_proto, kraken_proto.arrow, kraken_proto.pandas
        kraken_proto.get("ReferralStatusChoices").to_string(1)
        print(sorted(m for m in sys.modules if m.partition(".")[0] in ("pyarrow", "pandas", "numpy")))
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_without_pyarrow_the_arrow_conversions_raise_one_line_naming_the_arrow_extra() -> None:
    result = run(
        """
        import kraken_proto.arrow as ka
        from kraken_proto._extras import MissingExtraError
        for call in (lambda: ka.numbers_to_strings([1], "ReferralStatusChoices"), lambda: ka.enum_field("status", "ReferralStatusChoices")):
            try:
                call()
            except MissingExtraError as error:
                assert isinstance(error, ImportError)
                print(error)
        """,
        blocked=("pyarrow",),
    )
    assert result.returncode == 0, result.stderr
    line = "kraken_proto.arrow needs pyarrow, which is not installed: install the kraken-proto[arrow] extra"
    assert result.stdout.splitlines() == [line, line]


def test_without_pandas_the_pandas_conversions_name_the_pandas_extra() -> None:
    result = run(
        """
        import kraken_proto.pandas as kp
        kp.numbers_to_strings([1], "ReferralStatusChoices")
        """,
        blocked=("pandas",),
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "kraken_proto._extras.MissingExtraError: kraken_proto.pandas needs pandas, which is not installed: install the kraken-proto[pandas] extra"
    )


def test_the_blocker_really_hides_the_package_so_the_tests_above_are_not_vacuous() -> None:
    result = run("import pyarrow", blocked=("pyarrow",))
    assert result.returncode == 1 and "ModuleNotFoundError: No module named 'pyarrow'" in result.stderr
