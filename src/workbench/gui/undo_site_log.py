"""Undo of the site-visit log: adding, editing and removing an interview or a reviewed document.

An entry removed and brought back by undo keeps its `uuid` (the service restores it under
it) but gets a new id: the context records it (`EngagementContext.renumber`) so every
command holding the old id still reaches the entry. Undo and redo show the log's tab on
the entry (`EngagementContext.reveal_log`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from workbench.core.site_log import Interview, ReviewedDocument
from workbench.gui.context import DOCUMENT, INTERVIEW, EngagementContext
from workbench.gui.undo import ServiceCommand
from workbench.services import site_log
from workbench.services.session import Change

E = TypeVar("E", Interview, ReviewedDocument)


@dataclass(frozen=True)
class LogKind(Generic[E]):
    name: str  # INTERVIEW or DOCUMENT: the kind of id `renumber` keeps
    add: Callable[..., Change]
    update: Callable[..., Change]
    remove: Callable[..., Change]


KINDS: dict[str, LogKind[Interview] | LogKind[ReviewedDocument]] = {
    INTERVIEW: LogKind[Interview](INTERVIEW, site_log.add_interview, site_log.update_interview,
                                  site_log.remove_interview),
    DOCUMENT: LogKind[ReviewedDocument](DOCUMENT, site_log.add_document,
                                        site_log.update_document, site_log.remove_document),
}


def kind_of(item: Interview | ReviewedDocument) -> str:
    return INTERVIEW if isinstance(item, Interview) else DOCUMENT


def label(item: Interview | ReviewedDocument) -> str:
    """A short name for an entry in the Edit menu."""
    if isinstance(item, Interview):
        who = ", ".join(p.name for p in item.people[:2]) or "an interview"
        return f"the interview with {who[:40]}"
    return f"the document “{item.title[:40]}”"


class LogCommand(ServiceCommand):
    def __init__(self, context: EngagementContext, item: Interview | ReviewedDocument,
                 text: str) -> None:
        super().__init__(context, item.elements[0] if item.elements else "", text)
        self.kind = KINDS[kind_of(item)]
        self.entry_id: int | None = item.id

    def made_a_difference(self, change: Change) -> bool:
        return True

    def current(self) -> int:
        assert self.entry_id is not None
        return self.context.current_id(self.kind.name, self.entry_id)

    def came_back(self, change: Change | None) -> None:
        """An add (first, or restoring a removal): follow the id it now has."""
        self.entry_id = self.context.followed(self.kind.name, self.entry_id, change)

    def reveal(self) -> None:
        if self.entry_id is not None:
            self.context.reveal_log.emit(self.kind.name, self.current())


class AddLogEntry(LogCommand):
    """A new entry; undo removes it, redo brings it back under the same uuid."""

    def __init__(self, context: EngagementContext, item: Interview | ReviewedDocument) -> None:
        super().__init__(context, item._replace(id=None), f"add {label(item)}")
        self.item: Interview | ReviewedDocument = item._replace(id=None)

    def do(self) -> Change | None:
        change = self.context.call(self.kind.add, self.item)
        if change is not None and isinstance(change.new, (Interview, ReviewedDocument)):
            self.item = change.new._replace(id=None)  # with its uuid, for a redo
        self.came_back(change)
        return change

    def undo_it(self) -> None:
        self.context.call(self.kind.remove, self.current())


class EditLogEntry(LogCommand):
    """Every field of an entry at once; undo puts back the fields it had."""

    def __init__(self, context: EngagementContext, old: Interview | ReviewedDocument,
                 new: Interview | ReviewedDocument) -> None:
        super().__init__(context, old, f"edit {label(new)}")
        self.old, self.new = old, new._replace(id=None, uuid=None)

    def do(self) -> Change | None:
        change = self.context.call(self.kind.update, self.current(), self.new)
        if change is not None and not self._pushed and change.old is not None:
            self.old = change.old
        return change

    def undo_it(self) -> None:
        self.context.call(self.kind.update, self.current(), self.old._replace(id=None))


class RemoveLogEntry(LogCommand):
    """Undo brings the entry back whole, under its uuid; redo removes it again."""

    def __init__(self, context: EngagementContext, item: Interview | ReviewedDocument) -> None:
        super().__init__(context, item, f"remove {label(item)}")
        self.kept = item

    def do(self) -> Change | None:
        change = self.context.call(self.kind.remove, self.current())
        if change is not None and isinstance(change.old, (Interview, ReviewedDocument)):
            self.kept = change.old
        return change

    def undo_it(self) -> None:
        self.came_back(self.context.call(self.kind.add, self.kept._replace(id=None)))
