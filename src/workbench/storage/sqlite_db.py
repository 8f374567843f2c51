"""The handle the storage layer works through: one sqlite3 connection with sqlite-utils'
transaction rules (issue 17).

It is the part of `sqlite_utils.Database` the workbench uses (`conn`, `execute`, `query`,
`atomic`, `rollback`, `table_names`, `close`), with the same behaviour: recursive triggers
on; a write run by `execute` outside a transaction is committed at once; `atomic` is a
transaction, or a savepoint inside one. Opening a database therefore does not import
sqlite-utils (with pluggy, click and dateutil: most of a command's start-up); sqlite-utils
runs only the migrations, when one is pending.

`Migrations` registers the schema's migrations as sqlite-utils does and records them in
the same `_sqlite_migrations` table: finding that none is pending is one query, without
sqlite-utils; sqlite-utils itself applies the pending ones (a new or an older database),
imported only then, so a migration receives the `sqlite_utils.Database` it was written for.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    import sqlite_utils

Parameters = Sequence[Any] | dict[str, Any]

_TRANSACTION_CONTROL = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT",
                                  "RELEASE"})
_savepoints = itertools.count(1)


def _first_keyword(sql: str) -> str:
    """The statement's first word, upper-cased (after blanks, `;` and comments)."""
    text = sql.lstrip(" \t\r\n;\ufeff")
    while text.startswith(("--", "/*")):
        if text.startswith("--"):
            _, _, text = text.partition("\n")
        else:
            _, _, text = text[2:].partition("*/")
        text = text.lstrip(" \t\r\n;\ufeff")
    end = 0
    while end < len(text) and (text[end].isalpha() or text[end] == "_"):
        end += 1
    return text[:end].upper()


class Database:
    """An open workbench database (see the module's docstring)."""

    __slots__ = ("conn",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.execute("PRAGMA recursive_triggers=on;")

    def execute(self, sql: str, parameters: Parameters | None = None) -> sqlite3.Cursor:
        """Run one statement; a write outside a transaction is committed at once."""
        conn = self.conn
        was_in_transaction = conn.in_transaction
        try:
            cursor = conn.execute(sql) if parameters is None else conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and conn.in_transaction:
                conn.execute("ROLLBACK")  # the failed statement's implicit transaction
            raise
        if not was_in_transaction and conn.in_transaction and cursor.description is None \
                and _first_keyword(sql) not in _TRANSACTION_CONTROL:
            conn.execute("COMMIT")
        return cursor

    def query(self, sql: str, params: Parameters | None = None) -> Iterator[dict[str, Any]]:
        """The rows of a SELECT as dictionaries (column name -> value)."""
        cursor = self.execute(sql, params if params is not None else ())
        if cursor.description is None:
            raise ValueError("query() can only be used with SQL that returns rows")
        keys = [d[0] for d in cursor.description]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """A transaction (a savepoint when one is open): all of the block, or nothing."""
        conn = self.conn
        if conn.in_transaction:
            savepoint = f"workbench_{next(_savepoints)}"
            conn.execute(f"SAVEPOINT {savepoint};")
            try:
                yield self
            except BaseException:
                # A RAISE(ROLLBACK) trigger may have ended the whole transaction already.
                if conn.in_transaction:
                    conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint};")
                    conn.execute(f"RELEASE SAVEPOINT {savepoint};")
                raise
            conn.execute(f"RELEASE SAVEPOINT {savepoint};")
            return
        conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def rollback(self) -> None:
        """Discard the open transaction (nothing when none is open)."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def table_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]

    def close(self) -> None:
        self.conn.close()


# --- migrations ------------------------------------------------------------------------------

MigrationFunction = Callable[["sqlite_utils.Database"], None]


class HasConnection(Protocol):
    @property
    def conn(self) -> sqlite3.Connection: ...


class Migration(NamedTuple):
    name: str
    fn: MigrationFunction
    transactional: bool = True


class AppliedMigration(NamedTuple):
    name: str
    applied_at: str  # as sqlite-utils writes it: "2026-07-04 12:00:00.000000+00:00"


class Migrations:
    """A named, ordered set of migrations (the interface of `sqlite_utils.Migrations`)."""

    migrations_table = "_sqlite_migrations"

    def __init__(self, name: str) -> None:
        self.name = name
        self._migrations: list[Migration] = []

    def __call__(self, *, name: str | None = None, transactional: bool = True
                 ) -> Callable[[MigrationFunction], MigrationFunction]:
        def register(fn: MigrationFunction) -> MigrationFunction:
            migration_name = name or fn.__name__
            if any(m.name == migration_name for m in self._migrations):
                raise ValueError(f"migration {migration_name!r} is already in set {self.name!r}")
            self._migrations.append(Migration(migration_name, fn, transactional))
            return fn

        return register

    def applied(self, db: HasConnection) -> list[AppliedMigration]:
        """This set's applied migrations, in the order they were applied (reads only)."""
        conn = db.conn
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        [self.migrations_table]).fetchone() is None:
            return []
        return [AppliedMigration(r[0], r[1]) for r in conn.execute(
            f"SELECT name, applied_at FROM [{self.migrations_table}] WHERE migration_set = ? "
            "ORDER BY rowid", [self.name]).fetchall()]

    def pending(self, db: HasConnection) -> list[Migration]:
        """The migrations not applied yet, in order (reads only)."""
        applied = {m.name for m in self.applied(db)}
        return [m for m in self._migrations if m.name not in applied]

    def apply(self, db: HasConnection) -> None:
        """Apply the pending migrations with sqlite-utils, each in its own transaction."""
        import sqlite_utils

        full = sqlite_utils.Migrations(self.name)
        for m in self._migrations:
            full(name=m.name, transactional=m.transactional)(m.fn)
        full.apply(sqlite_utils.Database(db.conn, execute_plugins=False))
