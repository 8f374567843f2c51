"""User text meets ReportLab's paragraph markup only escaped, bounded and split."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph

from workbench.exports.report.text import (
    bounded,
    fmt_percent,
    join_words,
    markup,
    paragraphs,
    plural,
)

HOSTILE = ["x<y", "AT&T", "<b>unclosed", "<img src=/etc/passwd>", "a > b & c < d",
           "&amp; already", "<para>", "&#0;", "</font>"]


def plain_text(paragraph: Paragraph) -> str:
    """The text a Paragraph will print, as ReportLab parsed it."""
    return "".join(frag.text for frag in paragraph.frags if hasattr(frag, "text"))


def test_markup_characters_print_literally() -> None:
    style = getSampleStyleSheet()["BodyText"]
    for text in HOSTILE:
        assert plain_text(Paragraph(markup(text), style)) == text


def test_an_img_tag_never_becomes_an_image() -> None:
    style = getSampleStyleSheet()["BodyText"]
    p = Paragraph(markup('<img src="/etc/passwd" width=10 height=10/>'), style)
    assert not any(getattr(f, "cbDefn", None) for f in p.frags)


def test_newlines_become_line_breaks_and_control_characters_go() -> None:
    assert markup("one\r\ntwo\rthree\nfour") == "one<br/>two<br/>three<br/>four"
    assert markup("bell\x07 and nul\x00") == "bell and nul"


def test_quotes_are_escaped_for_attribute_safety() -> None:
    assert markup('"a" \'b\'') == "&quot;a&quot; &#39;b&#39;"


def test_long_text_is_cut_at_a_word_and_the_rest_counted() -> None:
    text = "word " * 10_000
    short, omitted = bounded(text, 1000)
    assert len(short) <= 1000
    assert not short.endswith(" ")
    assert omitted == len(text.strip()) - len(short) or omitted > 0
    assert bounded("short", 1000) == ("short", 0)


def test_a_single_huge_word_is_still_bounded() -> None:
    short, omitted = bounded("x" * 50_000, 1000)
    assert len(short) == 1000 and omitted == 49_000


def test_blank_lines_separate_paragraphs() -> None:
    assert paragraphs("a\nb\n\n  \nc\n\n") == ["a\nb", "c"]


def test_words_for_figures() -> None:
    assert plural(1, "element") == "1 element"
    assert plural(3, "element") == "3 elements"
    assert join_words(["A"]) == "A"
    assert join_words(["A", "B", "C"]) == "A, B and C"
    assert fmt_percent(None) == "–"
    assert fmt_percent(61.5).startswith("61")  # rounded down: never past its band


@given(st.text())
def test_escape_is_the_standard_librarys_with_both_quotes(text: str) -> None:
    from xml.sax.saxutils import escape as standard

    from workbench.exports.report.text import escape

    assert escape(text) == standard(text, {'"': "&quot;", "'": "&#39;"})
