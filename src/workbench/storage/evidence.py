"""Evidence: notes, strengths, opportunities, and attachments kept as content-addressed blobs."""

from __future__ import annotations

from collections import defaultdict

from workbench.core.engagement import AttachmentInfo, ElementEvidence, FindingKind
from workbench.core.errors import NotFoundError
from workbench.storage.clock import now
from workbench.storage.sqlite_db import Database


def findings(db: Database, engagement_id: str, assessor_id: int, element: str,
             kind: FindingKind) -> list[tuple[int, str]]:
    """(id, text) of one assessor's strengths or opportunities on an element, in order."""
    return [(r[0], r[1]) for r in db.conn.execute(
        "SELECT id, text FROM findings WHERE engagement_id = ? AND assessor_id = ? AND "
        "element = ? AND kind = ? ORDER BY position, uuid, id",
        (engagement_id, assessor_id, element, str(kind)))]


def add_finding(db: Database, engagement_id: str, assessor_id: int, element: str,
                kind: FindingKind, text: str, position: int | None = None) -> int:
    """Add a finding at the end of its list (or at `position`, known when writing a whole
    document, so a long list is written in linear time)."""
    if position is None:
        position = db.conn.execute(
            "SELECT COALESCE(MAX(position), -1) + 1 FROM findings WHERE engagement_id = ? AND "
            "assessor_id = ? AND element = ? AND kind = ?",
            (engagement_id, assessor_id, element, str(kind))).fetchone()[0]
    cursor = db.conn.execute(
        "INSERT INTO findings (engagement_id, assessor_id, element, kind, text, position, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (engagement_id, assessor_id, element, str(kind), text, position, now()))
    return int(cursor.lastrowid or 0)


def finding(db: Database, engagement_id: str, finding_id: int) -> tuple[str, str, str]:
    """(element, kind, text) of a finding."""
    found = db.conn.execute("SELECT element, kind, text FROM findings WHERE id = ? AND "
                            "engagement_id = ?", (finding_id, engagement_id)).fetchone()
    if found is None:
        raise NotFoundError(f"no strength or opportunity #{finding_id} in this engagement")
    return found[0], found[1], found[2]


def finding_position(db: Database, engagement_id: str, finding_id: int) -> int:
    """Where a finding stands in its list (the `position` that orders it)."""
    found = db.conn.execute("SELECT position FROM findings WHERE id = ? AND engagement_id = ?",
                            (finding_id, engagement_id)).fetchone()
    if found is None:
        raise NotFoundError(f"no strength or opportunity #{finding_id} in this engagement")
    return int(found[0])


def update_finding(db: Database, finding_id: int, text: str) -> None:
    db.conn.execute("UPDATE findings SET text = ? WHERE id = ?", (text, finding_id))


def remove_finding(db: Database, finding_id: int) -> None:
    db.conn.execute("DELETE FROM findings WHERE id = ?", (finding_id,))


def move_finding(db: Database, finding_id: int, position: int) -> None:
    db.conn.execute("UPDATE findings SET position = ? WHERE id = ?", (position, finding_id))


def all_evidence(db: Database, engagement_id: str) -> list[ElementEvidence]:
    """Every assessor's notes, findings and indicator notes, one item per assessor and element."""
    names = {r[0]: r[1] for r in db.conn.execute(
        "SELECT id, name FROM assessors WHERE engagement_id = ?", (engagement_id,))}
    notes: dict[tuple[int, str], str] = {}
    for aid, element, text in db.conn.execute(
            "SELECT assessor_id, element, notes FROM element_ratings WHERE engagement_id = ? "
            "AND notes != ''", (engagement_id,)):
        notes[(aid, element)] = text
    lists: dict[tuple[int, str], dict[str, list[str]]] = defaultdict(
        lambda: {"strength": [], "opportunity": []})
    for aid, element, kind, text in db.conn.execute(
            "SELECT assessor_id, element, kind, text FROM findings WHERE engagement_id = ? "
            "ORDER BY position, uuid, id", (engagement_id,)):
        lists[(aid, element)][kind].append(text)
    ind_notes: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
    for aid, code, note in db.conn.execute(
            "SELECT assessor_id, indicator, note FROM indicator_ratings WHERE "
            "engagement_id = ? AND note != '' ORDER BY indicator", (engagement_id,)):
        ind_notes[(aid, code.rsplit(".", 1)[0])].append((code, note))
    keys = set(notes) | set(lists) | set(ind_notes)
    out = []
    for aid, element in sorted(keys, key=lambda k: (names.get(k[0], ""), k[1])):
        found = lists.get((aid, element), {"strength": [], "opportunity": []})
        out.append(ElementEvidence(element, names[aid], notes.get((aid, element), ""),
                                   tuple(found["strength"]), tuple(found["opportunity"]),
                                   tuple(ind_notes.get((aid, element), []))))
    return out


# --- attachments -----------------------------------------------------------------------------

def put_blob(db: Database, data: bytes) -> str:
    import hashlib  # OpenSSL: only when a file is attached

    digest = hashlib.sha256(data).hexdigest()
    db.conn.execute("INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)",
                    (digest, len(data), data))
    return digest


def get_blob(db: Database, digest: str) -> bytes:
    found = db.conn.execute("SELECT data FROM blobs WHERE sha256 = ?", (digest,)).fetchone()
    if found is None:
        raise NotFoundError(f"the file {digest[:12]}… is missing from the database")
    return bytes(found[0])


def add_attachment(db: Database, engagement_id: str, element: str, assessor_id: int | None,
                   digest: str, filename: str, caption: str, media_type: str, size: int,
                   width: int | None, height: int | None) -> int:
    cursor = db.conn.execute(
        "INSERT INTO attachments (engagement_id, element, assessor_id, sha256, filename, caption,"
        " media_type, size, width, height, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (engagement_id, element, assessor_id, digest, filename, caption, media_type, size, width,
         height, now()))
    return int(cursor.lastrowid or 0)


_ATTACHMENT_SQL = ("SELECT a.id, a.element, a.filename, a.caption, a.media_type, a.size, a.sha256,"
                   " a.width, a.height, s.name FROM attachments a LEFT JOIN assessors s ON "
                   "s.id = a.assessor_id WHERE a.engagement_id = ?")


def attachments(db: Database, engagement_id: str, element: str | None = None
                ) -> list[AttachmentInfo]:
    sql, params = _ATTACHMENT_SQL, [engagement_id]
    if element is not None:
        sql += " AND a.element = ?"
        params.append(element)
    return [AttachmentInfo(*r) for r in db.conn.execute(sql + " ORDER BY a.id", params)]


def attachment(db: Database, engagement_id: str, attachment_id: int) -> AttachmentInfo:
    found = db.conn.execute(_ATTACHMENT_SQL + " AND a.id = ?",
                            (engagement_id, attachment_id)).fetchone()
    if found is None:
        raise NotFoundError(f"no attachment #{attachment_id} in this engagement")
    return AttachmentInfo(*found)


def set_caption(db: Database, attachment_id: int, caption: str) -> None:
    db.conn.execute("UPDATE attachments SET caption = ? WHERE id = ?", (caption, attachment_id))


def move_attachment(db: Database, attachment_id: int, element: str) -> None:
    """Give an attachment to another element (its id, file and caption stay)."""
    db.conn.execute("UPDATE attachments SET element = ? WHERE id = ?", (element, attachment_id))


def remove_attachment(db: Database, attachment_id: int) -> None:
    digest = db.conn.execute("SELECT sha256 FROM attachments WHERE id = ?",
                             (attachment_id,)).fetchone()
    db.conn.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))
    if digest:
        db.conn.execute("DELETE FROM blobs WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM "
                        "attachments WHERE sha256 = ?) AND NOT EXISTS (SELECT 1 FROM signoffs "
                        "WHERE signature_sha256 = ?)", (digest[0], digest[0], digest[0]))
