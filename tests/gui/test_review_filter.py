"""The navigator's "To review" filter: hides finished elements, counts each kind left."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from workbench.gui.main_window import MainWindow
from workbench.gui.models.navigator import CODE_ROLE
from workbench.gui.workspace import Workspace
from workbench.services import assessment


def _shown(ws: Workspace) -> list[str]:
    model, tree, out = ws.model, ws.tree, []
    for top in range(model.rowCount()):
        group = model.index(top, 0)
        if tree.isRowHidden(top, QModelIndex()):
            continue
        out += [str(model.index(r, 0, group).data(CODE_ROLE)) for r in range(
            model.rowCount(group)) if not tree.isRowHidden(r, group)]
    return out


def test_to_review_shows_only_elements_with_something_left_and_counts_them(
        workspace: Workspace) -> None:
    review = workspace.review
    everything = _shown(workspace)
    text = review.counts.text()
    assert "to review:" in text and "unrated" in text and "consensus" in text
    assert "unrated indicators" in review.counts.toolTip()
    review.toggle.setChecked(True)
    left = _shown(workspace)
    assert "D6.5" in left and len(left) < len(everything)
    assert set(left) == set(review.reasons)
    assert "objective not judged" in review.why("D6.5")
    finished = [c for c in everything if c not in left]
    assert finished and all(review.why(c) == "" for c in finished)
    review.toggle.setChecked(False)
    assert _shown(workspace) == everything


def test_the_filter_follows_edits(workspace: Workspace) -> None:
    ctx = workspace.context
    workspace.review.toggle.setChecked(True)
    done = [c for c in ctx.score.elements if c not in workspace.review.reasons]
    assert done
    code = done[0]
    ctx.call(assessment.rate, ctx.framework.indicators_of(code)[0].code, None)
    assert code in _shown(workspace)  # an indicator is unrated again
    assert "unrated indicators" in workspace.review.why(code)


def test_the_navigator_widens_at_1920_and_names_have_a_tooltip_at_any_width(
        qtbot: QtBot, window: MainWindow, demo: str) -> None:
    window.resize(1920, 1080)
    assert window.open_engagement(demo) and window.workspace is not None
    ws = window.workspace
    qtbot.waitUntil(lambda: ws.splitter.sizes()[0] >= 400, timeout=2000)
    assert ws.splitter.sizes()[0] <= window.width() // 4  # the form keeps most of the room
    index = ws.model.index(0, 0, ws.model.index(0, 0))
    assert str(ws.model.data(index, Qt.ItemDataRole.ToolTipRole)).startswith("D1.1 ")


def test_the_navigator_keeps_its_width_at_1366(qtbot: QtBot, window: MainWindow,
                                                 demo: str) -> None:
    assert window.open_engagement(demo) and window.workspace is not None
    qtbot.wait(50)
    assert window.workspace.splitter.sizes()[0] == 280
