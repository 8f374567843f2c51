"""Rating from the keyboard: keys in the navigator rate the form, focus moves to the next
unrated indicator (a setting, on by default)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workbench.core.ratings import NA
from workbench.gui.main_window import MainWindow
from workbench.gui.workspace import Workspace
from workbench.services import assessment

ELEMENT = "D6.5"  # unrated in the demo


def _values(ws: Workspace) -> dict[str, object]:
    ctx = ws.context
    return dict(assessment.element_sheet(ctx.session, ctx.engagement_id, ELEMENT,
                                         ctx.assessor).indicators)


def _active(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)


def test_keys_in_the_navigator_rate_and_focus_moves_to_the_next_unrated(
        qtbot: QtBot, window: MainWindow, workspace: Workspace) -> None:
    _active(qtbot, window)
    workspace.select_element(ELEMENT)
    workspace.tree.setFocus()
    rows = workspace.form.visible_rows()
    qtbot.keyClick(workspace.tree, Qt.Key.Key_3)
    assert _values(workspace)[rows[0].code] == 3
    assert rows[1].selector.hasFocus()  # the next unrated indicator
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N)
    assert _values(workspace)[rows[1].code] == NA
    assert rows[2].selector.hasFocus()
    rows[0].selector.setFocus()
    qtbot.keyClick(rows[0].selector, Qt.Key.Key_5)  # re-rating skips the rated ones
    assert _values(workspace)[rows[0].code] == 5
    assert rows[2].selector.hasFocus()


def test_moving_on_after_rating_can_be_turned_off(
        qtbot: QtBot, window: MainWindow, workspace: Workspace) -> None:
    action = window.findChild(QAction, "action_advance_after_rating")
    assert action is not None and action.isChecked()
    action.setChecked(False)
    assert window.settings.advance_after_rating is False
    _active(qtbot, window)
    workspace.select_element(ELEMENT)
    rows = workspace.form.visible_rows()
    rows[0].selector.setFocus()
    qtbot.keyClick(rows[0].selector, Qt.Key.Key_2)
    assert _values(workspace)[rows[0].code] == 2
    assert rows[0].selector.hasFocus()


def test_tab_goes_from_indicator_to_indicator_and_ctrl_enter_opens_the_note(
        qtbot: QtBot, window: MainWindow, workspace: Workspace) -> None:
    _active(qtbot, window)
    workspace.select_element(ELEMENT)
    rows = workspace.form.visible_rows()
    rows[0].selector.setFocus()
    qtbot.keyClick(rows[0].selector, Qt.Key.Key_Tab)
    assert rows[1].selector.hasFocus()  # not the Note button between them
    qtbot.keyClick(rows[1].selector, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert rows[1].note_button.isChecked() and rows[1].note.hasFocus()
    qtbot.keyClicks(rows[1].note, "Seen in the roadmap")
    rows[1].note.flush()
    ctx = workspace.context
    sheet = assessment.element_sheet(ctx.session, ctx.engagement_id, ELEMENT, ctx.assessor)
    assert sheet.indicator_notes[rows[1].code] == "Seen in the roadmap"


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + \
        0.0722 * channel(colour.blueF())


def test_a_selected_level_is_ringed_visibly_on_every_level() -> None:
    from workbench.gui.widgets.level_selector import selected_border

    white = _luminance(QColor("white"))
    for level in range(1, 6):
        ring = _luminance(selected_border(level))
        contrast = (max(white, ring) + 0.05) / (min(white, ring) + 0.05)
        assert contrast >= 3.0, (level, contrast)  # WCAG non-text contrast


def test_the_shortcut_list_shows_keys_a_laptop_has(window: MainWindow) -> None:
    from workbench.gui.actions import ActionId, typable

    table = dict(window.registry.shortcut_table())
    for keys in table.values():
        for key in filter(None, keys.split(", ")):
            assert typable(key), key
    assert "Ctrl+Z" in table["Undo"] and "Undo" not in table["Undo"].split(", ")
    assert table["Keyboard Shortcuts"].split(", ")[0] == "F1"
    assert window.registry[ActionId.UNDO].shortcuts()  # the extra bindings still work
    assert not typable("F14") and not typable("Undo") and typable("Ctrl+Shift+Del")


def test_ctrl_j_then_a_letter_judges_the_objective_and_goes_to_target_notes_assessor(
        qtbot: QtBot, window: MainWindow, workspace: Workspace) -> None:
    from workbench.gui.dialogs import ShortcutsDialog

    _active(qtbot, window)
    workspace.select_element(ELEMENT)
    workspace.tree.setFocus()
    ctx = workspace.context

    def objective() -> str | None:
        return assessment.element_sheet(ctx.session, ctx.engagement_id, ELEMENT,
                                        ctx.assessor).objective

    for letter, key in (("P", "partially"), ("F", "fully"), ("Y", "not_yet")):
        qtbot.keyClick(workspace.tree, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(workspace.tree, getattr(Qt.Key, f"Key_{letter}"))
        assert objective() == key, letter
    for letter, target in (("T", workspace.form.target), ("E", workspace.form.notes),
                           ("A", window.assessor_combo)):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{letter}"))
        assert target.hasFocus(), letter
    listed = dict(ShortcutsDialog.SCORING_KEYS)
    assert listed["Objective: fully / partially / not yet achieved"] == "Ctrl+J, F / P / Y"
