"""Building the report model's blocks in the house style: tables, key figures, level chips.

The sections call these; the words and the colours are decided here once, for the PDF and
the Word report alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from workbench.exports.report import document as m
from workbench.exports.report.context import Context
from workbench.exports.report.richtext import plain, rich
from workbench.exports.report.styles import ReportStyles
from workbench.exports.report.text import markup

CellValue = str | m.Para | m.Cell | tuple[m.Para, ...]


def hex_of(colour: object) -> str:
    """A ReportLab colour as "RRGGBB"."""
    return str(colour.hexval())[2:].upper()  # type: ignore[attr-defined]


def chart(draw: Callable[..., Any], styles: ReportStyles, *args: Any, **kwargs: Any) -> m.Chart:
    """A chart drawn by `draw(styles, *args, **kwargs)`, with a key naming what it shows
    (the drawing function, the brand, the figures), so a writer that makes a picture of it
    can keep the picture for the next report that shows the same."""
    drawing = draw(styles, *args, **kwargs)
    key = (f"{draw.__module__}.{draw.__qualname__}", styles.brand,
           repr((args, sorted(kwargs.items()))))
    return m.Chart(drawing, float(drawing.width), key)


def head(ctx: Context, title: str, level: int, key: str, number: str = "",
         in_contents: bool = True, style: str = "") -> m.Heading:
    """A heading; `level` 1 is a section, 2 a part of it, 3 an element."""
    return m.Heading(level, title, key, number, in_contents, style)


def sub(title: str) -> m.Heading:
    """A titled part inside a section or an element (out of the contents)."""
    return m.Heading(4, title)


def section_title(ctx: Context, section: str, title: str, subtitle: str) -> list[m.Block]:
    return [head(ctx, title, 1, section, ctx.number(section)), plain(subtitle, "h1_sub")]


def section_end() -> m.Need:
    """The end of a section: the next starts on a new page, unless the tail of this one
    left most of the page empty (then it starts below, and no page holds a lone table)."""
    return m.Need(135)


def gap(height_mm: float) -> m.Space:
    return m.Space(height_mm)


def need(height_mm: float) -> m.Need:
    """A new page unless `height_mm` of space is left (keeps headings with content)."""
    return m.Need(height_mm)


def keep(*blocks: m.Block) -> m.Keep:
    return m.Keep(tuple(blocks))


def bullets(items: Sequence[str]) -> m.Bullets:
    return m.Bullets(tuple(plain(item, "bullet") for item in items))


def level_chip(styles: ReportStyles, level: int | None, label: str) -> m.Para:
    """A level as text coloured for its cell (the cell itself carries the level colour)."""
    return m.Para((m.Run(label, bold=True, colour=hex_of(styles.level_text(level))),),
                  "cell_center")


def data_table(styles: ReportStyles, header: Sequence[str], rows: Sequence[Sequence[CellValue]],
               widths: Sequence[float], numeric: Sequence[int] = (),
               centred: Sequence[int] = (),
               level_cells: Sequence[tuple[int, int, int | None]] = (),
               bold_rows: Sequence[int] = (),
               outlined: Sequence[tuple[int, int]] = ()) -> m.Table:
    """A table in the house style; `level_cells` = (column, row, level) coloured cells."""
    fills = {(col, row): hex_of(styles.level_fill(level)) if level is not None else "FFFFFF"
             for col, row, level in level_cells}

    def head_cell(i: int, text: str) -> m.Cell:
        kind = "head_num" if i in numeric else "head_center" if i in centred else "head"
        return m.Cell((plain(text, kind),))

    def body_cell(i: int, r: int, value: CellValue) -> m.Cell:
        fill = fills.get((i, r))
        if isinstance(value, str):
            kind = "cell_num" if i in numeric else "cell_center" if i in centred else "cell"
            return m.Cell((plain(value, kind),), fill)
        if isinstance(value, m.Para):
            return m.Cell((value,), fill)
        if isinstance(value, m.Cell):
            return m.Cell(value.paras, fill or value.fill)
        return m.Cell(tuple(value), fill)

    return m.Table(tuple(head_cell(i, h) for i, h in enumerate(header)),
                   tuple(tuple(body_cell(i, r, v) for i, v in enumerate(row))
                         for r, row in enumerate(rows)),
                   tuple(widths), tuple(numeric), tuple(centred), tuple(bold_rows),
                   tuple(outlined))


def kpi_tiles(styles: ReportStyles, tiles: Sequence[tuple[str, str, str, int | None]],
              width: float) -> m.Table:
    """A row of key figures: (label, value markup, note, level for the tile's colour)."""
    cells = []
    for label, value, note, level in tiles:
        fill = styles.level_fill(level) if level is not None else styles.zebra
        text = hex_of(styles.level_text(level) if level is not None else styles.ink)
        cells.append(m.Cell((
            rich(f'<font color="#{text}">{markup(label.upper())}</font>', "kpi_label"),
            rich(f'<font color="#{text}">{value}</font>', "kpi_value"),
            rich(f'<font color="#{text}">{markup(note)}</font>', "kpi_note")),
            hex_of(fill)))
    return m.Table((), (tuple(cells),), (width / len(tiles),) * len(tiles), look="tiles")


def facts(ctx: Context, cells: Sequence[tuple[str, str]], level: int | None,
          level_col: int | None) -> m.Table:
    """A band of key figures under an element's or a dimension's heading: (label, value
    markup); the `level_col` cell in the level's colour."""
    s = ctx.styles
    row = []
    for i, (label, value) in enumerate(cells):
        if i == level_col and level is not None:
            colour = hex_of(s.level_text(level))
            row.append(m.Cell((
                rich(f'<font color="#{colour}">{markup(label.upper())}</font>', "label"),
                rich(f'<font color="#{colour}">{value}</font>', "cell_bold")),
                hex_of(s.level_fill(level))))
        else:
            row.append(m.Cell((plain(label.upper(), "label"), rich(value, "cell_bold"))))
    return m.Table((), (tuple(row),), (ctx.width / len(cells),) * len(cells), look="facts")
