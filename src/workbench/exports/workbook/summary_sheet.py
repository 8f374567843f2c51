"""The summary sheet: the engagement, the live result, dimension, category and enabler tables."""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from workbench.core import labels
from workbench.core.display import stamp_text
from workbench.exports.workbook import formulas
from workbench.exports.workbook.formulas import (
    level_name,
    level_of,
    quote_sheet,
    shown_percent,
    sum_of,
)
from workbench.exports.workbook.layout import SUMMARY, TOTAL_ROW, Basis, Col
from workbench.exports.workbook.sheet_writer import LINE_HEIGHT, Book, SheetWriter, lines
from workbench.exports.workbook.styles import PERCENT_FORMAT, POINTS_FORMAT, SCORE_FORMAT
from workbench.exports.workbook.summary_charts import add_charts

WIDTHS = {"A": 12, "B": 40, "C": 11, "D": 11, "E": 12, "F": 11, "G": 9, "H": 14, "I": 9, "J": 9}
FIGURES = (("C", SCORE_FORMAT), ("D", POINTS_FORMAT), ("E", POINTS_FORMAT))


class SummarySheet(SheetWriter):
    """Writes the first sheet; its figures are formulas of the dimension sheets' totals."""

    def __init__(self, book: Book) -> None:
        super().__init__(book)
        ws = self.wb.active
        assert ws is not None
        ws.title = SUMMARY
        self.ws: Worksheet = ws
        self.table_start = 0  # the header row of the dimension table
        self.dim_rows: dict[str, int] = {}

    @property
    def last_dim(self) -> int:
        return self.table_start + len(self.layout.dimensions)

    @property
    def total_refs(self) -> tuple[str, str]:
        """The total score and the applicable points, as sums of the dimension table."""
        first, last = self.table_start + 1, self.last_dim
        return f"SUM(C{first}:C{last})", f"SUM(E{first}:E{last})"

    def write(self) -> None:
        ws = self.ws
        for col, width in WIDTHS.items():
            ws.column_dimensions[col].width = width
        self._banner()
        row = self._details(4)
        self._result(row + 1)
        self._dimension_table()
        row = self._category_table(self.last_dim + 2)
        row = self._enabler_table(row + 2)
        add_charts(ws, self.fw, self.st.primary, self.table_start, self.last_dim, row)
        ws.sheet_view.showGridLines = False
        ws.freeze_panes = "A3"
        ws.print_area = f"A1:J{row + 36}"
        self._print_setup(ws)
        ws.page_setup.orientation = "portrait"
        self._protect(ws)

    def _banner(self) -> None:
        ws, st, d = self.ws, self.st, self.doc.details
        for col in WIDTHS:
            self._at(ws, f"{col}1").fill = st.banner_fill
            self._at(ws, f"{col}2").fill = st.banner_fill
        self._text(ws, "A1", d.title or "Maturity assessment", font=st.banner_font,
                   align=Alignment(vertical="center"))
        self._text(ws, "A2", " — ".join(x for x in (d.client, d.site) if x),
                   font=st.banner_sub_font, align=Alignment(vertical="top"))
        ws.row_dimensions[1].height = 32
        ws.row_dimensions[2].height = 22

    def _basis_text(self) -> str:
        if self.inputs.basis is Basis.TEAM:
            return ("The team's result: the consensus value where the team recorded one, else "
                    "the level every assessor agrees on. Where assessors still differ the rating "
                    "cell is empty and the score uses the mean of their ratings, as the workbench "
                    "does, until a level is chosen. Importing this workbook records changed "
                    "levels as consensus values.")
        return (f"{self.inputs.assessor}'s own ratings, notes, strengths and opportunities. "
                f"Importing this workbook records them as {self.inputs.assessor}'s ratings.")

    def _details(self, row: int) -> int:
        """The engagement's details from `row` on; returns the row after them."""
        ws, st, doc, fw = self.ws, self.st, self.doc, self.fw
        d = doc.details
        team = "; ".join(f"{a.name} ({a.role})" if a.role else a.name for a in doc.assessors)
        status = labels.label(labels.ENGAGEMENT_STATUS, doc.status)
        details = [("Client", d.client), ("Site", d.site),
                   ("Dates", " to ".join(x for x in (d.start_date, d.end_date) if x)),
                   ("Lead assessor", d.lead_assessor), ("Team", team),
                   ("Framework", f"{fw.name} ({fw.id} {fw.version})"),
                   ("Status", f"{status}, revision {doc.revision}"),
                   ("Exported", stamp_text(self.r.exported_at)), ("Ratings", self._basis_text())]
        merged_width = sum(WIDTHS[c] for c in "BCDEFGHIJ")
        for label, value in details:
            self._text(ws, f"A{row}", label, font=st.muted_font, align=st.top)
            self._text(ws, f"B{row}", value, align=st.wrap)
            ws.merge_cells(f"B{row}:J{row}")
            needed = lines(self._at(ws, f"B{row}").value, merged_width)
            if needed > 1:
                ws.row_dimensions[row].height = needed * LINE_HEIGHT + 3
            row += 1
        return row

    def _result(self, row: int) -> None:
        """The live total, out of, applicable, normalized score and level."""
        ws, st, fw, lists = self.ws, self.st, self.fw, self.lists
        self._text(ws, f"A{row}", "Result", font=st.section_font, align=st.top)
        row += 1
        for n, label in enumerate(["Total score", "Out of", "Applicable max", "Normalized",
                                   "Level", "Level name"]):
            self._cell(ws, f"{'CDEFGH'[n]}{row}", label, font=st.muted_font, align=st.centre)
        value_row = row + 1
        self.table_start = value_row + 3
        self.dim_rows = {sheet.code: self.table_start + 1 + n
                         for n, sheet in enumerate(self.layout.dimensions)}
        total_ref, applicable_ref = self.total_refs
        v = str(value_row)
        self._text(ws, f"B{v}", "Live figures: they recalculate whenever a rating changes.",
                   font=st.muted_italic, align=Alignment(vertical="center", wrap_text=True))
        ws[f"C{v}"] = f"={total_ref}"
        ws[f"D{v}"] = fw.total_points
        ws[f"E{v}"] = f"={applicable_ref}"
        ws[f"F{v}"] = f"=IF(E{v}=0,0,D{v}*C{v}/E{v})"
        ws[f"G{v}"] = "=" + level_of(f'IF(E{v}=0,"",100*F{v}/D{v})', lists, self.first_level)
        ws[f"H{v}"] = level_name(f"G{v}", lists)
        for col, fmt in (*FIGURES, ("F", SCORE_FORMAT)):
            self._cell(ws, f"{col}{v}", font=st.big_font, number_format=fmt, align=st.middle)
        self._cell(ws, f"G{v}", font=st.big_font, align=st.middle)
        self._cell(ws, f"H{v}", font=st.bold_font, align=st.middle)
        ws.row_dimensions[value_row].height = 26
        st.level_palette(ws, f"G{v}", [b.level for b in fw.bands])

    def _dimension_table(self) -> None:
        ws, st, lists = self.ws, self.st, self.lists
        self._text(ws, f"A{self.table_start - 1}", "Dimensions", font=st.section_font,
                   align=st.top)
        self._header_row(ws, self.table_start, ["Code", "Dimension", "Score", "Max",
                                                "Applicable", "Percent", "Level", "Level name",
                                                "Target", "Gap"])
        for sheet in self.layout.dimensions:
            dim = self.fw.dimension_by_code[sheet.code]
            r = str(self.dim_rows[sheet.code])
            ref = f"{quote_sheet(sheet.name)}!$"
            self._text(ws, f"A{r}", dim.code, align=st.top)
            self._text(ws, f"B{r}", dim.name, align=st.top)
            for col, total in (("C", Col.SCORE), ("D", Col.POINTS), ("E", Col.APPLICABLE),
                               ("F", Col.PERCENT), ("G", Col.LEVEL)):
                ws[f"{col}{r}"] = f"={ref}{total}${TOTAL_ROW}"
            ws[f"H{r}"] = level_name(f"G{r}", lists)
            ws[f"I{r}"] = f"={ref}{Col.TARGET}${TOTAL_ROW}"
            ws[f"J{r}"] = f'=IF(OR(I{r}="",G{r}=""),"",I{r}-G{r})'
            self._figures_style(r, zebra=int(r) % 2 == 0)
        st.level_palette(ws, f"G{self.table_start + 1}:G{self.last_dim}",
                         [b.level for b in self.fw.bands])

    def _category_table(self, row: int) -> int:
        """The categories and the total from `row` on; returns the total's row."""
        ws, st, fw = self.ws, self.st, self.fw
        self._text(ws, f"A{row}", "Categories", font=st.section_font, align=st.top)
        cat_header = row + 1
        self._header_row(ws, cat_header, ["Category", "Name", "Score", "Max", "Applicable",
                                          "Percent", "Level", "Level name"])
        row = cat_header + 1
        for category in fw.categories:
            rows = [self.dim_rows[d.code] for d in fw.dimensions if d.category == category.id]
            r = str(row)
            self._text(ws, f"A{r}", category.id.title(), align=st.top)
            self._text(ws, f"B{r}", category.name, align=st.top)
            for col in "CDE":
                ws[f"{col}{r}"] = sum_of(col, rows)
            self._percent_and_level(r)
            self._figures_style(r, zebra=row % 2 == 0, last="H")
            row += 1
        r = str(row)
        total_ref, applicable_ref = self.total_refs
        self._text(ws, f"B{r}", "Total", font=st.bold_font, align=st.top)
        ws[f"C{r}"] = f"={total_ref}"
        ws[f"D{r}"] = fw.total_points
        ws[f"E{r}"] = f"={applicable_ref}"
        self._percent_and_level(r)
        self._figures_style(r, zebra=False, last="H")
        for col in "ABCDEFGH":
            self._cell(ws, f"{col}{r}", fill=st.total_fill, border=st.total_border,
                       font=st.bold_font)
        st.level_palette(ws, f"G{cat_header + 1}:G{row}", [b.level for b in fw.bands])
        return row

    def _percent_and_level(self, r: str) -> None:
        exact = f"100*C{r}/E{r}"
        self.ws[f"F{r}"] = f'=IF(E{r}=0,"",{shown_percent(exact)})'
        self.ws[f"G{r}"] = f'=IF(E{r}=0,"",{level_of(exact, self.lists, self.first_level)})'
        self.ws[f"H{r}"] = level_name(f"G{r}", self.lists)

    def _enabler_table(self, row: int) -> int:
        """The enablers' profile from `row` on, if the framework has enablers; the next row."""
        sheet = self.layout.enablers
        if sheet is None:
            return row
        ws, st = self.ws, self.st
        enabler_start = row
        self._text(ws, f"A{row}", "Enablers", font=st.section_font, align=st.top)
        row += 1
        self._header_row(ws, row, ["Code", "Enabler", "Percent", "Level", "Level name",
                                   "Status"])
        ws.merge_cells(f"F{row}:G{row}")
        ref = f"{quote_sheet(sheet.name)}!$"
        for enabler in self.fw.enablers:
            row += 1
            r = str(row)
            e = sheet.head_row(enabler.code).row
            self._text(ws, f"A{r}", enabler.code, align=st.top)
            self._text(ws, f"B{r}", enabler.name, align=st.wrap)
            if lines(enabler.name, WIDTHS["B"]) > 1:
                ws.row_dimensions[row].height = lines(enabler.name, WIDTHS["B"]) * \
                    LINE_HEIGHT + 3
            ws[f"C{r}"] = f"={ref}{Col.PERCENT}${e}"
            ws[f"D{r}"] = f"={ref}{Col.LEVEL}${e}"
            ws[f"E{r}"] = formulas.level_name(f"D{r}", self.lists)
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
        st.level_palette(ws, f"D{enabler_start + 2}:D{row}", [b.level for b in self.fw.bands])
        return row + 2

    def _figures_style(self, r: str, zebra: bool, last: str = "J") -> None:
        st, ws = self.st, self.ws
        cols = "ABCDEFGHIJ"[: "ABCDEFGHIJ".index(last) + 1]
        for col in cols:
            self._cell(ws, f"{col}{r}", fill=st.zebra_fill if zebra else None,
                       font=st.body_font, border=st.rule_border, align=st.top)
        for col, fmt in (*FIGURES, ("F", PERCENT_FORMAT)):
            self._cell(ws, f"{col}{r}", number_format=fmt, align=st.right)
        for col in "GIJ":
            if col in cols:
                self._cell(ws, f"{col}{r}", align=st.centre)
        self._cell(ws, f"G{r}", font=st.bold_font)
