"""One open engagement as the widgets see it: session, framework, assessor, undo, live score.

Widgets never call each other: they call a service through an `Op` (gui/ops.py;
`EngagementContext.call` is the short form for an edit of this engagement). The service
commits (one transaction per edit); the Op hands the returned `Change` to
`EngagementContext.deliver`, which announces it; every part refreshes only what it touches.

Undo keeps one history per assessor (a `QUndoGroup` of stacks keyed by name): Edit ▸ Undo
undoes the last edit made while rating as the current assessor, never a colleague's. The
team's values (consensus values, targets) belong to the history of whoever was rating when
they were set: the person at the keyboard undoes what they did, in the order they did it.
An import or a merge (many values at once, beneath every history) clears them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, overload

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack

from workbench.core.engagement import Assessor, EngagementDetails
from workbench.core.framework import Framework
from workbench.core.scoring import ScoreResult
from workbench.gui.ops import Op
from workbench.services import engagements, scores
from workbench.services.session import Change, ChangeKind, Session

# The site-visit log's two kinds of entry: the kinds of id `renumber` keeps for them, and the
# link targets of the log's screens ("interview:12").
INTERVIEW, DOCUMENT = "interview", "document"


class EngagementContext(QObject):
    """The state shared by the parts of the workbench for one engagement.

    Signals:
        changed(object): a committed Change.
        scored(object): a fresh team ScoreResult, after a change that affects scores.
        saved(str): a short acknowledgement for the status bar, sent after the commit.
        failed(str): a service refused an edit; the message says why.
        reveal(str): an undo or redo touched this element; show it.
        reveal_consensus(str): an undo or redo touched this element's consensus; show it.
        reveal_log(str, int): an undo or redo touched this site-visit log entry ("interview"
            or "document", id); show it.
        assessor_changed(str): ratings now go to this assessor.
        details_changed(): client, title, team or dates changed.
        flush_requested(): save any text typed but not saved yet, now.
        reloaded(): much changed at once (an import): show everything afresh.
    """

    changed = Signal(object)
    scored = Signal(object)
    saved = Signal(str)
    failed = Signal(str)
    reveal = Signal(str)
    reveal_consensus = Signal(str)
    reveal_log = Signal(str, int)
    assessor_changed = Signal(str)
    details_changed = Signal()
    flush_requested = Signal()
    reloaded = Signal()

    def __init__(self, session: Session, engagement_id: str, assessor: str = "",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.engagement_id = engagement_id
        self.framework: Framework = session.framework_of(engagement_id)
        self.details: EngagementDetails = engagements.details(session, engagement_id)
        self.team: list[Assessor] = engagements.team(session, engagement_id)
        names = [a.name for a in self.team]
        self.assessor = assessor if assessor in names else self.details.lead_assessor
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[str, QUndoStack] = {}
        self.undo_group.setActiveStack(self.stack_for(self.assessor))
        self.score: ScoreResult = scores.score(session, engagement_id)
        self._own: ScoreResult | None = None
        self.read_only = False  # signed off: no edit, no undo (the window sets it)
        self._renumbered: dict[tuple[str, int], int] = {}

    # --- calling services ---------------------------------------------------------------
    def call(self, service: Callable[..., Change], *args: Any, **kwargs: Any) -> Change | None:
        """Run one service edit on this engagement now; announce its Change, or the refusal."""
        return Op(None, self, lambda s: service(s, self.engagement_id, *args, **kwargs)) \
            .failure(self.failed.emit).run()

    def deliver(self, change: Change) -> None:
        """The one place a committed Change reaches the views (every `Op` ends here)."""
        self.commit(change)

    def commit(self, change: Change) -> None:
        """Announce a Change that has been committed (by `call` or by a worker's session)."""
        if change.kind is ChangeKind.RATINGS_IMPORTED:
            # Many values changed at once, beneath the undo history: start it afresh.
            for stack in self._stacks.values():
                stack.clear()
            self.refresh_score()
            self.reloaded.emit()
        elif change.affects_score:
            self.refresh_score()
        self.changed.emit(change)
        self.saved.emit("Saved")

    def refresh_score(self) -> None:
        self.score = scores.score(self.session, self.engagement_id)
        self._own = None
        self.scored.emit(self.score)

    @property
    def own_score(self) -> ScoreResult:
        """The current assessor's own result (their ratings alone), computed when asked."""
        if self._own is None:
            self._own = scores.score(self.session, self.engagement_id, self.assessor)
        return self._own

    # --- undo, one history per assessor -------------------------------------------------
    def stack_for(self, assessor: str) -> QUndoStack:
        """The undo history of one assessor's edits (made while rating as them)."""
        stack = self._stacks.get(assessor)
        if stack is None:
            stack = self._stacks[assessor] = QUndoStack(self.undo_group)
            self.undo_group.addStack(stack)
        return stack

    def step_history(self, forward: bool) -> bool:
        """Undo (or redo) the current assessor's last edit; False when it did not happen.

        While the engagement is read-only (signed off) nothing runs and the history stays
        where it is. When a service refuses the step, the history is put back where it was
        (without running anything again), so it never points past an edit that stands.
        """
        stack = self.undo_group.activeStack()
        if stack is None or not (stack.canRedo() if forward else stack.canUndo()):
            return False
        if self.read_only:
            self.failed.emit("This engagement is signed off and cannot be changed; start an "
                             "amendment to change it")
            return False
        refused: list[str] = []
        self.failed.connect(refused.append)
        try:
            stack.redo() if forward else stack.undo()
        finally:
            self.failed.disconnect(refused.append)
        if not refused:
            return True
        command = stack.command(stack.index() - 1 if forward else stack.index())
        if command is not None and hasattr(command, "skip_next_step"):
            command.skip_next_step = True  # the move back runs nothing
            stack.undo() if forward else stack.redo()
        return False

    @property
    def undo_stack(self) -> QUndoStack:
        """The current assessor's history: where an edit made now is pushed."""
        return self.stack_for(self.assessor)

    def renumber(self, kind: str, old: int, new: int) -> None:
        """An item came back (an undone removal) or was replaced (a rotated photo) under a
        new id: commands still holding the old one find the item through `current_id`."""
        if old != new:
            self._renumbered[(kind, old)] = new

    @overload
    def followed(self, kind: str, item_id: int, change: Change | None) -> int: ...

    @overload
    def followed(self, kind: str, item_id: int | None, change: Change | None) -> int | None: ...

    def followed(self, kind: str, item_id: int | None, change: Change | None) -> int | None:
        """The id the item has after `change`, an add that brought it (back) under the id it
        names: the old id, when there was one, is renumbered to it. Without such a change
        (refused), the id it had."""
        if change is None or change.item_id is None:
            return item_id
        if item_id is not None:
            self.renumber(kind, item_id, change.item_id)
        return change.item_id

    def current_id(self, kind: str, item_id: int) -> int:
        seen = {item_id}
        while (kind, item_id) in self._renumbered:
            item_id = self._renumbered[(kind, item_id)]
            if item_id in seen:
                break
            seen.add(item_id)
        return item_id

    # --- who is rating ------------------------------------------------------------------
    def set_assessor(self, name: str) -> None:
        if name == self.assessor or name not in [a.name for a in self.team]:
            return
        self.assessor = name
        self._own = None
        self.undo_group.setActiveStack(self.stack_for(name))
        self.assessor_changed.emit(name)

    def reload_details(self) -> None:
        self.details = engagements.details(self.session, self.engagement_id)
        self.team = engagements.team(self.session, self.engagement_id)
        if self.assessor not in [a.name for a in self.team]:
            self.set_assessor(self.details.lead_assessor)
        names = {a.name for a in self.team}
        for name in [n for n in self._stacks if n not in names]:
            # Their edits moved to a colleague (or they were renamed): nothing to undo as them.
            stack = self._stacks.pop(name)
            self.undo_group.removeStack(stack)
            stack.deleteLater()
        self.details_changed.emit()

    def form_flush(self) -> None:
        """Ask every editor to save pending text (before an export reads the database)."""
        self.flush_requested.emit()

    def reload_all(self) -> None:
        self.refresh_score()
        self.reloaded.emit()

    @property
    def title(self) -> str:
        d = self.details
        return f"{d.client} — {d.title}" if d.title else d.client
