"""A session on one database: the connection, framework lookups, and the edit transaction."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from workbench.core.engagement_status import EngagementStatus
from workbench.core.errors import LockedError
from workbench.core.framework import Framework
from workbench.storage import audit, engagements, frameworks
from workbench.storage.database import OpenedDatabase, default_database_path, open_database
from workbench.storage.db_errors import READ_ONLY_MESSAGE, DatabaseReadOnlyError, translated_lock
from workbench.storage.framework_cache import bundled_frameworks, bundled_texts
from workbench.storage.sqlite_db import Database


class ChangeKind(StrEnum):
    ENGAGEMENT_CREATED = "engagement_created"
    ENGAGEMENT_UPDATED = "engagement_updated"
    ENGAGEMENT_DELETED = "engagement_deleted"
    ASSESSORS = "assessors"
    INDICATOR = "indicator"
    INDICATOR_NOTE = "indicator_note"
    OBJECTIVE = "objective"
    TARGET = "target"
    NOTES = "notes"
    FINDINGS = "findings"
    ATTACHMENTS = "attachments"
    ACTIONS = "actions"
    INTERVIEWS = "interviews"
    DOCUMENTS = "documents"
    CONSENSUS = "consensus"
    RATINGS_IMPORTED = "ratings_imported"


class Change(NamedTuple):
    """What one service call changed, so a view can refresh just that."""

    kind: ChangeKind
    engagement_id: str
    element: str | None = None
    indicator: str | None = None
    assessor: str | None = None
    old: Any = None
    new: Any = None
    item_id: int | None = None

    @property
    def affects_score(self) -> bool:
        return self.kind in (ChangeKind.INDICATOR, ChangeKind.OBJECTIVE, ChangeKind.TARGET,
                             ChangeKind.CONSENSUS, ChangeKind.RATINGS_IMPORTED,
                             ChangeKind.ASSESSORS)


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return ""


class Session:
    """One open database. Not thread-safe: use it from one thread at a time."""

    def __init__(self, opened: OpenedDatabase, actor: str | None = None) -> None:
        self.opened = opened
        self.actor = _default_actor() if actor is None else actor
        self._framework_keys: dict[str, tuple[str, str]] = {}

    @classmethod
    def open(cls, path: Path | str | None = None) -> Session:
        opened = open_database(path if path is not None else default_database_path())
        session = cls(opened)
        texts = bundled_texts()
        if texts is not None and frameworks.holds_texts(session.db, texts):
            return session  # every bundled definition is there: nothing to build or compare
        stored = {(f[0], f[1]) for f in frameworks.stored_frameworks(session.db)}
        missing = [f for f in bundled_frameworks() if (f.id, f.version) not in stored]
        if missing and not opened.read_only:
            # Only when one is missing: opening to read never needs the write lock.
            with session.db.atomic():
                for framework in missing:
                    frameworks.store_framework(session.db, framework)
        return session

    @property
    def db(self) -> Database:
        return self.opened.db

    @property
    def path(self) -> Path:
        return self.opened.path

    @property
    def read_only(self) -> bool:
        return self.opened.read_only

    @property
    def warnings(self) -> list[str]:
        return self.opened.warnings

    def close(self) -> None:
        self.opened.close()

    def framework(self, framework_id: str, version: str) -> Framework:
        return frameworks.load_framework(self.db, framework_id, version)

    def framework_of(self, engagement_id: str) -> Framework:
        key = self._framework_keys.get(engagement_id)
        if key is None:
            row = engagements.row(self.db, engagement_id)
            key = (row["framework_id"], row["framework_version"])
            self._framework_keys[engagement_id] = key
        return self.framework(*key)

    def forget(self, engagement_id: str) -> None:
        self._framework_keys.pop(engagement_id, None)

    @contextmanager
    def edit(self, engagement_id: str, actor: str | None = None) -> Iterator[Database]:
        """One committed change to an engagement: refused when signed off, audited, atomic."""
        # The database's own triggers refuse changes to a signed-off engagement too;
        # translated_lock turns such a refusal into the same clear LockedError.
        if self.read_only:
            raise DatabaseReadOnlyError(READ_ONLY_MESSAGE)
        with translated_lock(), self._write_transaction():
            if engagements.status(self.db, engagement_id) is EngagementStatus.SIGNED_OFF:
                raise LockedError("this engagement is signed off and can no longer be changed; "
                                  "start an amendment to change it")
            yield self.db
            engagements.touch(self.db, engagement_id)

    @contextmanager
    def _write_transaction(self) -> Iterator[None]:
        """A transaction that takes the write lock at once (BEGIN IMMEDIATE), so a second
        program waits the busy timeout for it instead of failing midway on a stale read."""
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise

    def log(self, engagement_id: str | None, action: str, target: str = "", old: Any = None,
            new: Any = None, actor: str | None = None) -> None:
        audit.record(self.db, engagement_id, actor or self.actor, action, target, old, new)
