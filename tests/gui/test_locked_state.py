"""A signed-off engagement looks locked: objective buttons and undo disabled, and an undo
that is refused never moves the undo history."""

from __future__ import annotations

from workbench.gui.actions import ActionId
from workbench.gui.main_window import MainWindow
from workbench.gui.workspace import Workspace
from workbench.services import assessment, signoff
from workbench.services.session import Change, ChangeKind

from .conftest import Dialogs

ELEMENT = "D6.5"


def _sign(window: MainWindow, demo: str) -> None:
    signoff.sign_off(window.session, demo, [signoff.Signer("Amira Haddad", "Lead assessor")],
                     accept_warnings=True)


def test_a_signed_engagement_disables_the_objective_buttons_and_undo(
        window: MainWindow, workspace: Workspace, demo: str) -> None:
    workspace.select_element(ELEMENT)
    code = workspace.form.visible_rows()[0].code
    workspace.form.rate(code, 3)
    undo = window.registry[ActionId.UNDO]
    assert undo.isEnabled()
    assert all(b.isEnabled() for b in workspace.form.objective_buttons.values())
    _sign(window, demo)
    window._signoff_changed(Change(ChangeKind.ENGAGEMENT_UPDATED, demo))
    assert not any(b.isEnabled() for b in workspace.form.objective_buttons.values())
    assert not undo.isEnabled() and not window.registry[ActionId.REDO].isEnabled()
    stack = workspace.context.undo_stack
    index = stack.index()
    undo.trigger()  # a shortcut pressed anyway
    assert not workspace.context.step_history(False)
    assert stack.index() == index
    signoff.amend(window.session, demo, "Client asked to re-rate D6.5")
    window._signoff_changed(Change(ChangeKind.ENGAGEMENT_UPDATED, demo))
    assert undo.isEnabled()
    undo.trigger()
    assert assessment.element_sheet(window.session, demo, ELEMENT).indicators[code] is None


def test_an_undo_the_service_refuses_leaves_the_history_where_it_was(
        window: MainWindow, workspace: Workspace, demo: str, modal: Dialogs) -> None:
    workspace.select_element(ELEMENT)
    code = workspace.form.visible_rows()[0].code
    workspace.form.rate(code, 2)
    workspace.form.rate(code, 4)
    stack = workspace.context.undo_stack
    assert stack.index() == 2
    _sign(window, demo)  # signed elsewhere: this window has not heard yet
    assert not workspace.context.step_history(False)
    assert stack.index() == 2 and stack.canUndo() and not stack.canRedo()
    assert modal.errors and "signed" in modal.errors[-1].lower()
    signoff.amend(window.session, demo, "Client asked to re-rate D6.5")
    assert workspace.context.step_history(False)  # the same step works once allowed
    assert stack.index() == 1
    assert assessment.element_sheet(window.session, demo, ELEMENT).indicators[code] == 2
