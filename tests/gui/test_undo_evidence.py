"""Undo covers evidence: a removed strength comes back in its place, a removed action and a
removed attachment come back whole, and redo removes them again."""

from __future__ import annotations

from workbench.core.engagement import Action, ActionStatus, FindingKind, Priority
from workbench.gui.actions import ActionId
from workbench.gui.main_window import MainWindow
from workbench.gui.workspace import Workspace
from workbench.services import actions, assessment, attachments

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
