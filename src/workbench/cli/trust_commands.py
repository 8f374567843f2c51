"""`workbench trust add|list|remove|export`: the certificates whose signatures verify trusts."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.output import print_json, print_table

STORED_HOW = (
    "The trust list is kept per user, in the workbench's data folder (beside your own "
    "signing certificates), not in any engagement database: a database or package from "
    "someone else never brings its own trust with it. Trusted are your own signing "
    "certificates (always), the firm's certificate (trust add --firm; a CA certificate also "
    "trusts the certificates it issued) and any certificate you add.")


def _passphrase(path: str | None) -> str | None:
    if path is None:
        return None
    from workbench.cli.signoff_commands import read_passphrase

    return read_passphrase(path)


def cmd_add(args: argparse.Namespace) -> int:
    from workbench.services import trust
    entry = trust.add(Path(args.cert), firm=args.firm,
                      passphrase=_passphrase(args.passphrase_file))
    print(f"trusted ({entry.kind}): {entry.subject}, SHA-256 fingerprint {entry.fingerprint}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from workbench.services import trust
    entries = trust.listing()
    if args.json:
        print_json([e.to_dict() for e in entries])
        return 0
    if not entries:
        print(f"No trusted certificate yet ({trust.where()}).")
        return 0
    print_table(["kind", "subject", "expires", "SHA-256 fingerprint"],
                [[str(e.kind), e.subject, f"{e.not_after:%Y-%m-%d}", e.fingerprint]
                 for e in entries])
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from workbench.services import trust
    entry = trust.remove(args.fingerprint)
    print(f"no longer trusted: {entry.subject}, SHA-256 fingerprint {entry.fingerprint}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from workbench.services import trust
    entry = trust.export_own(Path(args.output), args.fingerprint)
    print(f"wrote {args.output}: {entry.subject}, SHA-256 fingerprint {entry.fingerprint}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("trust", parents=[parent],
                       help="the certificates whose signatures verify trusts",
                       description="Manage the trust list that `workbench verify` checks a "
                                   "signer against. " + STORED_HOW)
    actions = p.add_subparsers(dest="trust_command", metavar="ACTION", required=True)

    a = actions.add_parser("add", parents=[parent], help="trust a certificate",
                           description="Trust the certificate in CERT (PEM, DER or PKCS#12). "
                                       + STORED_HOW)
    a.add_argument("cert", metavar="CERT", help="the certificate file (.pem .crt .cer .der "
                                                ".p12 .pfx)")
    a.add_argument("--firm", action="store_true", help="it is your firm's certificate")
    a.add_argument("--passphrase-file", metavar="F",
                   help="for a protected PKCS#12 file: a file whose first line is its "
                        "passphrase")
    a.set_defaults(func=cmd_add, needs_db=False)

    a = actions.add_parser("list", parents=[parent], help="list the trusted certificates",
                           description="List the trusted certificates with their SHA-256 "
                                       "fingerprints. " + STORED_HOW)
    a.add_argument("--json", action="store_true", help="print JSON")
    a.set_defaults(func=cmd_list, needs_db=False)

    a = actions.add_parser("remove", parents=[parent], help="stop trusting a certificate")
    a.add_argument("fingerprint", metavar="FINGERPRINT",
                   help="its SHA-256 fingerprint (or its first 8 or more hex digits)")
    a.set_defaults(func=cmd_remove, needs_db=False)

    a = actions.add_parser("export", parents=[parent],
                           help="write your own signing certificate, for others to trust")
    a.add_argument("-o", "--output", required=True, metavar="FILE.pem",
                   help="where to write the certificate (PEM)")
    a.add_argument("--fingerprint", metavar="FINGERPRINT",
                   help="which of your certificates (default: the one valid longest)")
    a.set_defaults(func=cmd_export, needs_db=False)
