"""The workspace's dashboard, consensus and site-visit tabs are built the first time they are
shown (issue 17: the start builds the scoring form only). The user sees the same four tabs,
in the same order, and each shows the same content when it is opened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from workbench.core.display import score_text
from workbench.gui.main_window import MainWindow
from workbench.gui.workspace import Workspace
from workbench.services import scores, signoff

TITLES = ["Scoring form", "Dashboard", "Consensus", "Site visit"]


def _titles(workspace: Workspace) -> list[str]:
    return [workspace.tabs.tabText(n) for n in range(workspace.tabs.count())]


def _click_tab(qtbot: QtBot, workspace: Workspace, index: int) -> None:
    bar = workspace.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())


def test_a_tab_clicked_for_the_first_time_shows_its_full_content(
        qtbot: QtBot, window: MainWindow, workspace: Workspace) -> None:
    from workbench.gui.dashboard import DashboardView
    from workbench.gui.site_visit_view import SiteVisitView

    assert _titles(workspace) == TITLES
    assert not any(isinstance(workspace.tabs.widget(n), DashboardView | SiteVisitView)
                   for n in range(4))  # nothing built yet but the form
    _click_tab(qtbot, workspace, workspace.DASHBOARD_TAB)
    shown = workspace.tabs.currentWidget()
    assert isinstance(shown, DashboardView) and shown is workspace.dashboard
    assert shown.isVisible() and workspace.tabs.currentIndex() == workspace.DASHBOARD_TAB
    ctx = workspace.context
    assert shown.total.value.text() == score_text(scores.score(ctx.session,
                                                               ctx.engagement_id).total)
    assert shown.site_visit.value.text() == "6"  # the log's tile counts the demo's log
    assert shown.site_visit.detail.text() == "interviews · 7 documents reviewed"
    assert _titles(workspace) == TITLES  # built in place: same tabs, same order
    _click_tab(qtbot, workspace, workspace.SITE_VISIT_TAB)
    assert workspace.tabs.currentWidget() is workspace.site_visit
    assert workspace.site_visit.interviews.table.rowCount() == 6
    _click_tab(qtbot, workspace, workspace.CONSENSUS_TAB)
    assert workspace.tabs.currentWidget() is workspace.consensus
    assert workspace.consensus.overview is not None  # read when first shown
    assert _titles(workspace) == TITLES


def test_tabs_built_after_a_sign_off_are_read_only(qtbot: QtBot, window: MainWindow,
                                                   demo: str) -> None:
    signoff.sign_off(window.session, demo, [signoff.Signer("Amira Haddad", "Lead assessor")],
                     accept_warnings=True)
    assert window.open_engagement(demo) and window.workspace is not None
    workspace = window.workspace
    _click_tab(qtbot, workspace, workspace.SITE_VISIT_TAB)
    log = workspace.site_visit
    assert log.banner.isVisible() and "signed" in log.banner.text().lower()
    assert not log.interviews.add_button.isEnabled()
    _click_tab(qtbot, workspace, workspace.CONSENSUS_TAB)
    assert workspace.consensus.read_only
    assert not workspace.consensus.evidence.save.isEnabled()
