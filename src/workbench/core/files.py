"""Reading and writing the files a user names, safely.

Every importer reads through `read_regular_file`: only a regular file (never a FIFO, a
device, a directory or a `/proc` file), and never more than a stated limit, so no input
can hang the program or exhaust its memory. Every file written for the user goes through
`write_atomically`: the whole file or nothing, never over a special file, with the usual
permissions of a document (0644 under the usual umask).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from workbench.core.errors import WorkbenchError

MiB = 1024 * 1024
# Pseudo-filesystems: a name resolving into them is never a document (/proc/self/fd/1 is
# the terminal, /dev/null a device a root user must not replace).
SYSTEM_ROOTS = ("/proc", "/sys", "/dev")


class FileInputError(WorkbenchError):
    """A file the user named cannot be read as input (missing, special, too large)."""


class FileOutputError(WorkbenchError):
    """A file the user named cannot be written (special target, missing folder, no room)."""


def _size_text(n: int) -> str:
    return f"{n / MiB:.0f} MB" if n >= MiB else f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _a(what: str) -> str:
    """`what` with its article: "an attachment", "a workbook"."""
    return f"{'an' if what[:1].lower() in 'aeiou' else 'a'} {what}"


def _open_regular(path: Path, limit: int | None, what: str) -> int:
    """A descriptor open on `path`, checked to be a regular file of at most `limit` bytes.

    Opened without following into a FIFO's wait (O_NONBLOCK) and checked with fstat on the
    open descriptor, so a swap between check and read cannot fool it. The caller closes it.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileInputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FileInputError(f"{path}: is a folder, not {_a(what)}") from None
    except PermissionError:
        raise FileInputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise FileInputError(f"{path}: cannot be read ({_reason(exc)})") from None
    except ValueError:  # a NUL byte in the name
        raise FileInputError(f"{path!r}: not a file name") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileInputError(f"{path}: is a folder, not {_a(what)}")
        if not stat.S_ISREG(info.st_mode):
            raise FileInputError(f"{path}: is not a regular file (a pipe, device or special "
                                 f"file); give {_a(what)} saved on disk")
        if limit is None:
            return fd
        if str(Path(path).resolve()).startswith("/proc/"):
            raise FileInputError(f"{path}: is a system file, not {_a(what)}")
        if info.st_size > limit:
            raise FileInputError(f"{path}: the {what} is {_size_text(info.st_size)}, more than "
                                 f"the {_size_text(limit)} allowed")
    except OSError as exc:
        os.close(fd)
        raise FileInputError(f"{path}: cannot be read ({_reason(exc)})") from None
    except FileInputError:
        os.close(fd)
        raise
    return fd


def read_regular_file(path: Path, *, limit: int, what: str = "file") -> bytes:
    """The bytes of `path`, which must be a regular file of at most `limit` bytes.

    `what` names the input in the message ("framework file", "workbook", …). The file is
    opened without following into a FIFO's wait (O_NONBLOCK), checked with fstat on the
    open descriptor (so a swap between check and read cannot fool it), and read to at most
    limit + 1 bytes (so a file whose stat size lies, as `/proc` files do, is still bounded).
    """
    fd = _open_regular(path, limit, what)
    try:
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, MiB))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
    except OSError as exc:
        raise FileInputError(f"{path}: cannot be read ({_reason(exc)})") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise FileInputError(f"{path}: the {what} is larger than the {_size_text(limit)} "
                             "allowed")
    return data


def _in_system(path: str) -> bool:
    return any(path == root or path.startswith(root + "/") for root in SYSTEM_ROOTS)


def _system_target(path: Path) -> str | None:
    """The system path (/proc, /sys, /dev) a name leads to through its links, or None.

    Each link is followed by hand, because the kernel's magic links (/proc/self/fd/1)
    resolve to whatever they point at, which may look like an ordinary file."""
    current = os.path.abspath(path)
    for _ in range(40):
        if _in_system(current):
            return current
        try:
            target = os.readlink(current)
        except OSError:
            break
        current = os.path.normpath(os.path.join(os.path.dirname(current), target))
    real = os.path.realpath(path)
    return real if _in_system(real) else None


def check_output_target(path: Path) -> Path:
    """Refuse to write over anything but a regular file, or into a missing folder."""
    path = Path(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise FileOutputError(f"{path}: cannot be written ({_reason(exc)})") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            try:
                target = os.stat(path)
            except OSError:
                target = None
            if target is None or not stat.S_ISREG(target.st_mode):
                raise FileOutputError(f"{path}: is a link to something that is not a regular "
                                      "file; choose another name")
        elif stat.S_ISDIR(info.st_mode):
            raise FileOutputError(f"{path}: is a folder; give a file name")
        elif not stat.S_ISREG(info.st_mode):
            raise FileOutputError(f"{path}: is a device or special file, not a document; "
                                  "choose another name")
    system = _system_target(path)
    if system is not None:
        raise FileOutputError(f"{path}: leads to {system}, a system file, not a document; "
                              "choose another name")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise FileOutputError(f"{path}: the folder {parent} does not exist")
    return path


@contextlib.contextmanager
def atomic_output(path: Path, *, mode: int | None = None) -> Iterator[Path]:
    """A temporary file beside `path` to fill; `path` gets it whole or not at all.

    On leaving the block without an error the file is synced, given the permissions of a
    new document (0666 less the umask, so 0644 as usual) unless `mode` is given, and
    renamed over `path`; on an error it is removed and `path` is untouched. A link to a
    regular file is written through, to its target, so the link stays a link. The file
    system's errors, in the block or after it, become one `FileOutputError`.
    """
    path = check_output_target(Path(path))
    real = Path(os.path.realpath(path))
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    import tempfile  # only to write: not for every command that reads (issue 17)

    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".partial")
        os.close(fd)
        yield Path(tmp)
        with open(tmp, "rb+") as out:
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
        tmp = ""
    except OSError as exc:
        if exc.errno == 28:
            raise FileOutputError(f"{path}: the disk is full; nothing was written") from None
        raise FileOutputError(f"{path}: cannot be written ({_reason(exc)})") from None
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_atomically(path: Path, data: bytes, *, mode: int | None = None) -> Path:
    """Write the whole of `data` to `path` or nothing (see `atomic_output`)."""
    with atomic_output(path, mode=mode) as tmp, open(tmp, "wb") as out:
        out.write(data)
    return Path(path)


def copy_regular_file(path: Path, dest: Path, *, limit: int, what: str = "file") -> int:
    """Copy `path`, which must be a regular file of at most `limit` bytes, to `dest`.

    The same checks as `read_regular_file` (no FIFO, device, folder or `/proc` file; the
    size bounded while reading), for inputs too large to hold in memory. Returns the size.
    """
    fd = _open_regular(path, limit, what)
    copied = 0
    try:
        with open(dest, "wb") as out:
            while True:
                chunk = os.read(fd, 8 * MiB)
                if not chunk:
                    break
                copied += len(chunk)
                if copied > limit:
                    raise FileInputError(f"{path}: the {what} is larger than the "
                                         f"{_size_text(limit)} allowed")
                out.write(chunk)
    except OSError as exc:
        raise FileInputError(f"{path}: cannot be read ({_reason(exc)})") from None
    finally:
        os.close(fd)
    return copied


def file_head(path: Path, n: int, *, what: str = "file") -> bytes:
    """The first `n` bytes of `path`, which must be a regular file (to tell formats apart)."""
    fd = _open_regular(path, None, what)
    try:
        return os.read(fd, n)
    except OSError as exc:
        raise FileInputError(f"{path}: cannot be read ({_reason(exc)})") from None
    finally:
        os.close(fd)
