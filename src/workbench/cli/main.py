"""`workbench COMMAND …`: argument parsing, one session per call, errors as one clear line.

Exit status: 0 success, 1 a user error (one message on stderr, nothing half-written),
2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable

from workbench import __version__
from workbench.cli import (
    brand_commands,
    compare_commands,
    consensus_commands,
    demo_command,
    engagement_commands,
    export_commands,
    framework_commands,
    package_commands,
    signoff_commands,
    trust_commands,
)
from workbench.cli.output import SafeStream
from workbench.core.errors import WorkbenchError
from workbench.services.crash import write_crash_report
from workbench.services.session import Session

Command = Callable[..., int]


def build_parser() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH",
                        help="the database file (default: $WORKBENCH_DB, else the user data "
                             "folder)")
    parser = argparse.ArgumentParser(
        prog="workbench", parents=[parent],
        description="Assessor Workbench: customer experience maturity assessments, offline. "
                    "With no command it opens the application.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    framework_commands.register(sub, parent)
    engagement_commands.register(sub, parent)
    package_commands.register(sub, parent)
    demo_command.register(sub, parent)
    export_commands.register(sub, parent)
    signoff_commands.register(sub, parent)
    consensus_commands.register(sub, parent)
    trust_commands.register(sub, parent)
    compare_commands.register(sub, parent)
    brand_commands.register(sub, parent)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; everything printed passes through `SafeStream`."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    func: Command | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    session = None
    try:
        if getattr(args, "needs_db", False):
            session = Session.open(getattr(args, "db", None))
            for warning in session.warnings:
                print(f"warning: {warning}", file=sys.stderr)
            return func(session, args)
        return func(args)
    except WorkbenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        report = write_crash_report(traceback.format_exc())
        print(f"error: an unexpected problem ({type(exc).__name__}: {exc}); the details are in "
              f"{report}", file=sys.stderr)
        return 1
    finally:
        if session is not None:
            session.close()


