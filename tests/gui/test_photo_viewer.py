"""The photo viewer (Previous / Next, arrow keys, caption, Esc) and moving an attachment by
dragging it onto another element of the navigator (one undoable edit; refused when locked)."""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workbench.gui.actions import ActionId
from workbench.gui.main_window import MainWindow
from workbench.gui.widgets.attachment_drag import attachment_mime
from workbench.gui.widgets.photo_viewer import PhotoViewer
from workbench.gui.workspace import Workspace
from workbench.services import attachments, signoff
from workbench.services.session import Change, ChangeKind

from .conftest import Dialogs

SOURCE, TARGET = "D2.6", "D1.2"


def _jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(out, "JPEG")
    return out.getvalue()


def _three_photos(ws: Workspace) -> list[int]:
    ctx = ws.context
    ids = []
    for n, (name, colour) in enumerate((("wall.jpg", (200, 40, 40)),
                                        ("desk.jpg", (40, 200, 40)),
                                        ("board.jpg", (40, 40, 200)))):
        change = attachments.attach_bytes(ctx.session, ctx.engagement_id, SOURCE, name,
                                          _jpeg(colour), f"Caption {n + 1}")
        ctx.commit(change)
        assert change.item_id is not None
        ids.append(change.item_id)
    ctx.commit(attachments.attach_bytes(ctx.session, ctx.engagement_id, SOURCE, "notes.txt",
                                        b"not a photo"))
    ws.select_element(SOURCE)
    return ids


def _names(ws: Workspace, element: str) -> list[str]:
    ctx = ws.context
    return [a.filename for a in attachments.attachments(ctx.session, ctx.engagement_id, element)]


def _open_viewer(qtbot: QtBot, ws: Workspace, row: int) -> PhotoViewer:
    panel = ws.form.attachments
    panel.list.setCurrentRow(row)
    panel.open_button.click()
    viewer = panel.viewer
    assert isinstance(viewer, PhotoViewer)
    qtbot.waitExposed(viewer)
    return viewer


def _drop(ws: Workspace, mime: QMimeData, code: str) -> bool:
    """Drag `mime` over the navigator row of `code` and drop it; True when it was taken."""
    index = ws.model.index_of(code)
    pos = ws.tree.visualRect(index).center()
    viewport = ws.tree.viewport()
    args = (Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(pos, *args)
    QApplication.sendEvent(viewport, enter)
    if not enter.isAccepted():
        return False
    move = QDragMoveEvent(pos, *args)
    QApplication.sendEvent(viewport, move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(QPointF(pos), *args)
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted()


def test_the_viewer_steps_through_the_photos_with_buttons_and_keys(
        qtbot: QtBot, workspace: Workspace, wait_tasks: Callable[[], None],
        modal: Dialogs) -> None:
    _three_photos(workspace)
    viewer = _open_viewer(qtbot, workspace, 1)  # desk.jpg
    assert modal.opened == []  # a photo is not handed to another program
    assert viewer.name.text().startswith("desk.jpg") and "2 of 3" in viewer.name.text()
    assert viewer.caption.text() == "Caption 2"
    wait_tasks()
    qtbot.waitUntil(lambda: viewer.photo.pixmap() is not None
                    and not viewer.photo.pixmap().isNull(), timeout=5000)
    image = viewer.photo.pixmap().toImage()
    centre = image.pixelColor(image.width() // 2, image.height() // 2)
    assert centre.green() > 150 > centre.red()  # the green photo is the one shown
    viewer.next_button.click()
    assert "board.jpg" in viewer.name.text() and viewer.caption.text() == "Caption 3"
    qtbot.keyClick(viewer, Qt.Key.Key_Right)  # after the last, the first
    assert "wall.jpg" in viewer.name.text() and "1 of 3" in viewer.name.text()
    qtbot.keyClick(viewer, Qt.Key.Key_Left)
    assert "board.jpg" in viewer.name.text()
    viewer.previous_button.click()
    assert "desk.jpg" in viewer.name.text()
    wait_tasks()
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert not viewer.isVisible()


def test_a_photo_dragged_from_the_viewer_onto_an_element_moves_there_undoably(
        qtbot: QtBot, window: MainWindow, workspace: Workspace,
        wait_tasks: Callable[[], None]) -> None:
    ids = _three_photos(workspace)
    viewer = _open_viewer(qtbot, workspace, 0)
    before = _names(workspace, TARGET)
    assert viewer.current is not None and viewer.current.id == ids[0]
    mime = attachment_mime(workspace.context.engagement_id, viewer.current.id)
    assert _drop(workspace, mime, TARGET)
    assert _names(workspace, TARGET) == [*before, "wall.jpg"]
    assert "wall.jpg" not in _names(workspace, SOURCE)
    assert workspace.form.attachments.list.count() == 3  # the form still on SOURCE, updated
    assert "1 of 2" in viewer.name.text() and "desk.jpg" in viewer.name.text()
    undo, redo = window.registry[ActionId.UNDO], window.registry[ActionId.REDO]
    assert f"move wall.jpg to {TARGET}" in undo.toolTip()
    undo.trigger()
    assert "wall.jpg" in _names(workspace, SOURCE) and _names(workspace, TARGET) == before
    assert workspace.current_code == SOURCE  # undo shows where the photo is now
    assert "of 3" in viewer.name.text()
    redo.trigger()
    assert _names(workspace, TARGET) == [*before, "wall.jpg"]
    assert workspace.current_code == TARGET
    viewer.close()
    wait_tasks()


def test_an_item_dragged_from_the_attachments_list_moves_too(
        workspace: Workspace, wait_tasks: Callable[[], None]) -> None:
    _three_photos(workspace)
    panel = workspace.form.attachments
    item = panel.list.item(3)
    assert item.text() == "notes.txt"
    mime = panel.list.mimeData([item])
    assert _drop(workspace, mime, "E2")
    assert "notes.txt" in _names(workspace, "E2") and panel.list.count() == 3
    wait_tasks()


def test_drops_that_cannot_move_anything_are_refused(
        window: MainWindow, workspace: Workspace, demo: str,
        wait_tasks: Callable[[], None]) -> None:
    ids = _three_photos(workspace)
    ctx = workspace.context
    assert not _drop(workspace, attachment_mime("another-engagement", ids[0]), TARGET)
    assert not _drop(workspace, attachment_mime(ctx.engagement_id, ids[0]), "D1")  # a dimension
    plain = QMimeData()
    plain.setText("wall.jpg")
    assert not _drop(workspace, plain, TARGET)
    assert _names(workspace, SOURCE) == ["wall.jpg", "desk.jpg", "board.jpg", "notes.txt"]
    signoff.sign_off(window.session, demo, [signoff.Signer("Amira Haddad", "Lead assessor")],
                     accept_warnings=True)
    window._signoff_changed(Change(ChangeKind.ENGAGEMENT_UPDATED, demo))
    assert ctx.read_only
    assert not _drop(workspace, attachment_mime(ctx.engagement_id, ids[0]), TARGET)
    assert "wall.jpg" in _names(workspace, SOURCE)
    wait_tasks()


def test_a_drag_leaves_the_photo_after_the_drag_distance(
        qtbot: QtBot, workspace: Workspace, wait_tasks: Callable[[], None]) -> None:
    _three_photos(workspace)
    viewer = _open_viewer(qtbot, workspace, 2)
    started: list[int] = []
    viewer.photo.drag_started.disconnect()  # a real QDrag would wait for the mouse
    viewer.photo.drag_started.connect(lambda: started.append(1))
    centre = viewer.photo.rect().center()
    qtbot.mousePress(viewer.photo, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseMove(viewer.photo, centre + QPoint(1, 0))
    assert started == []
    qtbot.mouseMove(viewer.photo, centre + QPoint(QApplication.startDragDistance() + 5, 0))
    assert started == [1]
    qtbot.mouseRelease(viewer.photo, Qt.MouseButton.LeftButton)
    viewer.close()
    wait_tasks()
