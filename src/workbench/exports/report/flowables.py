"""The report's PDF-only flowables: tables in the house font, photo placeholders, signature
boxes, and the contents page drawn once the pages are known."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Table,
    TableStyle,
)

from workbench.exports.report.styles import ReportStyles
from workbench.exports.report.text import markup
from workbench.exports.report.writing import Paragraph

Cell = Any  # a Paragraph, a string, or any flowable a Table cell accepts


def house_table(styles: ReportStyles, data: Sequence[Sequence[Cell]], **kw: Any) -> Table:
    """A Table whose own default font is the brand's (ReportLab's default is Helvetica,
    which would be named in the PDF without being embedded)."""
    t = Table(data, **kw)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.fonts.regular),
                           ("FONTSIZE", (0, 0), (-1, -1), 8.5)]))
    return t


class Placeholder(Flowable):  # type: ignore[misc]
    """A framed box saying why a photo is not shown, in the photo's place."""

    def __init__(self, styles: ReportStyles, width: float, height: float, title: str,
                 reason: str) -> None:
        super().__init__()
        self.styles, self.width, self.height = styles, width, height
        self.title, self.reason = title, reason

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(self.styles.zebra)
        c.setStrokeColor(self.styles.rule)
        c.setDash(3, 2)
        c.rect(0, 0, self.width, self.height, fill=1, stroke=1)
        c.restoreState()
        inner = self.width - 16
        for i, (text, style) in enumerate(((self.title, "cell_bold"),
                                           (self.reason, "cell_muted"))):
            p = Paragraph(markup(text), self.styles[style])
            _, h = p.wrap(inner, self.height)
            p.drawOn(c, 8, self.height / 2 + (6 if i == 0 else -h - 2))


class SignatureBlock(Flowable):  # type: ignore[misc]
    """One signer: the signature (image, or a line to sign on), name, role, organisation, date."""

    def __init__(self, styles: ReportStyles, width: float, name: str, role: str,
                 organisation: str, date_text: str, signature: bytes | None,
                 heading: str) -> None:
        super().__init__()
        self.styles, self.width, self.height = styles, width, 44 * mm
        self.name, self.role, self.organisation = name, role, organisation
        self.date_text, self.signature, self.heading = date_text, signature, heading

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        s, c, w = self.styles, self.canv, self.width
        c.saveState()
        c.setStrokeColor(s.rule)
        c.setLineWidth(0.6)
        c.roundRect(0, 0, w, self.height, 4, stroke=1, fill=0)
        c.setFillColor(s.primary)
        c.rect(0, self.height - 3, w, 3, stroke=0, fill=1)
        c.setFont(s.fonts.bold, 7)
        c.setFillColor(s.muted)
        c.drawString(8, self.height - 14, self.heading.upper())
        sig_top, sig_bottom = self.height - 20, 21 * mm
        if self.signature:
            from reportlab.lib.utils import ImageReader

            try:
                reader = ImageReader(io.BytesIO(self.signature))
                iw, ih = reader.getSize()
                box_w, box_h = w - 16, sig_top - sig_bottom - 2
                scale = min(box_w / iw, box_h / ih)
                c.drawImage(reader, 8, sig_bottom + 2, iw * scale, ih * scale, mask="auto")
            except Exception:  # a damaged signature image: leave the line to sign on
                pass
        c.setStrokeColor(s.ink)
        c.setLineWidth(0.7)
        c.line(8, sig_bottom, w - 8, sig_bottom)
        c.setFont(s.fonts.regular, 6.5)
        c.setFillColor(s.muted)
        c.drawString(8, sig_bottom - 8, "Signature")
        c.drawRightString(w - 8, sig_bottom - 8, "Date")
        c.restoreState()
        lines = [(self.name or "Name: ", "cell_bold" if self.name else "cell_muted"),
                 (self.role or " ", "cell_muted")]
        y = sig_bottom - 12
        for text, style in lines:
            p = Paragraph(markup(text), s[style])
            _, h = p.wrap(w * 0.56, 30)
            y -= h
            p.drawOn(c, 8, y)
        d = Paragraph(markup(self.date_text or " "), s["cell_num"])
        _, h = d.wrap(w * 0.4, 20)
        d.drawOn(c, w - 8 - w * 0.4, sig_bottom - 12 - h)


@dataclass
class ContentsEntry:
    level: int
    text: str
    page: int
    key: str


@dataclass
class Contents:
    """The contents page, filled in when the document is saved.

    ReportLab's TableOfContents needs a second full layout pass to learn the page numbers;
    here the headings are collected in the one pass, and the contents page, whose place is
    reserved by a ContentsSpace, is drawn once the last page is known.
    """

    entries: list[ContentsEntry] = field(default_factory=list)
    page: int | None = None
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # x, y, width, height

    def draw(self, canvas: Any, styles: ReportStyles) -> None:
        x, y, width, height = self.box
        top = y + height
        rows = [(e, 16.0 if e.level == 0 else 12.5) for e in self.entries]
        needed = sum(h + (6 if e.level == 0 else 0) for e, h in rows)
        squeeze = min(1.0, height / needed) if needed else 1.0  # never run off the page
        cursor = top
        for entry, line in rows:
            cursor -= (line + (6 if entry.level == 0 else 0)) * squeeze
            bold = entry.level == 0
            font = styles.fonts.bold if bold else styles.fonts.regular
            size = (10.5 if bold else 9) * min(1.0, squeeze + 0.1)
            indent = 0 if bold else 14
            number = str(entry.page)
            canvas.setFont(font, size)
            canvas.setFillColor(styles.ink)
            label = entry.text
            right = x + width
            canvas.drawString(x + indent, cursor, label)
            canvas.drawRightString(right, cursor, number)
            # Dot leaders between the title and its page number.
            start = x + indent + canvas.stringWidth(label, font, size) + 6
            end = right - canvas.stringWidth(number, font, size) - 6
            canvas.setFillColor(styles.muted)
            dot = canvas.stringWidth(". ", styles.fonts.regular, size)
            if end > start and dot > 0:
                canvas.setFont(styles.fonts.regular, size)
                dots = ". " * int((end - start) / dot)
                canvas.drawRightString(end, cursor, dots)
            canvas.linkRect("", entry.key, (x, cursor - 3, right, cursor + size), relative=0,
                            thickness=0)


class ContentsSpace(Flowable):  # type: ignore[misc]
    """Reserves the rest of the page for the contents and tells `Contents` where it is."""

    def __init__(self, contents: Contents) -> None:
        super().__init__()
        self.contents = contents
        self._size = (0.0, 0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._size = (avail_width, avail_height - 1)
        return self._size

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self.contents.page = self.canv.getPageNumber()
        self.contents.box = (x, y, *self._size)
