"""The plan (`plan_sheet`) and the reading sheets: evidence, long notes, one row per item."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.exports.workbook.layout import EVIDENCE, LONG_NOTES
from workbench.exports.workbook.plan_sheet import PlanSheet
from workbench.exports.workbook.sheet_writer import LINE_HEIGHT, SheetWriter, lines
from workbench.exports.workbook.site_log_sheets import write_site_log_sheets


class TableSheets(SheetWriter):
    """Writes the improvement plan and the evidence sheets."""

    def write(self) -> None:
        PlanSheet(self.book).write()
        self._evidence_sheet()
        write_site_log_sheets(self, self.write_table)
        if self.book.long_notes:
            self._long_notes_sheet()

    def write_table(self, name: str, title: str, note: str,
                     headers: Sequence[tuple[str, int]], rows: Sequence[Sequence[object]],
                     wrap_cols: set[int], empty: str) -> None:
        st = self.st
        ws = self.wb.create_sheet(name)
        self._text(ws, "A1", title, font=st.title_font, align=st.top)
        self._text(ws, "A2", note, font=st.subtitle_font, align=st.top)
        for n, (label, width) in enumerate(headers):
            col = chr(ord("A") + n)
            self._cell(ws, f"{col}4", label, font=st.header_font, fill=st.header_fill,
                       align=st.header_align)
            ws.column_dimensions[col].width = width
        ws.row_dimensions[4].height = 24
        ws.row_dimensions[1].height = 24
        for r, values in enumerate(rows, start=5):
            zebra = st.zebra_fill if r % 2 == 0 else None
            for n, value in enumerate(values):
                ref = f"{chr(ord('A') + n)}{r}"
                if isinstance(value, str):
                    self._text(ws, ref, value, align=st.wrap if n in wrap_cols else st.top,
                               fill=zebra)
                else:
                    self._cell(ws, ref, value, font=st.body_font, align=st.right, fill=zebra)
            needed = max(lines(values[n], headers[n][1]) for n in wrap_cols)
            if needed > 1:
                ws.row_dimensions[r].height = needed * LINE_HEIGHT + 3
        if not rows:
            self._text(ws, "A5", empty, font=st.muted_italic, align=st.top)
        ws.freeze_panes = "A5"
        ws.sheet_view.showGridLines = False
        ws.print_title_rows = "4:4"
        self._print_setup(ws)
        self._protect(ws)
        ws.protection.autoFilter = False
        if rows:
            ws.auto_filter.ref = f"A4:{chr(ord('A') + len(headers) - 1)}{4 + len(rows)}"

    def _order(self) -> dict[str, int]:
        return {c: n for n, c in enumerate([*self.fw.element_by_code, *self.fw.enabler_by_code])}

    def _evidence_sheet(self) -> None:
        order = self._order()
        items = sorted(self.doc.attachments, key=lambda a: (order.get(a.element, 10**6), a.id))
        rows = [(a.element, self._title_of(a.element), a.filename, a.caption,
                 _kind(a.media_type), round(a.size / 1024, 1), a.assessor or "")
                for a in items]
        self.write_table(
            EVIDENCE, "Evidence",
            "Photos and documents attached in the workbench; the files themselves stay in the "
            "engagement.",
            [("Element", 10), ("Element title", 40), ("File", 34), ("Caption", 44),
             ("Type", 12), ("Size (KB)", 11), ("Added by", 20)], rows, {1, 2, 3},
            "No photos or documents attached yet.")
        ws = self.wb[EVIDENCE]
        for r in range(5, 5 + len(rows)):
            self._at(ws, f"F{r}").number_format = "#,##0.0"


    def _long_notes_sheet(self) -> None:
        rows: list[tuple[str, str, str, str]] = []
        for code, where, text in self.book.long_notes:
            parts = text_parts(text, LONG_NOTE_WIDTH)
            rows.extend((code, where, f"{n} of {len(parts)}", part)
                        for n, part in enumerate(parts, start=1))
        self.write_table(
            LONG_NOTES, "Long notes",
            "Notes too long to show in their cell, in full. This sheet is for reading: edit a "
            "note in its own cell (named in the Cell column).",
            [("Code", 10), ("Cell", 22), ("Part", 8), ("Text", LONG_NOTE_WIDTH)], rows, {3},
            "")


LONG_NOTE_WIDTH = 110
LONG_NOTE_LINES = 28  # a part fills at most this many lines: the tallest row holds about 31


def text_parts(text: str, width: int, max_lines: int = LONG_NOTE_LINES) -> list[str]:
    """`text` cut at line or word boundaries into parts of at most `max_lines` wrapped lines."""
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        for word in _pieces(line, width):
            candidate = f"{current} {word}" if current and not current.endswith("\n") \
                else current + word
            if current and lines(candidate, width) > max_lines:
                parts.append(current.rstrip())
                candidate = word
            current = candidate
        current += "\n"
    if current.strip():
        parts.append(current.rstrip())
    return parts or [""]


def _pieces(line: str, width: int) -> list[str]:
    """The words of a line, a word longer than one wrapped line cut into line-sized pieces."""
    size = max(1, int(width * 1.2))
    out: list[str] = []
    for word in line.split(" "):
        out.extend(word[i:i + size] for i in range(0, max(1, len(word)), size))
    return out


def _kind(media_type: str) -> str:
    if media_type.startswith("image/"):
        return "Photo"
    return {"application/pdf": "PDF"}.get(media_type, media_type.split("/")[-1][:12].upper())
