"""`workbench export docx ID -o FILE.docx [--brand NAME] [--sections a,b,c]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.services.session import Session


def cmd_export_docx(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import word_report  # python-docx is loaded only here

    sections = None
    if args.sections is not None:
        sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    result = word_report.export_docx(session, args.id, Path(args.output), brand=args.brand,
                                     sections=sections)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"wrote {args.output} (Word report, {result.headings} headings; the signed "
          "original of a signed-off report is its PDF)")
    return 0


def register_export(export_sub: argparse._SubParsersAction[argparse.ArgumentParser],
                    parent: argparse.ArgumentParser) -> None:
    p = export_sub.add_parser("docx", help="write an engagement's editable Word report",
                              parents=[parent])
    p.add_argument("id", help="the engagement's id")
    p.add_argument("-o", "--output", required=True, help="the .docx file to write")
    p.add_argument("--brand", help="the brand profile (default: the engagement's own)")
    p.add_argument("--sections", metavar="A,B,C",
                   help="only these sections, comma-separated (as for `export pdf`)")
    p.set_defaults(func=cmd_export_docx, needs_db=True)
