"""`workbench export xlsx ID -o FILE` and `workbench import xlsx FILE [--yes]`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.errors import InvalidValueError

if TYPE_CHECKING:
    from workbench.services.session import Session


def cmd_export(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import workbook
    path = workbook.export(session, args.id, Path(args.output), assessor=args.assessor,
                           brand=args.brand)
    print(f"wrote {path}")
    return 0


def cmd_import(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import workbook
    preview = workbook.preview_import(session, Path(args.file), args.engagement, args.assessor)
    for line in preview.lines():
        print(line)
    if preview.problems:
        raise InvalidValueError(f"{len(preview.problems)} problem(s) in {Path(args.file).name}; "
                                "nothing was imported")
    if not preview.has_changes:
        return 0
    if not args.yes:
        print("Nothing was imported yet: run again with --yes to apply these changes.")
        return 0
    change = workbook.apply_import(session, preview)
    print(f"Imported {preview.change_count} change(s) into engagement {change.engagement_id}.")
    return 0


def register_export(export_sub: argparse._SubParsersAction[argparse.ArgumentParser],
                    parent: argparse.ArgumentParser) -> None:
    p = export_sub.add_parser("xlsx", help="the live scoring workbook (Excel)", parents=[parent])
    p.add_argument("id", help="the engagement's id")
    p.add_argument("-o", "--output", required=True, help="the .xlsx file to write")
    p.add_argument("--assessor", help="one assessor's own ratings as the inputs (default: the "
                                      "team's result)")
    p.add_argument("--brand", help="the brand profile whose colours it takes (default: the "
                                   "engagement's own)")
    p.set_defaults(func=cmd_export, needs_db=True)


def register_import(import_sub: argparse._SubParsersAction[argparse.ArgumentParser],
                    parent: argparse.ArgumentParser) -> None:
    p = import_sub.add_parser("xlsx", help="a filled-in scoring workbook: shows the changes, "
                                           "applies them with --yes", parents=[parent])
    p.add_argument("file", help="the .xlsx file")
    p.add_argument("--engagement", help="the engagement to import into (default: the one the "
                                        "workbook was exported from, else a new one)")
    p.add_argument("--assessor", help="record the workbook's values as this assessor's ratings "
                                      "(default: as the workbook says)")
    p.add_argument("--yes", action="store_true", help="apply the changes shown")
    p.set_defaults(func=cmd_import, needs_db=True)
