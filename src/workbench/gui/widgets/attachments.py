"""Attachments of one element: thumbnails, drag and drop, open with the system viewer, remove."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from workbench.core.engagement import AttachmentInfo
from workbench.gui.theme import GRID, set_muted, set_shown
from workbench.gui.widgets.attachment_drag import DraggableAttachments

ID_ROLE = Qt.ItemDataRole.UserRole + 1
IMAGE_ROLE = Qt.ItemDataRole.UserRole + 2
THUMB = 96


def dropped_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 ** 2:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 ** 2:.1f} MB"


class AttachmentsPanel(QWidget):
    """Signals: files_dropped(list), add_requested(), open_requested(int), remove_requested(int),
    caption_requested(int), rotate_requested(int)."""

    files_dropped = Signal(list)
    add_requested = Signal()
    open_requested = Signal(int)
    remove_requested = Signal(int)
    caption_requested = Signal(int)
    rotate_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GRID // 2)
        self.list = DraggableAttachments(self)
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(THUMB + 3 * GRID, THUMB + 5 * GRID))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.list.setFixedHeight(THUMB + 6 * GRID)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(lambda item: self.open_requested.emit(
            int(item.data(ID_ROLE))))
        self.list.itemSelectionChanged.connect(self._selection)
        self.list.setAcceptDrops(False)  # the panel takes the drop, wherever it lands
        layout.addWidget(self.list)
        self.empty = QLabel("Drop photos or documents here, or use Add…", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMinimumHeight(6 * GRID)
        self.empty.setFrameShape(QLabel.Shape.StyledPanel)
        set_muted(self.empty)
        layout.addWidget(self.empty)
        buttons = QHBoxLayout()
        buttons.setSpacing(GRID)
        style = self.style()
        self.add_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_FileIcon),
                                      "Add…", self)
        self.open_button = QPushButton("Open", self)
        self.remove_button = QPushButton("Remove…", self)
        self.caption_button = QPushButton("Caption…", self)
        self.caption_button.setToolTip("Write or change the caption shown with this attachment")
        self.caption_button.clicked.connect(lambda: self._emit_current(self.caption_requested))
        self.rotate_button = QPushButton("Rotate", self)
        self.rotate_button.setToolTip("Turn the photo a quarter clockwise (a new version)")
        self.rotate_button.clicked.connect(lambda: self._emit_current(self.rotate_requested))
        self.add_button.clicked.connect(self.add_requested)
        self.open_button.clicked.connect(lambda: self._emit_current(self.open_requested))
        self.remove_button.clicked.connect(lambda: self._emit_current(self.remove_requested))
        for button in (self.add_button, self.open_button, self.caption_button,
                       self.rotate_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._items: dict[int, QListWidgetItem] = {}
        self.set_attachments([])

    def set_attachments(self, items: list[AttachmentInfo]) -> None:
        self.list.clear()
        self._items.clear()
        doc_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        for info in items:
            item = QListWidgetItem(doc_icon, info.filename)
            item.setData(ID_ROLE, info.id)
            item.setData(IMAGE_ROLE, info.is_image)
            size = f"{info.width}×{info.height} px, " if info.width and info.height else ""
            item.setToolTip(f"{info.filename}\n{size}{human_size(info.size)}"
                            + (f"\n{info.caption}" if info.caption else "")
                            + "\nDouble-click to open; drag it onto an element in the "
                              "navigator to move it there")
            item.setSizeHint(QSize(THUMB + 3 * GRID, THUMB + 5 * GRID))
            self.list.addItem(item)
            self._items[info.id] = item
        set_shown(self.list, bool(items))
        set_shown(self.empty, not items)
        self._selection()

    def set_thumbnail(self, attachment_id: int, image: QImage) -> None:
        item = self._items.get(attachment_id)
        if item is not None and not image.isNull():
            item.setIcon(QIcon(QPixmap.fromImage(image)))

    def ids(self) -> list[int]:
        return list(self._items)

    def _selection(self) -> None:
        has = self.list.currentItem() is not None and bool(self.list.selectedItems())
        self.open_button.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.caption_button.setEnabled(has)
        current = self.list.currentItem()
        self.rotate_button.setEnabled(has and current is not None
                                      and bool(current.data(IMAGE_ROLE)))

    def _emit_current(self, signal: SignalInstance) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(int(item.data(ID_ROLE)))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [p for p in dropped_files(event) if p.is_file()]
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
