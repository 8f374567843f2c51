"""The operation path: an edit commits and refreshes; slow work reports, cancels, fails once."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from workbench.core.errors import InvalidValueError, WorkbenchError
from workbench.core.progress import Progress
from workbench.gui.context import EngagementContext
from workbench.gui.ops import Op
from workbench.gui.tasks import TaskRunner
from workbench.services import assessment, engagements, scores
from workbench.services.session import Change, ChangeKind, Session

from .conftest import Dialogs


@pytest.fixture
def context(qtbot: QtBot, gui_session: Session, demo: str) -> EngagementContext:
    return EngagementContext(gui_session, demo)


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.cancel_all()
    r.wait()


def _indicator(context: EngagementContext) -> str:
    element = next(iter(context.framework.elements()))
    return element.indicators[0].code


def test_an_edit_on_the_gui_thread_commits_and_refreshes_the_views(
        context: EngagementContext, qtbot: QtBot) -> None:
    code = _indicator(context)
    doc = engagements.document(context.session, context.engagement_id)
    before = doc.ratings.assessors[context.assessor].indicators.get(code)
    announced: list[Change] = []
    scored: list[object] = []
    context.changed.connect(announced.append)
    context.scored.connect(scored.append)
    level = 1 if before != 1 else 2
    seen: list[Change] = []
    change = Op(None, context, lambda s: assessment.rate(s, context.engagement_id, code, level,
                                                          context.assessor)) \
        .success(seen.append).run()
    assert change is not None and change.kind is ChangeKind.INDICATOR
    assert announced == [change] and seen == [change]
    assert len(scored) == 1  # the live score was recomputed once
    # committed: a fresh session on the same file sees the value
    other = Session.open(context.session.path)
    try:
        doc = engagements.document(other, context.engagement_id)
        assert doc.ratings.assessors[context.assessor].indicators[code] == level
    finally:
        other.close()


def test_a_refused_edit_reports_once_and_changes_nothing(
        context: EngagementContext, modal: Dialogs) -> None:
    before = scores.score(context.session, context.engagement_id).total
    announced: list[Change] = []
    refused: list[str] = []
    context.changed.connect(announced.append)
    result = Op(None, context, lambda s: assessment.rate(s, context.engagement_id, "Z9.9.9", 3)) \
        .failure(refused.append).run()
    assert result is None and announced == []
    assert len(refused) == 1 and "Z9.9.9" in refused[0]
    assert scores.score(context.session, context.engagement_id).total == before
    # without a failure handler the refusal is shown once in an error box
    Op(None, context, lambda s: assessment.rate(s, context.engagement_id, "Z9.9.9", 3)).run()
    assert len(modal.errors) == 1


def test_background_work_reports_progress_and_delivers_its_change(
        context: EngagementContext, runner: TaskRunner, qtbot: QtBot) -> None:
    code = _indicator(context)
    threads: list[threading.Thread] = []
    progress_seen: list[float] = []
    announced: list[Change] = []
    context.changed.connect(announced.append)

    def work(session: Session, progress: Progress) -> Change:
        threads.append(threading.current_thread())
        assert session is not context.session  # the worker has a Session of its own
        progress(0.5, "half")
        time.sleep(0.06)
        return assessment.rate(session, context.engagement_id, code, "na", context.assessor)

    results: list[Change] = []
    task = Op.with_progress(None, context, work).success(results.append) \
        .run_in_background("Rating", runner)
    task.progress.connect(lambda fraction, _text: progress_seen.append(fraction))
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert threads and threads[0] is not threading.main_thread()
    assert announced == results and results[0].new == "na"
    assert 0.5 in progress_seen  # the worker's progress reached the GUI thread


def test_cancel_stops_background_work_and_only_the_cancel_handler_runs(
        context: EngagementContext, runner: TaskRunner, qtbot: QtBot, modal: Dialogs) -> None:
    started = threading.Event()
    outcome: list[str] = []

    def work(_session: Session, progress: Progress) -> int:
        started.set()
        for _ in range(200):
            progress(0.1, "waiting")
            time.sleep(0.01)
        return 1

    task = Op.with_progress(None, context, work).success(lambda _r: outcome.append("done")) \
        .failure(outcome.append).cancelled(lambda: outcome.append("cancelled")) \
        .run_in_background("Waiting", runner)
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    qtbot.wait(50)
    assert outcome == ["cancelled"] and modal.errors == []


def test_a_background_error_is_shown_once(context: EngagementContext, runner: TaskRunner,
                                          qtbot: QtBot, modal: Dialogs) -> None:
    def work(_session: Session, _progress: Progress) -> Path:
        raise InvalidValueError("the file is not a workbook")

    done: list[Path] = []
    Op.with_progress(None, context, work).success(done.append) \
        .run_in_background("Failing", runner)
    qtbot.waitUntil(lambda: bool(modal.errors), timeout=5000)
    qtbot.wait(50)
    assert modal.errors == ["the file is not a workbook"] and done == []


def test_an_import_change_clears_the_undo_history_and_reloads(
        context: EngagementContext) -> None:
    from workbench.gui.undo import SetValue

    code = _indicator(context)
    context.undo_stack.push(SetValue.rate(context, code.rsplit(".", 1)[0], code, 2))
    assert context.undo_stack.count() == 1
    reloaded: list[bool] = []
    context.reloaded.connect(lambda: reloaded.append(True))
    context.deliver(Change(ChangeKind.RATINGS_IMPORTED, context.engagement_id, new=3))
    assert context.undo_stack.count() == 0 and reloaded == [True]


def test_errors_carry_codes_views_can_match() -> None:
    from workbench.core.errors import ErrorCode, LockedError, TooLongError

    assert LockedError("signed").code == ErrorCode.LOCKED
    assert TooLongError("long").code == ErrorCode.TOO_LONG
    assert isinstance(TooLongError("x"), InvalidValueError)
    assert WorkbenchError("x", code="custom").code == "custom"
    assert WorkbenchError("x").code == ErrorCode.GENERAL


def test_a_reading_host_lends_its_session_and_refuses_a_change(gui_session: Session,
                                                              demo: str) -> None:
    from workbench.gui.ops import Reading

    host = Reading(gui_session)
    found = Op(None, host, lambda s: engagements.details(s, demo)).run()
    assert found is not None and found.client
    with pytest.raises(AssertionError, match="returned a Change"):
        host.deliver(Change(ChangeKind.NOTES, demo))


def test_a_workbook_import_from_the_menu_applies_reloads_and_clears_undo(
        window: object, workspace: object, modal: Dialogs, tmp_path: Path,
        wait_tasks: object, monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    from workbench.gui import deliverables
    from workbench.gui.actions import ActionId
    from workbench.gui.undo import SetValue

    ctx: EngagementContext = workspace.context  # type: ignore[attr-defined]
    registry = window.registry  # type: ignore[attr-defined]
    target = tmp_path / "team.xlsx"
    modal.save_paths = [target]
    registry[ActionId.EXPORT_WORKBOOK].trigger()
    wait_tasks()  # type: ignore[operator]
    book = openpyxl.load_workbook(target)
    sheet = book["D1 Define"]
    level = 1 if sheet["C8"].value != 1 else 2
    sheet["C8"] = level
    book.save(target)
    ctx.undo_stack.push(SetValue.notes(ctx, "D1.1", "typed before the import"))
    assert ctx.undo_stack.count() == 1
    reloaded: list[bool] = []
    ctx.reloaded.connect(lambda: reloaded.append(True))
    asked: list[str] = []
    monkeypatch.setattr(deliverables, "confirm_import",
                        lambda _p, text: asked.append(text) or True)
    modal.open_paths = [target]
    registry[ActionId.IMPORT_WORKBOOK].trigger()
    wait_tasks()  # type: ignore[operator]
    assert modal.errors == [] and len(asked) == 1
    assert reloaded == [True] and ctx.undo_stack.count() == 0
    doc = engagements.document(ctx.session, ctx.engagement_id)
    # the GUI records a workbook as the ratings of whoever is rating (as before this change)
    assert doc.ratings.assessors[ctx.assessor].indicators["D1.1.1"] == level
    assert scores.score(ctx.session, ctx.engagement_id) == ctx.score  # the views were told
