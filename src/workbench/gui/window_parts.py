"""Parts of the main window that need only what they are given: the recent engagements
menu, the assessor list of the toolbar, and the window's size and place."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMainWindow, QMenu, QWidget

from workbench.gui.context import EngagementContext
from workbench.gui.settings import Settings
from workbench.services import engagements
from workbench.services.session import Session


def fill_recent(menu: QMenu, session: Session, settings: Settings,
                open_engagement: Callable[[str], object]) -> None:
    """File ▸ Open Recent, as the menu is about to show: the engagements still there."""
    menu.clear()
    known = {s.id: s for s in engagements.summaries(session, include_archived=True)}
    for n, engagement_id in enumerate(settings.recent_engagements):
        summary = known.get(engagement_id)
        if summary is None:
            continue
        action = menu.addAction(f"&{n + 1} {summary.client} — {summary.title}")
        action.triggered.connect(lambda _c=False, e=engagement_id: open_engagement(e))
    if menu.isEmpty():
        menu.addAction("No recent engagements").setEnabled(False)


def fill_assessors(combo: QComboBox, context: EngagementContext | None) -> None:
    """The team of the open engagement in the "Rating as" list, its assessor chosen."""
    combo.blockSignals(True)
    combo.clear()
    if context is not None:
        for member in context.team:
            role = f" ({member.role})" if member.role else ""
            combo.addItem(f"{member.name}{role}", member.name)
        combo.setCurrentIndex(max(0, combo.findData(context.assessor)))
    combo.blockSignals(False)


def restore_window(window: QMainWindow, settings: Settings) -> None:
    """The window's size, place and toolbars as they were left (maximised or not)."""
    geometry = settings.window_geometry
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        first_size(window)
    state = settings.window_state
    if state is not None:
        window.restoreState(state)


def first_size(window: QWidget) -> None:
    """First start: a laptop screen (up to 1440×900) opens maximised, so the status bar
    is on screen; a larger one opens at 1366×768 inside its free area."""
    free = window.screen().availableGeometry()
    if free.width() <= 1440 or free.height() <= 900:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    else:
        window.resize(min(1366, free.width()), min(768, free.height()))
