"""The row of Add…, Edit… and Remove… under a list the user edits (the site-visit log's
tables, the improvement actions): Edit and Remove act on the selected entry."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget


class EditButtons(QHBoxLayout):
    """Add…, Edit… and Remove…, left-aligned; `enable` follows the selection and the lock."""

    def __init__(self, parent: QWidget, add_text: str, on_add: Callable[[], object],
                 on_edit: Callable[[], object], on_remove: Callable[[], object]) -> None:
        super().__init__()
        self.add_button = QPushButton(add_text, parent)
        self.edit_button = QPushButton("Edit…", parent)
        self.remove_button = QPushButton("Remove…", parent)
        self.add_button.clicked.connect(on_add)
        self.edit_button.clicked.connect(on_edit)
        self.remove_button.clicked.connect(on_remove)
        for button in (self.add_button, self.edit_button, self.remove_button):
            self.addWidget(button)

    def enable(self, *, selected: bool, locked: bool = False) -> None:
        self.add_button.setEnabled(not locked)
        self.edit_button.setEnabled(selected and not locked)
        self.remove_button.setEnabled(selected and not locked)
