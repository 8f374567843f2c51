"""The enablers' sheet: rated on the same scale, with no points and no part in the total."""

from __future__ import annotations

from workbench.exports.workbook import formulas
from workbench.exports.workbook.inputs import ElementText
from workbench.exports.workbook.layout import FIRST_ROW, TOTAL_ROW, Col, SheetLayout
from workbench.exports.workbook.rated_sheet import ENABLER_HEADERS, RatedSheet
from workbench.exports.workbook.styles import PERCENT_FORMAT


class EnablerSheet(RatedSheet):
    """Writes the sheet of the framework's enablers."""

    def write(self, sheet: SheetLayout) -> None:
        ws = self.wb.create_sheet(sheet.name)
        ws.sheet_properties.tabColor = self.st.accent.lstrip("#")
        self._sheet_frame(ws, "Framework enablers",
                          "Rated on the same scale; they have no points and are not part of "
                          "the total.", ENABLER_HEADERS, sheet.last_row)
        st, c = self.st, Col
        levels = self._rating_choices()
        ws.add_data_validation(levels)
        self._text(ws, f"B{TOTAL_ROW}", "Each enabler's percent is 100 × the mean of its "
                   "indicators' fractions.", font=st.muted_italic, align=st.top)
        for enabler in self.fw.enablers:
            rows = [s.row for s in sheet.indicator_rows(enabler.code)]
            e = str(sheet.head_row(enabler.code).row)
            text = self.inputs.texts.get(enabler.code, ElementText())
            self._head_cells(ws, e, enabler.code, enabler.name, ENABLER_HEADERS)
            self._formulas(ws, e, formulas.enabler(e, rows[0], rows[-1], len(rows), self.lists,
                                                   self.first_level))
            self._cell(ws, f"{c.PERCENT}{e}", font=st.bold_font, align=st.right,
                       number_format=PERCENT_FORMAT)
            self._cell(ws, f"{c.LEVEL}{e}", font=st.bold_font, align=st.centre)
            self._cell(ws, f"{c.STATUS}{e}", font=st.muted_font, align=st.wrap)
            self._evidence_cells(ws, e, text)
            for spec in sheet.indicator_rows(enabler.code):
                self._indicator_row(ws, spec.row, spec.code, text, levels)
        self._finish(ws, sheet, ENABLER_HEADERS, FIRST_ROW)
