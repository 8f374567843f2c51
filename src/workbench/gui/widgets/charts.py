"""The dashboard's charts, drawn with QPainter from a ScoreResult (no arithmetic beyond layout).

Radar of the dimensions (current percent filled, target level dashed, a baseline dotted),
bars per element coloured by level (with the baseline's mark and the change's arrow), and
the enablers' profile. Colours come from the one
visual language; text follows the palette so the charts work light and dark.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from workbench.core.comparison import Change
from workbench.core.display import percent_value
from workbench.core.framework import Framework
from workbench.core.scoring import ScoreResult, Status
from workbench.gui import theme
from workbench.gui.theme import GRID


def _text_colour(widget: QWidget) -> QColor:
    return widget.palette().color(QPalette.ColorRole.WindowText)


def _small(widget: QWidget, factor: float = 0.85) -> QFont:
    font = QFont(widget.font())
    size = font.pointSizeF() if font.pointSizeF() > 0 else 9.0
    font.setPointSizeF(max(7.0, size * factor))
    return font


def _percent_grid(painter: QPainter, widget: QWidget, plot: QRectF,
                  percents: list[float]) -> None:
    """Rules across `plot` at each percent, labelled in the margin to its left."""
    for percent in percents:
        y = plot.bottom() - plot.height() * percent / 100
        painter.setPen(QPen(theme.rule(widget), 1))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(theme.muted(widget))
        painter.drawText(QRectF(0, y - 8, plot.left() - 6, 16),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         f"{percent:.0f}%")


class _Polar:
    """Points on `count` axes around `centre`: axis n at `percent` of `radius`."""

    def __init__(self, centre: QPointF, radius: float, count: int) -> None:
        self.centre, self.radius, self.count = centre, radius, count

    def point(self, n: int, percent: float) -> QPointF:
        angle = -math.pi / 2 + 2 * math.pi * n / self.count
        r = self.radius * max(0.0, min(100.0, percent)) / 100
        return QPointF(self.centre.x() + r * math.cos(angle),
                       self.centre.y() + r * math.sin(angle))


def band_floor(framework: Framework, level: int) -> float:
    """The lowest percent of a maturity level: where a target level is drawn."""
    for band in framework.bands:
        if band.level == level:
            return band.min_percent
    return 0.0


class _ScoreChart(QWidget):
    """A chart of one ScoreResult, repainted whenever a new result is set."""

    MINIMUM = QSize(340, 300)
    HINT = QSize(420, 380)

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self.result: ScoreResult | None = None
        self.setMinimumSize(self.MINIMUM)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return self.HINT

    def set_result(self, result: ScoreResult) -> None:
        self.result = result
        self.update()


def baseline_pen(widget: QWidget) -> QPen:
    """The baseline's series: the text colour, dotted (neither a level nor the target)."""
    pen = QPen(_text_colour(widget), 2, Qt.PenStyle.DotLine)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


class RadarChart(_ScoreChart):
    """The dimensions: current percent (filled) against target level (dashed outline).

    A radar needs three axes: a framework with fewer dimensions gets a bar for each.
    """

    MINIMUM = QSize(340, 320)
    HINT = QSize(420, 380)
    MIN_AXES = 3

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(framework, parent)
        self.baseline: dict[str, float | None] | None = None  # dimension code -> percent
        self.baseline_label = ""

    def set_baseline(self, percents: dict[str, float | None] | None, label: str = "") -> None:
        """The baseline's percent per dimension (a third series), or None for no baseline."""
        self.baseline = percents
        self.baseline_label = label
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dims = self.framework.dimensions
        if len(dims) < self.MIN_AXES:
            self._paint_bars(painter)
            return
        legend_h = 3 * GRID
        area = QRectF(self.rect()).adjusted(8 * GRID, 5 * GRID, -8 * GRID,
                                            -(4 * GRID + legend_h))
        polar = _Polar(area.center(), min(area.width(), area.height()) / 2, len(dims))
        self._paint_rings(painter, polar)
        if self.result is None:
            return
        current = [self.result.dimensions[d.code].percent or 0.0 for d in dims]
        self._paint_shapes(painter, polar, self.result, current)
        self._paint_points(painter, polar, self.result, current)
        self._legend(painter, QRectF(0, self.height() - legend_h, self.width(), legend_h))

    def _paint_rings(self, painter: QPainter, polar: _Polar) -> None:
        """Rings at the band boundaries, labelled with their percents, and the axes."""
        grid_pen = QPen(theme.rule(self), 1)
        count = polar.count
        painter.setFont(_small(self, 0.8))
        floors = sorted({b.min_percent for b in self.framework.bands if b.min_percent > 0})
        for percent in [*floors, 100.0]:
            painter.setPen(grid_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolygon(QPolygonF([polar.point(n, percent) for n in range(count)]))
            painter.setPen(theme.muted(self))
            # Ring labels sit between the first two axes, clear of the dimension labels.
            angle = -math.pi / 2 + math.pi / count
            r = polar.radius * percent / 100
            painter.drawText(QPointF(polar.centre.x() + r * math.cos(angle) + 3,
                                     polar.centre.y() + r * math.sin(angle) - 2),
                             f"{percent:.0f}%")
        for n in range(count):
            painter.setPen(grid_pen)
            painter.drawLine(polar.centre, polar.point(n, 100))

    def _paint_shapes(self, painter: QPainter, polar: _Polar, result: ScoreResult,
                      current: list[float]) -> None:
        """The baseline's outline, the current profile filled, the targets dashed."""
        dims = self.framework.dimensions
        if self.baseline is not None:
            painter.setPen(baseline_pen(self))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolygon(QPolygonF([polar.point(n, self.baseline.get(d.code) or 0.0)
                                           for n, d in enumerate(dims)]))
        fill = theme.accent()
        fill.setAlphaF(0.28)
        painter.setBrush(fill)
        painter.setPen(QPen(theme.accent(), 2))
        painter.drawPolygon(QPolygonF([polar.point(n, v) for n, v in enumerate(current)]))
        targets = [result.dimensions[d.code].target for d in dims]
        if any(t is not None for t in targets):
            pen = QPen(theme.target_colour(), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolygon(QPolygonF([
                polar.point(n, band_floor(self.framework, t) if t is not None else 0.0)
                for n, t in enumerate(targets)]))

    def _paint_points(self, painter: QPainter, polar: _Polar, result: ScoreResult,
                      current: list[float]) -> None:
        """Each dimension's point in its level's colour, and its name and percent outside."""
        text = _text_colour(self)
        for n, d in enumerate(self.framework.dimensions):
            level = result.dimensions[d.code].level
            painter.setPen(QPen(theme.level_fill(level).darker(130), 1))
            painter.setBrush(theme.level_fill(level))
            painter.drawEllipse(polar.point(n, current[n]), 4, 4)
            outer = polar.point(n, 124)
            pct = result.dimensions[d.code].percent
            label = f"{d.code} {d.name}\n{'—' if pct is None else f'{percent_value(pct)}%'}"
            # Long names wrap onto a second line and the box stays inside the widget.
            box_w, box_h = 14 * GRID, 6 * GRID
            left = min(max(0.0, outer.x() - box_w / 2), self.width() - box_w)
            box = QRectF(left, outer.y() - box_h / 2, box_w, box_h)
            painter.setPen(text)
            painter.setFont(_small(self, 0.9))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             label)

    def _paint_bars(self, painter: QPainter) -> None:
        """One vertical bar per dimension, coloured by level, its target as a dashed line."""
        dims = self.framework.dimensions
        legend_h = 3 * GRID
        left, top, bottom = 5 * GRID, 2 * GRID, 5 * GRID + legend_h
        plot = QRectF(left, top, self.width() - left - 2 * GRID,
                      self.height() - top - bottom)
        painter.setFont(_small(self, 0.8))
        floors = sorted({b.min_percent for b in self.framework.bands})
        _percent_grid(painter, self, plot, [*floors, 100.0])
        slot = plot.width() / max(1, len(dims))
        bar = min(slot * 0.5, 12 * GRID)
        for n, d in enumerate(dims):
            cx = plot.left() + slot * (n + 0.5)
            score = self.result.dimensions[d.code] if self.result is not None else None
            if score is not None and score.percent is not None:
                h = plot.height() * max(0.0, min(100.0, score.percent)) / 100
                painter.setPen(QPen(theme.level_fill(score.level).darker(130), 1))
                painter.setBrush(theme.level_fill(score.level))
                painter.drawRect(QRectF(cx - bar / 2, plot.bottom() - h, bar, h))
            if score is not None and score.target is not None:
                ty = plot.bottom() - plot.height() * band_floor(self.framework,
                                                                score.target) / 100
                painter.setPen(QPen(theme.target_colour(), 2, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(cx - bar / 2 - GRID, ty),
                                 QPointF(cx + bar / 2 + GRID, ty))
            then = None if self.baseline is None else self.baseline.get(d.code)
            if then is not None:
                h = plot.height() * max(0.0, min(100.0, then)) / 100
                painter.setPen(baseline_pen(self))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(cx - bar / 2, plot.bottom() - h, bar, h))
            pct = None if score is None else score.percent
            label = f"{d.code} {d.name}\n{'—' if pct is None else f'{percent_value(pct)}%'}"
            painter.setPen(_text_colour(self))
            painter.setFont(_small(self, 0.9))
            painter.drawText(QRectF(cx - slot / 2, plot.bottom() + 4, slot, 4 * GRID),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
        self._legend(painter, QRectF(0, self.height() - legend_h, self.width(), legend_h))

    def _legend(self, painter: QPainter, rect: QRectF) -> None:
        painter.setFont(_small(self, 0.85))
        x = rect.center().x() - (23 if self.baseline is not None else 15) * GRID
        y = rect.center().y()
        fill = theme.accent()
        fill.setAlphaF(0.28)
        painter.setBrush(fill)
        painter.setPen(QPen(theme.accent(), 2))
        painter.drawRect(QRectF(x, y - 5, 14, 10))
        painter.setPen(_text_colour(self))
        painter.drawText(QPointF(x + 20, y + 4), "Current")
        x += 12 * GRID
        painter.setPen(QPen(theme.target_colour(), 2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, y), QPointF(x + 20, y))
        painter.setPen(_text_colour(self))
        painter.drawText(QPointF(x + 26, y + 4), "Target level")
        if self.baseline is not None:
            x += 14 * GRID
            painter.setPen(baseline_pen(self))
            painter.drawLine(QPointF(x, y), QPointF(x + 20, y))
            painter.setPen(_text_colour(self))
            painter.drawText(QPointF(x + 26, y + 4), painter.fontMetrics().elidedText(
                f"Baseline {self.baseline_label}".strip(), Qt.TextElideMode.ElideRight,
                int(rect.right() - x - 26)))


class ElementBars(_ScoreChart):
    """One bar per element, grouped by dimension, coloured by level; target marks in orange."""

    MINIMUM = QSize(420, 300)
    HINT = QSize(640, 380)

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(framework, parent)
        self.changes: dict[str, Change] | None = None  # element code -> its change

    def set_changes(self, changes: dict[str, Change] | None) -> None:
        """Each element's change since the baseline (its mark and arrow), or None."""
        self.changes = changes
        self.update()

    def _paint_change(self, painter: QPainter, plot: QRectF, cx: float, slot: float,
                      change: Change) -> None:
        """The baseline's mark across the slot, and an arrow above the bar when it moved."""
        then = change.baseline.percent if change.baseline is not None else None
        if then is not None:
            y = plot.bottom() - plot.height() * max(0.0, min(100.0, then)) / 100
            painter.setPen(baseline_pen(self))
            painter.drawLine(QPointF(cx - slot / 2 + 1, y), QPointF(cx + slot / 2 - 1, y))
        if change.points is None or abs(change.points) < 0.05:
            return
        now = change.current.percent if change.current is not None else None
        top = max(then or 0.0, now or 0.0)
        tip_y = plot.bottom() - plot.height() * min(100.0, top) / 100 - 3
        half = max(2.5, min(5.0, slot / 3))
        rising = change.points > 0
        base, tip = (tip_y, tip_y - 2 * half) if rising else (tip_y - 2 * half, tip_y)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_text_colour(self))
        painter.drawPolygon(QPolygonF([QPointF(cx - half, base), QPointF(cx + half, base),
                                       QPointF(cx, tip)]))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = _text_colour(self)
        muted = theme.muted(self)
        left, right, bottom = 5 * GRID, GRID, 8 * GRID
        top = 2 * GRID if self.changes is None else 4 * GRID  # room for the baseline's key
        plot = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        painter.setFont(_small(self, 0.8))
        _percent_grid(painter, self, plot, [0, 20, 40, 60, 80, 100])
        if self.result is None:
            return
        dims = self.framework.dimensions
        count = sum(len(d.elements) for d in dims)
        group_gap = 1.5 * GRID
        slot = (plot.width() - group_gap * (len(dims) - 1)) / max(1, count)
        bar = max(4.0, slot * 0.7)
        x = plot.left()
        for d in dims:
            start = x
            for n, element in enumerate(d.elements, start=1):
                cx = x + slot / 2
                self._paint_element(painter, plot, element.code, cx, slot, bar)
                painter.setPen(muted)
                painter.drawText(QRectF(cx - slot / 2, plot.bottom() + 2, slot, 2 * GRID),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                                 str(n))
                x += slot
            painter.setPen(text)
            painter.drawText(QRectF(start, plot.bottom() + 2 * GRID, x - start, 2 * GRID),
                             Qt.AlignmentFlag.AlignCenter,
                             painter.fontMetrics().elidedText(
                                 f"{d.code} {d.name}", Qt.TextElideMode.ElideRight,
                                 int(x - start)))
            x += group_gap
        self._level_legend(painter, plot)


    def _paint_element(self, painter: QPainter, plot: QRectF, code: str, cx: float,
                       slot: float, bar: float) -> None:
        """One element's bar (dotted when not applicable), its change and its target mark."""
        assert self.result is not None
        e = self.result.elements[code]
        muted = theme.muted(self)
        if e.status is Status.NOT_APPLICABLE:
            painter.setPen(QPen(muted, 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(cx - bar / 2, plot.bottom() - 12, bar, 12))
        elif e.percent is not None:
            h = plot.height() * e.percent / 100
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.level_fill(e.level))
            painter.drawRect(QRectF(cx - bar / 2, plot.bottom() - h, bar, h))
            if e.level is not None and e.level <= 1:
                painter.setPen(QPen(theme.level_fill(3), 1))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(cx - bar / 2, plot.bottom() - h, bar, h))
        change = None if self.changes is None else self.changes.get(code)
        if change is not None:
            self._paint_change(painter, plot, cx, slot, change)
        if e.target is not None:
            ty = plot.bottom() - plot.height() * band_floor(self.framework,
                                                            e.target) / 100
            painter.setPen(QPen(theme.target_colour(), 2))
            painter.drawLine(QPointF(cx - slot / 2 + 1, ty), QPointF(cx + slot / 2 - 1,
                                                                      ty))

    def _level_legend(self, painter: QPainter, plot: QRectF) -> None:
        """The level ramp and the target mark below the plot; the baseline's key above it."""
        text = _text_colour(self)
        lx = plot.left()
        ly = self.height() - GRID - 2
        for band in self.framework.bands:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.level_fill(band.level))
            painter.drawRect(QRectF(lx, ly - 5, 10, 10))
            painter.setPen(text)
            label = f"{band.level} {band.label}"
            painter.drawText(QPointF(lx + 14, ly + 4), label)
            lx += 14 + painter.fontMetrics().horizontalAdvance(label) + 2 * GRID
        painter.setPen(QPen(theme.target_colour(), 2))
        painter.drawLine(QPointF(lx, ly), QPointF(lx + 14, ly))
        painter.setPen(text)
        painter.drawText(QPointF(lx + 18, ly + 4), "Target level")
        if self.changes is not None:  # the baseline's key, above the plot on the right
            key = "Baseline   ▲ ▼ change since the baseline"
            kx = plot.right() - painter.fontMetrics().horizontalAdvance(key) - 18
            ky = GRID + 2
            painter.setPen(baseline_pen(self))
            painter.drawLine(QPointF(kx, ky), QPointF(kx + 14, ky))
            painter.setPen(text)
            painter.drawText(QPointF(kx + 18, ky + 4), key)


class EnablerBars(QWidget):
    """The enablers' profile: one horizontal bar each, percent and level."""

    ROW = 3 * GRID

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self.result: ScoreResult | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(len(framework.enablers) * self.ROW + GRID)

    def set_result(self, result: ScoreResult) -> None:
        self.result = result
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.result is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        label_w = min(34 * GRID, int(self.width() * 0.55))
        figure_w = 6 * GRID
        bar_w = self.width() - label_w - figure_w - 2 * GRID
        painter.setFont(_small(self, 0.92))
        fm = painter.fontMetrics()
        for n, enabler in enumerate(self.framework.enablers):
            y = n * self.ROW + GRID // 2
            score = self.result.enablers[enabler.code]
            painter.setPen(_text_colour(self))
            name = fm.elidedText(f"{enabler.code} {enabler.name}", Qt.TextElideMode.ElideRight,
                                 label_w - GRID)
            painter.drawText(QRectF(0, y, label_w, self.ROW - GRID // 2),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, name)
            track = QRectF(label_w, y + 5, bar_w, self.ROW - 14)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.rule(self))
            painter.drawRoundedRect(track, 3, 3)
            if score.percent is not None:
                painter.setBrush(theme.level_fill(score.level))
                painter.drawRoundedRect(QRectF(track.left(), track.top(),
                                               max(2.0, bar_w * score.percent / 100),
                                               track.height()), 3, 3)
            painter.setPen(_text_colour(self))
            figure = "N/A" if score.percent is None else f"{percent_value(score.percent)}%"
            painter.drawText(QRectF(label_w + bar_w + GRID, y, figure_w, self.ROW - GRID // 2),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, figure)
