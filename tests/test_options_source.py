"""``options.proto``, the contract's one hand-written ``.proto``: generate copies it, the generator reads it back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from google.protobuf.descriptor import FieldDescriptor

from kraken.enums.v1 import options_pb2
from kraken_proto.generator.committed import contract_from_image
from kraken_proto.generator.errors import SourceError
from kraken_proto.generator.render import OPTIONS_SOURCE, render_options

from .conftest import ROOT, run_python

COMMITTED = Path("proto/kraken/enums/v1/options.proto")
SOURCE = Path("kraken_proto/generator/options.proto")


def test_the_source_lives_in_the_generator_and_the_committed_copy_is_it_from_the_syntax_line_on() -> None:
    assert OPTIONS_SOURCE == ROOT / SOURCE
    source = (ROOT / SOURCE).read_text(encoding="utf-8")
    committed = (ROOT / COMMITTED).read_text(encoding="utf-8")
    note, body = source.split('\nsyntax = "proto3";\n', 1)
    assert all(line.startswith("//") or not line for line in note.split("\n"))
    assert "hand" in note and "never rename" in note  # the source says what it is, for its editors
    every_enum_file_header = (ROOT / "proto/kraken/enums/v1/account_status.proto").read_text(encoding="utf-8").split("\n")[0]
    assert committed == f'{every_enum_file_header}\n\nsyntax = "proto3";\n{body}'


def test_a_source_whose_first_statement_is_not_proto3_syntax_stops_generate_naming_its_line(tmp_path: Path) -> None:
    source = tmp_path / "options.proto"
    source.write_text('// a note\n\nsyntax = "proto2";\n\npackage kraken.enums.v1;\n', encoding="utf-8")
    with pytest.raises(SourceError, match=re.escape(f'{source}:3: expected `syntax = "proto3";`')):
        render_options(source)


def test_a_source_in_another_package_stops_generate_naming_the_package(tmp_path: Path) -> None:
    source = tmp_path / "options.proto"
    source.write_text('syntax = "proto3";\n\npackage kraken.enums.v2;\n', encoding="utf-8")
    with pytest.raises(SourceError, match=re.escape(f"{source}: the options must be declared in `package kraken.enums.v1;`")):
        render_options(source)


def extended(extension: FieldDescriptor) -> str:
    """The name of the message an extension extends (types-protobuf declares containing_type optional)."""
    assert extension.containing_type is not None, extension.full_name
    return extension.containing_type.name


def test_every_option_the_generated_module_declares_is_read_back_from_the_committed_tree() -> None:
    """An option added to options.proto but not to committed.py would be silently dropped by the next generate."""
    enum_options = {f"[{e.full_name}]": f"enum {e.name}" for e in options_pb2.DESCRIPTOR.extensions_by_name.values() if extended(e) == "EnumOptions"}
    value_options = {f"[{e.full_name}]": f"value {e.name}" for e in options_pb2.DESCRIPTOR.extensions_by_name.values() if extended(e) == "EnumValueOptions"}
    assert len(enum_options) + len(value_options) == len(options_pb2.DESCRIPTOR.extensions_by_name) == 7
    image = {
        "file": [
            {
                "name": "kraken/enums/v1/probe.proto",
                "enumType": [
                    {
                        "name": "Probe",
                        "options": {"deprecated": True, **enum_options},
                        "value": [{"name": "PROBE_UNSPECIFIED"}, {"name": "PROBE_ONE", "number": 1, "options": {"deprecated": True, **value_options}}],
                    }
                ],
            }
        ]
    }
    (enum,) = contract_from_image(image).enums
    read = {enum.graphql_name, enum.description, enum.example, enum.deprecation_reason}
    read |= {enum.values[0].graphql_value, enum.values[0].description, enum.values[0].deprecation_reason}
    assert read == set(enum_options.values()) | set(value_options.values())


def test_an_option_added_to_the_source_reaches_the_committed_proto_and_the_python_and_typescript_code(project: Path) -> None:
    source = project / SOURCE
    text = source.read_text(encoding="utf-8")
    addition = "  // Probe: an option added by a maintainer.\n  string graphql_probe = 50099;\n"
    source.write_text(
        text.replace("  string graphql_deprecation_reason = 50013;\n", "  string graphql_deprecation_reason = 50013;\n" + addition), encoding="utf-8"
    )
    enum_file = (project / "proto/kraken/enums/v1/account_status.proto").read_bytes()
    result = run_python(project, "from kraken_proto.cli import main; raise SystemExit(main(['generate', '--root', '.']))")
    assert result.returncode == 0, result.stderr
    assert addition in (project / COMMITTED).read_text(encoding="utf-8")
    assert "graphql_probe" in (project / "gen/kraken/enums/v1/options_pb2.pyi").read_text(encoding="utf-8")
    assert "export const graphql_probe" in (project / "gen/ts/kraken/enums/v1/options_pb.ts").read_text(encoding="utf-8")
    assert (project / "proto/kraken/enums/v1/account_status.proto").read_bytes() == enum_file
