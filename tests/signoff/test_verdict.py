"""The verdict of a signed report: one set of lines for the CLI and the dialog, by codes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbench.exports.signing import Problem, ProblemCode, VerifyResult
from workbench.services.signoff import Verification


def _result(**kw: object) -> VerifyResult:
    base: dict[str, object] = dict(signed=True, intact=True, trusted=False, signer="A. Assessor",
                                   signer_fingerprint="ab" * 32,
                                   signing_time=dt.datetime(2026, 11, 4, 9, 30,
                                                            tzinfo=dt.UTC),
                                   embedded_hash="cd" * 32, declared_hash="cd" * 32)
    base.update(kw)
    return VerifyResult(**base)  # type: ignore[arg-type]


def test_an_unknown_certificate_is_said_once_on_the_trust_line_and_fails() -> None:
    unknown = Problem(ProblemCode.UNKNOWN_CERTIFICATE, "reworded: we have never met this one")
    several = Problem(ProblemCode.SEVERAL_SIGNATURES, "the PDF carries 2 signatures")
    found = Verification(Path("r.pdf"), _result(problems=(several, unknown)), "e1", 1,
                         "Northwind", "CX", True, "cd" * 32, True)
    lines = {line.key: line for line in found.lines()}
    assert lines["signature"].details == (several,)  # matched by code, whatever the text
    assert lines["trust"].text.startswith("NOT TRUSTED")
    assert not found.ok and lines["result"].text.startswith("FAILED")
    assert found.failure == ("intact, but signed by a certificate this workbench does not "
                             f"trust (SHA-256 fingerprint {'ab' * 32}); its name says "
                             "A. Assessor")
    assert [f.holds for f in found.facts()] == [True, False, True]


def test_intact_trusted_and_matching_is_ok_and_unknown_content_does_not_fail() -> None:
    found = Verification(Path("r.pdf"), _result(trusted=True), "e1", 1, "Northwind", "CX",
                         True, "cd" * 32, True)
    lines = {line.key: line for line in found.lines()}
    assert found.ok and found.failure is None and lines["result"].text == "OK"
    assert found.headline.startswith("Intact, signer trusted and matching")
    assert [line.key for line in found.lines()] == [
        "signature", "signer", "certificate", "time", "trust", "engagement", "hash",
        "database", "result"]


def test_a_tampered_or_unsigned_file_fails_with_its_reason() -> None:
    tampered = Verification(Path("r.pdf"), _result(intact=False, problems=(
        Problem(ProblemCode.CONTENT_CHANGED, "the signed content was changed after signing"),)))
    lines = {line.key: line for line in tampered.lines()}
    assert lines["signature"].text.startswith("NOT INTACT")
    assert lines["signature"].details[0].code is ProblemCode.CONTENT_CHANGED  # type: ignore[attr-defined]
    assert lines["result"].text.startswith("FAILED") and tampered.headline.startswith("Not intact")
    assert tampered.failure == "not intact: the signed content was changed after signing"
    unsigned = Verification(Path("r.pdf"), VerifyResult(False, False, False),
                            notes=("the PDF carries no engagement data to compare",))
    keys = [line.key for line in unsigned.lines()]
    assert keys == ["signature", "notes", "result"]
    assert unsigned.headline.startswith("Not digitally signed")


def test_a_fresh_database_cannot_tell_the_content_so_intact_and_trusted_pass() -> None:
    found = Verification(Path("r.pdf"), _result(trusted=True), "e1", 1, "Northwind", "CX",
                         False, None, True)
    assert found.content_matches is None and found.ok
    assert found.headline.startswith("Intact and signer trusted")
    facts = found.to_dict()["facts"]
    assert facts["content_matches"]["holds"] is None
    assert set(facts) == {"intact", "trusted", "content_matches"}


def test_a_content_mismatch_is_the_failing_fact() -> None:
    found = Verification(Path("r.pdf"), _result(trusted=True), "e1", 1, "Northwind", "CX",
                         True, "ef" * 32, False,
                         mismatch="the content differs from signed revision 1 in this database")
    assert not found.ok and found.content_matches is False
    assert found.failure == ("intact and signed by a trusted certificate, but the content "
                             "differs from signed revision 1 in this database")
