"""Checks on an .xlsx file before any spreadsheet parser sees it.

An .xlsx file is a zip of XML files. A hostile one can claim gigabytes behind a
few kilobytes (a zip bomb), hold thousands of members, or declare XML entities
that expand without end. These checks read only the zip directory and stream
each XML member once, so a bad file is refused within a second and in bounded
memory. (Python's zipfile never inflates a member beyond its declared size, so
checking the declared sizes bounds what the parser can later be given.)
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from pathlib import Path
from typing import Final

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as safe_xml

from workbench.core.errors import WorkbenchError
from workbench.core.files import FileInputError, read_regular_file

MAX_FILE_BYTES: Final = 25 * 1024 * 1024
MAX_MEMBERS: Final = 500
MAX_MEMBER_BYTES: Final = 40 * 1024 * 1024
MAX_TOTAL_BYTES: Final = 120 * 1024 * 1024
MAX_RATIO: Final = 150  # inflated / compressed; real sheets compress about 10:1
RATIO_FLOOR: Final = 1024 * 1024  # small members may compress better than that harmlessly
REQUIRED: Final = ("[Content_Types].xml", "xl/workbook.xml")


# What reading a damaged member can raise besides BadZipFile: a corrupt deflate stream is a
# zlib.error, not an OSError (found by fuzzing).
UNZIP_ERRORS: Final = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, OSError, EOFError,
                       RuntimeError, NotImplementedError)


class WorkbookFileError(WorkbenchError):
    """A file that is not a workbook the application can safely read."""


def read_package(path: Path) -> bytes:
    """The bytes of a workbook file: a regular file, at most MAX_FILE_BYTES."""
    try:
        return read_regular_file(path, limit=MAX_FILE_BYTES, what="workbook")
    except FileInputError as exc:
        raise WorkbookFileError(str(exc)) from None


def check_package(path: Path, data: bytes | None = None) -> None:
    """Refuse a file that is not a sound .xlsx package; say why in one sentence."""
    name = path.name
    if data is None:
        data = read_package(path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _check_members(name, members)
            for info in members:
                _check_xml(name, archive, info)
    except zipfile.BadZipFile:
        raise WorkbookFileError(f"{name}: not an Excel workbook (.xlsx); the file is not a zip "
                                "package (an old .xls, a CSV or a renamed file?)") from None
    except (*UNZIP_ERRORS, ValueError) as exc:
        raise WorkbookFileError(f"{name}: the workbook package is damaged ({exc})") from None


def _check_members(name: str, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise WorkbookFileError(f"{name}: the package holds {len(members)} files; a workbook "
                                f"has a few dozen (refused as unsafe)")
    names = {m.filename for m in members}
    if any(not m.filename or m.filename.startswith("/") or ".." in m.filename.split("/")
           for m in members):
        raise WorkbookFileError(f"{name}: the package holds a file with an empty or unsafe "
                                "name (refused as unsafe)")
    missing = [r for r in REQUIRED if r not in names]
    if missing:
        raise WorkbookFileError(f"{name}: not an Excel workbook (.xlsx); {missing[0]} is "
                                "missing from the package")
    if len(names) != len(members):
        raise WorkbookFileError(f"{name}: the package names a file twice (refused as unsafe)")
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise WorkbookFileError(f"{name}: the workbook is encrypted; save it without a "
                                    "password and import it again")
        if info.file_size > MAX_MEMBER_BYTES:
            raise WorkbookFileError(f"{name}: {info.filename} would inflate to "
                                    f"{info.file_size / 2**20:.0f} MB (refused as unsafe)")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise WorkbookFileError(f"{name}: {info.filename} is compressed "
                                    f"{info.file_size // max(1, info.compress_size)}:1, the "
                                    "mark of a zip bomb (refused as unsafe)")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise WorkbookFileError(f"{name}: the package would inflate to {total / 2**20:.0f} MB "
                                "(refused as unsafe)")


def _looks_like_xml(head: bytes) -> bool:
    """Whether a member's first bytes are XML in any encoding (UTF-8, UTF-16, a BOM)."""
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        return True
    return head.lstrip(b" \t\r\n")[:1] == b"<"


def _check_xml(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Parse every XML member (whatever its name or encoding) with defusedxml, which refuses
    a document type, entity declarations and external references: how an XML bomb or an
    injected entity would enter. Members that are not XML (images) never reach a parser."""
    if info.filename.endswith("/"):  # a folder entry
        return
    with archive.open(info) as stream:
        head = stream.read(64)
    if not _looks_like_xml(head):
        return
    try:
        with archive.open(info) as stream:
            for _event, element in safe_xml.iterparse(stream, forbid_dtd=True):
                element.clear()
    except DefusedXmlException:
        raise WorkbookFileError(f"{name}: {info.filename} declares a document type or "
                                "entities, which workbooks never do (refused as unsafe)"
                                ) from None
    except safe_xml.ParseError as exc:
        raise WorkbookFileError(f"{name}: {info.filename} is not well-formed XML ({exc})"
                                ) from None
