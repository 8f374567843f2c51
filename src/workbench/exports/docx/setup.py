"""The Word document a report is written into: the house template or python-docx's own,
with the styles the report uses, the brand's fonts and colours, and the page furniture."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document as open_document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from workbench.core.files import read_regular_file
from workbench.exports.brand import Brand
from workbench.exports.word_template import (
    DOCUMENT,
    MAX_TEMPLATE_BYTES,
    TEMPLATE,
    TemplateError,
    main_content_type,
    retyped,
)

HEADINGS = ("Heading 1", "Heading 2", "Heading 3", "Heading 4")
TABLE_STYLE = "Table Grid"
SMALL_STYLE = "Small Text"
TOC_HEADING = "TOC Heading"  # table cells, notes and labels: one style to restyle them all
PAPER = {"A4": (Mm(210), Mm(297)), "Letter": (Mm(215.9), Mm(279.4))}


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def open_base(brand: Brand) -> tuple[WordDocument, bool]:
    """The document to write into and whether it is the firm's house template."""
    if brand.word_template is None:
        return open_document(), False
    path = Path(brand.word_template)
    data = read_regular_file(path, limit=MAX_TEMPLATE_BYTES, what="Word template")
    kind = main_content_type(data, path.name)  # checked again: the file may have changed
    if kind == TEMPLATE:
        data = retyped(data, TEMPLATE, DOCUMENT)  # python-docx opens documents alone
    try:
        return open_document(io.BytesIO(data)), True
    except Exception as exc:  # python-docx's errors on a damaged package are of many kinds
        raise TemplateError(f"{path.name}: the house template could not be opened "
                            f"({type(exc).__name__})") from None


def _ensure_paragraph_style(doc: WordDocument, name: str, outline: int | None = None
                            ) -> ParagraphStyle:
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        if outline is not None:  # so the navigation pane and a TOC find it
            ppr = style.element.get_or_add_pPr()
            level = OxmlElement("w:outlineLvl")
            level.set(qn("w:val"), str(outline))
            ppr.append(level)
            style.font.bold = True
            style.font.size = Pt(16 - 2 * outline)
    assert isinstance(style, ParagraphStyle)
    return style


def prepare_styles(doc: WordDocument, brand: Brand, house: bool) -> None:
    """The styles the report uses exist; without a house template they take the brand's
    font and colours (a house template's own look is left as the firm made it)."""
    normal = _ensure_paragraph_style(doc, "Normal")
    headings = [_ensure_paragraph_style(doc, name, i) for i, name in enumerate(HEADINGS)]
    caption = _ensure_paragraph_style(doc, "Caption")
    _ensure_paragraph_style(doc, "List Bullet")
    _ensure_paragraph_style(doc, "Title")
    _ensure_paragraph_style(doc, "Subtitle")
    toc = _ensure_paragraph_style(doc, TOC_HEADING)
    small = _ensure_paragraph_style(doc, SMALL_STYLE)
    small.font.size = Pt(8.5)
    small.paragraph_format.space_after = Pt(1)
    small.paragraph_format.space_before = Pt(0)
    if TABLE_STYLE not in [s.name for s in doc.styles]:
        table = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
        table.base_style = None
    if house:
        return
    _narrow_cell_margins(doc.styles[TABLE_STYLE].element)
    normal.font.name = brand.fonts.family
    normal.font.size = Pt(10)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:  # the same family for every script (Arabic, Hebrew too)
        for attr in ("w:cs", "w:eastAsia"):
            fonts.set(qn(attr), brand.fonts.family)
    for i, style in enumerate(headings):
        style.font.name = brand.fonts.family
        style.font.color.rgb = rgb(brand.primary)
        style.font.size = Pt((17, 13, 11, 10)[i])
    caption.font.color.rgb = rgb(brand.accent)
    toc.font.name = brand.fonts.family
    toc.font.color.rgb = rgb(brand.primary)
    toc.font.size = Pt(17)
    caption.font.name = brand.fonts.family


def page_setup(doc: WordDocument, brand: Brand, house: bool, with_cover: bool) -> None:
    section = doc.sections[-1]
    if not house:
        section.page_width, section.page_height = PAPER.get(brand.paper_size, PAPER["A4"])
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    if with_cover and not house:
        section.different_first_page_header_footer = True  # a clean cover


def add_field(paragraph: Paragraph, instruction: str, shown: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC …) that Word and LibreOffice compute."""
    def char(kind: str) -> None:
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    char("separate")
    paragraph.add_run(shown)
    char("end")


def page_furniture(doc: WordDocument, brand: Brand, house: bool, header: str,
                   footer: str) -> None:
    """The running header and a footer with the page number; a house template's own
    header and footer stay, and get the page number only when their footer is empty."""
    section = doc.sections[-1]
    foot = section.footer
    if house and any(p.text.strip() for p in foot.paragraphs):
        return
    if not house:
        head = section.header.paragraphs[0]
        head.text = header
        head.style = doc.styles["Header"] if "Header" in [s.name for s in doc.styles] \
            else head.style
        for run in head.runs:
            run.font.size = Pt(8)
            run.font.color.rgb = rgb("#6B7785")
    line = foot.paragraphs[0]
    line.text = ""
    run = line.add_run(f"{footer}    " if footer else "")
    run.font.size = Pt(8)
    line.add_run("Page ").font.size = Pt(8)
    add_field(line, "PAGE", "1")
    line.add_run(" of ").font.size = Pt(8)
    add_field(line, "NUMPAGES", "1")


def shade(element_pr: object, fill: str) -> None:
    """A background fill on a cell's or paragraph's properties (w:tcPr or w:pPr)."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill.lstrip("#").upper())
    element_pr.append(shd)  # type: ignore[attr-defined]


CELL_MARGIN_TWIPS = 60  # 3 pt each side, as the PDF's cells: "Code" fits a narrow column


def _narrow_cell_margins(style: Any) -> None:
    """The table style's left and right cell margins (Word's default is 5.4 pt each side,
    which wraps a narrow column's header, "Cod/e", where the PDF fits it)."""
    tbl_pr = style.find(qn("w:tblPr"))
    if tbl_pr is None:  # a style added here: nothing after its table properties yet
        tbl_pr = OxmlElement("w:tblPr")
        style.append(tbl_pr)
    margins = tbl_pr.find(qn("w:tblCellMar"))
    if margins is None:
        margins = OxmlElement("w:tblCellMar")
        tbl_pr.append(margins)
    for side in ("left", "right"):
        edge = margins.find(qn(f"w:{side}"))
        if edge is None:
            edge = OxmlElement(f"w:{side}")
            margins.append(edge)
        edge.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        edge.set(qn("w:type"), "dxa")
