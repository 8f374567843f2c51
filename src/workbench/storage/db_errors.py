"""SQLite's runtime errors as the product's own: the one place they are mapped.

Every connection the workbench opens is a `GuardedConnection`, whose statements,
fetches and commits turn SQLite's busy, read-only, disk-full and I/O errors into
WorkbenchError subclasses with one clear sentence. Constraint errors (and the lock
triggers' "signed off:" refusals) pass through unchanged for the layers that read them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from workbench.core.errors import LockedError, WorkbenchError

T = TypeVar("T")

BUSY_MESSAGE = "the database is in use by another program; try again"
FULL_MESSAGE = "the disk is full; nothing was lost"
READ_ONLY_MESSAGE = ("the database file is read-only: it can be viewed and exported, but "
                     "nothing can be changed in it; nothing was changed")

_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_READ_ONLY = {sqlite3.SQLITE_READONLY}
_FULL = {sqlite3.SQLITE_FULL}
_IO = {sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN}
_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


def damaged_message(detail: str) -> str:
    return (f"the database is damaged ({detail}); restore a backup (files named "
            "*.backup-*.sqlite3 beside it)")


class DatabaseBusyError(WorkbenchError):
    """Another program held the database for longer than the busy timeout."""


class DatabaseReadOnlyError(WorkbenchError):
    """A change was asked of a database opened read-only (its file cannot be written)."""


class DiskFullError(WorkbenchError):
    """The disk holding the database is full; the transaction was rolled back."""


class DatabaseDamagedError(WorkbenchError):
    """SQLite found the file damaged while reading it (a page that does not add up)."""


class DatabaseIOError(WorkbenchError):
    """The operating system failed a read or write of the database file."""


def product_error(exc: BaseException) -> WorkbenchError | None:
    """The product's error for an SQLite runtime error, or None when it is not one of those."""
    if not isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError) or \
            isinstance(exc, sqlite3.IntegrityError):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary in _BUSY or "database is locked" in text or "table is locked" in text:
        return DatabaseBusyError(BUSY_MESSAGE)
    if primary in _READ_ONLY or "readonly database" in text or "read-only" in text:
        return DatabaseReadOnlyError(READ_ONLY_MESSAGE)
    if primary in _FULL or "disk is full" in text:
        return DiskFullError(FULL_MESSAGE)
    if primary in _DAMAGED or "malformed" in text:
        return DatabaseDamagedError(damaged_message(str(exc)))
    if primary in _IO or "disk i/o error" in text:
        return DatabaseIOError("the database file could not be read or written (a disk or "
                               "file-system error); nothing was changed")
    return None


# SQLite answers some damaged pages with "out of memory", which Python raises as MemoryError:
# inside a statement or a fetch it means the file could not be read, not that the laptop
# ran out of memory (a fuzzer's find; the opening of a database maps it the same way).
UNREADABLE_PAGES = "SQLite could not read its pages"


def _guard(call: Callable[[], T]) -> T:
    try:
        return call()
    except sqlite3.Error as exc:
        mapped = product_error(exc)
        if mapped is None:
            raise
        raise mapped from None
    except MemoryError:
        raise DatabaseDamagedError(damaged_message(UNREADABLE_PAGES)) from None


@contextmanager
def translated() -> Iterator[None]:
    """Map SQLite runtime errors raised inside the block (for code using a raw connection)."""
    try:
        yield
    except sqlite3.Error as exc:
        mapped = product_error(exc)
        if mapped is None:
            raise
        raise mapped from None
    except MemoryError:
        raise DatabaseDamagedError(damaged_message(UNREADABLE_PAGES)) from None


class GuardedCursor(sqlite3.Cursor):
    """A cursor whose execution and fetches raise the product's errors."""

    def execute(self, sql: str, parameters: Any = (), /) -> GuardedCursor:
        _guard(lambda: super(GuardedCursor, self).execute(sql, parameters))
        return self

    def executemany(self, sql: str, seq: Iterable[Any], /) -> GuardedCursor:
        _guard(lambda: super(GuardedCursor, self).executemany(sql, seq))
        return self

    def executescript(self, script: str, /) -> GuardedCursor:
        _guard(lambda: super(GuardedCursor, self).executescript(script))
        return self

    def fetchone(self) -> Any:
        return _guard(lambda: super(GuardedCursor, self).fetchone())

    def fetchmany(self, size: int | None = 1) -> list[Any]:
        return _guard(lambda: super(GuardedCursor, self).fetchmany(size or 1))

    def fetchall(self) -> list[Any]:
        return _guard(lambda: super(GuardedCursor, self).fetchall())

    def __next__(self) -> Any:
        return _guard(lambda: super(GuardedCursor, self).__next__())


class GuardedConnection(sqlite3.Connection):
    """A connection whose statements and commits raise the product's errors."""

    def cursor(self, factory: Any = None) -> GuardedCursor:  # type: ignore[override]
        cursor: GuardedCursor = super().cursor(factory or GuardedCursor)
        return cursor

    def execute(self, sql: str, parameters: Any = (), /) -> GuardedCursor:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, seq: Iterable[Any], /) -> GuardedCursor:
        return self.cursor().executemany(sql, seq)

    def executescript(self, script: str, /) -> GuardedCursor:
        return self.cursor().executescript(script)

    def commit(self) -> None:
        _guard(super().commit)


# The lock triggers' refusals (migration `002_signoff`), here rather than in `signoffs` so
# that an edit's transaction needs no sign-off record types built (issue 17).
LOCK_PREFIX = "signed off:"


def locked_message(exc: BaseException) -> str | None:
    """The refusal of a lock trigger as a sentence for the user, or None for other errors."""
    text = str(exc)
    if isinstance(exc, sqlite3.IntegrityError) and text.startswith(LOCK_PREFIX):
        rest = text[len(LOCK_PREFIX):].strip()
        return rest[:1].upper() + rest[1:] + "."
    return None


@contextmanager
def translated_lock() -> Iterator[None]:
    """Turn a lock trigger's refusal into a LockedError with its message."""
    try:
        yield
    except sqlite3.IntegrityError as exc:
        message = locked_message(exc)
        if message is None:
            raise
        raise LockedError(message) from None
