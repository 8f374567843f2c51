"""Reading the report's flowables into the format-neutral document (document.py).

The sections decide every word once, as flowables for the PDF; this walks them and keeps
what they say: headings, paragraphs with bold and italic, tables with their level colours,
charts as PNG, photos, signature blocks as plain text (a Word copy is never signed).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser
from typing import Any

from PIL import Image as PILImage
from reportlab.graphics import renderPM
from reportlab.graphics.shapes import Drawing, Group
from reportlab.platypus import Flowable, Image, KeepTogether
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Table as RLTable

from workbench.exports.report import document as m
from workbench.exports.report.context import Context, format_date
from workbench.exports.report.context import Heading as RLHeading
from workbench.exports.report.cover import cover_facts
from workbench.exports.report.flowables import ContentsSpace, Placeholder, SignatureBlock
from workbench.exports.report.model import ReportInput
from workbench.exports.report.writing import Paragraph

CHART_DPI = 150  # sharp in print, small enough for a quick export


class _Markup(HTMLParser):
    """ReportLab's paragraph markup (<b>, <i>, <font color>, <br/>) as runs of literal text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[m.Run] = []
        self.bold = self.italic = 0
        self.colours: list[str | None] = []
        self.pending_break = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.pending_break = True
        elif tag in ("b", "strong"):
            self.bold += 1
        elif tag in ("i", "em"):
            self.italic += 1
        elif tag == "font":
            colour = dict(attrs).get("color") or ""
            self.colours.append(colour[1:].upper() if colour.startswith("#")
                                and len(colour) == 7 else None)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.pending_break = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("i", "em"):
            self.italic = max(0, self.italic - 1)
        elif tag == "font" and self.colours:
            self.colours.pop()

    def handle_data(self, data: str) -> None:
        colour = next((c for c in reversed(self.colours) if c), None)
        self.runs.append(m.Run(data, self.bold > 0, self.italic > 0, colour,
                               self.pending_break))
        self.pending_break = False


def runs(markup_text: str) -> tuple[m.Run, ...]:
    """The runs of a paragraph's markup; its user text comes back literally."""
    parser = _Markup()
    parser.feed(markup_text)
    parser.close()
    if parser.pending_break:
        parser.runs.append(m.Run("", line_break=True))
    return tuple(parser.runs)


def para(p: Paragraph, kind: str | None = None) -> m.Para:
    text = getattr(p, "source_text", None)
    if text is None:
        text = p.text
    return m.Para(runs(str(text)), kind or str(getattr(p.style, "name", "body")))


def _framed(drawing: Drawing) -> Drawing:
    """The drawing grown to hold all it draws: a PDF shows a label past the drawing's edge,
    a picture would cut it off."""
    try:
        x0, y0, x1, y1 = drawing.getBounds()
    except Exception:  # a shape without bounds: draw it as it is
        return drawing
    left, bottom = min(0.0, x0), min(0.0, y0)
    right, top = max(drawing.width, x1), max(drawing.height, y1)
    if (left, bottom, right, top) == (0, 0, drawing.width, drawing.height):
        return drawing
    framed = Drawing(right - left + 2, top - bottom + 2)
    inner = Group(*drawing.contents)
    inner.translate(1 - left, 1 - bottom)
    framed.add(inner)
    return framed


def _png(drawing: Drawing) -> bytes:
    """The chart as PNG, drawn by reportlab's cairo renderer (its own pixel conversion is a
    Python loop over every byte; Pillow reads cairo's buffer directly instead)."""
    drawing = _framed(drawing)
    canvas = renderPM.drawToPMCanvas(drawing, dpi=CHART_DPI)
    surface = getattr(getattr(canvas, "_gs", None), "surface", None)
    if surface is None or sys.byteorder != "little":
        data: bytes = renderPM.drawToString(drawing, fmt="PNG", dpi=CHART_DPI)
        return data
    surface.flush()
    size = (surface.get_width(), surface.get_height())
    image = PILImage.frombuffer("RGB", size, bytes(surface.get_data()), "raw", "BGRX",
                                surface.get_stride(), 1)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False, compress_level=6)
    return out.getvalue()


def _image_bytes(image: Image) -> bytes | None:
    """A photo's JPEG bytes, as the report's photo grid gave them to its Image."""
    reader = getattr(image, "_img", None)
    for source in (getattr(reader, "fp", None), getattr(reader, "fileName", None)):
        if isinstance(source, io.BytesIO):
            return source.getvalue()
    return None


def _cell(value: Any) -> list[m.Block]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [m.Para((m.Run(value),), "cell")]
    if isinstance(value, (list, tuple)):
        out: list[m.Block] = []
        for item in value:
            out += _cell(item)
        return out
    return list(blocks([value]))


def _fills(table: RLTable) -> dict[tuple[int, int], str]:
    """Single-cell backgrounds (the level colours), by (column, row)."""
    fills: dict[tuple[int, int], str] = {}
    for command in getattr(table, "_bkgrndcmds", []):
        _, (sc, sr), (ec, er), colour = command[:4]
        if (sc, sr) == (ec, er) and hasattr(colour, "hexval"):
            value = str(colour.hexval())[2:].upper()
            if value != "FFFFFF":
                fills[(sc, sr)] = value
    return fills


def _table(table: RLTable) -> Iterable[m.Block]:
    rows: Sequence[Sequence[Any]] = table._cellvalues
    widths = tuple(float(w or 0) for w in table._colWidths)
    if getattr(table, "repeatRows", 0) and rows:  # a data table: header, rows, level fills
        fills = _fills(table)

        def cell(value: Any, col: int, row: int) -> m.Cell:
            paras = tuple(b for b in _cell(value) if isinstance(b, m.Para))
            return m.Cell(paras, fills.get((col, row)))

        header = tuple(cell(v, c, 0) for c, v in enumerate(rows[0]))
        body = tuple(tuple(cell(v, c, r) for c, v in enumerate(row))
                     for r, row in enumerate(rows[1:], start=1))
        yield m.Table(header, body, widths)
        return
    # A layout grid (key figures, side-by-side tables, signature blocks, photos): its
    # cells, in reading order; a grid of plain paragraphs stays a borderless table.
    contents = [[_cell(v) for v in row] for row in rows]
    simple = all(all(isinstance(b, m.Para) for b in c) for row in contents for c in row)
    if simple and len(rows[0]) > 1:
        kept = [i for i in range(len(rows[0])) if any(row[i] for row in contents)]
        grid = tuple(tuple(m.Cell(tuple(b for b in row[i] if isinstance(b, m.Para)))
                           for i in kept) for row in contents)
        yield m.Table((), grid, tuple(widths[i] for i in kept))
        return
    for row in contents:
        for c in row:
            yield from c


def _signer(block: SignatureBlock) -> m.Block:
    lines = [m.Run(block.heading, bold=True)]
    lines.append(m.Run(f"Name: {block.name}" if block.name else "Name:", line_break=True))
    if block.role:
        lines.append(m.Run(block.role, line_break=True))
    if block.date_text:
        lines.append(m.Run(f"Date: {block.date_text}", line_break=True))
    lines.append(m.Run("Signature: only on the signed PDF", italic=True, line_break=True))
    return m.Para(tuple(lines), "signer")


def blocks(story: Iterable[Flowable]) -> Iterable[m.Block]:
    """The document blocks of a list of flowables, in order."""
    bullets: list[m.Para] = []
    for item in story:
        if isinstance(item, Paragraph) and getattr(item, "bulletText", None) and \
                not isinstance(item, RLHeading):
            bullets.append(para(item, "bullet"))
            continue
        if bullets:
            yield m.Bullets(tuple(bullets))
            bullets = []
        yield from _one(item)
    if bullets:
        yield m.Bullets(tuple(bullets))


def _one(item: Any) -> Iterable[m.Block]:
    if isinstance(item, m.Block):  # a section that builds the model itself
        yield item
    elif isinstance(item, RLHeading):
        yield m.Heading(min(3, item.outline_level + 1), item.plain, item.key)
    elif isinstance(item, Paragraph):
        if getattr(item, "pdf_only", False):
            return
        p = para(item)
        if p.kind == "h4":  # a sub-heading inside a section or an element
            yield m.Heading(4, p.text)
        elif p.text.strip():
            yield p
    elif isinstance(item, KeepTogether):
        yield from blocks(item._content)
    elif isinstance(item, RLTable):
        yield from _table(item)
    elif isinstance(item, Drawing):
        yield m.Figure(_png(item), float(item.width))
    elif isinstance(item, Image):
        data = _image_bytes(item)
        if data is not None:
            yield m.Figure(data, float(item.drawWidth))
    elif isinstance(item, Placeholder):
        yield m.Note(item.title, item.reason)
    elif isinstance(item, SignatureBlock):
        yield _signer(item)
    elif isinstance(item, ContentsSpace):
        yield m.Contents("Contents")
    elif isinstance(item, RLPageBreak):
        yield m.PageBreak()
    elif isinstance(item, (list, tuple)):
        yield from blocks(item)
    # Spacers, conditional page breaks and template switches carry no content.


def copy_notice(data: ReportInput) -> str:
    """What a Word copy says about itself: never signed; the signed original is the PDF."""
    sign = data.signoff
    if sign is not None:
        return (f"This Word document is an editable copy and is not signed. The signed "
                f"original is the PDF report, revision {sign.revision}, signed off on "
                f"{format_date(sign.signed_on)}, content hash (SHA-256) {sign.content_hash}.")
    digest = f" Content hash (SHA-256) of its data: {data.content_hash}." \
        if data.content_hash else ""
    return ("This Word document is an editable copy of a draft report and is not signed; "
            "a signed original is only ever a PDF report." + digest)


def document_from_story(ctx: Context, story: Sequence[Flowable]) -> m.Document:
    """The whole report as a document: cover, the sections' blocks, the page furniture."""
    data, brand = ctx.data, ctx.styles.brand
    d = data.document.details
    cover = None
    if "cover" in ctx.sections:
        cover = m.Cover(kicker=brand.cover_title, client=d.client,
                        title=d.title or brand.cover_subtitle,
                        subtitle=(f"{brand.cover_subtitle} · {data.issued:%B %Y}"
                                  if d.title and brand.cover_subtitle else ""),
                        facts=tuple(m.Fact(k, v) for k, v in cover_facts(data, brand)),
                        text=brand.cover_text)
    notice = copy_notice(data)
    out: list[m.Block] = []
    pending = False  # the sign-off's notice, due after its heading and subtitle
    for block in blocks(story):
        if isinstance(block, m.PageBreak) and (not out or isinstance(out[-1], m.PageBreak)):
            continue  # the cover's own page break, or two in a row
        if pending and not (isinstance(block, m.Para) and block.kind == "h1_sub"):
            out.append(m.Note("Not the signed original", notice))
            pending = False
        out.append(block)
        pending = pending or (isinstance(block, m.Heading) and block.key == "signoff")
    if pending:
        out.append(m.Note("Not the signed original", notice))
    while out and isinstance(out[-1], m.PageBreak):
        out.pop()
    return m.Document(title=d.title or brand.cover_title, client=d.client,
                      firm=brand.firm_name, cover=cover, blocks=out,
                      footer=brand.footer_for(d.client),
                      confidentiality=brand.confidentiality_for(d.client),
                      copy_notice=notice, warnings=list(ctx.warnings))
