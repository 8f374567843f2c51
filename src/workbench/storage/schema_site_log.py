"""Migration 005: the site-visit log (interviews held, documents reviewed).

Both tables join every mechanism `actions` has: a `uuid` given on insert (shared by every
copy of the engagement), the signed-record lock triggers (migration 002's kind), merge cells
(one per entry, keyed by its uuid, migration 003's kind) and the no-replace guards
(migration 004's kind). People and element links are JSON arrays in their row, so one
entry is one merge cell and an edit on two laptops settles as one value.

A reviewed document may point at an attachment of the same engagement; removing that
attachment keeps the document in the log and drops the link (ON DELETE SET NULL).
"""

from __future__ import annotations

from sqlite_utils import Database

from workbench.storage.schema_triggers import (
    SITE_LOG_CELLS,
    SITE_LOG_TABLES,
    UUID,
    cell_triggers,
    lock_triggers,
    no_replace_triggers,
)

_JSON_ARRAY = "CHECK (json_valid({col}) AND json_type({col}) = 'array')"
_DATE = "CHECK (held_on IS NULL OR held_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')"

SITE_LOG = f"""
CREATE TABLE interviews (
    id INTEGER PRIMARY KEY,
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    uuid TEXT,
    held_on TEXT {_DATE},
    people TEXT NOT NULL DEFAULT '[]' {_JSON_ARRAY.format(col="people")},
    topics TEXT NOT NULL,
    elements TEXT NOT NULL DEFAULT '[]' {_JSON_ARRAY.format(col="elements")},
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX interviews_by_uuid ON interviews (engagement_id, uuid);
CREATE TABLE reviewed_documents (
    id INTEGER PRIMARY KEY,
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    uuid TEXT,
    title TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    version TEXT NOT NULL DEFAULT '',
    elements TEXT NOT NULL DEFAULT '[]' {_JSON_ARRAY.format(col="elements")},
    attachment_id INTEGER REFERENCES attachments (id) ON DELETE SET NULL,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX reviewed_documents_by_uuid ON reviewed_documents (engagement_id, uuid);
CREATE INDEX reviewed_documents_by_attachment ON reviewed_documents (attachment_id);
CREATE TRIGGER interviews_uuid AFTER INSERT ON interviews WHEN NEW.uuid IS NULL
BEGIN UPDATE interviews SET uuid = {UUID} WHERE id = NEW.id; END;
CREATE TRIGGER reviewed_documents_uuid AFTER INSERT ON reviewed_documents WHEN NEW.uuid IS NULL
BEGIN UPDATE reviewed_documents SET uuid = {UUID} WHERE id = NEW.id; END;
CREATE TRIGGER reviewed_documents_own_attachment_insert BEFORE INSERT ON reviewed_documents
    WHEN NEW.attachment_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM attachments a
        WHERE a.id = NEW.attachment_id AND a.engagement_id = NEW.engagement_id)
BEGIN SELECT RAISE(ABORT, 'a reviewed document can only link to an attachment of its own \
engagement'); END;
CREATE TRIGGER reviewed_documents_own_attachment_update BEFORE UPDATE OF attachment_id,
    engagement_id ON reviewed_documents
    WHEN NEW.attachment_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM attachments a
        WHERE a.id = NEW.attachment_id AND a.engagement_id = NEW.engagement_id)
BEGIN SELECT RAISE(ABORT, 'a reviewed document can only link to an attachment of its own \
engagement'); END
"""


def site_log_migration(db: Database) -> None:
    statements = [s for s in SITE_LOG.split(";\n") if s.strip()]
    for table, what in SITE_LOG_TABLES:
        statements += lock_triggers(table, what)
    statements += cell_triggers(SITE_LOG_CELLS)
    statements += no_replace_triggers(tuple(t for t, _ in SITE_LOG_TABLES))
    for statement in statements:
        db.execute(statement)
