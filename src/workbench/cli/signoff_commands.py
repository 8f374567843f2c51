"""Sign-off commands: `readiness`, `review`, `signoff`, `amend`, `history` and `verify`.

`verify` exits 0 only when the report is intact, its signer's certificate is in the
trust list (`workbench trust`), and its content matches the signed revision wherever
the local database can tell; otherwise exit 1 and one line naming the failing fact.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.output import print_json, print_table
from workbench.core.errors import InvalidValueError, WorkbenchError
from workbench.core.files import read_regular_file

if TYPE_CHECKING:
    from workbench.services import signoff
    from workbench.services.session import Session

MAX_PASSPHRASE_FILE = 64 * 1024
MAX_SIGNATURE_FILE = 2 * 1024 * 1024  # as services.signoff.MAX_SIGNATURE_BYTES


def read_passphrase(path: str) -> str:
    raw = read_regular_file(Path(path), limit=MAX_PASSPHRASE_FILE, what="passphrase file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise WorkbenchError(f"{path}: the passphrase file is not UTF-8 text") from None
    lines = text.splitlines()
    return lines[0] if lines else ""


def _read_signature(path: str | None) -> bytes | None:
    if path is None:
        return None
    return read_regular_file(Path(path), limit=MAX_SIGNATURE_FILE, what="signature image")


def cmd_readiness(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import signoff
    ready = signoff.readiness(session, args.id)
    if args.json:
        print_json(ready.to_dict())
        return 0
    state = ready.status.value.replace("_", " ")
    if not ready.items:
        print(f"Ready to sign off (revision {ready.revision}, {state}): nothing is missing.")
        return 0
    print(f"Revision {ready.revision}, {state}: {len(ready.blockers)} blocking, "
          f"{len(ready.warnings)} to review before sign-off.")
    print_table(["severity", "element", "what"],
                [[i.severity.value, i.element or "", i.message] for i in ready.items])
    return 0


def cmd_review(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import signoff
    if args.back:
        signoff.return_to_draft(session, args.id)
        print("back to draft")
    else:
        signoff.submit_for_review(session, args.id)
        print("in review")
    return 0


def cmd_signoff(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import signoff
    if (args.client_signer is None) != (args.client_role is None):
        raise InvalidValueError("give both --client-signer and --client-role")
    if args.working_papers and args.output is None:
        raise InvalidValueError("--working-papers attaches them to the report: give -o too")
    if args.cert is not None and args.passphrase_file is None:
        raise InvalidValueError("--cert needs --passphrase-file (the PKCS#12 file's passphrase)")
    credentials = None
    if args.passphrase_file is not None:
        # Before anything is locked: a wrong passphrase or a bad certificate changes nothing.
        credentials = signoff.signing_credentials(
            certificate=Path(args.cert) if args.cert else None,
            passphrase=read_passphrase(args.passphrase_file), signer=args.signer,
            organisation=args.organisation or "")
    ready = signoff.readiness(session, args.id)
    already = ready.status.value == "signed_off"
    if already and args.output is None:
        raise WorkbenchError(f"revision {ready.revision} is already signed off; amend it to "
                             "change it, or give -o to write its signed report again")
    if not already:
        signers = [signoff.Signer(args.signer, args.role, args.organisation or "",
                                  _read_signature(args.signature),
                                  credentials.certificate_pem() if credentials else None)]
        if args.client_signer is not None:
            signers.append(signoff.Signer(args.client_signer, args.client_role,
                                          args.client_organisation or "",
                                          _read_signature(args.client_signature)))
        if args.output is None:
            result = signoff.sign_off(session, args.id, signers,
                                      accept_warnings=args.accept_warnings)
        else:  # all or nothing: if the report cannot be written, nothing is locked
            result, written = signoff.sign_off_with_report(
                session, args.id, signers, Path(args.output), credentials,
                accept_warnings=args.accept_warnings, brand=args.brand,
                include_working_papers=args.working_papers)
        for item in ready.warnings if args.accept_warnings else ():
            print(f"accepted: {item.message}", file=sys.stderr)
        print(f"signed off revision {result.revision}; content SHA-256 {result.content_hash}")
        if args.client_signer is not None and args.client_signature is None:
            print(f"{args.client_signer}: to be countersigned (no signature image was given, "
                  "so the report does not say the client signed)")
    else:
        print(f"revision {ready.revision} is already signed off; writing its report again",
              file=sys.stderr)
        if args.output is not None:
            written = signoff.export_signed_report(session, args.id, Path(args.output),
                                                   credentials, brand=args.brand,
                                                   include_working_papers=args.working_papers)
    if args.output is not None:
        how = (f"digitally signed by {written.certificate_name}" if written.digitally_signed
               else "not digitally signed (give --passphrase-file, and --cert for a PKCS#12 "
                    "file)")
        print(f"wrote {written.path} ({written.pages} pages, {how})")
    return 0


def cmd_amend(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import signoff
    change = signoff.amend(session, args.id, args.reason)
    print(f"revision {change.new} is open for changes; revision {change.old} stays signed")
    return 0


def cmd_history(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import signoff
    records = signoff.history(session, args.id)
    if args.json:
        print_json([{"revision": r.revision, "reason": r.reason, "opened_at": r.opened_at,
                     "signed_at": r.signed_at, "content_hash": r.content_hash,
                     "signers": [{"name": s.signer, "role": s.role,
                                  "organisation": s.organisation} for s in r.signers]}
                    for r in records])
        return 0
    if not records:
        print("No revision has been signed off yet.")
        return 0
    print_table(["revision", "signed", "signers", "reason", "content SHA-256"],
                [[r.revision, (r.signed_at or "open")[:16].replace("T", " "),
                  ", ".join(s.signer for s in r.signers), r.reason or "original",
                  r.content_hash or ""] for r in records], right=[0])
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from workbench.services import signoff
    db = getattr(args, "db", None)
    found = signoff.verify_with_database(Path(args.file), Path(db) if db else None)
    if not args.json:
        _print_verdict(found)
    else:
        print_json(found.to_dict())
    if found.failure is not None:  # one line saying which fact fails
        print(f"error: {found.failure}", file=sys.stderr)
        return 1
    return 0


def _print_verdict(found: signoff.Verification) -> None:
    for line in found.lines():
        print(f"{line.label.lower() + ':':<12}{line.text}")
        for detail in line.details:
            print(f"{'':<12}{detail}")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("readiness", parents=[parent],
                       help="what is missing or inconsistent before sign-off")
    p.add_argument("id", help="the engagement's id")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_readiness, needs_db=True)

    p = sub.add_parser("review", parents=[parent],
                       help="submit an engagement for review (or --back to draft)")
    p.add_argument("id", help="the engagement's id")
    p.add_argument("--back", action="store_true", help="return it to draft")
    p.set_defaults(func=cmd_review, needs_db=True)

    _signoff_parser(sub, parent)

    p = sub.add_parser("amend", parents=[parent],
                       help="reopen a signed-off engagement as a new revision")
    p.add_argument("id", help="the engagement's id")
    p.add_argument("--reason", required=True, metavar="TEXT", help="what changes and why")
    p.set_defaults(func=cmd_amend, needs_db=True)

    p = sub.add_parser("history", parents=[parent], help="the revisions and their signers")
    p.add_argument("id", help="the engagement's id")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_history, needs_db=True)

    p = sub.add_parser("verify", parents=[parent],
                       help="check a signed report: intact, signer trusted, content matches",
                       description="Check a signed report for three facts: intact (no byte "
                                   "changed, nothing appended), signer trusted (the certificate "
                                   "is in the trust list, see `workbench trust`), and content "
                                   "matching the signed revision in the database, where it "
                                   "holds the engagement. Exit 0 only when all hold; otherwise "
                                   "exit 1 with one line naming the failing fact. --json gives "
                                   "every fact.")
    p.add_argument("file", metavar="FILE.pdf", help="the signed report")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_verify, needs_db=False)


def _signoff_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                    parent: argparse.ArgumentParser) -> None:
    """`signoff`: the signers, their images, the certificate, the report."""
    p = sub.add_parser(
        "signoff", parents=[parent],
        help="sign off (lock) an engagement and write its signed report",
        description="Sign off the engagement's current revision: its content is locked and "
                    "its SHA-256 recorded. With -o the signed report is written; with "
                    "--passphrase-file it is also digitally signed (PAdES), by the --cert "
                    "PKCS#12 file or else by your own certificate kept by the workbench "
                    "(created on first use, its key protected by the passphrase).")
    p.add_argument("id", help="the engagement's id")
    p.add_argument("--signer", required=True, metavar="NAME", help="the lead assessor signing")
    p.add_argument("--role", required=True, help="the signer's role, e.g. 'Lead assessor'")
    p.add_argument("--organisation", metavar="ORG", help="the signer's organisation")
    p.add_argument("--signature", metavar="PNG", help="an image of the signer's signature")
    p.add_argument("--client-signer", metavar="NAME", help="the client's representative")
    p.add_argument("--client-role", metavar="ROLE", help="the client representative's role")
    p.add_argument("--client-organisation", metavar="ORG",
                   help="the client representative's organisation")
    p.add_argument("--client-signature", metavar="PNG",
                   help="an image of the client representative's signature")
    p.add_argument("--cert", metavar="FILE.p12", help="a PKCS#12 certificate to sign with")
    p.add_argument("--passphrase-file", metavar="F",
                   help="a file whose first line is the certificate's passphrase")
    p.add_argument("--accept-warnings", action="store_true",
                   help="sign off although the readiness check has warnings")
    p.add_argument("-o", "--output", metavar="FILE.pdf", help="write the signed report here")
    p.add_argument("--brand", help="the brand profile (default: the engagement's own)")
    p.add_argument("--working-papers", action="store_true",
                   help="attach the full content (each assessor's ratings) to the report; "
                        "by default it carries only a signed reference")
    p.set_defaults(func=cmd_signoff, needs_db=True)
