"""Every paragraph style, colour, font and page template of the report, in one place.

Sections and flowables ask `ReportStyles` for what they need; nothing else in the
report package names a font, a size or a colour.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, PageTemplate

from workbench.core.visual import Swatch, visual
from workbench.exports.brand import Brand
from workbench.exports.report.outlines import draw_word_outline
from workbench.exports.report.writing import visual_line

INK = "#1F2A30"
TABLE_STYLE_BASE = "TableBase"


def _hex(value: str) -> colors.Color:
    return colors.HexColor(value)


@dataclass(frozen=True)
class FontNames:
    regular: str
    bold: str
    italic: str


def register_fonts(brand: Brand) -> FontNames:
    """Register the brand's TrueType family (embedded as subsets) and its <b>/<i> mapping."""
    base = "WB-" + brand.fonts.family.replace(" ", "")
    names = FontNames(base, base + "-Bold", base + "-Italic")
    for name, path in ((names.regular, brand.fonts.regular), (names.bold, brand.fonts.bold),
                       (names.italic, brand.fonts.italic)):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(base, normal=names.regular, bold=names.bold,
                                  italic=names.italic, boldItalic=names.bold)
    return names


@dataclass(frozen=True)
class Geometry:
    """Page size and margins (points)."""

    width: float
    height: float
    left: float = 22 * mm
    right: float = 22 * mm
    top: float = 26 * mm
    bottom: float = 24 * mm

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.height - self.top - self.bottom


@dataclass
class ReportStyles:
    """Fonts, colours and paragraph styles derived from one brand profile."""

    brand: Brand
    fonts: FontNames
    geometry: Geometry
    primary: colors.Color
    accent: colors.Color
    ink: colors.Color
    muted: colors.Color
    rule: colors.Color
    zebra: colors.Color
    target: colors.Color
    paragraph: dict[str, ParagraphStyle] = field(default_factory=dict)

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.paragraph[name]

    def level_fill(self, level: int | None) -> colors.Color:
        return _hex(visual().level(level).fill)

    def level_text(self, level: int | None) -> colors.Color:
        return _hex(visual().level(level).text)

    def neutral(self, key: str) -> Swatch:
        return visual().neutral[key]

    def hex(self, value: str) -> colors.Color:
        return _hex(value)


@lru_cache(maxsize=8)
def styles_for(brand: Brand) -> ReportStyles:
    """The brand's styles, made once per brand in a process: the paragraphs parsed in them
    are remembered with them (writing.Paragraph), so a second report reuses that work."""
    return make_styles(brand)


def make_styles(brand: Brand) -> ReportStyles:
    """All the report's styles for `brand`."""
    fonts = register_fonts(brand)
    width, height = A4 if brand.paper_size == "A4" else LETTER
    look = visual().brand
    s = ReportStyles(
        brand=brand, fonts=fonts, geometry=Geometry(width, height),
        primary=_hex(brand.primary), accent=_hex(brand.accent), ink=_hex(INK),
        muted=_hex(look["muted_text"]), rule=_hex(look["rule"]), zebra=_hex(look["zebra"]),
        target=_hex(visual().target_line))

    def add(name: str, parent: str | None = None, **kw: Any) -> None:
        base = s.paragraph[parent] if parent else None
        s.paragraph[name] = ParagraphStyle(name, parent=base, **kw)

    add("body", fontName=fonts.regular, fontSize=9.5, leading=14, textColor=s.ink,
        spaceAfter=6, alignment=TA_LEFT, splitLongWords=True)
    add("lead", "body", fontSize=11, leading=16, spaceAfter=10)
    add("small", "body", fontSize=8, leading=11, spaceAfter=3)
    add("muted", "small", textColor=s.muted)
    add("caption", "small", fontName=fonts.italic, textColor=s.muted, spaceBefore=2,
        spaceAfter=8)
    add("question", "body", fontName=fonts.italic, fontSize=10.5, leading=15,
        textColor=s.primary, spaceAfter=8)
    add("h1", "body", fontName=fonts.bold, fontSize=21, leading=26, textColor=s.primary,
        spaceBefore=18, spaceAfter=4, keepWithNext=True)  # dropped at the top of a page
    add("h1_sub", "body", fontSize=10, leading=14, textColor=s.muted, spaceAfter=14)
    add("h2", "body", fontName=fonts.bold, fontSize=14.5, leading=19, textColor=s.ink,
        spaceBefore=14, spaceAfter=6, keepWithNext=True)
    add("h3", "body", fontName=fonts.bold, fontSize=11.5, leading=15, textColor=s.ink,
        spaceBefore=12, spaceAfter=4, keepWithNext=True)
    add("h4", "body", fontName=fonts.bold, fontSize=9.5, leading=13, textColor=s.primary,
        spaceBefore=8, spaceAfter=3, keepWithNext=True)
    # Over a long table, which may start on this page and go on to the next (the space for
    # the title and a few rows is asked for before it).
    add("h4_open", "h4", keepWithNext=False)
    add("label", "body", fontName=fonts.bold, fontSize=7, leading=9, textColor=s.muted,
        spaceAfter=1)
    add("bullet", "body", leftIndent=12, bulletIndent=2, spaceAfter=3,
        bulletFontName=fonts.regular, bulletColor=s.accent)
    add("cell", "body", fontSize=8.5, leading=11, spaceAfter=0)
    add("cell_bold", "cell", fontName=fonts.bold)
    add("cell_num", "cell", alignment=TA_RIGHT)
    add("cell_center", "cell", alignment=TA_CENTER)
    add("cell_muted", "cell", textColor=s.muted)
    add("head", "cell", fontName=fonts.bold, fontSize=7.5, leading=10,
        textColor=colors.white)
    add("head_num", "head", alignment=TA_RIGHT)
    add("head_center", "head", alignment=TA_CENTER)
    add("kpi_value", "body", fontName=fonts.bold, fontSize=20, leading=24, spaceAfter=0)
    add("kpi_label", "label", fontSize=7, leading=9)
    add("kpi_note", "small", textColor=s.muted, spaceAfter=0)
    add("toc0", "body", fontName=fonts.bold, fontSize=10.5, leading=15, spaceBefore=6)
    add("toc1", "body", fontSize=9, leading=12, leftIndent=14, textColor=s.ink)
    add("cover_kicker", "body", fontName=fonts.bold, fontSize=9, leading=12,
        textColor=colors.white)
    add("cover_client", "body", fontName=fonts.bold, fontSize=30, leading=35,
        textColor=colors.white, spaceAfter=0)
    add("cover_title", "body", fontSize=15, leading=20, textColor=colors.white)
    add("cover_text", "body", fontSize=9.5, leading=14, textColor=s.ink)
    add("cover_label", "label")
    add("cover_value", "body", fontSize=10, leading=13.5, spaceAfter=0)
    add("hash", "small", fontName=fonts.regular, fontSize=7.5, leading=10, textColor=s.ink)
    add("notice", "body", fontSize=9, leading=13, textColor=s.ink, backColor=s.zebra,
        borderPadding=(6, 8, 6, 8), spaceBefore=4, spaceAfter=10)
    return s


@dataclass(frozen=True)
class PageChrome:
    """What every page prints around the content: header, footer, watermark."""

    title: str
    client: str
    confidentiality: str
    footer: str
    signed_line: str | None  # revision and content hash when signed off
    draft: bool
    cover_page: bool  # the first page is the cover, drawn without header and footer


DRAFT_FORM = "WorkbenchDraftMark"
DRAFT_INK = (0.75, 0.32, 0.0)
DRAFT_ALPHA = 0.09


def _draft_mark(canvas: Canvas, styles: ReportStyles, fill: colors.Color) -> None:
    g = styles.geometry
    canvas.saveState()
    canvas.setFillColor(fill)
    canvas.translate(g.width / 2, g.height / 2)
    canvas.rotate(52)
    # Outlines, not text: the mark must not enter the text a reader copies or searches.
    draw_word_outline(canvas, styles.brand.fonts.bold, "DRAFT", 120, 0, -40)
    canvas.restoreState()


def draw_watermark(canvas: Canvas, styles: ReportStyles) -> None:
    """A large, light diagonal DRAFT over what the page shows already (the cover's)."""
    _draft_mark(canvas, styles, colors.Color(*DRAFT_INK, alpha=DRAFT_ALPHA))


def draw_page_watermark(canvas: Canvas, styles: ReportStyles) -> None:
    """The same DRAFT as the first thing on a white page, behind its content.

    Drawn once per document as a form (a PDF XObject) that every page shows: the outline is
    built and written once, not on each of forty pages. On white, the tint the see-through
    mark gives is an opaque colour, so the form needs no transparency (which reportlab's
    forms do not carry)."""
    if not canvas.hasForm(DRAFT_FORM):
        canvas.beginForm(DRAFT_FORM)
        _draft_mark(canvas, styles, colors.Color(
            *(1 - DRAFT_ALPHA * (1 - ink) for ink in DRAFT_INK)))
        canvas.endForm()
    canvas.doForm(DRAFT_FORM)


def draw_body_chrome(canvas: Canvas, styles: ReportStyles, chrome: PageChrome) -> None:
    """Header (engagement title, client) and the fixed part of the footer."""
    g = styles.geometry
    canvas.saveState()
    if chrome.draft:
        draw_page_watermark(canvas, styles)
    top = g.height - 14 * mm
    canvas.setFont(styles.fonts.bold, 7.5)
    canvas.setFillColor(styles.primary)
    canvas.drawString(g.left, top, _fit(canvas, chrome.client, styles.fonts.bold, 7.5,
                                        g.frame_width * 0.45))
    canvas.setFont(styles.fonts.regular, 7.5)
    canvas.setFillColor(styles.muted)
    canvas.drawRightString(g.width - g.right, top,
                           _fit(canvas, chrome.title, styles.fonts.regular, 7.5,
                                g.frame_width * 0.53))
    canvas.setStrokeColor(styles.rule)
    canvas.setLineWidth(0.6)
    canvas.line(g.left, top - 4, g.width - g.right, top - 4)
    # A short bar of the brand colour at the left end of the rule.
    canvas.setStrokeColor(styles.primary)
    canvas.setLineWidth(2)
    canvas.line(g.left, top - 4, g.left + 18 * mm, top - 4)

    base = 13 * mm
    canvas.setStrokeColor(styles.rule)
    canvas.setLineWidth(0.6)
    canvas.line(g.left, base + 9, g.width - g.right, base + 9)
    canvas.setFont(styles.fonts.regular, 7)
    canvas.setFillColor(styles.muted)
    canvas.drawString(g.left, base, _fit(canvas, chrome.confidentiality, styles.fonts.regular,
                                         7, g.frame_width * 0.78))
    second = chrome.signed_line or chrome.footer
    if second:
        canvas.setFont(styles.fonts.regular, 6.5)
        # The full width: a signed report's hash must print whole, never shortened.
        canvas.drawString(g.left, base - 9, _fit(canvas, second, styles.fonts.regular, 6.5,
                                                 g.frame_width))
    canvas.restoreState()


def draw_continued(canvas: Canvas, styles: ReportStyles, heading: str) -> None:
    """On a page an element's findings continue onto: its heading, "(continued)", above the
    content, so a reader landing on the page knows whose findings these are."""
    g = styles.geometry
    canvas.saveState()
    size = 9.5
    suffix = "  (continued)"
    width = canvas.stringWidth(suffix, styles.fonts.regular, size)
    text = _fit(canvas, heading, styles.fonts.bold, size, g.frame_width - width)
    y = g.height - g.top + 2.5 * mm
    canvas.setFont(styles.fonts.bold, size)
    canvas.setFillColor(styles.ink)
    canvas.drawString(g.left, y, text)
    canvas.setFont(styles.fonts.regular, size)
    canvas.setFillColor(styles.muted)
    canvas.drawString(g.left + canvas.stringWidth(text, styles.fonts.bold, size), y, suffix)
    canvas.restoreState()


def draw_page_number(canvas: Canvas, styles: ReportStyles, page: int, total: int) -> None:
    g = styles.geometry
    canvas.saveState()
    canvas.setFont(styles.fonts.bold, 7.5)
    canvas.setFillColor(styles.ink)
    canvas.drawRightString(g.width - g.right, 13 * mm, f"Page {page} of {total}")
    canvas.restoreState()


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    """The text shortened with an ellipsis so that it fits `width` on one line (and in
    visual order, with glyphs the font has: see writing.visual_line)."""
    text = visual_line(" ".join(text.split()), font)
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def numbered_canvas(styles: ReportStyles, chrome: PageChrome,
                    finish_page: Callable[[Canvas, int], None] | None = None) -> type[Canvas]:
    """A canvas class that prints "Page X of Y" once the number of pages is known, and lets
    `finish_page(canvas, number)` draw what is known only then (the contents)."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Otherwise every page names Helvetica, a font that is not embedded.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or styles.fonts.regular
            kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 9
            kwargs["initialLeading"] = kwargs.get("initialLeading") or 12
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()
            # The page is written only at save(); count it now all the same, so that a
            # bookmark or a link destination made on the next page names that page and not
            # the first ("Page" + the document's page counter).
            self._doc.pageCounter += 1

        def save(self) -> None:
            total = len(self._pages)
            self._doc.pageCounter = 1  # the pages are now written, numbered from the first
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                if not (chrome.cover_page and number == 1):
                    draw_page_number(self, styles, number, total)
                if finish_page is not None:
                    finish_page(self, number)
                super().showPage()
            super().save()

    return NumberedCanvas


def page_templates(styles: ReportStyles, chrome: PageChrome,
                   draw_cover: Callable[[Canvas], None] | None) -> list[PageTemplate]:
    """The body template (header, footer, watermark) and, with a cover, the cover's."""
    g = styles.geometry

    def frame(name: str) -> Frame:
        return Frame(g.left, g.bottom, g.frame_width, g.frame_height, id=name,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def on_body(canvas: Canvas, doc: object) -> None:
        draw_body_chrome(canvas, styles, chrome)
        running = getattr(doc, "running", None)  # an element continued from the last page
        if running:
            draw_continued(canvas, styles, running)

    templates = []
    if draw_cover is not None:
        def on_cover(canvas: Canvas, doc: object) -> None:
            draw_cover(canvas)
            if chrome.draft:
                draw_watermark(canvas, styles)

        templates.append(PageTemplate("cover", [frame("cover")], onPage=on_cover))
    templates.append(PageTemplate("body", [frame("body")], onPage=on_body))
    return templates
