"""The `workbench` entry point: the GUI with no command, the command line otherwise."""

from __future__ import annotations

import sys


def split_db_option(args: list[str]) -> tuple[str | None, list[str]]:
    """(the --db value if given, the other arguments)."""
    db, rest, skip = None, [], False
    for n, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--db" and n + 1 < len(args):
            db, skip = args[n + 1], True
        elif arg.startswith("--db="):
            db = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return db, rest


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    db, rest = split_db_option(args)
    if not rest:
        if argv is None:  # the process's own start: see gui.app.collector_on
            import gc

            gc.disable()
        from workbench.frozen import check_qt_libraries, show_startup_problem

        problem = check_qt_libraries()  # a missing system library: a clear message, not a crash
        if problem is not None:
            show_startup_problem(problem)
            return 1
        from workbench.gui.app import run_gui
        return run_gui(db)
    if rest == ["--version"] and db is None:
        # What argparse's --version prints, without building the parser (issue 17).
        from workbench import __version__

        print(f"workbench {__version__}")
        return 0
    from workbench.cli.main import main as cli_main
    own = argv is None  # the process's own command: see cli.main.main
    return cli_main(args, whole_process=own)
