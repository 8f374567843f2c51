"""The improvement actions of the element shown: the table, and add, edit and remove."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from workbench.core.engagement import Action
from workbench.gui.context import EngagementContext
from workbench.gui.widgets.actions_panel import ActionDialog, ActionsPanel
from workbench.services import actions


def edit_action(parent: QWidget, element: str, action: Action | None) -> Action | None:
    """Ask for a new or changed improvement action (tests replace this)."""
    dialog = ActionDialog(element, action, parent)
    return dialog.value() if dialog.exec() else None


class ActionsSection(ActionsPanel):
    """The actions panel of one element; its edits go through the context, each one an
    undoable step."""

    def __init__(self, context: EngagementContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.code: str | None = None
        self.add_requested.connect(self.add_action)
        self.edit_requested.connect(self.edit_action)
        self.remove_requested.connect(self.remove_action)

    def load(self, code: str | None) -> None:
        self.code = code
        if code is not None:
            self.set_actions(actions.list_actions(self.context.session,
                                                  self.context.engagement_id, code))

    def add_action(self) -> None:
        from workbench.gui.undo_evidence import AddAction

        if self.code is None:
            return
        item = edit_action(self, self.code, None)
        if item is not None:
            self.context.undo_stack.push(AddAction(self.context, item))

    def edit_action(self, action: Action) -> None:
        from workbench.gui import undo_evidence

        if self.code is None or action.id is None:
            return
        item = edit_action(self, self.code, action)
        if item is not None:
            self.context.undo_stack.push(undo_evidence.edit_action(self.context, action, item))

    def remove_action(self, action: Action) -> None:
        from workbench.gui import dialogs
        from workbench.gui.undo_evidence import RemoveAction

        if action.id is not None and dialogs.ask(
                self, "Remove Action", f"Remove the action “{action.action[:80]}”?",
                "Remove", destructive=True):
            self.context.undo_stack.push(RemoveAction(self.context, action))
