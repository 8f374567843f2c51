"""The editable Word report: `write_docx(Document, Brand) -> bytes` (python-docx)."""

from workbench.exports.docx.writer import write_docx

__all__ = ["write_docx"]
