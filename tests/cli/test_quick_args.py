"""The quick reading of `rate` and `score` (cli.quick) is argparse's, or no reading at all."""

from __future__ import annotations

import contextlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.cli.main import build_parser, command_named
from workbench.cli.quick import quick_args

WORDS = ["rate", "score", "judge", "--db", "--db=x.sqlite3", "--json", "--js", "--assessor",
         "--consensus", "--reason", "-h", "--help", "--version", "-", "--", "-1", "4", "na",
         "", "D1.1.1", "abc123", "Ann Lee", "a=b", "--db=", "--d", "x.sqlite3"]


def _argparse(args: list[str]) -> dict[str, object] | None:
    """What argparse reads (None when it refuses or prints something and exits)."""
    parser = build_parser(command_named(args), full=False)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            return vars(parser.parse_args(args))
    except SystemExit:
        return None


@settings(max_examples=400, deadline=None)
@given(args=st.lists(st.sampled_from(WORDS), max_size=8))
def test_a_quick_reading_is_exactly_argparses(args: list[str]) -> None:
    quick = quick_args(args)
    if quick is not None:
        assert vars(quick) == _argparse(args)


@pytest.mark.parametrize("args", [
    ["rate", "E1", "D1.1.1", "4"],
    ["--db", "w.sqlite3", "rate", "E1", "D1.1.1", "na"],
    ["--db=w.sqlite3", "rate", "E1", "D1.1.1", "none", "--assessor", "Ann Lee"],
    ["rate", "E1", "D1.1.1", "3", "--db", "w.sqlite3"],
    ["score", "E1"],
    ["--db", "w.sqlite3", "score", "E1", "--json"],
    ["score", "--json", "E1", "--assessor", "Bob"],
])
def test_the_plain_forms_are_read_quickly_as_argparse_reads_them(args: list[str]) -> None:
    quick = quick_args(args)
    assert quick is not None
    assert vars(quick) == _argparse(args)


@pytest.mark.parametrize("args", [
    [], ["--help"], ["rate", "-h"], ["rate", "E1", "D1.1.1"], ["rate", "E1", "D1.1.1", "4", "5"],
    ["rate", "E1", "D1.1.1", "-"], ["rate", "E1", "D1.1.1", "4", "--consensus"],
    ["--db", "a", "--db", "b", "score", "E1"], ["score", "E1", "--js"], ["judge", "E1", "D1.1"],
    ["--db"], ["score", "E1", "--assessor"],
])
def test_everything_else_is_left_to_argparse(args: list[str]) -> None:
    assert quick_args(args) is None


@st.composite
def _near_plain(draw: st.DrawFn) -> list[str]:
    """`rate` or `score` with about the right words and options, in any order."""
    command = draw(st.sampled_from(["rate", "score"]))
    words = draw(st.lists(st.sampled_from(["E1", "D1.1.1", "4", "na", "", "x y", "-", "-2"]),
                          min_size=0, max_size=4))
    options = draw(st.lists(st.sampled_from([["--json"], ["--assessor", "Ann"], ["--db", "w"],
                                             ["--db=v"], ["--assessor"], ["--consensus"]]),
                            max_size=3))
    rest = draw(st.permutations(words + [" ".join(o) for o in options]))
    flat = [t for item in rest for t in (item.split(" ") if item.startswith("--") else [item])]
    head = draw(st.sampled_from([[], ["--db", "top.sqlite3"]]))
    return [*head, command, *flat]


@settings(max_examples=600, deadline=None)
@given(args=_near_plain())
def test_near_plain_forms_read_quickly_only_as_argparse_reads_them(args: list[str]) -> None:
    quick = quick_args(args)
    if quick is not None:
        assert vars(quick) == _argparse(args)
