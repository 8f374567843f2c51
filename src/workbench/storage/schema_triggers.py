"""The SQL that migrations 002 to 005 generate: lock, merge-cell and no-replace triggers.

Kept apart from `schema` so the migrations read as a list; the generated text is part of
those migrations and must stay byte-identical, or databases created at different
versions would differ. Every refusal's message starts with "signed off:" so the layers
above can recognise it.
"""

from __future__ import annotations

# (table, what the message calls its rows) of the tables holding an engagement's content.
LOCKED_TABLES = (
    ("assessors", "the team"),
    ("indicator_ratings", "indicator ratings"),
    ("element_ratings", "objective judgements and evidence notes"),
    ("consensus_indicators", "consensus ratings"),
    ("consensus_elements", "consensus judgements"),
    ("element_targets", "target levels"),
    ("findings", "strengths and opportunities"),
    ("attachments", "attachments"),
    ("actions", "improvement actions"),
)
# The site-visit log's tables (migration 005), locked the same way.
SITE_LOG_TABLES = (
    ("interviews", "interviews of the site-visit log"),
    ("reviewed_documents", "documents reviewed in the site-visit log"),
)
AMEND = "start an amendment (a new revision with its reason) to change it"


def lock_triggers(table: str, what: str) -> list[str]:
    signed = "(SELECT status FROM engagements WHERE id = {row}.engagement_id) = 'signed_off'"
    message = f"signed off: {what} of a signed-off engagement cannot change; {AMEND}"
    body = f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
    return [
        f"CREATE TRIGGER {table}_signed_insert BEFORE INSERT ON {table} "
        f"WHEN {signed.format(row='NEW')} {body}",
        f"CREATE TRIGGER {table}_signed_update BEFORE UPDATE ON {table} "
        f"WHEN {signed.format(row='OLD')} OR {signed.format(row='NEW')} {body}",
        f"CREATE TRIGGER {table}_signed_delete BEFORE DELETE ON {table} "
        f"WHEN {signed.format(row='OLD')} {body}",
    ]


STAMP = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
UUID = "lower(hex(randomblob(16)))"
NAME = "(SELECT name FROM assessors WHERE id = {row}.assessor_id)"


def put(key: str) -> str:
    return (f"INSERT INTO merge_cells (engagement_id, cell, stamp) VALUES ({{row}}.engagement_id,"
            f" {key}, {STAMP}) ON CONFLICT (engagement_id, cell) DO UPDATE SET "
            "stamp = excluded.stamp;")


# table -> [(cell key SQL, value columns, guard)] with {row} standing for NEW or OLD
_CELLS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "indicator_ratings": [
        (f"json_array('indicator', {NAME}, {{row}}.indicator, 'value')", ("level", "na")),
        (f"json_array('indicator', {NAME}, {{row}}.indicator, 'note')", ("note",))],
    "element_ratings": [
        (f"json_array('element', {NAME}, {{row}}.element, 'objective')", ("objective",)),
        (f"json_array('element', {NAME}, {{row}}.element, 'notes')", ("notes",))],
    "consensus_indicators": [("json_array('consensus_indicator', {row}.indicator)",
                              ("level", "na", "reason"))],
    "consensus_elements": [("json_array('consensus_element', {row}.element)",
                            ("objective", "reason"))],
    "element_targets": [("json_array('target', {row}.element)", ("target",))],
    "findings": [("json_array('finding', {row}.uuid)",
                  ("assessor_id", "element", "kind", "text", "position"))],
    "actions": [("json_array('action', {row}.uuid)",
                 ("element", "action", "owner", "priority", "due_date", "status", "position"))],
    "attachments": [("json_array('attachment', {row}.element, {row}.sha256)",
                     ("assessor_id", "filename", "caption", "media_type", "size", "width",
                      "height", "in_report"))],
}
# Migration 005: one cell per interview and per reviewed document, keyed by its uuid.
SITE_LOG_CELLS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "interviews": [("json_array('interview', {row}.uuid)",
                    ("held_on", "people", "topics", "elements", "position"))],
    "reviewed_documents": [("json_array('document', {row}.uuid)",
                            ("title", "owner", "version", "elements", "attachment_id",
                             "position"))],
}
_EMPTY = {"indicator_ratings": ("level IS NULL AND {row}.na = 0", "note = ''"),
          "element_ratings": ("objective IS NULL", "notes = ''")}


def cell_triggers(
        tables: dict[str, list[tuple[str, tuple[str, ...]]]] | None = None) -> list[str]:
    """The merge-cell triggers of `tables` (by default migration 003's)."""
    out = []
    for table, cells in (_CELLS if tables is None else tables).items():
        if table in ("indicator_ratings", "element_ratings"):
            guard = NAME + " IS NOT NULL"
        elif table in ("findings", "actions", "interviews", "reviewed_documents"):
            guard = "{row}.uuid IS NOT NULL"
        else:
            guard = "1"
        moved = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _key_columns(table))
        for n, (key, columns) in enumerate(cells):
            empty = _EMPTY[table][n] if table in _EMPTY else None
            changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns)
            new, old = guard.format(row="NEW"), guard.format(row="OLD")
            not_empty_new = f" AND NOT (NEW.{empty.format(row='NEW')})" if empty else ""
            not_empty_old = f" AND NOT (OLD.{empty.format(row='OLD')})" if empty else ""
            name = f"{table}_cell{n}"
            out += [
                f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} WHEN {new}{not_empty_new}"
                f" BEGIN {put(key).format(row='NEW')} END",
                f"CREATE TRIGGER {name}_update AFTER UPDATE ON {table} WHEN {new} AND "
                f"({changed} OR {moved}) BEGIN {put(key).format(row='NEW')} END",
                f"CREATE TRIGGER {name}_moved AFTER UPDATE ON {table} WHEN {old} AND ({moved})"
                f" BEGIN {put(key).format(row='OLD')} END",
                f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} WHEN {old}"
                f"{not_empty_old} AND EXISTS (SELECT 1 FROM engagements e WHERE "
                f"e.id = OLD.engagement_id) BEGIN {put(key).format(row='OLD')} END"]
    return out


def _key_columns(table: str) -> tuple[str, ...]:
    return {"indicator_ratings": ("assessor_id", "indicator"),
            "element_ratings": ("assessor_id", "element"),
            "consensus_indicators": ("indicator",), "consensus_elements": ("element",),
            "element_targets": ("element",), "findings": ("uuid",), "actions": ("uuid",),
            "attachments": ("element", "sha256"), "interviews": ("uuid",),
            "reviewed_documents": ("uuid",)}[table]


NO_REPLACE = "signed off: a row of a signed-off engagement cannot be replaced"
ROW_OF_SIGNED = ("EXISTS (SELECT 1 FROM {table} t JOIN engagements e ON e.id = t.engagement_id "
                  "WHERE t.id = NEW.id AND e.status = 'signed_off')")

def no_replace_triggers(
        tables: tuple[str, ...] = ("assessors", "findings", "attachments", "actions"),
) -> list[str]:
    """Refuse an insert that would replace a row of a signed-off engagement by its id."""
    out = []
    for table in tables:
        out.append(f"CREATE TRIGGER {table}_signed_no_replace BEFORE INSERT ON {table} "
                   f"WHEN NEW.id IS NOT NULL AND {ROW_OF_SIGNED.format(table=table)} "
                   f"BEGIN SELECT RAISE(ABORT, '{NO_REPLACE}; {AMEND}'); END")
    return out
