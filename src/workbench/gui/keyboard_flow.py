"""Rating from the keyboard: keys 1–5 and N pressed in the navigator rate the form's current
indicator, and after a rating the next unrated indicator takes the focus (a setting, on by
default), so an element is rated with a key per indicator."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from workbench.gui.settings import Settings
from workbench.gui.workspace import Workspace

RATING_KEYS = set("12345nN0")
PREFIX = "Ctrl+J"  # then F, P or Y (objective), T (target), E (evidence notes), A (assessor);
# the shortcut list (dialogs.ShortcutsDialog.SCORING_KEYS) names them
OBJECTIVE_KEYS = {"F": "fully", "P": "partially", "Y": "not_yet"}


def advance_action(settings: Settings, parent: QWidget) -> QAction:
    """Settings ▸ "Move to the Next Unrated Indicator": checkable, kept in the settings."""
    action = QAction("Move to the &Next Unrated Indicator After Rating", parent)
    action.setObjectName("action_advance_after_rating")
    action.setCheckable(True)
    action.setChecked(settings.advance_after_rating)
    action.setStatusTip("After a rating, put the focus on the next indicator not rated yet")
    action.toggled.connect(lambda on: setattr(settings, "advance_after_rating", on))
    return action


class KeyboardFlow(QObject):
    def __init__(self, workspace: Workspace, settings: Settings,
                 assessor_choice: QWidget | None = None) -> None:
        super().__init__(workspace)
        self.workspace, self.settings = workspace, settings
        workspace.tree.installEventFilter(self)
        workspace.form.rated.connect(self._rated)
        form = workspace.form
        for key, objective in OBJECTIVE_KEYS.items():
            self._shortcut(key, partial(self.judge, objective))
        self._shortcut("T", lambda: self._go(form.target))
        self._shortcut("E", lambda: self._go(form.notes))
        if assessor_choice is not None:
            chooser = assessor_choice

            def choose_assessor() -> None:
                chooser.setFocus(Qt.FocusReason.ShortcutFocusReason)

            self._shortcut("A", choose_assessor)

    def _shortcut(self, key: str, slot: Callable[[], object]) -> None:
        shortcut = QShortcut(QKeySequence(f"{PREFIX}, {key}"), self.workspace)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def _go(self, widget: QWidget) -> None:
        self.workspace.show_form()
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.workspace.form.ensureWidgetVisible(widget)

    def judge(self, objective: str) -> None:
        """Judge the shown element's objective (again: clears it), as its button would."""
        form = self.workspace.form
        button = form.objective_buttons.get(objective)
        if button is not None and button.isVisibleTo(form) and button.isEnabled():
            button.click()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.workspace.tree and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.text() in RATING_KEYS \
                and event.text() and not event.modifiers() & (
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return self.rate_from_navigator(event)
        return super().eventFilter(watched, event)

    def rate_from_navigator(self, event: QKeyEvent) -> bool:
        """Give the key to the form's current indicator (the first unrated when none is)."""
        form = self.workspace.form
        rows = form.visible_rows()
        if not rows or self.workspace.tabs.currentWidget() is not form:
            return False
        current = form.focused_indicator()
        if current is None:
            current = next((n for n, r in enumerate(rows) if r.selector.value() is None), 0)
        form.focus_indicator(current)
        copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
        QApplication.sendEvent(rows[current].selector, copy)
        return True

    def _rated(self, indicator: str) -> None:
        if not self.settings.advance_after_rating:
            return
        form = self.workspace.form
        rows = form.visible_rows()
        at = next((n for n, r in enumerate(rows) if r.code == indicator), None)
        if at is None or not rows[at].selector.hasFocus():
            return  # rated from elsewhere (undo, a test, the consensus screen): leave focus
        later = [n for n in range(at + 1, len(rows)) if rows[n].selector.value() is None]
        if later:
            form.focus_indicator(later[0])
