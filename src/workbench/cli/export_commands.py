"""`workbench export FORMAT …` and `workbench import FORMAT …`.

Each format's module adds its own sub-commands (`register_export`, `register_import`).
"""

from __future__ import annotations

import argparse

from workbench.cli import docx_commands, report_commands, workbook_commands


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             parent: argparse.ArgumentParser) -> None:
    export = sub.add_parser("export", help="write an engagement's workbook or report")
    export_sub = export.add_subparsers(dest="format", required=True, metavar="FORMAT")
    imp = sub.add_parser("import", help="read a filled-in workbook back into an engagement")
    import_sub = imp.add_subparsers(dest="format", required=True, metavar="FORMAT")
    workbook_commands.register_export(export_sub, parent)
    workbook_commands.register_import(import_sub, parent)
    report_commands.register_export(export_sub, parent)
    docx_commands.register_export(export_sub, parent)
