"""The team editor never orphans an assessor's work: it asks whom to move it to."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from workbench.gui import engagement_commands
from workbench.gui.engagement_dialogs import ReassignDialog
from workbench.gui.main_window import MainWindow
from workbench.services import engagements
from workbench.services.session import Session
from workbench.storage.ratings import rating_set

from .conftest import Dialogs


def _without(gui_session: Session, demo: str, name: str, monkeypatch: pytest.MonkeyPatch,
             answer: str | None) -> list[tuple[str, str, list[str]]]:
    details = engagements.details(gui_session, demo)
    team = [a for a in engagements.team(gui_session, demo) if a.name != name]
    monkeypatch.setattr(engagement_commands, "ask_details", lambda *_a: (details, team, None))
    asked: list[tuple[str, str, list[str]]] = []

    def ask(_parent: object, who: str, work: str, colleagues: list[str]) -> str | None:
        asked.append((who, work, colleagues))
        return answer

    monkeypatch.setattr(engagement_commands, "ask_reassign", ask)
    return asked


def test_keeping_the_assessor_changes_nothing(window: MainWindow, demo: str,
                                              gui_session: Session, modal: Dialogs,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window.open_engagement(demo)
    before = rating_set(gui_session.db, demo)
    asked = _without(gui_session, demo, "Tomás Müller", monkeypatch, None)
    window._edit_details()
    assert len(asked) == 1
    who, work, colleagues = asked[0]
    assert who == "Tomás Müller" and colleagues == ["Amira Haddad", "Zoë Lindqvist"]
    assert work.startswith(f"{len(before.assessors['Tomás Müller'].indicators)} ratings")
    assert "Tomás Müller" in [a.name for a in engagements.team(gui_session, demo)]
    assert rating_set(gui_session.db, demo) == before
    assert modal.errors == []


def test_moving_the_work_removes_the_assessor_and_reports_kept_values(
        window: MainWindow, demo: str, gui_session: Session, modal: Dialogs,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window.open_engagement(demo)
    _without(gui_session, demo, "Tomás Müller", monkeypatch, "Zoë Lindqvist")
    tomas = rating_set(gui_session.db, demo).assessors["Tomás Müller"]
    window._edit_details()
    after = rating_set(gui_session.db, demo)
    assert "Tomás Müller" not in after.assessors
    assert after.assessors["Zoë Lindqvist"] == tomas  # Zoë had rated nothing: all moved
    assert modal.errors == []  # no clash, so nothing to report
    assert window.assessor_combo.count() == 2


def test_a_clash_is_reported(window: MainWindow, demo: str, gui_session: Session,
                             modal: Dialogs, monkeypatch: pytest.MonkeyPatch) -> None:
    window.open_engagement(demo)
    _without(gui_session, demo, "Tomás Müller", monkeypatch, "Amira Haddad")
    window._edit_details()
    assert len(modal.errors) == 1
    assert modal.errors[0].startswith("Moved ") and "Amira Haddad's own values kept" in \
        modal.errors[0]


def test_an_assessor_without_work_is_removed_without_a_question(
        window: MainWindow, demo: str, gui_session: Session,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window.open_engagement(demo)
    asked = _without(gui_session, demo, "Zoë Lindqvist", monkeypatch, None)
    window._edit_details()
    assert asked == []
    assert "Zoë Lindqvist" not in [a.name for a in engagements.team(gui_session, demo)]


def test_the_dialog_offers_the_colleagues_and_defaults_to_keeping(qtbot: QtBot) -> None:
    dialog = ReassignDialog("Tomás Müller", "40 ratings and 12 findings",
                            ["Amira Haddad", "Zoë Lindqvist"])
    qtbot.addWidget(dialog)
    dialog.target.setCurrentIndex(1)
    assert dialog.chosen() == "Zoë Lindqvist"
    assert dialog.keep_button.isDefault()
    assert dialog.keep_button.text() == "Keep Tomás Müller"
    dialog.move_button.click()
    assert dialog.result() == ReassignDialog.DialogCode.Accepted
