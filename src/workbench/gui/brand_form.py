"""The fields of a brand profile and a live preview of the report's cover.

Shared by Settings ▸ Brand Profiles and the first-start prompt. The preview is drawn
with the cover's layout (logos on white, the client on a primary-coloured block with an
accent rule, the facts, the confidentiality line and the firm at the foot), so a
change of colour or logo shows at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.gui import dialogs
from workbench.gui.theme import GRID, muted_label
from workbench.services import brands
from workbench.services.brands import BrandDraft

LOGO_FILTER = "Logos (*.png *.svg *.jpg *.jpeg)"
TEMPLATE_FILTER = "Word documents and templates (*.docx *.dotx);;All files (*)"
PREVIEW_CLIENT = "Northwind Telecom"


def _logo_painter(data: bytes | None) -> QImage | QSvgRenderer | None:
    if not data:
        return None
    if data.startswith((b"\x89PNG", b"\xff\xd8")):
        image = QImage.fromData(data)
        return None if image.isNull() else image
    renderer = QSvgRenderer(QByteArray(data))  # checked by the service before it gets here
    return renderer if renderer.isValid() else None


def _draw_logo(p: QPainter, logo: QImage | QSvgRenderer, box: QRectF, right: bool) -> None:
    size = logo.size() if isinstance(logo, QImage) else logo.defaultSize()
    w, h = max(1, size.width()), max(1, size.height())
    scale = min(box.width() / w, box.height() / h)
    dw, dh = w * scale, h * scale
    x = box.right() - dw if right else box.left()
    target = QRectF(x, box.top() + (box.height() - dh), dw, dh)
    if isinstance(logo, QImage):
        p.drawImage(target, logo)
    else:
        logo.render(p, target)


class CoverPreview(QWidget):
    """A small page drawn like the report's cover, from a draft."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = BrandDraft(name="", display_name="", firm_name="Your firm")
        self._logo: QImage | QSvgRenderer | None = None
        self._client: QImage | QSvgRenderer | None = None
        self.setMinimumSize(QSize(210, 297))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Cover preview")

    def show_draft(self, draft: BrandDraft) -> None:
        if draft.logo != self.draft.logo or self._logo is None:
            self._logo = _logo_painter(draft.logo)
        if draft.client_logo != self.draft.client_logo or self._client is None:
            self._client = _logo_painter(draft.client_logo)
        self.draft = draft
        self.update()

    def page_rect(self) -> QRectF:
        ratio = 297 / 210
        w = min(self.width() - 2.0, (self.height() - 2.0) / ratio)
        h = w * ratio
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:
        d = self.draft
        page = self.page_rect()
        unit = page.width() / 210  # one millimetre of the A4 page
        primary = QColor(d.primary) if QColor.isValidColorName(d.primary) else QColor("#0F3D5C")
        accent = QColor(d.accent) if QColor.isValidColorName(d.accent) else QColor("#2B7A98")
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.fillRect(page.adjusted(2, 2, 2, 2), QColor(0, 0, 0, 40))
        p.fillRect(page, QColor("white"))
        left, inner = page.left() + 20 * unit, page.width() - 40 * unit
        logo_box = QRectF(left, page.top() + 3 * unit, 70 * unit, 15 * unit)
        firm = d.firm_name.strip() or "Your firm"
        if self._logo is not None:
            _draw_logo(p, self._logo, logo_box, right=False)
        else:
            p.setPen(primary)
            p.setFont(self._font(14 * unit * 0.35, bold=True))
            p.drawText(logo_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, firm)
        if self._client is not None:
            _draw_logo(p, self._client, QRectF(page.right() - 75 * unit, logo_box.top(),
                                               55 * unit, 15 * unit), right=True)
        block = QRectF(page.left(), page.top() + 48 * unit, page.width(), 102 * unit)
        p.fillRect(block, primary)
        p.fillRect(QRectF(block.left(), block.bottom() - 2.2 * unit, block.width(), 2.2 * unit),
                   accent)
        p.setPen(QColor("white"))
        p.setFont(self._font(9 * unit * 0.35, bold=True))
        p.drawText(QRectF(left, block.top() + 12 * unit, inner, 8 * unit),
                   Qt.AlignmentFlag.AlignLeft,
                   "CUSTOMER EXPERIENCE MANAGEMENT MATURITY ASSESSMENT")
        p.setFont(self._font(26 * unit * 0.35, bold=True))
        p.drawText(QRectF(left, block.top() + 26 * unit, inner, 16 * unit),
                   Qt.AlignmentFlag.AlignLeft, PREVIEW_CLIENT)
        p.setFont(self._font(14 * unit * 0.35))
        p.drawText(QRectF(left, block.top() + 44 * unit, inner, 10 * unit),
                   Qt.AlignmentFlag.AlignLeft, "Assessment report")
        facts = [("CLIENT", PREVIEW_CLIENT), ("SITE", "Head office"),
                 ("ASSESSMENT DATES", "3–7 March 2025"), ("REPORT ISSUED", "14 March 2025"),
                 ("STATUS", "Draft: not yet signed off"), ("PREPARED BY", firm)]
        y = block.bottom() + 12 * unit
        for i, (label, value) in enumerate(facts):
            x = left + (i % 2) * (inner / 2 + 6 * unit)
            row_y = y + (i // 2) * 16 * unit
            p.setPen(QColor("#6B7785"))
            p.setFont(self._font(7 * unit * 0.35, bold=True))
            p.drawText(QRectF(x, row_y, inner / 2, 5 * unit), Qt.AlignmentFlag.AlignLeft, label)
            p.setPen(QColor("#1D2630"))
            p.setFont(self._font(10 * unit * 0.35))
            p.drawText(QRectF(x, row_y + 5 * unit, inner / 2 - 6 * unit, 6 * unit),
                       Qt.AlignmentFlag.AlignLeft, value)
        if d.cover_text.strip():
            p.setPen(QColor("#1D2630"))
            p.setFont(self._font(9 * unit * 0.35))
            p.drawText(QRectF(left, y + 52 * unit, inner * 0.8, 60 * unit),
                       Qt.TextFlag.TextWordWrap, d.cover_text.strip()[:600])
        foot = QRectF(left, page.bottom() - 22 * unit, inner, 6 * unit)
        p.setPen(QColor("#6B7785"))
        p.setFont(self._font(7.5 * unit * 0.35))
        line = d.confidentiality.replace("{client}", PREVIEW_CLIENT).replace("{firm}", firm)
        metrics = p.fontMetrics()
        p.drawText(foot, Qt.AlignmentFlag.AlignLeft,
                   metrics.elidedText(line, Qt.TextElideMode.ElideRight, round(inner * 0.68)))
        p.setPen(primary)
        p.setFont(self._font(7.5 * unit * 0.35, bold=True))
        p.drawText(foot, Qt.AlignmentFlag.AlignRight, firm)
        p.end()

    def _font(self, pixels: float, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(5, round(pixels)))
        font.setBold(bold)
        return font


class _ColourField(QWidget):
    """A #RRGGBB text field with a swatch button that opens the colour picker."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.text = QLineEdit(self)
        self.text.setMaxLength(7)
        self.text.setPlaceholderText("#RRGGBB")
        self.text.setAccessibleName(title)
        self.swatch = QPushButton("Choose…", self)
        self.swatch.setAccessibleName(f"Choose the {title.lower()}")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.swatch)
        self.text.textChanged.connect(self._show)
        self.swatch.clicked.connect(self._pick)

    def value(self) -> str:
        return self.text.text().strip()

    def set_value(self, value: str) -> None:
        self.text.setText(value)

    def _show(self) -> None:
        colour = self.value()
        valid = len(colour) == 7 and QColor.isValidColorName(colour)
        ink = "white" if QColor(colour).lightness() < 140 else "black"
        self.swatch.setStyleSheet(f"background: {colour}; color: {ink};" if valid else "")
        self.changed.emit()

    def _pick(self) -> None:
        start = QColor(self.value()) if QColor.isValidColorName(self.value()) else QColor("#0F3D5C")
        chosen = QColorDialog.getColor(start, self, self.title)
        if chosen.isValid():
            self.set_value(chosen.name().upper())


class _LogoField(QWidget):
    """A logo chosen from a file (checked at once), shown by name, removable."""

    changed = Signal()

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = what
        self.data: bytes | None = None
        self.label = muted_label("No logo", self)
        self.choose = QPushButton("Choose…", self)
        self.choose.setAccessibleName(f"Choose the {what}")
        self.remove = QPushButton("Remove", self)
        self.remove.setAccessibleName(f"Remove the {what}")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.choose)
        row.addWidget(self.remove)
        self.choose.clicked.connect(self.pick)
        self.remove.clicked.connect(lambda: self.set_data(None))
        self.set_data(None)

    def set_data(self, data: bytes | None, name: str = "") -> None:
        self.data = data
        kind = "" if data is None else ("SVG" if not data.startswith((b"\x89PNG", b"\xff\xd8"))
                                        else "image")
        self.label.setText("No logo" if data is None else
                           f"{name or 'Logo'} ({kind}, {len(data) // 1024 + 1} KB)")
        self.remove.setEnabled(data is not None)
        self.changed.emit()

    def pick(self) -> None:
        path = dialogs.choose_open_file(self, f"Choose the {self.what}", str(Path.home()),
                                        LOGO_FILTER)
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> bool:
        """Take the logo in `path` if it passes every check; else say why and keep the old."""
        try:
            data = brands.read_logo(path)
        except WorkbenchError as exc:
            dialogs.show_error(self, str(exc), "This logo cannot be used")
            return False
        self.set_data(data, path.name)
        return True


class _TemplateField(QWidget):
    """The firm's Word house template (.docx or .dotx), checked when chosen, clearable."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: bytes | None = None
        self.label = muted_label("None: the report uses the brand's fonts and colours", self)
        self.label.setWordWrap(True)
        self.choose = QPushButton("Choose…", self)
        self.choose.setAccessibleName("Choose the Word house template")
        self.clear = QPushButton("Clear", self)
        self.clear.setAccessibleName("Clear the Word house template")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.choose)
        row.addWidget(self.clear)
        self.choose.clicked.connect(self.pick)
        self.clear.clicked.connect(lambda: self.set_data(None))
        self.set_data(None)

    def set_data(self, data: bytes | None, name: str = "") -> None:
        self.data = data
        size = "" if data is None else f"{len(data) // 1024 + 1} KB"
        self.label.setText("None: the report uses the brand's fonts and colours"
                           if data is None else f"{name or 'House template'} ({size}): the "
                           "Word report takes its styles, headers and first pages")
        self.clear.setEnabled(data is not None)
        self.changed.emit()

    def pick(self) -> None:
        path = dialogs.choose_open_file(self, "Choose the Word house template",
                                        str(Path.home()), TEMPLATE_FILTER)
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> bool:
        """Take the template in `path` if it passes every check; else say why, keep the old."""
        try:
            data = brands.read_word_template(path)
        except WorkbenchError as exc:
            dialogs.show_error(self, str(exc), "This template cannot be used")
            return False
        self.set_data(data, path.name)
        return True


class BrandForm(QWidget):
    """The editable fields of a brand profile; `changed` fires on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, full: bool = True) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setSpacing(GRID)
        self.firm = QLineEdit(self)
        self.firm.setMaxLength(120)
        self.firm.setPlaceholderText("The firm's name, as on its letterhead")
        form.addRow("&Firm name", self.firm)
        self.display = QLineEdit(self)
        self.display.setMaxLength(120)
        self.display.setPlaceholderText("Shown when choosing a profile (default: the firm)")
        self.logo = _LogoField("firm's logo", self)
        form.addRow("&Logo (PNG or SVG)", self.logo)
        self.client_logo = _LogoField("client's logo", self)
        self.primary = _ColourField("Primary colour", self)
        form.addRow("&Primary colour", self.primary)
        self.accent = _ColourField("Accent colour", self)
        form.addRow("&Accent colour", self.accent)
        self.footer = QLineEdit(self)
        self.footer.setMaxLength(300)
        form.addRow("F&ooter", self.footer)
        self.confidentiality = QLineEdit(self)
        self.confidentiality.setMaxLength(300)
        form.addRow("&Disclaimer", self.confidentiality)
        self.cover_text = QPlainTextEdit(self)
        self.cover_text.setFixedHeight(GRID * 9)
        self.paper = QComboBox(self)
        self.paper.addItems(["A4", "Letter"])
        self.template = _TemplateField(self)
        if full:
            form.insertRow(1, "Profile &label", self.display)
            form.insertRow(3, "&Client logo (co-branding)", self.client_logo)
            form.addRow("Cover &text", self.cover_text)
            form.addRow("Pap&er", self.paper)
            form.addRow("&Word template", self.template)
        else:
            for widget in (self.display, self.client_logo, self.cover_text, self.paper,
                           self.template):
                widget.hide()
        hint = muted_label("{firm} and {client} are filled in; colours are #RRGGBB.", self)
        form.addRow("", hint)
        for signal in (self.firm.textChanged, self.display.textChanged, self.footer.textChanged,
                       self.confidentiality.textChanged, self.cover_text.textChanged,
                       self.paper.currentIndexChanged, self.logo.changed,
                       self.client_logo.changed, self.primary.changed, self.accent.changed,
                       self.template.changed):
            signal.connect(self.changed)
        self.name = ""
        self.set_draft(BrandDraft(name="", display_name="", firm_name=""))

    def set_draft(self, draft: BrandDraft) -> None:
        self.blockSignals(True)
        self.name = draft.name
        self.firm.setText(draft.firm_name)
        self.display.setText("" if draft.display_name == draft.firm_name else draft.display_name)
        self.logo.set_data(draft.logo)
        self.client_logo.set_data(draft.client_logo)
        self.primary.set_value(draft.primary)
        self.accent.set_value(draft.accent)
        self.footer.setText(draft.footer)
        self.confidentiality.setText(draft.confidentiality)
        self.cover_text.setPlainText(draft.cover_text)
        self.paper.setCurrentText(draft.paper)
        self.template.set_data(draft.word_template)
        self.blockSignals(False)
        self.changed.emit()

    def draft(self) -> BrandDraft:
        firm = self.firm.text().strip()
        return BrandDraft(
            name=self.name, display_name=self.display.text().strip() or firm, firm_name=firm,
            logo=self.logo.data, client_logo=self.client_logo.data,
            primary=self.primary.value(), accent=self.accent.value(),
            footer=self.footer.text(), confidentiality=self.confidentiality.text(),
            cover_text=self.cover_text.toPlainText(), paper=self.paper.currentText(),
            word_template=self.template.data)


def preview_label(parent: QWidget | None = None) -> QLabel:
    return muted_label("Cover preview (sample client)", parent)


def beside_preview(parent: QWidget, preview: QWidget, columns: list[tuple[QLayout, int]],
                   preview_stretch: int) -> QHBoxLayout:
    """`columns` side by side (layout, stretch), then the cover preview under its caption."""
    right = QVBoxLayout()
    right.addWidget(preview_label(parent))
    right.addWidget(preview, 1)
    body = QHBoxLayout()
    body.setSpacing(GRID * 3)
    for layout, stretch in columns:
        body.addLayout(layout, stretch)
    body.addLayout(right, preview_stretch)
    return body
