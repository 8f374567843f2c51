"""`workbench COMMAND …`: argument parsing, one session per call, errors as one clear line.

Exit status: 0 success, 1 a user error (one message on stderr, nothing half-written),
2 bad usage.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from workbench import __version__
from workbench.cli.output import SafeStream
from workbench.core.errors import WorkbenchError

# As typing.TYPE_CHECKING (type checkers take it as true), without importing typing for
# `--help` (issue 17).
TYPE_CHECKING = False

if TYPE_CHECKING:
    import argparse
    from types import SimpleNamespace

    from workbench.services.session import Session

Command = Callable[..., int]


# The command modules in the order they register, and the top-level commands in the order
# `--help` lists them, each with its help line and the modules that register it (in full).
# `workbench --version` and `--help` import none of the modules; a command imports only its
# own, after which it imports what it runs (cli.lazy). tests/cli/test_import_discipline.py
# checks this table against what the modules register.
MODULES = ("framework_commands", "engagement_commands", "package_commands", "demo_command",
           "export_commands", "signoff_commands", "consensus_commands", "trust_commands",
           "compare_commands", "brand_commands", "site_log_commands")
_ENGAGEMENT, _SIGNOFF = ("engagement_commands",), ("signoff_commands",)
COMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "framework": ("the frameworks the workbench knows", ("framework_commands",)),
    "engagement": ("create, list, import and export engagements",
                   ("engagement_commands", "package_commands")),
    "rate": ("rate an indicator: a level, na, or none", _ENGAGEMENT),
    "judge": ("judge an element's statement of objective", _ENGAGEMENT),
    "target": ("set an element's target level", _ENGAGEMENT),
    "note": ("set evidence notes, or add a strength or opportunity", _ENGAGEMENT),
    "attach": ("attach a photo or document to an element", _ENGAGEMENT),
    "attachments": ("list the attachments (id, element, file, caption)", _ENGAGEMENT),
    "caption": ("write or change an attachment's caption", _ENGAGEMENT),
    "rotate": ("turn a photo a quarter (prints the new version's id)", _ENGAGEMENT),
    "action": ("add an improvement action", _ENGAGEMENT),
    "score": ("the engagement's score", _ENGAGEMENT),
    "demo": ("create a demo engagement and its deliverables", ("demo_command",)),
    "export": ("write an engagement's workbook or report", ("export_commands",)),
    "import": ("read a filled-in workbook back into an engagement", ("export_commands",)),
    "readiness": ("what is missing or inconsistent before sign-off", _SIGNOFF),
    "review": ("submit an engagement for review (or --back to draft)", _SIGNOFF),
    "signoff": ("sign off (lock) an engagement and write its signed report", _SIGNOFF),
    "amend": ("reopen a signed-off engagement as a new revision", _SIGNOFF),
    "history": ("the revisions and their signers", _SIGNOFF),
    "verify": ("check a signed report: intact, signer trusted, content matches", _SIGNOFF),
    "consensus": ("compare the assessors' ratings: spread, consensus and status",
                  ("consensus_commands",)),
    "trust": ("the certificates whose signatures verify trusts", ("trust_commands",)),
    "compare": ("the change from a baseline engagement to a re-assessment",
                ("compare_commands",)),
    "brand": ("the firm's brand profiles (logo, colours, footer)", ("brand_commands",)),
    "interview": ("the interviews of the site-visit log", ("site_log_commands",)),
    "document": ("the documents reviewed, in the site-visit log", ("site_log_commands",)),
}


if TYPE_CHECKING:  # the `sub` every module registers its commands on
    Parsers = argparse._SubParsersAction[argparse.ArgumentParser]


# Each command module imported only when its commands are wanted (plain imports, so the
# type checker and the layer contracts see them).
def _framework(sub: Parsers, parent: argparse.ArgumentParser) -> None:
    from workbench.cli import framework_commands
    framework_commands.register(sub, parent)


def _engagement(sub: Parsers, parent: argparse.ArgumentParser, only: str | None = None) -> None:
    from workbench.cli import engagement_commands
    engagement_commands.register(sub, parent, only)


def _package(sub: Parsers, parent: argparse.ArgumentParser) -> None:
    from workbench.cli import package_commands
    package_commands.register(sub, parent)


def _demo(sub: Parsers, parent: argparse.ArgumentParser) -> None:
    from workbench.cli import demo_command
    demo_command.register(sub, parent)


def _export(sub: Parsers, parent: argparse.ArgumentParser) -> None:
    from workbench.cli import export_commands
    export_commands.register(sub, parent)


def _signoff(sub: Parsers, parent: argparse.ArgumentParser) -> None:
    from workbench.cli import signoff_commands
    signoff_commands.register(sub, parent)


def _consensus(sub: Parsers, parent: argparse.ArgumentParser) -> None:
    from workbench.cli import consensus_commands
    consensus_commands.register(sub, parent)


def _trust(sub: Parsers, parent: argparse.ArgumentParser) -> None:
    from workbench.cli import trust_commands
    trust_commands.register(sub, parent)


def _compare(sub: Parsers, parent: argparse.ArgumentParser) -> None:
    from workbench.cli import compare_commands
    compare_commands.register(sub, parent)


def _brand(sub: Parsers, parent: argparse.ArgumentParser) -> None:
    from workbench.cli import brand_commands
    brand_commands.register(sub, parent)


def _site_log(sub: Parsers, parent: argparse.ArgumentParser) -> None:
    from workbench.cli import site_log_commands
    site_log_commands.register(sub, parent)


_REGISTER: dict[str, Callable[[Parsers, argparse.ArgumentParser], None]] = {  # by MODULES
    "framework_commands": _framework, "engagement_commands": _engagement,
    "package_commands": _package, "demo_command": _demo, "export_commands": _export,
    "signoff_commands": _signoff, "consensus_commands": _consensus,
    "trust_commands": _trust, "compare_commands": _compare, "brand_commands": _brand,
    "site_log_commands": _site_log}


def command_named(args: Sequence[str]) -> str | None:
    """The top-level command in `args` (None for none, an unknown one or a help request)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif arg in ("-h", "--help", "--version"):
            return None
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def build_parser(command: str | None = None, *, full: bool = True) -> argparse.ArgumentParser:
    """The parser with every command in full, or (`full=False`) with only `command`'s modules
    in full and every other command as its name and help line: enough to parse that command,
    to print `--help` and `--version`, and to refuse an unknown command, as the full one does.
    """
    import argparse

    from workbench.cli.parser import Parser

    parent = Parser(add_help=False)
    parent.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH",
                        help="the database file (default: $WORKBENCH_DB, else the user data "
                             "folder)")
    parser: argparse.ArgumentParser = Parser(
        prog="workbench", parents=[parent],
        description="Assessor Workbench: customer experience maturity assessments, offline. "
                    "With no command it opens the application.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = set(MODULES) if full else set(COMMANDS[command][1] if command else ())
    for name in MODULES:
        if name not in wanted:
            continue
        if name == "engagement_commands" and not full:
            _engagement(sub, parent, command)  # rate, score…: only the command's own parser
        else:
            _REGISTER[name](sub, parent)
    if not full:
        # The other commands only need a name and a help line: one shared stand-in parser,
        # which never parses (a command named is registered in full), spares building
        # twenty parsers (and argparse's gettext look-ups for each).
        stand_in = Parser(prog="workbench", add_help=False)
        for name, (help_text, _) in COMMANDS.items():
            if name not in sub.choices:
                sub._name_parser_map[name] = stand_in
                sub._choices_actions.append(sub._ChoicesPseudoAction(name, (), help_text))
        # the order of the full parser, for the listing in --help and in usage errors
        order = {name: n for n, name in enumerate(COMMANDS)}
        sub._choices_actions.sort(key=lambda a: order.get(a.dest, len(order)))
        parsers = sorted(sub._name_parser_map.items(), key=lambda kv: order.get(kv[0], len(order)))
        sub._name_parser_map.clear()  # the same dict as sub.choices: reordered in place
        sub._name_parser_map.update(parsers)
    return parser


def main(argv: list[str] | None = None, *, whole_process: bool = False) -> int:
    """Run one command; everything printed passes through `SafeStream`.

    `whole_process`: this command is all the process does (the `workbench` entry point).
    Then Python's cyclic garbage collector stays off while the modules load and the command
    is parsed (they make no garbage, and every collection would walk all they made), those
    objects are frozen out of later collections when the command starts, and whatever is
    alive at the end is frozen before the interpreter exits, so that its final collection
    does not walk them once more (issue 17). The command itself runs with the collector on.
    """
    import gc

    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    collecting = gc.isenabled()
    if whole_process:
        gc.disable()
    try:
        code = _main(argv, whole_process)
    finally:
        sys.stdout, sys.stderr = out, err
        if whole_process:
            gc.freeze()
            if collecting:
                gc.enable()
    return code


def _collector_on(whole_process: bool) -> None:
    """The command starts: what loaded so far is frozen, the collector on again."""
    if whole_process:
        import gc

        gc.freeze()
        gc.enable()


def _main(argv: list[str] | None = None, whole_process: bool = False) -> int:
    """Parse and run the command."""
    args_in = sys.argv[1:] if argv is None else argv
    from workbench.cli.quick import quick_args

    args: argparse.Namespace | SimpleNamespace | None = quick_args(args_in)  # see cli.quick
    if args is None:
        parser = build_parser(command_named(args_in), full=False)
        args = parser.parse_args(args_in)
        if getattr(args, "func", None) is None:
            parser.print_help()
            return 2
    func: Command = args.func
    session: Session | None = None
    try:
        if getattr(args, "needs_db", False):
            from workbench.services.session import Session  # after parsing: see cli.lazy

            session = Session.open(getattr(args, "db", None))
            for warning in session.warnings:
                print(f"warning: {warning}", file=sys.stderr)
            _collector_on(whole_process)
            return func(session, args)
        _collector_on(whole_process)
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
        import traceback

        from workbench.services.crash import write_crash_report

        report = write_crash_report(traceback.format_exc())
        print(f"error: an unexpected problem ({type(exc).__name__}: {exc}); the details are in "
              f"{report}", file=sys.stderr)
        return 1
    finally:
        if session is not None:
            session.close()


