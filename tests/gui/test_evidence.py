"""Attachments (dialog, drop, thumbnails, open, remove) and improvement actions."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from workbench.core.engagement import Action, ActionStatus, Priority
from workbench.gui.main_window import MainWindow
from workbench.gui.widgets import actions_section
from workbench.gui.workspace import Workspace
from workbench.services import actions, attachments

from .conftest import Dialogs

ELEMENT = "D2.6"


def photo(path: Path, size: tuple[int, int] = (640, 480)) -> Path:
    out = io.BytesIO()
    Image.new("RGB", size, (43, 122, 152)).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return path


def listed(ws: Workspace) -> list[str]:
    return [a.filename for a in attachments.attachments(ws.context.session,
                                                        ws.context.engagement_id, ELEMENT)]


def drop(widget: QWidget, files: list[Path]) -> bool:
    """Simulate dragging file URLs from a file manager onto the widget; True if accepted."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_dropping_a_photo_attaches_it_with_a_thumbnail(qtbot: QtBot, tmp_path: Path,
                                                       workspace: Workspace,
                                                       wait_tasks: object) -> None:
    workspace.select_element(ELEMENT)
    panel = workspace.form.attachments
    assert drop(panel, [photo(tmp_path / "board.jpg")])
    qtbot.waitUntil(lambda: listed(workspace) == ["board.jpg"], timeout=10_000)
    wait_tasks()  # type: ignore[operator]
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=5000)
    item = panel.list.item(0)
    assert item.text() == "board.jpg"
    qtbot.waitUntil(lambda: workspace.form.attachments.thumbs != {}, timeout=10_000)
    wait_tasks()  # type: ignore[operator]
    image = next(iter(workspace.form.attachments.thumbs.values()))
    assert max(image.width(), image.height()) <= 2 * 96


def test_adding_by_dialog_and_a_damaged_image_is_refused(qtbot: QtBot, tmp_path: Path,
                                                         workspace: Workspace, modal: Dialogs,
                                                         wait_tasks: object) -> None:
    workspace.select_element(ELEMENT)
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    modal.open_paths = [bad]
    workspace.form.attachments.choose()
    wait_tasks()  # type: ignore[operator]
    qtbot.waitUntil(lambda: bool(modal.errors), timeout=5000)
    assert "broken.jpg" in modal.errors[0]
    assert listed(workspace) == []
    notes = tmp_path / "minutes.txt"
    notes.write_text("Meeting minutes")
    modal.open_paths = [notes]
    workspace.form.attachments.choose()
    wait_tasks()  # type: ignore[operator]
    qtbot.waitUntil(lambda: listed(workspace) == ["minutes.txt"], timeout=5000)


def test_open_and_remove_an_attachment(qtbot: QtBot, workspace: Workspace, modal: Dialogs,
                                       wait_tasks: object) -> None:
    ctx = workspace.context
    change = attachments.attach_bytes(ctx.session, ctx.engagement_id, ELEMENT, "notes.txt",
                                      b"seen on site")
    ctx.commit(change)
    workspace.select_element(ELEMENT)
    panel = workspace.form.attachments
    assert panel.list.count() == 1
    panel.list.setCurrentRow(0)
    panel.open_button.click()
    assert modal.opened and modal.opened[0].read_bytes() == b"seen on site"
    modal.answers = [False]
    panel.remove_button.click()
    assert listed(workspace) == ["notes.txt"]
    modal.answers = [True]
    panel.remove_button.click()
    assert listed(workspace) == []
    assert panel.list.count() == 0 and not panel.empty.isHidden()


def test_improvement_actions_are_added_edited_and_removed(
        workspace: Workspace, modal: Dialogs, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace.select_element("D6.5")
    new = Action("D6.5", "Map channel features to journeys", "Digital Lead", Priority.HIGH,
                 "2027-05-31", ActionStatus.OPEN)
    monkeypatch.setattr(actions_section, "edit_action", lambda *_a: new)
    workspace.form.actions_panel.add_action()
    ctx = workspace.context
    saved = actions.list_actions(ctx.session, ctx.engagement_id, "D6.5")
    assert [(a.action, a.owner, a.priority) for a in saved] == [
        ("Map channel features to journeys", "Digital Lead", Priority.HIGH)]
    panel = workspace.form.actions_panel
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 0).data() == "Map channel features to journeys"
    done = Action("D6.5", new.action, new.owner, new.priority, new.due_date, ActionStatus.DONE,
                  saved[0].id)
    monkeypatch.setattr(actions_section, "edit_action", lambda *_a: done)
    workspace.form.actions_panel.edit_action(saved[0])
    assert actions.list_actions(ctx.session, ctx.engagement_id, "D6.5")[0].status == \
        ActionStatus.DONE
    assert panel.model.index(0, 4).data() == "Done"
    panel.table.selectRow(0)
    modal.answers = [True]
    panel.remove_button.click()
    assert actions.list_actions(ctx.session, ctx.engagement_id, "D6.5") == []
    assert panel.model.rowCount() == 0


def test_an_action_without_text_is_refused(workspace: Workspace, modal: Dialogs,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    workspace.select_element("D6.5")
    monkeypatch.setattr(actions_section, "edit_action",
                        lambda *_a: Action("D6.5", "   ", "Owner"))
    workspace.form.actions_panel.add_action()
    assert modal.errors == ["an action needs a description"]


def test_action_dialog_returns_what_was_entered(qtbot: QtBot) -> None:
    from workbench.gui.widgets.actions_panel import ActionDialog

    dialog = ActionDialog("D1.1")
    qtbot.addWidget(dialog)
    dialog.text.setPlainText("Run a quarterly review")
    dialog.owner.setText("COO")
    dialog.priority.setCurrentIndex(dialog.priority.findData("low"))
    dialog.due.set_iso(None)
    value = dialog.value()
    assert (value.element, value.action, value.owner, value.priority, value.due_date) == (
        "D1.1", "Run a quarterly review", "COO", Priority.LOW, None)


def test_window_closes_cleanly_while_a_thumbnail_is_made(window: MainWindow,
                                                         workspace: Workspace) -> None:
    ctx = workspace.context
    out = io.BytesIO()
    Image.new("RGB", (3000, 2000), (200, 100, 50)).save(out, "JPEG")
    ctx.commit(attachments.attach_bytes(ctx.session, ctx.engagement_id, ELEMENT, "big.jpg",
                                        out.getvalue()))
    workspace.select_element(ELEMENT)
    window.close()  # waits for the worker: the fixture fails the test otherwise


def test_a_caption_is_written_from_the_attachments_panel(
        workspace: Workspace, modal: Dialogs, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.gui.widgets import attachments_section

    ctx = workspace.context
    ctx.commit(attachments.attach_bytes(ctx.session, ctx.engagement_id, ELEMENT, "board.txt",
                                        b"minutes", "Old caption"))
    workspace.select_element(ELEMENT)
    panel = workspace.form.attachments
    assert not panel.caption_button.isEnabled()
    panel.list.setCurrentRow(0)
    asked: list[str] = []
    monkeypatch.setattr(attachments_section, "ask_caption",
                        lambda _p, _name, current: asked.append(current) or "Board minutes")
    panel.caption_button.click()
    assert asked == ["Old caption"]
    [info] = attachments.attachments(ctx.session, ctx.engagement_id, ELEMENT)
    assert info.caption == "Board minutes"
    assert "Board minutes" in panel.list.item(0).toolTip()
    monkeypatch.setattr(attachments_section, "ask_caption", lambda *_a: "x" * 10_000)
    panel.list.setCurrentRow(0)
    panel.caption_button.click()  # too long: one message, nothing changed
    assert modal.errors and "caption" in modal.errors[-1].lower()
    assert attachments.attachments(ctx.session, ctx.engagement_id, ELEMENT)[0].caption == \
        "Board minutes"


def test_a_photo_is_rotated_from_the_panel_and_a_document_cannot_be(
        tmp_path: Path, workspace: Workspace, wait_tasks: Callable[[], None]) -> None:
    ctx = workspace.context
    ctx.commit(attachments.attach_bytes(ctx.session, ctx.engagement_id, ELEMENT, "wall.jpg",
                                        photo(tmp_path / "wall.jpg").read_bytes(), "Wall"))
    ctx.commit(attachments.attach_bytes(ctx.session, ctx.engagement_id, ELEMENT, "a.pdf",
                                        b"%PDF-1.4\n% a\n"))
    workspace.select_element(ELEMENT)
    wait_tasks()
    panel = workspace.form.attachments
    names = [panel.list.item(n).text() for n in range(panel.list.count())]
    panel.list.setCurrentRow(names.index("a.pdf"))
    assert not panel.rotate_button.isEnabled()
    panel.list.setCurrentRow(names.index("wall.jpg"))
    assert panel.rotate_button.isEnabled()
    panel.rotate_button.click()
    wait_tasks()
    [wall] = [a for a in attachments.attachments(ctx.session, ctx.engagement_id, ELEMENT)
              if a.filename == "wall.jpg"]
    assert (wall.width, wall.height, wall.caption) == (480, 640, "Wall")
    assert panel.list.count() == 2


def test_undoing_a_rotation_puts_back_the_very_same_photo(
        tmp_path: Path, window: MainWindow, workspace: Workspace,
        wait_tasks: Callable[[], None]) -> None:
    from workbench.gui.actions import ActionId

    ctx = workspace.context
    original = photo(tmp_path / "desk.jpg").read_bytes()
    ctx.commit(attachments.attach_bytes(ctx.session, ctx.engagement_id, ELEMENT, "desk.jpg",
                                        original, "Service desk"))
    workspace.select_element(ELEMENT)
    wait_tasks()
    panel = workspace.form.attachments
    panel.list.setCurrentRow(0)
    panel.rotate_button.click()
    wait_tasks()

    def desk() -> tuple[int | None, int | None, bytes]:
        [info] = attachments.attachments(ctx.session, ctx.engagement_id, ELEMENT)
        return info.width, info.height, attachments.content(ctx.session, ctx.engagement_id,
                                                            info.id)

    assert desk()[:2] == (480, 640)
    undo, redo = window.registry[ActionId.UNDO], window.registry[ActionId.REDO]
    assert "rotate desk.jpg" in undo.toolTip()
    undo.trigger()
    assert desk() == (640, 480, original)  # the same bytes, not a second re-encoding
    redo.trigger()
    assert desk()[:2] == (480, 640)
    undo.trigger()
    assert desk() == (640, 480, original)
