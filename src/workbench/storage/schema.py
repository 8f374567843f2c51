"""The database schema, as sqlite-utils migrations. Append new migrations; never edit old ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.storage.schema_guards import GUARDS
from workbench.storage.schema_site_log import site_log_migration
from workbench.storage.schema_triggers import (
    AMEND,
    LOCKED_TABLES,
    STAMP,
    UUID,
    cell_triggers,
    lock_triggers,
    no_replace_triggers,
    put,
)
from workbench.storage.sqlite_db import Migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

migrations = Migrations("workbench")

# Every migration appended here bumps SCHEMA_VERSION; a database whose
# user_version is higher was written by a newer release and is refused.
SCHEMA_VERSION = 5
APPLICATION_ID = 0x57424E43  # "WBNC": marks a file as a workbench database


@migrations(name="001_initial")
def _initial(db: Database) -> None:
    for statement in _INITIAL.split(";\n"):
        if statement.strip():
            db.execute(statement)


_INITIAL = """
CREATE TABLE frameworks (
    id TEXT NOT NULL,
    version TEXT NOT NULL,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    content TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (id, version)
) STRICT;
CREATE TABLE engagements (
    id TEXT PRIMARY KEY,
    client TEXT NOT NULL,
    site TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    lead_assessor TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT,
    framework_id TEXT NOT NULL,
    framework_version TEXT NOT NULL,
    brand TEXT NOT NULL DEFAULT 'default',
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'signed_off')),
    revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    baseline_id TEXT REFERENCES engagements (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    cached_total REAL,
    cached_level INTEGER,
    FOREIGN KEY (framework_id, framework_version) REFERENCES frameworks (id, version)
) STRICT;
CREATE INDEX engagements_by_update ON engagements (updated_at);
CREATE TABLE assessors (
    id INTEGER PRIMARY KEY,
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    initials TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (engagement_id, name)
) STRICT;
CREATE TABLE indicator_ratings (
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    assessor_id INTEGER NOT NULL REFERENCES assessors (id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    level INTEGER,
    na INTEGER NOT NULL DEFAULT 0 CHECK (na IN (0, 1)),
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (engagement_id, assessor_id, indicator),
    CHECK (NOT (na = 1 AND level IS NOT NULL))
) STRICT;
CREATE TABLE element_ratings (
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    assessor_id INTEGER NOT NULL REFERENCES assessors (id) ON DELETE CASCADE,
    element TEXT NOT NULL,
    objective TEXT,
    notes TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (engagement_id, assessor_id, element)
) STRICT;
CREATE TABLE consensus_indicators (
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    level INTEGER,
    na INTEGER NOT NULL DEFAULT 0 CHECK (na IN (0, 1)),
    reason TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (engagement_id, indicator),
    CHECK ((na = 1) <> (level IS NOT NULL))
) STRICT;
CREATE TABLE consensus_elements (
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    element TEXT NOT NULL,
    objective TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (engagement_id, element)
) STRICT;
CREATE TABLE element_targets (
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    element TEXT NOT NULL,
    target INTEGER NOT NULL,
    PRIMARY KEY (engagement_id, element)
) STRICT;
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    assessor_id INTEGER NOT NULL REFERENCES assessors (id) ON DELETE CASCADE,
    element TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('strength', 'opportunity')),
    text TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX findings_by_element ON findings (engagement_id, element);
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    data BLOB NOT NULL
) STRICT;
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    element TEXT NOT NULL,
    assessor_id INTEGER REFERENCES assessors (id) ON DELETE SET NULL,
    sha256 TEXT NOT NULL REFERENCES blobs (sha256),
    filename TEXT NOT NULL,
    caption TEXT NOT NULL DEFAULT '',
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    width INTEGER,
    height INTEGER,
    in_report INTEGER NOT NULL DEFAULT 1 CHECK (in_report IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_by_element ON attachments (engagement_id, element);
CREATE INDEX attachments_by_blob ON attachments (sha256);
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    element TEXT NOT NULL,
    action TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    priority TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('high', 'medium', 'low')),
    due_date TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done')),
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX actions_by_engagement ON actions (engagement_id, element);
CREATE TABLE signoffs (
    id INTEGER PRIMARY KEY,
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    signer TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    signed_at TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    signature_sha256 TEXT REFERENCES blobs (sha256),
    certificate TEXT
) STRICT;
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    engagement_id TEXT,
    actor TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    old TEXT,
    new TEXT
) STRICT;
CREATE INDEX audit_by_engagement ON audit_log (engagement_id, id)
"""


# --- 002: sign-off ---------------------------------------------------------------------------
#
# A signed revision is kept as its canonical JSON and SHA-256 in `revisions`; triggers
# refuse every change to the content of an engagement whose status is `signed_off`, so
# not even raw SQL can alter a signed revision. An amendment inserts the next revision
# with its reason, which is the only way the engagement's status may leave `signed_off`.
# Every refusal's message starts with "signed off:" so the layers above can recognise it.
# A photo of a signed revision is kept after an amendment removes it (RAISE(IGNORE)
# skips the deletion quietly), so the evidence behind a signed report stays available.

_SIGNOFF = f"""
CREATE TABLE revisions (
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    revision INTEGER NOT NULL CHECK (revision >= 1),
    reason TEXT NOT NULL DEFAULT '',
    opened_at TEXT NOT NULL,
    opened_by TEXT NOT NULL DEFAULT '',
    signed_at TEXT,
    content_hash TEXT CHECK (content_hash IS NULL OR length(content_hash) = 64),
    canonical TEXT,
    PRIMARY KEY (engagement_id, revision),
    CHECK (revision = 1 OR length(trim(reason)) > 0),
    CHECK ((signed_at IS NULL) = (content_hash IS NULL)),
    CHECK ((content_hash IS NULL) = (canonical IS NULL))
) STRICT;
ALTER TABLE signoffs ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE signoffs ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
CREATE INDEX signoffs_by_revision ON signoffs (engagement_id, revision, position);
CREATE TRIGGER engagements_signed_details BEFORE UPDATE OF id, client, site, title,
    lead_assessor, start_date, end_date, framework_id, framework_version, brand
    ON engagements WHEN OLD.status = 'signed_off'
BEGIN SELECT RAISE(ABORT, 'signed off: the details of a signed-off engagement cannot change; \
{AMEND}'); END;
CREATE TRIGGER engagements_signed_delete BEFORE DELETE ON engagements
    WHEN OLD.status = 'signed_off'
BEGIN SELECT RAISE(ABORT, 'signed off: a signed-off engagement cannot be deleted; archive it \
instead'); END;
CREATE TRIGGER engagements_revision_only_by_amendment BEFORE UPDATE OF revision ON engagements
    WHEN NEW.revision <> OLD.revision AND NOT (
        OLD.status = 'signed_off' AND NEW.status <> 'signed_off'
        AND NEW.revision = OLD.revision + 1)
BEGIN SELECT RAISE(ABORT, 'signed off: the revision changes only when a signed-off engagement \
is amended'); END;
CREATE TRIGGER engagements_reopen_only_by_amendment BEFORE UPDATE OF status ON engagements
    WHEN OLD.status = 'signed_off' AND NEW.status <> 'signed_off' AND NOT EXISTS (
        SELECT 1 FROM revisions r WHERE r.engagement_id = OLD.id
        AND r.revision = NEW.revision AND NEW.revision = OLD.revision + 1
        AND r.signed_at IS NULL AND length(trim(r.reason)) > 0)
BEGIN SELECT RAISE(ABORT, 'signed off: a signed-off engagement reopens only with an amendment \
(a new revision with its reason)'); END;
CREATE TRIGGER engagements_sign_only_a_recorded_revision BEFORE UPDATE OF status ON engagements
    WHEN NEW.status = 'signed_off' AND OLD.status <> 'signed_off' AND NOT EXISTS (
        SELECT 1 FROM revisions r WHERE r.engagement_id = OLD.id
        AND r.revision = NEW.revision AND r.content_hash IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'signed off: an engagement is signed off only with its revision \
recorded (content hash and canonical data)'); END;
CREATE TRIGGER engagements_born_unsigned BEFORE INSERT ON engagements
    WHEN NEW.status = 'signed_off'
BEGIN SELECT RAISE(ABORT, 'signed off: a new engagement starts as a draft'); END;
CREATE TRIGGER revisions_signed_update BEFORE UPDATE ON revisions
    WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed off: a signed revision is kept exactly as it was signed'); END;
CREATE TRIGGER revisions_signed_delete BEFORE DELETE ON revisions
    WHEN OLD.signed_at IS NOT NULL
    AND EXISTS (SELECT 1 FROM engagements e WHERE e.id = OLD.engagement_id)
BEGIN SELECT RAISE(ABORT, 'signed off: a signed revision is kept exactly as it was signed'); END;
CREATE TRIGGER revisions_no_rewrite BEFORE INSERT ON revisions
    WHEN NEW.revision < (SELECT revision FROM engagements WHERE id = NEW.engagement_id)
    OR NEW.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed off: a revision is recorded open and then signed; earlier \
revisions cannot be rewritten'); END;
CREATE TRIGGER signoffs_signed_insert BEFORE INSERT ON signoffs
    WHEN (SELECT status FROM engagements WHERE id = NEW.engagement_id) = 'signed_off'
    OR NEW.revision <> (SELECT revision FROM engagements WHERE id = NEW.engagement_id)
BEGIN SELECT RAISE(ABORT, 'signed off: signatures are added only while signing off the \
current revision'); END;
CREATE TRIGGER signoffs_no_update BEFORE UPDATE ON signoffs
BEGIN SELECT RAISE(ABORT, 'signed off: a signature cannot be changed'); END;
CREATE TRIGGER signoffs_no_delete BEFORE DELETE ON signoffs
    WHEN EXISTS (SELECT 1 FROM engagements e WHERE e.id = OLD.engagement_id)
    AND (EXISTS (SELECT 1 FROM revisions r WHERE r.engagement_id = OLD.engagement_id
                 AND r.revision = OLD.revision AND r.signed_at IS NOT NULL))
BEGIN SELECT RAISE(ABORT, 'signed off: a signature cannot be removed'); END;
CREATE TRIGGER blobs_signed_update BEFORE UPDATE ON blobs
    WHEN EXISTS (SELECT 1 FROM attachments a JOIN engagements e ON e.id = a.engagement_id
                 WHERE a.sha256 = OLD.sha256 AND e.status = 'signed_off')
    OR EXISTS (SELECT 1 FROM signoffs s WHERE s.signature_sha256 = OLD.sha256)
    OR EXISTS (SELECT 1 FROM revisions r WHERE r.signed_at IS NOT NULL
               AND instr(r.canonical, OLD.sha256) > 0)
BEGIN SELECT RAISE(ABORT, 'signed off: a file of a signed revision cannot change'); END;
CREATE TRIGGER blobs_signed_delete BEFORE DELETE ON blobs
    WHEN EXISTS (SELECT 1 FROM attachments a JOIN engagements e ON e.id = a.engagement_id
                 WHERE a.sha256 = OLD.sha256 AND e.status = 'signed_off')
    OR EXISTS (SELECT 1 FROM signoffs s WHERE s.signature_sha256 = OLD.sha256)
BEGIN SELECT RAISE(ABORT, 'signed off: a file of a signed-off engagement cannot be removed'); END;
CREATE TRIGGER blobs_keep_signed_evidence BEFORE DELETE ON blobs
    WHEN EXISTS (SELECT 1 FROM revisions r WHERE r.signed_at IS NOT NULL
                 AND instr(r.canonical, OLD.sha256) > 0)
    AND NOT EXISTS (SELECT 1 FROM attachments a JOIN engagements e ON e.id = a.engagement_id
                    WHERE a.sha256 = OLD.sha256 AND e.status = 'signed_off')
    AND NOT EXISTS (SELECT 1 FROM signoffs s WHERE s.signature_sha256 = OLD.sha256)
BEGIN SELECT RAISE(IGNORE); END;
CREATE TRIGGER frameworks_signed_update BEFORE UPDATE ON frameworks
    WHEN EXISTS (SELECT 1 FROM engagements e WHERE e.framework_id = OLD.id
                 AND e.framework_version = OLD.version AND e.status = 'signed_off')
BEGIN SELECT RAISE(ABORT, 'signed off: the framework of a signed-off engagement is fixed'); END;
CREATE TRIGGER frameworks_signed_delete BEFORE DELETE ON frameworks
    WHEN EXISTS (SELECT 1 FROM engagements e WHERE e.framework_id = OLD.id
                 AND e.framework_version = OLD.version AND e.status = 'signed_off')
BEGIN SELECT RAISE(ABORT, 'signed off: the framework of a signed-off engagement is fixed'); END
"""


@migrations(name="002_signoff")
def _signoff(db: Database) -> None:
    statements = [s for s in _SIGNOFF.split(";\n") if s.strip()]
    for table, what in LOCKED_TABLES:
        statements += lock_triggers(table, what)
    for statement in statements:
        db.execute(statement)


# --- 003: team merge -------------------------------------------------------------------------
#
# Copies of one engagement on several laptops merge as a last-writer-wins map of "cells":
# one cell per assessor and indicator value, indicator note, objective, element notes; per
# consensus value, target, finding, action, attachment, assessor, and the details. The
# triggers below keep `merge_cells` (the time each cell last changed, UTC milliseconds)
# in step with every edit, whatever code makes it; a cell whose row is gone is a tombstone
# (the time it was cleared), so a deletion survives a merge with an older copy. Findings,
# actions and attachments get a stable `uuid` shared by every copy of the engagement.

_TEAM_MERGE = f"""
CREATE TABLE merge_cells (
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    cell TEXT NOT NULL,
    stamp TEXT NOT NULL,
    PRIMARY KEY (engagement_id, cell)
) STRICT;
ALTER TABLE findings ADD COLUMN uuid TEXT;
ALTER TABLE actions ADD COLUMN uuid TEXT;
ALTER TABLE attachments ADD COLUMN uuid TEXT;
CREATE UNIQUE INDEX findings_by_uuid ON findings (engagement_id, uuid);
CREATE UNIQUE INDEX actions_by_uuid ON actions (engagement_id, uuid);
CREATE UNIQUE INDEX attachments_by_uuid ON attachments (engagement_id, uuid);
CREATE TRIGGER findings_uuid AFTER INSERT ON findings WHEN NEW.uuid IS NULL
BEGIN UPDATE findings SET uuid = {UUID} WHERE id = NEW.id; END;
CREATE TRIGGER actions_uuid AFTER INSERT ON actions WHEN NEW.uuid IS NULL
BEGIN UPDATE actions SET uuid = {UUID} WHERE id = NEW.id; END;
CREATE TRIGGER attachments_uuid AFTER INSERT ON attachments WHEN NEW.uuid IS NULL
BEGIN UPDATE attachments SET uuid = {UUID} WHERE id = NEW.id; END;
CREATE TRIGGER assessors_cell_insert AFTER INSERT ON assessors
BEGIN {put("json_array('assessor', {row}.name)").format(row="NEW")} END;
CREATE TRIGGER assessors_cell_update AFTER UPDATE ON assessors
    WHEN NEW.name IS NOT OLD.name OR NEW.role IS NOT OLD.role
    OR NEW.initials IS NOT OLD.initials OR NEW.position IS NOT OLD.position
BEGIN {put("json_array('assessor', {row}.name)").format(row="NEW")} END;
CREATE TRIGGER engagements_cell_update AFTER UPDATE OF client, site, title, lead_assessor,
    start_date, end_date, brand ON engagements
    WHEN NEW.client IS NOT OLD.client OR NEW.site IS NOT OLD.site OR NEW.title IS NOT OLD.title
    OR NEW.lead_assessor IS NOT OLD.lead_assessor OR NEW.start_date IS NOT OLD.start_date
    OR NEW.end_date IS NOT OLD.end_date OR NEW.brand IS NOT OLD.brand
BEGIN INSERT INTO merge_cells (engagement_id, cell, stamp) VALUES (NEW.id,
    json_array('details'), {STAMP}) ON CONFLICT (engagement_id, cell) DO UPDATE SET
    stamp = excluded.stamp; END
"""

# Rows of existing engagements get their uuid; the lock triggers of the three tables are
# lifted for that one statement each (a uuid is no content) and put back as they were.
UUID_TABLES = (("findings", "strengths and opportunities"), ("attachments", "attachments"),
                ("actions", "improvement actions"))


@migrations(name="003_team_merge")
def _team_merge(db: Database) -> None:
    for statement in [s for s in _TEAM_MERGE.split(";\n") if s.strip()]:
        db.execute(statement)
    for table, what in UUID_TABLES:
        db.execute(f"DROP TRIGGER IF EXISTS {table}_signed_update")
        db.execute(f"UPDATE {table} SET uuid = {UUID} WHERE uuid IS NULL")
        db.execute(lock_triggers(table, what)[1])
    for statement in cell_triggers():
        db.execute(statement)


# --- 004: guards of the signed record ----------------------------------------------------------
#
# The trigger text is in storage/schema_guards.py.

@migrations(name="004_signed_record_guards")
def _signed_record_guards(db: Database) -> None:
    statements = [s for s in GUARDS.split(";\n") if s.strip()] + no_replace_triggers()
    for statement in statements:
        db.execute(statement)


# --- 005: the site-visit log (storage/schema_site_log.py) ----------------------------------------

migrations(name="005_site_log")(site_log_migration)
