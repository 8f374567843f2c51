"""The Word report's chart pictures: drawn from kept glyph outlines, they must look exactly
as ReportLab's own renderer draws the same chart."""

from __future__ import annotations

import io

from PIL import Image, ImageChops, ImageStat
from reportlab.graphics import renderPM
from reportlab.graphics.shapes import Drawing, String

from workbench.exports.brand import load_brand
from workbench.exports.docx import raster
from workbench.exports.report import charts
from workbench.exports.report.styles import make_styles


def reference(drawing: Drawing) -> Image.Image:
    image = renderPM.drawToPIL(raster._framed(drawing), dpi=raster.CHART_DPI)
    return image.convert("RGB")


def drawn(drawing: Drawing) -> Image.Image:
    """Our drawing before it is written as PNG."""
    surface = raster._canvas(raster._framed(drawing))._gs.surface
    surface.flush()
    return Image.frombuffer("RGB", (surface.get_width(), surface.get_height()),
                            bytes(surface.get_data()), "raw", "BGRX", surface.get_stride(), 1)


def compare(ours: Image.Image, theirs: Image.Image) -> tuple[int, float]:
    assert ours.size == theirs.size
    diff = ImageChops.difference(ours, theirs).convert("L")
    return diff.getextrema()[1], ImageStat.Stat(diff).mean[0]


def difference(drawing: Drawing) -> tuple[int, float]:
    theirs = reference(drawing)
    worst, mean = compare(drawn(drawing), theirs)
    # The PNG keeps 256 colours: every pixel within a few levels of the drawing.
    png = Image.open(io.BytesIO(raster.chart_png(drawing))).convert("RGB")
    png_worst, png_mean = compare(png, theirs)
    assert png_worst <= 48 and png_mean < 2.5, (png_worst, png_mean)
    return worst, mean


def test_a_chart_picture_matches_reportlabs_own_drawing() -> None:
    styles = make_styles(load_brand("default"))
    radar = charts.radar(styles, ["D1 Strategy", "D2 Journeys", "D3 Insight", "D4 Ωmega & co"],
                         ["42 %", "61 %", "not assessed", "80 %"], [42, 61, None, 80],
                         [60, 60, 60, 60], [(0, "Initial"), (40, "Developing"),
                                            (60, "Defined")], 480, 255)
    worst, mean = difference(radar)
    assert worst <= 40 and mean < 0.05  # anti-aliasing only, never a glyph out of place


def test_strings_of_every_anchor_and_size_land_where_reportlab_puts_them() -> None:
    make_styles(load_brand("default"))  # registers the brand's fonts
    drawing = Drawing(300, 120)
    for i, anchor in enumerate(("start", "middle", "end")):
        drawing.add(String(150, 20 + 35 * i, f"Anchor {anchor}: Ärger ½ → ok", fontSize=7 + 3 * i,
                           fontName="WB-DejaVuSans", textAnchor=anchor))
    worst, mean = difference(drawing)
    assert worst <= 40 and mean < 0.05
    blank = Image.new("RGB", reference(drawing).size, "white")
    assert ImageChops.difference(reference(drawing), blank).getbbox() is not None


def test_a_chart_keeps_its_picture_only_while_its_figures_are_the_same() -> None:
    from workbench.exports.report.blocks import chart

    styles = make_styles(load_brand("default"))
    bands = [(0.0, "Initial"), (40.0, "Developing"), (60.0, "Defined")]

    def radar(percents: list[float | None]) -> tuple[bytes, bytes]:
        block = chart(charts.radar, styles, ["D1 A", "D2 B", "D3 C"], ["x", "y", "z"],
                      percents, [60, 60, 60], bands, 480, 255)
        fresh = raster.chart_png(block.drawing)
        return raster.chart_picture(block.drawing, block.key), fresh

    first, drawn = radar([42, 61, 80])
    assert first == drawn
    again, _ = radar([42, 61, 80])
    assert again is first  # the same figures: the picture made before
    moved, drawn_moved = radar([42, 61, 20])
    assert moved == drawn_moved and moved != first  # a changed figure: a new picture
