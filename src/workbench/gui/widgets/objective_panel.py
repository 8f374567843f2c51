"""The statement of objective of an element, its achievement buttons and its target level.

A plain widget: it shows values and says what the user chose (`judged`, `target_chosen`);
the element form turns those into undoable edits.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.framework import Framework
from workbench.gui import theme
from workbench.gui.theme import GRID, muted_label


class ObjectivePanel(QFrame):
    """Signals: judged(str): an achievement button was clicked (its key);
    target_chosen(object): a target level (int) or None for "Not set"."""

    judged = Signal(str)
    target_chosen = Signal(object)

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self)
        box.setContentsMargins(2 * GRID, GRID + GRID // 2, 2 * GRID, 2 * GRID)
        box.setSpacing(GRID)
        box.addWidget(muted_label("STATEMENT OF OBJECTIVE", self))
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.text)
        row = QHBoxLayout()
        row.setSpacing(GRID // 2)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # clicking the chosen one again clears it
        self.buttons: dict[str, QPushButton] = {}
        for level in framework.objective_levels:
            button = QPushButton(level.label, self)
            button.setCheckable(True)
            button.setToolTip(f"{level.label}: counts {level.fraction:.0%} of the objective "
                              "weight")
            button.clicked.connect(lambda _c=False, k=level.key: self.judged.emit(k))
            self.group.addButton(button)
            self.buttons[level.key] = button
            row.addWidget(button)
        # Nothing checked must not read as "Not yet achieved": say that nobody judged it.
        self.state = muted_label("Not judged", self)
        self.state.setObjectName("objective-state")
        row.addWidget(self.state)
        row.addSpacing(2 * GRID)
        row.addStretch(1)
        self.target_label = QLabel("Target level", self)
        row.addWidget(self.target_label)
        self.target = QComboBox(self)
        self.target.addItem("Not set", None)
        for band in framework.bands:
            self.target.addItem(f"{band.level} {band.label}", band.level)
        self.target.setToolTip("The maturity level the client aims at for this element")
        self.target.activated.connect(
            lambda index: self.target_chosen.emit(self.target.itemData(index)))
        self.target_label.setBuddy(self.target)
        row.addWidget(self.target)
        box.addLayout(row)
        accent = theme.accent().name()
        self.setStyleSheet(
            "QPushButton { padding: 5px 12px; border: 1px solid palette(mid); border-radius: 4px;"
            " background: palette(base); color: palette(text); }"
            "QPushButton:hover { border-color: " + accent + "; }"
            "QPushButton:checked { background: " + accent + "; color: #FFFFFF;"
            " border-color: " + accent + "; }"
            "QPushButton:focus { border: 2px solid " + accent + "; }")
        self.objective: str | None = None

    def show_objective(self, key: str | None) -> None:
        """Check the button of the committed judgement (None: none checked)."""
        self.objective = key
        for k, button in self.buttons.items():
            button.setChecked(k == key)
        self.state.setVisible(key is None)

    def show_target(self, level: int | None) -> None:
        self.target.setCurrentIndex(max(0, self.target.findData(level)))
