"""Reading the report's paragraph markup back into literal text runs (the Word report's words)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.exports.report.story_model import runs
from workbench.exports.report.text import clean, markup


def joined(text: str) -> str:
    return "".join(("\n" if r.line_break else "") + r.text for r in runs(text))


@given(st.text(max_size=300))
def test_any_user_text_comes_back_literally(text: str) -> None:
    # markup() escapes user text for a PDF paragraph; reading it back gives the text itself
    # (tabs as spaces, line ends unified, control characters dropped, as in the PDF).
    expected = clean(text).replace("\t", " ")
    assert joined(markup(text)) == expected


def test_bold_italic_and_colour_are_runs() -> None:
    got = runs('A <b>bold</b> and <i>italic <font color="#AA5500">brown</font></i>&amp;')
    assert [(r.text, r.bold, r.italic, r.colour) for r in got] == [
        ("A ", False, False, None), ("bold", True, False, None),
        (" and ", False, False, None), ("italic ", False, True, None),
        ("brown", False, True, "AA5500"), ("&", False, False, None)]


def test_a_line_break_starts_the_next_run() -> None:
    got = runs("one<br/>two")
    assert [(r.text, r.line_break) for r in got] == [("one", False), ("two", True)]
