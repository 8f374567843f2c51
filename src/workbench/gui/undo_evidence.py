"""Undo of the evidence edits: actions (add, edit, remove) and attachments (attach, caption,
remove).

Each command runs its service through `EngagementContext.call`; undo puts back what was
there (an action with every field, an attachment with its file, name and caption). An item
that comes back gets a new id: the context records it (`renumber`), so every command that
still holds the old id reaches the item (`current_id`).
"""

from __future__ import annotations

from workbench.core.engagement import Action, AttachmentInfo
from workbench.core.errors import WorkbenchError
from workbench.core.site_log import ReviewedDocument
from workbench.gui.context import EngagementContext
from workbench.gui.undo import ServiceCommand, SetValue
from workbench.services import actions, attachments, site_log
from workbench.services.session import Change, ChangeKind

ACTION, ATTACHMENT = "action", "attachment"  # the kinds of id `EngagementContext.renumber` keeps


class RemoveAction(ServiceCommand):
    def __init__(self, context: EngagementContext, action: Action) -> None:
        super().__init__(context, action.element, f"remove the action “{action.action[:40]}”")
        assert action.id is not None
        self.action_id: int = action.id
        self.kept = action._replace(id=None)

    def made_a_difference(self, change: Change) -> bool:
        return True

    def do(self) -> Change | None:
        self.action_id = self.context.current_id(ACTION, self.action_id)
        change = self.context.call(actions.remove, self.action_id)
        if change is not None and isinstance(change.old, Action):
            self.kept = change.old._replace(id=None)
        return change

    def undo_it(self) -> None:
        self.action_id = self.context.followed(ACTION, self.action_id,
                                               self.context.call(actions.add, self.kept))


class RemoveAttachment(ServiceCommand):
    """The file's content is read before it is removed, so undo attaches it again, and
    links it again to the reviewed documents that showed it."""

    def __init__(self, context: EngagementContext, info: AttachmentInfo) -> None:
        super().__init__(context, info.element, f"remove {info.filename[:40]}")
        self.info = info
        self.attachment_id = info.id
        self.data = b""
        self.linked: list[str] = []  # uuids of the documents that named the attachment

    def made_a_difference(self, change: Change) -> bool:
        return True

    def do(self) -> Change | None:
        self.attachment_id = self.context.current_id(ATTACHMENT, self.attachment_id)
        try:
            self.data = attachments.content(self.context.session, self.context.engagement_id,
                                            self.attachment_id)
        except WorkbenchError as exc:
            self.context.failed.emit(str(exc))
            return None
        self.linked = [d.uuid for d in site_log.documents(self.context.session,
                                                          self.context.engagement_id)
                       if d.attachment_id == self.attachment_id and d.uuid]
        return self.context.call(attachments.remove, self.attachment_id)

    def undo_it(self) -> None:
        change = self.context.call(attachments.attach_bytes, self.info.element,
                                   self.info.filename, self.data, self.info.caption,
                                   self.info.assessor)
        if change is not None and change.item_id is not None:
            self.attachment_id = self.context.followed(ATTACHMENT, self.attachment_id, change)
            self._relink(change.item_id)

    def _relink(self, attachment_id: int) -> None:
        for document in site_log.documents(self.context.session, self.context.engagement_id):
            if document.uuid in self.linked and document.id is not None:
                linked: ReviewedDocument = document._replace(attachment_id=attachment_id)
                self.context.call(site_log.update_document, document.id, linked)


class AddAction(ServiceCommand):
    """A new action; undo removes it, redo adds it again (under a new id)."""

    def __init__(self, context: EngagementContext, item: Action) -> None:
        super().__init__(context, item.element, f"add the action “{item.action[:40]}”")
        self.item = item._replace(id=None)
        self.action_id: int | None = None

    def made_a_difference(self, change: Change) -> bool:
        return True

    def do(self) -> Change | None:
        change = self.context.call(actions.add, self.item)
        self.action_id = self.context.followed(ACTION, self.action_id, change)
        return change

    def undo_it(self) -> None:
        if self.action_id is not None:
            self.context.call(actions.remove, self.context.current_id(ACTION, self.action_id))


def edit_action(context: EngagementContext, action: Action, item: Action) -> SetValue[Action]:
    """Change every field of an action at once; undo puts back the fields it had."""
    assert action.id is not None
    action_id = action.id
    return SetValue(context, action.element, f"edit the action “{item.action[:40]}”",
                    lambda value: context.call(actions.update,
                                               context.current_id(ACTION, action_id), value),
                    item._replace(id=None), action._replace(id=None))


def edit_caption(context: EngagementContext, info: AttachmentInfo,
                 caption: str) -> SetValue[str]:
    """Write an attachment's caption; undo puts back the one it had."""
    attachment_id = info.id
    return SetValue(context, info.element, f"edit the caption of {info.filename[:40]}",
                    lambda value: context.call(attachments.set_caption, context.current_id(
                        ATTACHMENT, attachment_id), value), caption.strip(), "")


class AttachedFiles(ServiceCommand):
    """Files attached by a worker (one drop or one Add…): the first redo only records what
    the worker stored; undo removes them (keeping their content), redo attaches them again."""

    def __init__(self, context: EngagementContext, element: str,
                 stored: list[AttachmentInfo]) -> None:
        names = stored[0].filename[:40] if len(stored) == 1 else f"{len(stored)} files"
        super().__init__(context, element, f"attach {names}")
        self.stored = stored
        self.data: dict[int, bytes] = {}

    def made_a_difference(self, change: Change) -> bool:
        return bool(self.stored)

    def do(self) -> Change | None:
        if not self._pushed:
            return Change(ChangeKind.ATTACHMENTS, self.context.engagement_id, self.element)
        for info in self.stored:
            change = self.context.call(attachments.attach_bytes, info.element, info.filename,
                                       self.data.get(info.id, b""), info.caption, info.assessor)
            if change is None or change.item_id is None:
                return None
            self.context.renumber(ATTACHMENT, info.id, change.item_id)
        return Change(ChangeKind.ATTACHMENTS, self.context.engagement_id, self.element)

    def undo_it(self) -> None:
        session, eid = self.context.session, self.context.engagement_id
        for info in self.stored:
            current = self.context.current_id(ATTACHMENT, info.id)
            try:
                self.data[info.id] = attachments.content(session, eid, current)
            except WorkbenchError as exc:
                self.context.failed.emit(str(exc))
                return
            if self.context.call(attachments.remove, current) is None:
                return


class MoveAttachment(ServiceCommand):
    """Give an attachment to another element; undo gives it back (same id, file, caption)."""

    def __init__(self, context: EngagementContext, info: AttachmentInfo, target: str) -> None:
        super().__init__(context, target, f"move {info.filename[:40]} to {target}")
        self.attachment_id, self.source, self.target = info.id, info.element, target
        self.where = target

    def made_a_difference(self, change: Change) -> bool:
        return True

    def _move(self, element: str) -> Change | None:
        change = self.context.call(attachments.move,
                                   self.context.current_id(ATTACHMENT, self.attachment_id),
                                   element)
        if change is not None:
            self.where = element
        return change

    def do(self) -> Change | None:
        return self._move(self.target)

    def undo_it(self) -> None:
        self._move(self.source)

    def reveal(self) -> None:
        self.context.reveal.emit(self.where)  # the element that holds it now


class RotatePhoto(ServiceCommand):
    """A quarter turn of a photo; undo puts back the very bytes it had (no second
    re-encoding), redo turns it again."""

    def __init__(self, context: EngagementContext, info: AttachmentInfo) -> None:
        super().__init__(context, info.element, f"rotate {info.filename[:40]}")
        self.attachment_id = info.id
        self.original = b""

    def made_a_difference(self, change: Change) -> bool:
        return True

    def _follow(self, change: Change | None) -> Change | None:
        self.attachment_id = self.context.followed(ATTACHMENT, self.attachment_id, change)
        return change

    def do(self) -> Change | None:
        self.attachment_id = self.context.current_id(ATTACHMENT, self.attachment_id)
        if not self.original:
            try:
                self.original = attachments.content(self.context.session,
                                                    self.context.engagement_id,
                                                    self.attachment_id)
            except WorkbenchError as exc:
                self.context.failed.emit(str(exc))
                return None
        return self._follow(self.context.call(attachments.rotate, self.attachment_id))

    def undo_it(self) -> None:
        self.attachment_id = self.context.current_id(ATTACHMENT, self.attachment_id)
        self._follow(self.context.call(attachments.restore_content, self.attachment_id,
                                       self.original))
