"""The photos of one element, one at a time: Previous / Next (buttons, arrow keys), the caption,
Esc closes. The photo shown can be dragged onto another element of the navigator to move it
there (the window is not modal, so the navigator stays reachable).

Decoding a photo is slow, so a worker makes a screen-sized copy (as for thumbnails); the
copies are kept while the viewer is open.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDrag, QImage, QKeyEvent, QMouseEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workbench.core.engagement import AttachmentInfo
from workbench.core.errors import WorkbenchError
from workbench.core.images import downscale
from workbench.core.progress import Progress
from workbench.gui.context import EngagementContext
from workbench.gui.tasks import TaskRunner
from workbench.gui.theme import GRID, heading_font, muted_label
from workbench.gui.widgets.attachment_drag import attachment_mime
from workbench.gui.widgets.attachment_files import open_attachment
from workbench.services import attachments
from workbench.services.session import Change, ChangeKind

SCREEN_SIDE = 2048  # the copy shown: sharp on a large screen, quick to decode


class PhotoLabel(QLabel):
    """The photo, scaled to fit; a drag starting on it carries the attachment.

    Signals: drag_started(): a drag left the photo (the viewer builds what it carries).
    """

    drag_started = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._press: QPoint | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(320, 240)
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and (event.position().toPoint() - self._press) \
                .manhattanLength() >= QApplication.startDragDistance():
            self._press = None
            self.drag_started.emit()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)


class PhotoViewer(QDialog):
    """Opened on one photo of an element; steps through the element's photos."""

    def __init__(self, context: EngagementContext, runner: TaskRunner, element: str,
                 attachment_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.runner, self.element = context, runner, element
        self.setWindowTitle(f"Photos of {element}")
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.images: dict[str, QImage] = {}
        self.photos: list[AttachmentInfo] = []
        self.position = 0
        self.closed = False  # a photo decoded after closing is not shown
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2 * GRID, 2 * GRID, 2 * GRID, 2 * GRID)
        layout.setSpacing(GRID)
        self.name = QLabel(self)
        self.name.setFont(heading_font(self.font(), 1))
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.name)
        self.photo = PhotoLabel(self)
        self.photo.setToolTip("Drag the photo onto an element in the navigator to move it there")
        self.photo.drag_started.connect(self.start_drag)
        layout.addWidget(self.photo, 1)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        self.hint = muted_label("← and → step through the photos · drag the photo onto an "
                                "element in the navigator to move it there · Esc closes", self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        buttons = QHBoxLayout()
        self.previous_button = QPushButton("◀ Previous", self)
        self.next_button = QPushButton("Next ▶", self)
        self.open_button = QPushButton("Open in Another Program", self)
        self.close_button = QPushButton("Close", self)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.open_button.clicked.connect(self._open_elsewhere)
        self.close_button.clicked.connect(self.close)
        for button in (self.previous_button, self.next_button):
            buttons.addWidget(button)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the arrow keys stay the viewer's
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.resize(900, 680)
        context.changed.connect(self._changed)
        self.load(attachment_id)

    # --- which photo ----------------------------------------------------------------------
    def load(self, attachment_id: int | None = None) -> None:
        """Read the element's photos afresh and show `attachment_id` (else the same place)."""
        self.photos = [a for a in attachments.attachments(
            self.context.session, self.context.engagement_id, self.element) if a.is_image]
        ids = [a.id for a in self.photos]
        if attachment_id in ids:
            self.position = ids.index(attachment_id)
        self.position = max(0, min(self.position, len(self.photos) - 1))
        self.show_current()

    @property
    def current(self) -> AttachmentInfo | None:
        return self.photos[self.position] if self.photos else None

    def step(self, by: int) -> None:
        if self.photos:
            self.position = (self.position + by) % len(self.photos)  # round and round
            self.show_current()

    def show_current(self) -> None:
        info = self.current
        count = len(self.photos)
        self.previous_button.setEnabled(count > 1)
        self.next_button.setEnabled(count > 1)
        self.open_button.setEnabled(info is not None)
        if info is None:
            self.name.setText(f"No photos of {self.element}")
            self.caption.setText("")
            self.photo.clear()
            self.photo.setText("This element has no photos now.")
            return
        self.name.setText(f"{info.filename}   ·   {self.position + 1} of {count}")
        self.caption.setText(info.caption or "No caption")
        self.caption.setEnabled(bool(info.caption))
        image = self.images.get(info.sha256)
        if image is not None:
            self._fit(image)
        else:
            self.photo.clear()
            self.photo.setText("Opening the photo…")
            self._decode(info)

    def _decode(self, info: AttachmentInfo) -> None:
        try:
            data = attachments.content(self.context.session, self.context.engagement_id, info.id)
        except WorkbenchError as exc:
            self.photo.setText(str(exc))
            return

        def work(progress: Progress) -> bytes:
            return downscale(data, SCREEN_SIDE, info.filename)

        def done(small: bytes) -> None:
            if self.closed:
                return
            image = QImage.fromData(QByteArray(small))
            self.images[info.sha256] = image
            current = self.current
            if current is not None and current.sha256 == info.sha256:
                self._fit(image)

        def failed(message: str) -> None:
            if self.closed:
                return
            current = self.current
            if current is not None and current.sha256 == info.sha256:
                self.photo.setText(message)

        self.runner.run(f"Opening {info.filename}", work, on_done=done, on_error=failed,
                        show_progress=False)

    def _fit(self, image: QImage) -> None:
        if image.isNull():
            self.photo.setText("This photo cannot be shown.")
            return
        self.photo.setPixmap(QPixmap.fromImage(image).scaled(
            self.photo.size(), Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed = True
        super().closeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        info = self.current
        if info is not None and info.sha256 in self.images:
            self._fit(self.images[info.sha256])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.step(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace):
            self.step(-1)
        elif key == Qt.Key.Key_Home:
            self.position = 0
            self.show_current()
        elif key == Qt.Key.Key_End:
            self.position = max(0, len(self.photos) - 1)
            self.show_current()
        else:
            super().keyPressEvent(event)  # Esc closes

    # --- what changed elsewhere -----------------------------------------------------------
    def _changed(self, change: Change) -> None:
        if change.kind is ChangeKind.ATTACHMENTS and self.element in (change.element,
                                                                      change.old):
            info = self.current
            if change.item_id is not None and change.old == (info.id if info else None):
                self.load(change.item_id)  # rotated: the new version, in the same place
            else:
                self.load(info.id if info else None)
        elif change.kind is ChangeKind.RATINGS_IMPORTED:
            self.load(self.current.id if self.current else None)

    # --- drag and open --------------------------------------------------------------------
    def start_drag(self) -> None:
        info = self.current
        if info is None:
            return
        drag = QDrag(self.photo)
        drag.setMimeData(attachment_mime(self.context.engagement_id, info.id))
        pixmap = self.photo.pixmap()
        if pixmap is not None and not pixmap.isNull():
            drag.setPixmap(pixmap.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation))
        drag.exec(Qt.DropAction.MoveAction)

    def _open_elsewhere(self) -> None:
        info = self.current
        if info is not None:
            open_attachment(self, self.context, info.id)
