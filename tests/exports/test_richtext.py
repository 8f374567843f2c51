"""The report's rich text: the sections' markup as literal runs in the model, and the runs
written back as ReportLab markup for the PDF, user text literal both ways."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.exports.brand import load_brand
from workbench.exports.report.document import Run
from workbench.exports.report.richtext import runs, to_markup
from workbench.exports.report.styles import make_styles
from workbench.exports.report.text import clean, markup
from workbench.exports.report.writing import Paragraph


def joined(text: str) -> str:
    return "".join(("\n" if r.line_break else "") + r.text for r in runs(text))


@given(st.text(max_size=300))
def test_any_user_text_comes_back_literally(text: str) -> None:
    # markup() escapes user text for a PDF paragraph; its runs hold the text itself
    # (tabs as spaces, line ends unified, control characters dropped, as in the PDF).
    expected = clean(text).replace("\t", " ")
    assert joined(markup(text)) == expected


@given(st.text(max_size=200), st.booleans(), st.booleans())
def test_runs_written_back_as_markup_read_the_same(text: str, bold: bool, italic: bool) -> None:
    one = (Run(text, bold, italic, "AA5500", size=7.5),)
    again = runs(to_markup(one))
    expected = clean(text).replace("\t", " ")
    assert "".join(("\n" if r.line_break else "") + r.text for r in again) == expected
    assert all((r.bold, r.italic, r.colour, r.size) == (bold, italic, "AA5500", 7.5)
               for r in again if r.text)


def test_the_pdf_prints_hostile_text_literally() -> None:
    styles = make_styles(load_brand("default"))
    hostile = 'x<y & <b>unclosed <img src="/etc/passwd"> AT&T'
    paragraph = Paragraph(to_markup((Run(hostile, bold=True),)), styles["body"])
    paragraph.wrap(400, 800)
    shown = "".join(w.text for line in paragraph.blPara.lines for w in line.words)
    assert shown.replace(" ", "") == hostile.replace(" ", "")


def test_bold_italic_and_colour_are_runs() -> None:
    got = runs('A <b>bold</b> and <i>italic <font color="#AA5500">brown</font></i>&amp;')
    assert [(r.text, r.bold, r.italic, r.colour) for r in got] == [
        ("A ", False, False, None), ("bold", True, False, None),
        (" and ", False, False, None), ("italic ", False, True, None),
        ("brown", False, True, "AA5500"), ("&", False, False, None)]


def test_a_line_break_starts_the_next_run() -> None:
    got = runs("one<br/>two")
    assert [(r.text, r.line_break) for r in got] == [("one", False), ("two", True)]
