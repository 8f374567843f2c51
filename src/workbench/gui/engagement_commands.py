"""Engagement-level commands: new, edit details, duplicate, archive, delete, the demo.

Each asks what it needs (through small functions tests replace), calls one service,
and announces the Change; the list and the open workbench refresh from it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from workbench.core.engagement import Assessor, EngagementDetails
from workbench.core.errors import WorkbenchError
from workbench.core.framework import DEFAULT_FRAMEWORK_ID
from workbench.core.team import Reassignment
from workbench.gui import dialogs
from workbench.gui.ops import Op
from workbench.services import engagements
from workbench.services import frameworks as installed_frameworks
from workbench.services.frameworks import FrameworkInfo
from workbench.services.session import Change, Session

EditedDetails = tuple[EngagementDetails, list[Assessor], str | None]


def ask_details(parent: QWidget, details: EngagementDetails | None,
                team: list[Assessor] | None, baselines: list[tuple[str, str]],
                baseline: str | None) -> EditedDetails | None:
    """Show the details dialog; (details, team, baseline id) when saved (tests replace this)."""
    from workbench.gui.engagement_dialogs import EngagementDialog  # loaded when first asked

    dialog = EngagementDialog(details, team, parent, baselines=baselines, baseline=baseline,
                              check=engagements.check_details)
    if dialog.exec():
        return dialog.details(), dialog.members(), dialog.baseline_id()
    return None


NewEngagement = tuple[EngagementDetails, list[Assessor], tuple[str, str] | None]


def ask_new(parent: QWidget, choices: list[FrameworkInfo]) -> NewEngagement | None:
    """Show the New Engagement dialog; (details, team, framework) when created."""
    from workbench.gui.engagement_dialogs import EngagementDialog  # loaded when first asked

    dialog = EngagementDialog(None, None, parent, frameworks=choices,
                              check=engagements.check_details)
    if dialog.exec():
        return dialog.details(), dialog.members(), dialog.framework_key()
    return None


def ask_duplicate(parent: QWidget,
                  source: EngagementDetails) -> tuple[EngagementDetails, bool] | None:
    """(details of the copy, with ratings?) or None (tests replace this)."""
    from workbench.gui.engagement_dialogs import DuplicateDialog  # loaded when first asked

    dialog = DuplicateDialog(source, parent)
    if dialog.exec():
        return dialog.details(), dialog.with_ratings
    return None


def ask_reassign(parent: QWidget, name: str, work: str, colleagues: list[str]) -> str | None:
    """Whom to move a removed assessor's work to; None keeps the assessor (tests replace this)."""
    from workbench.gui.engagement_dialogs import ReassignDialog  # loaded when first asked

    dialog = ReassignDialog(name, work, colleagues, parent)
    if dialog.exec():
        return dialog.chosen()
    return None


class EngagementCommands(QObject):
    """Signals: changed(object): a Change to an engagement (created, updated, deleted)."""

    changed = Signal(object)

    def __init__(self, session: Session, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.session = session
        self.parent_widget = parent_widget

    def deliver(self, change: Change) -> None:
        """Where the Ops of these commands deliver (the window routes the signal)."""
        self.changed.emit(change)

    def _run(self, work: Callable[[Session], Change]) -> Change | None:
        return Op(self.parent_widget, self, work).run()

    def new(self) -> str | None:
        try:
            choices = installed_frameworks.for_new_engagements(self.session)
        except WorkbenchError as exc:
            dialogs.show_error(self.parent_widget, str(exc))
            return None
        answer = ask_new(self.parent_widget, choices)
        if answer is None:
            return None
        details, team, key = answer
        framework_id, version = key if key is not None else (DEFAULT_FRAMEWORK_ID, None)
        change = self._run(lambda s: engagements.create(
            s, details, team=team, framework_id=framework_id,
            framework_version=version))
        return change.engagement_id if change else None

    def edit(self, engagement_id: str) -> bool:
        from workbench.services import comparison  # not needed to start the window

        details = engagements.details(self.session, engagement_id)
        team = engagements.team(self.session, engagement_id)
        baseline = comparison.baseline_of(self.session, engagement_id)
        answer = ask_details(self.parent_widget, details, team,
                             self._baseline_choices(engagement_id), baseline)
        if answer is None:
            return False
        new_details, new_team, new_baseline = answer
        if self._run(lambda s: engagements.update_details(s, engagement_id,
                                                          new_details)) is None:
            return False
        self._sync_team(engagement_id, team, new_team, new_details.lead_assessor)
        if new_baseline != baseline:
            self._run(lambda s: comparison.set_baseline(s, engagement_id, new_baseline))
        return True

    def _baseline_choices(self, engagement_id: str) -> list[tuple[str, str]]:
        """Every other engagement whose own baselines do not lead back to this one."""
        from workbench.services import comparison

        return [(r.id, f"{r.client} — {r.title}" + (f" ({r.start_date})" if r.start_date
                                                     else ""))
                for r in engagements.summaries(self.session, include_archived=True)
                if r.id != engagement_id
                and engagement_id not in comparison.history(self.session, r.id)]

    def _sync_team(self, engagement_id: str, old: list[Assessor], new: list[Assessor],
                   lead: str) -> None:
        before = {a.name: a for a in old}
        after = {a.name: a for a in new}
        # Each Op runs at once (on this thread), so the loop variables are current.
        for name, member in after.items():
            if name not in before:
                self._run(lambda s: engagements.add_assessor(s, engagement_id, member))  # noqa: B023
            elif before[name] != member:
                self._run(lambda s: engagements.update_assessor(
                    s, engagement_id, name, member))  # noqa: B023
        for name in before:
            if name not in after and name != lead:
                self._remove_member(engagement_id, name, [n for n in after if n != name])

    def _remove_member(self, engagement_id: str, name: str, colleagues: list[str]) -> None:
        """Remove one assessor; one with work is removed only once it moves to a colleague."""
        try:
            work = engagements.assessor_work(self.session, engagement_id, name)
        except WorkbenchError as exc:
            dialogs.show_error(self.parent_widget, str(exc))
            return
        if work.empty:
            self._run(lambda s: engagements.remove_assessor(s, engagement_id, name))
            return
        target = ask_reassign(self.parent_widget, name, work.describe(), colleagues)
        if target is None:
            return  # they stay on the team, with their work
        change = self._run(lambda s: engagements.remove_assessor(
            s, engagement_id, name, reassign_to=target))
        if change is not None and isinstance(change.new, Reassignment) and change.new.kept:
            dialogs.show_info(self.parent_widget, "Assessor Removed",
                              change.new.describe()[:1].upper() + change.new.describe()[1:]
                              + ".")

    def duplicate(self, engagement_id: str) -> str | None:
        source = engagements.details(self.session, engagement_id)
        answer = ask_duplicate(self.parent_widget, source)
        if answer is None:
            return None
        details, with_ratings = answer
        change = self._run(lambda s: engagements.duplicate(
            s, engagement_id, with_ratings=with_ratings, details=details))
        return change.engagement_id if change else None

    def set_archived(self, engagement_id: str, archived: bool) -> bool:
        return self._run(lambda s: engagements.set_archived(s, engagement_id,
                                                            archived)) is not None

    def delete(self, engagement_id: str) -> bool:
        d = engagements.details(self.session, engagement_id)
        if not dialogs.ask(self.parent_widget, "Delete Engagement",
                           f"Delete “{d.client} — {d.title}” and every rating, note, "
                           "attachment and action in it? This cannot be undone.\n\n"
                           "To keep it out of the way instead, archive it.",
                           "Delete", destructive=True):
            return False
        return self._run(lambda s: engagements.delete(s, engagement_id)) is not None

    def open_demo(self) -> str | None:
        from workbench.services.demo import create_demo
        from workbench.services.session import ChangeKind

        try:
            engagement_id = create_demo(self.session)
        except WorkbenchError as exc:
            dialogs.show_error(self.parent_widget, str(exc))
            return None
        self.changed.emit(Change(ChangeKind.ENGAGEMENT_CREATED, engagement_id,
                                 new=engagement_id))
        return engagement_id
