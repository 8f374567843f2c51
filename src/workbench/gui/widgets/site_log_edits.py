"""The edits of the site-visit log as the screens offer them: add, edit, remove and link an
interview or a reviewed document. Each is one undoable step through the context (its
service call runs as an `Op`); the dialogs check with the service before they close."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from workbench.core.site_log import Interview, ReviewedDocument
from workbench.gui.context import EngagementContext
from workbench.services import attachments, site_log


class SiteLogEditor:
    def __init__(self, context: EngagementContext, parent: QWidget) -> None:
        self.context, self.parent = context, parent

    def _opens_on(self) -> QDate:
        """An interview's calendar opens on the visit's first day (else today)."""
        start = self.context.details.start_date
        day = QDate.fromString(start, "yyyy-MM-dd") if start else QDate()
        return day if day.isValid() else QDate.currentDate()

    def _check_interview(self, item: object) -> object:
        assert isinstance(item, Interview)
        return site_log.check_interview(self.context.session, self.context.engagement_id, item)

    def _check_document(self, item: object) -> object:
        assert isinstance(item, ReviewedDocument)
        return site_log.check_document(self.context.session, self.context.engagement_id, item)

    def ask(self, item: Interview | ReviewedDocument | None, document: bool,
            elements: tuple[str, ...] = ()) -> Interview | ReviewedDocument | None:
        from workbench.gui.widgets import site_log_dialogs

        framework = self.context.framework
        if document:
            files = attachments.attachments(self.context.session, self.context.engagement_id)
            assert item is None or isinstance(item, ReviewedDocument)
            return site_log_dialogs.ask_document(self.parent, framework, files, item,
                                                 self._check_document, elements)
        assert item is None or isinstance(item, Interview)
        return site_log_dialogs.ask_interview(self.parent, framework, item,
                                              self._check_interview, self._opens_on, elements)

    def add(self, document: bool, elements: tuple[str, ...] = ()) -> None:
        from workbench.gui.undo_site_log import AddLogEntry

        if self.context.read_only:
            return
        item = self.ask(None, document, elements)
        if item is not None:
            self.context.undo_stack.push(AddLogEntry(self.context, item))

    def edit(self, item: Interview | ReviewedDocument) -> None:
        from workbench.gui.undo_site_log import EditLogEntry

        if self.context.read_only:
            return
        changed = self.ask(item, isinstance(item, ReviewedDocument))
        if changed is not None and changed._replace(id=item.id, uuid=item.uuid) != item:
            self.context.undo_stack.push(EditLogEntry(self.context, item, changed))

    def remove(self, item: Interview | ReviewedDocument) -> None:
        from workbench.gui import dialogs
        from workbench.gui.undo_site_log import RemoveLogEntry

        if self.context.read_only:
            return
        what = (f"the document “{item.title[:80]}”" if isinstance(item, ReviewedDocument)
                else "the interview " + (f"of {item.held_on} " if item.held_on else "")
                + "with " + ", ".join(p.label() for p in item.people[:3]))
        if dialogs.ask(self.parent, "Remove from the Site-Visit Log", f"Remove {what}?",
                       "Remove", destructive=True):
            self.context.undo_stack.push(RemoveLogEntry(self.context, item))

    def link(self, item: Interview | ReviewedDocument, code: str) -> None:
        """Add `code` to the elements an entry is linked to (one undoable edit)."""
        from workbench.gui.undo_site_log import EditLogEntry

        if self.context.read_only or code in item.elements:
            return
        self.context.undo_stack.push(
            EditLogEntry(self.context, item, item._replace(elements=(*item.elements, code))))
