"""Undo keeps one history per assessor: it never undoes a colleague's edit."""

from __future__ import annotations

from workbench.gui.actions import ActionId
from workbench.gui.main_window import MainWindow
from workbench.gui.undo import SetConsensus
from workbench.gui.workspace import Workspace
from workbench.services import assessment, consensus

ELEMENT = "D6.5"


def rating(ws: Workspace, code: str, who: str) -> object:
    sheet = assessment.element_sheet(ws.context.session, ws.context.engagement_id, ELEMENT, who)
    return sheet.indicators[code]


def choose(window: MainWindow, name: str) -> None:
    combo = window.assessor_combo
    combo.setCurrentIndex(combo.findData(name))
    combo.activated.emit(combo.currentIndex())


def test_undo_never_undoes_another_assessors_edit(window: MainWindow,
                                                  workspace: Workspace) -> None:
    undo, redo = window.registry[ActionId.UNDO], window.registry[ActionId.REDO]
    lead, colleague = workspace.context.team[0].name, workspace.context.team[1].name
    workspace.select_element(ELEMENT)
    code = workspace.form.visible_rows()[0].code
    workspace.form.rate(code, 4)  # as the lead
    choose(window, colleague)
    assert workspace.context.assessor == colleague
    assert not undo.isEnabled()  # nothing of theirs to undo yet
    workspace.form.rate(code, 2)
    undo.trigger()
    assert rating(workspace, code, colleague) is None
    assert rating(workspace, code, lead) == 4  # the lead's rating is untouched
    assert not undo.isEnabled() and redo.isEnabled()
    undo.trigger()  # disabled: the shortcut does nothing
    assert rating(workspace, code, lead) == 4
    choose(window, lead)
    assert undo.isEnabled() and "rate" in undo.text()
    undo.trigger()
    assert rating(workspace, code, lead) is None
    choose(window, colleague)
    redo.trigger()  # the colleague's own redo is still there
    assert rating(workspace, code, colleague) == 2


def test_a_consensus_edit_belongs_to_whoever_made_it(window: MainWindow,
                                                     workspace: Workspace) -> None:
    ctx = workspace.context
    lead, colleague = ctx.team[0].name, ctx.team[1].name
    view = consensus.overview(ctx.session, ctx.engagement_id)
    element = view.needing[0]
    item = next(i for i in element.items if i.proposed is not None and i.consensus is None)
    ctx.undo_stack.push(SetConsensus(ctx, element.code, item.code, item.proposed))
    assert consensus.current(ctx.session, ctx.engagement_id, item.code).value == item.proposed
    choose(window, colleague)
    assert not window.registry[ActionId.UNDO].isEnabled()
    choose(window, lead)
    window.registry[ActionId.UNDO].trigger()
    assert consensus.current(ctx.session, ctx.engagement_id, item.code).value is None


def test_removing_an_assessor_forgets_their_history(window: MainWindow,
                                                    workspace: Workspace) -> None:
    from workbench.services import engagements

    ctx = workspace.context
    colleague = ctx.team[2].name
    choose(window, colleague)
    workspace.select_element(ELEMENT)
    workspace.form.rate(workspace.form.visible_rows()[0].code, 3)
    choose(window, ctx.team[0].name)
    assert ctx.stack_for(colleague).count() == 1
    engagements.remove_assessor(ctx.session, ctx.engagement_id, colleague,
                                reassign_to=ctx.team[0].name)
    ctx.reload_details()
    assert colleague not in [a.name for a in ctx.team]
    assert ctx.undo_group.stacks() == [ctx.undo_stack]
