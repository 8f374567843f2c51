"""The navigator's names: wrapped onto a second line when the view wraps words.

A tree asks its delegate for a row's height without the column's width, so a wrapped name
would be cut to one line; this delegate measures the name in the width the row gives it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView


class NameDelegate(QStyledItemDelegate):
    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.column() != 0 or not self.tree.wordWrap():
            return size
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        style = self.tree.style()
        icon = 0
        if index.data(Qt.ItemDataRole.DecorationRole) is not None:
            icon = self.tree.iconSize().width()
            if icon <= 0:
                icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
            icon += 4  # the space between icon and text
        margins = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        width = (self.tree.header().sectionSize(0) - (depth + 1) * self.tree.indentation()
                 - icon - margins)
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        needed = QFontMetrics(font).boundingRect(
            QRect(0, 0, max(40, width), 10_000), int(Qt.TextFlag.TextWordWrap), text).height()
        return QSize(size.width(), max(size.height(), needed + 4))
