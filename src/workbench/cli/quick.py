"""The quick way in for the commands scripts run by the hundred (issue 17).

`workbench rate ID INDICATOR LEVEL` and `workbench score ID [--json]`, in their plain forms,
are read here without argparse: building argparse's parsers is cheap, but importing it (with
gettext and locale) is a good part of such a command's whole time. Anything else (another
command, an option this reader does not know, `-h`, a value that starts with "-", a word too
many or too few, `--db` twice) is left to argparse (`None`), so that every message and every
refusal stays argparse's own. tests/cli/test_quick_args.py checks that what is read here is
exactly what argparse reads.
"""

from __future__ import annotations

from types import SimpleNamespace

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from collections.abc import Sequence

# command: (its positional arguments, its flags, its options with a value, the defaults
# argparse gives the options), as cli.engagement_commands registers them.
_SPECS: dict[str, tuple[tuple[str, ...], dict[str, str], dict[str, str], dict[str, object]]] = {
    "rate": (("id", "indicator", "level"), {}, {"--assessor": "assessor"},
             {"assessor": None, "consensus": False, "reason": None}),
    "score": (("id",), {"--json": "json"}, {"--assessor": "assessor"},
              {"json": False, "assessor": None}),
}


def quick_args(args: Sequence[str]) -> SimpleNamespace | None:
    """What argparse would read from `args` for a plain `rate` or `score`, else None."""
    values: dict[str, object] = {}
    command: str | None = None
    words: list[str] = []
    rest = iter(args)
    for arg in rest:
        if arg == "--db" or arg.startswith("--db="):
            value = arg[5:] if arg.startswith("--db=") else next(rest, None)
            if value is None or value.startswith("-") or "db" in values:
                return None
            values["db"] = value
        elif command is None:
            if arg not in _SPECS:
                return None
            command = arg
        elif arg in _SPECS[command][1]:
            values[_SPECS[command][1][arg]] = True
        elif arg in _SPECS[command][2]:
            dest, value = _SPECS[command][2][arg], next(rest, None)
            if value is None or value.startswith("-") or dest in values:
                return None
            values[dest] = value
        elif arg.startswith("-"):
            return None
        else:
            words.append(arg)
    if command is None:
        return None
    positionals, _, _, defaults = _SPECS[command]
    if len(words) != len(positionals):
        return None
    from workbench.cli import engagement_commands

    func = engagement_commands.cmd_rate if command == "rate" else engagement_commands.cmd_score
    return SimpleNamespace(**{**defaults, **dict(zip(positionals, words, strict=True)),
                              **values, "command": command, "func": func, "needs_db": True})
