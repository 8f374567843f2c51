"""One report model, two writers: every kind of block, written as PDF (pdf_render) and as
Word (exports/docx), says the same words in both."""

from __future__ import annotations

import io
import subprocess

import docx
from PIL import Image
from reportlab.platypus import SimpleDocTemplate

from workbench.exports.brand import load_brand
from workbench.exports.docx import write_docx
from workbench.exports.report import charts, pdf_render
from workbench.exports.report import document as m
from workbench.exports.report.blocks import chart, data_table, facts, kpi_tiles, level_chip
from workbench.exports.report.context import Context
from workbench.exports.report.richtext import plain, rich
from workbench.exports.report.styles import make_styles

HOSTILE = 'Owner <b>"R&D"</b> & co'


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 80), (40, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def every_block(ctx: Context) -> list[m.Block]:
    s = ctx.styles
    table = data_table(s, ["Code", "Owner", "Level"],
                       [["D1.1", HOSTILE, level_chip(s, 3, "3 Defined")]],
                       [40, 200, 90], centred=[2], level_cells=[(2, 0, 3)], outlined=[(1, 0)])
    return [
        m.Heading(1, "Findings", "findings", "1"), plain("The subtitle", "h1_sub"),
        m.Keep((m.Heading(4, "Kept together"), rich("Some <b>bold</b> and <i>italic</i>"))),
        m.Bullets((plain("First point", "bullet"), plain(HOSTILE, "bullet"))),
        m.Space(3), m.Need(40), table,
        facts(ctx, [("Score", "8.4 of 20"), ("Level", "3 Defined")], 3, 1),
        kpi_tiles(s, [("Total", "386.1", "of 1000", None), ("Level", "2", "Developing", 2)],
                  ctx.width),
        chart(charts.legend, s, ctx.width),
        m.Columns((plain("Left column"), None, plain("Right column")), (200, 20, 200)),
        m.Panel((plain("LABEL", "label"), plain("abcd1234", "hash")), ctx.width),
        m.Gallery((m.Photo(jpeg(), 120, 80, "A board photo"),
                   m.Missing("Photo not shown: x.jpg", "damaged", "Broken photo")), 200, 17),
        m.Figure(jpeg(), 100, "A figure"), m.Note("A note", "Read this"),
        m.Signatures((m.SignatureBox("For Acme", "Ann Lee", "Lead assessor", "Acme",
                                     "1 May 2026", None),), 200),
        m.CopyNotice(), m.EndOfBlock(), m.PageBreak(), plain("The last words"),
    ]


def test_every_block_says_the_same_in_the_pdf_and_in_word() -> None:
    brand = load_brand("default")
    styles = make_styles(brand)
    ctx = Context(None, styles, frozenset())  # type: ignore[arg-type]  # blocks need no data
    blocks = every_block(ctx)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(pdf_render.flowables(ctx, blocks))
    pdf = subprocess.run(["pdftotext", "-", "-"], input=buffer.getvalue(),
                         capture_output=True, check=True).stdout.decode()
    document = m.Document("Title", "Client", "Firm", None, blocks, copy_notice="Not signed")
    word = docx.Document(io.BytesIO(write_docx(document, brand)))
    texts = [p.text for p in word.paragraphs] + [
        c.text for t in word.tables for r in t.rows for c in r.cells]
    text = "\n".join(texts)
    for words in ("Findings", "The subtitle", "Kept together", "bold", "First point",
                  "D1.1", "3 Defined", "8.4 of 20", "386.1", "Left column", "Right column",
                  "abcd1234", "A board photo", "Broken photo", "Ann Lee", "The last words"):
        assert words in pdf, words
        assert words in text, words
    assert HOSTILE in text and HOSTILE.replace(" ", "") in pdf.replace(" ", "")
    assert "Not signed" in text and "Not signed" not in pdf  # only a copy says so
    assert "1  Findings" in [p.text for p in word.paragraphs
                             if p.style is not None and p.style.name == "Heading 1"]
