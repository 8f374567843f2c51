"""Send to Colleague, Open Package (import or merge with a preview), refusals, from the menus."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from workbench.gui import merge_dialog
from workbench.gui.actions import ActionId
from workbench.gui.main_window import MainWindow
from workbench.gui.workspace import Workspace
from workbench.services import assessment, engagements, package, scores
from workbench.services.package import MergePreview
from workbench.services.session import Session

from .conftest import Dialogs

COLLEAGUE = "Tomás Müller"


def colleagues_package(session: Session, engagement_id: str, folder: Path) -> Path:
    """The engagement sent to Tomás, rated further on his laptop, and sent back."""
    sent = package.pack(session, engagement_id, folder / "to-tomas.wbx")
    laptop = Session.open(folder / "tomas.sqlite3")
    try:
        package.import_package(laptop, sent)
        assessment.rate(laptop, engagement_id, "D6.5.1", 5, COLLEAGUE)
        assessment.set_notes(laptop, engagement_id, "D6.5", "Seen on the laptop", COLLEAGUE)
        return package.pack(laptop, engagement_id, folder / "from-tomas.wbx")
    finally:
        laptop.close()


def tomas(session: Session, engagement_id: str) -> object:
    return assessment.element_sheet(session, engagement_id, "D6.5", COLLEAGUE).indicators[
        "D6.5.1"]


def test_send_to_colleague_packs_in_the_background(
        window: MainWindow, workspace: Workspace, modal: Dialogs, tmp_path: Path,
        wait_tasks: Callable[[], None]) -> None:
    modal.save_paths = [tmp_path / "for-tomas"]  # the suffix is added
    window.registry[ActionId.SEND_PACKAGE].trigger()
    wait_tasks()
    written = tmp_path / "for-tomas.wbx"
    assert modal.errors == [] and written.is_file()
    assert package.looks_like_package(written)
    assert "Packed to for-tomas.wbx" in window.status.saved_label.text()
    other = Session.open(tmp_path / "other.sqlite3")
    try:
        change = package.import_package(other, written)
        assert change.engagement_id == workspace.context.engagement_id
    finally:
        other.close()


def test_open_package_imports_an_engagement_this_laptop_lacks(
        window: MainWindow, gui_session: Session, demo: str, modal: Dialogs, tmp_path: Path,
        wait_tasks: Callable[[], None]) -> None:
    sent = package.pack(gui_session, demo, tmp_path / "demo.wbx")
    window.list_page.apply(engagements.delete(gui_session, demo))
    modal.open_paths = [sent]
    window.registry[ActionId.OPEN_PACKAGE].trigger()
    wait_tasks()
    assert modal.errors == []
    assert window.context is not None and window.context.engagement_id == demo  # same id
    assert window.list_page.table.model().rowCount() >= 1


def test_open_package_previews_the_merge_and_apply_refreshes_everything(
        window: MainWindow, workspace: Workspace, modal: Dialogs, tmp_path: Path,
        qtbot: QtBot, wait_tasks: Callable[[], None], monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = workspace.context
    back = colleagues_package(ctx.session, ctx.engagement_id, tmp_path)
    workspace.select_element("D1.1")
    workspace.form.rate(workspace.form.visible_rows()[0].code, 1)  # on the undo stack
    assert ctx.undo_stack.count() == 1
    seen: list[MergePreview] = []
    dialogs: list[merge_dialog.MergePreviewDialog] = []

    def confirm(parent: object, preview: MergePreview, title: str) -> bool:
        seen.append(preview)
        dialogs.append(merge_dialog.MergePreviewDialog(preview, title))
        return True

    monkeypatch.setattr(merge_dialog, "confirm_merge", confirm)
    total_before = ctx.score.total
    modal.open_paths = [back]
    window.registry[ActionId.OPEN_PACKAGE].trigger()
    qtbot.waitUntil(lambda: tomas(ctx.session, ctx.engagement_id) == 5, timeout=15_000)
    wait_tasks()
    assert modal.errors == [] and len(seen) == 1
    preview = seen[0]
    assert any(line.assessor == COLLEAGUE and line.element == "D6.5.1" and line.new == 5
               for line in preview.changes)
    table = dialogs[0].table
    rows = [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]
    assert [COLLEAGUE, "D6.5.1", "rating", "—", "5", "Added"] in rows
    assert ctx.undo_stack.count() == 0  # the merge went beneath every history
    assert ctx.score == scores.score(ctx.session, ctx.engagement_id)  # the views were told
    assert ctx.score.total != total_before
    assert "Merged" in window.status.saved_label.text()


def test_a_cancelled_merge_changes_nothing(
        window: MainWindow, workspace: Workspace, modal: Dialogs, tmp_path: Path,
        qtbot: QtBot, wait_tasks: Callable[[], None], monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = workspace.context
    back = colleagues_package(ctx.session, ctx.engagement_id, tmp_path)
    asked: list[MergePreview] = []
    monkeypatch.setattr(merge_dialog, "confirm_merge",
                        lambda _p, preview, _t: asked.append(preview) and False)
    modal.open_paths = [back]
    window.registry[ActionId.OPEN_PACKAGE].trigger()
    qtbot.waitUntil(lambda: bool(asked), timeout=15_000)
    wait_tasks()
    assert tomas(ctx.session, ctx.engagement_id) is None
    assert "nothing changed" in window.status.saved_label.text()


def test_a_conflict_is_highlighted_in_the_preview(
        window: MainWindow, workspace: Workspace, tmp_path: Path, qtbot: QtBot) -> None:
    ctx = workspace.context
    back = colleagues_package(ctx.session, ctx.engagement_id, tmp_path)
    assessment.rate(ctx.session, ctx.engagement_id, "D6.5.1", 2, COLLEAGUE)  # later, here
    with package.preview_merge(ctx.session, back) as preview:
        dialog = merge_dialog.MergePreviewDialog(preview, "Demo", window)
        qtbot.addWidget(dialog)
        row = next(n for n, line in enumerate(dialog.rows) if line.element == "D6.5.1")
        result = dialog.table.item(row, 5)
        assert result.text().startswith("Conflict · yours kept")
        assert result.font().bold() or result.font().weight() > 500
        plain = next(n for n, line in enumerate(dialog.rows) if not line.conflict)
        assert dialog.table.item(row, 0).background() != dialog.table.item(plain, 0).background()
        dialog.conflicts_only.setChecked(True)
        assert dialog.table.isRowHidden(plain) and not dialog.table.isRowHidden(row)


def test_the_merge_is_refused_when_this_copy_changed_after_the_preview(
        window: MainWindow, workspace: Workspace, tmp_path: Path) -> None:
    from workbench.core.errors import WorkbenchError
    from workbench.gui.packages import merge_as_previewed

    ctx = workspace.context
    back = colleagues_package(ctx.session, ctx.engagement_id, tmp_path)
    with package.preview_merge(ctx.session, back) as shown:
        pass
    assessment.rate(ctx.session, ctx.engagement_id, "D6.5.1", 2, COLLEAGUE)
    with pytest.raises(WorkbenchError, match="changed since the preview"):
        merge_as_previewed(ctx.session, shown, lambda *_a: None)
    assert tomas(ctx.session, ctx.engagement_id) == 2


@pytest.mark.parametrize("damage", ["tampered", "not a package", "truncated"])
def test_a_bad_file_is_refused_with_one_message(
        window: MainWindow, workspace: Workspace, modal: Dialogs, tmp_path: Path,
        wait_tasks: Callable[[], None], damage: str) -> None:
    ctx = workspace.context
    good = package.pack(ctx.session, ctx.engagement_id, tmp_path / "good.wbx")
    data = bytearray(good.read_bytes())
    if damage == "tampered":
        data[len(data) // 2] ^= 0xFF
    elif damage == "truncated":
        data = data[: len(data) // 3]
    else:
        data = bytearray(b'{"format": "not a package"}')
    bad = tmp_path / "bad.wbx"
    bad.write_bytes(bytes(data))
    count = len(engagements.summaries(ctx.session, include_archived=True))
    modal.open_paths = [bad]
    window.registry[ActionId.OPEN_PACKAGE].trigger()
    wait_tasks()
    assert len(modal.errors) == 1, modal.errors
    assert "Traceback" not in modal.errors[0] and "unexpected" not in modal.errors[0].lower()
    assert len(engagements.summaries(ctx.session, include_archived=True)) == count


def test_a_package_of_another_framework_version_keeps_the_merges_reason(
        window: MainWindow, workspace: Workspace, modal: Dialogs, tmp_path: Path,
        wait_tasks: Callable[[], None], monkeypatch: pytest.MonkeyPatch) -> None:
    """When the engagement is here, the merge's refusal is shown, not the import's."""
    from workbench.core.errors import WorkbenchError

    ctx = workspace.context
    good = package.pack(ctx.session, ctx.engagement_id, tmp_path / "good.wbx")

    def refuse(_s: Session, _p: Path) -> MergePreview:
        raise WorkbenchError("the two copies cannot be merged (framework)")

    monkeypatch.setattr(package, "preview_merge", refuse)
    modal.open_paths = [good]
    window.registry[ActionId.OPEN_PACKAGE].trigger()
    wait_tasks()
    assert modal.errors == ["the two copies cannot be merged (framework)"]
