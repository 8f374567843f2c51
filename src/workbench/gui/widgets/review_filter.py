"""The navigator's "To review" filter: a toggle that hides the elements with nothing left to
do, and a line counting each kind of thing left (unrated, objective, notes, consensus)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QCheckBox, QLabel, QTreeView, QVBoxLayout, QWidget

from workbench.core.review import LABELS, counts, summary
from workbench.gui.models.navigator import CODE_ROLE, KIND_ROLE
from workbench.gui.theme import GRID, set_muted


class ReviewFilter(QWidget):
    def __init__(self, tree: QTreeView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = tree
        self.reasons: dict[str, tuple[str, ...]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(GRID // 2, GRID // 2, GRID // 2, GRID // 2)
        layout.setSpacing(0)
        self.toggle = QCheckBox("To review only", self)
        self.toggle.setObjectName("toReview")
        self.toggle.setToolTip("Show only elements with unrated indicators, an objective not "
                               "judged, no evidence notes, or items needing consensus")
        self.toggle.toggled.connect(lambda _on: self.apply())
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        set_muted(self.counts)
        layout.addWidget(self.toggle)
        layout.addWidget(self.counts)

    def set_reasons(self, reasons: dict[str, tuple[str, ...]]) -> None:
        self.reasons = reasons
        self.counts.setText(summary(reasons))
        self.counts.setToolTip("\n".join(f"{n} {LABELS[r]}" for r, n in counts(reasons).items()))
        self.apply()

    def apply(self) -> None:
        """Hide (or show again) the navigator's rows; a group with nothing shown hides too."""
        model = self.tree.model()
        only = self.toggle.isChecked()
        for top in range(model.rowCount()):
            group = model.index(top, 0)
            shown = 0
            for row in range(model.rowCount(group)):
                index = model.index(row, 0, group)
                hide = only and self._is_done(index)
                self.tree.setRowHidden(row, group, hide)
                shown += not hide
            self.tree.setRowHidden(top, QModelIndex(), only and shown == 0)

    def _is_done(self, index: QModelIndex) -> bool:
        if index.data(KIND_ROLE) not in ("element", "enabler"):
            return False
        return str(index.data(CODE_ROLE)) not in self.reasons

    def why(self, code: str) -> str:
        return ", ".join(LABELS[r] for r in self.reasons.get(code, ()))
