"""What dimension and enabler sheets share: the frame, the indicator rows, the evidence cells."""

from __future__ import annotations

from openpyxl.comments import Comment
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from workbench.core.ratings import NA
from workbench.exports.workbook import formulas
from workbench.exports.workbook.inputs import ElementText
from workbench.exports.workbook.layout import (
    FIRST_ROW,
    HEADER_ROW,
    HIDDEN_COLUMNS,
    LONG_NOTES,
    NA_TEXT,
    SUBTITLE_ROW,
    TITLE_ROW,
    Basis,
    Col,
    SheetLayout,
)
from workbench.exports.workbook.printing import paginate
from workbench.exports.workbook.sheet_writer import (
    LINE_HEIGHT,
    MAX_ROW_HEIGHT,
    SheetWriter,
    lines,
)
from workbench.exports.workbook.text import join_items

HEADERS = {
    Col.CODE: ("Code", 9), Col.TEXT: ("Element / indicator", 58), Col.RATING: ("Rating", 17),
    Col.MEANING: ("Meaning", 15), Col.TARGET: ("Target", 8), Col.SCORE: ("Score", 8),
    Col.POINTS: ("Points", 8), Col.PERCENT: ("Percent", 9), Col.LEVEL: ("Level", 7),
    Col.STATUS: ("Status", 22), Col.NOTES: ("Evidence notes", 40),
    Col.STRENGTHS: ("Strengths", 32), Col.OPPORTUNITIES: ("Opportunities for improvement", 32),
}
ENABLER_HEADERS = {**HEADERS, Col.TEXT: ("Enabler / indicator", 58), Col.TARGET: ("", 3),
                   Col.SCORE: ("", 3), Col.POINTS: ("", 3)}


PROMPT_TITLE_CHARS = 32  # the limits Excel puts on an input message
PROMPT_CHARS = 255


def input_message(title: str, text: str) -> dict[str, str | bool]:
    """The arguments of a DataValidation that shows `text` when its cell is selected."""
    if len(text) > PROMPT_CHARS:
        text = text[:PROMPT_CHARS - 1].rstrip() + "…"
    return {"showInputMessage": True, "promptTitle": title[:PROMPT_TITLE_CHARS],
            "prompt": text}


class RatedSheet(SheetWriter):
    """A sheet of rated rows: a dimension's elements or the enablers."""

    def _rating_choices(self) -> DataValidation:
        scale = ", ".join(f"{lv.value} {lv.label}" for lv in self.fw.scale)
        return DataValidation(type="list", formula1=self.lists.rating_choices, allow_blank=True,
                              showErrorMessage=True, errorTitle="Not a level",
                              error="Choose a level of the scale, or N/A.",
                              **input_message("Indicator level", f"Pick a level: {scale}; or "
                                              f"{NA_TEXT} when it does not apply. Leave it "
                                              "empty while not rated."))

    def _sheet_frame(self, ws: Worksheet, title: str, subtitle: str,
                     headers: dict[str, tuple[str, int]], last_row: int) -> None:
        st = self.st
        self._text(ws, f"A{TITLE_ROW}", title, font=st.title_font, align=st.top)
        self._text(ws, f"A{SUBTITLE_ROW}", subtitle, font=st.subtitle_font, align=st.top)
        self._text(ws, f"A{SUBTITLE_ROW + 1}", self._basis_line(), font=st.muted_font,
                   align=st.top)
        for col, (label, width) in headers.items():
            self._cell(ws, f"{col}{HEADER_ROW}", label or None, font=st.header_font,
                       fill=st.header_fill, align=st.header_align)
            ws.column_dimensions[col].width = width
        for col in HIDDEN_COLUMNS:
            ws.column_dimensions[col].hidden = True
        ws.row_dimensions[HEADER_ROW].height = 30
        ws.row_dimensions[TITLE_ROW].height = 24  # the 16-point title needs more than default
        ws.freeze_panes = f"C{FIRST_ROW}"
        ws.sheet_view.showGridLines = False
        ws.sheet_view.zoomScale = 90
        self._print_setup(ws)
        self._protect(ws)

    def _basis_line(self) -> str:
        if self.inputs.basis is Basis.TEAM:
            return ("Ratings: the team's result (consensus, else the level all assessors agree "
                    "on). Yellow cells are inputs; scores recalculate when you change them.")
        return (f"Ratings: {self.inputs.assessor}'s own ratings and evidence. Yellow cells are "
                "inputs; scores recalculate when you change them.")

    def _head_cells(self, ws: Worksheet, e: str, code: str, title: str,
                    headers: dict[str, tuple[str, int]]) -> None:
        """The shaded row of an element or enabler: its code and title."""
        st = self.st
        for col in headers:
            self._cell(ws, f"{col}{e}", fill=st.element_fill, border=st.rule_border)
        self._text(ws, f"A{e}", code, font=st.bold_font, align=st.top, fill=st.element_fill)
        self._text(ws, f"B{e}", title, font=st.bold_font, fill=st.element_fill)

    def _formulas(self, ws: Worksheet, row: str, values: dict[str, str]) -> None:
        for col, formula in values.items():
            ws[f"{col}{row}"] = formula

    def _evidence_cells(self, ws: Worksheet, row: str, text: ElementText) -> None:
        st = self.st
        cells = ((Col.NOTES, text.notes), (Col.STRENGTHS, join_items(text.strengths)),
                 (Col.OPPORTUNITIES, join_items(text.opportunities)))
        for col, value in cells:
            self._text(ws, f"{col}{row}", value)
            if self.inputs.texts_editable:
                self._input(ws, f"{col}{row}", st.wrap)
            else:
                self._cell(ws, f"{col}{row}", fill=st.element_fill)

    def _indicator_row(self, ws: Worksheet, row: int, code: str, text: ElementText,
                       levels: DataValidation) -> None:
        st, lists, inputs, c = self.st, self.lists, self.inputs, Col
        i = str(row)
        indicator = self.fw.indicator_by_code[code]
        self._text(ws, f"A{i}", code, font=st.muted_font, align=st.top)
        self._text(ws, f"B{i}", indicator.text)
        value = inputs.indicators.get(code)
        if value is not None:
            ws[f"C{i}"] = NA_TEXT if value == NA else value
        self._input(ws, f"C{i}", st.centre)
        levels.add(f"C{i}")
        if code in inputs.team_fractions:
            ws[f"{c.TEAM_FRACTION}{i}"] = inputs.team_fractions[code]
        ws[f"D{i}"] = formulas.indicator_meaning(i, lists)
        self._cell(ws, f"D{i}", font=st.muted_font, align=st.top)
        ws[f"{c.FRACTION}{i}"] = formulas.indicator_fraction(i, lists)
        self._text(ws, f"K{i}", text.indicator_notes.get(code, ""))
        if inputs.texts_editable:
            self._input(ws, f"K{i}", st.wrap)

    def _finish(self, ws: Worksheet, sheet: SheetLayout, headers: dict[str, tuple[str, int]],
                levels_from: int) -> None:
        """Row heights for wrapped text, page breaks, and the colours of levels and ratings."""
        last = sheet.last_row
        self._fit_rows(ws, FIRST_ROW, last, headers, sheet)
        paginate(ws, sheet)
        self.st.level_palette(ws, f"{Col.LEVEL}{levels_from}:{Col.LEVEL}{last}",
                              [b.level for b in self.fw.bands])
        self.st.level_palette(ws, f"{Col.RATING}{FIRST_ROW}:{Col.RATING}{last}",
                              [lv.value for lv in self.fw.scale], with_na=True)

    def _fit_rows(self, ws: Worksheet, first: int, last: int,
                  headers: dict[str, tuple[str, int]], sheet: SheetLayout) -> None:
        """Give rows with wrapped text the height it needs (spreadsheets do not on opening).

        A note longer than the tallest row can show is copied in full to the Long notes sheet,
        and its cell says so in a comment; the cell keeps the whole text for the import.
        """
        wrapped = [(col, width) for col, (_, width) in headers.items()
                   if col in (Col.TEXT, Col.NOTES, Col.STRENGTHS, Col.OPPORTUNITIES)]
        codes = {s.row: s.code for s in sheet.rows}
        for row in range(first, last + 1):
            needed = 1
            for col, width in wrapped:
                cell = self._at(ws, f"{col}{row}")
                count = lines(cell.value, width)
                if count * LINE_HEIGHT + 3 > MAX_ROW_HEIGHT and isinstance(cell.value, str):
                    self.book.long_notes.append((codes.get(row, ""), f"{ws.title}!{col}{row}",
                                                 cell.value))
                    cell.comment = Comment(f"Too long to show in full here: read all of it on "
                                           f"the '{LONG_NOTES}' sheet.", "Workbench")
                needed = max(needed, count)
            if needed > 1:
                ws.row_dimensions[row].height = min(MAX_ROW_HEIGHT, needed * LINE_HEIGHT + 3)
