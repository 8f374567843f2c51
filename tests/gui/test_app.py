"""Start-up, settings, the action registry, About, the crash handler, exports from the menu."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workbench import __version__
from workbench.gui.actions import SPECS, ActionId, ActionRegistry
from workbench.gui.main_window import MainWindow
from workbench.gui.settings import SETTINGS_VERSION, Settings
from workbench.gui.workspace import Workspace
from workbench.services import engagements
from workbench.services.session import Session

from .conftest import Dialogs


def test_first_start_creates_the_demo_and_shows_the_window(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.gui import app

    shown: list[MainWindow] = []
    real = app.build_main_window

    def build(session: Session, settings_path: Path | None = None) -> MainWindow:
        window = real(session, tmp_path / "settings.ini")
        window.settings.firm_asked = True  # the first-start firm prompt has its own tests
        shown.append(window)
        return window

    def loop(application: QApplication) -> int:
        qtbot.waitExposed(shown[0])
        shown[0].close()
        return 0

    monkeypatch.setattr(app, "build_main_window", build)
    monkeypatch.setattr(app, "event_loop", loop)
    hook = sys.excepthook
    try:
        assert app.run_gui(tmp_path / "first.sqlite3") == 0
    finally:
        sys.excepthook = hook
    assert shown and shown[0].list_page.model.rowCount() == 1
    session = Session.open(tmp_path / "first.sqlite3")
    try:
        assert [s.client for s in engagements.summaries(session)] == ["Northwind Telecom"]
    finally:
        session.close()


def test_settings_keep_values_with_defaults_and_a_version(tmp_path: Path) -> None:
    path = tmp_path / "s.ini"
    settings = Settings(path)
    assert settings.autosave_delay_ms == 600
    assert settings.recent_engagements == []
    for n in range(12):
        settings.add_recent(f"e{n}")
    settings.add_recent("e3")
    settings.set_assessor_for("e3", "Zoë Lindqvist")
    settings.show_archived = True
    settings.sync()
    again = Settings(path)
    assert again.recent_engagements[:2] == ["e3", "e11"]
    assert len(again.recent_engagements) == 8
    assert again.assessor_for("e3") == "Zoë Lindqvist"
    assert again.show_archived is True
    assert "version=" + str(SETTINGS_VERSION) in path.read_text()


def test_every_command_has_a_unique_shortcut_and_a_menu(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QMainWindow

    owner = QMainWindow()
    qtbot.addWidget(owner)
    registry = ActionRegistry(owner)
    menus = registry.build_menus(owner.menuBar())
    in_menus = {a.objectName() for m in menus.values() for a in m.actions()}
    seen: dict[str, ActionId] = {}
    for action_id in SPECS:
        action = registry[action_id]
        assert action.shortcuts(), f"{action_id} has no shortcut"
        assert f"action_{action_id}" in in_menus
        for key in action.shortcuts():
            assert key.toString() not in seen, f"{key.toString()} twice"
            seen[key.toString()] = action_id


def test_about_names_version_frameworks_database_and_licence(qtbot: QtBot,
                                                             gui_session: Session) -> None:
    from workbench.gui.dialogs import AboutDialog

    dialog = AboutDialog(gui_session.path, [("cem-6d", "1.0", "Customer Experience")])
    qtbot.addWidget(dialog)
    text = dialog.text.text()
    for expected in (__version__, "cem-6d 1.0", str(gui_session.path), "MIT"):
        assert expected in text


def test_the_crash_handler_writes_a_report_and_tells_where(tmp_path: Path) -> None:
    from workbench.gui.crash import install_crash_handler

    told: list[Path] = []
    previous = sys.excepthook
    try:
        hook = install_crash_handler(told.append)
        try:
            raise RuntimeError("an unexpected state")
        except RuntimeError:
            hook(*sys.exc_info())  # type: ignore[arg-type]
    finally:
        sys.excepthook = previous
    assert told and told[0].exists()
    assert "an unexpected state" in told[0].read_text()


def test_window_state_is_kept_between_runs(qtbot: QtBot, gui_session: Session,
                                           settings: Settings, demo: str) -> None:
    window = MainWindow(gui_session, settings)
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    window.open_engagement(demo)
    expected = window.size()
    window.close()
    assert settings.window_geometry is not None
    assert settings.recent_engagements == [demo]
    again = MainWindow(gui_session, settings)
    qtbot.addWidget(again)
    assert again.size().height() == expected.height()  # the offscreen screen caps width
    again.close()


def test_form_has_no_horizontal_scrolling_at_1366(window: MainWindow,
                                                  workspace: Workspace) -> None:
    from PySide6.QtCore import Qt

    for code in ("D1.1", "D2.6", "E1"):
        workspace.select_element(code)
        QApplication.processEvents()
        form = workspace.form
        assert form.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        assert form.widget().minimumSizeHint().width() <= form.viewport().width()


def test_export_engagement_json_from_the_menu(window: MainWindow, workspace: Workspace,
                                              modal: Dialogs, tmp_path: Path,
                                              wait_tasks: object) -> None:
    target = tmp_path / "northwind.json"
    modal.save_paths = [target]
    window.registry[ActionId.EXPORT_JSON].trigger()
    wait_tasks()  # type: ignore[operator]
    assert '"client": "Northwind Telecom"' in target.read_text(encoding="utf-8")
    assert modal.errors == []


def test_import_engagement_json_adds_it_to_the_list(qtbot: QtBot, window: MainWindow,
                                                    gui_session: Session, demo: str,
                                                    modal: Dialogs, tmp_path: Path,
                                                    wait_tasks: object) -> None:
    source = engagements.export_json(gui_session, demo, tmp_path / "copy.json")
    modal.open_paths = [source]
    window.registry[ActionId.IMPORT_JSON].trigger()
    wait_tasks()  # type: ignore[operator]
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == 2, timeout=5000)


def test_export_workbook_from_the_menu(window: MainWindow, workspace: Workspace,
                                       modal: Dialogs, tmp_path: Path,
                                       wait_tasks: object) -> None:
    pytest.importorskip("workbench.services.workbook")
    target = tmp_path / "northwind.xlsx"
    modal.save_paths = [target]
    window.registry[ActionId.EXPORT_WORKBOOK].trigger()
    wait_tasks()  # type: ignore[operator]
    assert modal.errors == []
    assert target.read_bytes()[:2] == b"PK"


def test_export_report_from_the_menu(window: MainWindow, workspace: Workspace, modal: Dialogs,
                                     tmp_path: Path, wait_tasks: object,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("workbench.services.report")
    from workbench.exports.report.archive import pdfa_part
    from workbench.gui import deliverables

    monkeypatch.setattr(deliverables, "ask_report_options",
                        lambda *_a: ("default", ["cover", "summary"], True))
    target = tmp_path / "northwind.pdf"
    modal.save_paths = [target]
    window.registry[ActionId.EXPORT_REPORT].trigger()
    wait_tasks()  # type: ignore[operator]
    assert modal.errors == []
    assert target.read_bytes()[:5] == b"%PDF-"
    assert pdfa_part(target.read_bytes()) == "2B"  # the dialog's archival choice
    assert modal.opened == [target]  # the report opens in the system viewer


def test_export_word_report_from_the_menu(window: MainWindow, workspace: Workspace,
                                          modal: Dialogs, tmp_path: Path, wait_tasks: object,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    from workbench.gui import deliverables

    asked: list[bool] = []

    def options(*_a: object, word: bool = False) -> tuple[str, list[str], bool]:
        asked.append(word)
        return "default", ["cover", "summary", "signoff"], False

    monkeypatch.setattr(deliverables, "ask_report_options", options)
    target = tmp_path / "northwind"  # the .docx ending is added
    modal.save_paths = [target]
    window.registry[ActionId.EXPORT_WORD].trigger()
    wait_tasks()  # type: ignore[operator]
    assert modal.errors == []
    assert asked == [True]  # the Word variant of the options: no PDF/A choice
    written = tmp_path / "northwind.docx"
    heads = [p.text for p in docx.Document(str(written)).paragraphs
             if p.style is not None and p.style.name == "Heading 1"]
    assert heads == ["1  Executive summary", "2  Sign-off"]
    assert modal.opened == [written]


def test_the_word_options_dialog_has_no_archival_choice(qtbot: object) -> None:
    from workbench.gui.deliverables import ReportOptions

    dialog = ReportOptions("default", (("summary", "Executive summary"),), word=True)
    assert dialog.windowTitle() == "Export Word Report"
    assert dialog.pdfa.isHidden() and dialog.chosen()[2] is False


def test_import_workbook_shows_a_preview_and_cancel_changes_nothing(
        window: MainWindow, workspace: Workspace, modal: Dialogs, tmp_path: Path,
        wait_tasks: object, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("workbench.services.workbook")
    from workbench.gui import deliverables
    from workbench.services import scores

    target = tmp_path / "northwind.xlsx"
    modal.save_paths = [target]
    window.registry[ActionId.EXPORT_WORKBOOK].trigger()
    wait_tasks()  # type: ignore[operator]
    ctx = workspace.context
    before = scores.score(ctx.session, ctx.engagement_id).total
    asked: list[str] = []
    monkeypatch.setattr(deliverables, "confirm_import",
                        lambda _p, text: asked.append(text) or False)
    modal.open_paths = [target]
    window.registry[ActionId.IMPORT_WORKBOOK].trigger()
    wait_tasks()  # type: ignore[operator]
    assert modal.errors == []
    assert len(asked) == 1 and asked[0].startswith("Workbook: northwind.xlsx")
    assert scores.score(ctx.session, ctx.engagement_id).total == before


def test_a_long_session_cannot_exhaust_none(qtbot: QtBot) -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None per void call (none_guard)."""
    from PySide6.QtWidgets import QScrollBar

    bar = QScrollBar()
    qtbot.addWidget(bar)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        bar.setValue(0)
    leaked = before - sys.getrefcount(None)
    # Either this PySide6 keeps None's count (6.11.3 does) or the guard gave it a reserve.
    assert leaked < 100 or sys.getrefcount(None) > 2 ** 39 or sys.version_info >= (3, 12)


def test_first_start_fits_the_screen_and_a_maximised_window_stays_maximised(
        qtbot: QtBot, gui_session: Session, settings: Settings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _s: QRect(0, 0, 1366, 728))
    first = MainWindow(gui_session, settings)  # a laptop: no saved geometry yet
    qtbot.addWidget(first)
    assert first.windowState() & Qt.WindowState.WindowMaximized
    first.show()
    first.close()
    again = MainWindow(gui_session, settings)
    qtbot.addWidget(again)
    again.show()
    assert again.windowState() & Qt.WindowState.WindowMaximized  # restored on the next start
    again.close()
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _s: QRect(0, 0, 1920, 1040))
    wide = MainWindow(gui_session, Settings(Path(settings.file_name + ".wide.ini")))
    qtbot.addWidget(wide)
    assert not wide.windowState() & Qt.WindowState.WindowMaximized
    assert (wide.width(), wide.height()) == (1366, 768)
