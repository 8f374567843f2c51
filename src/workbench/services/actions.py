"""Improvement actions: what the client should do, who owns it, by when."""

from __future__ import annotations

import datetime as dt

from workbench.core import limits
from workbench.core.engagement import Action
from workbench.core.errors import InvalidValueError, NotFoundError
from workbench.services.session import Change, ChangeKind, Session
from workbench.storage import actions as store


def _check(session: Session, engagement_id: str, item: Action) -> Action:
    framework = session.framework_of(engagement_id)
    if item.element not in framework.element_by_code and \
            item.element not in framework.enabler_by_code:
        raise NotFoundError(f"{item.element!r} is not an element or enabler of {framework.id}")
    text = item.action.strip()
    if not text:
        raise InvalidValueError("an action needs a description")
    limits.check_action(item._replace(action=text, owner=item.owner.strip()))
    if item.due_date:
        try:
            dt.date.fromisoformat(item.due_date)
        except ValueError:
            raise InvalidValueError(f"the due date {item.due_date!r} is not a date "
                                    "(YYYY-MM-DD)") from None
    return item._replace(action=text, owner=item.owner.strip())


def checked(session: Session, engagement_id: str, item: Action) -> Action:
    """`item` as it is stored: element known, text trimmed and within `core.limits`, due date
    a date; for writers that hold the engagement's edit already (the workbook import)."""
    return _check(session, engagement_id, item)


def add(session: Session, engagement_id: str, item: Action) -> Change:
    item = _check(session, engagement_id, item)
    with session.edit(engagement_id):
        action_id = store.add(session.db, engagement_id, item)
        session.log(engagement_id, "add action", item.element, None, item.action)
    return Change(ChangeKind.ACTIONS, engagement_id, item.element, new=item._replace(id=action_id),
                  item_id=action_id)


def update(session: Session, engagement_id: str, action_id: int, item: Action) -> Change:
    item = _check(session, engagement_id, item)
    with session.edit(engagement_id):
        old = store.action(session.db, engagement_id, action_id)
        store.update(session.db, action_id, item)
        session.log(engagement_id, "edit action", item.element, old._asdict(), item._asdict())
    return Change(ChangeKind.ACTIONS, engagement_id, item.element, old=old,
                  new=item._replace(id=action_id), item_id=action_id)


def remove(session: Session, engagement_id: str, action_id: int) -> Change:
    with session.edit(engagement_id):
        old = store.action(session.db, engagement_id, action_id)
        store.remove(session.db, action_id)
        session.log(engagement_id, "remove action", old.element, old.action, None)
    return Change(ChangeKind.ACTIONS, engagement_id, old.element, old=old, item_id=action_id)


def list_actions(session: Session, engagement_id: str, element: str | None = None) -> list[Action]:
    return store.actions(session.db, engagement_id, element)
