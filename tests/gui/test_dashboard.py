"""The dashboard shows exactly the core's score, rounded only for display."""

from __future__ import annotations

from workbench.core.display import percent_value, score_text
from workbench.gui.actions import ActionId
from workbench.gui.main_window import MainWindow
from workbench.gui.workspace import Workspace
from workbench.services import scores


def test_dashboard_figures_equal_the_services_score(window: MainWindow,
                                                    workspace: Workspace) -> None:
    window.registry[ActionId.SHOW_DASHBOARD].trigger()
    dash = workspace.dashboard
    ctx = workspace.context
    result = scores.score(ctx.session, ctx.engagement_id)
    assert dash.total.value.text() == score_text(result.total)
    assert dash.level.value.text() == str(result.level)
    assert dash.level.detail.text() == ctx.framework.band_label(result.level or 1)
    assert dash.completeness.value.text() == f"{percent_value(result.completeness * 100)}%"
    assert dash.completeness.detail.text() == (f"{result.complete_elements} of "
                                               f"{len(result.elements)} elements complete")
    assert dash.consensus.value.text() == str(len(result.needs_consensus))
    assert dash.radar.result == result
    assert dash.bars.result == result
    expected = sorted(((e.code, e.level, e.target, e.gap) for e in result.elements.values()
                       if e.gap is not None and e.gap > 0), key=lambda r: (-r[3], r[0]))[:6]
    assert dash.largest_gaps(result) == expected
    assert dash.gaps.rowCount() == len(expected)
    assert dash.gaps.item(0, 0).text().startswith(expected[0][0])
    assert workspace.score_panel.isHidden()  # the dashboard shows it all


def test_dashboard_follows_a_rating(window: MainWindow, workspace: Workspace) -> None:
    workspace.select_element("D6.5")
    workspace.show_dashboard()
    before = workspace.dashboard.total.value.text()
    code = workspace.context.framework.element_by_code["D6.5"].indicators[0].code
    workspace.form.rate(code, 5)
    result = workspace.context.score
    assert workspace.dashboard.total.value.text() == f"{result.total:.1f}" != before


def test_a_gap_opens_its_element(workspace: Workspace) -> None:
    workspace.show_dashboard()
    code = workspace.dashboard._gap_codes[0]
    workspace.dashboard.gaps.cellDoubleClicked.emit(0, 0)
    assert workspace.tabs.currentIndex() == workspace.FORM_TAB
    assert workspace.current_code == code


def test_charts_paint_in_light_and_dark(workspace: Workspace, tmp_path: object) -> None:
    from PySide6.QtGui import QColor, QPalette

    workspace.show_dashboard()
    for colour in ("#FFFFFF", "#202124"):
        palette = workspace.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(colour))
        palette.setColor(QPalette.ColorRole.WindowText,
                         QColor("#000000" if colour == "#FFFFFF" else "#EEEEEE"))
        workspace.dashboard.setPalette(palette)
        image = workspace.dashboard.radar.grab().toImage()
        assert not image.isNull() and image.width() > 300
