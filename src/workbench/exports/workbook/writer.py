"""The scoring workbook: a live Excel workbook whose scores are formulas of its ratings.

The formulas (`formulas`) implement docs/scoring.md step by step in hidden working
columns, so Excel, LibreOffice or Google Sheets recompute every element, dimension and
the total exactly as the application does when a level is changed. Input cells are
unlocked; every sheet is protected without a password. One writer per kind of sheet:
`summary_sheet`, `dimension_sheet`, `enabler_sheet`, `table_sheets` (with the Change sheet
of `change_sheet`), `hidden_sheets`.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from workbench.core.files import write_atomically
from workbench.core.progress import Progress, no_progress
from workbench.core.visual import visual
from workbench.exports.workbook.change_sheet import change_sheet
from workbench.exports.workbook.dimension_sheet import DimensionSheet
from workbench.exports.workbook.enabler_sheet import EnablerSheet
from workbench.exports.workbook.hidden_sheets import HiddenSheets
from workbench.exports.workbook.sheet_writer import Book, WorkbookRequest
from workbench.exports.workbook.styles import Styles
from workbench.exports.workbook.summary_sheet import SummarySheet
from workbench.exports.workbook.table_sheets import TableSheets

__all__ = ["WorkbookRequest", "write_workbook"]


def _write(book: Book, path: Path, progress: Progress) -> None:
    layout = book.layout
    summary = SummarySheet(book)
    steps = len(layout.sheets) + 4
    for n, sheet in enumerate(layout.dimensions):
        progress(n / steps, f"Writing {sheet.name}")
        DimensionSheet(book).write(sheet)
    if layout.enablers is not None:
        progress(len(layout.dimensions) / steps, "Writing the enablers")
        EnablerSheet(book).write(layout.enablers)
    progress((steps - 3) / steps, "Writing the improvement plan and evidence")
    tables = TableSheets(book)
    tables.write()
    if book.request.change is not None:
        tables.write_table(*change_sheet(book.request.change, book.request.exported_at))
    progress((steps - 2) / steps, "Writing the summary")
    summary.write()
    HiddenSheets(book).write()
    book.wb.calculation.fullCalcOnLoad = True
    progress((steps - 1) / steps, "Saving the workbook")
    buffer = io.BytesIO()
    book.wb.save(buffer)
    write_atomically(path, buffer.getvalue())
    progress(1.0, "Workbook written")


def write_workbook(request: WorkbookRequest, path: Path, progress: Progress = no_progress) -> Path:
    """Write the scoring workbook of `request` to `path` (atomically); return the path."""
    if not request.exported_at:
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        request = WorkbookRequest(request.document, request.framework, request.inputs,
                                  request.primary, request.accent, request.app_version, stamp)
    styles = Styles(visual(), request.primary, request.accent)
    _write(Book(request, styles), path, progress)
    return path
