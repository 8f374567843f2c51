"""The worker helper: results on the GUI thread, progress, cancel, errors, crash reports."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from workbench.core.errors import WorkbenchError
from workbench.core.progress import Progress
from workbench.gui.tasks import TaskRunner, running_tasks, worker_session
from workbench.services import engagements
from workbench.services.session import Session


@pytest.fixture
def runner(qtbot: QtBot) -> TaskRunner:
    r = TaskRunner()
    yield r  # type: ignore[misc]
    r.cancel_all()
    r.wait()


def test_result_arrives_on_the_gui_thread_with_progress(qtbot: QtBot,
                                                        runner: TaskRunner) -> None:
    seen: list[tuple[float, str]] = []
    threads: list[threading.Thread] = []

    def work(progress: Progress) -> int:
        threads.append(threading.current_thread())
        for n in range(3):
            progress(n / 3, f"step {n}")
            time.sleep(0.06)
        progress(1.0, "done")
        return 42

    results: list[object] = []
    task = runner.run("Counting", work, on_done=lambda value: results.append(
        (value, threading.current_thread())))
    task.progress.connect(lambda f, t: seen.append((f, t)))
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [(42, threading.main_thread())]
    assert threads[0] is not threading.main_thread()
    assert seen[-1] == (1.0, "done")
    assert len(seen) >= 2


def test_cancel_stops_the_work(qtbot: QtBot, runner: TaskRunner) -> None:
    started = threading.Event()

    def work(progress: Progress) -> str:
        started.set()
        for _ in range(6000):  # a minute at most: only the cancel ends it on a busy machine
            progress(0.1, "waiting")
            time.sleep(0.01)
        return "finished"

    task = runner.run("Waiting", work)
    outcomes: list[str] = []
    task.cancelled.connect(lambda: outcomes.append("cancelled"))
    task.succeeded.connect(lambda _v: outcomes.append("finished"))
    assert started.wait(30)
    with qtbot.waitSignal(task.finished, timeout=30_000):
        task.cancel()
    assert outcomes == ["cancelled"]


def test_a_workbench_error_is_reported_as_its_message(qtbot: QtBot,
                                                      runner: TaskRunner) -> None:
    def work(progress: Progress) -> None:
        raise WorkbenchError("the file is locked by another program")

    errors: list[str] = []
    runner.run("Failing", work, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)  # delivered on the GUI thread
    assert errors == ["the file is locked by another program"]


def test_a_bug_in_the_work_writes_a_crash_report(qtbot: QtBot, runner: TaskRunner) -> None:
    def work(progress: Progress) -> None:
        raise ZeroDivisionError("boom")

    errors: list[str] = []
    task = runner.run("Dividing", work, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert task.crash_report is not None and task.crash_report.exists()
    assert "ZeroDivisionError" in task.crash_report.read_text()
    assert str(task.crash_report) in errors[0]


def test_a_worker_session_reads_while_the_gui_session_writes(
        qtbot: QtBot, runner: TaskRunner, gui_session: Session, demo: str,
        tmp_path: Path) -> None:
    target = tmp_path / "out.json"

    def work(progress: Progress) -> Path:
        with worker_session(gui_session.path) as session:
            return engagements.export_json(session, demo, target)

    done: list[Path] = []
    runner.run("Export", work, on_done=done.append)
    engagements.set_archived(gui_session, demo, False)  # the GUI thread keeps writing
    qtbot.waitUntil(lambda: done == [target], timeout=10_000)
    assert target.exists() and '"workbench.engagement/1"' in target.read_text()
    runner.wait()
    assert running_tasks() == 0


def test_the_progress_dialog_offers_cancel(qtbot: QtBot, runner: TaskRunner) -> None:
    from PySide6.QtWidgets import QProgressDialog, QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    gate = threading.Event()

    def work(progress: Progress) -> None:
        while not gate.is_set():
            progress(0.5, "half way")
            time.sleep(0.01)

    task = runner.run("Slow work", work, parent=parent)
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None and dialog.labelText() == "Slow work"
    with qtbot.waitSignal(task.finished, timeout=20_000):
        dialog.canceled.emit()  # what the dialog's Cancel button does
    gate.set()
    assert task.is_cancelled


def test_the_progress_dialog_is_painted_before_the_work_starts(qtbot: QtBot,
                                                               runner: TaskRunner) -> None:
    """No black box: the first frame is drawn before the worker's first progress report."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(600, 400)
    parent.show()
    qtbot.waitExposed(parent)
    painted: list[str] = []

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, QProgressDialog):
                painted.append(watched.labelText())
            return False

    watch = PaintWatch()
    QApplication.instance().installEventFilter(watch)  # type: ignore[union-attr]
    gate, reports = threading.Event(), []

    def work(progress: Progress) -> None:
        gate.wait(10)  # the first chunk of work: nothing reported yet
        reports.append("first")
        progress(1.0, "done")

    try:
        task = runner.run("Exporting the report", work, parent=parent)
        assert painted[:1] == ["Exporting the report"]  # painted before run() returned
        assert reports == []
        assert task.dialog is not None and task.dialog.isVisible()
        image = task.dialog.grab().toImage()
        colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7)
                   for y in range(0, image.height(), 7)}
        assert colours != {QColor("black").name()} and len(colours) > 2
    finally:
        QApplication.instance().removeEventFilter(watch)  # type: ignore[union-attr]
        gate.set()
    qtbot.waitUntil(lambda: task.is_done and reports == ["first"], timeout=5000)
    runner.wait()


def test_progress_dialogs_close_cleanly_however_fast_the_work_reports(
        qtbot: QtBot, runner: TaskRunner) -> None:
    """Reports and the end arrive together: the bar is moved directly (no nested event loop
    in which `finished` could delete the dialog) and nothing touches a closed dialog."""
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    done: list[int] = []

    def work(progress: Progress) -> int:
        for n in range(400):
            progress(n / 400, f"step {n}")
            if n % 50 == 0:
                time.sleep(0.001)
        progress(1.0, "done")
        return 1

    for _ in range(12):
        runner.run("Quick work", work, on_done=done.append, parent=parent)
    qtbot.waitUntil(lambda: len(done) == 12, timeout=20_000)
    runner.wait()
    qtbot.wait(50)  # the deferred deletions run
