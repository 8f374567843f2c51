"""Undo covers evidence: a removed strength comes back in its place, a removed action and a
removed attachment come back whole, and redo removes them again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from workbench.core.engagement import Action, ActionStatus, FindingKind, Priority
from workbench.core.site_log import ReviewedDocument
from workbench.gui.actions import ActionId
from workbench.gui.main_window import MainWindow
from workbench.gui.workspace import Workspace
from workbench.services import actions, assessment, attachments, site_log

from .conftest import Dialogs

ELEMENT = "D6.5"


def _strengths(ws: Workspace) -> list[str]:
    ctx = ws.context
    return [t for _i, t in assessment.findings(ctx.session, ctx.engagement_id, ELEMENT,
                                               FindingKind.STRENGTH, ctx.assessor)]


def test_undoing_a_removed_strength_puts_it_back_in_its_place(
        window: MainWindow, workspace: Workspace) -> None:
    ctx = workspace.context
    for text in ("First", "Second", "Third"):
        ctx.commit(assessment.add_finding(ctx.session, ctx.engagement_id, ELEMENT,
                                          FindingKind.STRENGTH, text, ctx.assessor))
    workspace.select_element(ELEMENT)
    editor = workspace.form.strengths
    middle = next(fid for fid, text in editor.items() if text == "Second")
    editor.removed.emit(middle)
    assert _strengths(workspace) == ["First", "Third"]
    window.registry[ActionId.UNDO].trigger()
    assert _strengths(workspace) == ["First", "Second", "Third"]
    assert [t for _i, t in editor.items()] == ["First", "Second", "Third"]
    window.registry[ActionId.REDO].trigger()
    assert _strengths(workspace) == ["First", "Third"]


def test_undoing_a_removed_action_restores_every_field(
        window: MainWindow, workspace: Workspace, modal: Dialogs) -> None:
    ctx = workspace.context
    item = Action(ELEMENT, "Map channel features to journeys", "Digital Lead", Priority.HIGH,
                  "2027-05-31", ActionStatus.IN_PROGRESS)
    ctx.commit(actions.add(ctx.session, ctx.engagement_id, item))
    workspace.select_element(ELEMENT)
    panel = workspace.form.actions_panel
    panel.table.selectRow(0)
    modal.answers = [True]
    panel.remove_button.click()
    assert actions.list_actions(ctx.session, ctx.engagement_id, ELEMENT) == []
    undo = window.registry[ActionId.UNDO]
    assert undo.isEnabled()
    undo.trigger()
    back = actions.list_actions(ctx.session, ctx.engagement_id, ELEMENT)
    assert [(a.action, a.owner, a.priority, a.due_date, a.status) for a in back] == [
        (item.action, item.owner, item.priority, item.due_date, item.status)]
    assert panel.model.rowCount() == 1
    window.registry[ActionId.REDO].trigger()
    assert actions.list_actions(ctx.session, ctx.engagement_id, ELEMENT) == []


def test_undoing_a_removed_attachment_brings_back_its_file_and_caption(
        window: MainWindow, workspace: Workspace, modal: Dialogs) -> None:
    ctx = workspace.context
    ctx.commit(attachments.attach_bytes(ctx.session, ctx.engagement_id, ELEMENT, "notes.txt",
                                        b"seen on site", "Board minutes, May"))
    workspace.select_element(ELEMENT)
    panel = workspace.form.attachments
    panel.list.setCurrentRow(0)
    modal.answers = [True]
    panel.remove_button.click()
    assert attachments.attachments(ctx.session, ctx.engagement_id, ELEMENT) == []
    window.registry[ActionId.UNDO].trigger()
    [back] = attachments.attachments(ctx.session, ctx.engagement_id, ELEMENT)
    assert (back.filename, back.caption) == ("notes.txt", "Board minutes, May")
    assert attachments.content(ctx.session, ctx.engagement_id, back.id) == b"seen on site"
    assert panel.list.count() == 1
    window.registry[ActionId.REDO].trigger()
    assert attachments.attachments(ctx.session, ctx.engagement_id, ELEMENT) == []



def test_undoing_a_removed_attachment_links_it_again_to_its_reviewed_document(
        window: MainWindow, workspace: Workspace, modal: Dialogs) -> None:
    ctx = workspace.context
    change = attachments.attach_bytes(ctx.session, ctx.engagement_id, ELEMENT, "policy.txt",
                                      b"channel policy", "Channel policy")
    ctx.commit(change)
    assert change.item_id is not None
    ctx.commit(site_log.add_document(ctx.session, ctx.engagement_id, ReviewedDocument(
        "Channel policy", "Digital Lead", "v3", (ELEMENT,), attachment_id=change.item_id)))
    workspace.select_element(ELEMENT)
    panel = workspace.form.attachments
    panel.list.setCurrentRow(0)
    modal.answers = [True]
    panel.remove_button.click()
    [document] = site_log.documents(ctx.session, ctx.engagement_id, ELEMENT)
    assert document.attachment_id is None
    window.registry[ActionId.UNDO].trigger()
    [back] = attachments.attachments(ctx.session, ctx.engagement_id, ELEMENT)
    [document] = site_log.documents(ctx.session, ctx.engagement_id, ELEMENT)
    assert document.attachment_id == back.id


def _actions(ws: Workspace) -> list[tuple[str, str, Priority, str | None, ActionStatus]]:
    ctx = ws.context
    return [(a.action, a.owner, a.priority, a.due_date, a.status)
            for a in actions.list_actions(ctx.session, ctx.engagement_id, ELEMENT)]


def test_adding_and_editing_an_action_are_undone_and_redone(
        window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.gui.widgets import actions_section

    workspace.select_element(ELEMENT)
    panel = workspace.form.actions_panel
    first = Action(ELEMENT, "Map channel features to journeys", "Digital Lead", Priority.HIGH,
                   "2027-05-31", ActionStatus.OPEN)
    monkeypatch.setattr(actions_section, "edit_action", lambda *_a: first)
    panel.add_button.click()
    added = [(first.action, "Digital Lead", Priority.HIGH, "2027-05-31", ActionStatus.OPEN)]
    assert _actions(workspace) == added
    undo, redo = window.registry[ActionId.UNDO], window.registry[ActionId.REDO]
    assert "add the action" in undo.toolTip()
    undo.trigger()
    assert _actions(workspace) == [] and panel.model.rowCount() == 0
    redo.trigger()
    assert _actions(workspace) == added and panel.model.rowCount() == 1

    changed = Action(ELEMENT, "Map every channel to the journeys", "CX Director", Priority.LOW,
                     None, ActionStatus.IN_PROGRESS)
    monkeypatch.setattr(actions_section, "edit_action", lambda *_a: changed)
    panel.table.selectRow(0)
    panel.edit_button.click()
    edited = [(changed.action, "CX Director", Priority.LOW, None, ActionStatus.IN_PROGRESS)]
    assert _actions(workspace) == edited
    undo.trigger()  # every field comes back, the due date too
    assert _actions(workspace) == added
    redo.trigger()
    assert _actions(workspace) == edited
    undo.trigger()
    undo.trigger()  # the add, made again by the redo under a new id, is undone as well
    assert _actions(workspace) == []


def test_an_edit_is_undone_after_the_action_came_back_under_a_new_id(
        window: MainWindow, workspace: Workspace, modal: Dialogs,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.gui.widgets import actions_section

    ctx = workspace.context
    ctx.commit(actions.add(ctx.session, ctx.engagement_id,
                           Action(ELEMENT, "Before", "Owner")))
    workspace.select_element(ELEMENT)
    panel = workspace.form.actions_panel
    monkeypatch.setattr(actions_section, "edit_action",
                        lambda *_a: Action(ELEMENT, "After", "Owner"))
    panel.table.selectRow(0)
    panel.edit_button.click()
    panel.table.selectRow(0)
    modal.answers = [True]
    panel.remove_button.click()
    undo = window.registry[ActionId.UNDO]
    undo.trigger()  # the removal: the action is back, with another id
    undo.trigger()  # the edit still finds it
    assert [a[0] for a in _actions(workspace)] == ["Before"]
    assert modal.errors == []


def test_attaching_files_is_one_undoable_step(
        qtbot: QtBot, tmp_path: Path, window: MainWindow, workspace: Workspace,
        wait_tasks: Callable[[], None]) -> None:
    from .test_evidence import drop, photo

    ctx = workspace.context
    workspace.select_element(ELEMENT)
    panel = workspace.form.attachments
    notes = tmp_path / "minutes.txt"
    notes.write_text("Steering group minutes")
    assert drop(panel, [photo(tmp_path / "wall.jpg"), notes])
    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=10_000)
    wait_tasks()
    undo, redo = window.registry[ActionId.UNDO], window.registry[ActionId.REDO]
    qtbot.waitUntil(undo.isEnabled, timeout=5000)
    assert "attach 2 files" in undo.toolTip()
    undo.trigger()
    assert attachments.attachments(ctx.session, ctx.engagement_id, ELEMENT) == []
    assert panel.list.count() == 0
    redo.trigger()
    back = attachments.attachments(ctx.session, ctx.engagement_id, ELEMENT)
    assert sorted(a.filename for a in back) == ["minutes.txt", "wall.jpg"]
    text = next(a for a in back if a.filename == "minutes.txt")
    assert attachments.content(ctx.session, ctx.engagement_id, text.id) == \
        b"Steering group minutes"
    assert panel.list.count() == 2
    wait_tasks()  # the thumbnail made again


def test_a_caption_edit_is_undone_and_redone(
        window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.gui.widgets import attachments_section

    ctx = workspace.context
    ctx.commit(attachments.attach_bytes(ctx.session, ctx.engagement_id, ELEMENT, "notes.txt",
                                        b"seen on site", "Board minutes, May"))
    workspace.select_element(ELEMENT)
    panel = workspace.form.attachments
    panel.list.setCurrentRow(0)
    monkeypatch.setattr(attachments_section, "ask_caption", lambda *_a: "Board minutes, June")

    def caption() -> str:
        return attachments.attachments(ctx.session, ctx.engagement_id, ELEMENT)[0].caption

    panel.caption_button.click()
    assert caption() == "Board minutes, June"
    window.registry[ActionId.UNDO].trigger()
    assert caption() == "Board minutes, May"
    assert "Board minutes, May" in panel.list.item(0).toolTip()
    window.registry[ActionId.REDO].trigger()
    assert caption() == "Board minutes, June"
