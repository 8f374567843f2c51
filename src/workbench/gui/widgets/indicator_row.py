"""One maturity indicator on the scoring form: its text, the level selector, an optional note."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QToolButton, QWidget

from workbench.core.framework import Indicator, ScaleLevel
from workbench.core.ratings import IndicatorValue
from workbench.gui.theme import GRID, muted_label, set_shown
from workbench.gui.widgets.autosave import AutosaveTextEdit
from workbench.gui.widgets.level_selector import LevelSelector


class IndicatorRow(QWidget):
    """Rows are reused from element to element (`bind`), so switching element stays fast.

    Signals:
        chosen(str, object): indicator code and the value asked for.
        note_committed(str, str): indicator code and the note to save.
        next_requested(), previous_requested(): from the selector's Down / Up.
    """

    chosen = Signal(str, object)
    note_committed = Signal(str, str)
    next_requested = Signal()
    previous_requested = Signal()

    def __init__(self, scale: tuple[ScaleLevel, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = ""
        grid = QGridLayout(self)
        grid.setContentsMargins(0, GRID // 2, 0, GRID // 2)
        grid.setHorizontalSpacing(GRID)
        grid.setVerticalSpacing(GRID // 2)
        self.code_label = muted_label("", self)
        self.code_label.setFixedWidth(7 * GRID)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.text_label = QLabel(self)
        self.text_label.setWordWrap(True)
        self.text_label.setSizePolicy(QSizePolicy.Policy.Expanding,
                                      QSizePolicy.Policy.Preferred)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.selector = LevelSelector(scale, self)
        self.note_button = QToolButton(self)
        self.note_button.setText("Note")
        self.note_button.setCheckable(True)
        self.note_button.setToolTip("Add or show a note on this indicator")
        # Tab goes from indicator to indicator; the note opens with a click (or Ctrl+Enter)
        self.note_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.caption = muted_label("", self)
        self.caption.setWordWrap(True)
        self.caption.hide()
        self.note = AutosaveTextEdit(self, min_lines=1, max_lines=6)
        self.note.setPlaceholderText("A note on this indicator (saved as you type)")
        self.note.hide()
        grid.addWidget(self.code_label, 0, 0)
        grid.addWidget(self.text_label, 0, 1)
        grid.addWidget(self.selector, 0, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.note_button, 0, 3, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.caption, 1, 1, 1, 3)
        grid.addWidget(self.note, 2, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        self.selector.chosen.connect(lambda value: self.chosen.emit(self.code, value))
        self.selector.caption_changed.connect(self.caption.setText)
        self.selector.focus_changed.connect(self._focus)
        self.selector.next_requested.connect(self.next_requested)
        self.selector.previous_requested.connect(self.previous_requested)
        self.note_button.toggled.connect(self._toggle_note)
        self.note.commit.connect(lambda text: self.note_committed.emit(self.code, text))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Enter on the level selector opens (or closes) this indicator's note."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.note_button.toggle()
            if self.note_button.isChecked():
                self.note.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        super().keyPressEvent(event)

    def bind(self, indicator: Indicator, value: IndicatorValue | None, note: str) -> None:
        self.code = indicator.code
        self.code_label.setText(indicator.code)
        self.text_label.setText(indicator.text)
        self.selector.setAccessibleName(f"Level of {indicator.code}")
        self.selector.set_value(value)
        self.set_note(note)
        set_shown(self.caption, False)

    def set_note(self, note: str) -> None:
        self.note.load(note)
        self.note_button.blockSignals(True)
        self.note_button.setChecked(bool(note))
        self.note_button.blockSignals(False)
        set_shown(self.note, bool(note))
        self.note_button.setText("Note ✓" if note else "Note")

    def _toggle_note(self, shown: bool) -> None:
        self.note.setVisible(shown or bool(self.note.toPlainText()))
        if shown:
            self.note.setFocus()

    def _focus(self, focused: bool) -> None:
        self.caption.setVisible(focused)
