"""The report model as the blocks a Word document holds: the layout wishes a PDF needs
(keep together, space, a page break when space runs out) dropped, charts drawn as pictures,
photo galleries, side-by-side tables and signature boxes in reading order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from workbench.exports.docx.raster import chart_picture
from workbench.exports.report import document as m

NOT_SIGNED = "Not the signed original"


def _signer(box: m.SignatureBox) -> m.Para:
    """A signer as plain lines: a Word copy is never signed."""
    lines = [m.Run(box.heading, bold=True)]
    lines.append(m.Run(f"Name: {box.name}" if box.name else "Name:", line_break=True))
    if box.role:
        lines.append(m.Run(box.role, line_break=True))
    if box.date_text:
        lines.append(m.Run(f"Date: {box.date_text}", line_break=True))
    lines.append(m.Run("Signature: only on the signed PDF", italic=True, line_break=True))
    return m.Para(tuple(lines), "signer")


def _signatures(block: m.Signatures) -> m.Table:
    """The signers two to a row, as a grid without borders (a column only where needed)."""
    cells = [m.Cell((_signer(b),)) for b in block.boxes]
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
    columns = 2 if len(cells) > 1 else 1
    return m.Table((), tuple(tuple(r + [m.Cell(())] * (columns - len(r))) for r in rows),
                   (block.width,) * columns)


def _blocks(blocks: Iterable[m.Block], notice: str) -> Iterator[m.Block]:
    for block in blocks:
        if isinstance(block, m.Keep):
            yield from _blocks(block.blocks, notice)
        elif isinstance(block, m.Columns):
            yield from _blocks([p for p in block.parts if p is not None], notice)
        elif isinstance(block, m.Chart):
            yield m.Figure(chart_picture(block.drawing, block.key), float(block.width))
        elif isinstance(block, m.Gallery):
            for item in block.items:
                if isinstance(item, m.Photo):
                    yield m.Figure(item.jpeg, float(item.width))
                else:
                    yield m.Note(item.title, item.reason)
                yield m.Para((m.Run(item.caption),), "caption")
        elif isinstance(block, m.Panel):
            yield from block.paras
        elif isinstance(block, m.Signatures):
            yield _signatures(block)
        elif isinstance(block, m.CopyNotice):
            yield m.Note(NOT_SIGNED, notice)
        elif isinstance(block, m.Para):
            if not block.pdf_only and block.text.strip():
                yield block
        elif isinstance(block, (m.Space, m.Need, m.EndOfBlock)):
            continue
        else:
            yield block


def word_blocks(document: m.Document) -> list[m.Block]:
    """The document's blocks as the Word writer writes them, without a page break first,
    last or twice in a row."""
    out: list[m.Block] = []
    for block in _blocks(document.blocks, document.copy_notice):
        if isinstance(block, m.PageBreak) and (not out or isinstance(out[-1], m.PageBreak)):
            continue
        out.append(block)
    while out and isinstance(out[-1], m.PageBreak):
        out.pop()
    return out
