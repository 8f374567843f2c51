"""Text in any script, printed as a reader expects: right-to-left lines in their reading
order, Arabic letters joined, and characters the font lacks shown as a visible name.

ReportLab lays text out left to right, glyph by glyph, from the font it is given. So:

- Arabic is reshaped (arabic-reshaper: each letter takes its joined form) before the
  paragraph is wrapped, and each laid-out line that holds right-to-left text is put into
  visual order by the Unicode bidi algorithm (python-bidi), line by line, so that a
  paragraph of several lines reads top to bottom; a paragraph that starts in a
  right-to-left script is right-aligned.
- A character the font has no glyph for (most emoji in DejaVu Sans) would print as an empty
  box, or as nothing, while the text layer says something else. It is replaced by its
  Unicode name in brackets, "[grinning face]": visible, and what a search finds.
"""

from __future__ import annotations

import re
import unicodedata
from copy import copy
from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary

from arabic_reshaper import reshape
from bidi import get_base_level, get_display
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph as _Paragraph

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_TAG = re.compile(r"(<[^>]*>|&[#\w]+;)")
_WIDE = re.compile("[\u2000-\U0010ffff]")


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


@lru_cache(maxsize=16)
def _glyphs(font_name: str) -> frozenset[int] | None:
    """The code points the registered font has glyphs for (None: not a TrueType font)."""
    try:
        font = pdfmetrics.getFont(font_name)
    except KeyError:
        return None
    face = getattr(font, "face", None)
    mapping = getattr(face, "charToGlyph", None)
    return frozenset(mapping) if mapping else None


def _drawable(code: int, glyphs: frozenset[int]) -> bool:
    # Beyond the Basic Multilingual Plane ReportLab's text layer names the wrong character
    # (U+1F600 is copied as U+1F60), even where the font has the glyph: named instead.
    return code <= 0xFFFF and code in glyphs


_ISOLATES = {0x2066: None, 0x2067: None, 0x2068: None, 0x2069: None}


def _name(char: str) -> str:
    # Isolated left to right (LRI ... PDI), so that in a right-to-left line the brackets
    # stay the right way round; the isolate marks are removed once the line is ordered.
    return "\u2066[" + unicodedata.name(char, f"U+{ord(char):04X}").lower() + "]\u2069"


def _unmark(text: str) -> str:
    return text.translate(_ISOLATES)


def printable(text: str, font_name: str) -> str:
    """`text` with each character `font_name` cannot draw replaced by its bracketed name.
    Markup tags and entities are left alone; joiners and variation selectors, which only
    modify a neighbour, are dropped."""
    if _WIDE.search(text) is None:  # below U+2000 every character counts as drawable
        return text
    glyphs = _glyphs(font_name)
    if glyphs is None or all(ord(c) < 0x2000 or _drawable(ord(c), glyphs) for c in text):
        return text
    out: list[str] = []
    for part in _TAG.split(text):
        if _TAG.fullmatch(part):
            out.append(part)
            continue
        for char in part:
            code = ord(char)
            if _drawable(code, glyphs) or char in "\n\t " or code < 0x20:
                out.append(char)
            elif code in (0x200D, 0xFE0F, 0xFE0E) or 0x1F3FB <= code <= 0x1F3FF:
                continue  # zero-width joiner, variation selectors, skin tones
            else:
                out.append(_name(char))
    return "".join(out)


def visual_line(text: str, font_name: str | None = None) -> str:
    """One line of plain text as it is drawn: Arabic joined, in visual order."""
    if font_name is not None:
        text = printable(text, font_name)
    if not has_rtl(text):
        return _unmark(text)
    shaped = reshape(text) if _ARABIC.search(text) else text
    return _unmark(str(get_display(shaped)))


def _visual_words(words: list[str], rtl_base: bool) -> list[str]:
    line = " ".join(words)
    if not has_rtl(line):
        return [_unmark(w) for w in words]
    return _unmark(str(get_display(line, base_dir="R" if rtl_base else "L"))).split(" ")


_PARSED: WeakKeyDictionary[Any, dict[str, tuple[str, list[Any]]]] = WeakKeyDictionary()
MAX_PARSED = 20_000  # paragraphs remembered per style


def _parsed(style: Any, text: str) -> tuple[str, list[Any]] | None:
    """A paragraph's markup as ReportLab parsed it before in this style: the same words in
    the same style give the same fragments (a level, a column heading, a repeated note)."""
    found = _PARSED.get(style)
    return None if found is None else found.get(text)


def _remember(style: Any, text: str, paragraph: _Paragraph) -> None:
    try:
        found = _PARSED.setdefault(style, {})
    except TypeError:  # a style that cannot be weakly referenced: parsed each time
        return
    if len(found) >= MAX_PARSED:
        found.clear()
    found[text] = (paragraph.text, [f.clone() for f in paragraph.frags])


# The lines of a paragraph of the same words, style and bullet at the same width: a column
# heading, a level, a recurring sentence are laid out once. ReportLab reads the lines when
# it draws or splits a paragraph and never changes them (right-to-left text, whose lines
# are reordered in place, is not kept).
_LINES: WeakKeyDictionary[Any, dict[tuple[str, Any, float], tuple[Any, float]]] = \
    WeakKeyDictionary()


def _laid_out(paragraph: Paragraph, width: float) -> bool:
    style, text, bullet = paragraph._lines_key  # type: ignore[misc]
    found = _LINES.get(style, {}).get((text, bullet, width))
    if found is None:
        return False
    lines, height = found
    s = paragraph.style
    paragraph.width = width  # as ReportLab's Paragraph.wrap leaves them
    paragraph._wrapWidths = [width - (s.leftIndent + s.firstLineIndent) - s.rightIndent,
                             width - s.leftIndent - s.rightIndent]
    paragraph.blPara = lines
    paragraph.height = height
    paragraph._wrapped = (width, (width, height))
    return True


def _keep_lines(paragraph: Paragraph, width: float) -> None:
    style, text, bullet = paragraph._lines_key  # type: ignore[misc]
    try:
        found = _LINES.setdefault(style, {})
    except TypeError:
        return
    if len(found) >= MAX_PARSED:
        found.clear()
    found[(text, bullet, width)] = (paragraph.blPara, paragraph.height)


class Paragraph(_Paragraph):  # type: ignore[misc]
    """A ReportLab Paragraph for text in any script (see the module's description)."""

    _wrapped: tuple[float, tuple[float, float]] | None = None
    _lines_key: tuple[Any, str, Any] | None = None

    def __init__(self, text: str | None, style: Any, *args: Any, **kwargs: Any) -> None:
        if not isinstance(text, str):  # a half of a split paragraph, made from its fragments
            self._rtl = self._rtl_base = False
            super().__init__(text, style, *args, **kwargs)
            return
        text = printable(text, style.fontName)
        self._rtl = has_rtl(text)
        if not self._rtl:
            text = _unmark(text)
        self._rtl_base = False
        if self._rtl:
            plain = _TAG.sub("", text)
            if _ARABIC.search(text):
                text = "".join(p if _TAG.fullmatch(p) else reshape(p) for p in _TAG.split(text))
            self._rtl_base = get_base_level(plain) == 1
            if self._rtl_base and style.alignment == TA_LEFT:
                style = copy(style)
                style.alignment = TA_RIGHT
        plain_call = not args and kwargs.get("frags") is None
        if plain_call and not self._rtl:
            self._lines_key = (style, text, kwargs.get("bulletText"))
        parsed = _parsed(style, text) if plain_call else None
        if parsed is None:
            super().__init__(text, style, *args, **kwargs)
            if plain_call:
                _remember(style, text, self)
            return
        cleaned, frags = parsed
        super().__init__(cleaned, style, *args, frags=[f.clone() for f in frags], **kwargs)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # A paragraph is wrapped again at the same width (a table measures its cells, a kept
        # group its parts, then each is placed): the lines depend on the width only.
        if self._wrapped is not None and self._wrapped[0] == available_width \
                and "blPara" in self.__dict__:  # ReportLab drops the lines to lay out afresh
            return self._wrapped[1]
        if self._lines_key is not None and _laid_out(self, available_width):
            return self._wrapped[1]  # type: ignore[index]
        result = super().wrap(available_width, available_height)
        if self._rtl:
            self._reorder()
        self._wrapped = (available_width, result)
        if self._lines_key is not None and available_width > 1:
            _keep_lines(self, available_width)
        return result  # type: ignore[no-any-return]

    def _reorder(self) -> None:
        """Each laid-out line in visual order (the words were wrapped in logical order)."""
        para = getattr(self, "blPara", None)
        if para is None:
            return
        if para.kind == 0:
            para.lines = [(extra, _visual_words(list(words), self._rtl_base))
                          for extra, words in para.lines]
            return
        for line in para.lines:
            frags = list(getattr(line, "words", []))
            text = "".join(getattr(f, "text", "") for f in frags)
            if not has_rtl(text):
                continue
            for frag in frags:
                frag.text = _unmark(str(get_display(frag.text, base_dir="R" if self._rtl_base
                                                    else "L")))
            if self._rtl_base:
                line.words = list(reversed(frags))

    def split(self, available_width: float, available_height: float) -> list[Any]:
        parts = super().split(available_width, available_height)
        for part in parts:  # the halves of a split paragraph are laid out afresh
            if isinstance(part, Paragraph):
                part._rtl, part._rtl_base = self._rtl, self._rtl_base
        return parts  # type: ignore[no-any-return]
