"""A brand profile as one file to send a colleague: a zip of its `brand.yaml` and its files.

Unpacking trusts nothing in the archive: only flat, plain file names (no folders,
no `..`, no links), a handful of entries, each and all of them bounded in size as
they are decompressed (a zip bomb stops at the limit, whatever its header says).
"""

from __future__ import annotations

import io
import lzma
import re
import zipfile
import zlib
from pathlib import Path

from workbench.exports.brand import BRAND_FILE, BrandError

SUFFIX = ".brand.zip"
MAX_ARCHIVE_BYTES = 24 * 1024 * 1024
MAX_ENTRY_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 24 * 1024 * 1024
MAX_ENTRIES = 12
_ENTRY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def pack(folder: Path, files: list[str]) -> bytes:
    """A zip of `brand.yaml` and the named files of the profile in `folder`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in [BRAND_FILE, *sorted(set(files) - {BRAND_FILE})]:
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (folder / name).read_bytes())
    return buffer.getvalue()


def unpack(data: bytes, source: str) -> dict[str, bytes]:
    """The files of a profile archive by name; BrandError when it is not a safe one."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, OSError,
            EOFError, RuntimeError, KeyError, UnicodeDecodeError):
        raise BrandError(f"{source}: not a brand profile file (a .brand.zip exported from "
                         "the workbench)") from None
    files: dict[str, bytes] = {}
    total = 0
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise BrandError(f"{source}: {len(entries)} files is more than a brand profile "
                             f"holds (at most {MAX_ENTRIES})")
        for entry in entries:
            name = entry.filename
            if not _ENTRY.match(name) or ".." in name:
                raise BrandError(f"{source}: the archive holds {name[:80]!r}, which is not a "
                                 "plain file name; a brand profile holds no folders or paths")
            if name in files:
                raise BrandError(f"{source}: the archive holds {name!r} twice")
            if entry.file_size > MAX_ENTRY_BYTES:
                raise BrandError(f"{source}: {name!r} is larger than "
                                 f"{MAX_ENTRY_BYTES // (1024 * 1024)} MB")
            try:
                with archive.open(entry) as handle:
                    content = handle.read(MAX_ENTRY_BYTES + 1)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError,
                    RuntimeError, ValueError, EOFError, zlib.error, lzma.LZMAError):
                raise BrandError(f"{source}: {name!r} in the archive is damaged or "
                                 "encrypted") from None
            if len(content) > MAX_ENTRY_BYTES:
                raise BrandError(f"{source}: {name!r} unpacks to more than "
                                 f"{MAX_ENTRY_BYTES // (1024 * 1024)} MB")
            total += len(content)
            if total > MAX_TOTAL_BYTES:
                raise BrandError(f"{source}: the archive unpacks to more than "
                                 f"{MAX_TOTAL_BYTES // (1024 * 1024)} MB")
            files[name] = content
    if BRAND_FILE not in files:
        raise BrandError(f"{source}: the archive has no {BRAND_FILE}; it is not a brand "
                         "profile file")
    return files
