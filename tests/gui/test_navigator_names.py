"""The navigator shows every element's full name at 1920 px, and a tooltip at any width."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from workbench.gui.main_window import MainWindow
from workbench.gui.workspace import Workspace


def _rows(ws: Workspace) -> list[QModelIndex]:
    out: list[QModelIndex] = []
    ws.tree.expandAll()

    def walk(parent: QModelIndex) -> None:
        for row in range(ws.model.rowCount(parent)):
            index = ws.model.index(row, 0, parent)
            out.append(index)
            walk(index)

    walk(QModelIndex())
    return out


def _clipped(ws: Workspace) -> list[str]:
    """The names whose text does not fit the width the tree gives them."""
    clipped = []
    for index in _rows(ws):
        text = str(index.data(Qt.ItemDataRole.DisplayRole))
        font = ws.tree.font()
        if index.data(Qt.ItemDataRole.FontRole) is not None:
            font = index.data(Qt.ItemDataRole.FontRole)
        needed = QFontMetrics(font).horizontalAdvance(text)
        rect = ws.tree.visualRect(index)
        icon = 16 + 4 if index.data(Qt.ItemDataRole.DecorationRole) is not None else 0
        room = rect.width() - icon - 6  # the status icon, its spacing and the text margins
        lines = -(-needed // max(1, room - 40))  # wrapped at word boundaries: some slack
        fits = needed <= room or (ws.tree.wordWrap() and
                                  rect.height() >= lines * QFontMetrics(font).lineSpacing())
        if not fits:
            clipped.append(text)
    return clipped


def test_every_name_shows_in_full_at_1920_px(qtbot: QtBot, window: MainWindow,
                                             demo: str) -> None:
    window.resize(1920, 1080)
    assert window.open_engagement(demo)
    ws = window.workspace
    assert ws is not None
    qtbot.waitUntil(lambda: ws.splitter.sizes()[0] > 280, timeout=3000)
    qtbot.wait(50)
    assert _clipped(ws) == []
    assert ws.tree.width() <= 0.25 * window.width() + 1  # the form keeps most of the room


def test_a_narrow_navigator_elides_and_each_row_has_its_full_name_as_tooltip(
        qtbot: QtBot, window: MainWindow, demo: str) -> None:
    assert window.open_engagement(demo)
    ws = window.workspace
    assert ws is not None
    sizes = ws.splitter.sizes()
    ws.splitter.setSizes([200, sizes[1] + sizes[0] - 200, sizes[2]])
    qtbot.wait(20)
    assert _clipped(ws)  # some names are too long for 200 px …
    for index in _rows(ws):  # … and every row says its full name when hovered
        tip = str(index.data(Qt.ItemDataRole.ToolTipRole))
        name = str(index.data(Qt.ItemDataRole.DisplayRole)).replace("  ", " ").strip()
        assert tip.splitlines()[0].strip() == name
        figure = ws.model.index(index.row(), 1, index.parent())
        assert str(figure.data(Qt.ItemDataRole.ToolTipRole)).splitlines()[0].strip() == name
