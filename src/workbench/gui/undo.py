"""Undo and redo: one QUndoCommand class per kind of edit; redo and undo each call one service.

The first redo (run by `QUndoStack.push`) makes the edit and learns the old value from
the returned Change; a command that changed nothing, or that a service refused, makes
itself obsolete so the stack never holds an edit that did not happen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from workbench.core.engagement import FindingKind
from workbench.core.ratings import IndicatorValue
from workbench.gui.context import EngagementContext
from workbench.services import assessment
from workbench.services.session import Change


class ServiceCommand(QUndoCommand):
    """Shared life cycle: push makes the edit; later redos and undos reveal the element."""

    def __init__(self, context: EngagementContext, element: str, text: str) -> None:
        super().__init__(text)
        self.context = context
        self.element = element
        self._pushed = False

    def redo(self) -> None:
        change = self.do()
        if not self._pushed:
            self._pushed = True
            if change is None or not self.made_a_difference(change):
                self.setObsolete(True)
        else:
            self.context.reveal.emit(self.element)

    def undo(self) -> None:
        self.undo_it()
        self.context.reveal.emit(self.element)

    def made_a_difference(self, change: Change) -> bool:
        return bool(change.old != change.new)

    def do(self) -> Change | None:
        raise NotImplementedError

    def undo_it(self) -> None:
        raise NotImplementedError


class RateIndicator(ServiceCommand):
    def __init__(self, context: EngagementContext, element: str, indicator: str,
                 value: IndicatorValue | None) -> None:
        shown = "N/A" if value == "na" else "cleared" if value is None else str(value)
        super().__init__(context, element, f"rate {indicator} {shown}")
        self.indicator, self.new, self.assessor = indicator, value, context.assessor
        self.old: Any = None

    def do(self) -> Change | None:
        change = self.context.call(assessment.rate, self.indicator, self.new, self.assessor)
        if change is not None and not self._pushed:
            self.old = change.old
        return change

    def undo_it(self) -> None:
        self.context.call(assessment.rate, self.indicator, self.old, self.assessor)


class JudgeObjective(ServiceCommand):
    def __init__(self, context: EngagementContext, element: str, key: str | None) -> None:
        super().__init__(context, element, f"judge the objective of {element}")
        self.new, self.assessor = key, context.assessor
        self.old: Any = None

    def do(self) -> Change | None:
        change = self.context.call(assessment.judge, self.element, self.new, self.assessor)
        if change is not None and not self._pushed:
            self.old = change.old
        return change

    def undo_it(self) -> None:
        self.context.call(assessment.judge, self.element, self.old, self.assessor)


class SetTarget(ServiceCommand):
    def __init__(self, context: EngagementContext, element: str, level: int | None) -> None:
        super().__init__(context, element, f"set the target of {element}")
        self.new = level
        self.old: Any = None

    def do(self) -> Change | None:
        change = self.context.call(assessment.set_target, self.element, self.new)
        if change is not None and not self._pushed:
            self.old = change.old
        return change

    def undo_it(self) -> None:
        self.context.call(assessment.set_target, self.element, self.old)


class EditNotes(ServiceCommand):
    def __init__(self, context: EngagementContext, element: str, text: str) -> None:
        super().__init__(context, element, f"edit the notes of {element}")
        self.new, self.assessor = text, context.assessor
        self.old = ""

    def do(self) -> Change | None:
        change = self.context.call(assessment.set_notes, self.element, self.new, self.assessor)
        if change is not None and not self._pushed:
            self.old = change.old or ""
        return change

    def undo_it(self) -> None:
        self.context.call(assessment.set_notes, self.element, self.old, self.assessor)


class EditIndicatorNote(ServiceCommand):
    def __init__(self, context: EngagementContext, element: str, indicator: str,
                 text: str) -> None:
        super().__init__(context, element, f"edit the note on {indicator}")
        self.indicator, self.new, self.assessor = indicator, text, context.assessor
        self.old = ""

    def do(self) -> Change | None:
        change = self.context.call(assessment.set_indicator_note, self.indicator, self.new,
                                   self.assessor)
        if change is not None and not self._pushed:
            self.old = change.old or ""
        return change

    def undo_it(self) -> None:
        self.context.call(assessment.set_indicator_note, self.indicator, self.old,
                          self.assessor)


class AddFinding(ServiceCommand):
    def __init__(self, context: EngagementContext, element: str, kind: FindingKind,
                 text: str) -> None:
        super().__init__(context, element, f"add a {kind} to {element}")
        self.kind, self.finding_text, self.assessor = kind, text, context.assessor
        self.finding_id: int | None = None

    def made_a_difference(self, change: Change) -> bool:
        return True

    def do(self) -> Change | None:
        change = self.context.call(assessment.add_finding, self.element, self.kind,
                                   self.finding_text,
                                   self.assessor)
        if change is not None:
            self.finding_id = change.item_id  # a redo after an undo gets a new id
        return change

    def undo_it(self) -> None:
        if self.finding_id is not None:
            self.context.call(assessment.remove_finding, self.finding_id)


class EditFinding(ServiceCommand):
    def __init__(self, context: EngagementContext, element: str, finding_id: int,
                 text: str) -> None:
        super().__init__(context, element, f"edit a finding of {element}")
        self.finding_id, self.new = finding_id, text
        self.old = ""

    def do(self) -> Change | None:
        change = self.context.call(assessment.update_finding, self.finding_id, self.new)
        if change is not None and not self._pushed:
            self.old = change.old or ""
        return change

    def undo_it(self) -> None:
        self.context.call(assessment.update_finding, self.finding_id, self.old)


class RemoveFinding(ServiceCommand):
    def __init__(self, context: EngagementContext, element: str, finding_id: int,
                 kind: FindingKind) -> None:
        super().__init__(context, element, f"remove a {kind} from {element}")
        self.finding_id, self.kind, self.assessor = finding_id, kind, context.assessor
        self.finding_text = ""

    def made_a_difference(self, change: Change) -> bool:
        return True

    def do(self) -> Change | None:
        change = self.context.call(assessment.remove_finding, self.finding_id)
        if change is not None:
            self.finding_text = change.old or ""
        return change

    def undo_it(self) -> None:
        change = self.context.call(assessment.add_finding, self.element, self.kind,
                                   self.finding_text,
                                   self.assessor)
        if change is not None and change.item_id is not None:
            self.finding_id = change.item_id
