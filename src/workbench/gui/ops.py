"""The one path of every user action: run a service call, deliver its Change, show a refusal.

An action is an `Op`: a function of a `Session` (a service call) and what to do with its
result. Where it runs is the last word:

    # an edit, on the GUI thread (quick: one short transaction in the service)
    Op(self, context, lambda s: assessment.rate(s, context.engagement_id, "D1.1.1", 4)).run()

    # slow work (export, import, signing) on a worker, with progress and Cancel
    Op.with_progress(self, context, lambda s, p: workbook.export(s, eid, path, p)) \\
        .success(lambda written: status.showMessage(f"Saved {written.name}")) \\
        .run_in_background("Exporting the workbook", runner)

Whatever the function returns reaches `.success(fn)` on the GUI thread; when it returns a
`Change`, the Op first hands it to its host's `deliver`, the ONE place that announces a
committed change and refreshes the views (`EngagementContext.commit`). A `WorkbenchError`
reaches `.failure(fn)` once, as its message (by default an error box over `parent`); a
cancellation reaches `.cancelled(fn)`. A background Op runs in its own `worker_session` on
the host's database file, so the GUI's Session is never shared between threads.

To add an action: write (or find) the service function, then call it through an Op from
the slot; never call a service directly from a widget, and never refresh a view by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from PySide6.QtWidgets import QWidget

from workbench.core.errors import WorkbenchError
from workbench.core.progress import Progress
from workbench.gui.tasks import Task, TaskRunner, shared_runner, worker_session
from workbench.services.session import Change, Session

T = TypeVar("T")


class OpHost(Protocol):
    """Where Ops run: the GUI's Session and the one place a committed Change goes."""

    @property
    def session(self) -> Session: ...

    def deliver(self, change: Change) -> None: ...


class Reading:
    """The host of an Op that changes no engagement (a check, a signed report's file):
    it lends the Session; a Change reaching it is a mistake in the Op."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def session(self) -> Session:
        return self._session

    def deliver(self, change: Change) -> None:
        raise AssertionError(f"an Op on a Reading host returned a Change ({change.kind})")


class Op(Generic[T]):
    """One user action (see the module docstring for how to write one)."""

    def __init__(self, parent: QWidget | None, host: OpHost,
                 work: Callable[[Session], T]) -> None:
        self._setup(parent, host, lambda session, _progress: work(session))

    @classmethod
    def with_progress(cls, parent: QWidget | None, host: OpHost,
                      work: Callable[[Session, Progress], T]) -> Op[T]:
        """An Op whose function also takes a Progress (for `run_in_background`)."""
        op = cls.__new__(cls)
        op._setup(parent, host, work)
        return op

    def _setup(self, parent: QWidget | None, host: OpHost,
               work: Callable[[Session, Progress], T]) -> None:
        self._parent = parent
        self._host = host
        self._work = work
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[str], None] | None = None
        self._on_cancel: Callable[[], None] | None = None

    def success(self, fn: Callable[[T], None]) -> Op[T]:
        """Call fn with the result on the GUI thread (after a Change was delivered)."""
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[str], None]) -> Op[T]:
        """Call fn with a refusal's message instead of showing an error box."""
        self._on_failure = fn
        return self

    def cancelled(self, fn: Callable[[], None]) -> Op[T]:
        """Call fn when the user cancelled a background Op (nothing was written)."""
        self._on_cancel = fn
        return self

    # --- running -------------------------------------------------------------------------
    def run(self) -> T | None:
        """Run on the GUI thread with the host's Session: for edits. None when refused."""
        try:
            result = self._work(self._host.session, _no_progress)
        except WorkbenchError as exc:
            self._failed(str(exc))
            return None
        self._succeeded(result)
        return result

    def run_in_background(self, title: str, runner: TaskRunner | None = None, *,
                          cancellable: bool = True, show_progress: bool = True) -> Task:
        """Run on a worker with its own Session; a progress dialog appears over `parent`."""
        db, work = self._host.session.path, self._work

        def run(progress: Progress) -> T:
            with worker_session(db) as session:
                return work(session, progress)

        # Closures, not bound methods: Qt keeps a closure (and so this Op) alive until the
        # task is done, while a bound method of a plain object is only weakly referenced.
        task = (runner or shared_runner()).run(
            title, run, on_done=lambda result: self._succeeded(result),
            on_error=lambda message: self._failed(message), parent=self._parent,
            cancellable=cancellable, show_progress=show_progress)
        on_cancel = self._on_cancel
        if on_cancel is not None:
            task.cancelled.connect(lambda: on_cancel())
        return task

    # --- results -------------------------------------------------------------------------
    def _succeeded(self, result: T) -> None:
        if isinstance(result, Change):
            self._host.deliver(result)
        if self._on_success is not None:
            self._on_success(result)

    def _failed(self, message: str) -> None:
        if self._on_failure is not None:
            self._on_failure(message)
        else:
            from workbench.gui import dialogs  # loaded by the first refusal (issue 17)

            dialogs.show_error(self._parent, message)


def _no_progress(_fraction: float, _text: str) -> None:
    """The Progress of an Op run on the GUI thread: an edit is too quick to report."""


__all__ = ["Op", "OpHost", "Reading"]
