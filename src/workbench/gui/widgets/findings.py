"""An editable list of short texts: the strengths, or the opportunities for improvement."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workbench.gui.theme import GRID, set_shown

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class _List(QListWidget):
    remove_requested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and item is not None \
                and self.state() != QAbstractItemView.State.EditingState:
            self.remove_requested.emit(int(item.data(ID_ROLE)))
            event.accept()
            return
        super().keyPressEvent(event)


class FindingsEditor(QWidget):
    """Items edited in place (double-click or F2), added by typing and Enter, removed by Delete.

    Signals:
        added(str), edited(int, str), removed(int): what the user asked for; the owner
            calls the service and then `set_items` with what was saved.
    """

    added = Signal(str)
    edited = Signal(int, str)
    removed = Signal(int)

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GRID // 2)
        self.list = _List(self)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.list.itemChanged.connect(self._changed)
        self.list.remove_requested.connect(self.removed)
        self.list.setToolTip("Double-click or F2 to edit; Delete removes the selected item")
        layout.addWidget(self.list)
        self.entry = QLineEdit(self)
        self.entry.setPlaceholderText(placeholder)
        self.entry.setClearButtonEnabled(True)
        self.entry.returnPressed.connect(self._add)
        layout.addWidget(self.entry)
        self._loading = False
        self._texts: dict[int, str] = {}

    def set_items(self, items: list[tuple[int, str]]) -> None:
        self._loading = True
        self.list.clear()
        self._texts = dict(items)
        for finding_id, text in items:
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, finding_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.list.addItem(item)
        self._loading = False
        self._fit()

    def items(self) -> list[tuple[int, str]]:
        return list(self._texts.items())

    def _fit(self) -> None:
        # The whole list shows without its own scroll bar: the form scrolls, not the list.
        width = max(80, self.list.viewport().width() - 12)
        metrics = self.list.fontMetrics()
        total = 0
        for n in range(self.list.count()):
            item = self.list.item(n)
            rect = metrics.boundingRect(QRect(0, 0, width, 100_000),
                                        int(Qt.TextFlag.TextWordWrap), item.text())
            height = rect.height() + GRID
            item.setSizeHint(QSize(width, height))
            total += height
        self.list.setFixedHeight(total + 2 * self.list.frameWidth() + 2)
        set_shown(self.list, self.list.count() > 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _add(self) -> None:
        text = self.entry.text().strip()
        if text:
            self.entry.clear()
            self.added.emit(text)

    def _changed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        finding_id = int(item.data(ID_ROLE))
        text = item.text().strip()
        if text == self._texts.get(finding_id):
            return
        if text:
            self.edited.emit(finding_id, text)
        else:
            self.removed.emit(finding_id)
