"""Starting the GUI: the application object, style, crash handler, database, main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from workbench import __version__
from workbench.core.errors import WorkbenchError
from workbench.services.session import Session

if TYPE_CHECKING:  # the window's modules load after the QApplication exists
    from workbench.gui.main_window import MainWindow

APP_NAME = "Assessor Workbench"


def application() -> QApplication:
    """The QApplication (made once), with the app's identity and style."""
    app = QApplication.instance()
    if app is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("assessor-workbench")
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("assessor-workbench")
    app.setDesktopFileName("org.assessorworkbench.Workbench")  # matches the .desktop entry
    from workbench.frozen import app_icon_path

    icon = app_icon_path()
    if icon is not None:
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    from workbench.gui.theme import apply_style

    apply_style(app)
    return app


def build_main_window(session: Session, settings_path: Path | None = None) -> MainWindow:
    """The main window on an open session (used by run_gui, the screenshots and the tests)."""
    from workbench.gui.main_window import MainWindow
    from workbench.gui.settings import Settings

    return MainWindow(session, Settings(settings_path))


def run_gui(db: str | Path | None = None) -> int:
    """`workbench` with no command: open the database (the demo on first start) and the window."""
    app = application()
    from PySide6.QtWidgets import QMessageBox  # only for an error or a warning

    from workbench.gui.crash import install_crash_handler

    install_crash_handler()
    try:
        session = Session.open(db)
    except WorkbenchError as exc:
        QMessageBox.critical(None, APP_NAME, f"The database cannot be opened.\n\n{exc}")
        return 1
    from workbench.services.demo import ensure_demo

    try:
        demo_id = ensure_demo(session)
    except WorkbenchError as exc:
        demo_id = None
        QMessageBox.warning(None, APP_NAME, f"The demo engagement could not be created.\n\n"
                                            f"{exc}")
    window = build_main_window(session)
    from workbench.gui.resume import resume, tell_recovered

    # The last engagement, element and assessor (a crash noted) before the window shows:
    # nothing is painted before the event loop either way, and a window that opens on the
    # workbench never shows, so never reads, the engagement list (issue 17).
    recovered = resume(window)
    window.show()
    if recovered is not None:
        QTimer.singleShot(0, lambda: tell_recovered(window, recovered))
    for warning in session.warnings:
        QTimer.singleShot(0, lambda w=warning: QMessageBox.warning(window, APP_NAME, w))
    from workbench.gui.firm_prompt import ask_firm_once

    QTimer.singleShot(0, lambda: ask_firm_once(window, window.settings))
    if demo_id is not None and window.context is None:
        window.status.message("Welcome: a demo engagement is ready to explore. "
                              "Double-click it to open it.")
    collector_on()
    try:
        return event_loop(app)
    finally:
        session.close()


def collector_on() -> None:
    """The window is up: the cyclic garbage collector on again, if the launcher turned it
    off for the start (issue 17).

    The start makes tens of thousands of objects (modules, Qt wrappers, the models) and no
    garbage; with the collector on, each of its collections walks them all again. They are
    frozen out of later collections before it comes back on, as a long-running process's
    start-up objects usually are. Nothing changes when the collector was on (the tests)."""
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def event_loop(app: QApplication) -> int:
    """Run the application until its last window closes (tests replace this).

    `WORKBENCH_QUIT_AFTER_MS` makes it quit by itself after that many milliseconds, so the
    packaging smoke test can check that the frozen app starts and stops cleanly.
    """
    quit_after = os.environ.get("WORKBENCH_QUIT_AFTER_MS", "")
    if quit_after.isdigit():
        QTimer.singleShot(int(quit_after), app.quit)
    return int(app.exec())
