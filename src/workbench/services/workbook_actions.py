"""The improvement actions of an imported workbook: what changes, checked as any edit is.

Actions belong to the engagement (like targets), so a team and an assessor workbook both
carry them. The import writes them in its own transaction, after `actions.checked`.
"""

from __future__ import annotations

from typing import Any

from workbench.core import limits
from workbench.core.engagement import Action
from workbench.core.errors import WorkbenchError
from workbench.exports.workbook.layout import PLAN
from workbench.exports.workbook.reader import Problem, WorkbookContent
from workbench.services import actions
from workbench.services.session import Session
from workbench.services.workbook_changes import Field, ValueChange, shown
from workbench.storage import actions as store


def _words(item: Action | None) -> str:
    if item is None:
        return "— (removed)"
    extra = ", ".join(p for p in (item.owner, str(item.priority), item.due_date or "",
                                  str(item.status)) if p)
    return f"{shown(item.action, Field.ACTION, None)} ({extra})"


def action_changes(content: WorkbookContent, current: dict[int, Action] | None) -> tuple[
        list[tuple[str, ValueChange]], list[Problem], list[str]]:
    """(owner, change) per action that differs; problems with their cells; remarks.

    `current` None: the import makes a new engagement, so every listed action is new."""
    found: list[tuple[str, ValueChange]] = []
    problems: list[Problem] = []
    if content.plan is None:
        return found, problems, []
    listed: set[int] = set()
    if current is None:
        found = [(row.action.element, ValueChange(
                    Field.ACTION, row.action.element, None, row.action._replace(id=None), PLAN,
                    row.cell, "— (new)", _words(row.action)))
                 for row in content.plan if row.action is not None]
        return found, [p for row in content.plan if row.action is not None
                       for p in _too_long(row.action, row.cell)], []
    # A workbook imported twice must not add its new actions twice: a new row whose element
    # and text an action already has is that action.
    existing = {(a.element, a.action.strip()) for a in current.values()}
    for row in content.plan:
        old = current.get(row.action_id) if row.action_id is not None else None
        if row.action_id is None and row.action is not None and \
                (row.action.element, row.action.action) in existing:
            continue
        if row.action_id is not None:
            listed.add(row.action_id)
            if old is None and row.action is None:
                continue  # cleared here, and already removed in the workbench
            if old is None:
                problems.append(Problem(PLAN, row.cell, f"action {row.action_id} is no longer "
                                        "in the engagement (removed since the export): "
                                        "clear its text, or export a fresh workbook"))
                continue
        new = row.action
        if new is not None and _too_long(new, row.cell):
            problems += _too_long(new, row.cell)
            continue
        if old is not None and new is not None and new._replace(id=old.id) == old:
            continue
        item = new if new is not None else old
        assert item is not None  # a row without an action text is a removal of a known one
        owner = item.element
        found.append((owner, ValueChange(Field.ACTION, owner, old, new, PLAN, row.cell,
                                         _words(old) if old else "— (new)", _words(new))))
    remarks = []
    missing = set(current) - listed
    if missing:
        remarks.append(f"{len(missing)} action(s) are not on the plan sheet and are left as "
                       "they are")
    return found, problems, remarks


def _too_long(item: Action, cell: str) -> list[Problem]:
    try:
        limits.check_action(item)
    except WorkbenchError as exc:
        return [Problem(PLAN, cell, str(exc))]
    return []


def action_as_logged(value: Any) -> Any:
    """An action as the audit log and the staleness check keep it: a plain dict."""
    return value._asdict() if isinstance(value, Action) else value


def write_action(session: Session, engagement_id: str, change: ValueChange) -> None:
    """Write one action change inside the import's transaction (checked as any edit)."""
    old, new = change.old, change.new
    if new is None:
        store.remove(session.db, old.id)
    elif old is None:
        store.add(session.db, engagement_id, actions.checked(session, engagement_id, new))
    else:
        store.update(session.db, old.id, actions.checked(session, engagement_id, new))
