"""The database schema, as sqlite-utils migrations. Append new migrations; never edit old ones."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("workbench")

# Every migration appended here bumps SCHEMA_VERSION; a database whose
# user_version is higher was written by a newer release and is refused.
SCHEMA_VERSION = 1
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
