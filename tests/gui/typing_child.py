"""A child process for the crash test: types into the real notes field until it is killed.

    python -m tests.gui.typing_child DB SETTINGS ENGAGEMENT ELEMENT TEXT INTERVAL_MS

It opens the main window on DB, opens ENGAGEMENT at ELEMENT, focuses the evidence notes and
types TEXT one key every INTERVAL_MS (never pausing long enough for the pause-save), printing
"typed N" after each key so the parent knows how far it got before it sends SIGKILL.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest

from workbench.gui.app import application
from workbench.gui.main_window import MainWindow
from workbench.gui.resume import resume
from workbench.gui.settings import Settings
from workbench.services.session import Session


def main(argv: list[str]) -> int:
    db, settings_path, engagement, element, text, interval = argv
    app = application()
    session = Session.open(Path(db))
    window = MainWindow(session, Settings(Path(settings_path)))
    window.showNormal()
    window.resize(1366, 768)
    window.settings.set_place(engagement, element)
    resume(window)  # as the app starts: marks this run as running, opens the last place
    if not window.open_engagement(engagement) or window.workspace is None:
        print("cannot open", flush=True)
        return 1
    window.workspace.select_element(element)
    notes = window.workspace.form.notes
    notes.setFocus()
    typed = 0

    def key() -> None:
        nonlocal typed
        if typed < len(text):
            QTest.keyClicks(notes, text[typed])
            typed += 1
            print(f"typed {typed}", flush=True)

    timer = QTimer()
    timer.setInterval(int(interval))
    timer.timeout.connect(key)
    timer.start()
    print("ready", flush=True)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
