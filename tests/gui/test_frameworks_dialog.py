"""Settings ▸ Frameworks: list, show a structure, import, export and delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from workbench.core.engagement import EngagementDetails
from workbench.core.framework_loader import bundled_framework_dir
from workbench.gui.actions import ActionId
from workbench.gui.frameworks_dialog import FrameworksDialog
from workbench.gui.main_window import MainWindow
from workbench.services import engagements
from workbench.services import frameworks as installed_frameworks
from workbench.services.session import Session

from .conftest import Dialogs


def custom(tmp_path: Path) -> Path:
    text = (bundled_framework_dir() / "cx-building-blocks.yaml").read_text("utf-8")
    path = tmp_path / "ours.yaml"
    path.write_text(text.replace("id: cx-building-blocks", "id: our-blocks"), "utf-8")
    return path


def test_the_dialog_lists_every_framework_and_shows_a_structure(
        qtbot: QtBot, gui_session: Session) -> None:
    dialog = FrameworksDialog(gui_session)
    qtbot.addWidget(dialog)
    ids = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert ids == ["cem-6d", "cx-building-blocks", "cx-implementation-4", "cx-maturity-layers"]
    dialog.table.selectRow(ids.index("cx-maturity-layers"))
    assert dialog.title.text() == ("Four-Layer CX Management Maturity Model "
                                   "(cx-maturity-layers 1.0)")
    tops = [dialog.structure.topLevelItem(n).text(1)
            for n in range(dialog.structure.topLevelItemCount())]
    assert tops == ["Cultural", "Governance and Strategy", "Process", "Technology"]
    culture = dialog.structure.topLevelItem(0)
    assert culture.child(0).text(0) == "L1.1" and culture.child(0).childCount() == 5
    assert not dialog.delete_button.isEnabled()  # bundled


def test_import_export_and_delete_from_the_dialog(qtbot: QtBot, gui_session: Session,
                                                  modal: Dialogs, tmp_path: Path) -> None:
    dialog = FrameworksDialog(gui_session)
    qtbot.addWidget(dialog)
    modal.open_paths.append(custom(tmp_path))
    assert dialog.import_framework()
    info = dialog.selected()
    assert info is not None and info.key == ("our-blocks", "1.0")
    assert info.origin == "installed" and dialog.delete_button.isEnabled()
    assert "our-blocks" in {i.id for i in installed_frameworks.for_new_engagements(gui_session)}
    modal.save_paths.append(tmp_path / "ours.xlsx")
    written = dialog.export_selected()
    assert written == tmp_path / "ours.xlsx" and written.stat().st_size > 5000
    # The same definition again: nothing changes, and the user is told so.
    modal.open_paths.append(written)
    assert not dialog.import_framework()
    assert modal.errors[-1].startswith("CX Management Building Blocks 1.0 is already here")
    modal.answers.append(True)
    assert dialog.delete_selected()
    assert "our-blocks" not in [dialog.table.item(r, 0).text()
                                for r in range(dialog.table.rowCount())]


def test_a_framework_in_use_cannot_be_deleted_and_bad_files_say_why(
        qtbot: QtBot, gui_session: Session, modal: Dialogs, tmp_path: Path) -> None:
    installed_frameworks.install(gui_session, custom(tmp_path))
    engagements.create(gui_session, EngagementDetails("C", "S", "T", "L"),
                       framework_id="our-blocks")
    dialog = FrameworksDialog(gui_session)
    qtbot.addWidget(dialog)
    dialog.refresh(("our-blocks", "1.0"))
    chosen = dialog.selected()
    assert chosen is not None and chosen.engagements == 1
    assert not dialog.delete_button.isEnabled()
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: &x [1]\nb: *x\n", "utf-8")
    modal.open_paths.append(bad)
    assert not dialog.import_framework()
    assert "alias (*x) is not allowed" in modal.errors[-1]


def test_settings_menu_opens_the_dialog(window: MainWindow, qtbot: QtBot,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[FrameworksDialog] = []

    def fake_exec(self: FrameworksDialog) -> int:
        opened.append(self)
        return 0

    monkeypatch.setattr(FrameworksDialog, "exec", fake_exec)
    window.registry[ActionId.FRAMEWORKS].trigger()
    assert len(opened) == 1 and opened[0].table.rowCount() == 4


def test_about_lists_the_bundled_frameworks_and_installed_ones_in_use(
        gui_session: Session, tmp_path: Path) -> None:
    bundled = {"cem-6d", "cx-building-blocks", "cx-implementation-4", "cx-maturity-layers"}
    installed_frameworks.install(gui_session, custom(tmp_path))
    assert {i.id for i in installed_frameworks.bundled_or_used(gui_session)} == bundled
    engagements.create(gui_session, EngagementDetails("C", "S", "T", "L"),
                       framework_id="our-blocks")
    assert {i.id for i in installed_frameworks.bundled_or_used(gui_session)} == \
        bundled | {"our-blocks"}
