"""The change section's charts: both years on one radar (or paired bars), and the trend.

The current year is the filled shape in the level palette, as in the maturity profile; the
baseline is a dotted outline in the ink colour, so the two read apart in greyscale print.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect
from reportlab.lib import colors

from workbench.exports.report.charts import _drawing, _fit, _string, radar_frame
from workbench.exports.report.styles import ReportStyles

DOTS = (1.2, 1.8)
# Dash patterns that tell the dimension lines of the trend apart without colour.
PATTERNS: tuple[tuple[float, ...] | None, ...] = (
    None, (4, 2), (1.2, 1.6), (6, 2, 1.2, 2), (2, 2), (8, 3), (3, 1.5, 1, 1.5))


def legend(styles: ReportStyles, width: float, then: str, now: str) -> Drawing:
    """The key: this year filled, the baseline dotted."""
    d = _drawing(styles, width, 16)
    d.add(Rect(0, 3, 14, 9, fillColor=styles.level_fill(4), strokeColor=styles.level_fill(5),
               strokeWidth=0.8))
    d.add(_string(19, 4.5, now, styles, 7.5))
    x = width * 0.52
    d.add(Rect(x, 3, 14, 9, fillColor=None, strokeColor=styles.ink, strokeWidth=1.2,
               strokeDashArray=DOTS))
    d.add(_string(x + 19, 4.5, then, styles, 7.5))
    return d


def radar(styles: ReportStyles, labels: Sequence[str], values: Sequence[str],
          baseline: Sequence[float | None], current: Sequence[float | None],
          bands: Sequence[tuple[float, str]], width: float, height: float = 250) -> Drawing:
    """Both years per dimension on a 0-100 percent scale with the band rings."""
    frame = radar_frame(styles, labels, values, bands, width, height)
    d = frame.drawing
    fill = colors.Color(*styles.level_fill(4).rgb(), alpha=0.45)
    d.add(Polygon(frame.shape(current), fillColor=fill, strokeColor=styles.level_fill(5),
                  strokeWidth=1.4))
    for v, angle in zip(current, frame.angles, strict=True):
        if v is not None:
            x, y = frame.point(v, angle)
            d.add(Circle(x, y, 2, fillColor=styles.level_fill(5), strokeColor=None))
    d.add(Polygon(frame.shape(baseline), fillColor=None, strokeColor=styles.ink,
                  strokeWidth=1.3, strokeDashArray=DOTS))
    return d


def paired_bars(styles: ReportStyles, labels: Sequence[str], values: Sequence[str],
                baseline: Sequence[float | None], current: Sequence[float | None],
                levels: Sequence[int | None], width: float) -> Drawing:
    """For fewer than three dimensions: per dimension this year's bar over the baseline's."""
    row, label_w, value_w = 30.0, 150.0, 110.0
    d = _drawing(styles, width, row * len(labels) + 16)
    plot_w = width - label_w - value_w
    top = d.height - 14
    for pct in (0, 20, 40, 60, 80, 100):
        x = label_w + plot_w * pct / 100
        d.add(Line(x, 2, x, top + 4, strokeColor=styles.rule, strokeWidth=0.5))
        d.add(_string(x, top + 6, f"{pct} %", styles, 6, "middle", colour=styles.muted))
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top - (i + 1) * row + 6
        d.add(_string(0, y + 9, _fit(label, styles, 8, label_w - 6), styles, 8, bold=True))
        now, then = current[i], baseline[i]
        if now is not None:
            d.add(Rect(label_w, y + 10, plot_w * max(0.0, min(100.0, now)) / 100, 9,
                       fillColor=styles.level_fill(levels[i]), strokeColor=None))
        if then is not None:
            d.add(Rect(label_w, y + 1, plot_w * max(0.0, min(100.0, then)) / 100, 7,
                       fillColor=None, strokeColor=styles.ink, strokeWidth=1,
                       strokeDashArray=DOTS))
        d.add(_string(width - value_w + 6, y + 6, value, styles, 7, colour=styles.muted))
    return d


def trend(styles: ReportStyles, years: Sequence[str],
          series: Sequence[tuple[str, Sequence[float | None]]], width: float,
          height: float = 230) -> Drawing:
    """Percent over the years: the first series (the total) bold, then one line each,
    told apart by dash pattern and named at the line's end."""
    d = _drawing(styles, width, height)
    left, right, bottom, top = 34.0, 92.0, 18.0, 10.0
    plot_w, plot_h = width - left - right, height - bottom - top
    count = max(1, len(years) - 1)

    def xy(i: int, pct: float) -> tuple[float, float]:
        return left + plot_w * i / count, bottom + plot_h * max(0.0, min(100.0, pct)) / 100

    for pct in (0, 20, 40, 60, 80, 100):
        _, y = xy(0, pct)
        d.add(Line(left, y, left + plot_w, y, strokeColor=styles.rule, strokeWidth=0.5))
        d.add(_string(left - 4, y - 2, f"{pct} %", styles, 6, "end", colour=styles.muted))
    for i, year in enumerate(years):
        x, _ = xy(i, 0)
        d.add(_string(x, 4, _fit(year, styles, 7, plot_w / count), styles, 7, "middle"))
    labels: list[tuple[float, str, bool]] = []  # (y of the line's end, name, bold)
    for n, (name, values) in enumerate(series):
        total = n == 0
        colour = styles.level_fill(5) if total else styles.ink
        pattern = None if total else PATTERNS[(n - 1) % len(PATTERNS)]
        points = [xy(i, v) for i, v in enumerate(values) if v is not None]
        if len(points) >= 2:
            d.add(PolyLine([c for p in points for c in p], strokeColor=colour,
                           strokeWidth=2.2 if total else 0.9, strokeDashArray=pattern))
        for x, y in points:
            d.add(Circle(x, y, 2.2 if total else 1.4, fillColor=colour, strokeColor=None))
        if points:
            labels.append((points[-1][1], name, total))
    # Names beside the lines' ends, top down, each at least a line below the one above
    # (never over each other); a thin leader joins a moved name to its line.
    placed = height
    for y, name, bold in sorted(labels, key=lambda item: -item[0]):
        shown = min(y, placed - 8)
        placed = shown
        if abs(shown - y) > 1:
            d.add(Line(left + plot_w + 1, y, left + plot_w + 5, shown, strokeColor=styles.muted,
                       strokeWidth=0.4))
        d.add(_string(left + plot_w + 6, shown - 2.5, _fit(name, styles, 7, right - 8), styles,
                      7, bold=bold))
    return d
