"""Words drawn as outlines, not text: a watermark that never enters the PDF's text layer.

A DRAFT mark drawn with `drawString` is text: `pdftotext`, copy and paste and a screen
reader all read "D RA FT" in the middle of a paragraph. Drawn from the font's glyph
outlines (through fontTools) it is a shape, seen by the eye and by no text extractor.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont
from reportlab.pdfgen.canvas import Canvas


class _PathPen(BasePen):  # type: ignore[misc]
    """Collects a glyph's contours as path operations in font units, offset by `dx`."""

    def __init__(self, glyphs: Any, dx: float) -> None:
        super().__init__(glyphs)
        self.dx = dx
        self.ops: list[tuple[str, tuple[float, ...]]] = []

    def _moveTo(self, p: tuple[float, float]) -> None:
        self.ops.append(("m", (p[0] + self.dx, p[1])))

    def _lineTo(self, p: tuple[float, float]) -> None:
        self.ops.append(("l", (p[0] + self.dx, p[1])))

    def _curveToOne(self, a: tuple[float, float], b: tuple[float, float],
                    c: tuple[float, float]) -> None:
        self.ops.append(("c", (a[0] + self.dx, a[1], b[0] + self.dx, b[1], c[0] + self.dx,
                               c[1])))

    def _closePath(self) -> None:
        self.ops.append(("h", ()))


@lru_cache(maxsize=8)
def word_outline(font_file: Path, word: str) -> tuple[tuple[tuple[str, tuple[float, ...]], ...],
                                                      float, float]:
    """The word's outline in font units: path operations, advance width, units per em."""
    ops: list[tuple[str, tuple[float, ...]]] = []
    x = 0.0
    with TTFont(str(font_file), lazy=True) as font:  # closed once the outlines are read
        glyphs = font.getGlyphSet()
        cmap = font.getBestCmap()
        metrics = font["hmtx"].metrics
        for char in word:
            name = cmap.get(ord(char))
            if name is None:
                continue
            pen = _PathPen(glyphs, x)
            glyphs[name].draw(pen)
            ops += pen.ops
            x += metrics[name][0]
        return tuple(ops), x, float(font["head"].unitsPerEm)


def draw_word_outline(canvas: Canvas, font_file: Path, word: str, size: float,
                      cx: float, baseline: float) -> None:
    """Fill `word` as a shape of `size` points, centred on `cx`, in the current fill colour."""
    ops, advance, em = word_outline(font_file, word)
    scale = size / em
    path = canvas.beginPath()
    for op, args in ops:
        pts = [v * scale for v in args]
        shifted = [pts[i] + (cx - advance * scale / 2 if i % 2 == 0 else baseline)
                   for i in range(len(pts))]
        if op == "m":
            path.moveTo(*shifted)
        elif op == "l":
            path.lineTo(*shifted)
        elif op == "c":
            path.curveTo(*shifted)
        else:
            path.close()
    canvas.drawPath(path, stroke=0, fill=1, fillMode=1)  # nonzero winding, as TrueType
