"""Upstream changes; the contract only grows. Each test evolves a real copy of the project with generate."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

from kraken_proto.generator import buf
from kraken_proto.generator.committed import read_committed
from kraken_proto.generator.model import ContractEnum

from .conftest import run_python

Cli = Callable[..., subprocess.CompletedProcess[str]]
DOC = Path("upstream/kraken-graphql-enums.txt")
BROWNOUT = 'APIBrownoutStatus\nPossible API Brownout statuses.\nValues\nABORTED\nCANCELLED\nCOMPLETED\nIN_PROGRESS\nSCHEDULED\nExample\n"SCHEDULED"\n'


def edit(project: Path, old: str, new: str) -> None:
    path = project / DOC
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the edit's anchor {old!r} is not in the document"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def generate(project: Path, cli: Cli) -> subprocess.CompletedProcess[str]:
    result = cli("generate", "--root", str(project))
    assert result.returncode == 0, result.stderr
    return result


def contract(project: Path) -> dict[str, ContractEnum]:
    return read_committed(project).by_name()


def numbers(enum: ContractEnum) -> dict[str, int]:
    return {v.graphql_value: v.number for v in enum.values}


def snapshot(project: Path) -> Path:
    """An image of the project's protos as they are now: the 'before' side for buf breaking."""
    image = project.parent / f"before-{len(list(project.parent.glob('before-*')))}.binpb"
    buf.run(["build", "-o", str(image)], cwd=project)
    return image


def assert_not_breaking(project: Path, before: Path, cli: Cli) -> None:
    buf.run(["breaking", "--against", str(before)], cwd=project)
    result = cli("check", "--root", str(project))
    assert result.returncode == 0, result.stderr


def test_a_value_added_in_the_middle_of_the_listing_is_appended_and_nothing_moves(project: Path, cli: Cli) -> None:
    before, image = contract(project), snapshot(project)
    edit(project, 'COMPLETED\nIN_PROGRESS\nSCHEDULED\nExample\n"SCHEDULED"', 'COMPLETED\nDELAYED\nIN_PROGRESS\nSCHEDULED\nExample\n"SCHEDULED"')
    generate(project, cli)
    after = numbers(contract(project)["APIBrownoutStatus"])
    assert {k: after[k] for k in numbers(before["APIBrownoutStatus"])} == numbers(before["APIBrownoutStatus"])
    assert after["DELAYED"] == max(numbers(before["APIBrownoutStatus"]).values()) + 1
    assert_not_breaking(project, image, cli)


def test_values_added_at_the_end_take_the_next_numbers_in_document_order(project: Path, cli: Cli) -> None:
    image = snapshot(project)
    edit(project, 'SCHEDULED\nExample\n"SCHEDULED"', 'SCHEDULED\nZEBRA\nZULU\nExample\n"SCHEDULED"')
    generate(project, cli)
    after = numbers(contract(project)["APIBrownoutStatus"])
    assert (after["ZEBRA"], after["ZULU"]) == (6, 7)
    assert_not_breaking(project, image, cli)


def test_reordering_the_document_renumbers_nothing(project: Path, cli: Cli) -> None:
    before = {name: numbers(enum) for name, enum in contract(project).items()}
    edit(project, "ABORTED\nCANCELLED\nCOMPLETED\nIN_PROGRESS\nSCHEDULED\n", "SCHEDULED\nIN_PROGRESS\nCOMPLETED\nCANCELLED\nABORTED\n")
    result = generate(project, cli)
    assert {name: numbers(enum) for name, enum in contract(project).items()} == before
    assert "0 file(s) changed" in result.stdout


def test_a_value_upstream_drops_stays_deprecated_with_a_comment_and_still_converts(project: Path, cli: Cli) -> None:
    image = snapshot(project)
    number = numbers(contract(project)["APIBrownoutStatus"])["CANCELLED"]
    edit(project, "ABORTED\nCANCELLED\nCOMPLETED", "ABORTED\nCOMPLETED")
    generate(project, cli)
    value = next(v for v in contract(project)["APIBrownoutStatus"].values if v.graphql_value == "CANCELLED")
    assert (value.number, value.deprecated) == (number, True)
    proto = (project / "proto/kraken/enums/v1/api_brownout_status.proto").read_text(encoding="utf-8")
    assert re.search(r"// Deprecated: No longer listed in the upstream reference.*\n\s*API_BROWNOUT_STATUS_CANCELLED = 2 \[\n\s*deprecated = true", proto)
    converted = run_python(
        project, "import kraken_proto as k; m = k.get('APIBrownoutStatus'); print(m.to_string(2), m.from_string('CANCELLED'), m.is_deprecated(2))"
    )
    assert converted.stdout.split() == ["CANCELLED", "2", "True"], converted.stderr
    assert_not_breaking(project, image, cli)


def test_a_renamed_value_keeps_the_old_one_deprecated_and_appends_the_new(project: Path, cli: Cli) -> None:
    image = snapshot(project)
    edit(project, "ABORTED\nCANCELLED\nCOMPLETED", "ABORTED\nCANCELED\nCOMPLETED")
    generate(project, cli)
    values = {v.graphql_value: v for v in contract(project)["APIBrownoutStatus"].values}
    assert values["CANCELLED"].deprecated and values["CANCELLED"].number == 2
    assert not values["CANCELED"].deprecated and values["CANCELED"].number == 6
    assert_not_breaking(project, image, cli)


def test_a_new_enum_gets_its_own_file_numbered_in_document_order(project: Path, cli: Cli) -> None:
    image = snapshot(project)
    before = {name: numbers(enum) for name, enum in contract(project).items()}
    edit(project, "APIBrownoutStatus\n", 'AAANewThing\nA brand new enum.\nValues\nSECOND\nFIRST\nExample\n"FIRST"\nAPIBrownoutStatus\n')
    generate(project, cli)
    after = contract(project)
    assert numbers(after["AAANewThing"]) == {"SECOND": 1, "FIRST": 2}
    assert {name: numbers(enum) for name, enum in after.items() if name != "AAANewThing"} == before
    assert "AAA_NEW_THING_FIRST = 2" in (project / "proto/kraken/enums/v1/aaa_new_thing.proto").read_text(encoding="utf-8")
    assert "AAANewThing" in (project / "kraken_proto/_generated/enums.py").read_text(encoding="utf-8")
    assert_not_breaking(project, image, cli)


def test_an_enum_upstream_drops_stays_deprecated_with_every_value(project: Path, cli: Cli) -> None:
    image = snapshot(project)
    before = contract(project)["APIBrownoutStatus"]
    edit(project, BROWNOUT, "")
    generate(project, cli)
    after = contract(project)["APIBrownoutStatus"]
    assert after.deprecated
    assert numbers(after) == numbers(before) and all(v.deprecated for v in after.values)
    proto = (project / "proto/kraken/enums/v1/api_brownout_status.proto").read_text(encoding="utf-8")
    assert "option deprecated = true;" in proto and "No longer listed in the upstream reference" in proto
    assert_not_breaking(project, image, cli)


def test_a_changed_description_changes_the_comment_and_nothing_else(project: Path, cli: Cli) -> None:
    before = contract(project)
    edit(project, "Possible API Brownout statuses.", "Statuses of an API brownout, as reported by Kraken.")
    result = generate(project, cli)
    after = contract(project)
    assert numbers(after["APIBrownoutStatus"]) == numbers(before["APIBrownoutStatus"])
    assert [(v.proto_name, v.deprecated) for v in after["APIBrownoutStatus"].values] == [
        (v.proto_name, v.deprecated) for v in before["APIBrownoutStatus"].values
    ]
    assert "// Statuses of an API brownout, as reported by Kraken." in (project / "proto/kraken/enums/v1/api_brownout_status.proto").read_text(encoding="utf-8")
    changed = {line.strip() for line in result.stdout.splitlines()[1:]}
    assert changed == {
        "proto/kraken/enums/v1/api_brownout_status.proto",
        "gen/kraken/enums/v1/api_brownout_status_pb2.py",
        "gen/kraken/enums/v1/api_brownout_status_pb2.pyi",
        "gen/ts/kraken/enums/v1/api_brownout_status_pb.ts",
        "go/kraken/enums/v1/api_brownout_status.pb.go",
        "docs/generated/enums.md",
        "kraken_proto/_generated/graphql.py",  # the StrEnum's class docstring carries the description
    }


def test_a_respelling_that_clashes_in_case_stops_with_the_correction_to_add_then_works_with_it(project: Path, cli: Cli) -> None:
    edit(project, "DUPLICATE_CARD_FINGERPRINTs\n", "DUPLICATE_CARD_FINGERPRINTS\n")
    proto_before = (project / "proto/kraken/enums/v1/account_reminder_types.proto").read_bytes()
    failed = cli("generate", "--root", str(project))
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert "'DUPLICATE_CARD_FINGERPRINTS'" in failed.stderr and "'DUPLICATE_CARD_FINGERPRINTs'" in failed.stderr
    assert (project / "proto/kraken/enums/v1/account_reminder_types.proto").read_bytes() == proto_before
    suggested = re.search(r"(\[\[proto_name\]\] .*?) reason", failed.stderr)
    assert suggested is not None
    entry = suggested.group(1).replace(" enum", "\nenum").replace(" value", "\nvalue").replace(" proto_name", "\nproto_name")
    with (project / "upstream/corrections.toml").open("a", encoding="utf-8") as corrections:
        corrections.write(f'\n{entry}\nreason = "Upstream corrected the spelling; the old string stays for stored data."\n')
    generate(project, cli)
    values = {v.graphql_value: v for v in contract(project)["AccountReminderTypes"].values}
    assert values["DUPLICATE_CARD_FINGERPRINTs"].deprecated
    assert values["DUPLICATE_CARD_FINGERPRINTS"].proto_name == "ACCOUNT_REMINDER_TYPES_DUPLICATE_CARD_FINGERPRINTS_V2"
    assert values["DUPLICATE_CARD_FINGERPRINTS"].number == max(v.number for v in values.values())
    assert cli("check", "--root", str(project)).returncode == 0


def test_a_nameless_block_that_no_longer_matches_stops_naming_line_and_values(project: Path, cli: Cli) -> None:
    edit(project, "GENERALLY_AVAILABLE\n", "GENERALLY_AVAILABLE\nBETA\n")
    result = cli("generate", "--root", str(project))
    assert result.returncode == 1
    assert re.search(
        r"kraken-graphql-enums\.txt:\d+: the nameless block after HardshipAgreementHardshipType was expected to be IntegrationStatus", result.stderr
    )
    assert "BETA" in result.stderr


def test_numbers_live_in_the_committed_protos_not_in_any_other_file(project: Path, cli: Cli) -> None:
    proto = project / "proto/kraken/enums/v1/api_brownout_status.proto"
    proto.write_text(proto.read_text(encoding="utf-8").replace("API_BROWNOUT_STATUS_SCHEDULED = 5", "API_BROWNOUT_STATUS_SCHEDULED = 9"), encoding="utf-8")
    edit(project, 'SCHEDULED\nExample\n"SCHEDULED"', 'SCHEDULED\nTHROTTLED\nExample\n"SCHEDULED"')
    generate(project, cli)
    assert numbers(contract(project)["APIBrownoutStatus"])["THROTTLED"] == 10
