"""Proto names for GraphQL names: the naming rule (see docs/naming.md), and buf's word-splitting rule.

Any GraphQL ``Name`` (``[_A-Za-z][_0-9A-Za-z]*``) gets a proto name that buf's STANDARD lint accepts:

- **enum**: the ``_``-separated parts of the GraphQL name, each with its first letter upper-cased and the
  rest kept, joined (``some_type`` -> ``SomeType``, ``_SomethingOrderBy`` -> ``SomethingOrderBy``,
  ``APIBrownoutStatus`` unchanged); a result that is empty or starts with a digit gets ``Enum`` in front
  (``_1x`` -> ``Enum1x``), and one that is a Python keyword (``None``, ``True``, ``False``) or a name the
  enum's ``_pb2`` module or stub already uses (``DESCRIPTOR``, ``EnumDescriptor``... see
  :data:`PROTOC_PYTHON_NAMES`) gets ``Enum`` after it, because the module defines a class of that name;
- **file**: the enum's proto name split into words the way buf splits them, lower case, ``.proto``; a stem
  whose last word the go tool reads as a build constraint (``time_windows``, ``app_ios``, ``x_amd64``,
  also before ``_test``) gets ``_enum`` after it, or ``go build`` would silently leave the file out;
- **value**: the enum's prefix (its proto name split into words, upper case, ``_``) plus the GraphQL
  value upper-cased with runs of underscores collapsed and leading or trailing ones dropped
  (``CANCELLED___X`` -> ``CANCELLED_X``, ``kWh`` -> ``KWH``); an empty remainder (``_``) becomes
  ``UNDERSCORE``.

Every output then derives names of its own (protoc-gen-es's ``<Name>Schema``, protoc's Java ``<File>Proto``
outer classes and ``<VALUE>_VALUE`` constants, class files compared ignoring case, the Python modules'
exports): :mod:`.numbering` refuses two enums or values that would share one, with the correction. A few
names no correction can fix (the outputs use the GraphQL name itself: longer than :data:`MAX_NAME_LENGTH`,
an Avro primitive type name, equal to another ignoring case, a value starting with ``__``) are refused.

The rule applies to new names only: names already committed under ``proto/`` are read back and kept
byte for byte. Two GraphQL names that the rule maps to one proto name stop ``generate`` with the
correction that separates them (``[[enum_proto_name]]`` or ``[[proto_name]]``); see :mod:`.numbering`.
"""

from __future__ import annotations

import functools
import keyword
import re

GRAPHQL_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")
PROTO_ENUM_NAME = re.compile(r"[A-Z][0-9A-Za-z]*")
"""What buf's ENUM_PASCAL_CASE accepts: no underscore, an upper-case first letter."""
_DELIMITERS = frozenset("._- \t\r\n")
_UNDERSCORES = re.compile(r"_+")
EMPTY_VALUE = "UNDERSCORE"
"""The value part of a GraphQL value made of underscores only (``_``, ``__``)."""
OPTIONS_FILE = "options.proto"
"""The contract's one hand-written ``.proto``: the custom options, beside the generated enum files."""
RESERVED_FILE_STEMS = frozenset({OPTIONS_FILE.removesuffix(".proto")})
"""File stems the package already uses: ``options.proto`` holds the custom options."""
MAX_NAME_LENGTH = 100
"""The longest GraphQL enum name (and proto enum name) generate accepts.

Every output names files after the enum (``<stem>_pb2.pyi``, ``<Name>Proto.java``,
``kraken.enums.v1.<name>.avsc`` plus a temporary ``.<file>.XXXXXXXX.tmp``); file systems stop at 255
bytes, and the snake-case stem can be half again as long as the name. 100 leaves room for all of them."""
PROTOC_PYTHON_NAMES = frozenset({"DESCRIPTOR", "EnumDescriptor", "FileDescriptor", "NewType", "EnumTypeWrapper"})
"""Module-level names of an enum's ``_pb2`` module and its ``.pyi`` that a PascalCase enum name could take.

protoc's module defines ``DESCRIPTOR`` (its other names start with ``_``); mypy-protobuf's readable stubs
import ``EnumDescriptor``, ``FileDescriptor``, ``NewType`` and ``_EnumTypeWrapper`` by their bare names, and
declare ``class _<Name>`` for the enum, so ``EnumTypeWrapper`` would replace the import it derives from."""
AVRO_PRIMITIVE_TYPE_NAMES = frozenset({"null", "boolean", "int", "long", "float", "double", "bytes", "string"})
"""Names Avro forbids for a named type (the Avro export names each enum schema by its GraphQL name)."""
JAVA_VALUE_SUFFIX = "_VALUE"
"""protoc's Java code gives every value ``X`` an ``int`` constant ``X_VALUE`` in the same class."""
GO_OS = frozenset(
    [
        "aix",
        "android",
        "darwin",
        "dragonfly",
        "freebsd",
        "hurd",
        "illumos",
        "ios",
        "js",
        "linux",
        "nacl",
        "netbsd",
        "openbsd",
        "plan9",
        "solaris",
        "wasip1",
        "windows",
        "zos",
    ]
)
"""go/build's ``knownOS`` (src/go/build/syslist.go, Go 1.19-1.23): a file name ending ``_<os>`` builds only there."""
GO_ARCH = frozenset(
    [
        "386",
        "amd64",
        "amd64p32",
        "arm",
        "armbe",
        "arm64",
        "arm64be",
        "loong64",
        "mips",
        "mipsle",
        "mips64",
        "mips64le",
        "mips64p32",
        "mips64p32le",
        "ppc",
        "ppc64",
        "ppc64le",
        "riscv",
        "riscv64",
        "s390",
        "s390x",
        "sparc",
        "sparc64",
        "wasm",
    ]
)
"""go/build's ``knownArch``: a file name ending ``_<arch>`` builds only for that architecture."""
GO_CONSTRAINED_SUFFIX = "enum"
"""The word appended to a file stem the go tool would read as a build constraint (``time_windows_enum``)."""


def snake_case(name: str) -> str:
    """Split ``name`` into words the way buf does and join them with underscores (case kept)."""
    text = name.strip("".join(_DELIMITERS))
    out: list[str] = []
    for i, raw in enumerate(text):
        char = "_" if raw in _DELIMITERS else raw
        if i == 0:
            out.append(char)
            continue
        if char.isupper() and out[-1] != "_":
            nxt = text[i + 1] if i + 1 < len(text) else ""
            starts_word = (nxt != "" and not nxt.isupper() and not nxt.isdigit() and nxt not in _DELIMITERS) or text[i - 1].islower()
            if starts_word:
                out.append("_")
                out.append(char)
                continue
        if not (char == "_" and out[-1] == "_"):
            out.append(char)
    return "".join(out)


def proto_enum_name(graphql_name: str) -> str:
    """The proto name the rule gives a new enum (``some_type`` -> ``SomeType``)."""
    name = "".join(part[:1].upper() + part[1:] for part in graphql_name.split("_"))
    if not name or not name[0].isalpha():
        name = "Enum" + name
    if keyword.iskeyword(name) or name in PROTOC_PYTHON_NAMES:
        name += "Enum"
    return name


@functools.lru_cache(maxsize=4096)
def value_prefix(enum_proto_name: str) -> str:
    """``APIBrownoutStatus`` -> ``API_BROWNOUT_STATUS_``: what ENUM_VALUE_PREFIX expects."""
    return snake_case(enum_proto_name).upper() + "_"


def file_stem(enum_proto_name: str) -> str:
    """``APIBrownoutStatus`` -> ``api_brownout_status``: the enum's file name without ``.proto``.

    A stem the go tool would read as a build constraint gets ``_enum`` after it (``TimeWindows`` ->
    ``time_windows_enum``): ``time_windows.pb.go`` would build on Windows only, silently.
    """
    stem = snake_case(enum_proto_name).lower()
    return f"{stem}_{GO_CONSTRAINED_SUFFIX}" if go_constrained(stem) else stem


def go_constrained(stem: str) -> bool:
    """Whether the go tool builds ``<stem>.pb.go`` only for some GOOS/GOARCH (go/build's ``goodOSArchFile``).

    The go tool cuts the file name at its first ``.``, ignores everything before the first ``_``, drops a
    final ``_test``, and then reads a last word that is a known GOOS or GOARCH as a constraint.
    """
    words = stem.split("_")[1:]
    if words[-1:] == ["test"]:
        words = words[:-1]
    return bool(words) and (words[-1] in GO_OS or words[-1] in GO_ARCH)


def java_outer_class(stem: str) -> str:
    """The outer class buf's managed mode gives a file's Java code: ``api_brownout_status`` -> ``ApiBrownoutStatusProto``."""
    return "".join(part[:1].upper() + part[1:] for part in stem.split("_")) + "Proto"


def file_name(enum_proto_name: str) -> str:
    return f"{file_stem(enum_proto_name)}.proto"


def value_suffix(graphql_value: str) -> str:
    """The part of a value's proto name after the prefix: ``CANCELLED___X`` -> ``CANCELLED_X``."""
    return _UNDERSCORES.sub("_", graphql_value.upper()).strip("_") or EMPTY_VALUE


def value_name(enum_proto_name: str, graphql_value: str) -> str:
    """The proto name the rule gives a new value: the enum's prefix plus :func:`value_suffix`."""
    return value_prefix(enum_proto_name) + value_suffix(graphql_value)


def zero_value_name(enum_proto_name: str) -> str:
    return value_prefix(enum_proto_name) + "UNSPECIFIED"


def is_upper_snake(name: str) -> bool:
    """True when buf's ENUM_VALUE_UPPER_SNAKE_CASE would accept ``name`` unchanged."""
    return snake_case(name).upper() == name


def is_proto_enum_name(name: str) -> bool:
    """True when ``name`` is a PascalCase proto identifier that buf's ENUM_PASCAL_CASE accepts and every
    output can use (not a Python keyword, not in :data:`PROTOC_PYTHON_NAMES`, at most :data:`MAX_NAME_LENGTH` characters)."""
    return PROTO_ENUM_NAME.fullmatch(name) is not None and not keyword.iskeyword(name) and name not in PROTOC_PYTHON_NAMES and len(name) <= MAX_NAME_LENGTH


PYTHON_MODULE_NAMES = frozenset({"_graphql_enum", "_lazy_enums", "_builtins", "_typing", "_MODULES", "_ALIASES"})
"""The generated Python modules' own module-level names (``kraken_proto.enums``, ``kraken_proto.graphql``).

An enum whose GraphQL name is one of these, a Python keyword or a dunder is exported under its proto name,
which has no underscore and so can never be one of them."""


def python_name(graphql_name: str, proto_name: str) -> str:
    """The name the generated Python modules export an enum under: its GraphQL name when Python can use it
    there, else its proto name (``class`` -> ``Class``, ``_typing`` -> ``Typing``, ``__x__`` -> ``X``)."""
    dunder = graphql_name.startswith("__") and graphql_name.endswith("__")
    return proto_name if keyword.iskeyword(graphql_name) or dunder or graphql_name in PYTHON_MODULE_NAMES else graphql_name
