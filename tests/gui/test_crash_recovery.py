"""Typed text survives a crash: a child process types through the real notes field and is
SIGKILLed while still typing; the text up to about a second before the kill is in the file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from workbench.gui.main_window import MainWindow
from workbench.gui.resume import resume
from workbench.gui.settings import Settings
from workbench.services import assessment
from workbench.services.session import Session

ELEMENT = "D6.5"
TEXT = ("Interviewed the head of service about the complaint loop; the roadmap names an "
        "owner for every journey and reviews it monthly with the board.")
INTERVAL_MS = 40  # continuous typing: far shorter than the pause that saves
LAG_S = 1.2  # the bound: saved text may lag the last keystroke by this much


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_text_typed_until_a_sigkill_is_saved_and_reported(
        qtbot: QtBot, tmp_path: Path, gui_session: Session, demo: str) -> None:
    db = gui_session.path
    gui_session.close()
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.typing_child", str(db),
         str(tmp_path / "settings.ini"), demo, ELEMENT, TEXT, str(INTERVAL_MS)],
        cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    typed_at: dict[int, float] = {}
    try:
        while True:
            line = child.stdout.readline()
            assert line, f"the child stopped: {child.stderr.read() if child.stderr else ''}"
            if line.startswith("typed "):
                typed_at[int(line.split()[1])] = time.monotonic()
                if len(typed_at) >= 90:  # ~3.6 s of typing without a pause
                    break
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    killed = time.monotonic()
    assert child.returncode == -signal.SIGKILL
    session = Session.open(db)
    try:
        saved = assessment.element_sheet(session, demo, ELEMENT, None).notes
    finally:
        session.close()
    typed = TEXT[:max(typed_at)]
    must_have = max(n for n, at in typed_at.items() if at <= killed - LAG_S)
    assert typed.startswith(saved)
    assert len(saved) >= must_have, (len(saved), must_have, len(typed))

    # The next start reopens the engagement at the element and says what was kept.
    session = Session.open(db)
    window = MainWindow(session, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    try:
        message = resume(window)
        assert window.workspace is not None and window.workspace.current_code == ELEMENT
        assert window.workspace.form.notes.toPlainText() == saved
        assert message is not None and "did not close normally" in message
        assert f"evidence notes on {ELEMENT}" in message
        window.close()  # a clean close: the next start has nothing to report
        again = MainWindow(session, Settings(tmp_path / "settings.ini"))
        qtbot.addWidget(again)
        assert resume(again) is None
        assert again.workspace is not None and again.workspace.current_code == ELEMENT
    finally:
        session.close()


def test_continuous_typing_is_committed_without_a_pause(qtbot: QtBot) -> None:
    from workbench.gui.widgets.autosave import AutosaveTextEdit

    field = AutosaveTextEdit(delay_ms=600, max_wait_ms=300)
    qtbot.addWidget(field)
    committed: list[str] = []
    field.commit.connect(committed.append)
    started = time.monotonic()
    while time.monotonic() - started < 1.0:  # a key every 50 ms: the pause never comes
        qtbot.keyClicks(field, "a")
        qtbot.wait(50)
    assert committed, "nothing was saved during a second of continuous typing"
    assert all(field.toPlainText().startswith(text) for text in committed)
    assert len(committed) >= 2  # saved again and again, not once
