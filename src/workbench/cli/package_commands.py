"""`workbench engagement pack | import FILE.wbx | merge`: engagements between laptops."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.output import print_json

if TYPE_CHECKING:
    from workbench.services.session import Session


def cmd_pack(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import package
    written = package.pack(session, args.id, Path(args.output))
    print(written)
    return 0


def cmd_import(session: Session, args: argparse.Namespace) -> int:
    """A package (SQLite) keeps its engagement id; a JSON file becomes a new engagement."""
    from workbench.services import engagements, package
    path = Path(args.file)
    if path.exists() and package.looks_like_package(path):
        print(package.import_package(session, path).engagement_id)
    else:
        print(engagements.import_json(session, path).engagement_id)
    return 0


def cmd_merge(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import package
    with package.preview_merge(session, Path(args.file)) as preview:
        applied = False
        if args.yes and preview.has_changes:
            package.apply_merge(session, preview)
            applied = True
        if args.json:
            print_json({**preview.to_json(), "applied": applied})
            return 0
        for line in preview.lines():
            print(line)
        if applied:
            print(f"merged: {len(preview.changes)} change"
                  f"{'s' if len(preview.changes) != 1 else ''} applied")
        elif preview.has_changes:
            print("nothing changed yet; run again with --yes to apply", file=sys.stderr)
    return 0


def _engagement_actions(sub: argparse._SubParsersAction[argparse.ArgumentParser]
                        ) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    engagement = sub.choices["engagement"]
    for action in engagement._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError("the engagement command has no actions")  # a programming error


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             parent: argparse.ArgumentParser) -> None:
    """Add pack and merge to `workbench engagement`; let its import read packages too."""
    esub = _engagement_actions(sub)
    p = esub.add_parser("pack", parents=[parent],
                        help="write the whole engagement into one package file (.wbx)")
    p.set_defaults(func=cmd_pack, needs_db=True)
    p.add_argument("id")
    p.add_argument("-o", "--output", required=True, metavar="FILE.wbx")
    p = esub.add_parser("merge", parents=[parent],
                        help="merge a colleague's package: a preview, or --yes to apply it")
    p.set_defaults(func=cmd_merge, needs_db=True)
    p.add_argument("file", metavar="FILE.wbx")
    p.add_argument("--json", action="store_true", help="print the preview as JSON")
    p.add_argument("--yes", action="store_true", help="apply the merge (one transaction)")
    importer = esub.choices["import"]
    importer.set_defaults(func=cmd_import)
    importer.description = ("import an engagement: a package (.wbx) keeps its engagement id; "
                            "a workbench.engagement/1 JSON file becomes a new engagement")
