"""The Java artifacts of a release, in Maven repository layout: the jar, the sources jar, the POM.

``build_maven`` runs the real tools: ``buf generate --template generated/buf.gen.java.yaml`` (the Java generator of
Debian's ``protoc``, with the identity's ``java_package_prefix``), then ``javac --release 17`` against
Debian's protobuf-java over the generated classes and the hand-written helper in ``java/``. The jar holds
the classes, the ``.proto`` files as resources under ``kraken/enums/v1/`` and Maven's own ``META-INF/maven``
files; the sources jar holds the Java sources and the same ``.proto`` files. Everything is written with
:mod:`zipfile` rather than the JDK's ``jar`` tool, for full control of what makes a build reproducible:
entries sorted, every timestamp the release's ``epoch``, fixed permissions, and a manifest with no
build-dependent lines (no ``Created-By``, no JDK version). Two builds of one tree give identical bytes.

The helper's source uses the default package prefix of ``pyproject.toml`` (``io.github.krakenproto``);
for another identity the build rewrites its ``package`` and ``import`` lines (only those: the prefix
appears nowhere else in it) and puts the files under the new package's path. ``KrakenProto`` finds the
enums through ``EnumFiles``, a small class written here from protoc's output, which lists every
generated file descriptor of the package: no classpath scanning.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from kraken_proto._proto_package import PACKAGE, PACKAGE_PATH
from kraken_proto.generator import buf
from kraken_proto.generator.errors import SourceError, ToolError
from kraken_proto.generator.identity import Identity
from kraken_proto.generator.publisher import JAVA_TEMPLATE

PROTOBUF_JAR = Path("/usr/share/java/protobuf.jar")
"""Debian's protobuf-java (package libprotobuf-java, 3.21.12): what javac compiles against."""
PROTOBUF_JAVA_VERSION = "3.21.12"
"""The POM's protobuf-java dependency: the version the tests compile and run against, as Maven's usual
soft requirement (a consumer's own protobuf-java 3.x, not older than this, wins by nearest-definition)."""
JAVA_RELEASE = "17"
HELPER_ROOT = Path("java") / "src" / "main" / "java"
"""The hand-written helper (``KrakenProto`` and its classes), beside ``go/`` and ``ts/``."""
TEMPLATE = JAVA_TEMPLATE
DEBIAN_PACKAGES = "protobuf-compiler libprotobuf-java default-jdk-headless"
_ZIP_EPOCH_MIN = 315532800  # 1980-01-01, the earliest time a zip entry can carry


def build_maven(*, root: Path, out: Path, version: str, identity: Identity, epoch: int) -> list[Path]:
    """Build the jar, sources jar, POM and ``maven-metadata.xml`` (each with ``.sha1`` and ``.md5``) into
    ``out/maven/<groupId path>/<artifactId>/``; return the files written, sorted.

    Nothing is written under ``out`` until every tool has succeeded. A missing tool, a failing tool or a
    malformed helper source raises a :class:`~kraken_proto.generator.errors.GenerateError` whose message is
    the one line the CLI prints.
    """
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z.+_-]*", version):
        raise SourceError("version", None, f"{version!r} is not a Maven version", "use a version such as 0.1.0")
    artifact = identity.python_distribution
    package = f"{identity.java_package_prefix}.{PACKAGE}"
    with tempfile.TemporaryDirectory(prefix="kraken-proto-maven-") as scratch:
        work = Path(scratch)
        generated = _generate_java(root, identity, work / "buf")
        sources = {**generated, **_helper_sources(root, identity)}
        sources[_java_path(identity.java_package_prefix, "EnumFiles")] = _enum_files_source(identity.java_package_prefix, package, generated).encode()
        classes = _javac(sources, work)
    protos = {f"{PACKAGE_PATH}/{p.name}": p.read_bytes() for p in sorted((root / "proto" / PACKAGE_PATH).glob("*.proto"))}
    legal = {f"META-INF/{name}": (root / name).read_bytes() for name in ("LICENSE", "NOTICE") if (root / name).is_file()}
    pom = _pom(identity, artifact, version).encode()
    group_path = identity.java_group_id.replace(".", "/")
    maven_files = {
        f"META-INF/maven/{identity.java_group_id}/{artifact}/pom.xml": pom,
        f"META-INF/maven/{identity.java_group_id}/{artifact}/pom.properties": f"groupId={identity.java_group_id}\nartifactId={artifact}\nversion={version}\n".encode(),
    }
    manifest = _manifest(identity.java_package_prefix, artifact, version)
    stem = f"{artifact}-{version}"
    artifacts = {
        f"{version}/{stem}.jar": _jar(manifest, {**classes, **protos, **legal, **maven_files}, epoch),
        f"{version}/{stem}-sources.jar": _jar(manifest, {**sources, **protos, **legal}, epoch),
        f"{version}/{stem}.pom": pom,
        "maven-metadata.xml": _metadata(identity.java_group_id, artifact, version, epoch).encode(),
    }
    base = out / "maven" / group_path / artifact
    written: list[Path] = []
    for name, data in artifacts.items():
        for suffix, content in (("", data), (".sha1", _digest("sha1", data)), (".md5", _digest("md5", data))):
            target = base / (name + suffix)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            written.append(target)
    return sorted(written)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ToolError(f"{name} is not installed: bash .ci/system-packages java installs it (apt-get install {DEBIAN_PACKAGES})")
    return found


def _generate_java(root: Path, identity: Identity, out: Path) -> dict[str, bytes]:
    """protoc's Java for every file of the package, through buf's managed mode with the identity's prefixes."""
    text = (root / TEMPLATE).read_text(encoding="utf-8")
    # Managed mode writes both prefixes into every file's options, which the generated classes embed.
    for option, value in (("java_package_prefix", identity.java_package_prefix), ("go_package_prefix", identity.go_module)):
        text = _managed_override(root / TEMPLATE, text, option, value)
    out.mkdir(parents=True)
    template = out / TEMPLATE.name
    template.write_text(text, encoding="utf-8")
    _tool("protoc")
    buf.run(["generate", "--template", str(template), "-o", str(out)], cwd=root)
    java = out / "build" / "java"
    generated = {p.relative_to(java).as_posix(): p.read_bytes() for p in sorted(java.rglob("*.java"))}
    if not generated:
        raise ToolError(f"buf generate --template {TEMPLATE} wrote no Java sources: check its java plugin's out directory (build/java)")
    return generated


def _managed_override(path: Path, text: str, option: str, value: str) -> str:
    """``text`` with the value of the managed ``file_option: OPTION`` override replaced by ``value``."""
    line = re.compile(rf"(file_option: {option}\n\s+value: )\S+")
    if len(line.findall(text)) != 1:
        raise SourceError(path, None, f"no single managed {option} override", "keep the managed section of buf.gen.java.yaml as it is")
    return line.sub(lambda match: match.group(1) + value, text)


def _java_path(prefix: str, name: str) -> str:
    return f"{prefix.replace('.', '/')}/{name}.java"


def _helper_sources(root: Path, identity: Identity) -> dict[str, bytes]:
    """The helper's sources, moved to the identity's package: their ``package`` and ``import`` lines rewritten."""
    base = root / HELPER_ROOT
    found = sorted(base.rglob("KrakenProto.java"))
    if len(found) != 1:
        raise SourceError(base, None, f"expected one KrakenProto.java, found {len(found)}", "keep the Java helper in java/src/main/java/<package>/")
    directory = found[0].parent
    source_prefix = directory.relative_to(base).as_posix().replace("/", ".")
    lines = re.compile(rf"^(package|import(?: static)?) {re.escape(source_prefix)}(?=[.;])", re.MULTILINE)
    helper: dict[str, bytes] = {}
    for path in sorted(directory.glob("*.java")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith(f"package {source_prefix};\n"):
            raise SourceError(path, 1, f"the first line is not 'package {source_prefix};'", "every helper source starts with its package line")
        rewritten = lines.sub(lambda m: f"{m.group(1)} {identity.java_package_prefix}", text)
        helper[_java_path(identity.java_package_prefix, path.stem)] = rewritten.encode()
    return helper


def _enum_files_source(prefix: str, package: str, generated: dict[str, bytes]) -> str:
    """``EnumFiles``: the file descriptor of every outer class protoc wrote (each holds one ``FileDescriptor``)."""
    outer = re.compile(rb"private static\s+com\.google\.protobuf\.Descriptors\.FileDescriptor\s+descriptor;")
    names = [Path(path).stem for path, data in generated.items() if outer.search(data)]
    if not names:
        raise ToolError("protoc's Java holds no outer class with a FileDescriptor: the generated code is not protoc's Java for kraken-proto")
    calls = ",\n".join(f"        {package}.{name}.getDescriptor()" for name in sorted(names))
    return (
        f"package {prefix};\n\n"
        "// Written by kraken-proto's Maven build (kraken_proto/packaging/maven.py) from protoc's output: the file\n"
        f"// descriptor of every generated file of package {PACKAGE}, which KrakenProto reads its enums from.\n"
        "final class EnumFiles {\n"
        "  private EnumFiles() {}\n\n"
        "  static java.util.List<com.google.protobuf.Descriptors.FileDescriptor> all() {\n"
        f"    return java.util.List.of(\n{calls});\n"
        "  }\n"
        "}\n"
    )


def _javac(sources: dict[str, bytes], work: Path) -> dict[str, bytes]:
    """``javac --release 17`` over every source against Debian's protobuf-java; the class files by path."""
    if not PROTOBUF_JAR.is_file():
        raise ToolError(f"{PROTOBUF_JAR} is missing: bash .ci/system-packages java installs it (apt-get install {DEBIAN_PACKAGES})")
    src, classes = work / "src", work / "classes"
    for name, data in sources.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_bytes(data)
    argfile = work / "sources.txt"
    argfile.write_text("".join(f'"{src / name}"\n' for name in sorted(sources)), encoding="utf-8")
    args = [_tool("javac"), "--release", JAVA_RELEASE, "-encoding", "UTF-8", "-nowarn", "-implicit:none", "-cp", str(PROTOBUF_JAR), "-d", str(classes)]
    result = subprocess.run([*args, f"@{argfile}"], capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"))
    if result.returncode != 0:
        detail = [line for line in result.stderr.splitlines() if line.strip()]
        raise ToolError(f"javac failed: {'; '.join(detail[:3]) or f'exit status {result.returncode}'}")
    return {p.relative_to(classes).as_posix(): p.read_bytes() for p in sorted(classes.rglob("*.class"))}


def _manifest(prefix: str, artifact: str, version: str) -> bytes:
    """A JAR manifest with only release facts; ``Automatic-Module-Name`` gives JPMS users a stable module name."""
    fields = [("Manifest-Version", "1.0"), ("Automatic-Module-Name", prefix), ("Implementation-Title", artifact), ("Implementation-Version", version)]
    return b"".join(_manifest_line(key, value) for key, value in fields) + b"\r\n"


def _manifest_line(key: str, value: str) -> bytes:
    """One header, wrapped as the JAR spec requires: at most 72 bytes a line, continuations start with a space."""
    data = f"{key}: {value}".encode()
    chunks = [data[:72]] + [b" " + data[i : i + 71] for i in range(72, len(data), 71)]
    return b"".join(chunk + b"\r\n" for chunk in chunks)


def _jar(manifest: bytes, entries: dict[str, bytes], epoch: int) -> bytes:
    """A zip with the manifest first (``JarInputStream`` needs it there), then directories and files sorted."""
    stamp = time.gmtime(max(epoch, _ZIP_EPOCH_MIN))[:6]
    files = {"META-INF/MANIFEST.MF": manifest, **entries}
    directories = {name[: i + 1] for name in files for i, ch in enumerate(name) if ch == "/"}
    order = ["META-INF/", "META-INF/MANIFEST.MF", *sorted((directories | set(files)) - {"META-INF/", "META-INF/MANIFEST.MF"})]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3
            if name.endswith("/"):
                info.external_attr = (0o40755 << 16) | 0x10
                archive.writestr(info, b"")
            else:
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, files[name])
    return buffer.getvalue()


def _pom(identity: Identity, artifact: str, version: str) -> str:
    url = escape(identity.repository_url)
    note = (
        " These coordinates are the repository's placeholders, claimed by nobody on a public index: publish under your own"
        " ([tool.kraken-proto] in pyproject.toml)."
        if identity.placeholder
        else ""
    )
    description = (
        f"The Kraken GraphQL API's enums as protobuf (package {PACKAGE}): the Java classes protoc generates, the KrakenProto helper and the .proto files.{note}"
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>{escape(identity.java_group_id)}</groupId>
  <artifactId>{escape(artifact)}</artifactId>
  <version>{escape(version)}</version>
  <packaging>jar</packaging>
  <name>{escape(artifact)}</name>
  <description>{escape(description)}</description>
  <url>{url}</url>
  <licenses>
    <license>
      <name>Apache-2.0</name>
      <url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>
      <distribution>repo</distribution>
    </license>
  </licenses>
  <scm>
    <url>{url}</url>
    <connection>scm:git:{url}.git</connection>
  </scm>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency>
      <groupId>com.google.protobuf</groupId>
      <artifactId>protobuf-java</artifactId>
      <version>{PROTOBUF_JAVA_VERSION}</version>
    </dependency>
  </dependencies>
</project>
"""


def _metadata(group: str, artifact: str, version: str, epoch: int) -> str:
    """``maven-metadata.xml`` of the artifact: the versions a repository holds, as Maven resolves ranges and LATEST."""
    updated = time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<metadata>
  <groupId>{escape(group)}</groupId>
  <artifactId>{escape(artifact)}</artifactId>
  <versioning>
    <latest>{escape(version)}</latest>
    <release>{escape(version)}</release>
    <versions>
      <version>{escape(version)}</version>
    </versions>
    <lastUpdated>{updated}</lastUpdated>
  </versioning>
</metadata>
"""


def _digest(algorithm: str, data: bytes) -> bytes:
    """The checksum file Maven reads beside each file of a remote repository: the hex digest alone."""
    return hashlib.new(algorithm, data).hexdigest().encode()
