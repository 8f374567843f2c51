"""First start: ask once for the firm's name, logo, colours and footer ("Later" allowed).

Until the consultant answers, every deliverable carries the neutral "Your firm" profile.
The answer becomes a brand profile of theirs and the default; Settings ▸ Brand Profiles
edits it later.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.gui import dialogs
from workbench.gui.brand_form import BrandForm, CoverPreview, beside_preview
from workbench.gui.settings import Settings
from workbench.gui.theme import GRID, heading, muted_label
from workbench.services import brands
from workbench.services.brands import BrandDraft


class FirmPrompt(QDialog):
    """Your firm on every report: name, logo, colours, footer and disclaimer."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.saved: str | None = None
        self.setWindowTitle("Your Firm")
        self.resize(900, 560)
        self.form = BrandForm(self, full=False)
        self.form.set_draft(BrandDraft(name="", display_name="", firm_name="",
                                       footer="{firm} · Assessor Workbench"))
        self.preview = CoverPreview(self)
        intro = muted_label("Reports and workbooks carry your firm's name, logo and colours. "
                            "Until you set them, they say “Your firm” and show no logo. "
                            "You can change this any time in Settings ▸ Brand Profiles.", self)
        intro.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(heading("Your firm on every report", 2, self))
        left.addWidget(intro)
        left.addWidget(self.form)
        left.addStretch(1)
        body = beside_preview(self, self.preview, [(left, 3)], 2)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton("&Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton("&Later",
                                                   QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.later_button.clicked.connect(self.later)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(GRID * 3, GRID * 3, GRID * 3, GRID * 2)
        outer.addLayout(body, 1)
        outer.addWidget(self.buttons)
        self.form.changed.connect(lambda: self.preview.show_draft(self.form.draft()))
        self.preview.show_draft(self.form.draft())

    def save(self) -> None:
        draft = self.form.draft()
        if not draft.firm_name:
            dialogs.show_error(self, "Type your firm's name, or choose Later.",
                               "The firm was not saved")
            return
        try:
            name = brands.suggest_name(draft.firm_name)
            brand = brands.save(BrandDraft(**{**draft.__dict__, "name": name}))
            brands.set_default(brand.name)
        except WorkbenchError as exc:
            dialogs.show_error(self, str(exc), "The firm was not saved")
            return
        self.saved = brand.name
        self.settings.firm_asked = True
        self.accept()

    def later(self) -> None:
        self.settings.firm_asked = True
        self.reject()

    def reject(self) -> None:  # Escape or the close box mean "Later" too
        self.settings.firm_asked = True
        super().reject()


def needs_firm_prompt(settings: Settings) -> bool:
    """Whether to ask: never asked on this machine, and no profile of the firm's yet."""
    return not settings.firm_asked and not brands.has_own_default()


def ask_firm_once(window: QWidget, settings: Settings) -> FirmPrompt | None:
    """Show the first-start prompt over the window (without blocking) if it is due."""
    if not needs_firm_prompt(settings):
        return None
    prompt = FirmPrompt(settings, window)
    prompt.open()
    return prompt
