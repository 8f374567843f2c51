"""The level selector: the scale's levels as labelled segments, N/A set apart.

Reads at a glance (number and name on each segment, the level colour when chosen),
the meaning as a tooltip; keyboard first: 1–5, N for N/A, 0 or Backspace to clear,
Left/Right to step, Up/Down to move to the previous/next indicator.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from workbench.core.framework import ScaleLevel
from workbench.core.ratings import NA, IndicatorValue
from workbench.gui import theme

SEGMENT_GAP = 2
NA_GAP = 8  # N/A stands apart from the scale
NA_WIDTH = 44
HEIGHT = 40


class LevelSelector(QWidget):
    """Choose a level or N/A for one indicator.

    Signals:
        chosen(object): the value the user asked for (an int, "na", or None to clear);
            the selector shows it once the owner confirms with `set_value`.
        next_requested(), previous_requested(): Down / Up pressed.
        caption_changed(str): the meaning of the level under the pointer or chosen.
    """

    chosen = Signal(object)
    next_requested = Signal()
    previous_requested = Signal()
    caption_changed = Signal(str)
    focus_changed = Signal(bool)

    def __init__(self, scale: tuple[ScaleLevel, ...], parent: QWidget | None = None,
                 allow_na: bool = True) -> None:
        super().__init__(parent)
        self._scale = scale
        self._allow_na = allow_na
        self._value: IndicatorValue | None = None
        self._hover: IndicatorValue | None = None
        self._hovering = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setAccessibleName("Level")

    # --- value --------------------------------------------------------------------------
    def value(self) -> IndicatorValue | None:
        return self._value

    def set_value(self, value: IndicatorValue | None) -> None:
        if value != self._value:
            self._value = value
            self.setAccessibleDescription(self.describe(value))
            self.update()
            if self.hasFocus():
                self.caption_changed.emit(self.describe(value))

    def describe(self, value: IndicatorValue | None) -> str:
        if value is None:
            return "Not rated yet: press 1–5, or N for not applicable."
        if value == NA:
            return "N/A — not applicable here: left out of the element's score."
        for level in self._scale:
            if level.value == value:
                return f"{level.value} {level.label} — {level.meaning}"
        return str(value)

    # --- geometry -----------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(len(self._scale) * 68 + (NA_GAP + NA_WIDTH if self._allow_na else 0),
                     HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _segments(self) -> list[tuple[IndicatorValue, QRect]]:
        width = self.width() - (NA_GAP + NA_WIDTH if self._allow_na else 0)
        count = len(self._scale)
        seg = (width - SEGMENT_GAP * (count - 1)) / count
        out: list[tuple[IndicatorValue, QRect]] = []
        for n, level in enumerate(self._scale):
            x = round(n * (seg + SEGMENT_GAP))
            out.append((level.value, QRect(x, 0, round(seg), self.height() - 1)))
        if self._allow_na:
            out.append((NA, QRect(self.width() - NA_WIDTH, 0, NA_WIDTH - 1, self.height() - 1)))
        return out

    def value_at(self, pos: QPoint) -> IndicatorValue | None:
        for value, rect in self._segments():
            if rect.contains(pos):
                return value
        return None

    def segment_rect(self, value: IndicatorValue) -> QRect:
        for v, rect in self._segments():
            if v == value:
                return rect
        raise KeyError(value)

    # --- painting -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        outline = theme.rule(self)
        outline.setAlphaF(0.35)
        number_font = QFont(self.font())
        number_font.setWeight(QFont.Weight.DemiBold)
        label_font = QFont(self.font())
        size = self.font().pointSizeF() if self.font().pointSizeF() > 0 else 9.0
        label_font.setPointSizeF(max(7.0, size * 0.82))
        labels = {level.value: level.label for level in self._scale}
        for value, rect in self._segments():
            r = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5)
            selected = value == self._value
            hovered = value == self._hover and self.isEnabled()
            if value == NA:
                swatch = theme.neutral("not_applicable")
                fill = QColor(swatch.fill) if selected else base
                fg = QColor(swatch.text) if selected else text
                border = QColor(swatch.text) if selected else outline
            elif selected:
                fill, fg = theme.level_fill(int(value)), theme.level_text(int(value))
                border = selected_border(int(value))
            else:
                fill, fg, border = base, text, outline
            if hovered and not selected:
                tint = theme.level_fill(int(value)) if value != NA else QColor("#CCCCCC")
                tint.setAlphaF(0.35)
                painter.setBrush(base)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawRoundedRect(r, 4, 4)
                fill = tint
            painter.setBrush(fill)
            # a selected level is ringed in a dark line: "1 Initial"'s fill is nearly white
            painter.setPen(QPen(border, 2 if selected else 1))
            painter.drawRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5) if selected else r, 4, 4)
            painter.setPen(fg)
            if value == NA:
                painter.setFont(number_font)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "N/A")
                continue
            top = QRect(rect.x(), rect.y() + 3, rect.width(), rect.height() // 2 - 1)
            bottom = QRect(rect.x() + 2, rect.y() + rect.height() // 2, rect.width() - 4,
                           rect.height() // 2 - 3)
            painter.setFont(number_font)
            painter.drawText(top, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                             str(value))
            painter.setFont(label_font)
            name = painter.fontMetrics().elidedText(labels[int(value)],
                                                    Qt.TextElideMode.ElideRight, bottom.width())
            painter.drawText(bottom, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             name)
        if self.hasFocus():
            pen = QPen(theme.accent(), 2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 5, 5)

    # --- interaction --------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hover = self.value_at(event.position().toPoint())
        if hover != self._hover:
            self._hover = hover
            self.update()
            self.caption_changed.emit(self.describe(hover if hover is not None
                                                    else self._value))

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.update()
        self.caption_changed.emit(self.describe(self._value))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.isEnabled():
            return
        value = self.value_at(event.position().toPoint())
        if value is not None:
            # Clicking the chosen level again clears it, as a checkbox would.
            self.chosen.emit(None if value == self._value else value)

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            value = self.value_at(event.pos())
            if value is None:
                QToolTip.hideText()
            else:
                key = "N" if value == NA else str(value)
                QToolTip.showText(event.globalPos(), f"{self.describe(value)}\nKey: {key}",
                                  self, self.segment_rect(value))
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text().lower()
        values = [level.value for level in self._scale]
        if text.isdigit() and int(text) in values and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            self.chosen.emit(int(text))
        elif text == "n" and self._allow_na:
            self.chosen.emit(NA)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.chosen.emit(None)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            step = 1 if key == Qt.Key.Key_Right else -1
            current = self._value if isinstance(self._value, int) else None
            if current is None:
                target = values[0] if step > 0 else values[-1]
            else:
                n = max(0, min(len(values) - 1, values.index(current) + step))
                target = values[n]
            self.chosen.emit(target)
        elif key == Qt.Key.Key_Down and not event.modifiers():
            self.next_requested.emit()
        elif key == Qt.Key.Key_Up and not event.modifiers():
            self.previous_requested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.caption_changed.emit(self.describe(self._value))
        self.focus_changed.emit(True)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_changed.emit(False)
        self.update()


def selected_border(level: int) -> QColor:
    """The ring of a selected level: the darker of its fill and text colours, so it reads
    against the page on the light fills (1 Initial) and the dark ones alike."""
    return min(theme.level_fill(level), theme.level_text(level), key=lambda c: c.lightness())
