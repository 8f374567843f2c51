"""The app's look: Fusion style, the system's light or dark palette, level colours, spacing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from workbench.core.visual import Swatch, visual

GRID = 8  # the spacing grid of visual.md: every margin and gap is a multiple of it


def apply_style(app: QApplication) -> None:
    """Fusion everywhere; Qt's Fusion takes its palette from the system's light/dark scheme."""
    app.setStyle("Fusion")
    hints = QGuiApplication.styleHints()
    # Fusion re-reads the platform palette when the scheme changes; repaint so charts follow.
    hints.colorSchemeChanged.connect(lambda _scheme: _repaint_all(app))


def _repaint_all(app: QApplication) -> None:
    app.setPalette(app.style().standardPalette())
    for widget in app.allWidgets():
        widget.update()


def is_dark(widget: QWidget | None = None) -> bool:
    palette = widget.palette() if widget is not None else QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def level_fill(level: int | None) -> QColor:
    return QColor(visual().level(level).fill)


def level_text(level: int | None) -> QColor:
    return QColor(visual().level(level).text)


def neutral(name: str) -> Swatch:
    return visual().neutral[name]


def target_colour() -> QColor:
    return QColor(visual().target_line)


def accent() -> QColor:
    return QColor(visual().brand["accent"])


def muted(widget: QWidget) -> QColor:
    """A muted text colour readable on the widget's own background, light or dark."""
    colour = widget.palette().color(QPalette.ColorRole.WindowText)
    colour.setAlphaF(0.62)
    return colour


def rule(widget: QWidget) -> QColor:
    colour = widget.palette().color(QPalette.ColorRole.WindowText)
    colour.setAlphaF(0.16)
    return colour


def heading_font(base: QFont, step: int = 1, bold: bool = True) -> QFont:
    """Headings differ by size and weight, never by colour (visual.md)."""
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    font.setPointSizeF(size * (1.0 + 0.18 * step))
    font.setWeight(QFont.Weight.DemiBold if bold else QFont.Weight.Normal)
    return font


def heading(text: str, step: int = 1, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setFont(heading_font(label.font(), step))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def muted_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    set_muted(label)
    return label


def set_muted(label: QWidget) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, muted(label))
    label.setPalette(palette)


def set_shown(widget: QWidget, shown: bool) -> None:
    """Show or hide only on a change: show() on a shown widget still costs a relayout."""
    if widget.isHidden() == shown:
        widget.setVisible(shown)
