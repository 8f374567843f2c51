"""The report options' "Include working papers" checkbox reaches the report service."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from pytestqt.qtbot import QtBot

from workbench.gui.actions import ActionId
from workbench.gui.main_window import MainWindow
from workbench.gui.workspace import Workspace
from workbench.services import signoff, working_papers
from workbench.services.session import Session

from .conftest import Dialogs


def test_the_options_offer_working_papers_only_for_a_signed_engagement(qtbot: QtBot) -> None:
    from workbench.gui.deliverables import WORKING_PAPERS_LABEL, ReportOptions

    sections = (("summary", "Executive summary"),)
    draft = ReportOptions("default", sections)
    qtbot.addWidget(draft)
    draft.working_papers.setChecked(True)
    assert not draft.working_papers.isEnabled() and draft.chosen()[3] is False
    signed = ReportOptions("default", sections, signed=True)
    qtbot.addWidget(signed)
    assert signed.working_papers.text() == WORKING_PAPERS_LABEL
    assert signed.working_papers.isEnabled() and signed.chosen()[3] is False
    signed.working_papers.setChecked(True)
    assert signed.chosen()[3] is True
    word = ReportOptions("default", sections, word=True, signed=True)
    qtbot.addWidget(word)
    assert word.working_papers.isHidden()


def test_the_checked_box_attaches_the_working_papers(
        window: MainWindow, workspace: Workspace, modal: Dialogs, gui_session: Session,
        demo: str, tmp_path: Path, wait_tasks: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.gui import deliverables

    signoff.sign_off(gui_session, demo, [signoff.Signer("A. Assessor", "Lead assessor")],
                     accept_warnings=True)
    asked: list[bool] = []

    def options(_parent: object, _brand: str, _sections: object, word: bool = False,
                signed: bool = False) -> tuple[str, list[str], bool, bool]:
        asked.append(signed and not word)
        return "default", ["cover", "signoff"], False, True

    monkeypatch.setattr(deliverables, "ask_report_options", options)
    target = tmp_path / "papers.pdf"
    modal.save_paths = [target]
    window.registry[ActionId.EXPORT_REPORT].trigger()
    wait_tasks()  # type: ignore[operator]
    assert modal.errors == [] and asked == [True]  # offered: the engagement is signed
    with pikepdf.open(target) as pdf:
        assert list(pdf.attachments) == [working_papers.working_papers_name(demo, 1)]
