"""Files carried inside a PDF (the engagement's canonical JSON), shared by report and signing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EmbeddedFile:
    """A file carried inside the PDF (shown in a viewer's attachments panel)."""

    name: str
    data: bytes
    mime_type: str = "application/octet-stream"
    description: str = ""


def attach_files(writer: Any, files: Iterable[EmbeddedFile]) -> None:
    """Add `files` to a pyHanko IncrementalPdfFileWriter, with size and checksum recorded."""
    from pyhanko.pdf_utils import embed  # imported here: pyHanko takes a second

    for item in files:
        spec = embed.FileSpec(
            file_spec_string=item.name,
            embedded_data=embed.EmbeddedFileObject.from_file_data(
                writer, item.data, mime_type=item.mime_type,
                params=embed.EmbeddedFileParams(embed_size=True, embed_checksum=True)),
            description=item.description or None)
        embed.embed_file(writer, spec)
