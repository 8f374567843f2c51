"""Vector charts drawn with ReportLab's graphics: radar, bars per element, enablers.

Current values are filled shapes in the level palette; targets are dashed orange
outlines, so the two read apart in colour and in greyscale print. Labels sit in
their own columns or outside the plot, never on top of it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.spider import SpiderChart
from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors

from workbench.exports.report.styles import ReportStyles
from workbench.exports.report.text import fmt_percent

DASH = (3, 2)


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: a label, the current percent, its level, an optional target."""

    code: str
    label: str
    percent: float | None
    level: int | None
    target_percent: float | None = None
    target_level: int | None = None
    note: str = ""  # shown in the value column, e.g. "n/a"


@dataclass(frozen=True)
class BarGroup:
    title: str
    bars: Sequence[Bar]


class _FixedSpider(SpiderChart):  # type: ignore[misc]
    """A spider chart on a fixed 0-100 scale (ReportLab's scales to the largest value)."""

    def normalizeData(self, outer: float = 0.0) -> list[list[float]]:
        self._norm = 100.0
        return [[max(0.0, min(100.0, v)) / 100.0 for v in row] for row in self.data]


def _drawing(styles: ReportStyles, width: float, height: float) -> Drawing:
    """A Drawing whose initial font is the brand's (not ReportLab's unembedded Helvetica)."""
    d = Drawing(width, height)
    d.initialFontName = styles.fonts.regular
    d.initialFontSize = 8
    return d


def _string(x: float, y: float, text: str, styles: ReportStyles, size: float = 7,
            anchor: str = "start", bold: bool = False,
            colour: colors.Color | None = None) -> String:
    return String(x, y, text, fontName=styles.fonts.bold if bold else styles.fonts.regular,
                  fontSize=size, fillColor=colour or styles.ink, textAnchor=anchor)


def _fit(text: str, styles: ReportStyles, size: float, width: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, styles.fonts.regular, size) <= width:
        return text
    while text and stringWidth(text + "…", styles.fonts.regular, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def legend(styles: ReportStyles, width: float, with_target: bool = True) -> Drawing:
    """The key shared by the charts: current (filled) and target (dashed outline)."""
    d = _drawing(styles, width, 16)
    x = 0.0
    d.add(Rect(x, 3, 14, 9, fillColor=styles.level_fill(4), strokeColor=None))
    d.add(_string(x + 19, 4.5, "Current maturity (percent of applicable points)", styles, 7.5))
    if with_target:
        x = width * 0.52
        d.add(Rect(x, 3, 14, 9, fillColor=None, strokeColor=styles.target, strokeWidth=1.2,
                   strokeDashArray=DASH))
        d.add(_string(x + 19, 4.5, "Target (threshold of the agreed target level)",
                      styles, 7.5))
    return d


@dataclass(frozen=True)
class RadarFrame:
    """A radar's drawing with its rings, spokes and labels; series are added on top."""

    drawing: Drawing
    cx: float
    cy: float
    radius: float
    angles: list[float]

    def point(self, percent: float, angle: float) -> tuple[float, float]:
        """Where `percent` (clamped to 0-100) lies on the spoke at `angle`."""
        r = self.radius * max(0.0, min(100.0, percent)) / 100
        return self.cx + r * math.cos(angle), self.cy + r * math.sin(angle)

    def shape(self, percents: Sequence[float | None]) -> list[float]:
        """The polygon's points of one series (an unassessed spoke at the centre)."""
        return [c for v, angle in zip(percents, self.angles, strict=True)
                for c in self.point(v or 0.0, angle)]


def radar_frame(styles: ReportStyles, labels: Sequence[str], values: Sequence[str],
                bands: Sequence[tuple[float, str]], width: float,
                height: float = 250) -> RadarFrame:
    """The frame every radar of the report shares: a 0-100 percent scale with a light ring
    at each band's threshold (named beside the top spoke), and the spoke labels outside."""
    d = _drawing(styles, width, height)
    n = len(labels)
    frame = RadarFrame(d, width / 2, height / 2 - 4, min(width * 0.27, height * 0.36),
                       [math.pi / 2 - 2 * math.pi * i / n for i in range(n)])
    for threshold, name in [*bands, (100.0, "")]:
        if threshold <= 0:
            continue
        ring = [c for angle in frame.angles for c in frame.point(threshold, angle)]
        d.add(Polygon(ring, fillColor=None, strokeColor=styles.rule, strokeWidth=0.6))
        if name:
            x, y = frame.point(threshold, frame.angles[0])
            d.add(_string(x + 3, y + 1.5, f"{threshold:g} %", styles, 5.5,
                          colour=styles.muted))
    for angle in frame.angles:
        x, y = frame.point(100, angle)
        d.add(Line(frame.cx, frame.cy, x, y, strokeColor=styles.rule, strokeWidth=0.6))
    # Spoke labels outside the outer ring, anchored away from the plot so they never cross it.
    for angle, label, value in zip(frame.angles, labels, values, strict=True):
        x, y = frame.point(112, angle)
        cos = math.cos(angle)
        anchor = "start" if cos > 0.2 else "end" if cos < -0.2 else "middle"
        dy = 4 if math.sin(angle) > 0.5 else -10 if math.sin(angle) < -0.5 else -2
        d.add(_string(x, y + dy + 4, label, styles, 8, anchor, bold=True))
        d.add(_string(x, y + dy - 5, value, styles, 7, anchor, colour=styles.muted))
    return frame


def radar(styles: ReportStyles, labels: Sequence[str], values: Sequence[str],
          current: Sequence[float | None], target: Sequence[float | None],
          bands: Sequence[tuple[float, str]], width: float, height: float = 250) -> Drawing:
    """Current against target per dimension, on a 0-100 percent scale with band rings."""
    frame = radar_frame(styles, labels, values, bands, width, height)
    chart = _FixedSpider()
    chart.x, chart.y = frame.cx - frame.radius, frame.cy - frame.radius
    chart.width = chart.height = 2 * frame.radius
    chart.startAngle = 90
    chart.direction = "clockwise"
    chart.data = [[v or 0.0 for v in current], [v or 0.0 for v in target]]
    chart.labels = [""] * len(labels)
    # Our own spokes are drawn by the frame; ReportLab's are kept (hiding them trips a bug)
    # but clear.
    chart.spokes.strokeColor = None
    chart.spokes.strokeWidth = 0
    chart.strands[0].fillColor = colors.Color(*styles.level_fill(4).rgb(), alpha=0.45)
    chart.strands[0].strokeColor = styles.level_fill(5)
    chart.strands[0].strokeWidth = 1.4
    chart.strands[0].symbol = "FilledCircle"
    chart.strands[0].symbolSize = 4
    chart.strands[1].fillColor = None
    chart.strands[1].strokeColor = styles.target
    chart.strands[1].strokeWidth = 1.6
    chart.strands[1].strokeDashArray = DASH
    frame.drawing.add(chart)
    return frame.drawing


def bar_chart(styles: ReportStyles, groups: Sequence[BarGroup], width: float,
              bands: Sequence[tuple[float, str]], with_target: bool = True,
              row_height: float = 12.5, label_width: float = 185) -> Drawing:
    """Horizontal bars per row, grouped under headings, with a band scale on top."""
    value_width = 74.0 if with_target else 40.0
    plot_x = label_width
    plot_w = width - label_width - value_width
    rows = sum(len(g.bars) + (1 if g.title else 0) for g in groups)
    top_axis = 22.0
    height = rows * row_height + top_axis + 4
    d = _drawing(styles, width, height)
    y_top = height - top_axis

    # Band scale: gridlines at each threshold and the band names centred in their span.
    spans = [*bands, (100.0, "")]
    for i, (threshold, name) in enumerate(spans):
        x = plot_x + plot_w * threshold / 100
        d.add(Line(x, 2, x, y_top + 4, strokeColor=styles.rule, strokeWidth=0.5))
        d.add(_string(x, y_top + 6, f"{threshold:g}", styles, 6, "middle", colour=styles.muted))
        if name and i + 1 < len(spans):
            mid = plot_x + plot_w * (threshold + spans[i + 1][0]) / 200
            d.add(_string(mid, y_top + 14, name, styles, 6.5, "middle", colour=styles.muted))
    if with_target:
        d.add(_string(width, y_top + 14, "percent · level", styles, 6, "end",
                      colour=styles.muted))

    y = y_top
    for group in groups:
        if group.title:
            y -= row_height
            d.add(_string(0, y + 3.5, group.title, styles, 7.5, bold=True,
                          colour=styles.primary))
        for bar in group.bars:
            y -= row_height
            d.add(_string(0, y + 3.5, bar.code, styles, 7, bold=True))
            d.add(_string(34, y + 3.5, _fit(bar.label, styles, 7, label_width - 40), styles,
                          7))
            h = row_height * 0.62
            by = y + (row_height - h) / 2
            if bar.percent is not None:
                d.add(Rect(plot_x, by, max(0.8, plot_w * bar.percent / 100), h,
                           fillColor=styles.level_fill(bar.level), strokeColor=None))
            if with_target and bar.target_percent is not None:
                th = h + 2.2
                d.add(Rect(plot_x, y + (row_height - th) / 2, plot_w * bar.target_percent / 100,
                           th, fillColor=None, strokeColor=styles.target, strokeWidth=0.9,
                           strokeDashArray=DASH))
            text = bar.note or fmt_percent(bar.percent)
            d.add(_string(plot_x + plot_w + 30, y + 3.5, text, styles, 7, "end", bold=True))
            if with_target:
                tl = f"L{bar.level}" if bar.level is not None else ""
                tgt = f" → L{bar.target_level}" if bar.target_level is not None else ""
                d.add(_string(width, y + 3.5, tl + tgt, styles, 6.5, "end",
                              colour=styles.muted))
    return d


def level_scale(styles: ReportStyles, labels: Sequence[tuple[int, str]],
                percent: float | None, width: float) -> Drawing:
    """The level colours with their names, and a marker where the organisation stands."""
    d = _drawing(styles, width, 34)
    step = width / max(1, len(labels))
    for i, (level, name) in enumerate(labels):
        x = i * step
        d.add(Rect(x + 1, 2, step - 2, 15, fillColor=styles.level_fill(level), strokeColor=None))
        d.add(String(x + step / 2, 7, f"{level} {name}", fontName=styles.fonts.bold,
                     fontSize=7, fillColor=styles.level_text(level), textAnchor="middle"))
    if percent is not None:
        x = width * max(0.0, min(100.0, percent)) / 100
        d.add(Polygon([x - 4.5, 26, x + 4.5, 26, x, 19], fillColor=styles.ink,
                      strokeColor=None))
        d.add(Line(x, 2, x, 19, strokeColor=styles.ink, strokeWidth=1.2))
        anchor = "start" if x < 40 else "end" if x > width - 40 else "middle"
        # The one rounding rule (core.display): never "60 %" at level 3.
        d.add(String(x, 28, fmt_percent(percent), fontName=styles.fonts.bold, fontSize=7,
                     fillColor=styles.ink, textAnchor=anchor))
    return d
