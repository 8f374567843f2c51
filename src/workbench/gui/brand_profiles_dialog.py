"""Settings ▸ Brand Profiles: the firm's profiles, edited with a live preview of the cover.

Create, duplicate, edit, delete, choose the default, import and export one file. The
built-in neutral profile is shown but not edited: duplicate it to make one's own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.gui import dialogs
from workbench.gui.brand_form import BrandForm, CoverPreview, beside_preview
from workbench.gui.theme import GRID, heading, muted_label
from workbench.services import brands
from workbench.services.brands import BrandDraft, ProfileInfo

ARCHIVE_FILTER = f"Brand profiles (*{brands.ARCHIVE_SUFFIX} *.zip)"


class BrandProfilesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Brand Profiles")
        self.resize(1180, 700)
        self.infos: list[ProfileInfo] = []
        self.new_profile = False  # the form holds a profile not saved yet

        self.list = QListWidget(self)
        self.list.setAccessibleName("Brand profiles")
        self.list.setMinimumWidth(GRID * 30)
        buttons = {}
        for key, text in (("new", "&New"), ("duplicate", "D&uplicate"), ("delete", "De&lete"),
                          ("default", "Use as &Default"), ("import", "&Import…"),
                          ("export", "E&xport…")):
            buttons[key] = QPushButton(text, self)
        self.new_button, self.duplicate_button = buttons["new"], buttons["duplicate"]
        self.delete_button, self.default_button = buttons["delete"], buttons["default"]
        self.import_button, self.export_button = buttons["import"], buttons["export"]
        left = QVBoxLayout()
        left.addWidget(heading("Profiles", 1, self))
        left.addWidget(self.list, 1)
        for pair in (("new", "duplicate"), ("delete", "default"), ("import", "export")):
            row = QHBoxLayout()
            for key in pair:
                row.addWidget(buttons[key])
            left.addLayout(row)

        self.form = BrandForm(self)
        self.note = muted_label("", self)
        self.note.setWordWrap(True)
        self.save_button = QPushButton("&Save Profile", self)
        self.save_button.setDefault(True)
        self.revert_button = QPushButton("&Revert", self)
        middle = QVBoxLayout()
        self.title = heading("", 1, self)
        middle.addWidget(self.title)
        middle.addWidget(self.note)
        middle.addWidget(self.form)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.save_button)
        middle.addLayout(actions)
        middle.addStretch(1)

        self.preview = CoverPreview(self)
        body = beside_preview(self, self.preview, [(left, 3), (middle, 5)], 4)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(GRID * 2, GRID * 2, GRID * 2, GRID * 2)
        outer.addLayout(body, 1)
        outer.addWidget(close)

        self.list.currentRowChanged.connect(self._selected)
        self.form.changed.connect(self._edited)
        self.new_button.clicked.connect(self.new)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.delete_button.clicked.connect(self.delete)
        self.default_button.clicked.connect(self.make_default)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(lambda: self._selected(self.list.currentRow()))
        self.reload()

    # --- the list -----------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        self.infos = brands.profiles()
        self.new_profile = False
        self.list.blockSignals(True)
        self.list.clear()
        for info in self.infos:
            marks = [m for m, on in (("default", info.is_default), ("built-in", info.built_in),
                                     ("does not load", info.problem is not None)) if on]
            text = info.display_name + (f"  ({', '.join(marks)})" if marks else "")
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            item.setToolTip(info.problem or f"{info.firm_name} — profile {info.name!r}")
        self.list.blockSignals(False)
        names = [i.name for i in self.infos]
        row = names.index(select) if select in names else 0
        self.list.setCurrentRow(row)
        self._selected(row)

    def current(self) -> ProfileInfo | None:
        row = self.list.currentRow()
        return self.infos[row] if 0 <= row < len(self.infos) else None

    def _selected(self, row: int) -> None:
        info = self.infos[row] if 0 <= row < len(self.infos) else None
        self.new_profile = False
        if info is None:
            return
        try:
            draft = brands.draft_of(info.name)
        except WorkbenchError as exc:
            draft = BrandDraft(name=info.name, display_name=info.name, firm_name="")
            self.note.setText(str(exc))
        else:
            self.note.setText("Built in: duplicate it to make your own." if info.built_in else
                              f"Your profile {info.name!r}"
                              + (", the default of every deliverable." if info.is_default
                                 else "."))
        self.title.setText(info.display_name)
        self.form.set_draft(draft)
        self.form.setEnabled(not info.built_in)
        self._buttons()

    def _buttons(self) -> None:
        info = self.current()
        editable = self.new_profile or (info is not None and not info.built_in)
        self.save_button.setEnabled(editable)
        self.revert_button.setEnabled(editable)
        self.delete_button.setEnabled(info is not None and not info.built_in
                                      and not self.new_profile)
        self.default_button.setEnabled(info is not None and not info.is_default
                                       and info.problem is None and not self.new_profile)
        self.export_button.setEnabled(info is not None and info.problem is None
                                      and not self.new_profile)
        self.duplicate_button.setEnabled(info is not None and info.problem is None
                                         and not self.new_profile)

    def _edited(self) -> None:
        self.preview.show_draft(self.form.draft())

    # --- commands -----------------------------------------------------------------------
    def new(self) -> None:
        self.list.clearSelection()
        self.new_profile = True
        self.title.setText("New profile")
        self.note.setText("A new profile: fill in the firm and save it.")
        self.form.set_draft(BrandDraft(name="", display_name="", firm_name=""))
        self.form.setEnabled(True)
        self.form.firm.setFocus()
        self._buttons()

    def save(self) -> bool:
        draft = self.form.draft()
        try:
            if self.new_profile:
                name = brands.suggest_name(draft.firm_name or draft.display_name)
                saved = brands.save(BrandDraft(**{**draft.__dict__, "name": name}))
            else:
                saved = brands.save(draft, base=draft.name, replace_existing=True)
        except WorkbenchError as exc:
            dialogs.show_error(self, str(exc), "The profile was not saved")
            return False
        self.reload(saved.name)
        return True

    def duplicate(self) -> None:
        info = self.current()
        if info is None:
            return
        try:
            copy = brands.duplicate(info.name)
        except WorkbenchError as exc:
            dialogs.show_error(self, str(exc))
            return
        self.reload(copy.name)

    def delete(self) -> None:
        info = self.current()
        if info is None or info.built_in:
            return
        if not dialogs.ask(self, "Delete brand profile",
                           f"Delete the brand profile “{info.display_name}”? Engagements "
                           "that use it will need another profile to export.", "Delete",
                           destructive=True):
            return
        try:
            brands.delete(info.name)
        except WorkbenchError as exc:
            dialogs.show_error(self, str(exc))
        self.reload()

    def make_default(self) -> None:
        info = self.current()
        if info is None:
            return
        try:
            brands.set_default(info.name)
        except WorkbenchError as exc:
            dialogs.show_error(self, str(exc))
        self.reload(info.name)

    def import_file(self) -> None:
        path = dialogs.choose_open_file(self, "Import a brand profile", "", ARCHIVE_FILTER)
        if path is None:
            return
        try:
            brand = brands.import_profile(path)
        except WorkbenchError as exc:
            dialogs.show_error(self, str(exc), "The profile was not imported")
            return
        self.reload(brand.name)

    def export_file(self) -> None:
        info = self.current()
        if info is None:
            return
        path = dialogs.choose_save_file(self, "Export the brand profile",
                                        info.name + brands.ARCHIVE_SUFFIX, ARCHIVE_FILTER)
        if path is None:
            return
        try:
            brands.export_profile(info.name, path)
        except WorkbenchError as exc:
            dialogs.show_error(self, str(exc), "The profile was not exported")
