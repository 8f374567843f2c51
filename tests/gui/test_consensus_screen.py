"""The consensus screen: compare the team, set values by key or click, reasons, undo, entries."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from workbench.core.agreement import ItemStatus
from workbench.gui import consensus_view
from workbench.gui.actions import ActionId
from workbench.gui.main_window import MainWindow
from workbench.gui.workspace import Workspace
from workbench.services import assessment, consensus

from .conftest import Dialogs


def overview(ws: Workspace) -> consensus.ConsensusOverview:
    return consensus.overview(ws.context.session, ws.context.engagement_id)


def stored(ws: Workspace, code: str) -> consensus.ConsensusValue:
    return consensus.current(ws.context.session, ws.context.engagement_id, code)


def open_screen(window: MainWindow, ws: Workspace) -> consensus_view.ConsensusView:
    window.registry[ActionId.CONSENSUS].trigger()
    assert ws.tabs.currentIndex() == ws.CONSENSUS_TAB
    return ws.consensus


def go_to_open_item(view: consensus_view.ConsensusView) -> consensus.ItemAgreement:
    for item in view.items.entries:
        if item.status is ItemStatus.NEEDS_CONSENSUS:
            view.items.select_code(item.code)
            return item
    raise AssertionError("the first element listed has no open item")


def test_the_menu_lists_elements_largest_disagreement_first_with_the_team_side_by_side(
        window: MainWindow, workspace: Workspace) -> None:
    view = open_screen(window, workspace)
    expected = overview(workspace)
    assert view.elements.codes == [e.code for e in expected.needing]
    assert len(view.elements.codes) >= 2
    assert view.summary.text() == expected.summary
    assert "need consensus" in view.summary.text() and "kappa" in view.summary.text()
    first = expected.needing[0]
    assert view.current_element() == first.code
    table = view.items
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers[1:4] == ["Amira", "Tomás", "Zoë"]
    for row, item in enumerate(first.items):
        for n, name in enumerate(expected.assessors):
            assert table.item(row, n + 1).text() == table.short(item.values[name])
        spread = "–" if item.spread is None else str(item.spread)
        assert table.item(row, table.spread_column).text() == spread
    objective = first.items[-1]
    assert objective.kind == "objective" and table.item(len(first.items) - 1, 0).text() == \
        "Objective"
    # what each assessor wrote, side by side; the agreed text starts as mine
    columns = [c for c in view.evidence.columns if c.isVisible()]
    assert [c.item.assessor for c in columns] == list(expected.assessors)
    mine = first.evidence[0]
    assert mine.notes and mine.notes[:30] in columns[0].text.toPlainText()
    assert view.evidence.agreed.toPlainText() == mine.notes


def test_enter_accepts_the_proposed_value_and_moves_on(
        window: MainWindow, workspace: Workspace, qtbot: QtBot, modal: Dialogs) -> None:
    view = open_screen(window, workspace)
    item = go_to_open_item(view)
    assert item.proposed is not None
    qtbot.keyClick(view.items, Qt.Key.Key_Return)
    assert stored(workspace, item.code).value == item.proposed
    assert modal.errors == []
    shown = next(i for i in view.items.entries if i.code == item.code)
    assert shown.status is ItemStatus.CONSENSUS_SET
    assert view.items.item(view.items.entries.index(shown), view.items.status_column).text() \
        == "Consensus set"
    assert view.items.current_code() != item.code  # on to the next open item
    assert view.summary.text() == overview(workspace).summary


def test_a_level_key_sets_an_assessors_value_without_asking(
        window: MainWindow, workspace: Workspace, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(consensus_view, "ask_reason",
                        lambda *_a: pytest.fail("no reason is needed for an assessor's value"))
    view = open_screen(window, workspace)
    item = go_to_open_item(view)
    given = max(v for v in item.ratings if isinstance(v, int))
    qtbot.keyClick(view.items, str(given))
    assert stored(workspace, item.code) == consensus.ConsensusValue(given, "")


def test_a_value_nobody_gave_asks_for_the_reason_and_records_it(
        window: MainWindow, workspace: Workspace, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(consensus_view, "ask_reason",
                        lambda _parent, text: asked.append(text) or "documents seen on day 2")
    view = open_screen(window, workspace)
    item = go_to_open_item(view)
    other = next(level for level in (1, 2, 3, 4, 5) if level not in item.ratings)
    qtbot.keyClick(view.items, str(other))
    assert len(asked) == 1 and item.code in asked[0]
    assert stored(workspace, item.code) == consensus.ConsensusValue(other,
                                                                    "documents seen on day 2")
    assert "documents seen on day 2" in view.detail.text()


def test_cancelling_the_reason_changes_nothing_and_an_empty_one_is_refused(
        window: MainWindow, workspace: Workspace, qtbot: QtBot, modal: Dialogs,
        monkeypatch: pytest.MonkeyPatch) -> None:
    view = open_screen(window, workspace)
    item = go_to_open_item(view)
    other = next(level for level in (1, 2, 3, 4, 5) if level not in item.ratings)
    monkeypatch.setattr(consensus_view, "ask_reason", lambda *_a: None)
    qtbot.keyClick(view.items, str(other))
    assert stored(workspace, item.code).value is None
    assert workspace.context.undo_stack.count() == 0
    monkeypatch.setattr(consensus_view, "ask_reason", lambda *_a: "")
    qtbot.keyClick(view.items, str(other))
    assert stored(workspace, item.code).value is None
    assert len(modal.errors) == 1 and "give the reason" in modal.errors[0]
    assert workspace.context.undo_stack.count() == 0  # a refused edit is not on the stack


def test_a_consensus_edit_is_undone_and_redone_on_the_consensus_screen(
        window: MainWindow, workspace: Workspace, qtbot: QtBot) -> None:
    view = open_screen(window, workspace)
    item = go_to_open_item(view)
    qtbot.keyClick(view.items, Qt.Key.Key_Return)
    assert stored(workspace, item.code).value == item.proposed
    undo, redo = window.registry[ActionId.UNDO], window.registry[ActionId.REDO]
    assert "consensus" in undo.text()
    undo.trigger()
    assert stored(workspace, item.code).value is None
    assert workspace.tabs.currentIndex() == workspace.CONSENSUS_TAB
    assert next(i for i in view.items.entries if i.code == item.code).status is \
        ItemStatus.NEEDS_CONSENSUS
    redo.trigger()
    assert stored(workspace, item.code).value == item.proposed
    qtbot.keyClick(view.items, Qt.Key.Key_0)  # 0 clears the consensus of the current item
    view.items.select_code(item.code)
    qtbot.keyClick(view.items, Qt.Key.Key_Delete)
    assert stored(workspace, item.code).value is None


def test_a_click_on_an_assessors_value_makes_it_the_consensus(
        window: MainWindow, workspace: Workspace, qtbot: QtBot) -> None:
    view = open_screen(window, workspace)
    item = go_to_open_item(view)
    row = view.items.entries.index(item)
    column = next(n + 1 for n, name in enumerate(view.items.assessors)
                  if item.values[name] is not None)
    value = item.values[view.items.assessors[column - 1]]
    rect = view.items.visualItemRect(view.items.item(row, column))
    qtbot.mouseClick(view.items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert stored(workspace, item.code).value == value


def test_the_agreed_text_is_saved_as_my_notes_and_undone(
        window: MainWindow, workspace: Workspace, qtbot: QtBot) -> None:
    view = open_screen(window, workspace)
    element = view.current_element()
    assert element is not None
    colleague = next(c for c in view.evidence.columns if c.add.isEnabled()) \
        if any(c.add.isEnabled() for c in view.evidence.columns) else None
    before = assessment.notes(workspace.context.session, workspace.context.engagement_id,
                              element, workspace.context.assessor)
    view.evidence.agreed.setPlainText("The team agrees: the price list is reviewed yearly.")
    if colleague is not None:
        colleague.add.click()
    qtbot.mouseClick(view.evidence.save, Qt.MouseButton.LeftButton)
    saved = assessment.notes(workspace.context.session, workspace.context.engagement_id,
                             element, workspace.context.assessor)
    assert saved.startswith("The team agrees: the price list is reviewed yearly.")
    window.registry[ActionId.UNDO].trigger()
    assert assessment.notes(workspace.context.session, workspace.context.engagement_id,
                            element, workspace.context.assessor) == before


def test_the_dashboard_tile_opens_the_consensus_screen(workspace: Workspace,
                                                       qtbot: QtBot) -> None:
    workspace.show_dashboard()
    tile = workspace.dashboard.consensus
    assert tile.value.text() == str(len(overview(workspace).needing))
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert workspace.tabs.currentIndex() == workspace.CONSENSUS_TAB
    assert workspace.consensus.current_element() == overview(workspace).needing[0].code
    workspace.show_dashboard()
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Return)
    assert workspace.tabs.currentIndex() == workspace.CONSENSUS_TAB


def test_a_click_on_a_consensus_icon_in_the_navigator_opens_that_element(
        workspace: Workspace, qtbot: QtBot) -> None:
    needing = overview(workspace).needing
    code = needing[-1].code
    index = workspace.model.index_of(code)
    workspace.tree.scrollTo(index)
    icon = workspace.icon_rect(index)
    assert workspace.consensus_icon_at(icon.center()) == code
    text_point = workspace.tree.visualRect(index).center()
    qtbot.mouseClick(workspace.tree.viewport(), Qt.MouseButton.LeftButton, pos=text_point)
    assert workspace.tabs.currentIndex() == workspace.FORM_TAB  # the title: just the form
    qtbot.mouseClick(workspace.tree.viewport(), Qt.MouseButton.LeftButton, pos=icon.center())
    assert workspace.tabs.currentIndex() == workspace.CONSENSUS_TAB
    assert workspace.consensus.current_element() == code
    agreed = next(e.code for e in overview(workspace).elements
                  if e.code not in {n.code for n in needing})
    assert workspace.consensus_icon_at(
        workspace.icon_rect(workspace.model.index_of(agreed)).center()) is None


def test_keys_move_between_elements_and_items(window: MainWindow, workspace: Workspace,
                                              qtbot: QtBot) -> None:
    view = open_screen(window, workspace)
    codes = view.elements.codes
    window.registry[ActionId.NEXT_ELEMENT].trigger()
    assert view.current_element() == codes[1]
    assert workspace.current_code == codes[1]  # the navigator follows
    qtbot.keyClick(view.items, Qt.Key.Key_Left)
    assert view.elements.hasFocus()
    qtbot.keyClick(view.elements, Qt.Key.Key_Down)
    assert view.current_element() == codes[2]
    qtbot.keyClick(view.elements, Qt.Key.Key_Right)
    assert view.items.hasFocus()
    row = view.items.currentRow()
    qtbot.keyClick(view.items, Qt.Key.Key_Down)
    assert view.items.currentRow() == min(row + 1, view.items.rowCount() - 1)


def test_a_settled_element_stays_listed_and_show_all_lists_agreed_ones(
        window: MainWindow, workspace: Workspace, qtbot: QtBot) -> None:
    view = open_screen(window, workspace)
    first = view.current_element()
    for _ in range(20):
        if view.current_element() != first or not any(
                i.status is ItemStatus.NEEDS_CONSENSUS for i in view.items.entries):
            break
        go_to_open_item(view)
        qtbot.keyClick(view.items, Qt.Key.Key_Return)
    assert first in view.elements.codes
    assert view.elements.item(view.elements.codes.index(first), 0).text().startswith("✓")
    listed = len(view.elements.codes)
    view.show_all.setChecked(True)
    assert len(view.elements.codes) > listed


def test_one_assessor_only_says_what_to_do(window: MainWindow, workspace: Workspace) -> None:
    from workbench.core.engagement import EngagementDetails
    from workbench.services import engagements

    details = EngagementDetails("Solo Ltd", "HQ", "Self-assessment", "Amira Haddad",
                                "2026-11-02", "2026-11-03")
    solo = engagements.create(window.session, details).engagement_id
    assert window.open_engagement(solo)
    ws = window.workspace
    assert ws is not None
    view = open_screen(window, ws)
    assert view.pages.currentWidget() is view.empty
    assert "two or more assessors" in view.empty.text()


def test_number_keys_on_the_objective_pick_the_achievements_in_order(
        window: MainWindow, workspace: Workspace, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(consensus_view, "ask_reason", lambda *_a: "seen in the documents")
    view = open_screen(window, workspace)
    element = view.current_element()
    assert element is not None
    levels = workspace.context.framework.objective_levels
    view.items.select_code(element)  # the objective row carries the element's code
    assert view.items.current_item() is not None
    assert view.items.current_item().kind == "objective"  # type: ignore[union-attr]
    assert "Keys on the objective" in view.detail.text()
    qtbot.keyClick(view.items, "2")
    assert stored(workspace, element).value == levels[1].key
    qtbot.keyClick(view.items, "9")  # no such achievement: nothing happens
    assert stored(workspace, element).value == levels[1].key


def test_a_signed_off_engagement_shows_the_team_but_takes_no_consensus(
        window: MainWindow, workspace: Workspace, qtbot: QtBot, demo: str) -> None:
    from workbench.services import signoff
    from workbench.services.session import Change, ChangeKind

    signoff.sign_off(window.session, demo, [signoff.Signer("Amira Haddad", "Lead assessor")],
                     accept_warnings=True)
    window._signoff_changed(Change(ChangeKind.ENGAGEMENT_UPDATED, demo))
    view = open_screen(window, workspace)
    assert "Signed off" in view.keys.text()
    assert not view.evidence.save.isEnabled()
    before = [(i.code, i.consensus) for i in view.items.entries]
    qtbot.keyClick(view.items, Qt.Key.Key_Return)
    assert [(i.code, i.consensus) for i in view.items.entries] == before
    assert workspace.context.undo_stack.count() == 0
