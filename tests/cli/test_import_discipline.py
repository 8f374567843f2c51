"""Import discipline (issue 17): `workbench --version` and `--help` parse their arguments
without importing the services, the exports or the heavy libraries, and the lazily built
parser says exactly what the full one says."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import workbench
from workbench.cli.main import COMMANDS, build_parser, command_named

HEAVY = ("reportlab", "openpyxl", "pyhanko", "PySide6", "pikepdf", "pydantic", "yaml",
         "sqlite_utils", "workbench.services", "workbench.exports", "workbench.storage",
         "workbench.gui")


PROBE = """
import json, sys
from workbench.launcher import main
try:
    code = main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""


def _imported_by(tmp_path: Path, *args: str, allow_silent: bool = False) -> set[str]:
    """The modules a whole `workbench ARGS` process has imported when it is done."""
    env = dict(os.environ, PYTHONPATH=str(Path(workbench.__file__).parent.parent))
    dump = tmp_path / "modules.json"
    done = subprocess.run([sys.executable, "-c", PROBE, str(dump), *args],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert allow_silent or done.stdout.strip()  # it did print its version or help
    result = json.loads(dump.read_text(encoding="utf-8"))
    assert result["code"] in (0, None)
    return set(result["modules"])


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("--db", "x.sqlite3", "-h")])
def test_version_and_help_import_nothing_heavy(tmp_path: Path, args: tuple[str, ...]) -> None:
    modules = _imported_by(tmp_path, *args)
    assert "workbench.launcher" in modules  # the measurement saw our own imports
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY
                   or any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert heavy == []


def test_a_command_imports_only_its_own_module(tmp_path: Path) -> None:
    modules = _imported_by(tmp_path, "rate", "--help")
    assert "workbench.cli.engagement_commands" in modules
    assert not {"workbench.cli.brand_commands", "workbench.cli.signoff_commands",
                "reportlab", "openpyxl", "pyhanko", "PySide6"} & modules


def _commands(parser: argparse.ArgumentParser) -> list[tuple[str, str | None]]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return [(a.dest, a.help) for a in sub._choices_actions]


def _helps(parser: argparse.ArgumentParser, path: str = "") -> dict[str, str]:
    out = {path: parser.format_help()}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                out |= _helps(child, f"{path} {name}".strip())
    return out


def test_the_command_table_is_what_the_modules_register() -> None:
    full = build_parser()
    assert _commands(full) == [(name, help_text) for name, (help_text, _) in COMMANDS.items()]
    assert _commands(build_parser(None, full=False)) == _commands(full)
    assert build_parser(None, full=False).format_help() == full.format_help()


def test_each_command_alone_parses_and_helps_as_in_the_full_parser() -> None:
    full = _helps(build_parser())
    for name in COMMANDS:
        alone = _helps(build_parser(name, full=False))
        own = {k: v for k, v in full.items() if k == name or k.startswith(name + " ")}
        assert {k: alone[k] for k in own} == own, name


@pytest.mark.parametrize(("args", "expected"), [
    (["rate", "E1", "C", "4"], "rate"), (["--db", "score", "score", "x"], "score"),
    (["--db=x", "brand", "list"], "brand"), (["-h", "rate"], None), (["--version"], None),
    (["nonsense"], None), ([], None)])
def test_the_command_is_found_among_the_options(args: list[str], expected: str | None) -> None:
    assert command_named(args) == expected


def test_rate_and_score_with_a_warm_cache_validate_no_yaml(tmp_path: Path) -> None:
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    db = tmp_path / "d.sqlite3"
    session = Session.open(db)
    eid = create_demo(session)
    code = next(iter(session.framework_of(eid).indicator_owner))
    session.close()
    for args in (["--db", str(db), "rate", eid, code, "4"], ["--db", str(db), "score", eid,
                                                             "--json"]):
        _imported_by(tmp_path, *args, allow_silent=True)  # fills the cache if it is cold
        modules = _imported_by(tmp_path, *args, allow_silent=True)
        assert "workbench.services.assessment" in modules or "score" in args
        assert not {"pydantic", "yaml", "workbench.core.framework_loader", "reportlab",
                    "openpyxl", "pyhanko", "PySide6", "pikepdf"} & modules, args
        # nor the whole engagement document's types, the site-visit log's or the findings'
        # storage: a rating or a score builds only the classes it uses
        assert not {"workbench.core.engagement", "workbench.core.site_log",
                    "workbench.storage.evidence", "workbench.storage.documents"} & modules, args
        # the framework cache found without platformdirs, the help width without shutil
        assert not {"platformdirs", "tempfile", "shutil"} & modules, args
        # read by cli.quick: argparse (with gettext and locale) is not even imported
        assert not {"argparse", "gettext", "locale"} & modules, args
        # their records are NamedTuples and plain classes: defining a dataclass costs about
        # 0.3 ms and importing the module (with inspect) about 5 ms, a quarter of such a command
        assert not {"dataclasses", "inspect"} & modules, args
        # a score builds none of the details, team or list-row classes
        assert "workbench.core.engagement_details" not in modules or "rate" in args
        # a rating's transaction translates a lock refusal without the sign-off records
        assert "workbench.storage.signoffs" not in modules or "score" in args


def test_a_pdf_export_with_a_warm_cache_imports_no_pydantic_nor_yaml(tmp_path: Path) -> None:
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    db = tmp_path / "d.sqlite3"
    session = Session.open(db)
    eid = create_demo(session)
    session.close()
    args = ["--db", str(db), "export", "pdf", eid, "-o", str(tmp_path / "r.pdf"),
            "--deterministic"]
    cold = _imported_by(tmp_path, *args)  # checks the brand profile
    first = (tmp_path / "r.pdf").read_bytes()
    assert {"pydantic", "yaml"} <= cold
    warm = _imported_by(tmp_path, *args)
    assert "reportlab" in warm  # the measurement saw the report being built
    assert not {"pydantic", "yaml", "workbench.exports.brand_model",
                "workbench.core.interchange", "workbench.core.safe_yaml"} & warm
    assert (tmp_path / "r.pdf").read_bytes() == first  # the same report either way


def test_the_quick_version_is_what_argparse_prints(capsys: pytest.CaptureFixture[str]) -> None:
    from workbench.cli.main import main
    from workbench.launcher import main as launch

    assert launch(["--version"]) == 0
    quick = capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr() == quick
    assert quick.out == f"workbench {workbench.__version__}\n" and quick.err == ""


def test_the_collector_is_on_while_a_command_runs_and_after(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """The entry point keeps the cyclic collector off only while the command loads."""
    import gc

    from workbench.cli import engagement_commands
    from workbench.cli.main import main
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    db = tmp_path / "gc.sqlite3"
    session = Session.open(db)
    eid = create_demo(session)
    session.close()
    seen: list[bool] = []
    real = engagement_commands.cmd_score
    monkeypatch.setattr(engagement_commands, "cmd_score",
                        lambda s, a: (seen.append(gc.isenabled()), real(s, a))[1])
    try:
        assert main(["--db", str(db), "score", eid], whole_process=True) == 0
        assert seen == [True] and gc.isenabled()
        assert main(["--db", str(db), "score", eid]) == 0  # in process: the collector untouched
        assert seen == [True, True] and gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


@pytest.mark.parametrize("columns", [None, "", "abc", "0", "-5", "40", "73", "200"])
def test_help_is_as_wide_as_argparse_makes_it(columns: str | None,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser's own width rule (cli.main.Parser) gives the help plain argparse gives."""
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    for command in (None, "rate", "export"):
        parser = build_parser(command, full=False)
        plain = argparse.ArgumentParser._get_formatter(parser)
        assert parser._get_formatter()._width == plain._width
        assert parser.format_help() == _plain_help(parser)
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        if command is not None:
            assert sub.choices[command].format_help() == _plain_help(sub.choices[command])


def _plain_help(parser: argparse.ArgumentParser) -> str:
    """`parser.format_help()` with argparse's own formatter (and its shutil width)."""
    real = type(parser)._get_formatter
    try:
        type(parser)._get_formatter = argparse.ArgumentParser._get_formatter  # type: ignore[method-assign]
        return parser.format_help()
    finally:
        type(parser)._get_formatter = real  # type: ignore[method-assign]
