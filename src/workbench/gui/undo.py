"""Undo and redo: one generic value command (`SetValue`), the two finding commands and the
team's consensus (`SetConsensus`).

Every command runs its service through `EngagementContext.call` (the operation path).
An import is not undoable: its Change clears the stack (`EngagementContext.commit`).

The first redo (run by `QUndoStack.push`) makes the edit and learns the old value from
the returned Change; a command that changed nothing, or that a service refused, makes
itself obsolete so the stack never holds an edit that did not happen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QUndoCommand

from workbench.core.engagement import FindingKind
from workbench.core.errors import WorkbenchError
from workbench.core.ratings import IndicatorValue
from workbench.gui.context import EngagementContext
from workbench.services import assessment
from workbench.services.session import Change

V = TypeVar("V")


class ServiceCommand(QUndoCommand):
    """Shared life cycle: push makes the edit; later redos and undos reveal the element."""

    def __init__(self, context: EngagementContext, element: str, text: str) -> None:
        super().__init__(text)
        self.context = context
        self.element = element
        self._pushed = False
        self.skip_next_step = False  # set by `EngagementContext.step_history` after a refusal

    def redo(self) -> None:
        if self.skip_next_step:
            self.skip_next_step = False
            return
        change = self.do()
        if not self._pushed:
            self._pushed = True
            if change is None or not self.made_a_difference(change):
                self.setObsolete(True)
        else:
            self.reveal()

    def undo(self) -> None:
        if self.skip_next_step:
            self.skip_next_step = False
            return
        self.undo_it()
        self.reveal()

    def reveal(self) -> None:
        """Show where an undo or redo changed something (the element's form)."""
        self.context.reveal.emit(self.element)

    def made_a_difference(self, change: Change) -> bool:
        return bool(change.old != change.new)

    def do(self) -> Change | None:
        raise NotImplementedError

    def undo_it(self) -> None:
        raise NotImplementedError


class SetValue(ServiceCommand, Generic[V]):
    """Set one value through one service; undo sets the value it had before.

    `setter(value)` runs the service on the engagement and returns its Change; the first
    redo learns the old value from `change.old` (`empty` stands for "nothing there").
    The named constructors below are the kinds of value the element form edits.
    """

    def __init__(self, context: EngagementContext, element: str, text: str,
                 setter: Callable[[V], Change | None], value: V, empty: V) -> None:
        super().__init__(context, element, text)
        self.setter, self.new, self.empty = setter, value, empty
        self.old: V = empty

    def do(self) -> Change | None:
        change = self.setter(self.new)
        if change is not None and not self._pushed:
            self.old = self.empty if change.old is None else change.old
        return change

    def undo_it(self) -> None:
        self.setter(self.old)

    @classmethod
    def rate(cls, context: EngagementContext, element: str, indicator: str,
             value: IndicatorValue | None) -> SetValue[IndicatorValue | None]:
        shown = "N/A" if value == "na" else "cleared" if value is None else str(value)
        who = context.assessor
        return SetValue(context, element, f"rate {indicator} {shown}",
                        lambda v: context.call(assessment.rate, indicator, v, who), value, None)

    @classmethod
    def judge(cls, context: EngagementContext, element: str,
              key: str | None) -> SetValue[str | None]:
        who = context.assessor
        return SetValue(context, element, f"judge the objective of {element}",
                        lambda v: context.call(assessment.judge, element, v, who), key, None)

    @classmethod
    def target(cls, context: EngagementContext, element: str,
               level: int | None) -> SetValue[int | None]:
        return SetValue(context, element, f"set the target of {element}",
                        lambda v: context.call(assessment.set_target, element, v), level, None)

    @classmethod
    def notes(cls, context: EngagementContext, element: str, text: str) -> SetValue[str]:
        who = context.assessor
        return SetValue(context, element, f"edit the notes of {element}",
                        lambda v: context.call(assessment.set_notes, element, v, who), text, "")

    @classmethod
    def indicator_note(cls, context: EngagementContext, element: str, indicator: str,
                       text: str) -> SetValue[str]:
        who = context.assessor
        return SetValue(context, element, f"edit the note on {indicator}",
                        lambda v: context.call(assessment.set_indicator_note, indicator, v, who),
                        text, "")

    @classmethod
    def finding(cls, context: EngagementContext, element: str, finding_id: int,
                text: str) -> SetValue[str]:
        return SetValue(context, element, f"edit a finding of {element}",
                        lambda v: context.call(assessment.update_finding, finding_id, v),
                        text, "")


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


class RemoveFinding(ServiceCommand):
    def __init__(self, context: EngagementContext, element: str, finding_id: int,
                 kind: FindingKind) -> None:
        super().__init__(context, element, f"remove a {kind} from {element}")
        self.finding_id, self.kind, self.assessor = finding_id, kind, context.assessor
        self.finding_text = ""
        self.position: int | None = None

    def made_a_difference(self, change: Change) -> bool:
        return True

    def do(self) -> Change | None:
        try:
            self.position = assessment.finding_position(
                self.context.session, self.context.engagement_id, self.finding_id)
        except WorkbenchError:
            self.position = None  # the removal below says what is wrong
        change = self.context.call(assessment.remove_finding, self.finding_id)
        if change is not None:
            self.finding_text = change.old or ""
        return change

    def undo_it(self) -> None:
        change = self.context.call(assessment.add_finding, self.element, self.kind,
                                   self.finding_text, self.assessor, self.position)
        if change is not None and change.item_id is not None:
            self.finding_id = change.item_id


class SetConsensus(ServiceCommand):
    """Record the team's value for an indicator or an objective, with its reason.

    The first redo is the edit as the user asked for it (the service checks the reason);
    undo and later redos put back values that were accepted once (`restoring`), so an undo
    never fails because the assessors' ratings moved since.
    """

    def __init__(self, context: EngagementContext, element: str, code: str,
                 value: IndicatorValue | str | None, reason: str = "") -> None:
        shown = "N/A" if value == "na" else "cleared" if value is None else str(value)
        super().__init__(context, element, f"consensus {code} {shown}")
        from workbench.services import consensus  # the consensus screen's (not at start)

        self.code = code
        self.new = consensus.ConsensusValue(value, reason)
        self.old = consensus.ConsensusValue(None)

    def do(self) -> Change | None:
        from workbench.services import consensus

        change = self.context.call(consensus.set_consensus, self.code, self.new.value,
                                   self.new.reason, restoring=self._pushed)
        if change is not None and not self._pushed and isinstance(change.old,
                                                                   consensus.ConsensusValue):
            self.old = change.old
        return change

    def undo_it(self) -> None:
        from workbench.services import consensus

        self.context.call(consensus.set_consensus, self.code, self.old.value, self.old.reason,
                          restoring=True)

    def reveal(self) -> None:
        self.context.reveal_consensus.emit(self.element)
