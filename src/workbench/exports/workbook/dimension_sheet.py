"""One sheet per dimension: element rows with their objective and indicators, and a total."""

from __future__ import annotations

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from workbench.exports.workbook import formulas
from workbench.exports.workbook.inputs import ElementText
from workbench.exports.workbook.layout import (
    FIRST_ROW,
    OBJECTIVE_LABEL,
    TOTAL_ROW,
    Col,
    SheetLayout,
)
from workbench.exports.workbook.rated_sheet import HEADERS, RatedSheet, input_message
from workbench.exports.workbook.styles import PERCENT_FORMAT, POINTS_FORMAT, SCORE_FORMAT
from workbench.exports.workbook.text import put_text

FIGURES = ((Col.SCORE, SCORE_FORMAT), (Col.POINTS, POINTS_FORMAT),
           (Col.PERCENT, PERCENT_FORMAT))


class DimensionSheet(RatedSheet):
    """Writes the sheet of one dimension."""

    def write(self, sheet: SheetLayout) -> None:
        dim = self.fw.dimension_by_code[sheet.code]
        ws = self.wb.create_sheet(sheet.name)
        ws.sheet_properties.tabColor = self.st.primary.lstrip("#")
        self._sheet_frame(ws, f"{dim.code}  {dim.name}", dim.question, HEADERS, sheet.last_row)
        lists = self.lists
        levels = self._rating_choices()
        achieved = ", ".join(lv.label for lv in self.fw.objective_levels)
        objective = DataValidation(type="list", formula1=lists.objective_labels,
                                   allow_blank=True, showErrorMessage=True,
                                   errorTitle="Not an achievement",
                                   error="Choose how far the objective is achieved.",
                                   **input_message("Objective achieved", f"How far is the "
                                                   f"objective achieved? {achieved}. Leave "
                                                   "it empty while not judged."))
        bands = ", ".join(f"{b.level} {b.label}" for b in self.fw.bands)
        target = DataValidation(type="list", formula1=lists.band_levels, allow_blank=True,
                                showErrorMessage=True, errorTitle="Not a level",
                                error="Choose a maturity level as the target.",
                                **input_message("Target level", f"The maturity level this "
                                                f"element should reach: {bands}."))
        for dv in (levels, objective, target):
            ws.add_data_validation(dv)
        for element in dim.elements:
            text = self.inputs.texts.get(element.code, ElementText())
            self._element_row(ws, sheet, element.code, text, target)
            self._objective_row(ws, sheet.objective_row(element.code).row, element.code,
                                objective)
            for spec in sheet.indicator_rows(element.code):
                self._indicator_row(ws, spec.row, spec.code, text, levels)
        self._total(ws, sheet, len(dim.elements))
        self._finish(ws, sheet, HEADERS, TOTAL_ROW)

    def _element_row(self, ws: Worksheet, sheet: SheetLayout, code: str, text: ElementText,
                     target: DataValidation) -> None:
        """The element row: its title, target, and the score of docs/scoring.md §2."""
        element = self.fw.element_by_code[code]
        st, inputs = self.st, self.inputs
        rows = [s.row for s in sheet.indicator_rows(code)]
        e = str(sheet.head_row(code).row)
        self._head_cells(ws, e, code, element.title, HEADERS)
        if code in inputs.targets:
            ws[f"E{e}"] = inputs.targets[code]
        self._input(ws, f"E{e}", st.centre)
        target.add(f"E{e}")
        ws[f"{Col.POINTS}{e}"] = element.points
        disputed = [s.code for s in sheet.indicator_rows(code)
                    if s.code in inputs.team_fractions] or code in inputs.team_fractions
        self._formulas(ws, e, formulas.element(
            e, rows[0], rows[-1], sheet.objective_row(code).row, len(rows), self.lists,
            self.first_level, bool(disputed)))
        for col, fmt in FIGURES:
            self._cell(ws, f"{col}{e}", font=st.bold_font, align=st.right, number_format=fmt)
        self._cell(ws, f"{Col.LEVEL}{e}", font=st.bold_font, align=st.centre)
        self._cell(ws, f"{Col.STATUS}{e}", font=st.muted_font, align=st.wrap)
        self._evidence_cells(ws, e, text)

    def _objective_row(self, ws: Worksheet, row: int, code: str,
                       objective: DataValidation) -> None:
        st, inputs = self.st, self.inputs
        o = str(row)
        self._text(ws, f"A{o}", OBJECTIVE_LABEL, font=st.muted_italic, align=st.top)
        self._text(ws, f"B{o}", self.fw.element_by_code[code].objective, font=st.muted_italic)
        key = inputs.objectives.get(code)
        if key is not None:
            label = next((lv.label for lv in self.fw.objective_levels if lv.key == key), key)
            put_text(self._at(ws, f"C{o}"), label)
        self._input(ws, f"C{o}", st.top)
        objective.add(f"C{o}")
        if code in inputs.team_fractions:
            ws[f"{Col.TEAM_FRACTION}{o}"] = inputs.team_fractions[code]
        ws[f"D{o}"] = formulas.objective_meaning(o, self.lists)
        self._cell(ws, f"D{o}", font=st.muted_font, align=st.top)

    def _total(self, ws: Worksheet, sheet: SheetLayout, elements: int) -> None:
        st, c, t = self.st, Col, TOTAL_ROW
        for col in HEADERS:
            self._cell(ws, f"{col}{t}", fill=st.total_fill, border=st.total_border)
        self._text(ws, f"A{t}", sheet.code, font=st.bold_font, align=st.top,
                   fill=st.total_fill)
        self._text(ws, f"B{t}", "Dimension total", font=st.bold_font, fill=st.total_fill)
        self._formulas(ws, str(t), formulas.dimension_total(
            t, FIRST_ROW, sheet.last_row, elements, self.lists, self.first_level))
        for col, fmt in FIGURES:
            self._cell(ws, f"{col}{t}", font=st.bold_font, align=st.right, number_format=fmt)
        self._cell(ws, f"{c.TARGET}{t}", font=st.bold_font, align=st.centre)
        self._cell(ws, f"{c.LEVEL}{t}", font=st.bold_font, align=st.centre)
        self._cell(ws, f"{c.STATUS}{t}", font=st.muted_font, align=st.top)
