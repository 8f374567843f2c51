"""The report model: what the report says, in blocks any writer can lay out.

The sections (sections.py, findings.py, …) build these blocks once; the PDF renderer
(pdf_render.py) turns them into ReportLab flowables and the Word writer (exports/docx) into
a Word document, so the two never disagree. A few blocks carry layout wishes that only a
page-laying writer needs (keep together, space, a page break when space runs out); the
Word writer passes over them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Run:
    """A stretch of text with one look; `text` is literal (never markup)."""

    text: str
    bold: bool = False
    italic: bool = False
    colour: str | None = None  # "RRGGBB"
    line_break: bool = False  # a line break before this run's text
    size: float | None = None  # points, where it differs from the paragraph's style


@dataclass(frozen=True)
class Para:
    """A paragraph; `kind` says what it is for (the report's style of that name): body,
    muted, caption, label, hash, cell… `pdf_only`: a sentence about the PDF itself."""

    runs: tuple[Run, ...]
    kind: str = "body"
    pdf_only: bool = False

    @property
    def text(self) -> str:
        return "".join(("\n" if r.line_break else "") + r.text for r in self.runs)


@dataclass(frozen=True)
class Heading:
    """A heading of level 1 (a section) to 4 (a titled part inside a section or element,
    out of the contents and the bookmarks); `key` is the section or element it opens.
    `style` names another look than the level's (a level-2 heading drawn small)."""

    level: int
    title: str
    key: str = ""
    number: str = ""
    in_contents: bool = True
    style: str = ""

    @property
    def text(self) -> str:
        return f"{self.number}  {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Bullets:
    items: tuple[Para, ...]


@dataclass(frozen=True)
class Cell:
    """A table cell: paragraphs, and the fill of a level-coloured cell."""

    paras: tuple[Para, ...]
    fill: str | None = None  # "RRGGBB"

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras)


@dataclass(frozen=True)
class Table:
    """A data table (its header row repeats on each page), or a grid without a header.

    `numeric` and `centred` columns are aligned so; a `bold_rows` row (a total) has a rule
    above it; an `outlined` cell (column, body row) is one still to agree, framed.
    `look`: "data", "facts" (a band of key figures under a heading) or "tiles" (the
    summary's key figures)."""

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]  # points; the writer scales them to the page
    numeric: tuple[int, ...] = ()
    centred: tuple[int, ...] = ()
    bold_rows: tuple[int, ...] = ()
    outlined: tuple[tuple[int, int], ...] = ()
    look: str = "data"


@dataclass(frozen=True)
class Figure:
    """A chart or photo as PNG or JPEG bytes, drawn `width` points wide."""

    image: bytes
    width: float
    caption: str = ""


@dataclass(frozen=True)
class Note:
    """A boxed remark the reader must not miss (a photo not shown, an unsigned copy)."""

    title: str
    text: str


@dataclass(frozen=True)
class Chart:
    """A chart as a ReportLab Drawing: drawn as vectors in the PDF, as a picture in Word."""

    drawing: Any
    width: float
    key: tuple[Any, ...] | None = None  # what it shows: the same key, the same picture


@dataclass(frozen=True)
class Photo:
    """A photo in a gallery: JPEG bytes drawn `width` by `height` points, and its caption."""

    jpeg: bytes
    width: float
    height: float
    caption: str


@dataclass(frozen=True)
class Missing:
    """A photo that is not shown, in its place: why, and its caption."""

    title: str
    reason: str
    caption: str


@dataclass(frozen=True)
class Gallery:
    """Photos two to a row, `cell` points wide, each with its caption."""

    items: tuple[Photo | Missing, ...]
    cell: float
    gutter: float


@dataclass(frozen=True)
class Columns:
    """Blocks side by side (None: an empty column, a gutter)."""

    parts: tuple[Block | None, ...]
    widths: tuple[float, ...]


@dataclass(frozen=True)
class Panel:
    """A shaded box with a rule on its left: a label, a value and its explanation."""

    paras: tuple[Para, ...]
    width: float


@dataclass(frozen=True)
class SignatureBox:
    """One signer's box: the signature (only ever in the signed PDF) and who signs."""

    heading: str
    name: str
    role: str
    organisation: str
    date_text: str
    signature: bytes | None


@dataclass(frozen=True)
class Signatures:
    boxes: tuple[SignatureBox, ...]
    width: float  # of each box


@dataclass(frozen=True)
class CopyNotice:
    """Where an editable copy says that it is not the signed original (a PDF needs none:
    it is the original, or a draft that says so on every page)."""


@dataclass(frozen=True)
class Keep:
    """Blocks kept on one page (a heading with what it introduces)."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Space:
    """Vertical space, in millimetres."""

    mm: float


@dataclass(frozen=True)
class Need:
    """A new page unless `mm` millimetres are left on this one."""

    mm: float


@dataclass(frozen=True)
class EndOfBlock:
    """Where an element's findings end: a page after it needs no "(continued)"."""


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Contents:
    """Where the table of contents goes (the Word writer puts a TOC field there)."""

    title: str


Block = (Heading | Para | Bullets | Table | Figure | Note | PageBreak | Contents | Chart
         | Gallery | Columns | Panel | Signatures | CopyNotice | Keep | Space | Need
         | EndOfBlock)


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class Cover:
    """The cover's words, the same as the PDF's cover."""

    kicker: str
    client: str
    title: str
    subtitle: str
    facts: tuple[Fact, ...]
    text: str = ""


@dataclass
class Document:
    """The whole report: its cover (when chosen), its blocks in order, its page furniture."""

    title: str
    client: str
    firm: str
    cover: Cover | None
    blocks: list[Block] = field(default_factory=list)
    footer: str = ""
    confidentiality: str = ""
    copy_notice: str = ""  # on every page of a copy that is not the signed original
    warnings: list[str] = field(default_factory=list)

    def headings(self) -> list[Heading]:
        """Every heading, in order, those in kept groups and side-by-side parts too."""
        found: list[Heading] = []

        def walk(blocks: Iterable[Block | None]) -> None:
            for b in blocks:
                if isinstance(b, Heading):
                    found.append(b)
                elif isinstance(b, Keep):
                    walk(b.blocks)
                elif isinstance(b, Columns):
                    walk(b.parts)

        walk(self.blocks)
        return found
