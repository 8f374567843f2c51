"""Migration 004's trigger text: the guards of the signed record.

002's triggers guard UPDATE and DELETE, but `INSERT OR REPLACE` deletes the conflicting
row without firing delete triggers (unless recursive_triggers is on, which an attacker's
shell does not set). So every insert that would replace a row of a signed record is
refused; a content-addressed blob is never replaced (RAISE(IGNORE) keeps the stored
bytes). Signing is possible only the way the sign-off service does it: the engagement is
in review, its current revision is sealed while so, and at least one signature naming the
sealed hash is recorded before the status becomes `signed_off`. The audit log is
append-only. Triggers are a guard; the proof is the content hash, which the services
recompute from the live record (services.signed_record).
"""

from __future__ import annotations

from workbench.storage.schema_triggers import AMEND

GUARDS = f"""
CREATE TRIGGER engagements_signed_no_replace BEFORE INSERT ON engagements
    WHEN EXISTS (SELECT 1 FROM engagements e WHERE e.id = NEW.id)
    AND (EXISTS (SELECT 1 FROM engagements e WHERE e.id = NEW.id AND e.status = 'signed_off')
         OR EXISTS (SELECT 1 FROM revisions r WHERE r.engagement_id = NEW.id
                    AND r.signed_at IS NOT NULL))
BEGIN SELECT RAISE(ABORT, 'signed off: an engagement with a signed revision cannot be replaced; \
{AMEND}'); END;
CREATE TRIGGER revisions_signed_no_replace BEFORE INSERT ON revisions
    WHEN EXISTS (SELECT 1 FROM revisions r WHERE r.engagement_id = NEW.engagement_id
                 AND r.revision = NEW.revision AND r.signed_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'signed off: a signed revision is kept exactly as it was signed'); END;
CREATE TRIGGER revisions_sealed_only_in_review BEFORE UPDATE OF signed_at ON revisions
    WHEN OLD.signed_at IS NULL AND NEW.signed_at IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM engagements e WHERE e.id = NEW.engagement_id
        AND e.status = 'in_review' AND e.revision = NEW.revision)
BEGIN SELECT RAISE(ABORT, 'signed off: a revision is sealed only by signing off the engagement \
in review'); END;
CREATE TRIGGER signoffs_no_replace BEFORE INSERT ON signoffs
    WHEN EXISTS (SELECT 1 FROM signoffs s WHERE s.id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'signed off: a signature cannot be changed'); END;
CREATE TRIGGER signoffs_name_the_sealed_hash BEFORE INSERT ON signoffs
    WHEN NOT EXISTS (SELECT 1 FROM revisions r WHERE r.engagement_id = NEW.engagement_id
                     AND r.revision = NEW.revision AND r.content_hash = NEW.content_hash)
BEGIN SELECT RAISE(ABORT, 'signed off: a signature names the content hash of its sealed \
revision'); END;
CREATE TRIGGER engagements_sign_only_with_signatures BEFORE UPDATE OF status ON engagements
    WHEN NEW.status = 'signed_off' AND OLD.status <> 'signed_off' AND (
        OLD.status <> 'in_review' OR NOT EXISTS (
            SELECT 1 FROM signoffs s JOIN revisions r ON r.engagement_id = s.engagement_id
            AND r.revision = s.revision WHERE s.engagement_id = OLD.id
            AND s.revision = NEW.revision AND s.content_hash = r.content_hash))
BEGIN SELECT RAISE(ABORT, 'signed off: an engagement is signed off only by the sign-off (in \
review, its revision sealed and signed)'); END;
CREATE TRIGGER blobs_never_replaced BEFORE INSERT ON blobs
    WHEN EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = NEW.sha256)
BEGIN SELECT RAISE(IGNORE); END;
CREATE TRIGGER frameworks_signed_no_replace BEFORE INSERT ON frameworks
    WHEN EXISTS (SELECT 1 FROM frameworks f JOIN engagements e ON e.framework_id = f.id
                 AND e.framework_version = f.version
                 WHERE f.id = NEW.id AND f.version = NEW.version AND e.status = 'signed_off')
BEGIN SELECT RAISE(IGNORE); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: an entry cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: an entry cannot be removed'); END;
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
    WHEN EXISTS (SELECT 1 FROM audit_log a WHERE a.id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: an entry cannot be replaced'); END
"""
