"""Text fields that save themselves: after a short pause in typing, at most `max_wait_ms`
behind continuous typing, and when left."""

from __future__ import annotations

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QSizePolicy, QWidget

DEFAULT_DELAY_MS = 600
MAX_WAIT_MS = 800  # typing never goes unsaved for longer than this, even without a pause


class AutosaveTextEdit(QPlainTextEdit):
    """A plain-text field that grows with its text and emits `commit` when it should be saved.

    Signals:
        commit(str): the text, after `delay_ms` without typing, `max_wait_ms` after the
            first unsaved keystroke while typing goes on, or on leaving the field; only
            when it differs from the last text committed or loaded.
    """

    commit = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, min_lines: int = 3,
                 max_lines: int = 14, delay_ms: int = DEFAULT_DELAY_MS,
                 max_wait_ms: int = MAX_WAIT_MS) -> None:
        super().__init__(parent)
        self._saved = ""
        self._min_lines, self._max_lines = min_lines, max_lines
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        # Started by the first unsaved keystroke and NOT restarted by the next ones, so a
        # user who types without pausing is still saved about once a `max_wait_ms`.
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(max_wait_ms)
        self._deadline.timeout.connect(self.flush)
        self.textChanged.connect(self._typed)
        self.setTabChangesFocus(True)  # Tab moves on through the form, as in any form
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(
            lambda _size: self._fit())
        self._fit()

    def set_delay(self, ms: int, max_wait_ms: int = MAX_WAIT_MS) -> None:
        """The pause in typing that saves, and the longest typing may go unsaved."""
        self._timer.setInterval(ms)
        self._deadline.setInterval(max_wait_ms)

    def load(self, text: str) -> None:
        """Show saved text (from the database) without saving it again."""
        self._timer.stop()
        self._deadline.stop()
        self._saved = text
        if self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)
            self._fit()

    @property
    def dirty(self) -> bool:
        return self.toPlainText() != self._saved

    def _typed(self) -> None:
        self._timer.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def flush(self) -> None:
        """Commit now if the text changed since it was last saved."""
        self._timer.stop()
        self._deadline.stop()
        text = self.toPlainText()
        if text != self._saved:
            self._saved = text  # the owner calls `load` again if the save is refused
            self.commit.emit(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.flush()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)

    def _fit(self) -> None:
        line = self.fontMetrics().lineSpacing()
        lines = max(self._min_lines, min(self._max_lines,
                                         int(self.document().size().height()) or 1))
        margins = self.contentsMargins()
        frame = 2 * self.frameWidth() if self.frameShape() != QFrame.Shape.NoFrame else 0
        self.setFixedHeight(lines * line + margins.top() + margins.bottom() + frame
                            + int(2 * self.document().documentMargin()))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.height())
