"""``kraken-proto`` (also ``python -m kraken_proto``): generate, check, release, export-sdl, convert, list,
export-descriptors.

``generate`` and ``check`` work on a checkout of this project (``--root``, default the current
directory) and load the build-time generator; ``convert``, ``list`` and ``export-descriptors`` only use
the installed contract.
Failures print one line, ``kraken-proto: error: ...``, and exit non-zero; there is no traceback for a
problem the user can fix.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import UnknownEnumError, UnknownEnumValueError, enum_names, file_descriptor_set, get


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except (UnknownEnumError, UnknownEnumValueError, TypeError) as exc:
        return _fail(str(exc))
    except OSError as exc:  # export-descriptors to a path that cannot be written
        return _fail(f"{exc.filename or ''}: {exc.strerror or exc}")
    except BrokenPipeError:  # `kraken-proto list | head`: the reader left, which is not an error
        sys.stderr.close()
        return 0
    except Exception as exc:
        from .generator.errors import GenerateError

        if isinstance(exc, GenerateError):
            return _fail(str(exc))
        raise


def _fail(message: str) -> int:
    print(f"kraken-proto: error: {message}", file=sys.stderr)
    return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kraken-proto", description=__doc__.split("\n")[0] if __doc__ else None)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    generate = commands.add_parser("generate", help="rebuild proto/ and gen/ from the upstream document (the main job)")
    generate.add_argument("--root", type=Path, default=Path("."), help="the project checkout (default: .)")
    generate.add_argument("--source", type=Path, default=None, help=SOURCE_HELP)
    generate.add_argument("--partial", action="store_true", help=PARTIAL_HELP)
    generate.set_defaults(run=_generate)

    check = commands.add_parser("check", help="buf lint; proto/ and gen/ exactly what generate writes; no break of the last release")
    check.add_argument("--root", type=Path, default=Path("."), help="the project checkout (default: .)")
    check.add_argument("--source", type=Path, default=None, help=SOURCE_HELP)
    check.add_argument("--partial", action="store_true", help=PARTIAL_HELP)
    check.set_defaults(run=_check)

    release = commands.add_parser("release", help="record the checked tree as the released contract (release/), the baseline of check")
    release.add_argument("--root", type=Path, default=Path("."), help="the project checkout (default: .)")
    release.set_defaults(run=_release)

    export = commands.add_parser("export-sdl", help="write the committed contract as GraphQL SDL (standard output by default)")
    export.add_argument("--root", type=Path, default=Path("."), help="the project checkout (default: .)")
    export.add_argument("-o", "--output", type=Path, default=None, help="write to FILE instead of standard output")
    export.set_defaults(run=_export_sdl)

    convert = commands.add_parser("convert", help="a GraphQL string gives its number and proto name; a number or proto name gives the string")
    convert.add_argument("enum", help="GraphQL enum name, e.g. AccountStatus")
    convert.add_argument("value", help='e.g. "ACTIVE", 1 or ACCOUNT_STATUS_ACTIVE')
    convert.set_defaults(run=_convert)

    listing = commands.add_parser("list", help="list the enums, or the values of one enum")
    listing.add_argument("enum", nargs="?", help="GraphQL enum name; omit to list every enum")
    listing.set_defaults(run=_list)

    export = commands.add_parser("export-descriptors", help="write the contract's FileDescriptorSet (with its imports), for schema registries and other languages")
    export.add_argument("-o", "--output", required=True, type=Path, help="file to write; - for standard output")
    export.set_defaults(run=_export_descriptors)
    return parser


SOURCE_HELP = (
    "upstream source: the text reference (default: upstream/kraken-graphql-enums.txt), "
    "GraphQL SDL (.graphql, .graphqls, .gql) or an introspection result (.json)"
)
PARTIAL_HELP = "the source covers only some enums: keep the enums it lacks as committed instead of deprecating them"


def _generate(args: argparse.Namespace) -> int:
    from .generator.pipeline import generate

    result = generate(args.root.resolve(), args.source.resolve() if args.source else None, partial=args.partial)
    for note in result.notes:
        print(f"kraken-proto: warning: {note}", file=sys.stderr)
    values = sum(len(e.values) for e in result.contract.enums)
    print(f"{len(result.contract.enums)} enums, {values} values; {len(result.changed)} file(s) changed")
    for path in result.changed:
        print(f"  {path}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from .generator.check import run_checks

    problems = run_checks(args.root.resolve(), args.source.resolve() if args.source else None, partial=args.partial)
    return _report("check", problems, "check passed: buf lint clean; generated files up to date; nothing released is broken")


def _release(args: argparse.Namespace) -> int:
    from .generator.check import release

    problems = release(args.root.resolve())
    return _report("release", problems, "released: release/baseline.binpb and release/contract.tsv now hold this contract; commit them")


def _report(command: str, problems: list[str], success: str) -> int:
    """One line per problem on standard error and exit 1, or the success line and exit 0."""
    for problem in problems:
        print(f"kraken-proto: {command}: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(success)
    return 0


def _export_sdl(args: argparse.Namespace) -> int:
    from .generator.committed import read_committed
    from .generator.export_sdl import export_sdl

    contract = read_committed(args.root.resolve())
    if not contract.enums:
        return _fail(f"{args.root / 'proto'} holds no contract (run kraken-proto generate first, or pass --root)")
    text = export_sdl(contract)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        return _fail(f"{args.output}: cannot write the SDL: {exc.strerror}")
    return 0


def _convert(args: argparse.Namespace) -> int:
    mapping = get(args.enum)
    text: str = args.value
    if text.lstrip("-").isdigit():
        number = int(text)
    else:
        found = mapping.from_string(text, default=None)
        if found is None and text.startswith(mapping.proto_name(0).removesuffix("UNSPECIFIED")):
            found = mapping.from_proto_name(text)
        number = found if found is not None else mapping.from_string(text)  # the latter raises the helpful error
    print(f"{mapping.to_string(number)}\t{number}\t{mapping.proto_name(number)}")
    return 0


def _list(args: argparse.Namespace) -> int:
    if args.enum is None:
        for name in enum_names():
            mapping = get(name)
            print("\t".join([name, f"{len(mapping)} values", *(["(deprecated)"] if mapping.deprecated else [])]))
        return 0
    mapping = get(args.enum)
    for info in mapping.values():
        print("\t".join([str(info.number), info.proto_name, info.graphql_value, *(["(deprecated)"] if info.deprecated else [])]))
    return 0


def _export_descriptors(args: argparse.Namespace) -> int:
    """Bytes, not text: a serialized ``google.protobuf.FileDescriptorSet``, as ``protoc -o`` writes."""
    data = file_descriptor_set()
    if str(args.output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    args.output.write_bytes(data)
    print(f"{args.output}: FileDescriptorSet, {len(data)} bytes", file=sys.stderr)
    return 0
