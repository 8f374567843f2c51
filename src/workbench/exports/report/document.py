"""A format-neutral report document: what the report says, for any writer (the Word one).

The PDF's sections decide the words once; `story_model.document_from_story` reads their
flowables into these blocks, so the Word report and the PDF never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A stretch of text with one look; `text` is literal (never markup)."""

    text: str
    bold: bool = False
    italic: bool = False
    colour: str | None = None  # "RRGGBB"
    line_break: bool = False  # a line break before this run's text


@dataclass(frozen=True)
class Para:
    """A paragraph; `kind` says what it is for: body, muted, caption, label, hash, cell…"""

    runs: tuple[Run, ...]
    kind: str = "body"

    @property
    def text(self) -> str:
        return "".join(("\n" if r.line_break else "") + r.text for r in self.runs)


@dataclass(frozen=True)
class Heading:
    """A heading of level 1 (a section) to 4; `key` is the section or element it opens."""

    level: int
    text: str
    key: str = ""


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
    """A data table (its header row repeats on each page), or a grid without a header."""

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]  # points; the writer scales them to the page


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
class PageBreak:
    pass


@dataclass(frozen=True)
class Contents:
    """Where the table of contents goes (the Word writer puts a TOC field there)."""

    title: str


Block = Heading | Para | Bullets | Table | Figure | Note | PageBreak | Contents


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
        return [b for b in self.blocks if isinstance(b, Heading)]
