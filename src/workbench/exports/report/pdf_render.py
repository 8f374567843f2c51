"""The report model (document.py) as ReportLab flowables: the PDF's look of every block.

Headings become the numbered, bookmarked headings of context.Heading; tables take the house
style (flowables.py); charts stay vector drawings; the layout wishes (keep together, space,
a page break when space runs out) become their ReportLab twins.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from workbench.exports.report import document as m
from workbench.exports.report.context import Context, EndOfBlock, heading
from workbench.exports.report.flowables import (
    ContentsSpace,
    Placeholder,
    SignatureBlock,
    house_table,
)
from workbench.exports.report.richtext import to_markup
from workbench.exports.report.styles import ReportStyles
from workbench.exports.report.text import markup
from workbench.exports.report.writing import Paragraph


def flowables(ctx: Context, blocks: Iterable[m.Block]) -> list[Flowable]:
    """The blocks' flowables, in order."""
    out: list[Flowable] = []
    for block in blocks:
        _one(ctx, block, out)
    return out


def paragraph(styles: ReportStyles, para: m.Para) -> Paragraph:
    return Paragraph(to_markup(para.runs), styles[para.kind])


def _one(ctx: Context, block: m.Block, out: list[Flowable]) -> None:
    s = ctx.styles
    if isinstance(block, m.Para):
        out.append(paragraph(s, block))
    elif isinstance(block, m.Heading):
        if block.level >= 4:
            out.append(Paragraph(markup(block.title), s[block.style or "h4"]))
        else:
            out.append(heading(ctx, block.title, block.level - 1, block.key, block.number,
                               block.in_contents, block.style or None))
    elif isinstance(block, m.Bullets):
        out += [Paragraph(to_markup(p.runs), s["bullet"], bulletText="•")
                for p in block.items]
    elif isinstance(block, m.Table):
        out.append(table(s, block))
    elif isinstance(block, m.Chart):
        out.append(block.drawing)
    elif isinstance(block, m.Keep):
        out.append(KeepTogether(flowables(ctx, block.blocks)))
    elif isinstance(block, m.Space):
        out.append(Spacer(1, block.mm * mm))
    elif isinstance(block, m.Need):
        out.append(CondPageBreak(block.mm * mm))
    elif isinstance(block, m.EndOfBlock):
        out.append(EndOfBlock())
    elif isinstance(block, m.PageBreak):
        out.append(PageBreak())
    elif isinstance(block, m.Contents):
        out.append(ContentsSpace(ctx.contents))
    elif isinstance(block, m.Gallery):
        out.append(_gallery(s, block))
    elif isinstance(block, m.Columns):
        out.append(_columns(ctx, block))
    elif isinstance(block, m.Panel):
        out.append(_panel(s, block))
    elif isinstance(block, m.Signatures):
        out.append(_signatures(s, block))
    elif isinstance(block, m.Figure):
        w, h = ImageReader(io.BytesIO(block.image)).getSize()
        image = Image(io.BytesIO(block.image), width=block.width,
                      height=block.width * h / max(1, w))
        image.hAlign = "LEFT"
        out.append(image)
    elif isinstance(block, m.Note):
        out.append(Paragraph(f"<b>{markup(block.title)}</b><br/>{markup(block.text)}",
                             s["notice"]))
    # CopyNotice: a PDF is the original, or a draft that says so on every page.


def _cell(styles: ReportStyles, cell: m.Cell) -> Any:
    paras = [paragraph(styles, p) for p in cell.paras]
    if not paras:
        return ""
    return paras[0] if len(paras) == 1 else paras


def _fill(hex_colour: str) -> colors.Color:
    return colors.HexColor("#" + hex_colour)


def table(styles: ReportStyles, block: m.Table) -> Table:
    if block.look == "tiles":
        return _tiles(styles, block)
    if block.look == "facts":
        return _facts(styles, block)
    return _data_table(styles, block)


def _data_table(styles: ReportStyles, block: m.Table) -> Table:
    """A table in the house style: brand header repeated on each page, zebra rows, numbers
    right-aligned, rows never split across pages, level colours in their cells."""
    data = [[_cell(styles, c) for c in block.header]]
    data += [[_cell(styles, c) for c in row] for row in block.rows]
    result = house_table(styles, data, colWidths=list(block.widths), repeatRows=1,
                         splitByRow=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), styles.primary),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, styles.rule),
    ]
    for r in range(1, len(data)):
        if r % 2 == 0:
            commands.append(("BACKGROUND", (0, r), (-1, r), styles.zebra))
    for r in block.bold_rows:
        commands.append(("LINEABOVE", (0, r + 1), (-1, r + 1), 0.8, styles.ink))
    for r, cells in enumerate(block.rows):
        for c, cell in enumerate(cells):
            if cell.fill:
                commands.append(("BACKGROUND", (c, r + 1), (c, r + 1), _fill(cell.fill)))
    result.setStyle(TableStyle(commands))
    if block.outlined:  # to agree: a dashed outline, not a colour of the scale
        outline = styles.hex(styles.neutral("needs_consensus").outline or "#3D4850")
        for col, row in block.outlined:
            result.setStyle(TableStyle([
                ("BACKGROUND", (col, row + 1), (col, row + 1), "#FFFFFF"),
                ("BOX", (col, row + 1), (col, row + 1), 0.8, outline, None, (2, 2))]))
    return result


def _tiles(styles: ReportStyles, block: m.Table) -> Table:
    """A row of key figures, each tile in its level's colour (or the zebra's)."""
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ("LEFTPADDING", (0, 0), (-1, -1), 9), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ]
    row = block.rows[0]
    for i, cell in enumerate(row):
        commands.append(("BACKGROUND", (i, 0), (i, 0), _fill(cell.fill or "FFFFFF")))
        commands.append(("LINEABOVE", (i, 0), (i, 0), 2.2, styles.primary))
    result = house_table(styles, [[[paragraph(styles, p) for p in c.paras] for c in row]],
                         colWidths=list(block.widths), hAlign="LEFT")
    commands.append(("LINEAFTER", (0, 0), (-2, 0), 3, colors.white))
    result.setStyle(TableStyle(commands))
    return result


def _facts(styles: ReportStyles, block: m.Table) -> Table:
    """A band of key figures under an element's or a dimension's heading."""
    row = block.rows[0]
    result = house_table(styles, [[[paragraph(styles, p) for p in c.paras] for c in row]],
                         colWidths=list(block.widths), hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, -1), styles.zebra),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, styles.primary),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for c, cell in enumerate(row):
        if cell.fill:
            commands.append(("BACKGROUND", (c, 0), (c, 0), _fill(cell.fill)))
    result.setStyle(TableStyle(commands))
    return result


def _gallery(styles: ReportStyles, block: m.Gallery, columns: int = 2) -> Table:
    """Photos two to a row, each with its caption; refused photos as placeholders."""
    cell_w, gutter = block.cell, block.gutter
    max_h = cell_w * 0.75
    cells: list[Any] = []
    for item in block.items:
        caption = Paragraph(markup(item.caption), styles["caption"])
        if isinstance(item, m.Photo):
            image = Image(io.BytesIO(item.jpeg), width=item.width, height=item.height)
            image.hAlign = "LEFT"
            cells.append([image, caption])
        else:
            cells.append([Placeholder(styles, cell_w, max_h * 0.6, item.title, item.reason),
                          caption])
    rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
    for row in rows:
        row.extend([""] * (columns - len(row)))
    col_widths: list[float] = []
    for i in range(columns):
        col_widths.append(cell_w)
        if i < columns - 1:
            col_widths.append(gutter)
    spaced = [[part for i, c in enumerate(row) for part in ([c, ""] if i < columns - 1
                                                             else [c])] for row in rows]
    grid = house_table(styles, spaced, colWidths=col_widths, hAlign="LEFT", splitByRow=1)
    grid.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return grid


def _columns(ctx: Context, block: m.Columns) -> Table:
    """Blocks side by side: two small tables share a row rather than trail onto a page."""
    row: list[Any] = []
    for part in block.parts:
        if part is None:
            row.append("")
        else:
            found = flowables(ctx, [part])
            row.append(found[0] if len(found) == 1 else found)
    grid = house_table(ctx.styles, [row], colWidths=list(block.widths), hAlign="LEFT")
    grid.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return grid


def _panel(styles: ReportStyles, block: m.Panel) -> Table:
    box = house_table(styles, [[paragraph(styles, p)] for p in block.paras],
                      colWidths=[block.width], hAlign="LEFT")
    box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), styles.zebra),
                             ("LINEBEFORE", (0, 0), (0, -1), 2.5, styles.primary),
                             ("LEFTPADDING", (0, 0), (-1, -1), 9),
                             ("TOPPADDING", (0, 0), (-1, -1), 4),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return box


def _signatures(styles: ReportStyles, block: m.Signatures) -> Table:
    half = block.width
    boxes: Sequence[Any] = [SignatureBlock(styles, half, b.name, b.role, b.organisation,
                                           b.date_text, b.signature, b.heading)
                            for b in block.boxes]
    rows = [list(boxes[i:i + 2]) for i in range(0, len(boxes), 2)]
    for row in rows:
        if len(row) < 2:
            row.append("")
    grid = house_table(styles, [[r[0], "", r[1]] for r in rows],
                       colWidths=[half, 8 * mm, half], hAlign="LEFT")
    grid.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    return grid
