"""Charts (ReportLab Drawings) as PNG pictures for the Word report.

ReportLab's cairo backend draws each string as the outlines of its glyphs, which it reads
from the font with freetype glyph by glyph, for every string, in Python: most of a chart's
drawing time. Here each glyph's outline is read once per font and size and kept; a string
is its glyphs' outlines moved along by their advances, the very path ReportLab would make.
"""

from __future__ import annotations

import io
import sys
from collections import OrderedDict
from typing import Any

from PIL import Image as PILImage
from reportlab import rl_config
from reportlab.graphics import renderPM
from reportlab.graphics.shapes import Drawing, Group

CHART_DPI = 150  # sharp in print, small enough for a quick export
MAX_GLYPHS = 20_000
MAX_PICTURES = 32  # charts kept as PNG for the next report that shows the same

_glyphs: dict[tuple[str, float, str], tuple[Any, float]] = {}
_pictures: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
_tools: list[Any] = []  # reportlab's FTTextPath (it keeps each font's freetype face), a
# cairo context to record outlines in


def _glyph(font: str, size: float, char: str) -> tuple[Any, float]:
    """A glyph's outline at the origin as a cairo path, and its advance in points."""
    key = (font, size, char)
    found = _glyphs.get(key)
    if found is None:
        import cairo
        from reportlab.graphics.utils import FTTextPath, text2PathDescription

        if not _tools:
            _tools.extend([FTTextPath(),
                           cairo.Context(cairo.ImageSurface(cairo.FORMAT_RGB24, 1, 1))])
        outliner, recorder = _tools
        recorder.new_path()
        ops = {"moveTo": recorder.move_to, "lineTo": recorder.line_to,
               "curveTo": recorder.curve_to, "closePath": recorder.close_path}
        for op in text2PathDescription(char, x=0, y=0, fontName=font, fontSize=size,
                                       truncate=False, gs=outliner):
            ops[op[0]](*op[1:])
        face, _ = outliner.setFont(font)
        face.load_char(char, outliner.ftLFlags)
        found = (recorder.copy_path(), face.glyph.metrics.horiAdvance * size / face.units_per_EM)
        recorder.new_path()
        if len(_glyphs) >= MAX_GLYPHS:
            _glyphs.clear()
        _glyphs[key] = found
    return found


def _canvas(drawing: Drawing) -> Any:
    """renderPM.drawToPMCanvas, with the strings drawn from the kept glyph outlines."""
    drawing = renderPM.renderScaledDrawing(drawing)
    canvas = renderPM.PMCanvas(drawing.width, drawing.height, dpi=CHART_DPI, bg=0xFFFFFF,
                               configPIL=None, backend=rl_config.renderPMBackend,
                               backendFmt="RGB")
    state = canvas._gs
    context = getattr(state, "ctx", None)
    if canvas._backend == "rlPyCairo" and context is not None:
        original = state.drawString

        def draw_string(x: float, y: float, text: str) -> None:
            # As rlPyCairo's drawString (fill the text's outline, keep the path drawn so
            # far); shaped or multi-line text, or a text mode other than fill, as it is.
            if type(text) is not str or "\n" in text or state.textRenderMode != 0:
                original(x, y, text)
                return
            kept, mode = context.copy_path(), state.fillMode
            try:
                context.new_path()
                context.save()
                context.translate(x, y)
                for char in text:
                    outline, advance = _glyph(state.fontName, state.fontSize, char)
                    context.append_path(outline)
                    context.translate(advance, 0)
                context.restore()
                state.pathFill(0)
            finally:
                context.new_path()
                context.append_path(kept)
                state.fillMode = mode

        state.drawString = draw_string
    renderPM.draw(drawing, canvas, 0, 0)
    return canvas


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
    canvas = _canvas(drawing)
    surface = getattr(getattr(canvas, "_gs", None), "surface", None)
    if surface is None or sys.byteorder != "little":
        data: bytes = renderPM.drawToString(drawing, fmt="PNG", dpi=CHART_DPI)
        return data
    surface.flush()
    size = (surface.get_width(), surface.get_height())
    image = PILImage.frombuffer("RGB", size, bytes(surface.get_data()), "raw", "BGRX",
                                surface.get_stride(), 1)
    # A chart has a few colours and their anti-aliased edges: 256 of them show it as drawn
    # (no channel off by more than a few levels), in a third of the bytes and time.
    image = image.quantize(256, method=PILImage.Quantize.FASTOCTREE,
                           dither=PILImage.Dither.NONE)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False, compress_level=1)
    return out.getvalue()


def chart_picture(drawing: Drawing, key: tuple[Any, ...] | None) -> bytes:
    """The chart as PNG; a chart with the same key (the same drawing function, brand and
    figures) as one drawn before in this process gets the same picture again."""
    if key is None:
        return chart_png(drawing)
    found = _pictures.get(key)
    if found is None:
        found = _pictures[key] = chart_png(drawing)
        if len(_pictures) > MAX_PICTURES:
            _pictures.popitem(last=False)
    else:
        _pictures.move_to_end(key)
    return found
