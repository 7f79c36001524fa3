"""One rule for every ``-o PATH`` of the CLI (kraken_proto/export/_files.py), and standard output's errors.

A regular file is replaced atomically; a symbolic link is followed and stays a link; a FIFO or a device
is written through, never replaced by a regular file; a folder or a dangling link is refused in one
line. Each case is made for real (``os.mkfifo``, ``os.mknod`` of a character device like ``/dev/full``)
and the real CLI runs in a subprocess.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from .conftest import ROOT

SINGLE_FILE = [
    ("export-descriptors",),
    ("export-jsonschema",),
    ("export-sdl", "--root", str(ROOT)),
    ("export-table",),  # the .out suffix names no format: CSV
    ("export-table", "--format", "parquet"),
]
IDS = ["export-descriptors", "export-jsonschema", "export-sdl", "export-table-csv", "export-table-parquet"]


def kraken(*args: str, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "kraken_proto", *args], cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE, timeout=300)


def one_error(result: subprocess.CompletedProcess[bytes]) -> str:
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert stderr.count("\n") == 1 and stderr.startswith("kraken-proto: error: "), stderr
    return stderr


def expected_bytes(command: tuple[str, ...], tmp_path: Path) -> bytes:
    reference = tmp_path / "reference.out"
    assert kraken(*command, "-o", str(reference)).returncode == 0
    return reference.read_bytes()


@pytest.mark.parametrize("command", SINGLE_FILE, ids=IDS)
def test_a_symbolic_link_stays_a_link_and_the_file_it_points_to_is_written(command: tuple[str, ...], tmp_path: Path) -> None:
    real = tmp_path / "real.out"
    real.write_bytes(b"old")
    link = tmp_path / "link.out"
    link.symlink_to(real)
    assert kraken(*command, "-o", str(link)).returncode == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == expected_bytes(command, tmp_path)


@pytest.mark.parametrize("command", SINGLE_FILE, ids=IDS)
def test_a_fifo_is_written_through_and_stays_a_fifo(command: tuple[str, ...], tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)  # blocks for ever if the FIFO is replaced
    reader.start()
    result = kraken(*command, "-o", str(fifo))
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received == [expected_bytes(command, tmp_path)]


@pytest.mark.parametrize("command", SINGLE_FILE, ids=IDS)
def test_a_device_is_written_through_never_replaced_and_its_error_names_it(command: tuple[str, ...], tmp_path: Path) -> None:
    full = tmp_path / "full"  # a character device like /dev/full (1, 7): every write fails with ENOSPC
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    line = one_error(kraken(*command, "-o", str(full)))
    assert str(full) in line and "No space left on device" in line
    assert stat.S_ISCHR(os.lstat(full).st_mode) and os.lstat(full).st_rdev == os.makedev(1, 7)


@pytest.mark.parametrize("command", SINGLE_FILE, ids=IDS)
def test_a_folder_or_a_dangling_link_is_refused_in_one_line(command: tuple[str, ...], tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    assert "a folder, not a file" in one_error(kraken(*command, "-o", str(folder)))
    assert list(folder.iterdir()) == []
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    assert "a symbolic link to nothing" in one_error(kraken(*command, "-o", str(dangling)))
    assert dangling.is_symlink() and not (tmp_path / "nowhere").exists()


def test_export_avro_follows_a_link_inside_its_folder_and_leaves_it_a_link(tmp_path: Path) -> None:
    out = tmp_path / "avro"
    assert kraken("export-avro", "-o", str(out)).returncode == 0
    name = "kraken.enums.v1.AccountStatus.avsc"
    expected = (out / name).read_bytes()
    kept = tmp_path / "kept.avsc"
    kept.write_bytes(b"old")
    (out / name).unlink()
    (out / name).symlink_to(kept)
    assert kraken("export-avro", "-o", str(out)).returncode == 0
    assert (out / name).is_symlink() and kept.read_bytes() == expected


@pytest.mark.parametrize(
    "command",
    [
        ("list",),
        ("convert", "AccountStatus", "1"),
        ("export-descriptors", "-o", "-"),
        ("export-jsonschema",),
        ("export-avro",),
        ("export-sdl",),
        ("export-table", "-o", "-"),
    ],
    ids=["list", "convert", "export-descriptors", "export-jsonschema", "export-avro", "export-sdl", "export-table"],
)
def test_a_failed_write_to_standard_output_names_it_in_one_line(command: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        result = kraken(*command, stdout=full.fileno())
    assert one_error(result) == "kraken-proto: error: standard output: No space left on device\n"


def test_a_process_substitution_is_written_through(tmp_path: Path) -> None:
    """``-o >(gzip > x.gz)``: bash passes /dev/fd/N, a link to a pipe that no path names."""
    received = tmp_path / "received.json"
    script = f'"{sys.executable}" -m kraken_proto export-jsonschema -o >(cat > "{received}"); wait $!'
    done = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert received.read_bytes() == expected_bytes(("export-jsonschema",), tmp_path)
