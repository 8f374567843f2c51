"""The schema's migrations, registered as sqlite-utils registers them and recorded in the
same `_sqlite_migrations` table, without importing sqlite-utils to find that none is
pending (issue 17): that is a single query on every open. sqlite-utils itself applies the
pending ones (a new or an older database), imported only then, so a migration receives
the `sqlite_utils.Database` it was written for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    import sqlite3

    import sqlite_utils

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
