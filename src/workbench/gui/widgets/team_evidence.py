"""What each assessor wrote about one element, side by side, and the team's agreed text.

The workbench keeps notes per assessor and has no separate team text, so the agreed text
the team composes here is saved as the notes of the assessor rating now (an undoable edit
like any other). "Add to agreed text" under a colleague's column appends what they wrote.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.core.engagement import ElementEvidence
from workbench.gui.theme import GRID, heading, muted_label
from workbench.gui.widgets.consensus_items import first_name


def evidence_html(item: ElementEvidence) -> str:
    """An assessor's notes, strengths, opportunities and indicator notes as simple HTML."""
    parts = []
    if item.notes:
        parts.append("<p>" + escape(item.notes).replace("\n", "<br>") + "</p>")
    for title, entries in (("Strengths", item.strengths),
                           ("Opportunities", item.opportunities)):
        if entries:
            parts.append(f"<p><b>{title}</b></p><ul style='margin-left:-24px'>"
                         + "".join(f"<li>{escape(e)}</li>" for e in entries) + "</ul>")
    if item.indicator_notes:
        parts.append("<p><b>On indicators</b></p><ul style='margin-left:-24px'>"
                     + "".join(f"<li>{escape(code)}: {escape(note)}</li>"
                               for code, note in item.indicator_notes) + "</ul>")
    return "".join(parts)


def evidence_text(item: ElementEvidence) -> str:
    """The same as plain text, to add to the agreed text."""
    lines = [item.notes] if item.notes else []
    if item.strengths:
        lines.append("Strengths: " + "; ".join(item.strengths))
    if item.opportunities:
        lines.append("Opportunities: " + "; ".join(item.opportunities))
    return "\n".join(lines)


class _Column(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(GRID, GRID, GRID, GRID)
        layout.setSpacing(GRID // 2)
        self.name = heading("", 0, self)
        layout.addWidget(self.name)
        self.text = QTextBrowser(self)
        self.text.setFrameShape(QFrame.Shape.NoFrame)
        self.text.setOpenLinks(False)
        layout.addWidget(self.text, 1)
        self.add = QPushButton("Add to agreed text", self)
        self.add.setToolTip("Append what this assessor wrote to the agreed text")
        layout.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeft)
        self.item = ElementEvidence("", "")


class TeamEvidence(QWidget):
    """Signals:
        save_requested(str): save this text as the current assessor's notes.
    """

    save_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, GRID, 0, 0)
        layout.setSpacing(GRID // 2)
        layout.addWidget(heading("Notes, strengths and opportunities", 1, self))
        self.row = QHBoxLayout()
        self.row.setSpacing(GRID)
        layout.addLayout(self.row, 1)
        self.columns: list[_Column] = []

        self.compose = QFrame(self)
        self.compose.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self.compose)
        box.setContentsMargins(GRID, GRID, GRID, GRID)
        box.setSpacing(GRID // 2)
        box.addWidget(heading("Agreed text", 0, self.compose))
        self.agreed = QPlainTextEdit(self.compose)
        self.agreed.setObjectName("agreedText")
        self.agreed.setAccessibleName("Agreed text")
        self.agreed.setPlaceholderText("Compose the team's notes here")
        box.addWidget(self.agreed, 1)
        self.save = QPushButton("Save as my notes", self.compose)
        self.save.setObjectName("saveAgreedText")
        self.save.clicked.connect(lambda: self.save_requested.emit(
            self.agreed.toPlainText().strip()))
        box.addWidget(self.save, 0, Qt.AlignmentFlag.AlignLeft)
        self.hint: QLabel = muted_label("", self.compose)
        self.hint.setWordWrap(True)
        box.addWidget(self.hint)
        self.row.addWidget(self.compose, 4)
        self._shown: tuple[str, str] = ("", "")

    def show_evidence(self, element: str, evidence: tuple[ElementEvidence, ...],
                      assessor: str) -> None:
        """Show each assessor's column; the agreed text starts as the current one's notes."""
        while len(self.columns) < len(evidence):
            column = _Column(self)
            column.add.clicked.connect(lambda _c=False, col=column: self._append(col.item))
            self.row.insertWidget(len(self.columns), column, 3)
            self.columns.append(column)
        for n, column in enumerate(self.columns):
            shown = n < len(evidence)
            column.setVisible(shown)
            if not shown:
                continue
            item = column.item = evidence[n]
            you = " (you)" if item.assessor == assessor else ""
            column.name.setText(f"{item.assessor}{you}")
            html = evidence_html(item)
            column.text.setHtml(html or "<p><i>Nothing written yet.</i></p>")
            column.add.setEnabled(bool(evidence_text(item)) and item.assessor != assessor)
        if self._shown != (element, assessor):  # keep what the team is typing otherwise
            mine = next((e for e in evidence if e.assessor == assessor), None)
            self.agreed.setPlainText(mine.notes if mine else "")
            self._shown = (element, assessor)
        self.save.setText(f"Save as {first_name(assessor)}'s notes")
        self.hint.setText(f"Saved as the notes of {assessor}, who rates now (there is no "
                          "separate team text); Undo puts the old notes back.")

    def _append(self, item: ElementEvidence) -> None:
        text = evidence_text(item)
        current = self.agreed.toPlainText().rstrip()
        self.agreed.setPlainText(f"{current}\n\n{text}" if current else text)

    def forget(self) -> None:
        """The next `show_evidence` starts the agreed text afresh (after the notes changed)."""
        self._shown = ("", "")
