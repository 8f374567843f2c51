"""Engagement ▸ Send to Colleague… and File ▸ Open Package…: packs, imports and merges.

Every step runs on a worker with progress (a package holds photos and is verified by its
SHA-256 manifest). Opening a package imports it as a new engagement with the same id, or,
when this laptop has that engagement already, shows the merge preview (merge_dialog.py);
Apply merges in the background and everything open refreshes from the Change. A refusal
(another engagement's package, a tampered file, ...) is shown once, as the service says it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from workbench.core.errors import WorkbenchError
from workbench.core.progress import Progress
from workbench.gui import dialogs
from workbench.gui.context import EngagementContext
from workbench.gui.ops import Op, Reading
from workbench.gui.settings import Settings
from workbench.gui.tasks import TaskRunner
from workbench.services import engagements
from workbench.services.session import Change, Session

if TYPE_CHECKING:  # the package service and the merge dialog load when first used
    from workbench.services.package import MergePreview

FILTER = "Engagement package (*.wbx);;All files (*)"


class _Host:
    """Where the Change of an import or a merge goes: the open engagement's context when it
    is that engagement (it reloads everything), else the window (the list, then open it)."""

    def __init__(self, session: Session, context: EngagementContext | None,
                 announce: Callable[[Change], None]) -> None:
        self._session, self._context, self._announce = session, context, announce

    @property
    def session(self) -> Session:
        return self._session

    def deliver(self, change: Change) -> None:
        if self._context is not None and change.engagement_id == self._context.engagement_id:
            self._context.deliver(change)
        self._announce(change)


def open_or_preview(session: Session, path: Path, progress: Progress) -> Change | MergePreview:
    """Import the package as a new engagement, or preview the merge into the one here.

    The preview comes back closed (a package's connection belongs to the worker that
    opened it); Apply opens the package again (`merge_as_previewed`).
    """
    from workbench.services import package

    progress(0.1, "Checking the package")
    try:
        preview = package.preview_merge(session, path)
    except WorkbenchError as refused_merge:
        known = {s.id for s in engagements.summaries(session, include_archived=True)}
        try:
            return package.import_package(session, path, progress)
        except WorkbenchError as refused_import:
            # The import refuses a package whose engagement is here: then the merge's
            # reason is the one that matters (another framework, signed off here, ...).
            if any(eid in str(refused_import) for eid in known):
                raise refused_merge from None
            raise
    preview.close()
    return preview


def merge_as_previewed(session: Session, shown: MergePreview, progress: Progress) -> Change:
    """Apply the merge the user saw; refused when the package or this copy changed since."""
    from workbench.services import package

    progress(0.1, "Checking the package")
    with package.preview_merge(session, shown.path) as preview:
        if preview.to_json() != shown.to_json():
            raise package.PackageError("the engagement or the package changed since the "
                                       "preview; open the package again to see the merge")
        progress(0.5, "Merging")
        return package.apply_merge(session, preview)


class Packages(QObject):
    """Signals:
        status(str): a line for the status bar.
        opened(str): an engagement was imported or merged; show it.
        changed(object): the Change of an import or a merge (for the engagement list).
    """

    status = Signal(str)
    opened = Signal(str)
    changed = Signal(object)

    def __init__(self, session: Session, runner: TaskRunner, settings: Settings,
                 parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.session, self.runner, self.settings = session, runner, settings
        self.parent_widget = parent_widget
        self.context: EngagementContext | None = None  # the open engagement, if any

    # --- send --------------------------------------------------------------------------
    def send(self, engagement_id: str) -> None:
        """Pack one engagement into a .wbx file the user names."""
        from workbench.services import package

        if self.context is not None:
            self.context.form_flush()
        name = Op(self.parent_widget, Reading(self.session),
                  lambda s: package.package_name(s, engagement_id)).run()
        if name is None:
            return
        path = dialogs.choose_save_file(self.parent_widget, "Send to Colleague",
                                        str(Path(self.settings.last_directory) / name), FILTER)
        if path is None:
            return
        if path.suffix.lower() != package.SUFFIX:
            path = path.with_name(path.name + package.SUFFIX)
        self.settings.last_directory = str(path.parent)
        target = path
        Op.with_progress(self.parent_widget, Reading(self.session),
                         lambda s, p: package.pack(s, engagement_id, target, p)) \
            .success(lambda written: self.status.emit(
                f"Packed to {written.name}: send this file to your colleague")) \
            .run_in_background("Packing the engagement", self.runner)

    # --- open ----------------------------------------------------------------------------
    def open_package(self, path: Path | None = None) -> None:
        """Import a package, or show the merge preview when this laptop has its engagement."""
        path = path or dialogs.choose_open_file(self.parent_widget, "Open Package",
                                                self.settings.last_directory, FILTER)
        if path is None:
            return
        self.settings.last_directory = str(path.parent)
        if self.context is not None:
            self.context.form_flush()
        source = path
        Op.with_progress(self.parent_widget, self._host(),
                         lambda s, p: open_or_preview(s, source, p)) \
            .success(self._opened) \
            .run_in_background("Opening the package", self.runner)

    def _host(self) -> _Host:
        return _Host(self.session, self.context, self._announce)

    def _announce(self, change: Change) -> None:
        self.changed.emit(change)

    def _opened(self, outcome: Change | MergePreview) -> None:
        if isinstance(outcome, Change):
            self.status.emit("Imported the package as a new engagement")
            self.opened.emit(outcome.engagement_id)
            return
        self.review(outcome)

    def review(self, preview: MergePreview) -> None:
        """Show the preview; Apply merges it in the background."""
        from workbench.gui import merge_dialog

        eid = preview.engagement_id
        details = Op(self.parent_widget, Reading(self.session),
                     lambda s: engagements.details(s, eid)).run()
        title = f"{details.client} — {details.title}" if details else eid
        if not merge_dialog.confirm_merge(self.parent_widget, preview, title):
            self.status.emit("Merge cancelled: nothing changed")
            return
        if not preview.has_changes:
            return
        if self.context is not None:
            self.context.form_flush()
        n = len(preview.changes)
        Op.with_progress(self.parent_widget, self._host(),
                         lambda s, p: merge_as_previewed(s, preview, p)) \
            .success(lambda change: self._merged(change, n)) \
            .run_in_background("Merging the package", self.runner)

    def _merged(self, change: Change, n: int) -> None:
        self.status.emit(f"Merged {n} change{'s' if n != 1 else ''} from the package")
        self.opened.emit(change.engagement_id)
