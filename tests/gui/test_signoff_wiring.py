"""Sign-off from the main window: the menu opens the dialogs; a signed engagement is read-only."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from workbench.gui.actions import ActionId
from workbench.gui.main_window import MainWindow
from workbench.gui.workspace import Workspace
from workbench.services import signoff
from workbench.services.session import Change, ChangeKind


def test_sign_off_and_amend_switch_the_workbench_between_read_only_and_editable(
        qtbot: QtBot, window: MainWindow, workspace: Workspace, demo: str) -> None:
    form = workspace.form
    assert not form.banner.isVisibleTo(window)
    assert window.registry[ActionId.SIGN_OFF].isEnabled()
    assert not window.registry[ActionId.AMEND].isEnabled()
    signoff.sign_off(window.session, demo, [signoff.Signer("Amira Haddad", "Lead assessor")],
                     accept_warnings=True)
    window._signoff_changed(Change(ChangeKind.ENGAGEMENT_UPDATED, demo))
    assert form.banner.isVisibleTo(window)
    assert "Signed off" in form.banner.text() and "amendment" in form.banner.text()
    assert not form.rows_box.isEnabled()
    assert not window.registry[ActionId.SIGN_OFF].isEnabled()
    assert window.registry[ActionId.AMEND].isEnabled()
    window.show_list()  # reopening keeps the lock
    window.open_engagement(demo)
    assert window.workspace is not None and window.workspace.form.banner.isVisibleTo(window)
    signoff.amend(window.session, demo, "Client asked to re-rate D2.6")
    window._signoff_changed(Change(ChangeKind.ENGAGEMENT_UPDATED, demo))
    assert not window.workspace.form.banner.isVisibleTo(window)
    assert window.workspace.form.rows_box.isEnabled()


@pytest.mark.parametrize(("action", "dialog"), [(ActionId.SIGN_OFF, "SignOffDialog"),
                                                (ActionId.VERIFY, "VerifyDialog")])
def test_the_menu_opens_the_sign_off_dialogs(qtbot: QtBot, window: MainWindow,
                                             workspace: Workspace, action: ActionId,
                                             dialog: str) -> None:
    window.registry[action].trigger()
    opened = [w for w in window.findChildren(object) if type(w).__name__ == dialog]
    assert len(opened) == 1
    opened[0].close()


def test_an_altered_signed_record_is_refused_loudly_on_open(
        qtbot: QtBot, window: MainWindow, demo: str, modal: object) -> None:
    import sqlite3

    signoff.sign_off(window.session, demo, [signoff.Signer("Amira Haddad", "Lead assessor")],
                     accept_warnings=True)
    attacker = sqlite3.connect(window.session.path, isolation_level=None)
    for (name,) in attacker.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                    ).fetchall():
        attacker.execute(f"DROP TRIGGER {name}")
    attacker.execute("UPDATE engagements SET client = 'Forged Ltd' WHERE id = ?", (demo,))
    attacker.close()
    assert not window.open_engagement(demo)
    errors = modal.errors  # type: ignore[attr-defined]
    assert any("signed record of revision 1 was altered outside the workbench" in e
               for e in errors), errors
    assert window.workspace is None
