"""`workbench framework list | show | validate`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.output import print_json, print_table

if TYPE_CHECKING:
    from workbench.services.session import Session


def cmd_list(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import frameworks as installed_frameworks
    infos = installed_frameworks.available(session)
    if args.json:
        print_json([{"id": i.id, "version": i.version, "name": i.name,
                     "description": i.description, "origin": i.origin,
                     "dimensions": i.dimensions, "elements": i.elements,
                     "total_points": i.total_points, "engagements": i.engagements}
                    for i in infos])
        return 0
    print_table(["id", "version", "source", "elements", "points", "name"],
                [(i.id, i.version, i.origin, i.elements, f"{i.total_points:g}", i.name)
                 for i in infos], right=(3, 4))
    print()
    for i in infos:
        print(f"{i.id} {i.version}: {i.description}")
    return 0


def cmd_show(session: Session, args: argparse.Namespace) -> int:
    from workbench.core import framework_data
    from workbench.services import frameworks as installed_frameworks
    f = installed_frameworks.find(session, args.id, args.version)
    if args.json:
        print_json(framework_data.framework_to_dict(f))
        return 0
    print(f"{f.name} ({f.id} {f.version}), {f.total_points:g} points")
    for d in f.dimensions:
        question = f" — {d.question}" if d.question else ""
        print(f"\n{d.code} {d.name} ({d.category}, {d.points:g} points){question}")
        for e in d.elements:
            print(f"  {e.code:<6} {e.title}  [{e.points:g} pts, {len(e.indicators)} indicators]")
    if f.enablers:
        print("\nEnablers")
        for n in f.enablers:
            print(f"  {n.code:<6} {n.name}  [{len(n.indicators)} indicators]")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from workbench.core import framework_loader
    from workbench.services import frameworks as installed_frameworks
    path = Path(args.file)
    f = (installed_frameworks.read_definition(path) if path.suffix.lower() == ".xlsx"
         else framework_loader.load_framework_file(path))
    element_indicators = sum(len(e.indicators) for e in f.elements())
    enabler_indicators = sum(len(n.indicators) for n in f.enablers)
    print(f"{args.file}: valid — {f.id} {f.version}, {len(f.dimensions)} dimensions, "
          f"{len(f.element_by_code)} elements with {element_indicators} indicators, "
          f"{len(f.enablers)} enablers with {enabler_indicators} indicators, "
          f"{f.total_points:g} points")
    return 0


def cmd_export(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import frameworks as installed_frameworks
    path = installed_frameworks.export(session, args.id, args.version, Path(args.output))
    print(path)
    return 0


def cmd_import(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import frameworks as installed_frameworks
    done = installed_frameworks.install(session, Path(args.file))
    f = done.framework
    what = "installed" if done.new else "already there, unchanged:"
    print(f"{what} {f.id} {f.version} ({f.name}), {len(f.element_by_code)} elements, "
          f"{f.total_points:g} points")
    return 0


def cmd_delete(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import frameworks as installed_frameworks
    installed_frameworks.delete(session, args.id, args.version)
    print(f"deleted {args.id} {args.version}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("framework", help="the frameworks the workbench knows")
    fsub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    ls = fsub.add_parser("list", help="list the bundled and installed frameworks",
                         parents=[parent])
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_list, needs_db=True)
    show = fsub.add_parser("show", help="show a framework", parents=[parent])
    show.add_argument("id")
    show.add_argument("--version", default=None)
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show, needs_db=True)
    exp = fsub.add_parser("export", help="write a framework as an authoring workbook (.xlsx) "
                          "or definition file (.yaml)", parents=[parent])
    exp.add_argument("id")
    exp.add_argument("--version", default=None)
    exp.add_argument("-o", "--output", required=True, metavar="FILE")
    exp.set_defaults(func=cmd_export, needs_db=True)
    imp = fsub.add_parser("import", help="validate and install a framework from FILE.xlsx or "
                          "FILE.yaml", parents=[parent])
    imp.add_argument("file")
    imp.set_defaults(func=cmd_import, needs_db=True)
    rm = fsub.add_parser("delete", help="delete an installed framework version no engagement "
                         "uses", parents=[parent])
    rm.add_argument("id")
    rm.add_argument("--version", required=True)
    rm.set_defaults(func=cmd_delete, needs_db=True)
    val = fsub.add_parser("validate", help="check a framework definition file (.yaml) or authoring "
                         "workbook (.xlsx)", parents=[parent])
    val.add_argument("file")
    val.set_defaults(func=cmd_validate, needs_db=False)
