"""The element form's "Site visit" section: the interviews and documents linked to the element.

Each entry is a link that opens it in the engagement's site-visit log (`open_requested`);
"Link an Interview…" and "Link a Document…" add the element to an entry already in the
log, or record a new one linked to it. The section follows the log's Changes itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.site_log import Interview, ReviewedDocument
from workbench.gui.context import DOCUMENT, INTERVIEW, EngagementContext
from workbench.gui.theme import GRID, muted_label
from workbench.gui.widgets.site_log_edits import SiteLogEditor
from workbench.services import site_log
from workbench.services.session import Change, ChangeKind

NEW = -1  # what `choose_entry` returns for "record a new one"
TOPICS_SHOWN = 90


def _link(kind: str, entry_id: int | None, text: str) -> str:
    """An entry of the log as a link of the section's rich text (`kind:id`)."""
    from html import escape  # only a section that lists an entry needs it (issue 17)

    return f'<a href="{kind}:{entry_id}">{escape(text)}</a>'


def interview_line(item: Interview) -> str:
    people = "; ".join(p.label() for p in item.people)
    topics = item.topics if len(item.topics) <= TOPICS_SHOWN else \
        item.topics[:TOPICS_SHOWN - 1].rstrip() + "…"
    return f"{item.held_on or 'Not dated'} · {people} · {topics}"


def document_line(item: ReviewedDocument) -> str:
    return " · ".join(t for t in (item.title, item.version, item.owner) if t)


class LinkDialog(QDialog):
    """The entries of the log not linked to the element yet; Link, or record a new one."""

    def __init__(self, parent: QWidget | None, title: str, entries: list[tuple[int, str]],
                 new_label: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.chosen: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2 * GRID, 2 * GRID, 2 * GRID, 2 * GRID)
        layout.setSpacing(GRID)
        self.entries = QListWidget(self)
        self.entries.setWordWrap(True)
        for entry_id, text in entries:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry_id)
            item.setToolTip(text)
            self.entries.addItem(item)
        self.entries.itemDoubleClicked.connect(lambda _i: self.accept())
        layout.addWidget(self.entries, 1)
        if entries:
            self.entries.setCurrentRow(0)
        else:
            self.entries.hide()
            layout.addWidget(muted_label("Every entry of the log is linked to it already, or "
                                         "the log is empty: record a new one.", self))
        buttons = QDialogButtonBox(self)
        self.link_button = buttons.addButton("Link", QDialogButtonBox.ButtonRole.AcceptRole)
        self.link_button.setEnabled(bool(entries))
        self.new_button = buttons.addButton(new_label, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.new_button.clicked.connect(self._new)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 360 if entries else 160)

    def _new(self) -> None:
        self.chosen = NEW
        super().accept()

    def accept(self) -> None:
        current = self.entries.currentItem()
        if current is None:
            return
        self.chosen = int(current.data(Qt.ItemDataRole.UserRole))
        super().accept()


def choose_entry(parent: QWidget, title: str, entries: list[tuple[int, str]],
                 new_label: str) -> int | None:
    """Pick an entry of the log (its id), NEW for a new one, None when cancelled (tests
    replace this)."""
    dialog = LinkDialog(parent, title, entries, new_label)
    return dialog.chosen if dialog.exec() else None


class SiteVisitSection(QWidget):
    """Signals: open_requested(str kind, int id): show this entry in the site-visit log."""

    open_requested = Signal(str, int)

    def __init__(self, context: EngagementContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.editor = SiteLogEditor(context, self)
        self.code: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GRID // 2)
        self.entries = QLabel(self)
        self.entries.setWordWrap(True)
        self.entries.setTextFormat(Qt.TextFormat.RichText)
        self.entries.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                             | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.entries.linkActivated.connect(self._open)
        layout.addWidget(self.entries)
        self.empty = muted_label("", self)
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.link_interview_button = QPushButton("Link an Interview…", self)
        self.link_document_button = QPushButton("Link a Document…", self)
        self.link_interview_button.clicked.connect(lambda: self.link(document=False))
        self.link_document_button.clicked.connect(lambda: self.link(document=True))
        buttons.addWidget(self.link_interview_button)
        buttons.addWidget(self.link_document_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.interviews: list[Interview] = []
        self.documents: list[ReviewedDocument] = []
        context.changed.connect(self._changed)
        context.reloaded.connect(lambda: self.load(self.code))

    def load(self, code: str | None) -> None:
        self.code = code
        if code is None:
            return
        session, eid = self.context.session, self.context.engagement_id
        self.interviews = site_log.interviews(session, eid, code)
        self.documents = site_log.documents(session, eid, code)
        lines = []
        if self.interviews:
            lines.append("<b>Interviews</b>")
            lines += [_link(INTERVIEW, i.id, interview_line(i)) for i in self.interviews]
        if self.documents:
            lines.append("<b>Documents reviewed</b>")
            lines += [_link(DOCUMENT, d.id, document_line(d)) for d in self.documents]
        self.entries.setText("<br>".join(lines))
        self.entries.setVisible(bool(lines))
        self.empty.setText("" if lines else f"No interview or reviewed document is linked to "
                           f"{code} yet.")
        self.empty.setVisible(not lines)

    def _changed(self, change: Change) -> None:
        if change.kind in (ChangeKind.INTERVIEWS, ChangeKind.DOCUMENTS):
            self.load(self.code)

    def _open(self, link: str) -> None:
        kind, _, number = link.partition(":")
        if kind in (INTERVIEW, DOCUMENT) and number.isdigit():
            self.open_requested.emit(kind, int(number))

    def link(self, document: bool) -> None:
        """Link an entry of the log to this element, or record a new one linked to it."""
        code = self.code
        if code is None or self.context.read_only:
            return
        session, eid = self.context.session, self.context.engagement_id
        entries: list[Interview] | list[ReviewedDocument]
        if document:
            entries = [d for d in site_log.documents(session, eid) if code not in d.elements]
            lines = [(d.id or 0, document_line(d)) for d in entries]
            title, new = f"Link a Reviewed Document to {code}", "New Document…"
        else:
            entries = [i for i in site_log.interviews(session, eid) if code not in i.elements]
            lines = [(i.id or 0, interview_line(i)) for i in entries]
            title, new = f"Link an Interview to {code}", "New Interview…"
        chosen = choose_entry(self, title, lines, new)
        if chosen == NEW:
            self.editor.add(document, (code,))
        elif chosen is not None:
            entry = next((e for e in entries if e.id == chosen), None)
            if entry is not None:
                self.editor.link(entry, code)

    def set_read_only(self, locked: bool) -> None:
        self.link_interview_button.setEnabled(not locked)
        self.link_document_button.setEnabled(not locked)
