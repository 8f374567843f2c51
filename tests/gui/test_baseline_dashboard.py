"""A re-assessment against its baseline in the GUI: the dashboard's third series, the change
per element, the largest changes, and choosing or clearing the baseline in Edit Details."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from workbench.core.comparison import ChangeState
from workbench.core.display import change_text
from workbench.core.engagement import EngagementDetails
from workbench.gui import engagement_commands
from workbench.gui.engagement_dialogs import EngagementDialog
from workbench.gui.main_window import MainWindow
from workbench.services import assessment, comparison, engagements
from workbench.services.session import Session

REASON = "Re-assessed a year on"


def reassess(session: Session, source: str) -> str:
    """Next year's engagement: D2.6 up, D5.3 down, D1.1 not assessed (cleared)."""
    details = engagements.details(session, source)._replace(title="CEM 2027",
                                                         start_date="2027-11-02", end_date=None)
    eid = engagements.duplicate(session, source, details=details).engagement_id
    for n in (1, 2, 3):
        assessment.rate_consensus(session, eid, f"D2.6.{n}", 5, REASON)
        assessment.rate_consensus(session, eid, f"D5.3.{n}", 1, REASON)
    return eid


def open_dashboard(window: MainWindow, engagement_id: str) -> None:
    assert window.open_engagement(engagement_id)
    assert window.workspace is not None
    window.workspace.show_dashboard()


def test_the_dashboard_shows_the_baseline_as_a_third_series(
        window: MainWindow, gui_session: Session, demo: str) -> None:
    current = reassess(gui_session, demo)
    open_dashboard(window, current)
    assert window.workspace is not None
    dash = window.workspace.dashboard
    report = comparison.compare_engagements(gui_session, demo, current)
    expected = {d.code: d.baseline.percent for d in report.comparison.dimensions
                if d.baseline is not None}
    assert dash.radar.baseline == expected
    assert dash.radar.baseline_label == "2026"
    assert dash.bars.changes is not None
    assert dash.bars.changes["D2.6"].points == next(
        e.points for e in report.comparison.elements if e.code == "D2.6")
    assert dash.changes.isVisible()
    assert dash.changes.title.text() == "Change since 2026-11-02"
    total = change_text(report.comparison.total.points)
    assert dash.total.detail.text().endswith(f"\n{total} since 2026-11-02")
    image = dash.radar.grab().toImage()
    assert not image.isNull() and image.width() > 300


def test_largest_changes_list_the_gains_then_the_falls(
        window: MainWindow, gui_session: Session, demo: str) -> None:
    current = reassess(gui_session, demo)
    open_dashboard(window, current)
    assert window.workspace is not None
    section = window.workspace.dashboard.changes
    table = section.largest
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert rows[0][0].startswith("D2.6") and rows[0][3].startswith("▲ +")
    assert rows[-1][0].startswith("D5.3") and rows[-1][3].startswith("▼ −")
    per = section.per_element
    assert per.rowCount() == len(gui_session.framework_of(current).element_by_code)
    texts = {per.item(r, 0).text().split()[0]: per.item(r, 3).text()
             for r in range(per.rowCount())}
    assert texts["D2.1"] == "= 0.0 pts"
    # An element not assessed in either year says so, never a fall of 100 %.
    unassessed = [c for c, e in window.workspace.context.score.elements.items()
                  if e.status == "not_assessed"]
    assert unassessed and texts[unassessed[0]] == "Not assessed"
    table.cellDoubleClicked.emit(0, 0)
    assert window.workspace.current_code == "D2.6"
    assert window.workspace.tabs.currentIndex() == window.workspace.FORM_TAB


def test_the_dashboard_follows_a_new_rating(window: MainWindow, gui_session: Session,
                                            demo: str) -> None:
    current = reassess(gui_session, demo)
    open_dashboard(window, current)
    assert window.workspace is not None
    workspace = window.workspace
    code = "D3.1.1"
    workspace.context.call(assessment.rate_consensus, code, 5, REASON)
    assert workspace.dashboard.comparison is not None
    change = next(e for e in workspace.dashboard.comparison.elements if e.code == "D3.1")
    assert change.points is not None and change.points > 0


def test_without_a_baseline_nothing_of_it_is_shown(window: MainWindow, demo: str) -> None:
    open_dashboard(window, demo)
    assert window.workspace is not None
    dash = window.workspace.dashboard
    assert dash.radar.baseline is None and dash.bars.changes is None
    assert dash.changes.isHidden() and "since" not in dash.total.detail.text()


def test_edit_details_chooses_and_clears_the_baseline(
        window: MainWindow, gui_session: Session, demo: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    other = engagements.create(gui_session, EngagementDetails(
        "Northwind Telecom", "Leeds", "CEM 2027", "Amira Haddad")).engagement_id
    open_dashboard(window, other)
    offered: list[list[tuple[str, str]]] = []

    def ask(_parent: object, details: EngagementDetails, team: object,
            baselines: list[tuple[str, str]], baseline: str | None) -> object:
        offered.append(baselines)
        return details, team, demo

    monkeypatch.setattr(engagement_commands, "ask_details", ask)
    window._edit_details()
    assert [b[0] for b in offered[0]] == [demo]  # never itself
    assert comparison.baseline_of(gui_session, other) == demo
    assert window.workspace is not None
    assert window.workspace.dashboard.radar.baseline is not None  # shown at once
    monkeypatch.setattr(engagement_commands, "ask_details",
                        lambda _p, details, team, _b, _c: (details, team, None))
    window._edit_details()
    assert comparison.baseline_of(gui_session, other) is None
    assert window.workspace.dashboard.radar.baseline is None


def test_a_baseline_that_would_make_a_cycle_is_not_offered(
        window: MainWindow, gui_session: Session, demo: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    current = reassess(gui_session, demo)  # demo is current's baseline
    offered: list[list[tuple[str, str]]] = []

    def ask(_parent: object, details: EngagementDetails, team: object,
            baselines: list[tuple[str, str]], baseline: str | None) -> None:
        offered.append(baselines)
        return None

    monkeypatch.setattr(engagement_commands, "ask_details", ask)
    window.commands.edit(demo)
    assert current not in [b[0] for b in offered[0]]


def test_the_details_dialog_offers_none_and_the_choices(qtbot: QtBot) -> None:
    details = EngagementDetails("C", "", "CEM 2027", "Ann")
    dialog = EngagementDialog(details, [], None, baselines=[("abc", "C — CEM 2026")],
                              baseline="abc")
    qtbot.addWidget(dialog)
    assert dialog.baseline_id() == "abc"
    assert dialog.baseline.itemText(0) == "None"
    dialog.baseline.setCurrentIndex(0)
    assert dialog.baseline_id() is None
    new = EngagementDialog(None, None, None)
    qtbot.addWidget(new)
    new.show()
    assert new.baseline.isHidden() and new.framework.isHidden()


def test_the_bar_variant_shows_the_baseline_for_two_dimensions(
        window: MainWindow, gui_session: Session) -> None:
    source = engagements.create(gui_session, EngagementDetails(
        "C", "", "CX 2026", "Ann", "2026-01-05"),
        framework_id="cx-implementation-4").engagement_id
    framework = gui_session.framework_of(source)
    assert len(framework.dimensions) < 3
    first = next(framework.elements())
    for indicator in first.indicators:
        assessment.rate(gui_session, source, indicator.code, 2)
    current = engagements.duplicate(gui_session, source).engagement_id
    for indicator in first.indicators:
        assessment.rate(gui_session, current, indicator.code, 4)
    open_dashboard(window, current)
    assert window.workspace is not None
    dash = window.workspace.dashboard
    assert dash.radar.baseline is not None and set(dash.radar.baseline) == {
        d.code for d in framework.dimensions}
    assert dash.comparison is not None
    change = next(e for e in dash.comparison.elements if e.code == first.code)
    assert change.state is ChangeState.COMPARED and (change.points or 0) > 0
    assert not dash.radar.grab().toImage().isNull()


def test_a_trend_with_three_linked_assessments(window: MainWindow, gui_session: Session,
                                               demo: str) -> None:
    second = reassess(gui_session, demo)
    open_dashboard(window, second)
    assert window.workspace is not None
    assert window.workspace.dashboard.changes.trend.isHidden()  # two years: no trend
    details = engagements.details(gui_session, second)._replace(title="CEM 2028",
                                                                start_date="2028-11-02")
    third = engagements.duplicate(gui_session, second, details=details).engagement_id
    assessment.rate_consensus(gui_session, third, "D3.1.1", 5, REASON)
    open_dashboard(window, third)
    assert window.workspace is not None
    trend = window.workspace.dashboard.changes.trend
    assert trend.isVisible()
    assert [p.label for p in trend.points] == ["2026", "2027", "2028"]
    series = dict(trend.series())
    scores_now = window.workspace.context.score
    assert series["Total"][-1] == scores_now.percent
    assert series["D3 Develop"][-1] == scores_now.dimensions["D3"].percent
    assert len(series) == 1 + len(gui_session.framework_of(third).dimensions)
    assert not trend.grab().toImage().isNull()
