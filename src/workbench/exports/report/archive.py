"""The report's last pass: XMP metadata always, and PDF/A on request, through pikepdf.

ReportLab writes the document information (title, author, subject, keywords) but no XMP
stream; archives and search tools read XMP. PDF/A-2b (or PDF/A-3b when the PDF carries
files, such as a signed report's canonical JSON) adds an sRGB output intent, the PDF/A
declaration and the repairs pikepdf's preparer makes; pikepdf's allowlist validator then
checks the bytes written, and a report it does not approve is refused, never passed off
as PDF/A.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from typing import Any

import pikepdf

from workbench.core.errors import WorkbenchError
from workbench.exports.pdf_files import EmbeddedFile


def _strip_transitions(pdf: pikepdf.Pdf) -> None:
    """ReportLab writes an empty /Trans (page transition) on every page; it means nothing
    and PDF/A validators do not accept it."""
    for page in pdf.pages:
        if pikepdf.Name.Trans in page.obj:
            del page.obj[pikepdf.Name.Trans]


def _write_xmp(pdf: pikepdf.Pdf) -> None:
    # Not marked as edited by pikepdf: no "now" date, so a deterministic export stays so.
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta, \
            warnings.catch_warnings():
        # /Trapped has no XMP equivalent; leaving it out of the XMP is right.
        warnings.filterwarnings("ignore", "The metadata field /Trapped", UserWarning)
        meta.load_from_docinfo(pdf.docinfo)


def _attach(pdf: pikepdf.Pdf, files: Sequence[EmbeddedFile]) -> None:
    """Attach `files` (shown in a viewer's attachments panel), each with /F and /UF, its MIME
    type and its relation to the document (it is the data the report was made from)."""
    for item in files:
        pdf.attachments[item.name] = pikepdf.AttachedFileSpec(
            pdf, item.data, description=item.description, filename=item.name,
            mime_type=item.mime_type, relationship=pikepdf.Name.Data)


def finish_pdf(data: bytes, files: Sequence[EmbeddedFile] = (), *, pdfa: bool = False,
               deterministic: bool = False) -> bytes:
    """`data` with `files` attached and XMP metadata; with `pdfa`, as PDF/A-2b (PDF/A-3b
    when it carries files: only PDF/A-3 allows files that are not PDF/A themselves)."""
    save: dict[str, Any] = {"static_id": True} if deterministic else {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _strip_transitions(pdf)
        _attach(pdf, files)
        out = io.BytesIO()
        if not pdfa:
            _write_xmp(pdf)
            # ReportLab compressed its streams: they are copied as they are, not decoded and
            # compressed again (most of this pass's time); attached files are compressed.
            pdf.save(out, compress_streams=bool(files),
                     stream_decode_level=pikepdf.StreamDecodeLevel.none, **save)
            return out.getvalue()
        from pikepdf import pdfa as archive  # imported here: it loads JSON schemas

        flavour = "3b" if pdf.attachments else "2b"
        archive.prepare(pdf, flavour, output_intent="sRGB")
        if deterministic:
            with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
                meta["xmp:MetadataDate"] = meta.get("xmp:CreateDate", "2000-01-01T00:00:00Z")
        try:
            archive.save(pdf, out, flavour, repair=False, **save)
        except archive.PdfaError as exc:
            first = str(exc).splitlines()
            raise WorkbenchError("the report could not be made PDF/A: "
                                 + " ".join(first[:2])[:300]) from None
        return out.getvalue()


def pdfa_part(data: bytes) -> str | None:
    """The PDF/A part and conformance a PDF declares in its XMP ("2B"), or None."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        part = meta.get("pdfaid:part")
        conformance = meta.get("pdfaid:conformance", "")
        return f"{part}{conformance}" if part else None
