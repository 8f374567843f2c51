"""The status bar's parts: database, engagement, who is rating, and the quiet "Saved"."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from workbench.gui.theme import GRID, set_muted


class StatusLine:
    """Fills a QStatusBar; `saved()` is called only after a service call returned."""

    def __init__(self, bar: QStatusBar, database: Path) -> None:
        self.bar = bar
        self.saved_label = QLabel("", bar)
        self.engagement = QLabel("", bar)
        self.assessor = QLabel("", bar)
        self.database = QLabel(bar)
        self.database.setText(f"Database: {database.name}")
        self.database.setToolTip(str(database))
        for label in (self.saved_label, self.engagement, self.assessor, self.database):
            label.setContentsMargins(GRID, 0, GRID, 0)
            set_muted(label)
        bar.addWidget(self.saved_label, 1)
        bar.addPermanentWidget(self.engagement)
        bar.addPermanentWidget(self.assessor)
        bar.addPermanentWidget(self.database)
        self.last_saved: float | None = None

    def saved(self, text: str = "Saved") -> None:
        self.last_saved = time.time()
        self.saved_label.setText(f"{text} · {time.strftime('%H:%M:%S')}")

    def message(self, text: str) -> None:
        self.saved_label.setText(text)

    def set_engagement(self, title: str, assessor: str) -> None:
        self.engagement.setText(title)
        self.engagement.setVisible(bool(title))
        self.assessor.setText(f"Rating as {assessor}" if assessor else "")
        self.assessor.setVisible(bool(assessor))


def spacer(parent: QWidget) -> QWidget:
    from PySide6.QtWidgets import QSizePolicy

    widget = QWidget(parent)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return widget
