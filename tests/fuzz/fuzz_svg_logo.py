"""Fuzz the SVG logo check and drawing (exports.svg_logo), as a profile's logo is used."""

from __future__ import annotations

import io

from workbench.exports.brand import check_logo
from workbench.exports.svg_logo import draw_svg


def target(data: bytes) -> object:
    if check_logo(data, "logo") != ".svg":
        return None
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(io.BytesIO())
    draw_svg(canvas, data, 10, 10, 200, 60, "left")
    canvas.save()
    return None


if __name__ == "__main__":
    from tests.fuzz.harness import fuzz

    fuzz(target)
