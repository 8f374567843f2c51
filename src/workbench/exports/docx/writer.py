"""Writing the report's document model (exports/report/document.py) as a Word file."""

from __future__ import annotations

import io
import re
from copy import deepcopy
from typing import Any, cast

from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Pt
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from workbench.core.progress import Progress, no_progress
from workbench.exports.brand import Brand
from workbench.exports.docx import setup
from workbench.exports.docx.flatten import word_blocks
from workbench.exports.report import document as m
from workbench.exports.report.writing import has_rtl

_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
MUTED = "6B7785"
KIND_SIZE = {"kpi_value": 16.0, "hash": 9.0}
SMALL = frozenset({"cell", "cell_num", "cell_center", "cell_bold", "cell_muted", "head",
                   "head_num", "head_center", "muted", "label", "kpi_label", "kpi_note",
                   "signer"})  # in the "Small Text" style
BOLD = frozenset({"head", "head_num", "head_center", "kpi_value", "cell_bold", "label",
                  "kpi_label"})
GREY = frozenset({"muted", "label", "cell_muted", "h1_sub", "kpi_label", "kpi_note"})


def _clean(text: str) -> str:
    """Text Word can hold: no control characters (the report's own text has none)."""
    return _XML_INVALID.sub("", text)


class _Writer:
    def __init__(self, doc: WordDocument, brand: Brand, house: bool) -> None:
        self.doc, self.brand, self.house = doc, brand, house
        section = doc.sections[-1]
        self.width = float((section.page_width or 0) - (section.left_margin or 0)
                           - (section.right_margin or 0)) / 12700  # EMU to points
        self.has_grid = setup.TABLE_STYLE in [s.name for s in doc.styles]
        self.grid_id: str | None = None  # the table style's id, looked up once
        self.style_props: dict[str, Any] = {}  # a style's paragraph properties, made once
        self.looks: dict[tuple[bool, bool, float | None, str | None, bool], Any] = {}
        self.sections: list[str] = []  # the section headings, for the contents

    # --- text ----------------------------------------------------------------------
    def _look(self, bold: bool, italic: bool, size: float | None, colour: str | None,
              mono: bool) -> Any:
        """The run properties of one look, made once by python-docx on a scratch run
        (setting them run by run is most of a Word export's time); None: the style's."""
        key = (bold, italic, size, colour, mono)
        if key not in self.looks:
            run = Paragraph(OxmlElement("w:p"), cast(Any, None)).add_run()
            if bold:  # only what differs from the style is set
                run.bold = True
            if italic:
                run.italic = True
            if size:
                run.font.size = Pt(size)
            if colour:
                run.font.color.rgb = setup.rgb(colour)
            if mono:
                run.font.name = "DejaVu Sans Mono"
            self.looks[key] = run._r.rPr
        return self.looks[key]

    def runs(self, paragraph: Paragraph, para: m.Para) -> None:
        size = KIND_SIZE.get(para.kind)
        grey = MUTED if para.kind in GREY else None
        for r in para.runs:
            if r.line_break:
                paragraph.add_run().add_break()
            if not r.text:
                continue
            text = _clean(r.text)
            if "\n" in text or "\t" in text:  # python-docx makes breaks and tabs of them
                element = paragraph.add_run(text)._r
            else:
                element = paragraph._p.add_r()
                element.add_t(text)
            look = self._look(r.bold or para.kind in BOLD, r.italic, size,
                              r.colour or grey, para.kind == "hash")
            if look is not None:
                element.insert(0, deepcopy(look))
        if has_rtl(para.text):
            _bidi(paragraph)

    def styled(self, paragraph: Paragraph, name: str) -> Paragraph:
        """The paragraph in the named style (Normal needs no mark): its properties made once
        per style by python-docx, then copied."""
        if name != "Normal":
            if name not in self.style_props:
                scratch = Paragraph(OxmlElement("w:p"), cast(Any, None))
                scratch._p.get_or_add_pPr().style = self.doc.styles[name].style_id
                self.style_props[name] = scratch._p.pPr
            if paragraph._p.pPr is None:
                paragraph._p.insert(0, deepcopy(self.style_props[name]))
            else:
                paragraph._p.pPr.style = self.style_props[name].style
        return paragraph

    def para(self, para: m.Para) -> Paragraph:
        style = {"bullet": "List Bullet", "caption": "Caption"}.get(
            para.kind, setup.SMALL_STYLE if para.kind in SMALL else "Normal")
        paragraph = self.styled(self.doc.add_paragraph(), style)
        if para.kind == "h1_sub":
            paragraph.paragraph_format.space_after = Pt(10)
            para = m.Para(tuple(m.Run(r.text, r.bold, True, r.colour, r.line_break)
                                for r in para.runs), para.kind)
        self.runs(paragraph, para)
        return paragraph

    # --- blocks --------------------------------------------------------------------
    def block(self, block: m.Block) -> None:
        if isinstance(block, m.Heading):
            # The contents page's own title stays out of the contents (Word's TOC Heading).
            style = setup.TOC_HEADING if block.key == "contents" else \
                setup.HEADINGS[block.level - 1]
            heading = self.styled(self.doc.add_paragraph(_clean(block.text)), style)
            if has_rtl(block.text):
                _bidi(heading)
        elif isinstance(block, m.Para):
            self.para(block)
        elif isinstance(block, m.Bullets):
            for item in block.items:
                self.para(m.Para(item.runs, "bullet"))
        elif isinstance(block, m.Table):
            self.table(block)
        elif isinstance(block, m.Figure):
            self.figure(block)
        elif isinstance(block, m.Note):
            self.note(block.title, block.text)
        elif isinstance(block, m.PageBreak):
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, m.Contents):
            self.contents(self.sections)

    def contents(self, sections: list[str]) -> None:
        paragraph = self.doc.add_paragraph()
        # Word fills in the pages when the field is updated (F9); until then it lists the
        # sections, so the page is never empty.
        setup.add_field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', "\n".join(sections))

    def figure(self, figure: m.Figure) -> None:
        width = min(figure.width, self.width)
        self.doc.add_picture(io.BytesIO(figure.image), width=Pt(width))
        if figure.caption:
            self.para(m.Para((m.Run(figure.caption),), "caption"))

    def note(self, title: str, text: str) -> None:
        table = self._add_table(1, 1, self.has_grid)
        cell = table.rows[0].cells[0]
        setup.shade(cell._tc.get_or_add_tcPr(), "F2F4F6")
        first = cell.paragraphs[0]
        self.runs(first, m.Para((m.Run(title, bold=True),), "body"))
        self.runs(cell.add_paragraph(), m.Para((m.Run(text),), "body"))
        self.doc.add_paragraph()

    def table(self, table: m.Table) -> None:
        columns = max([len(table.header)] + [len(r) for r in table.rows])
        if columns == 0:
            return
        rows = ([table.header] if table.header else []) + list(table.rows)
        word = self._add_table(1, columns, self.has_grid and bool(table.header))
        word.autofit = False
        widths = self._widths(table.widths, columns)
        for c, width in enumerate(widths):
            word.columns[c].width = width  # the grid LibreOffice lays out by
        # One row made by python-docx (cell widths, a paragraph in the small style), then
        # copied for the others: setting each cell's properties one by one is slow.
        first_row = word.rows[0]._tr
        for c, tc in enumerate(first_row.tc_lst):
            if widths:
                _Cell(tc, word).width = widths[c]
            self.styled(Paragraph(tc.p_lst[0], cast(Any, None)), setup.SMALL_STYLE)
        blank = deepcopy(first_row)
        for _ in rows[1:]:
            word._tbl.append(deepcopy(blank))
        for r, (row, word_row) in enumerate(zip(rows, word.rows, strict=True)):
            # The row's cells from its XML: python-docx's cell(r, c) walks the whole table.
            cells = [_Cell(tc, word) for tc in word_row._tr.tc_lst]
            for c in range(columns):
                cell = cells[c]
                value = row[c] if c < len(row) else m.Cell(())
                paras = [p for p in value.paras if p.text.strip()] or [m.Para(())]
                first = True
                for p in paras:
                    normal = p.kind in ("body", "kpi_value")
                    if first:
                        paragraph = cell.paragraphs[0]
                        if normal:
                            paragraph._p._remove_pPr()  # the style made for the row: Normal
                    else:
                        paragraph = self.styled(cell.add_paragraph(), "Normal" if normal
                                                else setup.SMALL_STYLE)
                    first = False
                    if r == 0 and table.header:  # white on the brand's colour
                        p = m.Para(tuple(m.Run(x.text, True, x.italic, "FFFFFF", x.line_break)
                                         for x in p.runs), "head")
                    self.runs(paragraph, p)
                fill = (self.brand.primary if r == 0 and table.header else value.fill)
                if fill and fill != "FFFFFF":
                    setup.shade(cell._tc.get_or_add_tcPr(), fill)
        if table.header:
            _repeat_header(word)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)

    def _add_table(self, rows: int, columns: int, grid: bool) -> WordTable:
        """Document.add_table, without looking up the page's width and the default table
        style again for every table (python-docx walks every style to find the default)."""
        table = self.doc._body.add_table(rows, columns, Emu(round(self.width * 12700)))
        if grid:
            if self.grid_id is None:
                self.grid_id = self.doc.styles[setup.TABLE_STYLE].style_id
            table._tbl.tblPr.style = self.grid_id
        return table

    def _widths(self, widths: tuple[float, ...], columns: int) -> list[Length]:
        """The columns' widths scaled to the page, or none when they are not all known."""
        given = [w for w in widths[:columns] if w > 0]
        if len(given) != columns:
            return []
        scale = min(1.0, self.width / sum(given))
        return [Pt(w * scale) for w in given]

    # --- cover ---------------------------------------------------------------------
    def cover(self, cover: m.Cover, notice: str) -> None:
        logo = _logo_png(self.brand)
        if logo is not None:
            self.doc.add_picture(io.BytesIO(logo), height=Pt(42))
        else:
            firm = self.doc.add_paragraph()
            run = firm.add_run(_clean(self.brand.firm_name))
            run.bold, run.font.size = True, Pt(14)
            run.font.color.rgb = setup.rgb(self.brand.primary)
        kicker = self.doc.add_paragraph()
        kicker.paragraph_format.space_before = Pt(60)
        run = kicker.add_run(_clean(cover.kicker.upper()))
        run.font.size, run.font.color.rgb = Pt(10), setup.rgb(self.brand.accent)
        title = self.doc.add_paragraph(_clean(cover.client), style=self.doc.styles["Title"])
        if not self.house:
            for r in title.runs:
                r.font.color.rgb = setup.rgb(self.brand.primary)
        self.doc.add_paragraph(_clean(cover.title), style=self.doc.styles["Subtitle"])
        if cover.subtitle:
            self.para(m.Para((m.Run(cover.subtitle),), "muted"))
        self.table(m.Table((), tuple(
            tuple(m.Cell((m.Para((m.Run(f.label.upper()),), "label"),
                          m.Para((m.Run(f.value),), "body"))) for f in cover.facts[i:i + 2])
            for i in range(0, len(cover.facts), 2)), (self.width / 2, self.width / 2)))
        if cover.text:
            self.para(m.Para((m.Run(cover.text),), "muted"))
        self.note("An editable copy", notice)
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _bidi(paragraph: Paragraph) -> None:
    """A right-to-left paragraph (Hebrew, Arabic): Word lays it out from the right."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(OxmlElement("w:bidi"))


def _repeat_header(table: WordTable) -> None:
    """The first row repeats at the top of every page the table runs onto."""
    trpr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)
    for row in table.rows:  # and a row never splits across pages, as in the PDF
        cant = OxmlElement("w:cantSplit")
        cant.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(cant)


def _logo_png(brand: Brand) -> bytes | None:
    """The firm's logo as PNG or JPEG bytes (an SVG logo drawn to PNG)."""
    if brand.logo is None:
        return None
    data = brand.logo.read_bytes()
    if brand.logo.suffix.lower() != ".svg":
        return data
    from reportlab.graphics import renderPM

    from workbench.exports.svg_logo import svg_drawing

    drawing = svg_drawing(data)
    png: bytes = renderPM.drawToString(drawing, fmt="PNG", dpi=200)
    return png


def write_docx(document: m.Document, brand: Brand, progress: Progress = no_progress) -> bytes:
    """The report as a .docx file's bytes: the house template's styles when the brand names
    one, else the brand's fonts and colours; Word styles throughout, page numbers."""
    doc, house = setup.open_base(brand)
    setup.prepare_styles(doc, brand, house)
    setup.page_setup(doc, brand, house, document.cover is not None)
    if house and any(p.text.strip() for p in doc.paragraphs):
        doc.add_section(WD_SECTION.NEW_PAGE)  # the template's first pages, then the report
    writer = _Writer(doc, brand, house)
    writer.sections = [_clean(h.text) for h in document.headings() if h.level == 1
                       and h.key != "contents"]
    if document.cover is not None:
        writer.cover(document.cover, document.copy_notice)
    blocks = word_blocks(document)
    total = max(1, len(blocks))
    for i, block in enumerate(blocks):
        writer.block(block)
        if i % 50 == 0:
            progress(0.7 + 0.25 * i / total, "Writing the Word document")
    setup.page_furniture(doc, brand, house, f"{document.client} · {document.title}",
                         document.footer)
    doc.core_properties.title = _clean(f"{document.client}: {document.title}")[:255]
    doc.core_properties.author = _clean(document.firm)[:255]
    doc.core_properties.comments = _clean(document.copy_notice)[:255]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
