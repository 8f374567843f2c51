"""An attachment's type from its content (magic bytes), never from its name alone.

A file named `report.pdf` that holds PNG bytes is a PNG; a file named `.pdf` or `.png`
whose content is not what its name claims is refused, so a report never embeds a file
as something it is not.
"""

from __future__ import annotations

import mimetypes

from workbench.core.errors import ImageError, InvalidValueError

# (signature at offset 0, media type); RIFF....WEBP is checked apart.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"%PDF-", "application/pdf"),
    (b"PK\x03\x04", "application/zip"),
)
# Types a name may claim only when the content carries their signature.
_CHECKED = {"image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", "image/webp",
            "application/pdf"}
# Office documents are zip packages: their name says which one.
_ZIP_BASED = {"application/zip",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "application/vnd.openxmlformats-officedocument.presentationml.presentation",
              "application/vnd.oasis.opendocument.text",
              "application/vnd.oasis.opendocument.spreadsheet"}


def sniff(data: bytes) -> str | None:
    """The media type the content's signature shows, or None when it has none we know."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    for signature, media_type in _SIGNATURES:
        if data.startswith(signature):
            return media_type
    return None


def media_type_of(name: str, data: bytes) -> str:
    """The type to store: the content's own. A name claiming a type the content contradicts
    (PNG bytes named .pdf) is refused; a name that says nothing checkable is overruled."""
    claimed = mimetypes.guess_type(name)[0] or "application/octet-stream"
    found = sniff(data)
    what = found or "not"
    if claimed in _CHECKED and found != claimed:
        if claimed.startswith("image/"):
            raise ImageError(f"{name}: not an image the workbench can read (the name says "
                             f"{claimed}, the content is {what})")
        raise InvalidValueError(f"{name}: the name says {claimed} but the content is {what}; "
                                "attach the original file under its own name")
    if claimed in _ZIP_BASED and found != "application/zip":
        raise InvalidValueError(f"{name}: the name says {claimed} but the content is {what}; "
                                "attach the original file under its own name")
    if found == "application/zip":
        return claimed if claimed in _ZIP_BASED else found
    return found or claimed
