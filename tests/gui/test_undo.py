"""Undo and redo of ratings and texts: each step calls the service and shows the element."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from workbench.core.ratings import NA
from workbench.gui.actions import ActionId
from workbench.gui.main_window import MainWindow
from workbench.gui.workspace import Workspace
from workbench.services import assessment

ELEMENT = "D6.5"


def values(ws: Workspace, code: str = ELEMENT) -> assessment.ElementSheet:
    return assessment.element_sheet(ws.context.session, ws.context.engagement_id, code,
                                    ws.context.assessor)


def test_undo_and_redo_a_rating(window: MainWindow, workspace: Workspace) -> None:
    workspace.select_element(ELEMENT)
    code = workspace.form.visible_rows()[0].code
    workspace.form.rate(code, 4)
    workspace.form.rate(code, NA)
    undo, redo = window.registry[ActionId.UNDO], window.registry[ActionId.REDO]
    assert undo.isEnabled() and not redo.isEnabled()
    undo.trigger()
    assert values(workspace).indicators[code] == 4
    assert workspace.form.visible_rows()[0].selector.value() == 4
    undo.trigger()
    assert values(workspace).indicators[code] is None
    assert not undo.isEnabled()
    redo.trigger()
    redo.trigger()
    assert values(workspace).indicators[code] == NA
    total_now = workspace.context.score.total
    undo.trigger()
    assert workspace.context.score.total != total_now  # the live score follows the undo


def test_undo_shows_the_element_it_changes(window: MainWindow, workspace: Workspace) -> None:
    workspace.select_element(ELEMENT)
    code = workspace.form.visible_rows()[0].code
    workspace.form.rate(code, 2)
    workspace.select_element("D1.1")
    window.registry[ActionId.UNDO].trigger()
    assert workspace.current_code == ELEMENT
    assert values(workspace).indicators[code] is None


def test_an_edit_that_changes_nothing_is_not_on_the_stack(workspace: Workspace) -> None:
    workspace.select_element("D1.1")
    row = workspace.form.visible_rows()[0]
    workspace.form.rate(row.code, row.selector.value())
    assert workspace.context.undo_stack.count() == 0


def test_undo_objective_target_and_notes(qtbot: QtBot, window: MainWindow,
                                         workspace: Workspace) -> None:
    workspace.select_element(ELEMENT)
    form = workspace.form
    form.judge("fully")
    form.target.activated.emit(form.target.findData(3))
    form.notes.setFocus()
    qtbot.keyClicks(form.notes, "First visit")
    form.notes.flush()
    assert values(workspace).notes == "First visit"
    stack = workspace.context.undo_stack
    assert stack.count() == 3
    stack.undo()
    assert values(workspace).notes == ""
    assert form.notes.toPlainText() == ""
    stack.undo()
    assert values(workspace).target is None
    stack.undo()
    assert values(workspace).objective is None
    assert not any(b.isChecked() for b in form.objective_buttons.values())
    stack.redo()
    assert form.objective_buttons["fully"].isChecked()


def test_undo_removing_a_finding_brings_its_text_back(workspace: Workspace) -> None:
    workspace.select_element("D1.1")
    before = [t for _, t in values(workspace, "D1.1").strengths]
    assert before
    first_id = values(workspace, "D1.1").strengths[0][0]
    workspace.form.strengths.removed.emit(first_id)
    assert values(workspace, "D1.1").strengths == []
    workspace.context.undo_stack.undo()
    assert [t for _, t in values(workspace, "D1.1").strengths] == before
    workspace.context.undo_stack.redo()
    assert values(workspace, "D1.1").strengths == []


def test_undo_text_shows_in_the_menu(window: MainWindow, workspace: Workspace) -> None:
    workspace.select_element(ELEMENT)
    code = workspace.form.visible_rows()[0].code
    workspace.form.rate(code, 3)
    assert window.registry[ActionId.UNDO].text() == f"&Undo rate {code} 3"


def test_the_toolbar_keeps_short_undo_labels_and_says_more_in_the_tooltip(
        window: MainWindow, workspace: Workspace) -> None:
    workspace.select_element(ELEMENT)
    code = workspace.form.visible_rows()[0].code
    button = window.toolbar.widgetForAction(window.registry[ActionId.UNDO])
    width = button.sizeHint().width()
    workspace.form.rate(code, 3)
    assert button.text() == "Undo"
    assert button.sizeHint().width() == width  # the toolbar does not reflow
    assert f"Undo rate {code} 3" in window.registry[ActionId.UNDO].toolTip()


def test_rating_as_stays_on_the_toolbar_at_1366_px(qtbot: QtBot, window: MainWindow,
                                                   workspace: Workspace) -> None:
    from PySide6.QtWidgets import QApplication, QToolButton

    workspace.select_element(ELEMENT)
    workspace.form.rate(workspace.form.visible_rows()[0].code, 3)  # a long undo text
    QApplication.processEvents()
    assert window.width() == 1366
    extension = window.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is None or not extension.isVisible()  # nothing in an overflow menu
    combo = window.assessor_combo
    assert combo.isVisible()
    assert combo.mapTo(window, combo.rect().topRight()).x() <= window.width()
