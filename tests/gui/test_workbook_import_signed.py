"""Importing a workbook into a signed-off engagement: the GUI's preview says so, writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from workbench.gui import deliverables
from workbench.gui.actions import ActionId
from workbench.gui.main_window import MainWindow
from workbench.gui.workspace import Workspace
from workbench.services import scores, signoff

from .conftest import Dialogs


def test_the_preview_of_a_signed_off_engagement_says_so_and_offers_no_import(
        window: MainWindow, workspace: Workspace, modal: Dialogs, tmp_path: Path,
        wait_tasks: Callable[[], None], monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "northwind.xlsx"
    modal.save_paths = [target]
    window.registry[ActionId.EXPORT_WORKBOOK].trigger()
    wait_tasks()
    ctx = workspace.context
    signoff.sign_off(ctx.session, ctx.engagement_id,
                     [signoff.Signer("Amira Haddad", "Lead assessor")], accept_warnings=True)
    before = scores.score(ctx.session, ctx.engagement_id).total
    asked: list[str] = []
    monkeypatch.setattr(deliverables, "confirm_import",
                        lambda _p, text: asked.append(text) or True)
    modal.open_paths = [target]
    window.registry[ActionId.IMPORT_WORKBOOK].trigger()
    wait_tasks()
    assert asked == []  # never offered: the preview is shown as the reason it cannot import
    assert len(modal.errors) == 1
    assert f"engagement {ctx.engagement_id} is signed off" in modal.errors[0]
    assert "Amendment" in modal.errors[0]
    assert scores.score(ctx.session, ctx.engagement_id).total == before
