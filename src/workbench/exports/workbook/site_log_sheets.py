"""The site-visit log's two reading sheets: "Interviews" and "Documents reviewed".

Written after the Evidence sheet, styled like the other table sheets (title, note, header
row, frozen header, filters, print setup). They are for reading: the workbook import does
not read them back, and each sheet's note says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from workbench.exports.workbook.layout import DOCUMENTS_REVIEWED, INTERVIEWS
from workbench.exports.workbook.sheet_writer import SheetWriter

# TableSheets.write_table: (name, title, note, headers, rows, wrap columns, empty text)
WriteTable = Callable[[str, str, str, Sequence[tuple[str, int]], Sequence[Sequence[object]],
                       set[int], str], None]

DATE_FORMAT = "yyyy-mm-dd"
_EXPORT_ONLY = "For reading: edit the log in the workbench; changes here are not imported."


def write_site_log_sheets(tables: SheetWriter, write_table: WriteTable) -> None:
    """Both sheets, each with a line saying so when its list is empty."""
    doc = tables.doc
    files = {a.id: a.filename for a in doc.attachments}
    interviews = [(dt.date.fromisoformat(i.held_on) if i.held_on else "Undated",
                   "\n".join(p.role or "–" for p in i.people),
                   "\n".join(p.name for p in i.people), i.topics, ", ".join(i.elements))
                  for i in doc.interviews]
    write_table(
        INTERVIEWS, "Interviews",
        "Who was interviewed, by role, and what each interview informed. " + _EXPORT_ONLY,
        [("Date", 12), ("Role", 30), ("Name", 26), ("Topics", 60), ("Elements", 22)],
        interviews, {1, 2, 3, 4}, "No interviews recorded in the site-visit log.")
    ws = tables.wb[INTERVIEWS]
    for r, row in enumerate(interviews, start=5):
        if isinstance(row[0], dt.date):
            cell = tables._at(ws, f"A{r}")
            cell.number_format = DATE_FORMAT
            cell.alignment = tables.st.centre
    documents = [(d.title, d.owner, d.version, ", ".join(d.elements),
                  files.get(d.attachment_id, "") if d.attachment_id is not None else "")
                 for d in doc.documents]
    write_table(
        DOCUMENTS_REVIEWED, "Documents reviewed",
        "The client's documents the assessors reviewed, with their version or date. "
        + _EXPORT_ONLY,
        [("Title", 50), ("Owner", 26), ("Version or date", 16), ("Elements", 22),
         ("Attached file", 30)],
        documents, {0, 1, 3, 4}, "No documents recorded in the site-visit log.")
