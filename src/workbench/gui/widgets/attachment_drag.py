"""Dragging an attachment onto another element of the navigator moves it there.

The drag carries the engagement and the attachment's id (never the file); the navigator's
`AttachmentDrops` accepts it over an element or enabler row of the same engagement and
says which one. Moving is the workspace's undoable edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QTreeView, QWidget

ATTACHMENT_MIME = "application/x-workbench-attachment"
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the attachment id of a list item (as in attachments.py)


def attachment_mime(engagement_id: str, attachment_id: int) -> QMimeData:
    mime = QMimeData()
    mime.setData(ATTACHMENT_MIME, QByteArray(f"{engagement_id}\n{attachment_id}".encode()))
    return mime


def attachment_in(mime: QMimeData | None, engagement_id: str) -> int | None:
    """The id of the attachment a drag carries, when it is one of this engagement's."""
    if mime is None or not mime.hasFormat(ATTACHMENT_MIME):
        return None
    raw = bytes(mime.data(ATTACHMENT_MIME).data()).decode("utf-8", "replace")
    engagement, _, number = raw.partition("\n")
    if engagement != engagement_id or not number.isdigit() or len(number) > 18:
        return None
    return int(number)


class DraggableAttachments(QListWidget):
    """The attachments list: an item dragged out carries its attachment (see the module)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engagement_id = ""
        self.setDragEnabled(True)
        self.setDragDropMode(QListWidget.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def mimeTypes(self) -> list[str]:
        return [ATTACHMENT_MIME]

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:  # type: ignore[override]
        if not items or not self.engagement_id:
            return QMimeData()
        return attachment_mime(self.engagement_id, int(items[0].data(ID_ROLE)))


class AttachmentDrops(QObject):
    """Watches the navigator's viewport for attachments dropped on an element.

    Signals: dropped(int attachment_id, str code).
    """

    dropped = Signal(int, str)

    def __init__(self, tree: QTreeView, engagement_id: str, code_role: int,
                 kind_role: int, locked: Callable[[], bool]) -> None:
        super().__init__(tree)
        self.tree = tree
        self.engagement_id = engagement_id
        self.code_role, self.kind_role = code_role, kind_role
        self._locked = locked  # a signed-off engagement takes no drop
        tree.setAcceptDrops(True)
        tree.viewport().setAcceptDrops(True)
        tree.viewport().installEventFilter(self)

    def target(self, event: QDragMoveEvent | QDropEvent) -> tuple[int, str] | None:
        """(attachment id, element code) of a drop that would be taken here."""
        attachment_id = attachment_in(event.mimeData(), self.engagement_id)
        if attachment_id is None or self._locked():
            return None
        index: QModelIndex = self.tree.indexAt(event.position().toPoint())
        if not index.isValid():
            return None
        index = index.siblingAtColumn(0)
        if index.data(self.kind_role) not in ("element", "enabler"):
            return None
        return attachment_id, str(index.data(self.code_role))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.DragEnter and isinstance(event, QDragEnterEvent):
            if attachment_in(event.mimeData(), self.engagement_id) is not None \
                    and not self._locked():
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.DragMove and isinstance(event, QDragMoveEvent):
            found = self.target(event)
            if found is not None:
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            found = self.target(event)
            if found is None:
                event.ignore()
                return True
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
            self.dropped.emit(*found)
            return True
        return False
