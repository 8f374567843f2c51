"""User text for ReportLab's paragraph markup: escaped, bounded, and split into paragraphs.

`Paragraph` parses its text as XML-like markup, so `x<y`, `AT&T`, `<b>unclosed` or
`<img src=/etc/passwd>` typed by a user would break the export, lose text or read a
file. Every piece of user text passes through `markup()` before it meets a Paragraph.
"""

from __future__ import annotations

import re

from workbench.core.display import percent_value, score_text

MAX_NOTE_CHARS = 12_000  # about four pages; the rest stays in the app and the workbook
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n\s*\n")


def clean(text: str) -> str:
    """Text with unified line ends and no control characters (they have no glyphs)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def escape(text: str) -> str:
    """`&`, `<`, `>`, `"` and `'` as character references: what xml.sax.saxutils.escape
    gives with the two quotes as entities, without the URL library it imports (issue 17)."""
    return (text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def markup(text: str) -> str:
    """User text as Paragraph markup that prints literally: escaped, newlines as <br/>."""
    escaped = escape(clean(text))
    return escaped.replace("\t", " ").replace("\n", "<br/>")


def bounded(text: str, limit: int = MAX_NOTE_CHARS) -> tuple[str, int]:
    """The text cut at a word boundary near `limit`, and how many characters were left out."""
    text = clean(text).strip()
    if len(text) <= limit:
        return text, 0
    cut = text.rfind(" ", int(limit * 0.9), limit)
    cut = cut if cut > 0 else limit
    return text[:cut].rstrip(), len(text) - cut


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, so a long note can break between pages."""
    return [p.strip("\n") for p in _BLANK_LINES.split(clean(text).strip()) if p.strip()]


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`1 element`, `3 elements`."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def join_words(items: list[str], conjunction: str = "and") -> str:
    """`A`, `A and B`, `A, B and C`."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def fmt_score(value: float | None) -> str:
    """A score for display: one decimal, by the rule of core.display (as the workbook)."""
    return "–" if value is None else score_text(value)


def fmt_percent(value: float | None) -> str:
    """A percent for display: whole number with a thin space before the sign."""
    shown = percent_value(value)  # rounded down, so a percent never crosses its level's band
    return "–" if shown is None else f"{shown}\u2009%"


def fmt_points(value: float) -> str:
    """Points: whole numbers without a decimal."""
    return f"{value:g}"
