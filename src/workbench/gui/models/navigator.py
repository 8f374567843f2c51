"""The framework as a tree: dimensions with their elements, then the enablers.

Each element row shows its status and score from the latest ScoreResult; a new
result updates only the rows whose figures changed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from workbench.core import labels
from workbench.core.display import percent_value
from workbench.core.framework import Framework
from workbench.core.scoring import ElementScore, EnablerScore, ScoreResult, Status
from workbench.gui.status_icons import status_icon

Index = QModelIndex | QPersistentModelIndex
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "dimension", "element", "group", "enabler"
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3  # a Status, or "needs_consensus"
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 4
PERCENT_ROLE = Qt.ItemDataRole.UserRole + 5

# The tree is narrow: "N/A" for not applicable; the other words are the shared ones.
STATUS_TEXT = {**labels.ELEMENT_STATUS, Status.NOT_APPLICABLE: "N/A",
               "needs_consensus": "Needs consensus"}


def _bold() -> QFont:
    font = QFont()
    font.setWeight(QFont.Weight.DemiBold)
    return font


_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_ENABLED = Qt.ItemFlag.ItemIsEnabled
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_SCORABLE = frozenset({"element", "enabler"})
_ROLES = frozenset(int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.AccessibleTextRole, CODE_ROLE, KIND_ROLE, STATUS_ROLE, LEVEL_ROLE,
    PERCENT_ROLE))


class Node:
    """One row of the tree: a dimension, element, group or enabler, with its score figures."""

    __slots__ = (
        "children",
        "code",
        "figure",
        "kind",
        "level",
        "parent",
        "percent",
        "row",
        "status",
        "title",
    )

    def __init__(self, kind: str, code: str, title: str) -> None:
        self.kind, self.code, self.title = kind, code, title
        self.parent: Node | None = None
        self.children: list[Node] = []
        self.row = 0
        self.figure = ""
        self.status: str | None = None
        self.level: int | None = None
        self.percent: float | None = None


class NavigatorModel(QAbstractItemModel):
    """Two columns: the code and title, and the score (points or percent)."""

    def __init__(self, framework: Framework, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self._bold = _bold()
        self._root = Node("root", "", "")
        self._by_code: dict[str, Node] = {}
        for dimension in framework.dimensions:
            self._add(self._root, Node("dimension", dimension.code, dimension.name))
            for element in dimension.elements:
                self._add(self._by_code[dimension.code],
                          Node("element", element.code, element.title))
        if framework.enablers:
            group = Node("group", "enablers", "Framework enablers")
            group.row = len(self._root.children)
            group.parent = self._root
            self._root.children.append(group)
            for enabler in framework.enablers:
                self._add(group, Node("enabler", enabler.code, enabler.name))

    def _add(self, parent: Node, node: Node) -> None:
        node.parent, node.row = parent, len(parent.children)
        parent.children.append(node)
        self._by_code[node.code] = node

    # --- navigation helpers -------------------------------------------------------------
    def index_of(self, code: str, column: int = 0) -> QModelIndex:
        node = self._by_code.get(code)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, column, node)

    def scorable_codes(self) -> list[str]:
        """Elements then enablers, in the order of the tree (for next/previous)."""
        return [n.code for n in self._by_code.values() if n.kind in ("element", "enabler")]

    # --- live figures -------------------------------------------------------------------
    def update_scores(self, result: ScoreResult) -> None:
        for code, element in result.elements.items():
            self._set(code, *self._element_figures(element))
        for code, enabler in result.enablers.items():
            self._set(code, *self._enabler_figures(enabler))
        for code, dim in result.dimensions.items():
            figure = "—" if dim.percent is None else f"{percent_value(dim.percent)}%"
            self._set(code, figure, None, dim.level, dim.percent)

    @staticmethod
    def _element_figures(e: ElementScore) -> tuple[str, str, int | None, float | None]:
        status = "needs_consensus" if e.needs_consensus else str(e.status)
        if e.status is Status.NOT_APPLICABLE:
            return "N/A", status, None, None
        if e.status is Status.NOT_ASSESSED:
            return "—", status, None, None
        return f"{percent_value(e.percent)}%", status, e.level, e.percent

    @staticmethod
    def _enabler_figures(e: EnablerScore) -> tuple[str, str, int | None, float | None]:
        status = "needs_consensus" if e.needs_consensus else str(e.status)
        if e.percent is None:
            return "N/A", status, None, None
        if e.status is Status.NOT_ASSESSED:
            return "—", status, None, None
        return f"{percent_value(e.percent)}%", status, e.level, e.percent

    def _set(self, code: str, figure: str, status: str | None, level: int | None,
             percent: float | None) -> None:
        node = self._by_code.get(code)
        if node is None:
            return
        if (node.figure, node.status, node.level, node.percent) == (figure, status, level,
                                                                    percent):
            return
        node.figure, node.status, node.level, node.percent = figure, status, level, percent
        self.dataChanged.emit(self.createIndex(node.row, 0, node),
                              self.createIndex(node.row, 1, node))

    # --- QAbstractItemModel -------------------------------------------------------------
    # These run hundreds of times per paint: kept lean (no enum arithmetic, few Qt calls).
    def _node(self, index: Index) -> Node:
        if index.isValid():
            node: Node = index.internalPointer()
            return node
        return self._root

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node(parent)
        if row < 0 or column < 0 or column > 1 or row >= len(node.children) or (
                parent.isValid() and parent.column() != 0):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self._node(index)
        if node.parent is None or node.parent is self._root:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        return _SELECTABLE if self._node(index).kind in _SCORABLE else _ENABLED

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and section in (0, 1):
            return ("Framework", "Score")[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        node: Node = index.internalPointer()
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 1:
                return node.figure
            if node.kind == "group":
                return node.title
            return f"{node.code}  {node.title}"
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and \
                node.kind in ("element", "enabler"):
            return status_icon(node.status, node.level)
        if role == Qt.ItemDataRole.FontRole and node.kind in ("dimension", "group"):
            return self._bold
        if role == CODE_ROLE:
            return node.code
        if role == KIND_ROLE:
            return node.kind
        if role == STATUS_ROLE:
            return node.status
        if role == LEVEL_ROLE:
            return node.level
        if role == PERCENT_ROLE:
            return node.percent
        if role == Qt.ItemDataRole.ToolTipRole:
            status = STATUS_TEXT.get(node.status or "", "")
            name = node.title if node.kind == "group" else f"{node.code} {node.title}"
            return name + (f"\n{status}" if status else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{node.code} {node.title} {STATUS_TEXT.get(node.status or '', '')} " \
                   f"{node.figure}"
        return None
