"""The report's rich text: the sections write a sentence with a little markup, the model
keeps it as runs of literal text, and the PDF renderer writes the runs back as markup.

The sections' markup is the small set ReportLab's Paragraph knows and the report uses:
<b>, <i>, <font color=… size=…>, <br/> and the entities markup() writes; user text inside
it is always escaped by text.markup(), so it comes back as the literal text the user typed.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from workbench.exports.report.document import Para, Run
from workbench.exports.report.text import markup

_TOKEN = re.compile(r"<(/?)(b|strong|i|em|font|br)\b([^>]*?)/?>|([^<]+)|(<)", re.IGNORECASE)
_ATTR = re.compile(r"""(color|size)\s*=\s*("[^"]*"|'[^']*'|[^\s>/]+)""", re.IGNORECASE)


def _attrs(text: str) -> tuple[str | None, float | None]:
    colour: str | None = None
    size: float | None = None
    for name, value in _ATTR.findall(text):
        value = value.strip("\"'")
        if name.lower() == "color":
            colour = value[1:].upper() if value.startswith("#") and len(value) == 7 else None
        else:
            try:
                size = float(value)
            except ValueError:
                size = None
    return colour, size


@lru_cache(maxsize=4096)
def runs(text: str) -> tuple[Run, ...]:
    """The runs of a piece of the report's markup; its user text comes back literally."""
    out: list[Run] = []
    bold = italic = 0
    fonts: list[tuple[str | None, float | None]] = []
    pending_break = False
    for match in _TOKEN.finditer(text):
        closing, tag, attrs, data, stray = match.groups()
        if data is not None or stray is not None:
            colour = next((c for c, _ in reversed(fonts) if c), None)
            size = next((z for _, z in reversed(fonts) if z), None)
            out.append(Run(html.unescape(data if data is not None else stray),
                           bold > 0, italic > 0, colour, pending_break, size))
            pending_break = False
            continue
        tag = tag.lower()
        if tag == "br":
            pending_break = True
        elif tag in ("b", "strong"):
            bold = max(0, bold - 1) if closing else bold + 1
        elif tag in ("i", "em"):
            italic = max(0, italic - 1) if closing else italic + 1
        elif closing:
            if fonts:
                fonts.pop()
        else:
            fonts.append(_attrs(attrs))
    if pending_break:
        out.append(Run("", line_break=True))
    return tuple(out)


def rich(text: str, kind: str = "body") -> Para:
    """A paragraph of the report's markup (its user parts already escaped)."""
    return Para(runs(text), kind)


def plain(text: str, kind: str = "body") -> Para:
    """A paragraph of user or framework text, literal."""
    return Para((Run(text),), kind)


def _size(value: float) -> str:
    return f"{value:g}"


def to_markup(items: tuple[Run, ...]) -> str:
    """The runs as ReportLab Paragraph markup that prints their text literally."""
    parts: list[str] = []
    for r in items:
        if r.line_break:
            parts.append("<br/>")
        text = markup(r.text)
        if r.italic:
            text = f"<i>{text}</i>"
        if r.bold:
            text = f"<b>{text}</b>"
        if r.colour or r.size:
            attrs = (f' color="#{r.colour}"' if r.colour else "") + \
                (f" size={_size(r.size)}" if r.size else "")
            text = f"<font{attrs}>{text}</font>"
        parts.append(text)
    return "".join(parts)
