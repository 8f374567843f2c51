"""A signature pad: draw a signature with the mouse, pen or finger; save it as a PNG."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

INK = QColor(20, 33, 61)  # dark navy ink, legible on the report's white page
PNG_SCALE = 2  # the saved image has twice the widget's resolution: crisp when printed


class SignaturePad(QWidget):
    """A surface that records strokes; `to_png()` gives them as a transparent PNG.

    Signals:
        changed: a stroke was drawn or the pad was cleared.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[QPainterPath] = []
        self._current: QPainterPath | None = None
        self.setMinimumSize(QSize(320, 110))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setToolTip("Sign here with the mouse, a pen or a finger")
        self.setAccessibleName("Signature pad")

    def sizeHint(self) -> QSize:
        return QSize(420, 130)

    # ------------------------------------------------------------ the strokes

    def is_empty(self) -> bool:
        return not any(not s.isEmpty() for s in self._strokes)

    def clear(self) -> None:
        self._strokes.clear()
        self._current = None
        self.update()
        self.changed.emit()

    def add_stroke(self, points: list[tuple[float, float]]) -> None:
        """Add a stroke through `points` (widget coordinates): for scripts and tests."""
        if not points:
            return
        path = QPainterPath(QPointF(*points[0]))
        for x, y in points[1:]:
            path.lineTo(QPointF(x, y))
        if len(points) == 1:
            path.lineTo(QPointF(points[0][0] + 0.5, points[0][1]))
        self._strokes.append(path)
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._current = QPainterPath(event.position())
            self._strokes.append(self._current)
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._current is not None:
            self._current.lineTo(event.position())
            self.update()
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._current is not None:
            if self._current.elementCount() == 1:  # a dot: make it visible
                self._current.lineTo(event.position() + QPointF(0.5, 0))
            self._current = None
            self.update()
            self.changed.emit()
            event.accept()

    # ------------------------------------------------------------ drawing

    def _pen(self, scale: float = 1.0) -> QPen:
        pen = QPen(INK, 2.4 * scale)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Paper stays white in dark mode too: the signature is ink on the report's page.
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.fillRect(rect, QColor("white"))
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        painter.drawRoundedRect(rect, 4, 4)
        baseline = self.height() - 28
        painter.setPen(QPen(QColor(170, 176, 186), 1, Qt.PenStyle.DashLine))
        painter.drawLine(16, baseline, self.width() - 16, baseline)
        if self.is_empty():
            painter.setPen(QColor(120, 126, 136))
            painter.drawText(QRectF(16, baseline + 4, self.width() - 32, 20),
                             Qt.AlignmentFlag.AlignLeft, "Sign above the line")
        painter.setPen(self._pen())
        for stroke in self._strokes:
            painter.drawPath(stroke)
        painter.end()

    def to_png(self) -> bytes | None:
        """The strokes as a transparent PNG cropped to the ink (None when nothing is drawn)."""
        if self.is_empty():
            return None
        bounds = QRectF()
        for stroke in self._strokes:
            bounds = bounds.united(stroke.boundingRect())
        margin = 6.0
        bounds = bounds.adjusted(-margin, -margin, margin, margin)
        image = QImage(int(bounds.width() * PNG_SCALE) + 1, int(bounds.height() * PNG_SCALE) + 1,
                       QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(PNG_SCALE, PNG_SCALE)
        painter.translate(-bounds.topLeft())
        painter.setPen(self._pen())
        for stroke in self._strokes:
            painter.drawPath(stroke)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, Qt a str
        buffer.close()
        return bytes(data.data())
