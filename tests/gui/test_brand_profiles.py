"""The first-start firm prompt and Settings ▸ Brand Profiles, driven as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui.conftest import Dialogs
from tests.services.test_brands import SVG, png
from workbench.gui.brand_profiles_dialog import BrandProfilesDialog
from workbench.gui.firm_prompt import FirmPrompt, ask_firm_once, needs_firm_prompt
from workbench.gui.main_window import MainWindow
from workbench.gui.settings import Settings
from workbench.services import brands


def test_first_start_asks_once_and_the_answer_brands_every_deliverable(
        qtbot: QtBot, tmp_path: Path, modal: Dialogs) -> None:
    settings = Settings(tmp_path / "fresh.ini")
    assert needs_firm_prompt(settings)
    logo = tmp_path / "logo.svg"
    logo.write_bytes(SVG)
    prompt = FirmPrompt(settings)
    qtbot.addWidget(prompt)
    qtbot.keyClicks(prompt.form.firm, "Acme & Co")
    modal.open_paths.append(logo)
    qtbot.mouseClick(prompt.form.logo.choose, Qt.MouseButton.LeftButton)
    prompt.form.primary.set_value("#224466")
    assert prompt.preview.draft.primary == "#224466"  # the preview follows every edit
    assert prompt.preview.draft.logo == SVG
    qtbot.mouseClick(prompt.save_button, Qt.MouseButton.LeftButton)
    assert modal.errors == []
    assert prompt.result() == FirmPrompt.DialogCode.Accepted
    brand = brands.resolve("default")
    assert (brand.firm_name, brand.primary) == ("Acme & Co", "#224466")
    assert brand.logo is not None and brand.logo.read_bytes() == SVG
    assert not needs_firm_prompt(settings)
    assert not needs_firm_prompt(Settings(tmp_path / "another.ini"))  # a firm is set


def test_later_keeps_the_neutral_profile_and_does_not_ask_again(
        qtbot: QtBot, tmp_path: Path, window: MainWindow) -> None:
    settings = Settings(tmp_path / "fresh.ini")
    prompt = ask_firm_once(window, settings)
    assert prompt is not None and prompt.isVisible()
    qtbot.mouseClick(prompt.later_button, Qt.MouseButton.LeftButton)
    assert not prompt.isVisible()
    assert brands.resolve("default").firm_name == "Your firm"
    assert ask_firm_once(window, settings) is None


def test_a_bad_logo_or_colour_is_refused_in_the_prompt(qtbot: QtBot, tmp_path: Path,
                                                       modal: Dialogs) -> None:
    settings = Settings(tmp_path / "fresh.ini")
    prompt = FirmPrompt(settings)
    qtbot.addWidget(prompt)
    hostile = tmp_path / "hostile.svg"
    hostile.write_bytes(SVG.replace(b"</svg>", b"<script>alert(1)</script></svg>"))
    modal.open_paths.append(hostile)
    qtbot.mouseClick(prompt.form.logo.choose, Qt.MouseButton.LeftButton)
    assert "<script>" in modal.errors[-1] and prompt.form.logo.data is None
    qtbot.keyClicks(prompt.form.firm, "Acme")
    prompt.form.primary.set_value("blue")
    qtbot.mouseClick(prompt.save_button, Qt.MouseButton.LeftButton)
    assert "not a colour" in modal.errors[-1]
    assert prompt.isVisible() or prompt.result() != FirmPrompt.DialogCode.Accepted
    assert not brands.has_own_default() and [p.name for p in brands.profiles()] == ["default"]


def test_the_editor_creates_edits_duplicates_defaults_and_deletes(
        qtbot: QtBot, tmp_path: Path, modal: Dialogs) -> None:
    dialog = BrandProfilesDialog()
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and not dialog.form.isEnabled()  # the built-in one
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.form.firm, "Zeta Partners")
    client = tmp_path / "client.png"
    client.write_bytes(png(200, 80))
    modal.open_paths.append(client)
    qtbot.mouseClick(dialog.form.client_logo.choose, Qt.MouseButton.LeftButton)
    dialog.form.accent.set_value("#C05020")
    assert dialog.preview.draft.accent == "#C05020"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert modal.errors == []
    saved = brands.resolve("zeta-partners")
    assert saved.client_logo is not None and saved.accent == "#C05020"
    assert dialog.current() is not None and dialog.current().name == "zeta-partners"  # type: ignore[union-attr]

    # Edit: change the firm's name and save; the profile keeps its name.
    dialog.form.firm.setText("Zeta Partners LLP")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert brands.resolve("zeta-partners").firm_name == "Zeta Partners LLP"

    qtbot.mouseClick(dialog.default_button, Qt.MouseButton.LeftButton)
    assert brands.default_profile() == "zeta-partners"
    qtbot.mouseClick(dialog.duplicate_button, Qt.MouseButton.LeftButton)
    copy = dialog.current()
    assert copy is not None and copy.name != "zeta-partners" and not copy.built_in
    exported = tmp_path / "zeta.brand.zip"
    modal.save_paths.append(exported)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert exported.is_file()
    modal.answers.append(True)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert copy.name not in [p.name for p in brands.profiles()]
    modal.open_paths.append(exported)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.current() is not None
    assert brands.resolve(dialog.current().name).firm_name == "Zeta Partners LLP"  # type: ignore[union-attr]


def test_a_refused_edit_changes_nothing(qtbot: QtBot, modal: Dialogs) -> None:
    brands.save(brands.BrandDraft(name="acme", display_name="Acme", firm_name="Acme"))
    dialog = BrandProfilesDialog()
    qtbot.addWidget(dialog)
    names = [p.name for p in dialog.infos]
    dialog.list.setCurrentRow(names.index("acme"))
    dialog.form.primary.set_value("#12")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "not a colour" in modal.errors[-1]
    assert brands.resolve("acme").primary == "#0F3D5C"


def test_the_settings_menu_opens_the_editor_and_engagements_list_the_profiles(
        window: MainWindow) -> None:
    from workbench.gui.actions import ActionId
    from workbench.gui.engagement_dialogs import brand_choices

    brands.save(brands.BrandDraft(name="acme", display_name="Acme Consulting",
                                  firm_name="Acme"))
    brands.set_default("acme")
    names, labels = brand_choices()
    assert names[0] == "default" and "acme" in names
    assert labels["default"] == "Default profile (Acme Consulting)"
    assert window.registry[ActionId.BRAND_PROFILES].text() == "&Brand Profiles…"


def test_the_app_asks_for_the_firm_on_first_start_only(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from PySide6.QtWidgets import QApplication

    from workbench.gui import app
    from workbench.services.session import Session

    shown: list[MainWindow] = []
    prompts: list[list[FirmPrompt]] = []
    real = app.build_main_window

    def build(session: Session, settings_path: Path | None = None) -> MainWindow:
        window = real(session, tmp_path / "settings.ini")
        shown.append(window)
        return window

    def loop(application: QApplication) -> int:
        qtbot.waitExposed(shown[-1])
        qtbot.wait(50)
        found = [w for w in shown[-1].findChildren(FirmPrompt) if w.isVisible()]
        prompts.append(found)
        for prompt in found:
            prompt.later()
        shown[-1].close()
        return 0

    monkeypatch.setattr(app, "build_main_window", build)
    monkeypatch.setattr(app, "event_loop", loop)
    hook = sys.excepthook
    try:
        assert app.run_gui(tmp_path / "first.sqlite3") == 0
        assert app.run_gui(tmp_path / "first.sqlite3") == 0
    finally:
        sys.excepthook = hook
    assert [len(p) for p in prompts] == [1, 0]  # asked on the first start, not the second
