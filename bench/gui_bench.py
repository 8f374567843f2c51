"""GUI benchmarks, each beside its baseline measured in the same run.

1. Start-up to the main window shown and idle, 200 engagements in the database, the last
   engagement reopened at its last element as `run_gui` does (the workspace built), against
   a bare PySide6 window process (target: at most 1.5×).
2. Switching element: selection to form painted (target: median < 16 ms, p95 < 33 ms),
   beside repainting the same form without switching.
3. Longest GUI-thread stall while an export runs on a worker (target < 50 ms), beside
   the same measurement with nothing running. The export is the Excel workbook
   (`workbench.services.workbook.export`) when this build has it, else the JSON export
   plus a CPU-heavy scoring loop; the line printed says which.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from bench.common import bytecode_compiled

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    w = QMainWindow(); w.resize(1366, 768); w.show()
    QTimer.singleShot(0, app.quit)
    app.exec()
""")

WORKBENCH = textwrap.dedent("""
    import gc, sys
    gc.disable()  # as workbench.launcher does for the GUI's start
    from PySide6.QtCore import QTimer
    from workbench.gui.app import application, build_main_window, collector_on
    from workbench.services.demo import ensure_demo
    from workbench.services.session import Session
    app = application()
    session = Session.open(sys.argv[1])
    ensure_demo(session)
    w = build_main_window(session, sys.argv[2])
    from workbench.gui.resume import resume
    resume(w)  # before the window shows, as run_gui does
    w.showNormal(); w.resize(1366, 768)
    collector_on()  # as run_gui does before its event loop
    QTimer.singleShot(0, app.quit)
    app.exec()
    assert w.workspace is not None and w.stack.currentWidget() is w.workspace, "not reopened"
    w.settings.mark_closed()
""")


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _process_time(code: str, args: list[str]) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, env=env)
    return time.perf_counter() - start


def _last_place(settings_path: Path, db: Path) -> None:
    """Settings as a closed run left them: the demo engagement open at its second element."""
    from workbench.gui.settings import Settings
    from workbench.services import engagements
    from workbench.services.session import Session

    session = Session.open(db)
    demo = next(s.id for s in engagements.summaries(session) if s.client == "Northwind Telecom")
    element = list(session.framework_of(demo).elements())[1].code
    session.close()
    settings = Settings(settings_path)
    settings.set_place(demo, element)
    settings.mark_closed()
    settings.sync()


def _database_with(work: Path, count: int) -> Path:
    from workbench.core.engagement import EngagementDetails
    from workbench.services import engagements
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    path = work / "bench.sqlite3"
    session = Session.open(path)
    create_demo(session)
    for n in range(count - 1):
        engagements.create(session, EngagementDetails(
            f"Client {n:03d}", "Head office", f"CEM maturity {2020 + n % 7}", "A. Assessor",
            "2026-01-05", "2026-01-07"))
    engagements.summaries(session)  # scores cached, as after any normal session
    session.close()
    return path


def bench_startup(work: Path, repeat: int = 7) -> None:
    db = _database_with(work, 200)
    _last_place(work / "settings.ini", db)
    args = [str(db), str(work / "settings.ini")]
    _process_time(BARE, []), _process_time(WORKBENCH, args)  # warm the file cache
    bare, ours = [], []
    for _ in range(repeat):  # alternating, so that the machine's load falls on both alike
        bare.append(_process_time(BARE, []))
        ours.append(_process_time(WORKBENCH, args))
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"{'start-up, idle, last engagement reopened (200)':<48} median {o * 1000:7.0f} ms"
          f"  | bare PySide6 window {b * 1000:7.0f} ms  ratio {o / b:4.2f}x  | target <= 1.5x",
          flush=True)


def bench_switch_and_stall(work: Path) -> None:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from workbench.gui.app import application, build_main_window
    from workbench.gui.tasks import worker_session
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    app = application()
    session = Session.open(work / "switch.sqlite3")
    demo = create_demo(session)
    window = build_main_window(session, work / "switch.ini")
    window.showNormal()  # not maximised on the small offscreen screen
    window.resize(1366, 768)
    QApplication.processEvents()
    window.open_engagement(demo)
    workspace = window.workspace
    assert workspace is not None
    codes = workspace.model.scorable_codes()
    form = workspace.form

    def painted() -> None:
        # The whole visible form is painted now; the navigator's and score panel's dirty
        # regions are painted by the event loop, as they would be on screen.
        form.widget().repaint()
        QApplication.processEvents()

    switches, repaints = [], []
    for round_ in range(3):
        for code in codes:
            start = time.perf_counter()
            workspace.select_element(code)
            painted()
            if round_:
                switches.append(time.perf_counter() - start)
            start = time.perf_counter()
            painted()
            if round_:
                repaints.append(time.perf_counter() - start)
    print(f"{'switching element: selection to form painted':<48} median "
          f"{statistics.median(switches) * 1000:7.2f} ms  p95 "
          f"{_percentile(switches, 95) * 1000:6.2f} ms  | repaint only median "
          f"{statistics.median(repaints) * 1000:6.2f} ms  | target median < 16, p95 < 33",
          flush=True)

    try:
        from workbench.services import workbook
    except ModuleNotFoundError:
        workbook = None  # type: ignore[assignment]

    def export(progress: object) -> None:
        with worker_session(session.path) as own:
            if workbook is not None:
                workbook.export(own, demo, work / "stall.xlsx")
            else:
                from workbench.services import engagements, scores

                engagements.export_json(own, demo, work / "stall.json")
                for _ in range(150):
                    scores.score(own, demo)

    what = "workbook export" if workbook is not None else "JSON export + scoring loop"

    def longest_gap(run_export: bool) -> tuple[float, float]:
        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.nsecsElapsed()]
        timer = QTimer()
        timer.setInterval(5)

        def tick() -> None:
            now = clock.nsecsElapsed()
            gaps.append((now - last[0]) / 1e9)
            last[0] = now

        timer.timeout.connect(tick)
        timer.start()
        started = time.perf_counter()
        if run_export:
            task = window.runner.run("bench export", export)
            while not task.is_done:
                QApplication.processEvents()
                time.sleep(0.001)
        else:
            while time.perf_counter() - started < 1.0:
                QApplication.processEvents()
                time.sleep(0.001)
        duration = time.perf_counter() - started
        timer.stop()
        window.runner.wait()
        QApplication.processEvents()
        return max(gaps) - 0.005, duration

    idle, _ = longest_gap(False)
    busy, took = longest_gap(True)
    print(f"{'longest GUI stall during ' + what:<48} {busy * 1000:7.1f} ms (export "
          f"{took:.2f} s)  | idle {idle * 1000:6.1f} ms  | target < 50 ms", flush=True)
    window.close()
    session.close()
    del app


def main() -> None:
    bytecode_compiled()
    with tempfile.TemporaryDirectory(prefix="workbench-gui-bench-") as folder:
        work = Path(folder)
        bench_startup(work)
        bench_switch_and_stall(work)


if __name__ == "__main__":
    main()
