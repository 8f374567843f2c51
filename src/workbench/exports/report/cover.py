"""The cover page, drawn straight on the canvas by its page template."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from workbench.exports.brand import Brand
from workbench.exports.report import document as m
from workbench.exports.report.context import (
    date_range,
    format_date,
)
from workbench.exports.report.model import ReportInput
from workbench.exports.report.state import cover_status
from workbench.exports.report.styles import ReportStyles
from workbench.exports.report.text import (
    markup,
)
from workbench.exports.report.writing import Paragraph, visual_line
from workbench.exports.svg_logo import draw_svg

# ---------------------------------------------------------------- cover


def cover_model(data: ReportInput, brand: Brand) -> m.Cover:
    """The cover's words, for every writer."""
    d = data.document.details
    return m.Cover(kicker=brand.cover_title, client=d.client,
                   title=d.title or brand.cover_subtitle,
                   subtitle=(f"{brand.cover_subtitle} · {data.issued:%B %Y}"
                             if d.title and brand.cover_subtitle else ""),
                   facts=tuple(m.Fact(k, v) for k, v in cover_facts(data, brand)),
                   text=brand.cover_text)


def draw_cover(canvas: Canvas, styles: ReportStyles, cover: m.Cover,
               confidentiality: str) -> None:
    """The cover: firm logo, client large on a brand-coloured block, the engagement's facts."""
    s = styles
    g = s.geometry
    brand = s.brand
    canvas.saveState()
    # Logos on white above the block.
    logo_h = 15 * mm
    if brand.logo is not None:
        _draw_logo(canvas, brand.logo.read_bytes(), g.left, g.height - 18 * mm - logo_h,
                   70 * mm, logo_h, align="left")
    else:
        canvas.setFont(s.fonts.bold, 14)
        canvas.setFillColor(s.primary)
        canvas.drawString(g.left, g.height - 28 * mm, brand.firm_name)
    if brand.client_logo is not None:
        _draw_logo(canvas, brand.client_logo.read_bytes(), g.width - g.right - 55 * mm,
                   g.height - 18 * mm - logo_h, 55 * mm, logo_h, align="right")

    # The brand block: kicker, client, title.
    block_top, block_bottom = g.height - 48 * mm, g.height - 150 * mm
    canvas.setFillColor(s.primary)
    canvas.rect(0, block_bottom, g.width, block_top - block_bottom, stroke=0, fill=1)
    canvas.setFillColor(s.accent)
    canvas.rect(0, block_bottom, g.width, 2.2 * mm, stroke=0, fill=1)
    inner = g.width - g.left - g.right
    y = block_top - 16 * mm
    y = _draw_para(canvas, markup(cover.kicker.upper()), s["cover_kicker"], g.left, y,
                   inner * 0.9)
    y -= 7 * mm
    y = _draw_para(canvas, markup(cover.client), s["cover_client"], g.left, y, inner, max_h=80)
    y -= 3 * mm
    _draw_para(canvas, markup(cover.title), s["cover_title"], g.left, y, inner, max_h=46)
    if cover.subtitle:
        canvas.setFont(s.fonts.regular, 9)
        canvas.setFillColor(s.hex("#C9DCE6"))
        canvas.drawString(g.left, block_bottom + 9 * mm, cover.subtitle)

    # The facts, two columns under the block.
    facts = [(f.label, f.value) for f in cover.facts]
    col_w = inner / 2 - 6 * mm
    y_row = block_bottom - 14 * mm
    for i in range(0, len(facts), 2):
        bottoms = []
        for col, (label, value) in enumerate(facts[i:i + 2]):
            x = g.left + col * (inner / 2 + 6 * mm)
            y0 = _draw_para(canvas, markup(label.upper()), s["cover_label"], x, y_row, col_w)
            bottoms.append(_draw_para(canvas, markup(value), s["cover_value"], x, y0 - 1,
                                      col_w, max_h=60))
        y_row = min(bottoms) - 6 * mm
    y_cols = [y_row + 6 * mm]
    if cover.text:
        y_text = min(y_cols) - 4 * mm
        canvas.setStrokeColor(s.rule)
        canvas.setLineWidth(0.6)
        canvas.line(g.left, y_text, g.width - g.right, y_text)
        _draw_para(canvas, markup(cover.text), s["cover_text"], g.left, y_text - 5 * mm,
                   inner * 0.8, max_h=70)

    # Foot of the cover: the confidentiality line.
    canvas.setFont(s.fonts.regular, 7.5)
    canvas.setFillColor(s.muted)
    canvas.drawString(g.left, 16 * mm, visual_line(confidentiality[:160], s.fonts.regular))
    canvas.setFont(s.fonts.bold, 7.5)
    canvas.setFillColor(s.primary)
    canvas.drawRightString(g.width - g.right, 16 * mm, brand.firm_name)
    canvas.restoreState()


def _draw_logo(canvas: Canvas, data: bytes, x: float, y: float, max_w: float, max_h: float,
               align: str) -> None:
    if not data.startswith((b"\x89PNG", b"\xff\xd8")):  # a checked SVG logo
        draw_svg(canvas, data, x, y, max_w, max_h, align)
        return
    reader = ImageReader(io.BytesIO(data))
    iw, ih = reader.getSize()
    scale = min(max_w / iw, max_h / ih)
    w, h = iw * scale, ih * scale
    canvas.drawImage(reader, x + (max_w - w if align == "right" else 0), y + (max_h - h), w, h,
                     mask="auto")


def _draw_para(canvas: Canvas, html: str, style: object, x: float, top: float, width: float,
               max_h: float = 1000) -> float:
    """Draw a paragraph with its top at `top`; return the y of its bottom."""
    p = Paragraph(html, style)
    _, h = p.wrap(width, max_h)
    if h > max_h:  # too long for its place on the cover: shorten, do not overflow
        lines = max(1, int(max_h // p.style.leading))
        p = Paragraph(html, style)
        p.wrap(width, max_h)
        p = p.split(width, lines * p.style.leading)[0] if p.split(width, lines * p.style.leading)\
            else p
        _, h = p.wrap(width, max_h)
    p.drawOn(canvas, x, top - h)
    return float(top - h)


def cover_facts(data: ReportInput, brand: Brand) -> list[tuple[str, str]]:
    """The engagement's facts on the cover, (label, value), for every writer."""
    d = data.document.details
    status = cover_status(data, data.document.status == "in_review")
    team = [a.name + (f" ({a.role})" if a.role else "") for a in data.document.assessors]
    return [
        ("Client", d.client), ("Site", d.site or "–"),
        ("Assessment dates", date_range(d.start_date, d.end_date) or "–"),
        ("Report issued", format_date(data.issued)),
        ("Assessors", "\n".join(team) or d.lead_assessor),
        ("Status", status),
        ("Framework", f"{data.framework.name} (version {data.framework.version})"),
        ("Prepared by", brand.firm_name),
    ]
