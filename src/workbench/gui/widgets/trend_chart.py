"""The trend over three or more linked assessments: the total and each dimension, in percent.

The total is the thick line in the accent colour; each dimension a thin line in the text
colour told apart by its dash pattern and named at its end (never by colour alone).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from workbench.core.comparison import TrendPoint
from workbench.core.framework import Framework
from workbench.gui import theme
from workbench.gui.theme import GRID

PATTERNS = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine,
            Qt.PenStyle.DashDotLine, Qt.PenStyle.DashDotDotLine)


class TrendChart(QWidget):
    """Percent over the assessments of a chain of baselines (oldest on the left)."""

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self.points: tuple[TrendPoint, ...] = ()
        self.setMinimumSize(QSize(420, 240))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(720, 260)

    def set_points(self, points: Sequence[TrendPoint]) -> None:
        self.points = tuple(points)
        self.update()

    def series(self) -> list[tuple[str, list[float | None]]]:
        """(name, percent per assessment): the total first, then each dimension."""
        out: list[tuple[str, list[float | None]]] = [
            ("Total", [p.total for p in self.points])]
        out += [(f"{d.code} {d.name}", [p.dimensions.get(d.code) for p in self.points])
                for d in self.framework.dimensions]
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        if len(self.points) < 2:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        left, right, top, bottom = 5 * GRID, 20 * GRID, GRID, 3 * GRID
        plot = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        steps = len(self.points) - 1

        def at(i: int, pct: float) -> QPointF:
            return QPointF(plot.left() + plot.width() * i / steps,
                           plot.bottom() - plot.height() * max(0.0, min(100.0, pct)) / 100)

        painter.setFont(self.font())
        for pct in (0, 20, 40, 60, 80, 100):
            y = at(0, pct).y()
            painter.setPen(QPen(theme.rule(self), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(theme.muted(self))
            painter.drawText(QRectF(0, y - 8, left - 6, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{pct}%")
        for i, point in enumerate(self.points):
            x = at(i, 0).x()
            painter.setPen(text)
            painter.drawText(QRectF(x - 6 * GRID, plot.bottom() + 4, 12 * GRID, 2 * GRID),
                             Qt.AlignmentFlag.AlignHCenter, point.label)
        ends: list[tuple[float, str, bool]] = []
        for n, (name, values) in enumerate(self.series()):
            total = n == 0
            pen = QPen(theme.accent() if total else text, 3 if total else 1.2)
            pen.setStyle(Qt.PenStyle.SolidLine if total else PATTERNS[(n - 1) % len(PATTERNS)])
            painter.setPen(pen)
            shown = [at(i, v) for i, v in enumerate(values) if v is not None]
            if len(shown) >= 2:
                painter.drawPolyline(shown)
            painter.setBrush(theme.accent() if total else text)
            for p in shown:
                painter.drawEllipse(p, 3 if total else 2, 3 if total else 2)
            if shown:
                ends.append((shown[-1].y(), name, total))
        placed = -1.0e9
        for y, name, total in sorted(ends, key=lambda e: e[0]):
            label_y = max(y, placed + 14)  # names never over each other
            placed = label_y
            font = painter.font()
            font.setBold(total)
            painter.setFont(font)
            painter.setPen(text)
            painter.drawText(QRectF(plot.right() + GRID, label_y - 8, right - GRID, 16),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight,
                                                              int(right - GRID)))
