"""`workbench export pdf ID -o FILE [--brand NAME] [--sections a,b,c] [--pdfa]
[--deterministic] [--working-papers]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.lazy import deferred_help

if TYPE_CHECKING:
    from workbench.services.session import Session


def cmd_export_pdf(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import report
    sections = None
    if args.sections is not None:
        sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    result = report.export_with_result(session, args.id, Path(args.output), brand=args.brand,
                                       sections=sections, deterministic=args.deterministic,
                                       pdfa=args.pdfa,
                                       include_working_papers=args.working_papers)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    archival = (", PDF/A-3b" if args.working_papers else ", PDF/A-2b") if args.pdfa else ""
    papers = ", working papers attached" if args.working_papers else ""
    print(f"wrote {args.output} ({result.pages} pages{archival}{papers})")
    return 0


def _sections_help() -> str:
    from workbench.services import report
    return "only these sections, comma-separated, from: " + ", ".join(
        s for s, _ in report.SECTIONS)


def register_export(export_sub: argparse._SubParsersAction[argparse.ArgumentParser],
                    parent: argparse.ArgumentParser) -> None:
    p = export_sub.add_parser("pdf", help="write an engagement's branded PDF report",
                              parents=[parent])
    p.add_argument("id", help="the engagement's id")
    p.add_argument("-o", "--output", required=True, help="the PDF file to write")
    p.add_argument("--brand", help="the brand profile (default: the engagement's own)")
    p.add_argument("--sections", metavar="A,B,C",
                   help=deferred_help(_sections_help))
    p.add_argument("--pdfa", action="store_true",
                   help="archival PDF/A-2b (fonts embedded, sRGB output intent, XMP), "
                        "validated before it is written")
    p.add_argument("--deterministic", action="store_true",
                   help="the same data gives byte-identical files (for tests and archives)")
    p.add_argument("--working-papers", action="store_true",
                   help="attach a signed engagement's full content (each assessor's ratings)")
    p.set_defaults(func=cmd_export_pdf, needs_db=True)
