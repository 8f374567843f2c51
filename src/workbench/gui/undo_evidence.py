"""Undo of removing an improvement action or an attachment (the destructive evidence edits).

Each command runs its service through `EngagementContext.call`; undo puts back what was
removed (an action with every field, an attachment with its file, name and caption) and
remembers the id it came back under, so a redo removes that one.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.core.engagement import Action, AttachmentInfo
from workbench.core.errors import WorkbenchError
from workbench.gui.context import EngagementContext
from workbench.gui.undo import ServiceCommand
from workbench.services import actions, attachments
from workbench.services.session import Change


class RemoveAction(ServiceCommand):
    def __init__(self, context: EngagementContext, action: Action) -> None:
        super().__init__(context, action.element, f"remove the action “{action.action[:40]}”")
        assert action.id is not None
        self.action_id: int = action.id
        self.kept = replace(action, id=None)

    def made_a_difference(self, change: Change) -> bool:
        return True

    def do(self) -> Change | None:
        change = self.context.call(actions.remove, self.action_id)
        if change is not None and isinstance(change.old, Action):
            self.kept = replace(change.old, id=None)
        return change

    def undo_it(self) -> None:
        change = self.context.call(actions.add, self.kept)
        if change is not None and change.item_id is not None:
            self.action_id = change.item_id


class RemoveAttachment(ServiceCommand):
    """The file's content is read before it is removed, so undo attaches it again."""

    def __init__(self, context: EngagementContext, info: AttachmentInfo) -> None:
        super().__init__(context, info.element, f"remove {info.filename[:40]}")
        self.info = info
        self.attachment_id = info.id
        self.data = b""

    def made_a_difference(self, change: Change) -> bool:
        return True

    def do(self) -> Change | None:
        try:
            self.data = attachments.content(self.context.session, self.context.engagement_id,
                                            self.attachment_id)
        except WorkbenchError as exc:
            self.context.failed.emit(str(exc))
            return None
        return self.context.call(attachments.remove, self.attachment_id)

    def undo_it(self) -> None:
        change = self.context.call(attachments.attach_bytes, self.info.element,
                                   self.info.filename, self.data, self.info.caption,
                                   self.info.assessor)
        if change is not None and change.item_id is not None:
            self.attachment_id = change.item_id
