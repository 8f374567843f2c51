"""Files the user names: only regular files are read, bounded; writes are whole and safe."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from workbench.core.files import (
    FileInputError,
    FileOutputError,
    read_regular_file,
    write_atomically,
)


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    f.write_bytes(b"{}")
    assert read_regular_file(f, limit=10) == b"{}"


def test_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(FileInputError, match="not a regular file"):
        read_regular_file(fifo, limit=10, what="workbook")


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null", "/proc/self/environ"])
def test_devices_and_proc_files_are_refused(special: str) -> None:
    if not os.path.exists(special):
        pytest.skip(f"{special} does not exist here")
    with pytest.raises(FileInputError):
        read_regular_file(Path(special), limit=1024)


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "big.yaml"
    f.write_bytes(b"x" * 2048)
    with pytest.raises(FileInputError, match="more than"):
        read_regular_file(f, limit=1024, what="framework file")


def test_a_folder_and_a_missing_file_get_their_own_message(tmp_path: Path) -> None:
    with pytest.raises(FileInputError, match="folder"):
        read_regular_file(tmp_path, limit=10)
    with pytest.raises(FileInputError, match="no such file"):
        read_regular_file(tmp_path / "missing", limit=10)


def test_written_files_have_document_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out = write_atomically(tmp_path / "report.pdf", b"%PDF")
    finally:
        os.umask(old)
    assert out.read_bytes() == b"%PDF"
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_a_device_or_fifo_target_is_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(FileOutputError, match="special"):
        write_atomically(fifo, b"x")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    link = tmp_path / "out.pdf"
    link.symlink_to("/dev/null")
    with pytest.raises(FileOutputError, match="link"):
        write_atomically(link, b"x")
    assert link.is_symlink()


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileOutputError, match="does not exist"):
        write_atomically(tmp_path / "nope" / "x.pdf", b"x")


def test_a_link_to_a_regular_file_is_written_through(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_bytes(b"old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_atomically(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"


@pytest.mark.parametrize("target", ["/proc/self/fd/1", "/proc/self/environ", "/dev/stdout",
                                    "/sys/kernel/notes"])
def test_a_link_into_a_system_folder_is_refused_even_when_it_resolves_to_a_file(
        tmp_path: Path, target: str) -> None:
    # /proc/self/fd/1 is a magic link: when stdout is a file it resolves to that file.
    link = tmp_path / "report.pdf"
    link.symlink_to(target)
    with pytest.raises(FileOutputError, match=r"system file|not a regular file|link"):
        write_atomically(link, b"x")
    assert link.is_symlink() and os.readlink(link) == target


def test_a_chain_of_links_into_proc_is_refused(tmp_path: Path) -> None:
    first = tmp_path / "a"
    second = tmp_path / "b"
    second.symlink_to("/proc/self/fd/1")
    first.symlink_to(second)
    with pytest.raises(FileOutputError):
        write_atomically(first, b"x")


def test_a_refusal_names_the_file_kind_with_its_article(tmp_path: Path) -> None:
    with pytest.raises(FileInputError, match="not an attachment"):
        read_regular_file(tmp_path, limit=10, what="attachment")
    with pytest.raises(FileInputError, match="not a workbook"):
        read_regular_file(tmp_path, limit=10, what="workbook")
