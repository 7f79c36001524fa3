"""``kraken-proto`` (also ``python -m kraken_proto``): the command line of the contract package.

``generate``, ``check``, ``diff``, ``release``, ``package`` and ``export-sdl`` work on a checkout of this project (``--root``,
default the current directory) with the dev extra installed; ``convert``, ``list``,
``export-descriptors``, ``export-jsonschema``, ``export-avro`` and ``export-table`` only use the installed contract. Each command is a ``_command`` function and one
parser entry. Failures print one line, ``kraken-proto: error: ...``, and exit 1 (2 for a usage error);
there is no traceback for a problem the user can fix, and a closed pipe (``| head``) ends quietly.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from ._extras import MissingExtraError
from ._proto_package import PACKAGE
from .errors import UnknownEnumError, UnknownEnumValueError

if TYPE_CHECKING:
    from .generator.fetch import FetchOptions

PROG = "kraken-proto"
DESCRIPTION = """\
The Kraken GraphQL enums as a protobuf contract: convert and list values, export the contract for
other tools, and (in a checkout of this project) regenerate, check, release and package it.

examples:
  kraken-proto convert AccountStatus ACTIVE      # -> ACTIVE  1  ACCOUNT_STATUS_ACTIVE
  kraken-proto list AccountStatus
  kraken-proto export-descriptors -o kraken.binpb
  kraken-proto generate && kraken-proto check    # in a checkout, with the dev extra

Run 'kraken-proto COMMAND --help' for a command's options and examples."""
STDOUT = "standard output"
"""How an error names standard output (kraken_proto.export._files.STDOUT says the same)."""
EXPORT_REFERENCE = "Reference, with the installed package only: python -m pydoc kraken_proto.export (the guide to event\nschemas is docs/event-schemas.md in the source repository)."
"""Where the export commands' help points: the wheel carries the module's docs, not the repository's docs/."""
NEEDS_CHECKOUT = "needs a checkout of kraken-proto with its dev extra installed (in the checkout: bash .ci/bootstrap, or pip install -e '.[dev]')"


class _Parser(argparse.ArgumentParser):
    """argparse with the one error prefix every command uses (``kraken-proto: error:``)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{PROG}: error: {message}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; Ctrl-C anywhere in it (protobuf is first imported in here) is one line and exit 130."""
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C: generate and release have already put the old tree back
        print("kraken-proto: interrupted", file=sys.stderr)
        return 130


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.guard_checkout and (problem := _not_a_checkout(args.root)):
            return _fail(problem)
        code = int(args.run(args))
        _flush_stdout()  # a reader that left, or a full disk, shows up here, inside the handlers, not at exit
        return code
    except BrokenPipeError:  # `kraken-proto list | head`: the reader left, which is not an error
        return _quiet_broken_pipe()
    except (UnknownEnumError, UnknownEnumValueError, TypeError) as exc:
        return _fail(str(exc))
    except MissingExtraError as exc:  # an optional integration (e.g. Parquet output needs pyarrow)
        return _fail(str(exc))
    except ModuleNotFoundError as exc:
        if args.needs_checkout:  # the generator's dependencies (graphql-core, buf) come with the dev extra
            return _fail(f"{args.command} {NEEDS_CHECKOUT}; missing: {exc.name}")
        raise
    except OSError as exc:  # an -o path or standard output that cannot be written
        if exc.filename == STDOUT:
            _quiet_broken_pipe()  # the interpreter's final flush must not fail a second time, with a traceback
        return _fail(f"{exc.filename}: {exc.strerror or exc}" if exc.filename else str(exc.strerror or exc))
    except Exception as exc:
        from .generator.errors import GenerateError

        if isinstance(exc, GenerateError):
            return _fail(str(exc))
        raise


def _fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 1


def _say(line: str) -> None:
    """``print`` to standard output, whose ``OSError`` (a full disk, ``> /dev/full``) names it."""
    try:
        print(line)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, STDOUT) from None


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, STDOUT) from None


def _quiet_broken_pipe() -> int:
    """Point stdout at /dev/null so that the interpreter's final flush cannot complain, and exit 0."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 0


def _not_a_checkout(root: Path) -> str | None:
    """Why ``root`` is not a kraken-proto tree (the commands that rebuild or read it need one), or None."""
    markers = [name for name in ("buf.yaml", "buf.gen.yaml", "upstream") if not (root / name).exists()]
    if not markers:
        return None
    where = "the current directory" if str(root) == "." else str(root)
    return f"{where} is not a kraken-proto checkout (no {', '.join(markers)}): run this in the checkout's root, or pass --root PATH"


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(needs_checkout=False, guard_checkout=False)
    commands = parser.add_subparsers(required=True, metavar="COMMAND", dest="command", help="one of the commands listed above")
    listed: list[tuple[str, str, bool]] = []

    def command(name: str, summary: str, description: str, examples: str, checkout: bool = False, guard: bool = True) -> argparse.ArgumentParser:
        """One subcommand: ``summary`` in the top-level list, ``description`` and ``examples`` in its --help.

        ``checkout``: the command works on a checkout (``--root``) and needs the dev extra; ``guard``: refuse
        a ``--root`` that is not a kraken-proto tree before starting (export-sdl says so in its own words).
        """
        sub = commands.add_parser(name, description=f"{description}\n\nexamples:\n{examples}", formatter_class=argparse.RawDescriptionHelpFormatter)
        listed.append((name, summary, checkout))
        if checkout:
            sub.add_argument("--root", type=Path, default=Path("."), help="the project checkout (default: the current directory)")
            sub.set_defaults(needs_checkout=True, guard_checkout=guard)
        return sub

    generate = command(
        "generate",
        "rebuild proto/, gen/ and the generated modules from the upstream document (the main job)",
        "Regenerate every generated file from the upstream document and the committed contract: released\n"
        "numbers never change, new values are appended, dropped ones kept as deprecated. Nothing changes on\n"
        "disk unless every step succeeds. Needs a checkout with the dev extra.",
        "  kraken-proto generate\n  kraken-proto generate --source schema.graphql --partial",
        checkout=True,
    )
    generate.add_argument("--source", type=Path, default=None, help=SOURCE_HELP)
    generate.add_argument("--partial", action="store_true", help=PARTIAL_HELP)
    generate.set_defaults(run=_generate)

    check = command(
        "check",
        "buf lint; the generated files are exactly what generate writes; nothing released is broken",
        "Verify the checkout: buf lint, the committed generated files equal what generate would write, and\n"
        "buf breaking against the last release (release/). Exit 1 with one line per problem.",
        "  kraken-proto check\n  kraken-proto check --root path/to/kraken-proto",
        checkout=True,
    )
    check.add_argument("--source", type=Path, default=None, help=SOURCE_HELP)
    check.add_argument("--partial", action="store_true", help=PARTIAL_HELP)
    check.set_defaults(run=_check)

    release = command(
        "release",
        "record the checked tree as the next release: the version its diff implies, release/, CHANGELOG.md",
        "Run the checks, compare the contract with the last release and take the version that implies\n"
        "(new enums or values, deprecations, changed options: minor; descriptions only: patch; nothing:\n"
        "refused). Write release/ (the baseline of check), the version in pyproject.toml, package.json and\n"
        "package-lock.json, and a CHANGELOG.md section; print the Go tag. Commit them all, then push the tag.\n"
        "--first records the first release of a tree that never had one, at the version it carries.",
        "  kraken-proto release           # after kraken-proto check passes; kraken-proto diff shows what it will record\n"
        "  kraken-proto release --first   # once, in a new tree that never had a release",
        checkout=True,
    )
    release.add_argument("--first", action="store_true", help="the first release of a tree that never had one (refused where a release existed)")
    release.set_defaults(run=_release)

    diff = command(
        "diff",
        "what changed in the contract since the last release (or a git revision): text, Markdown or JSON",
        "Compare the committed contract (proto/) with the last release (release/) or with proto/ at a git\n"
        "revision: enums and values added (with numbers), newly deprecated (with the reason), description\n"
        "and option changes, and the version bump they imply. Exit 0 whenever the diff ran, changes or not;\n"
        "1 with one line if it could not (no release, an unknown revision, a break).",
        "  kraken-proto diff\n  kraken-proto diff --against HEAD~1 --format markdown\n  kraken-proto diff --format json | jq .bump",
        checkout=True,
    )
    diff.add_argument(
        "--against", default="release", metavar="release|REVISION", help="the last release (default) or a git revision (branch, tag, commit) to compare with"
    )
    diff.add_argument("--format", choices=("text", "markdown", "json"), default="text", help="text (default), markdown (a pull request body) or json")
    diff.set_defaults(run=_diff)

    package = command(
        "package",
        "build the release's artifacts (wheel, sdist, npm tarball, Go proxy module, buf image) into dist/<version>/",
        "From a clean checkout that passes check, build every artifact of the version in pyproject.toml, offline\n"
        "and reproducibly (timestamps from SOURCE_DATE_EPOCH, else the last commit touching release/), into\n"
        "dist/<version>/ with a SHA256SUMS. Nothing is written unless every artifact builds. See docs/releasing.md.",
        "  kraken-proto package\n  kraken-proto package -o /tmp/kraken-dist",
        checkout=True,
    )
    package.add_argument("-o", "--output", type=Path, default=None, help="the folder to write (default: dist/<version> in the checkout)")
    package.set_defaults(run=_package)

    fetch = command(
        "fetch",
        "download a GraphQL endpoint's schema (the introspection query) into the configured source file",
        "POST graphql-core's standard introspection query to URL, check the answer (graphql-core's\n"
        "build_client_schema) and write it, normalised, atomically: to -o FILE, else to the configured source\n"
        "if that is an introspection (upstream/source.toml), else to upstream/kraken-schema.json. A token comes\n"
        f"from --header or ${TOKEN_ENV} (sent as Authorization) and is never printed. Redirects are refused,\n"
        "TLS is verified. Any bad answer: one line naming the URL, nothing written. Needs the dev extra.",
        "  kraken-proto fetch https://api.example.com/v1/graphql/ -o schema.json\n"
        "  KRAKEN_GRAPHQL_TOKEN=... kraken-proto fetch https://api.example.com/v1/graphql/\n"
        "  kraken-proto fetch https://kraken.internal/graphql/ --cacert corp-ca.pem --timeout 120",
        checkout=True,
        guard=False,
    )
    fetch.add_argument(
        "-o", "--output", type=Path, default=None, help="file to write (default: the configured introspection source, else upstream/kraken-schema.json)"
    )
    _fetch_options(fetch)
    fetch.set_defaults(run=_fetch)

    update = command(
        "update",
        "fetch the live schema, regenerate, check, and print what changed (exit 0 unchanged, 10 changed, 1 failed)",
        "fetch -> generate -> check -> diff as one step, for a scheduled job. The fetched introspection becomes\n"
        "the configured source (said in one line the first time); corrections the schema made unnecessary are\n"
        "removed from upstream/corrections.toml. Exit 0: nothing changed; 10: the tree changed (the diff is\n"
        "printed); 1: failed, and nothing on disk changed. Interrupting it loses nothing. Needs the dev extra.",
        "  kraken-proto update https://api.example.com/v1/graphql/\n"
        "  kraken-proto update https://api.example.com/v1/graphql/ --format markdown > pr-body.md; echo $?",
        checkout=True,
    )
    _fetch_options(update)
    update.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text", help="how the diff is printed (markdown: a pull request body; json: for tools)"
    )
    update.set_defaults(run=_update)

    sdl = command(
        "export-sdl",
        "write the committed contract as GraphQL SDL (standard output by default)",
        "Print the enums of the committed protos as a GraphQL schema (SDL), descriptions and deprecations\nincluded, to compare with the upstream schema.",
        "  kraken-proto export-sdl -o kraken-enums.graphql",
        checkout=True,
        guard=False,
    )
    sdl.add_argument("-o", "--output", type=Path, default=None, help="write to FILE instead of standard output")
    sdl.set_defaults(run=_export_sdl)

    convert = command(
        "convert",
        "a GraphQL string gives its number and proto name; a number or proto name gives the string",
        "Print the documented GraphQL string, the proto number and the proto name of one value, given any\n"
        "of the three. Strings are exact and case-sensitive. Put -- before a value that starts with '-'.",
        "  kraken-proto convert AccountStatus ACTIVE\n  kraken-proto convert AccountStatus 1\n"
        "  kraken-proto convert AccountStatus ACCOUNT_STATUS_ACTIVE\n  kraken-proto convert AccountStatus -- -1",
    )
    convert.add_argument("enum", help="GraphQL enum name, e.g. AccountStatus")
    convert.add_argument("value", help='e.g. "ACTIVE", 1 or ACCOUNT_STATUS_ACTIVE')
    convert.set_defaults(run=_convert)

    listing = command(
        "list",
        "list the enums, or the values of one enum",
        "Without an argument, every enum with its number of values; with one, its values as\n"
        "number, proto name and GraphQL string (tab-separated), deprecated ones marked.",
        "  kraken-proto list\n  kraken-proto list ReferralStatusChoices",
    )
    listing.add_argument("enum", nargs="?", help="GraphQL enum name; omit to list every enum")
    listing.set_defaults(run=_list)

    descriptors = command(
        "export-descriptors",
        "write the contract's FileDescriptorSet (with its imports), for schema registries and other languages",
        "Write a serialized google.protobuf.FileDescriptorSet of every file of the contract and its imports,\nas protoc -o --include_imports writes it.",
        "  kraken-proto export-descriptors -o kraken.binpb\n  kraken-proto export-descriptors -o - | wc -c",
    )
    descriptors.add_argument("-o", "--output", required=True, type=Path, help="file to write; - for standard output")
    descriptors.set_defaults(run=_export_descriptors)

    json_schema = command(
        "export-jsonschema",
        "write the contract as one JSON Schema document (draft 2020-12), a definition per enum to $ref",
        "Write one JSON Schema document with a definition per enum (every GraphQL string, in number order,\n"
        "with stable $ids) for event schemas to reference; read from the installed contract.\n"
        f"{EXPORT_REFERENCE}",
        "  kraken-proto export-jsonschema -o /tmp/kraken.schema.json\n  kraken-proto export-jsonschema | jq '.[\"$defs\"].AccountStatus'",
    )
    json_schema.add_argument("-o", "--output", type=Path, default=None, help="write to FILE instead of standard output")
    json_schema.set_defaults(run=_export_jsonschema)

    avro = command(
        "export-avro",
        f"write each enum as an Avro enum schema (.avsc, namespace {PACKAGE}, default __UNSPECIFIED)",
        "Write one Avro enum schema per enum into a directory, named <full name>.avsc; the symbols are\n"
        "__UNSPECIFIED (the default, for values newer than a reader's schema) and every GraphQL string in\n"
        f"number order. Without -o, all of them on standard output as one Avro union.\n{EXPORT_REFERENCE}",
        "  kraken-proto export-avro -o /tmp/kraken-avro\n  kraken-proto export-avro | jq '.[0].symbols'",
    )
    avro.add_argument("-o", "--output", type=Path, default=None, help="directory for one <full name>.avsc per enum (created if missing)")
    avro.set_defaults(run=_export_avro)

    table = command(
        "export-table",
        "write one row per value (the zero value included) as CSV, JSON Lines or Parquet: a warehouse table, a dbt seed",
        "Write the installed contract as one table, a row per value, sorted by enum then number: graphql_name,\n"
        "full_name, number, proto_name, graphql_value, description, deprecated, deprecation_reason. The zero\n"
        "value (*_UNSPECIFIED, what an unset field holds) is a row with a null graphql_value. CSV (RFC 4180,\n"
        "UTF-8, a header, true/false, null as empty), JSON Lines (null as null), or Parquet (typed, with the\n"
        "contract version in its metadata; needs the kraken-proto[arrow] extra). The format comes from\n"
        "--format, else from the -o suffix (.csv, .jsonl, .ndjson, .parquet, .pq), else CSV.\n"
        "Reference, with the installed package only: python -m pydoc kraken_proto.export (the guide for\n"
        "warehouses and dbt is docs/warehouse.md in the source repository).",
        "  kraken-proto export-table -o kraken_enum_values.csv\n"
        "  kraken-proto export-table -o kraken_enum_values.parquet\n"
        "  kraken-proto export-table --format jsonl -o - | head -3",
    )
    table.add_argument("--format", choices=("csv", "jsonl", "parquet"), default=None, help="csv, jsonl or parquet (default: from the -o suffix, else csv)")
    table.add_argument("-o", "--output", required=True, type=Path, help="file to write; - for standard output (csv and jsonl only)")
    table.set_defaults(run=_export_table)
    parser.description = _with_command_list(DESCRIPTION, listed)
    return parser


def _with_command_list(description: str, listed: Sequence[tuple[str, str, bool]]) -> str:
    """The top-level description with the commands in two groups: the users' first, then the maintainers'.

    A command that works on a checkout (``checkout=True``) is a maintainers' command; every other one reads
    the installed contract. argparse's own list would show them in the order they were added, ungrouped.
    """
    import textwrap

    def rows(checkout: bool) -> str:
        out = []
        for name, summary, on_checkout in listed:
            if on_checkout is checkout:
                lines = textwrap.wrap(summary, width=76)
                head = f"    {name:<20}" if len(name) < 20 else f"    {name}\n{'':24}"
                out.append(head + f"\n{'':24}".join(lines))
        return "\n".join(out)

    intro, _, rest = description.partition("\n\nexamples:")
    return (
        f"{intro}\n\ncommands for everyone (they read the installed contract):\n{rows(False)}\n\n"
        f"commands for maintainers (in a checkout of kraken-proto, with its dev extra):\n{rows(True)}\n\nexamples:{rest}"
    )


SOURCE_HELP = (
    "upstream source for this run, instead of the configured one (upstream/source.toml): the text reference, "
    "GraphQL SDL (.graphql, .graphqls, .gql) or an introspection result (.json)"
)
PARTIAL_HELP = "the source covers only some enums: keep the enums it lacks as committed instead of deprecating them"


TOKEN_ENV = "KRAKEN_GRAPHQL_TOKEN"
"""Kept equal to ``generator.fetch.TOKEN_ENV`` (tests/test_fetch.py checks): the parser cannot import the generator."""


def _fetch_options(sub: argparse.ArgumentParser) -> None:
    """The options ``fetch`` and ``update`` share: how to reach the endpoint."""
    sub.add_argument("url", metavar="URL", help="the GraphQL endpoint, http:// or https://")
    sub.add_argument(
        "--header", action="append", default=[], metavar="'NAME: VALUE'", help=f"an extra request header (repeatable); wins over ${TOKEN_ENV}; never printed"
    )
    sub.add_argument("--timeout", type=_positive_float, default=60.0, metavar="SECONDS", help="deadline for the whole exchange (default 60)")
    sub.add_argument("--max-bytes", type=_positive_int, default=50 * 1024 * 1024, metavar="N", help="refuse an answer larger than this (default 50 MB)")
    sub.add_argument("--cacert", type=Path, default=None, metavar="FILE", help="CA bundle (PEM) to verify the server with, instead of the system's")


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
    return value


def _positive_int(text: str) -> int:
    if not re.fullmatch(r"[0-9]+", text) or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be a whole number of bytes, more than 0")
    return int(text)


def _fetch(args: argparse.Namespace) -> int:
    from .generator.fetch import display_url, fetch_introspection, write_atomically
    from .generator.source_config import FETCHED, load_source_config

    options = _options_from(args)
    output: Path = args.output
    if output is None:
        root = args.root.resolve()
        if problem := _not_a_checkout(args.root):
            return _fail(f"{problem} (or give the file to write with -o)")
        config = load_source_config(root)
        output = root / (config.path if config.kind == "introspection" else FETCHED)
    text = fetch_introspection(args.url, options)
    try:
        write_atomically(output, text)
    except OSError as exc:
        return _fail(f"{output}: cannot write the introspection: {exc.strerror or exc}")
    print(f"{output}: the introspection of {display_url(args.url)}, {len(text)} bytes")
    return 0


def _options_from(args: argparse.Namespace) -> FetchOptions:
    from .generator.fetch import FetchOptions, parse_header

    return FetchOptions(
        headers=tuple(parse_header(h) for h in args.header),
        timeout=args.timeout,
        max_bytes=args.max_bytes,
        cacert=args.cacert.resolve() if args.cacert else None,
    )


def _update(args: argparse.Namespace) -> int:
    from .generator.update import CHANGED, UNCHANGED, update

    result = update(args.root.resolve(), args.url, _options_from(args))
    for line in result.recovered:
        print(f"kraken-proto: recovered: {line}", file=sys.stderr)
    for line in result.said:
        print(f"kraken-proto: {line}", file=sys.stderr)
    if not result.changed and args.format != "json":
        print("update: nothing changed")
        return UNCHANGED
    sys.stdout.write(result.render(args.format))
    return CHANGED if result.changed else UNCHANGED


def _generate(args: argparse.Namespace) -> int:
    from .generator.pipeline import generate

    result = generate(args.root.resolve(), args.source.resolve() if args.source else None, partial=args.partial)
    for line in result.recovered:
        print(f"kraken-proto: recovered: {line}", file=sys.stderr)
    for note in result.notes:
        print(f"kraken-proto: warning: {note}", file=sys.stderr)
    values = sum(len(e.values) for e in result.contract.enums)
    _say(f"{len(result.contract.enums)} enums, {values} values; {len(result.changed)} file(s) changed")
    for path in result.changed:
        _say(f"  {path}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from .generator.check import run_checks

    problems = run_checks(args.root.resolve(), args.source.resolve() if args.source else None, partial=args.partial)
    return _report("check", problems, "check passed: buf lint clean; generated files up to date; nothing released is broken")


def _release(args: argparse.Namespace) -> int:
    from .generator.release import ReleaseRefused, describe, release

    try:
        released = release(args.root.resolve(), first=args.first, recovered=lambda line: print(f"{PROG}: recovered: {line}", file=sys.stderr))
    except ReleaseRefused as refused:
        return _report("release", refused.problems, "")
    print(describe(released))
    return 0


def _diff(args: argparse.Namespace) -> int:
    from .generator.contract_sources import diff_against
    from .generator.diff_report import render_json, render_markdown, render_text

    diff = diff_against(args.root.resolve(), args.against)
    render = {"text": render_text, "markdown": render_markdown, "json": render_json}[args.format]
    sys.stdout.write(render(diff))
    return 0


def _package(args: argparse.Namespace) -> int:
    from .packaging.build import package

    built = package(args.root.resolve(), args.output)
    for path in built.files:
        print(path.relative_to(built.out).as_posix())
    for reason in built.skipped:
        print(f"{PROG}: warning: not built: {reason}", file=sys.stderr)
    print(f"packaged {built.version} into {built.out}; to release the Go module from the repository, push the tag {built.go_tag}")
    return 0


def _report(command: str, problems: Sequence[object], success: str) -> int:
    """One line per problem on standard error and exit 1, or the success line and exit 0."""
    for problem in problems:
        print(f"{PROG}: error: {command}: {problem}", file=sys.stderr)
    if problems:
        return 1
    _say(success)
    return 0


def _export_sdl(args: argparse.Namespace) -> int:
    from .export._files import write_output, write_stdout
    from .generator.committed import read_committed
    from .generator.export_sdl import export_sdl

    if (problem := _not_a_checkout(args.root)) and not (args.root / "proto").is_dir():
        return _fail(problem.replace(": run this", ": export-sdl reads the committed protos of a checkout; run it"))
    contract = read_committed(args.root.resolve())
    if not contract.enums:
        if problem:  # protos without a checkout around them: generate could not run here either
            return _fail(f"{args.root / 'proto'} holds no contract, and {problem}")
        return _fail(f"{args.root / 'proto'} holds no contract (run kraken-proto generate first, or pass --root)")
    data = export_sdl(contract).encode("utf-8")
    if args.output is None or str(args.output) == "-":
        write_stdout(data)
        return 0
    try:
        write_output(args.output, data)
    except OSError as exc:
        return _fail(f"{args.output}: cannot write the SDL: {exc.strerror or exc}")
    return 0


def _convert(args: argparse.Namespace) -> int:
    from . import get

    mapping = get(args.enum)
    text: str = args.value
    if re.fullmatch(r"-?[0-9]+", text):  # ASCII digits only: str.isdigit() also accepts "²", which int() refuses
        number = int(text)
    else:
        found = mapping.from_string(text, default=None)
        if found is None and text.startswith(mapping.proto_name(0).removesuffix("UNSPECIFIED")):
            found = mapping.from_proto_name(text)
        number = found if found is not None else mapping.from_string(text)  # the latter raises the helpful error
    _say(f"{mapping.to_string(number)}\t{number}\t{mapping.proto_name(number)}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from . import enum_names, get

    if args.enum is None:
        for name in enum_names():
            mapping = get(name)
            _say("\t".join([name, f"{len(mapping)} values", *(["(deprecated)"] if mapping.deprecated else [])]))
        return 0
    mapping = get(args.enum)
    for info in mapping.values():
        _say("\t".join([str(info.number), info.proto_name, info.graphql_value, *(["(deprecated)"] if info.deprecated else [])]))
    return 0


def _export_descriptors(args: argparse.Namespace) -> int:
    """Bytes, not text: a serialized ``google.protobuf.FileDescriptorSet``, as ``protoc -o`` writes."""
    from . import file_descriptor_set
    from .export._files import write_output, write_stdout

    data = file_descriptor_set()
    if str(args.output) == "-":
        write_stdout(data)
        return 0
    try:
        write_output(args.output, data)
    except OSError as exc:
        return _fail(f"{args.output}: cannot write the descriptors: {exc.strerror or exc}")
    print(f"{args.output}: FileDescriptorSet, {len(data)} bytes", file=sys.stderr)
    return 0


def _export_jsonschema(args: argparse.Namespace) -> int:
    """The document from the installed descriptors: no buf, no checkout needed (see kraken_proto.export)."""
    from .export import json_schema
    from .export._files import to_json, write_stdout, write_text

    document = json_schema()
    text = to_json(document)
    if args.output is None or str(args.output) == "-":
        write_stdout(text.encode("utf-8"))
        return 0
    try:
        write_text(args.output, text)
    except OSError as exc:
        return _fail(f"{args.output}: cannot write the JSON Schema: {exc.strerror or exc}")
    print(f"{args.output}: JSON Schema, {len(document['$defs'])} definitions", file=sys.stderr)
    return 0


def _export_avro(args: argparse.Namespace) -> int:
    """Every schema is built (and every name checked) before anything is written."""
    from .export import AvroNameError, avro_schemas
    from .export._files import to_json, write_files, write_stdout

    try:
        schemas = avro_schemas()
    except AvroNameError as exc:
        return _fail(str(exc))
    if args.output is None or str(args.output) == "-":
        write_stdout(to_json(list(schemas.values())).encode("utf-8"))
        return 0
    if args.output.exists() and not args.output.is_dir():
        return _fail(f"{args.output}: not a directory (export-avro writes one .avsc file per enum into a directory)")
    try:
        changed = write_files(args.output, {name: to_json(schema) for name, schema in schemas.items()})
    except OSError as exc:
        return _fail(f"{exc.filename or args.output}: cannot write the Avro schemas: {exc.strerror or exc}")
    print(f"{args.output}: {len(schemas)} Avro enum schemas, {changed} changed", file=sys.stderr)
    return 0


def _export_table(args: argparse.Namespace) -> int:
    """The table from the installed contract; the format is settled, and Parquet's target checked, before anything is built."""
    from .export import SUFFIXES, render_table, table_rows
    from .export._files import write_output, write_stdout

    output: Path = args.output
    to_stdout = str(output) == "-"
    suffix = "" if to_stdout else output.suffix.lower()
    implied = SUFFIXES.get(suffix)
    if args.format and implied and implied != args.format:
        return _fail(f"{output}: the name says {implied} but --format says {args.format}: rename the file or change --format")
    if suffix == ".json" and not args.format:
        return _fail(f"{output}: export-table writes JSON Lines, not one JSON document: name the file .jsonl, or pass --format jsonl")
    table_format = args.format or implied or "csv"
    if table_format == "parquet" and (to_stdout or _is_terminal(output)):
        where = STDOUT if to_stdout else f"{output}, a terminal,"
        return _fail(f"Parquet is binary and {where} is no place for it: write it to a file (-o kraken_enum_values.parquet), or use --format csv or jsonl")
    rows = table_rows()
    data = render_table(rows, table_format)
    if to_stdout:
        write_stdout(data)
        return 0
    try:
        write_output(output, data)
    except FileNotFoundError as exc:
        if not output.parent.is_dir():
            return _fail(f"{output}: cannot write the table: the folder {output.parent} does not exist; create it, or name a file in an existing folder")
        return _fail(f"{output}: cannot write the table: {exc.strerror or exc}")
    except OSError as exc:
        return _fail(f"{output}: cannot write the table: {exc.strerror or exc}")
    print(f"{output}: {table_format}, {len(rows)} rows", file=sys.stderr)
    return 0


def _is_terminal(path: Path) -> bool:
    """Whether ``path`` is a terminal (``-o /dev/tty``, or ``/dev/stdout`` when that is one), without writing to it."""
    import stat

    try:
        if not stat.S_ISCHR(os.stat(path).st_mode):
            return False
        descriptor = os.open(path, os.O_WRONLY | os.O_NOCTTY)
    except OSError:
        return False  # write_output will name the problem
    try:
        return os.isatty(descriptor)
    finally:
        os.close(descriptor)
