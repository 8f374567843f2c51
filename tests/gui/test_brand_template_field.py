"""Settings ▸ Brand Profiles: the firm's Word house template, chosen, refused, cleared."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.exports.test_docx_template import house_template
from tests.gui.conftest import Dialogs
from workbench.gui.brand_profiles_dialog import BrandProfilesDialog
from workbench.services import brands


def editor_on(qtbot: QtBot, name: str) -> BrandProfilesDialog:
    dialog = BrandProfilesDialog()
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow([p.name for p in dialog.infos].index(name))
    return dialog


def with_macros(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry))
        target.writestr("word/vbaProject.bin", b"\x00macro")
    return out.getvalue()


def test_a_house_template_is_chosen_saved_used_and_cleared(
        qtbot: QtBot, tmp_path: Path, modal: Dialogs) -> None:
    brands.save(brands.BrandDraft(name="acme", display_name="Acme", firm_name="Acme"))
    dialog = editor_on(qtbot, "acme")
    field = dialog.form.template
    assert not field.isHidden() and not field.clear.isEnabled()
    chosen = tmp_path / "Acme house style.dotx"
    chosen.write_bytes(house_template())
    modal.open_paths.append(chosen)
    qtbot.mouseClick(field.choose, Qt.MouseButton.LeftButton)
    assert modal.errors == []
    assert "Acme house style.dotx" in field.label.text() and field.clear.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert modal.errors == []
    saved = brands.resolve("acme")
    assert saved.word_template is not None and saved.word_template.suffix == ".dotx"
    assert saved.word_template.read_bytes() == chosen.read_bytes()

    # The editor shows the saved template again, and the Word report takes it.
    again = editor_on(qtbot, "acme")
    assert again.form.template.data == chosen.read_bytes()
    assert "House template" in again.form.template.label.text()

    qtbot.mouseClick(again.form.template.clear, Qt.MouseButton.LeftButton)
    assert again.form.template.data is None and not again.form.template.clear.isEnabled()
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    cleared = brands.resolve("acme")
    assert cleared.word_template is None
    assert not [f for f in cleared.folder.iterdir() if f.suffix in (".docx", ".dotx")]


def test_a_house_template_is_used_by_the_word_report(tmp_path: Path) -> None:
    from workbench.exports.docx import write_docx
    from workbench.exports.report import build_document
    from workbench.services import report
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    chosen = tmp_path / "house.docx"
    chosen.write_bytes(house_template(as_template=False))
    brands.save(brands.BrandDraft(name="acme", display_name="Acme", firm_name="Acme",
                                  word_template=brands.read_word_template(chosen)))
    session = Session.open(tmp_path / "t.sqlite3")
    try:
        eid = create_demo(session)
        brand = brands.resolve("acme")
        content = write_docx(build_document(report.report_input(session, eid), brand), brand)
    finally:
        session.close()
    doc = docx.Document(io.BytesIO(content))
    assert doc.sections[0].header.paragraphs[0].text == "ACME HOUSE HEADER"


def test_files_that_are_not_plain_word_templates_are_refused_with_one_message(
        qtbot: QtBot, tmp_path: Path, modal: Dialogs) -> None:
    brands.save(brands.BrandDraft(name="acme", display_name="Acme", firm_name="Acme"))
    dialog = editor_on(qtbot, "acme")
    field = dialog.form.template
    good = tmp_path / "good.docx"
    good.write_bytes(house_template(as_template=False))
    modal.open_paths.append(good)
    qtbot.mouseClick(field.choose, Qt.MouseButton.LeftButton)
    kept = field.data
    assert kept is not None

    cases: dict[str, tuple[bytes, str]] = {
        "notes.txt": (b"just text", "not a Word file"),
        "macros.dotm": (house_template(), "macro-enabled"),
        "fake.docx": (b"PK\x03\x04 not really a zip", "not a Word document or template"),
        "hidden-macros.docx": (with_macros(house_template(as_template=False)), "macros"),
        "huge.dotx": (b"\x00" * (9 * 1024 * 1024), "MB"),
    }
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        modal.open_paths.append(path)
        qtbot.mouseClick(field.choose, Qt.MouseButton.LeftButton)
        assert message in modal.errors[-1], (name, modal.errors[-1])
        assert field.data == kept, name  # the template chosen before stays
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    modal.open_paths.append(fifo)
    qtbot.mouseClick(field.choose, Qt.MouseButton.LeftButton)  # never waits on a pipe
    assert field.data == kept
    assert len(modal.errors) == len(cases) + 1
    assert brands.resolve("acme").word_template is None  # nothing saved by a refusal
