"""`workbench export FORMAT …` and `workbench import FORMAT …`.

Each format's module adds its own sub-command: `register_export(export_sub, parent)` and
`register_import(import_sub, parent)` where it has them.
"""

from __future__ import annotations

import argparse
import importlib

FORMAT_MODULES = ("workbench.cli.workbook_commands", "workbench.cli.report_commands")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             parent: argparse.ArgumentParser) -> None:
    export = sub.add_parser("export", help="write an engagement's workbook or report")
    export_sub = export.add_subparsers(dest="format", required=True, metavar="FORMAT")
    imp = sub.add_parser("import", help="read a filled-in workbook back into an engagement")
    import_sub = imp.add_subparsers(dest="format", required=True, metavar="FORMAT")
    for name in FORMAT_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        if hasattr(module, "register_export"):
            module.register_export(export_sub, parent)
        if hasattr(module, "register_import"):
            module.register_import(import_sub, parent)
