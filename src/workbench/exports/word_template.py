"""Checking a firm's Word house template (`.docx` or `.dotx`) named by a brand profile.

Only the zip container is read here (no python-docx, so loading a profile stays quick):
a Word document or template part, no macros, bounded in entries and unpacked size.
"""

from __future__ import annotations

import io
import re
import zipfile

from workbench.core.errors import WorkbenchError

MAX_TEMPLATE_BYTES = 8 * 1024 * 1024
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # a zip bomb stops here, whatever its headers say
MAX_PARTS = 2000
SUFFIXES = (".docx", ".dotx")
DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_MAIN = re.compile(rb'PartName="/word/document\.xml"\s+ContentType="([^"]+)"')


class TemplateError(WorkbenchError):
    """A house template that is not a plain Word document or template."""


def main_content_type(data: bytes, name: str = "template") -> str:
    """The content type of the template's main part (document or template), once checked;
    TemplateError saying what is wrong."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise TemplateError(f"{name}: not a Word document or template (.docx or .dotx)") \
            from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_PARTS:
            raise TemplateError(f"{name}: {len(entries)} parts is far more than a house "
                                "template holds")
        if sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
            raise TemplateError(f"{name}: unpacks to more than "
                                f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB")
        names = {e.filename for e in entries}
        if "[Content_Types].xml" not in names or "word/document.xml" not in names:
            raise TemplateError(f"{name}: not a Word document or template (.docx or .dotx)")
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            raise TemplateError(f"{name}: the template holds macros; save it as a plain "
                                ".docx or .dotx")
        try:
            with archive.open("[Content_Types].xml") as handle:
                types = handle.read(1024 * 1024 + 1)
        except (zipfile.BadZipFile, NotImplementedError, OSError, RuntimeError, ValueError,
                EOFError):
            raise TemplateError(f"{name}: the template is damaged or encrypted") from None
    match = _MAIN.search(types)
    kind = match.group(1).decode("ascii", "replace") if match else ""
    if kind not in (DOCUMENT, TEMPLATE):
        raise TemplateError(f"{name}: not a Word document or template (.docx or .dotx); "
                            "macro-enabled files are refused")
    return kind


def retyped(data: bytes, old: str, new: str) -> bytes:
    """The same Word package with its main part's content type `old` made `new` (a .dotx
    and a .docx differ only there; python-docx opens documents alone)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "[Content_Types].xml":
                content = content.replace(old.encode(), new.encode())
            target.writestr(entry, content)
    return out.getvalue()
