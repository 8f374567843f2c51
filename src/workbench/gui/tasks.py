"""The one way to run slow work (exports, imports, signing, thumbnails) off the GUI thread.

`TaskRunner.run(fn, ...)` runs `fn(progress)` on a worker thread; `progress(fraction,
text)` reports to the GUI (and raises `Cancelled` once the user pressed Cancel); the
result, a `WorkbenchError` message, or a cancellation arrives on the GUI thread
through Qt signals, so no widget is ever touched from a worker.

The database: a Session is used from one thread only. Work that reads or writes the
database opens its OWN Session on the same file (`worker_session`): SQLite's WAL lets
the worker read a consistent snapshot while the GUI thread keeps autosaving, and
writers wait on each other through the busy timeout. So editing never has to be
disabled while an export runs, and the GUI's Session is never shared.
"""

from __future__ import annotations

import contextlib
import threading
import time
import traceback
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QProgressBar, QProgressDialog, QWidget

from workbench.core.errors import WorkbenchError
from workbench.core.progress import Cancelled, Progress
from workbench.services.session import Session

_RUNNERS: weakref.WeakSet[TaskRunner] = weakref.WeakSet()


@contextmanager
def worker_session(path: Path) -> Iterator[Session]:
    """A Session of the worker's own on the GUI's database file (see the module docstring)."""
    session = Session.open(path)
    try:
        yield session
    finally:
        session.close()


class Task(QObject):
    """One piece of work on a worker.

    Signals:
        progress(float, str): fraction done in 0..1 and what is happening.
        succeeded(object): the function's result.
        failed(str): a WorkbenchError's message (or a crash report's summary).
        cancelled(): the user cancelled; the function stopped.
        finished(): after any of the three above.
    """

    progress = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, title: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._last_report = 0.0
        self.crash_report: Path | None = None
        self.dialog: QProgressDialog | None = None  # the progress shown over the parent

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def is_done(self) -> bool:
        return self._done.is_set()

    def report(self, fraction: float, text: str) -> None:
        """The Progress given to the work function (called on the worker)."""
        if self._cancel.is_set():
            raise Cancelled("cancelled; nothing was written")
        now = time.monotonic()
        if now - self._last_report >= 0.05 or fraction >= 1.0:  # at most 20 updates a second
            self._last_report = now
            self.progress.emit(max(0.0, min(1.0, fraction)), text)


class _Runnable(QRunnable):
    def __init__(self, task: Task, fn: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task = task
        self._fn = fn

    def run(self) -> None:
        task = self._task
        try:
            result = self._fn(task.report)
        except Cancelled:
            task.cancelled.emit()
        except WorkbenchError as exc:
            task.failed.emit(str(exc))
        except Exception:  # a bug: keep the details for the user to send, never lose them
            from workbench.services.crash import write_crash_report

            task.crash_report = write_crash_report(traceback.format_exc())
            task.failed.emit(f"{task.title} stopped because of an unexpected error. "
                             f"A report was saved to {task.crash_report}.")
        else:
            task.succeeded.emit(result)
        finally:
            task._done.set()
            task.finished.emit()


class TaskRunner(QObject):
    """Runs tasks on a small pool of its own and keeps them until they finish."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._tasks: list[Task] = []
        _RUNNERS.add(self)

    def run(self, title: str, fn: Callable[[Progress], Any], *,
            on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[str], None] | None = None,
            parent: QWidget | None = None, cancellable: bool = True,
            show_progress: bool = True) -> Task:
        """Start `fn(progress)`; with `parent` a progress dialog appears if it takes a while."""
        task = Task(title, self)
        self._tasks.append(task)
        if on_done is not None:
            task.succeeded.connect(on_done)
        if on_error is not None:
            task.failed.connect(on_error)
        if parent is not None and show_progress:
            task.dialog = self._progress_dialog(task, parent, cancellable)
            _paint_now(task.dialog)
        task.finished.connect(lambda: self._forget(task))
        self._pool.start(_Runnable(task, fn))
        return task

    def _forget(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        task.deleteLater()

    @staticmethod
    def _progress_dialog(task: Task, parent: QWidget, cancellable: bool) -> QProgressDialog:
        dialog = QProgressDialog(task.title, "Cancel" if cancellable else "", 0, 1000, parent)
        dialog.setWindowTitle(task.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        # Shown at once and painted before the work starts (`_paint_now`): a dialog that
        # appeared later would wait for the worker to let go of Python's lock to paint its
        # first frame, and stay a black box meanwhile.
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(360)
        if not cancellable:
            dialog.setCancelButton(None)
        # The bar is ours and moved directly: the dialog's own setValue runs a nested event
        # loop once a modal dialog is shown, in which the task's `finished` could delete the
        # dialog under its feet. Updates arrive from the event loop anyway.
        bar = QProgressBar(dialog)
        bar.setRange(0, 1000)
        bar.setValue(0)
        bar.setTextVisible(True)
        dialog.setBar(bar)
        dialog.canceled.connect(task.cancel)
        finished: list[bool] = []

        def show_progress(fraction: float, text: str) -> None:
            if finished:
                return
            try:
                bar.setValue(int(fraction * 1000))
                if text:
                    dialog.setLabelText(text)
            except RuntimeError:  # the window under the dialog closed while the work ran
                return

        def close() -> None:
            finished.append(True)
            with contextlib.suppress(RuntimeError):
                dialog.close()
                dialog.deleteLater()

        task.progress.connect(show_progress)
        task.finished.connect(close)
        return dialog

    @property
    def active(self) -> int:
        return len(self._tasks)

    def cancel_all(self) -> None:
        for task in self._tasks:
            task.cancel()

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until every task's worker has returned (on quit, and in tests)."""
        return bool(self._pool.waitForDone(timeout_ms))


def _paint_now(dialog: QProgressDialog) -> None:
    """Show the dialog and let it paint its first frame while the GUI thread is still free."""
    dialog.show()
    dialog.raise_()
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 100)
    dialog.repaint()


_SHARED: list[TaskRunner] = []


def shared_runner() -> TaskRunner:
    """A runner for dialogs opened without the window's: it lives as long as the app.

    A runner owned by a dialog would be deleted with the dialog while a finished
    task may still have queued events, which crashes Qt.
    """
    if not _SHARED:
        _SHARED.append(TaskRunner())
    return _SHARED[0]


def running_tasks() -> int:
    """Tasks still running in any runner (the GUI tests fail a test that leaves one)."""
    total = 0
    for runner in list(_RUNNERS):
        try:
            total += runner._pool.activeThreadCount()
        except RuntimeError:  # the runner's C++ side is gone: nothing of it runs any more
            continue
    return total
