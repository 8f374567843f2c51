"""Every item model passes Qt's model tester, empty and full, and after live updates."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester

from workbench.core.engagement import Action, ActionStatus, Priority
from workbench.gui.models.actions_table import ActionsModel
from workbench.gui.models.engagement_list import (
    SORT_ROLE,
    Column,
    EngagementFilterProxy,
    EngagementTableModel,
)
from workbench.gui.models.navigator import CODE_ROLE, STATUS_ROLE, NavigatorModel
from workbench.services import assessment, engagements, scores
from workbench.services.session import Session


def test_engagement_list_model_and_proxy_pass_the_model_tester(
        qtmodeltester: ModelTester, gui_session: Session, demo: str) -> None:
    model = EngagementTableModel()
    qtmodeltester.check(model)
    rows = engagements.summaries(gui_session)
    model.set_rows(rows)
    qtmodeltester.check(model)
    proxy = EngagementFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.setFilterFixedString("northwind")
    assert proxy.rowCount() == 1
    proxy.setFilterFixedString("no such client")
    assert proxy.rowCount() == 0
    model.remove(demo)
    assert model.rowCount() == 0


def test_engagement_list_sorts_scores_as_numbers(gui_session: Session, demo: str) -> None:
    model = EngagementTableModel()
    base = engagements.summaries(gui_session)[0]
    model.set_rows([base._replace(id="a", total=9.5), base._replace(id="b", total=100.0),
                    base._replace(id="c", total=None)])
    proxy = EngagementFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.SCORE)
    shown = [proxy.data(proxy.index(r, Column.SCORE)) for r in range(3)]
    assert shown == ["", "9.5", "100.0"]
    assert proxy.data(proxy.index(2, Column.SCORE), SORT_ROLE) == 100.0


def test_navigator_model_passes_the_model_tester_and_updates_only_changed_rows(
        qtmodeltester: ModelTester, qtbot: object, gui_session: Session, demo: str) -> None:
    framework = gui_session.framework_of(demo)
    model = NavigatorModel(framework)
    qtmodeltester.check(model)
    model.update_scores(scores.score(gui_session, demo))
    qtmodeltester.check(model)
    changed: list[str] = []
    model.dataChanged.connect(lambda top, _bottom, _roles: changed.append(top.data(CODE_ROLE)))
    assessment.rate(gui_session, demo, "D6.5.1", 5)
    model.update_scores(scores.score(gui_session, demo))
    assert "D6.5" in changed and "D6" in changed
    assert "D1.1" not in changed
    assert model.index_of("D6.5").data(STATUS_ROLE) == "incomplete"


def test_actions_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = ActionsModel()
    qtmodeltester.check(model)
    model.set_actions([Action("D1.1", "Write it down", "COO", Priority.HIGH, "2027-01-31",
                              ActionStatus.OPEN, 1),
                       Action("D1.1", "Review quarterly", "", Priority.LOW, None,
                              ActionStatus.DONE, 2)])
    qtmodeltester.check(model)
    assert model.index(0, 2).data() == "High"
    assert model.index(1, 4).data() == "Done"
