"""Scoring an element: mouse and keyboard, N/A, objective, target, notes, findings, assessor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from workbench.core.display import score_text
from workbench.core.errors import LockedError
from workbench.core.ratings import NA
from workbench.gui.actions import ActionId
from workbench.gui.main_window import MainWindow
from workbench.gui.models.navigator import STATUS_ROLE
from workbench.gui.workspace import Workspace
from workbench.services import assessment, scores

from .conftest import Dialogs

UNRATED_ELEMENT = "D6.5"  # the demo leaves the last elements for day three


def sheet(ws: Workspace, code: str, assessor: str | None = None) -> assessment.ElementSheet:
    ctx = ws.context
    return assessment.element_sheet(ctx.session, ctx.engagement_id, code,
                                    assessor or ctx.assessor)


def test_clicking_a_level_rates_the_indicator_and_moves_the_scores(
        qtbot: QtBot, window: MainWindow, workspace: Workspace) -> None:
    workspace.select_element(UNRATED_ELEMENT)
    row = workspace.form.visible_rows()[0]
    before = scores.score(workspace.context.session, workspace.context.engagement_id)
    qtbot.mouseClick(row.selector, Qt.MouseButton.LeftButton,
                     pos=row.selector.segment_rect(4).center())
    assert sheet(workspace, UNRATED_ELEMENT).indicators[row.code] == 4
    assert row.selector.value() == 4
    after = scores.score(workspace.context.session, workspace.context.engagement_id)
    assert after.total > before.total
    panel = workspace.score_panel
    element = after.elements[UNRATED_ELEMENT]
    assert panel.element.figure.text() == f"{score_text(element.score)} / {element.points:g}"
    assert panel.total.figure.text() == f"{score_text(after.total)} / 1000"
    dim = after.dimensions["D6"]
    assert panel.dimension.figure.text() == f"{score_text(dim.score)} / {dim.max:g}"
    status = workspace.model.index_of(UNRATED_ELEMENT).data(STATUS_ROLE)
    assert status == "incomplete"
    assert window.status.saved_label.text().startswith("Saved")


def test_clicking_the_chosen_level_again_clears_it(qtbot: QtBot, workspace: Workspace) -> None:
    workspace.select_element(UNRATED_ELEMENT)
    row = workspace.form.visible_rows()[0]
    centre = row.selector.segment_rect(2).center()
    qtbot.mouseClick(row.selector, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseClick(row.selector, Qt.MouseButton.LeftButton, pos=centre)
    assert sheet(workspace, UNRATED_ELEMENT).indicators[row.code] is None


def test_number_keys_rate_and_n_marks_not_applicable(qtbot: QtBot, window: MainWindow,
                                                     workspace: Workspace) -> None:
    window.settings.advance_after_rating = False  # moving on by itself: test_keyboard_flow
    workspace.select_element(UNRATED_ELEMENT)
    rows = workspace.form.visible_rows()
    rows[0].selector.setFocus()
    qtbot.keyClick(rows[0].selector, Qt.Key.Key_3)
    qtbot.keyClick(rows[0].selector, Qt.Key.Key_Down)  # on to the next indicator
    assert rows[1].selector.hasFocus()
    qtbot.keyClick(rows[1].selector, Qt.Key.Key_N)
    qtbot.keyClick(rows[1].selector, Qt.Key.Key_Down)
    qtbot.keyClick(rows[2].selector, Qt.Key.Key_5)
    qtbot.keyClick(rows[2].selector, Qt.Key.Key_Left)  # one level down: 4
    values = sheet(workspace, UNRATED_ELEMENT).indicators
    assert values[rows[0].code] == 3
    assert values[rows[1].code] == NA
    assert values[rows[2].code] == 4
    assert rows[1].caption.isHidden() and not rows[2].caption.isHidden()
    assert "Managed" in rows[2].caption.text()
    qtbot.keyClick(rows[2].selector, Qt.Key.Key_Backspace)
    assert sheet(workspace, UNRATED_ELEMENT).indicators[rows[2].code] is None
    summary = workspace.form.indicator_summary.text()
    assert summary.startswith(f"1 of {len(rows)} rated · 1 N/A")


def test_all_indicators_not_applicable_makes_the_element_not_applicable(
        workspace: Workspace) -> None:
    workspace.select_element(UNRATED_ELEMENT)
    for row in workspace.form.visible_rows():
        workspace.form.rate(row.code, NA)
    assert workspace.model.index_of(UNRATED_ELEMENT).data(STATUS_ROLE) == "not_applicable"
    assert workspace.score_panel.element.figure.text() == "N/A"
    result = workspace.context.score
    assert result.applicable_max == 1000 - result.elements[UNRATED_ELEMENT].points


def test_objective_buttons_judge_and_a_second_click_clears(workspace: Workspace) -> None:
    workspace.select_element(UNRATED_ELEMENT)
    button = workspace.form.objective_buttons["partially"]
    button.click()
    assert sheet(workspace, UNRATED_ELEMENT).objective == "partially"
    assert button.isChecked()
    workspace.form.objective_buttons["fully"].click()
    assert sheet(workspace, UNRATED_ELEMENT).objective == "fully"
    assert not button.isChecked()
    workspace.form.objective_buttons["fully"].click()
    assert sheet(workspace, UNRATED_ELEMENT).objective is None
    assert not any(b.isChecked() for b in workspace.form.objective_buttons.values())


def test_target_level_is_set_from_the_combo(workspace: Workspace) -> None:
    workspace.select_element(UNRATED_ELEMENT)
    combo = workspace.form.target
    combo.setCurrentIndex(combo.findData(4))
    combo.activated.emit(combo.currentIndex())
    assert sheet(workspace, UNRATED_ELEMENT).target == 4
    assert workspace.context.score.elements[UNRATED_ELEMENT].target == 4


def test_notes_autosave_after_a_pause_and_say_saved(qtbot: QtBot, window: MainWindow,
                                                   workspace: Workspace) -> None:
    workspace.select_element(UNRATED_ELEMENT)
    notes = workspace.form.notes
    notes.setFocus()
    window.status.saved_label.setText("")
    qtbot.keyClicks(notes, "Saw the omnichannel roadmap")
    assert sheet(workspace, UNRATED_ELEMENT).notes == ""  # not yet: the pause has not passed
    qtbot.waitUntil(lambda: sheet(workspace, UNRATED_ELEMENT).notes ==
                    "Saw the omnichannel roadmap", timeout=3000)
    assert window.status.saved_label.text().startswith("Saved")


def test_notes_are_saved_when_leaving_the_field_or_the_element(qtbot: QtBot,
                                                               workspace: Workspace) -> None:
    workspace.select_element(UNRATED_ELEMENT)
    notes = workspace.form.notes
    notes.set_delay(60_000, 60_000)  # only leaving may save here
    notes.setFocus()
    qtbot.keyClicks(notes, "Draft")
    workspace.step_element(-1)
    assert sheet(workspace, UNRATED_ELEMENT).notes == "Draft"
    assert workspace.current_code != UNRATED_ELEMENT


def test_indicator_note_is_saved(qtbot: QtBot, workspace: Workspace) -> None:
    workspace.select_element(UNRATED_ELEMENT)
    row = workspace.form.visible_rows()[0]
    row.note_button.click()
    assert row.note.isVisible()
    qtbot.keyClicks(row.note, "Only in retail")
    row.note.flush()
    assert sheet(workspace, UNRATED_ELEMENT).indicator_notes[row.code] == "Only in retail"


def test_strengths_and_opportunities_are_added_edited_and_removed(
        qtbot: QtBot, workspace: Workspace) -> None:
    workspace.select_element(UNRATED_ELEMENT)
    editor = workspace.form.strengths
    qtbot.keyClicks(editor.entry, "Clear channel ownership")
    qtbot.keyClick(editor.entry, Qt.Key.Key_Return)
    found = sheet(workspace, UNRATED_ELEMENT).strengths
    assert [t for _, t in found] == ["Clear channel ownership"]
    assert editor.list.count() == 1
    item = editor.list.item(0)
    item.setText("Clear ownership of every channel")
    assert [t for _, t in sheet(workspace, UNRATED_ELEMENT).strengths] == [
        "Clear ownership of every channel"]
    editor.list.setCurrentRow(0)
    editor.list.setFocus()
    qtbot.keyClick(editor.list, Qt.Key.Key_Delete)
    assert sheet(workspace, UNRATED_ELEMENT).strengths == []
    workspace.form.opportunities.added.emit("Publish the channel strategy")
    assert [t for _, t in sheet(workspace, UNRATED_ELEMENT).opportunities] == [
        "Publish the channel strategy"]


def test_ratings_go_to_the_assessor_chosen_in_the_toolbar(window: MainWindow,
                                                         workspace: Workspace) -> None:
    combo = window.assessor_combo
    names = [combo.itemData(i) for i in range(combo.count())]
    assert names == ["Amira Haddad", "Tomás Müller", "Zoë Lindqvist"]
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    assert workspace.context.assessor == "Zoë Lindqvist"
    assert window.status.assessor.text() == "Rating as Zoë Lindqvist"
    workspace.select_element(UNRATED_ELEMENT)
    code = workspace.form.visible_rows()[0].code
    workspace.form.rate(code, 2)
    assert sheet(workspace, UNRATED_ELEMENT, "Zoë Lindqvist").indicators[code] == 2
    assert sheet(workspace, UNRATED_ELEMENT, "Amira Haddad").indicators[code] is None
    assert window.settings.assessor_for(workspace.context.engagement_id) == "Zoë Lindqvist"


def test_form_shows_the_assessors_own_ratings(window: MainWindow,
                                              workspace: Workspace) -> None:
    workspace.select_element("D2.1")  # Tomás rated D2 too, differently
    amira = [r.selector.value() for r in workspace.form.visible_rows()]
    window.assessor_combo.activated.emit(1)
    tomas = [r.selector.value() for r in workspace.form.visible_rows()]
    expected = sheet(workspace, "D2.1", "Tomás Müller").indicators
    assert tomas == [expected[r.code] for r in workspace.form.visible_rows()]
    assert amira != tomas


def test_next_and_previous_element_and_indicator_keys(qtbot: QtBot, window: MainWindow,
                                                      workspace: Workspace) -> None:
    workspace.select_element("D1.1")
    window.registry[ActionId.NEXT_ELEMENT].trigger()
    assert workspace.current_code == "D1.2"
    window.registry[ActionId.PREVIOUS_ELEMENT].trigger()
    assert workspace.current_code == "D1.1"
    assert workspace.form.focused_indicator() == 0
    window.registry[ActionId.NEXT_INDICATOR].trigger()
    assert workspace.form.focused_indicator() == 1
    window.registry[ActionId.PREVIOUS_INDICATOR].trigger()
    assert workspace.form.focused_indicator() == 0


def test_enablers_have_no_objective_but_can_be_rated(workspace: Workspace) -> None:
    workspace.select_element("E2")
    assert workspace.form.objective_box.isHidden()
    code = workspace.form.visible_rows()[0].code
    workspace.form.rate(code, 5)
    assert sheet(workspace, "E2").indicators[code] == 5
    assert workspace.score_panel.element.caption.text() == "ENABLER"


def test_a_refused_edit_shows_the_services_message(workspace: Workspace, modal: Dialogs,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def locked(*_args: object, **_kw: object) -> None:
        raise LockedError("this engagement is signed off and can no longer be changed")

    workspace.select_element(UNRATED_ELEMENT)
    row = workspace.form.visible_rows()[0]
    monkeypatch.setattr(assessment, "rate", locked)
    workspace.form.rate(row.code, 3)
    assert row.selector.value() is None
    assert workspace.context.undo_stack.count() == 0
    assert any("signed off" in e for e in modal.errors)


def test_an_unassessed_element_says_so_and_its_objective_is_not_judged(
        qtbot: QtBot, window: MainWindow, workspace: Workspace) -> None:
    workspace.select_element(UNRATED_ELEMENT)
    panel, box = workspace.score_panel, workspace.form.objective_box
    assert panel.element.figure.text() == "Not assessed"  # never "0.0 / 50" at level 1
    assert panel.element.chip.text == "Not assessed"
    assert "own ratings" not in panel.own.text()  # no "0%" for ratings nobody gave
    assert not box.state.isHidden() and box.state.text() == "Not judged"
    assert not any(b.isChecked() for b in box.buttons.values())
    qtbot.mouseClick(box.buttons["not_yet"], Qt.MouseButton.LeftButton)
    assert sheet(workspace, UNRATED_ELEMENT).objective == "not_yet"
    assert box.state.isHidden()  # "Not yet achieved" is a judgement: no longer "Not judged"
    assert panel.element.figure.text() != "Not assessed"
