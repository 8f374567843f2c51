"""Small modal conversations: confirm, tell about an error, About, keyboard shortcuts.

`ask`, `show_error`, `choose_open_file` and `choose_save_file` are module functions so
tests can replace them (pytest-qt's advice for modal dialogs); callers look them up
through this module at call time (`dialogs.ask(...)`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench import __version__
from workbench.gui.theme import GRID, heading


def ask(parent: QWidget | None, title: str, text: str, confirm: str = "OK",
        destructive: bool = False) -> bool:
    """Ask the user to confirm; True when they do."""
    box = QMessageBox(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question,
                      title, text, QMessageBox.StandardButton.NoButton, parent)
    yes = box.addButton(confirm, QMessageBox.ButtonRole.DestructiveRole if destructive
                        else QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel if destructive else yes)  # a stray Enter never deletes
    box.exec()
    return box.clickedButton() is yes


def show_error(parent: QWidget | None, message: str, title: str = "Could not do that") -> None:
    """A service refused or failed: say what happened (the message says what to do)."""
    text = message[:1].upper() + message[1:]
    if not text.endswith((".", "!", "?")):
        text += "."
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def open_with_system(path: Path) -> bool:
    """Open a file in the desktop's own viewer (tests replace this)."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def choose_open_file(parent: QWidget | None, title: str, directory: str,
                     filters: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, directory, filters)
    return Path(name) if name else None


def choose_open_files(parent: QWidget | None, title: str, directory: str,
                      filters: str) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, title, directory, filters)
    return [Path(n) for n in names]


def choose_save_file(parent: QWidget | None, title: str, suggested: str,
                     filters: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return Path(name) if name else None


class AboutDialog(QDialog):
    """Version, frameworks, database location and licence."""

    def __init__(self, database: Path, frameworks: list[tuple[str, str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Assessor Workbench")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * GRID, 3 * GRID, 3 * GRID, 2 * GRID)
        layout.setSpacing(GRID)
        layout.addWidget(heading("Assessor Workbench", 3))
        listed = "".join(f"<li>{fid} {version} — {name}</li>" for fid, version, name in frameworks)
        self.text = QLabel(
            f"<p>Version {__version__}</p>"
            "<p>Offline maturity assessments of customer experience management: score the "
            "framework element by element, then deliver the workbook and the report.</p>"
            f"<p><b>Frameworks</b><ul>{listed}</ul></p>"
            f"<p><b>Database</b><br>{database}</p>"
            f"<p>Python {sys.version.split()[0]} · Qt {qVersion()} · PySide6 {pyside_version}</p>"
            "<p>Released under the MIT licence.</p>")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setMinimumWidth(420)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class ShortcutsDialog(QDialog):
    """Every key the workbench understands, menus and scoring keys alike."""

    SCORING_KEYS = (("Set the focused indicator's level", "1 – 5"),
                    ("Mark the focused indicator not applicable", "N"),
                    ("Clear the focused indicator", "0, Backspace"),
                    ("Rate from the navigator (the form's current indicator)", "1 – 5, N"),
                    ("Open the focused indicator's note", "Ctrl+Enter"),
                    # keyboard_flow.PREFIX, then a letter
                    ("Objective: fully / partially / not yet achieved", "Ctrl+J, F / P / Y"),
                    ("Go to the target level", "Ctrl+J, T"),
                    ("Go to the evidence notes", "Ctrl+J, E"),
                    ("Switch the assessor you rate as", "Ctrl+J, A"),
                    ("Next / previous indicator (in the level selector)",
                     "Down / Up, Tab / Shift+Tab"),
                    ("Choose a level with the arrows", "Left / Right"),
                    ("Consensus: set the team's value of the current item", "1 – 5, N"),
                    ("Consensus: accept the proposed value", "Enter"),
                    ("Consensus: clear the team's value", "0, Backspace, Delete"),
                    ("Consensus: back to the list of elements / on to the items",
                     "Left / Right"))

    def __init__(self, table: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        layout = QVBoxLayout(self)
        rows = list(self.SCORING_KEYS) + [r for r in table if r[1]]
        grid = QTableWidget(len(rows), 2, self)
        grid.setHorizontalHeaderLabels(["Command", "Keys"])
        grid.verticalHeader().hide()
        grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for n, (command, keys) in enumerate(rows):
            grid.setItem(n, 0, QTableWidgetItem(command))
            grid.setItem(n, 1, QTableWidgetItem(keys))
        grid.resizeColumnsToContents()
        grid.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(grid)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 560)
