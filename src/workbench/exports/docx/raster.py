"""Charts (ReportLab Drawings) as PNG pictures for the Word report."""

from __future__ import annotations

import io
import sys

from PIL import Image as PILImage
from reportlab.graphics import renderPM
from reportlab.graphics.shapes import Drawing, Group

CHART_DPI = 150  # sharp in print, small enough for a quick export


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


def chart_png(drawing: Drawing) -> bytes:
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
