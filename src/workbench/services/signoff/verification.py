"""Verifying a signed report: three facts, told apart.

- intact: no byte changed, nothing appended (the signature covers the whole file);
- signer trusted: the signer's certificate is in this workbench's trust list
  (services.trust), checked by pyHanko's validator; a certificate that merely carries
  the signer's name is not trusted;
- content matches the signed revision in this database, where the database has it.

`workbench verify` exits 0 only when the first two hold and the third does not fail.
`Verification.lines()` gives the verdict's lines and `failure` its one-line reason, the
same for the CLI and the verify dialog.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from workbench.core.errors import NotFoundError
from workbench.exports import signing
from workbench.services import signed_record, trust
from workbench.services.session import Session
from workbench.storage import signoffs


class FactKey(StrEnum):
    INTACT = "intact"
    TRUSTED = "trusted"
    CONTENT = "content_matches"


@dataclass(frozen=True)
class Fact:
    """One fact of a verification: holds (True), fails (False) or cannot be told (None)."""

    key: FactKey
    label: str
    holds: bool | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"holds": self.holds, "text": self.text}


@dataclass(frozen=True)
class VerdictLine:
    """One line of a verdict: a stable key, its label, and its text (more lines beneath)."""

    key: str
    label: str
    text: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verification:
    """The check of a signed report: its signature, its signer, and the local database."""

    path: Path
    signature: signing.VerifyResult
    engagement_id: str | None = None
    revision: int | None = None
    client: str = ""
    title: str = ""
    in_database: bool = False
    database_hash: str | None = None
    matches: bool = False  # the embedded content is the signed one (and the database's)
    notes: tuple[str, ...] = ()
    mismatch: str = ""  # why the content does not match (empty when it does, or cannot tell)

    # ------------------------------------------------------------ the three facts

    @property
    def content_matches(self) -> bool | None:
        """True or False where the content can be compared; None where nothing tells."""
        if self.mismatch or (self.engagement_id is not None and not self.matches):
            return False
        return True if self.matches and self.in_database else None

    def facts(self) -> tuple[Fact, Fact, Fact]:
        s = self.signature
        if not s.signed:
            intact = Fact(FactKey.INTACT, "Intact", False,
                          "not signed: this PDF carries no digital signature")
        elif not s.intact:
            reason = s.problems[0] if s.problems else "the file was changed after signing"
            intact = Fact(FactKey.INTACT, "Intact", False, f"not intact: {reason}")
        else:
            intact = Fact(FactKey.INTACT, "Intact", True,
                          "no byte changed, nothing appended")
        who = f"{s.signer} (SHA-256 fingerprint {s.signer_fingerprint})"
        if not s.signed:
            trusted = Fact(FactKey.TRUSTED, "Signer trusted", False, "no signer")
        elif s.trusted:
            trusted = Fact(FactKey.TRUSTED, "Signer trusted", True,
                           f"signed by {who}, a certificate this workbench trusts")
        elif s.intact:
            trusted = Fact(FactKey.TRUSTED, "Signer trusted", False,
                           "signed by a certificate this workbench does not trust (SHA-256 "
                           f"fingerprint {s.signer_fingerprint}); its name says {s.signer}")
        else:
            trusted = Fact(FactKey.TRUSTED, "Signer trusted", False,
                           f"not checked: the signature of {who} is broken")
        holds = self.content_matches
        if holds is True:
            text = f"matches signed revision {self.revision} in this database"
        elif holds is None:
            text = ("this database does not hold the engagement: checked against the hash "
                    "the signature names only" if self.engagement_id is not None and
                    self.matches else "the PDF carries no engagement data to compare")
        else:
            text = self.mismatch or "the content does not match the signed revision"
        content = Fact(FactKey.CONTENT, "Content matches", holds, text)
        return intact, trusted, content

    @property
    def ok(self) -> bool:
        """Intact, signer trusted, and the content matches wherever it can be told: what
        `workbench verify` exits 0 for."""
        s = self.signature
        return s.signed and s.intact and s.trusted and self.content_matches is not False

    @property
    def failure(self) -> str | None:
        """The one line saying which fact fails (None when the report verifies)."""
        if self.ok:
            return None
        intact, trusted, content = self.facts()
        if not intact.holds:
            return intact.text
        if not trusted.holds:
            return f"intact, but {trusted.text}"
        return f"intact and signed by a trusted certificate, but {content.text}"

    @property
    def headline(self) -> str:
        """The verdict in one sentence."""
        s = self.signature
        if self.ok:
            return ("Intact, signer trusted and matching: this is the signed original."
                    if self.content_matches else
                    "Intact and signer trusted: this is the file that was signed.")
        if not s.signed:
            return "Not digitally signed: nothing proves this file is the original."
        if not s.intact:
            return "Not intact: the file was changed after it was signed."
        if not s.trusted:
            return "Intact, but the signer is not trusted: anyone can make such a signature."
        return "The signature is intact and trusted, but the content does not match."

    def lines(self) -> list[VerdictLine]:
        """The verdict's lines, the same for `workbench verify` and the verify dialog."""
        s = self.signature
        unknown = signing.ProblemCode.UNKNOWN_CERTIFICATE  # the trust line says so already
        shown = tuple(p for p in s.problems
                      if not (isinstance(p, signing.Problem) and p.code is unknown))
        state = ("none — this PDF is not digitally signed" if not s.signed else
                 "NOT INTACT — the file is not the one that was signed" if not s.intact else
                 "intact (certified, no later changes allowed)" if s.certified else
                 "intact (approval signature)")
        out = [VerdictLine("signature", "Signature", state, shown)]
        if s.signed:
            when = s.signing_time.strftime("%Y-%m-%d %H:%M:%S %Z") if s.signing_time else \
                "unknown"
            trust_text = ("trusted: in this workbench's trust list" if s.trusted else
                          "NOT TRUSTED: this certificate is not in the trust list (workbench "
                          "trust add)" if s.intact else "not trusted")
            out += [VerdictLine("signer", "Signer", s.signer),
                    VerdictLine("certificate", "Certificate", f"SHA-256 {s.signer_fingerprint}"),
                    VerdictLine("time", "Signed at", when),
                    VerdictLine("trust", "Trust", trust_text)]
        if self.engagement_id is not None:
            title = f": {self.title}" if self.title else ""
            out.append(VerdictLine("engagement", "Engagement", f"{self.engagement_id}, revision "
                                   f"{self.revision} — {self.client}{title}"))
        if s.embedded_hash:
            out.append(VerdictLine("hash", "Content", f"SHA-256 {s.embedded_hash}"))
        if s.reference:
            papers = (f"; working papers (each assessor's ratings): {s.working_papers_name}"
                      if s.working_papers_name else "; no working papers")
            out.append(VerdictLine("attached", "Attached", f"a signed reference{papers}"))
        if self.in_database:
            out.append(VerdictLine("database", "Database", (
                f"matches signed revision {self.revision} in the local database"
                if self.database_hash == s.embedded_hash and self.matches else
                "DIFFERS from the local database")))
        elif self.engagement_id is not None:
            out.append(VerdictLine("database", "Database", "not in the local database"))
        out += [VerdictLine("notes", "Note", note) for note in self.notes]
        out.append(VerdictLine("result", "Result", "OK" if self.ok else
                               f"FAILED — {self.failure}"))
        return out

    def to_dict(self) -> dict[str, Any]:
        s = self.signature
        return {
            "file": str(self.path), "ok": self.ok, "failure": self.failure,
            "facts": {str(f.key): f.to_dict() for f in self.facts()},
            "signed": s.signed, "intact": s.intact, "trusted": s.trusted,
            "content_matches": self.content_matches, "certified": s.certified,
            "signer": s.signer or None, "signer_fingerprint": s.signer_fingerprint or None,
            "signing_time": s.signing_time.isoformat() if s.signing_time else None,
            "engagement": self.engagement_id, "revision": self.revision,
            "content_hash": s.embedded_hash, "signed_hash": s.declared_hash,
            "embedded": s.embedded_name, "signed_reference": s.reference,
            "working_papers": s.working_papers_name,
            "in_database": self.in_database, "database_hash": self.database_hash,
            "matches": self.matches, "problems": list(s.problems), "notes": list(self.notes)}


def verify_report(path: Path, session: Session | None = None) -> Verification:
    """Check a signed report's signature against the trust list and its data against the
    local database. Certificates recorded in a database are not trusted for that: a
    database or package from elsewhere must not vouch for its own signers."""
    path = Path(path)
    result = signing.verify_pdf(path, trust.trust_roots())
    notes: list[str] = []
    if result.embedded_json is None:
        notes.append("the PDF carries no engagement data to compare")
        return Verification(path, result, notes=tuple(notes))
    try:
        data = json.loads(result.embedded_json.decode("utf-8"))
        engagement_id = str(data["id"])
        revision = int(data["revision"])
        # A signed reference names client and title itself; the earlier release's full
        # canonical JSON holds them in its engagement details.
        details = data if result.reference else data.get("engagement", {})
        client, title = str(details.get("client", "")), str(details.get("title", ""))
    except (ValueError, KeyError, TypeError, AttributeError):
        unreadable = "the engagement data embedded in the PDF is unreadable"
        return Verification(path, result, notes=(unreadable,), mismatch=unreadable)
    consistent = result.consistent
    mismatch = ""
    if not consistent:
        mismatch = ("the working papers attached are not the content the signature names"
                    if result.declared_hash and result.embedded_hash == result.declared_hash
                    else "the embedded engagement data is not the content the signature names"
                    if result.declared_hash else
                    "the signature names no content hash to compare the embedded data with")
        notes.append(mismatch)
    in_db, db_hash, matches = False, None, consistent
    if session is not None:
        try:
            status, current_revision = signoffs.current(session.db, engagement_id)
        except NotFoundError:
            notes.append("this engagement is not in the local database; the data was checked "
                         "against the hash the signature names")
        else:
            in_db = True
            try:
                signed_record.check(session, engagement_id)
            except signed_record.AlteredRecordError as exc:
                matches = False
                mismatch = mismatch or str(exc)
                notes.append(str(exc))
            stored = signoffs.canonical(session.db, engagement_id, revision)
            if stored is None:
                matches = False
                mismatch = mismatch or (f"revision {revision} of this engagement is not signed "
                                        "off in this database")
                notes.append(mismatch)
            else:
                db_hash = stored[0]
                if db_hash != result.embedded_hash:
                    matches = False
                    mismatch = mismatch or (f"the content differs from signed revision "
                                            f"{revision} in this database")
                    notes.append(mismatch)
                if current_revision > revision:
                    notes.append(f"the engagement has been amended since: its current "
                                 f"revision is {current_revision} ({status.value})")
    return Verification(path, result, engagement_id, revision, client, title, in_db, db_hash,
                        matches, tuple(notes), mismatch)


def verify_with_database(path: Path, db_path: Path | None) -> Verification:
    """`verify_report` against the database at `db_path` (default location) when it exists."""
    from workbench.storage.database import default_database_path

    if db_path is not None and not Path(db_path).is_file():
        raise NotFoundError(f"{db_path}: no such database")
    where = Path(db_path) if db_path is not None else default_database_path()
    if not where.is_file() or where.stat().st_size == 0:
        return verify_report(path, None)
    session = Session.open(where)
    try:
        return verify_report(path, session)
    finally:
        session.close()
