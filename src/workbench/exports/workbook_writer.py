"""The scoring workbook: a live Excel workbook whose scores are formulas of its ratings.

The formulas implement scoring.md step by step in hidden working columns, so
Excel, LibreOffice or Google Sheets recompute every element, dimension and the
total exactly as the application does when a level is changed. Input cells are
unlocked; every sheet is protected without a password.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, RadarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from workbench.core.engagement import EngagementDocument
from workbench.core.files import write_atomically
from workbench.core.framework import Framework
from workbench.core.progress import Progress, no_progress
from workbench.core.ratings import NA
from workbench.core.visual import visual
from workbench.exports.report.model import ChangeInput
from workbench.exports.workbook_change import change_sheet
from workbench.exports.workbook_inputs import ElementText, WorkbookInputs
from workbench.exports.workbook_layout import (
    EVIDENCE,
    FIRST_ROW,
    FORMAT,
    FORMAT_VERSION,
    HEADER_ROW,
    HIDDEN_COLUMNS,
    LIST_FIRST,
    LISTS,
    META,
    NA_TEXT,
    OBJECTIVE_LABEL,
    PLAN,
    SUBTITLE_ROW,
    SUMMARY,
    TITLE_ROW,
    TOTAL_ROW,
    Basis,
    Col,
    ListsLayout,
    Meta,
    SheetLayout,
    WorkbookLayout,
    layout_for,
)
from workbench.exports.workbook_styles import (
    PERCENT_FORMAT,
    POINTS_FORMAT,
    SCORE_FORMAT,
    Styles,
)
from workbench.exports.workbook_text import join_items, put_text


@dataclass(frozen=True)
class WorkbookRequest:
    """Everything the writer needs; the service gathers it from the database."""

    document: EngagementDocument
    framework: Framework
    inputs: WorkbookInputs
    primary: str  # brand colours, #RRGGBB
    accent: str
    app_version: str
    exported_at: str = ""
    change: ChangeInput | None = None  # the change since the baseline: a Change sheet


HEADERS = {
    Col.CODE: ("Code", 9), Col.TEXT: ("Element / indicator", 58), Col.RATING: ("Rating", 17),
    Col.MEANING: ("Meaning", 15), Col.TARGET: ("Target", 8), Col.SCORE: ("Score", 8),
    Col.POINTS: ("Points", 8), Col.PERCENT: ("Percent", 9), Col.LEVEL: ("Level", 7),
    Col.STATUS: ("Status", 24), Col.NOTES: ("Evidence notes", 44),
    Col.STRENGTHS: ("Strengths", 36), Col.OPPORTUNITIES: ("Opportunities for improvement", 36),
}
ENABLER_HEADERS = {**HEADERS, Col.TEXT: ("Enabler / indicator", 58), Col.TARGET: ("", 3),
                   Col.SCORE: ("", 3), Col.POINTS: ("", 3)}


def _q(sheet: str) -> str:
    """A sheet name as formulas quote it."""
    return "'" + sheet.replace("'", "''") + "'"


def _level_of(percent_cell: str, lists: ListsLayout, first_level: int) -> str:
    # The highest band whose minimum the percent reaches (Framework.level_for_percent).
    return (f'IF({percent_cell}="","",IFERROR(INDEX({lists.band_levels},'
            f"MATCH({percent_cell},{lists.band_mins},1)),{first_level}))")


def _shown_percent(exact: str) -> str:
    # core.display's rule: whole percents rounded down (59.6 shows as 59 beside level 3,
    # never as "60 %"); the level comes from the exact ratio, not from this.
    return f"ROUNDDOWN({exact}+0.000000001,0)"


def _level_name(level_cell: str, lists: ListsLayout) -> str:
    return (f'=IF({level_cell}="","",IFERROR(INDEX({lists.band_labels},'
            f'MATCH({level_cell},{lists.band_levels},0)),""))')


class _Writer:
    def __init__(self, request: WorkbookRequest, progress: Progress) -> None:
        self.r = request
        self.fw = request.framework
        self.doc = request.document
        self.inputs = request.inputs
        self.layout: WorkbookLayout = layout_for(self.fw)
        self.lists = self.layout.lists
        self.st = Styles(visual(), request.primary, request.accent)
        self.progress = progress
        self.first_level = self.fw.bands[0].level
        self.wb = Workbook()
        self._style_cache: dict[tuple[object, ...], StyleArray] = {}

    # --- cells ---

    @staticmethod
    def _at(ws: Worksheet, ref: str) -> Cell:
        """The cell at a reference like "C8" (every column here is one letter)."""
        return ws.cell(row=int(ref[1:]), column=ord(ref[0]) - 64)

    def _cell(self, ws: Worksheet, ref: str, value: object = None, *, font: Font | None = None,
              fill: PatternFill | None = None, align: Alignment | None = None,
              number_format: str | None = None, border: Border | None = None,
              protection: Protection | None = None) -> None:
        cell = self._at(ws, ref)
        if value is not None:
            cell.value = value
        # Assigning style objects hashes them on every call; the resulting style index array is
        # the same for the same inputs, so it is computed once and copied after that.
        current = cell._style
        key = (tuple(current) if current is not None else (), id(font), id(fill), id(align),
               number_format, id(border), id(protection))
        found = self._style_cache.get(key)
        if found is not None:
            cell._style = copy(found)
            return
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if align is not None:
            cell.alignment = align
        if number_format is not None:
            cell.number_format = number_format
        if border is not None:
            cell.border = border
        if protection is not None:
            cell.protection = protection
        self._style_cache[key] = copy(cell._style)

    def _text(self, ws: Worksheet, ref: str, text: str | None, *, font: Font | None = None,
              align: Alignment | None = None, fill: PatternFill | None = None) -> None:
        if not text and fill is None:
            return  # an empty cell needs no style; fewer cells make a faster file
        put_text(self._at(ws, ref), text)
        self._cell(ws, ref, font=font or self.st.body_font, align=align or self.st.wrap,
                   fill=fill)

    def _input(self, ws: Worksheet, ref: str, align: Alignment | None = None) -> None:
        self._cell(ws, ref, protection=self.st.unlocked, fill=self.st.input_fill,
                   border=self.st.input_border, align=align, font=self.st.body_font)

    # --- the workbook --------------------------------------------------------------------

    def write(self, path: Path) -> None:
        summary = self.wb.active
        assert summary is not None
        summary.title = SUMMARY
        steps = len(self.layout.sheets) + 4
        for n, sheet in enumerate(self.layout.dimensions):
            self.progress(n / steps, f"Writing {sheet.name}")
            self._dimension_sheet(sheet)
        if self.layout.enablers is not None:
            self.progress(len(self.layout.dimensions) / steps, "Writing the enablers")
            self._enabler_sheet(self.layout.enablers)
        self.progress((steps - 3) / steps, "Writing the improvement plan and evidence")
        self._plan_sheet()
        self._evidence_sheet()
        if self.r.change is not None:
            self._table_sheet(*change_sheet(self.r.change, self.r.exported_at))
        self.progress((steps - 2) / steps, "Writing the summary")
        self._summary(summary)
        self._lists()
        self._metadata()
        self.wb.calculation.fullCalcOnLoad = True
        self.progress((steps - 1) / steps, "Saving the workbook")
        self._save(path)
        self.progress(1.0, "Workbook written")

    def _save(self, path: Path) -> None:
        buffer = io.BytesIO()
        self.wb.save(buffer)
        write_atomically(path, buffer.getvalue())

    def _lists(self) -> None:
        ws = self.wb.create_sheet(LISTS)
        ws.sheet_state = "hidden"
        for col, title in (("A", "Level"), ("B", "Label"), ("C", "Fraction"),
                           ("E", "Objective"), ("F", "Fraction"), ("G", "Key"),
                           ("I", "Band minimum %"), ("J", "Band level"), ("K", "Band label"),
                           ("M", "Weights")):
            ws[f"{col}1"] = title
        for n, level in enumerate(self.fw.scale):
            row = LIST_FIRST + n
            ws[f"A{row}"] = level.value
            put_text(self._at(ws, f"B{row}"), level.label)
            ws[f"C{row}"] = level.fraction
        ws[f"A{LIST_FIRST + len(self.fw.scale)}"] = NA_TEXT
        for n, objective in enumerate(self.fw.objective_levels):
            row = LIST_FIRST + n
            put_text(self._at(ws, f"E{row}"), objective.label)
            ws[f"F{row}"] = objective.fraction
            put_text(self._at(ws, f"G{row}"), objective.key)
        for n, band in enumerate(sorted(self.fw.bands, key=lambda b: b.min_percent)):
            row = LIST_FIRST + n
            ws[f"I{row}"] = band.min_percent
            ws[f"J{row}"] = band.level
            put_text(self._at(ws, f"K{row}"), band.label)
        ws[f"M{LIST_FIRST}"] = self.fw.weights.indicators
        ws[f"M{LIST_FIRST + 1}"] = self.fw.weights.objective
        ws.protection.sheet = True

    # --- dimension and enabler sheets ----------------------------------------------------

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
        ws.print_title_rows = f"{HEADER_ROW}:{TOTAL_ROW}"
        ws.print_area = f"A1:{Col.OPPORTUNITIES}{last_row}"
        self._print_setup(ws)
        ws.protection.sheet = True
        ws.protection.formatColumns = False  # analysts may widen columns and rows
        ws.protection.formatRows = False

    def _print_setup(self, ws: Worksheet) -> None:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.75
        ws.page_margins.header = ws.page_margins.footer = 0.3
        client = self.doc.details.client.replace("&", "&&")
        title = self.doc.details.title.replace("&", "&&")
        ws.oddHeader.left.text = f"{client} — {title}"[:200]
        ws.oddHeader.left.size = 8
        ws.oddFooter.center.text = "Page &P of &N"
        ws.oddFooter.center.size = 8
        ws.oddFooter.right.text = "&A"
        ws.oddFooter.right.size = 8

    def _basis_line(self) -> str:
        if self.inputs.basis is Basis.TEAM:
            return ("Ratings: the team's result (consensus, else the level all assessors agree "
                    "on). Yellow cells are inputs; scores recalculate when you change them.")
        return (f"Ratings: {self.inputs.assessor}'s own ratings and evidence. Yellow cells are "
                "inputs; scores recalculate when you change them.")

    def _dimension_sheet(self, sheet: SheetLayout) -> None:
        dim = self.fw.dimension_by_code[sheet.code]
        ws = self.wb.create_sheet(sheet.name)
        ws.sheet_properties.tabColor = self.st.primary.lstrip("#")
        self._sheet_frame(ws, f"{dim.code}  {dim.name}", dim.question, HEADERS, sheet.last_row)
        st, lists = self.st, self.lists
        levels = DataValidation(type="list", formula1=lists.rating_choices, allow_blank=True,
                                showErrorMessage=True, errorTitle="Not a level",
                                error="Choose a level of the scale, or N/A.",
                                promptTitle="Level", showInputMessage=False)
        objective = DataValidation(type="list", formula1=lists.objective_labels,
                                   allow_blank=True, showErrorMessage=True,
                                   errorTitle="Not an achievement",
                                   error="Choose how far the objective is achieved.")
        target = DataValidation(type="list", formula1=lists.band_levels, allow_blank=True,
                                showErrorMessage=True, errorTitle="Not a level",
                                error="Choose a maturity level as the target.")
        for dv in (levels, objective, target):
            ws.add_data_validation(dv)
        for element in dim.elements:
            self._element_rows(ws, sheet, element.code, levels, objective, target)
        self._dimension_total(ws, sheet, len(dim.elements))
        last = sheet.last_row
        self._fit_rows(ws, FIRST_ROW, last, HEADERS)
        band_levels = [b.level for b in self.fw.bands]
        st.level_palette(ws, f"{Col.LEVEL}{TOTAL_ROW}:{Col.LEVEL}{last}", band_levels)
        st.level_palette(ws, f"{Col.RATING}{FIRST_ROW}:{Col.RATING}{last}",
                         [lv.value for lv in self.fw.scale], with_na=True)

    def _element_rows(self, ws: Worksheet, sheet: SheetLayout, code: str,
                      levels: DataValidation, objective: DataValidation,
                      target: DataValidation) -> None:
        element = self.fw.element_by_code[code]
        st, lists, inputs = self.st, self.lists, self.inputs
        head = sheet.head_row(code).row
        obj = sheet.objective_row(code).row
        rows = [s.row for s in sheet.indicator_rows(code)]
        first, last = rows[0], rows[-1]
        text = inputs.texts.get(code, ElementText())
        e = str(head)
        # The element row: its title, target, and the score of scoring.md §2.
        for col in HEADERS:
            self._cell(ws, f"{col}{e}", fill=st.element_fill, border=st.rule_border)
        self._text(ws, f"A{e}", code, font=st.bold_font, align=st.top, fill=st.element_fill)
        self._text(ws, f"B{e}", element.title, font=st.bold_font, fill=st.element_fill)
        if code in inputs.targets:
            ws[f"E{e}"] = inputs.targets[code]
        self._input(ws, f"E{e}", st.centre)
        target.add(f"E{e}")
        W_I, W_O = lists.weight_indicators, lists.weight_objective
        c = Col
        ws[f"{c.SCORE}{e}"] = (f'=IF({c.MEAN}{e}="",0,{c.POINTS}{e}*({W_I}*{c.MEAN}{e}+{W_O}*'
                               f'IF({c.OBJ_FRACTION}{e}="",0,{c.OBJ_FRACTION}{e})))')
        ws[f"{c.POINTS}{e}"] = element.points
        exact = f"100*{c.SCORE}{e}/{c.POINTS}{e}"
        # Not applicable, or not assessed (nothing rated or judged): no percent, no level.
        blank = (f'OR({c.MEAN}{e}="",AND({c.RATED}{e}=0,{c.NOT_APPLICABLE}{e}=0,'
                 f'{c.OBJ_FRACTION}{e}=""))')
        ws[f"{c.PERCENT}{e}"] = f'=IF({blank},"",{_shown_percent(exact)})'
        ws[f"{c.LEVEL}{e}"] = f'=IF({blank},"",{_level_of(exact, lists, self.first_level)})'
        status = (f'IF({c.MEAN}{e}="","Not applicable",IF(AND({c.RATED}{e}=0,'
                  f'{c.NOT_APPLICABLE}{e}=0,{c.OBJ_FRACTION}{e}=""),"Not assessed",'
                  f'IF(OR({c.UNRATED}{e}>0,{c.OBJ_FRACTION}{e}=""),"Incomplete","Complete")))')
        disputed = [s.code for s in sheet.indicator_rows(code)
                    if s.code in inputs.team_fractions] or code in inputs.team_fractions
        if disputed:
            status += (f'&IF(SUMPRODUCT(({c.RATING}{first}:{c.RATING}{last}="")*'
                       f'({c.TEAM_FRACTION}{first}:{c.TEAM_FRACTION}{last}<>""))'
                       f'+AND({c.RATING}{obj}="",{c.TEAM_FRACTION}{obj}<>"")>0,'
                       f'" – needs consensus","")')
        ws[f"{c.STATUS}{e}"] = "=" + status
        span = f"{first}:{c.FRACTION}{last}"
        ws[f"{c.OBJ_FRACTION}{e}"] = (
            f'=IF({c.RATING}{obj}="",IF({c.TEAM_FRACTION}{obj}="","",{c.TEAM_FRACTION}{obj}),'
            f'IFERROR(INDEX({lists.objective_fractions},MATCH({c.RATING}{obj},'
            f'{lists.objective_labels},0)),""))')
        ws[f"{c.RATED}{e}"] = f"=COUNT({c.FRACTION}{span})"
        ws[f"{c.NOT_APPLICABLE}{e}"] = f'=COUNTIF({c.RATING}{first}:{c.RATING}{last},"N/A")'
        ws[f"{c.UNRATED}{e}"] = f"={len(rows)}-{c.RATED}{e}-{c.NOT_APPLICABLE}{e}"
        ws[f"{c.MEAN}{e}"] = (f'=IF({c.RATED}{e}+{c.UNRATED}{e}=0,"",SUM({c.FRACTION}{span})/'
                              f"({c.RATED}{e}+{c.UNRATED}{e}))")
        ws[f"{c.APPLICABLE}{e}"] = f'=IF({c.MEAN}{e}="",0,{c.POINTS}{e})'
        ws[f"{c.TARGET_IF}{e}"] = f'=IF(OR({c.MEAN}{e}="",{c.TARGET}{e}=""),"",{c.TARGET}{e})'
        for col, fmt in ((c.SCORE, SCORE_FORMAT), (c.POINTS, POINTS_FORMAT),
                         (c.PERCENT, PERCENT_FORMAT)):
            self._cell(ws, f"{col}{e}", font=st.bold_font, align=st.right, number_format=fmt)
        self._cell(ws, f"{c.LEVEL}{e}", font=st.bold_font, align=st.centre)
        self._cell(ws, f"{c.STATUS}{e}", font=st.muted_font, align=st.wrap)
        self._evidence_cells(ws, e, text)
        # The objective row.
        o = str(obj)
        self._text(ws, f"A{o}", OBJECTIVE_LABEL, font=st.muted_italic, align=st.top)
        self._text(ws, f"B{o}", element.objective, font=st.muted_italic)
        key = inputs.objectives.get(code)
        if key is not None:
            label = next((lv.label for lv in self.fw.objective_levels if lv.key == key), key)
            put_text(self._at(ws, f"C{o}"), label)
        self._input(ws, f"C{o}", st.top)
        objective.add(f"C{o}")
        if code in inputs.team_fractions:
            ws[f"{c.TEAM_FRACTION}{o}"] = inputs.team_fractions[code]
        ws[f"D{o}"] = (f'=IF(AND(C{o}="",{c.TEAM_FRACTION}{o}<>""),"Assessors differ",'
                       f'IF(C{o}="","Not judged",IFERROR(TEXT(INDEX({lists.objective_fractions},'
                       f'MATCH(C{o},{lists.objective_labels},0))*100,"0")&" %",'
                       f'"Not a choice")))')
        self._cell(ws, f"D{o}", font=st.muted_font, align=st.top)
        # The indicator rows.
        for spec in sheet.indicator_rows(code):
            self._indicator_row(ws, spec.row, spec.code, text, levels)

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
        ws[f"D{i}"] = (f'=IF(C{i}="",IF({c.TEAM_FRACTION}{i}="","","Assessors differ"),'
                       f'IF(C{i}="N/A","Not applicable",IFERROR(INDEX({lists.scale_labels},'
                       f'MATCH(C{i}*1,{lists.scale_values},0)),"Not a level")))')
        self._cell(ws, f"D{i}", font=st.muted_font, align=st.top)
        ws[f"{c.FRACTION}{i}"] = (
            f'=IF(C{i}="",IF({c.TEAM_FRACTION}{i}="","",{c.TEAM_FRACTION}{i}),IF(C{i}="N/A","",'
            f'IFERROR(INDEX({lists.scale_fractions},MATCH(C{i}*1,{lists.scale_values},0)),"")))')
        self._text(ws, f"K{i}", text.indicator_notes.get(code, ""))
        if inputs.texts_editable:
            self._input(ws, f"K{i}", st.wrap)

    def _dimension_total(self, ws: Worksheet, sheet: SheetLayout, elements: int) -> None:
        st, lists, c = self.st, self.lists, Col
        t, first, last = TOTAL_ROW, FIRST_ROW, sheet.last_row
        for col in HEADERS:
            self._cell(ws, f"{col}{t}", fill=st.total_fill, border=st.total_border)
        self._text(ws, f"A{t}", sheet.code, font=st.bold_font, align=st.top,
                   fill=st.total_fill)
        self._text(ws, f"B{t}", "Dimension total", font=st.bold_font, fill=st.total_fill)
        ws[f"{c.SCORE}{t}"] = f"=SUM({c.SCORE}{first}:{c.SCORE}{last})"
        ws[f"{c.POINTS}{t}"] = f"=SUM({c.POINTS}{first}:{c.POINTS}{last})"
        ws[f"{c.APPLICABLE}{t}"] = f"=SUM({c.APPLICABLE}{first}:{c.APPLICABLE}{last})"
        exact = f"100*{c.SCORE}{t}/{c.APPLICABLE}{t}"
        ws[f"{c.PERCENT}{t}"] = f'=IF({c.APPLICABLE}{t}=0,"",{_shown_percent(exact)})'
        ws[f"{c.LEVEL}{t}"] = (f'=IF({c.APPLICABLE}{t}=0,"",'
                               f"{_level_of(exact, lists, self.first_level)})")
        ws[f"{c.TARGET}{t}"] = (f'=IF(COUNT({c.TARGET_IF}{first}:{c.TARGET_IF}{last})=0,"",'
                                f"ROUND(AVERAGE({c.TARGET_IF}{first}:{c.TARGET_IF}{last}),0))")
        ws[f"{c.STATUS}{t}"] = (f'=COUNTIF({c.STATUS}{first}:{c.STATUS}{last},"Complete")'
                                f'&" of {elements} complete"')
        for col, fmt in ((c.SCORE, SCORE_FORMAT), (c.POINTS, POINTS_FORMAT),
                         (c.PERCENT, PERCENT_FORMAT)):
            self._cell(ws, f"{col}{t}", font=st.bold_font, align=st.right, number_format=fmt)
        self._cell(ws, f"{c.TARGET}{t}", font=st.bold_font, align=st.centre)
        self._cell(ws, f"{c.LEVEL}{t}", font=st.bold_font, align=st.centre)
        self._cell(ws, f"{c.STATUS}{t}", font=st.muted_font, align=st.top)

    def _enabler_sheet(self, sheet: SheetLayout) -> None:
        ws = self.wb.create_sheet(sheet.name)
        ws.sheet_properties.tabColor = self.st.accent.lstrip("#")
        self._sheet_frame(ws, "Framework enablers",
                          "Rated on the same scale; they have no points and are not part of "
                          "the total.", ENABLER_HEADERS, sheet.last_row)
        st, lists, c = self.st, self.lists, Col
        levels = DataValidation(type="list", formula1=lists.rating_choices, allow_blank=True,
                                showErrorMessage=True, errorTitle="Not a level",
                                error="Choose a level of the scale, or N/A.")
        ws.add_data_validation(levels)
        self._text(ws, f"B{TOTAL_ROW}", "Each enabler's percent is 100 × the mean of its "
                   "indicators' fractions.", font=st.muted_italic, align=st.top)
        for enabler in self.fw.enablers:
            rows = [s.row for s in sheet.indicator_rows(enabler.code)]
            e = str(sheet.head_row(enabler.code).row)
            text = self.inputs.texts.get(enabler.code, ElementText())
            for col in ENABLER_HEADERS:
                self._cell(ws, f"{col}{e}", fill=st.element_fill, border=st.rule_border)
            self._text(ws, f"A{e}", enabler.code, font=st.bold_font, align=st.top,
                       fill=st.element_fill)
            self._text(ws, f"B{e}", enabler.name, font=st.bold_font, fill=st.element_fill)
            first, last = rows[0], rows[-1]
            span = f"{first}:{c.FRACTION}{last}"
            ws[f"{c.RATED}{e}"] = f"=COUNT({c.FRACTION}{span})"
            ws[f"{c.NOT_APPLICABLE}{e}"] = f'=COUNTIF({c.RATING}{first}:{c.RATING}{last},"N/A")'
            ws[f"{c.UNRATED}{e}"] = f"={len(rows)}-{c.RATED}{e}-{c.NOT_APPLICABLE}{e}"
            ws[f"{c.MEAN}{e}"] = (f'=IF({c.RATED}{e}+{c.UNRATED}{e}=0,"",SUM({c.FRACTION}{span})'
                                  f"/({c.RATED}{e}+{c.UNRATED}{e}))")
            blank = f'OR({c.MEAN}{e}="",AND({c.RATED}{e}=0,{c.NOT_APPLICABLE}{e}=0))'
            ws[f"{c.PERCENT}{e}"] = f'=IF({blank},"",{_shown_percent(f"100*{c.MEAN}{e}")})'
            ws[f"{c.LEVEL}{e}"] = (f'=IF({blank},"",'
                                   f'{_level_of(f"100*{c.MEAN}{e}", lists, self.first_level)})')
            ws[f"{c.STATUS}{e}"] = (
                f'=IF({c.MEAN}{e}="","Not applicable",IF(AND({c.RATED}{e}=0,'
                f'{c.NOT_APPLICABLE}{e}=0),"Not assessed",IF({c.UNRATED}{e}>0,"Incomplete",'
                f'"Complete")))')
            self._cell(ws, f"{c.PERCENT}{e}", font=st.bold_font, align=st.right,
                       number_format=PERCENT_FORMAT)
            self._cell(ws, f"{c.LEVEL}{e}", font=st.bold_font, align=st.centre)
            self._cell(ws, f"{c.STATUS}{e}", font=st.muted_font, align=st.wrap)
            self._evidence_cells(ws, e, text)
            for spec in sheet.indicator_rows(enabler.code):
                self._indicator_row(ws, spec.row, spec.code, text, levels)
        last_row = sheet.last_row
        self._fit_rows(ws, FIRST_ROW, last_row, ENABLER_HEADERS)
        st.level_palette(ws, f"{c.LEVEL}{FIRST_ROW}:{c.LEVEL}{last_row}",
                         [b.level for b in self.fw.bands])
        st.level_palette(ws, f"{c.RATING}{FIRST_ROW}:{c.RATING}{last_row}",
                         [lv.value for lv in self.fw.scale], with_na=True)

    def _fit_rows(self, ws: Worksheet, first: int, last: int,
                  headers: dict[str, tuple[str, int]]) -> None:
        """Give rows with wrapped text the height it needs (spreadsheets do not on opening)."""
        wrapped = [(col, width) for col, (_, width) in headers.items()
                   if col in (Col.TEXT, Col.NOTES, Col.STRENGTHS, Col.OPPORTUNITIES)]
        for row in range(first, last + 1):
            lines = max(_lines(self._at(ws, f"{col}{row}").value, width) for col, width in wrapped)
            if lines > 1:
                ws.row_dimensions[row].height = min(409, lines * LINE_HEIGHT + 3)

    # --- plan, evidence ------------------------------------------------------------------

    def _table_sheet(self, name: str, title: str, note: str,
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
            lines = max(_lines(values[n], headers[n][1]) for n in wrap_cols)
            if lines > 1:
                ws.row_dimensions[r].height = lines * LINE_HEIGHT + 3
        if not rows:
            self._text(ws, "A5", empty, font=st.muted_italic, align=st.top)
        ws.freeze_panes = "A5"
        ws.sheet_view.showGridLines = False
        ws.print_title_rows = "4:4"
        self._print_setup(ws)
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.protection.autoFilter = False
        if rows:
            ws.auto_filter.ref = f"A4:{chr(ord('A') + len(headers) - 1)}{4 + len(rows)}"

    def _title_of(self, code: str) -> str:
        if code in self.fw.element_by_code:
            return self.fw.element_by_code[code].title
        if code in self.fw.enabler_by_code:
            return self.fw.enabler_by_code[code].name
        return ""

    def _plan_sheet(self) -> None:
        order = {c: n for n, c in enumerate([*self.fw.element_by_code, *self.fw.enabler_by_code])}
        actions = sorted(self.doc.actions, key=lambda a: (order.get(a.element, 10**6),
                                                          a.id or 0))
        labels = {"high": "High", "medium": "Medium", "low": "Low", "open": "Open",
                  "in_progress": "In progress", "done": "Done"}
        rows = [(a.element, self._title_of(a.element), a.action, a.owner,
                 labels.get(str(a.priority), str(a.priority)), a.due_date or "",
                 labels.get(str(a.status), str(a.status))) for a in actions]
        self._table_sheet(
            PLAN, "Improvement plan",
            "Actions agreed with the client. This sheet is for reading: edit actions in the "
            "workbench.",
            [("Element", 10), ("Element title", 40), ("Action", 60), ("Owner", 22),
             ("Priority", 10), ("Due", 12), ("Status", 12)], rows, {1, 2, 3},
            "No improvement actions recorded yet.")

    def _evidence_sheet(self) -> None:
        order = {c: n for n, c in enumerate([*self.fw.element_by_code, *self.fw.enabler_by_code])}
        items = sorted(self.doc.attachments, key=lambda a: (order.get(a.element, 10**6), a.id))
        rows = [(a.element, self._title_of(a.element), a.filename, a.caption,
                 _kind(a.media_type), round(a.size / 1024, 1), a.assessor or "")
                for a in items]
        self._table_sheet(
            EVIDENCE, "Evidence",
            "Photos and documents attached in the workbench; the files themselves stay in the "
            "engagement.",
            [("Element", 10), ("Element title", 40), ("File", 34), ("Caption", 44),
             ("Type", 12), ("Size (KB)", 11), ("Added by", 20)], rows, {1, 2, 3},
            "No photos or documents attached yet.")
        ws = self.wb[EVIDENCE]
        for r in range(5, 5 + len(rows)):
            self._at(ws, f"F{r}").number_format = "#,##0.0"

    # --- summary -------------------------------------------------------------------------

    def _summary(self, ws: Worksheet) -> None:
        st, fw, doc, lists = self.st, self.fw, self.doc, self.lists
        d = doc.details
        widths = {"A": 12, "B": 40, "C": 11, "D": 11, "E": 12, "F": 11, "G": 9, "H": 14,
                  "I": 9, "J": 9}
        for col, width in widths.items():
            ws.column_dimensions[col].width = width
        for col in widths:
            self._at(ws, f"{col}1").fill = st.banner_fill
            self._at(ws, f"{col}2").fill = st.banner_fill
        self._text(ws, "A1", d.title or "Maturity assessment", font=st.banner_font,
                   align=Alignment(vertical="center"))
        self._text(ws, "A2", " — ".join(x for x in (d.client, d.site) if x),
                   font=st.banner_sub_font, align=Alignment(vertical="top"))
        ws.row_dimensions[1].height = 32
        ws.row_dimensions[2].height = 22
        team = "; ".join(f"{a.name} ({a.role})" if a.role else a.name for a in doc.assessors)
        dates = " to ".join(x for x in (d.start_date, d.end_date) if x)
        status = {"draft": "Draft", "in_review": "In review",
                  "signed_off": "Signed off"}.get(str(doc.status), str(doc.status))
        basis = ("The team's result: the consensus value where the team recorded one, else the "
                 "level every assessor agrees on. Where assessors still differ the rating cell "
                 "is empty and the score uses the mean of their ratings, as the workbench does, "
                 "until a level is chosen. Importing this workbook records changed levels as "
                 "consensus values." if self.inputs.basis is Basis.TEAM else
                 f"{self.inputs.assessor}'s own ratings, notes, strengths and opportunities. "
                 f"Importing this workbook records them as {self.inputs.assessor}'s ratings.")
        details = [("Client", d.client), ("Site", d.site), ("Dates", dates),
                   ("Lead assessor", d.lead_assessor), ("Team", team),
                   ("Framework", f"{fw.name} ({fw.id} {fw.version})"),
                   ("Status", f"{status}, revision {doc.revision}"),
                   ("Exported", _when(self.r.exported_at)), ("Ratings", basis)]
        row = 4
        for label, value in details:
            self._text(ws, f"A{row}", label, font=st.muted_font, align=st.top)
            self._text(ws, f"B{row}", value, align=st.wrap)
            ws.merge_cells(f"B{row}:J{row}")
            row += 1
        merged_width = sum(widths[c] for c in "BCDEFGHIJ")
        for detail_row in range(4, row):
            lines = _lines(self._at(ws, f"B{detail_row}").value, merged_width)
            if lines > 1:
                ws.row_dimensions[detail_row].height = lines * LINE_HEIGHT + 3
        row += 1
        self._text(ws, f"A{row}", "Result", font=st.section_font, align=st.top)
        row += 1
        labels = ["Total score", "Out of", "Applicable max", "Normalized", "Level",
                  "Level name"]
        for n, label in enumerate(labels):
            self._cell(ws, f"{'CDEFGH'[n]}{row}", label, font=st.muted_font, align=st.centre)
        value_row = row + 1
        table_start = value_row + 3
        dim_rows = {sheet.code: table_start + 1 + n
                    for n, sheet in enumerate(self.layout.dimensions)}
        last_dim = table_start + len(self.layout.dimensions)
        total_ref = f"SUM(C{table_start + 1}:C{last_dim})"
        applicable_ref = f"SUM(E{table_start + 1}:E{last_dim})"
        v = str(value_row)
        self._text(ws, f"B{v}", "Live figures: they recalculate whenever a rating changes.",
                   font=st.muted_italic, align=Alignment(vertical="center", wrap_text=True))
        ws[f"C{v}"] = f"={total_ref}"
        ws[f"D{v}"] = fw.total_points
        ws[f"E{v}"] = f"={applicable_ref}"
        ws[f"F{v}"] = f"=IF(E{v}=0,0,D{v}*C{v}/E{v})"
        ws[f"G{v}"] = "=" + _level_of(f'IF(E{v}=0,"",100*F{v}/D{v})', lists, self.first_level)
        ws[f"H{v}"] = _level_name(f"G{v}", lists)
        for col, fmt in (("C", SCORE_FORMAT), ("D", POINTS_FORMAT), ("E", POINTS_FORMAT),
                         ("F", SCORE_FORMAT)):
            self._cell(ws, f"{col}{v}", font=st.big_font, number_format=fmt, align=st.middle)
        self._cell(ws, f"G{v}", font=st.big_font, align=st.middle)
        self._cell(ws, f"H{v}", font=st.bold_font, align=st.middle)
        ws.row_dimensions[value_row].height = 26
        st.level_palette(ws, f"G{v}", [b.level for b in fw.bands])
        # The dimension table.
        row = table_start - 1
        self._text(ws, f"A{row}", "Dimensions", font=st.section_font, align=st.top)
        headers = ["Code", "Dimension", "Score", "Max", "Applicable", "Percent", "Level",
                   "Level name", "Target", "Gap"]
        self._header_row(ws, table_start, headers)
        for sheet in self.layout.dimensions:
            dim = fw.dimension_by_code[sheet.code]
            r = str(dim_rows[sheet.code])
            ref = f"{_q(sheet.name)}!$"
            self._text(ws, f"A{r}", dim.code, align=st.top)
            self._text(ws, f"B{r}", dim.name, align=st.top)
            ws[f"C{r}"] = f"={ref}{Col.SCORE}${TOTAL_ROW}"
            ws[f"D{r}"] = f"={ref}{Col.POINTS}${TOTAL_ROW}"
            ws[f"E{r}"] = f"={ref}{Col.APPLICABLE}${TOTAL_ROW}"
            ws[f"F{r}"] = f"={ref}{Col.PERCENT}${TOTAL_ROW}"
            ws[f"G{r}"] = f"={ref}{Col.LEVEL}${TOTAL_ROW}"
            ws[f"H{r}"] = _level_name(f"G{r}", lists)
            ws[f"I{r}"] = f"={ref}{Col.TARGET}${TOTAL_ROW}"
            ws[f"J{r}"] = f'=IF(OR(I{r}="",G{r}=""),"",I{r}-G{r})'
            self._figures_style(ws, r, zebra=int(r) % 2 == 0)
        band_levels = [b.level for b in fw.bands]
        st.level_palette(ws, f"G{table_start + 1}:G{last_dim}", band_levels)
        # The category table.
        row = last_dim + 2
        self._text(ws, f"A{row}", "Categories", font=st.section_font, align=st.top)
        cat_header = row + 1
        self._header_row(ws, cat_header, ["Category", "Name", "Score", "Max", "Applicable",
                                          "Percent", "Level", "Level name"])
        row = cat_header + 1
        for category in fw.categories:
            codes = [d.code for d in fw.dimensions if d.category == category.id]
            r = str(row)
            refs = ",".join(f"C{dim_rows[c]}" for c in codes) or "0"
            self._text(ws, f"A{r}", category.id.title(), align=st.top)
            self._text(ws, f"B{r}", category.name, align=st.top)
            ws[f"C{r}"] = f"=SUM({refs})"
            ws[f"D{r}"] = "=SUM(" + (",".join(f"D{dim_rows[c]}" for c in codes) or "0") + ")"
            ws[f"E{r}"] = "=SUM(" + (",".join(f"E{dim_rows[c]}" for c in codes) or "0") + ")"
            ws[f"F{r}"] = f'=IF(E{r}=0,"",{_shown_percent(f"100*C{r}/E{r}")})'
            ws[f"G{r}"] = (f'=IF(E{r}=0,"",'
                           f'{_level_of(f"100*C{r}/E{r}", lists, self.first_level)})')
            ws[f"H{r}"] = _level_name(f"G{r}", lists)
            self._figures_style(ws, r, zebra=row % 2 == 0, last="H")
            row += 1
        r = str(row)
        self._text(ws, f"B{r}", "Total", font=st.bold_font, align=st.top)
        ws[f"C{r}"] = f"={total_ref}"
        ws[f"D{r}"] = fw.total_points
        ws[f"E{r}"] = f"={applicable_ref}"
        ws[f"F{r}"] = f'=IF(E{r}=0,"",{_shown_percent(f"100*C{r}/E{r}")})'
        ws[f"G{r}"] = (f'=IF(E{r}=0,"",'
                       f'{_level_of(f"100*C{r}/E{r}", lists, self.first_level)})')
        ws[f"H{r}"] = _level_name(f"G{r}", lists)
        self._figures_style(ws, r, zebra=False, last="H")
        for col in "ABCDEFGH":
            self._cell(ws, f"{col}{r}", fill=st.total_fill, border=st.total_border,
                       font=st.bold_font)
        st.level_palette(ws, f"G{cat_header + 1}:G{row}", band_levels)
        row += 2
        # The enablers' profile.
        enabler_start = row
        if self.layout.enablers is not None:
            self._text(ws, f"A{row}", "Enablers", font=st.section_font, align=st.top)
            row += 1
            self._header_row(ws, row, ["Code", "Enabler", "Percent", "Level", "Level name",
                                       "Status"])
            ws.merge_cells(f"F{row}:G{row}")
            for enabler in fw.enablers:
                row += 1
                r = str(row)
                e = self.layout.enablers.head_row(enabler.code).row
                ref = f"{_q(self.layout.enablers.name)}!$"
                self._text(ws, f"A{r}", enabler.code, align=st.top)
                self._text(ws, f"B{r}", enabler.name, align=st.wrap)
                if _lines(enabler.name, widths["B"]) > 1:
                    ws.row_dimensions[row].height = _lines(enabler.name, widths["B"]) * \
                        LINE_HEIGHT + 3
                ws[f"C{r}"] = f"={ref}{Col.PERCENT}${e}"
                ws[f"D{r}"] = f"={ref}{Col.LEVEL}${e}"
                ws[f"E{r}"] = _level_name(f"D{r}", lists)
                ws[f"F{r}"] = f"={ref}{Col.STATUS}${e}"
                ws.merge_cells(f"F{r}:G{r}")
                zebra = st.zebra_fill if row % 2 == 0 else None
                for col in "ABCDEFG":
                    self._cell(ws, f"{col}{r}", fill=zebra)
                self._cell(ws, f"C{r}", font=st.body_font, number_format=PERCENT_FORMAT,
                           align=st.right)
                self._cell(ws, f"D{r}", font=st.bold_font, align=st.centre)
                self._cell(ws, f"E{r}", font=st.body_font, align=st.top)
                self._cell(ws, f"F{r}", font=st.muted_font, align=st.top)
            st.level_palette(ws, f"D{enabler_start + 2}:D{row}", band_levels)
            row += 2
        self._charts(ws, table_start, last_dim, row)
        ws.sheet_view.showGridLines = False
        ws.freeze_panes = "A3"
        ws.print_area = f"A1:J{row + 36}"
        self._print_setup(ws)
        ws.page_setup.orientation = "portrait"
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False

    def _header_row(self, ws: Worksheet, row: int, labels: list[str]) -> None:
        for n, label in enumerate(labels):
            self._cell(ws, f"{chr(ord('A') + n)}{row}", label, font=self.st.header_font,
                       fill=self.st.header_fill, align=self.st.header_align)
        ws.row_dimensions[row].height = 20

    def _figures_style(self, ws: Worksheet, r: str, zebra: bool, last: str = "J") -> None:
        st = self.st
        cols = "ABCDEFGHIJ"[: "ABCDEFGHIJ".index(last) + 1]
        for col in cols:
            self._cell(ws, f"{col}{r}", fill=st.zebra_fill if zebra else None,
                       font=st.body_font, border=st.rule_border, align=st.top)
        for col, fmt in (("C", SCORE_FORMAT), ("D", POINTS_FORMAT), ("E", POINTS_FORMAT),
                         ("F", PERCENT_FORMAT)):
            self._cell(ws, f"{col}{r}", number_format=fmt, align=st.right)
        for col in "GIJ":
            if col in cols:
                self._cell(ws, f"{col}{r}", align=st.centre)
        self._cell(ws, f"G{r}", font=st.bold_font)

    def _charts(self, ws: Worksheet, header: int, last: int, anchor_row: int) -> None:
        primary, accent = self.st.primary.lstrip("#"), visual().target_line.lstrip("#")
        bars = BarChart()
        bars.type = "bar"
        bars.style = 10
        bars.title = "Score by dimension (%)"
        bars.y_axis.title = "Percent of applicable points"
        bars.y_axis.scaling.min = 0
        bars.y_axis.scaling.max = 100
        bars.y_axis.majorUnit = 20
        bars.x_axis.scaling.orientation = "maxMin"  # D1 at the top, as in the table
        data = Reference(ws, min_col=6, min_row=header, max_row=last)
        names = Reference(ws, min_col=2, min_row=header + 1, max_row=last)
        bars.add_data(data, titles_from_data=True)
        bars.set_categories(names)
        bars.legend = None
        series = bars.series[0]
        series.graphicalProperties.solidFill = primary
        series.graphicalProperties.line.solidFill = primary
        series.dLbls = DataLabelList()
        series.dLbls.showVal = True
        series.dLbls.numFmt = "0"
        series.dLbls.showCatName = False
        series.dLbls.showSerName = False
        series.dLbls.showLegendKey = False
        series.dLbls.position = "outEnd"
        bars.x_axis.delete = False
        bars.y_axis.delete = False
        bars.height, bars.width = 7.5, 16.5
        ws.add_chart(bars, f"A{anchor_row}")
        if len(self.fw.dimensions) < 3:
            return  # a radar needs three axes; the bars above already show each dimension
        radar = RadarChart()
        radar.type = "marker"
        radar.style = 26
        radar.title = "Maturity level: current and target"
        radar.add_data(Reference(ws, min_col=7, min_row=header, max_row=last),
                       titles_from_data=True)
        radar.add_data(Reference(ws, min_col=9, min_row=header, max_row=last),
                       titles_from_data=True)
        radar.set_categories(names)
        radar.y_axis.scaling.min = 0
        radar.y_axis.scaling.max = max(b.level for b in self.fw.bands)
        radar.y_axis.majorUnit = 1
        radar.y_axis.delete = False
        radar.x_axis.delete = False
        current, target = radar.series
        current.tx = SeriesLabel(v="Current level")
        target.tx = SeriesLabel(v="Target level")
        current.graphicalProperties.line.solidFill = primary
        current.graphicalProperties.line.width = 28000
        target.graphicalProperties.line.solidFill = accent
        target.graphicalProperties.line.dashStyle = "dash"
        target.graphicalProperties.line.width = 22000
        radar.height, radar.width = 9, 16.5
        ws.add_chart(radar, f"A{anchor_row + 16}")

    # --- metadata ------------------------------------------------------------------------

    def _metadata(self) -> None:
        ws = self.wb.create_sheet(META)
        ws.sheet_state = "hidden"
        d, doc = self.doc.details, self.doc
        rows: list[tuple[str, object]] = [
            (Meta.FORMAT, FORMAT), (Meta.FORMAT_VERSION, FORMAT_VERSION),
            (Meta.APP_VERSION, self.r.app_version), (Meta.ENGAGEMENT_ID, doc.id or ""),
            (Meta.FRAMEWORK_ID, self.fw.id), (Meta.FRAMEWORK_VERSION, self.fw.version),
            (Meta.BASIS, str(self.inputs.basis)), (Meta.ASSESSOR, self.inputs.assessor or ""),
            (Meta.EXPORTED_AT, self.r.exported_at), (Meta.CHECKSUM, self.layout.checksum),
            (Meta.CLIENT, d.client), (Meta.SITE, d.site), (Meta.TITLE, d.title),
            (Meta.LEAD, d.lead_assessor), (Meta.START, d.start_date or ""),
            (Meta.END, d.end_date or ""), (Meta.BRAND, d.brand)]
        ws["A1"], ws["B1"] = "key", "value"
        for n, (key, value) in enumerate(rows, start=2):
            ws[f"A{n}"] = key
            if isinstance(value, str):
                put_text(self._at(ws, f"B{n}"), value)
            else:
                ws[f"B{n}"] = value
        ws.column_dimensions["A"].width = 22
        ws.column_dimensions["B"].width = 70
        ws.protection.sheet = True


LINE_HEIGHT = 13.0  # points per line of 10-point text


def _lines(value: object, width: float) -> int:
    """About how many lines a wrapped text takes in a column `width` characters wide."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(1, int(width * 1.2))  # 10-point text in columns measured in 11-point digits
    return sum(max(1, -(-len(part) // per_line)) for part in value.split("\n"))


def _when(stamp: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return moment.astimezone(dt.UTC).strftime("%d %B %Y, %H:%M UTC")


def _kind(media_type: str) -> str:
    if media_type.startswith("image/"):
        return "Photo"
    return {"application/pdf": "PDF"}.get(media_type, media_type.split("/")[-1][:12].upper())


def write_workbook(request: WorkbookRequest, path: Path, progress: Progress = no_progress) -> Path:
    """Write the scoring workbook of `request` to `path` (atomically); return the path."""
    if not request.exported_at:
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        request = WorkbookRequest(request.document, request.framework, request.inputs,
                                  request.primary, request.accent, request.app_version, stamp)
    _Writer(request, progress).write(path)
    return path

