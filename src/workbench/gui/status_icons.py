"""Small status badges for the navigator: one look per status, the level's colour when scored."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from workbench.gui import theme

SIZE = 16


@cache
def status_icon(status: str | None, level: int | None) -> QIcon:
    """complete: filled disc; incomplete: half disc; not assessed: empty ring;
    N/A: grey disc with a bar; needs consensus: dashed ring around the level."""
    icon = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(SIZE * scale, SIZE * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        disc = QRectF(2.5, 2.5, SIZE - 5, SIZE - 5)
        fill = theme.level_fill(level)
        edge = QColor(fill).darker(140) if level is not None else QColor("#8A949A")
        if status == "not_applicable":
            swatch = theme.neutral("not_applicable")
            painter.setPen(QPen(QColor(swatch.outline or swatch.text), 1))
            painter.setBrush(QColor(swatch.fill))
            painter.drawEllipse(disc)
            painter.setPen(QPen(QColor(swatch.text), 1.5))
            painter.drawLine(5, SIZE // 2, SIZE - 5, SIZE // 2)
        elif status == "needs_consensus":
            if level is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(fill)
                painter.drawEllipse(disc.adjusted(2, 2, -2, -2))
            painter.setPen(QPen(QColor(theme.neutral("needs_consensus").outline or "#3D4850"),
                                1.5, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(disc)
        elif status == "complete":
            painter.setPen(QPen(edge, 1))
            painter.setBrush(fill)
            painter.drawEllipse(disc)
        elif status == "incomplete":
            painter.setPen(QPen(edge, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(disc)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill if level is not None else edge)
            painter.drawPie(disc, 90 * 16, 180 * 16)
        else:  # not assessed
            painter.setPen(QPen(QColor("#8A949A"), 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(disc)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
