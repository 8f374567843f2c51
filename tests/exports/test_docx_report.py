"""The Word report read back with python-docx: structure, the core's figures, literal text."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.table import Table

from tests.exports.test_report_build import photo
from workbench.core.display import score_text
from workbench.core.engagement import Action, FindingKind, Priority
from workbench.core.scoring import ScoreResult
from workbench.exports.brand import load_brand
from workbench.exports.docx import write_docx
from workbench.exports.report import RevisionEntry, Signer, SignOffInfo, build_document
from workbench.services import actions, assessment, attachments, report, scores, word_report
from workbench.services.demo import create_demo
from workbench.services.session import Session

HOSTILE = ["x<y", "AT&T", "<b>unclosed", "<img src=/etc/passwd>", "]]>&amp;", "שלום עולם",
           "مرحبا بالعالم", "Zoë 🚀 Łódź"]
SECTIONS = ["1  Executive summary", "2  Maturity profile",
            "3  Findings by dimension", "4  Improvement plan",
            "5  How the team reached its ratings", "6  Methodology", "7  Sign-off",
            "A  Scope and evidence base"]  # the demo's site-visit log


def all_text(doc: WordDocument) -> str:
    """Every paragraph's and every table cell's text, headers and footers included."""
    parts = [p.text for p in doc.paragraphs]

    def table_text(table: Table) -> None:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    table_text(inner)

    for table in doc.tables:
        table_text(table)
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def headings(doc: WordDocument, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style is not None
            and p.style.name == f"Heading {level}"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[tuple[Path, WordDocument, ScoreResult, Session, str]]:
    """The demo with hostile text and a photo, exported once as a Word report."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(home))
        mp.setenv("XDG_CACHE_HOME", str(home / "cache"))
        mp.setenv("XDG_DATA_HOME", str(home / "data"))
        session = Session.open(home / "report.sqlite3")
        try:
            eid = create_demo(session)
            assessment.set_notes(session, eid, "D1.1", "\n".join(HOSTILE) + "\nbell\x07end")
            assessment.add_finding(session, eid, "D1.2", FindingKind.STRENGTH,
                                   "R&D <i>works</i> & ships")
            actions.add(session, eid, Action("D3.1", "Fix <script>alert(1)</script> & more",
                                             "Zoë Müller", Priority.HIGH, "2027-05-01"))
            attachments.attach_bytes(session, eid, "D4.1", "board.jpg", photo(),
                                     caption="Board <b>photo</b> & notes")
            path = home / "report.docx"
            result = word_report.export_docx(session, eid, path)
            assert result.path == path
            yield path, docx.Document(str(path)), scores.score(session, eid), session, eid
        finally:
            session.close()


def test_the_sections_are_word_headings_in_order(built: tuple) -> None:  # type: ignore[type-arg]
    doc = built[1]
    assert headings(doc, 1) == SECTIONS
    # The contents page's title is Word's TOC Heading: the contents never list themselves.
    assert [p.text for p in doc.paragraphs if p.style is not None
            and p.style.name == "TOC Heading"] == ["Contents"]
    level2 = headings(doc, 2)
    for heading in ("D1  Define", "D6  Devise", "Element profile", "Enabler profile"):
        assert heading in level2, heading


def test_every_dimension_and_element_code_is_a_heading(built: tuple) -> None:  # type: ignore[type-arg]
    doc, result = built[1], built[2]
    level2 = " ".join(headings(doc, 2))
    level3 = [h.split()[0] for h in headings(doc, 3)]
    for code in result.dimensions:
        assert f"{code}  " in level2, code
    for code in result.elements:
        assert code in level3, code


def test_the_scores_equal_the_cores(built: tuple) -> None:  # type: ignore[type-arg]
    doc, result = built[1], built[2]
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:4]
                 == ["Code", "Dimension", "Category", "Score"])
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    for code, dim in result.dimensions.items():
        row = rows[code]
        assert row[3] == score_text(dim.score), code
        assert row[6].startswith(f"{dim.level} "), code
    total = next(r for r in table.rows if r.cells[1].text == "Total")
    assert total.cells[3].text == score_text(result.total)
    assert total.cells[6].text.startswith(f"{result.level} ")
    text = re.sub(r"\s+", " ", all_text(doc))
    assert f"scored {score_text(result.total)} of 1000 points" in text
    for code, element in result.elements.items():
        assert f"{score_text(element.score)} of {element.points:g}" in text, code


def test_user_text_is_literal(built: tuple) -> None:  # type: ignore[type-arg]
    text = all_text(built[1])
    for item in [*HOSTILE, "R&D <i>works</i> & ships", "Fix <script>alert(1)</script> & more",
                 "Board <b>photo</b> & notes", "bellend"]:
        assert item in text, item
    assert "&amp;" not in text.replace("]]>&amp;", "")  # never escaped twice
    hebrew = next(p for p in built[1].paragraphs + [
        p for t in built[1].tables for r in t.rows for c in r.cells for p in c.paragraphs]
        if "שלום" in p.text)
    assert hebrew.text  # the Hebrew line is kept in its logical order
    assert "שלום עולם" in hebrew.text


def test_tables_repeat_their_header_rows_and_pages_are_numbered(built: tuple) -> None:  # type: ignore[type-arg]
    doc = built[1]
    headers = [t for t in doc.tables
               if t.rows[0]._tr.trPr is not None
               and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(headers) > 20
    for table in headers:
        assert table.style is not None and table.style.name == "Table Grid"
    footer = doc.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert doc.sections[0].different_first_page_header_footer  # a clean cover


def test_the_charts_and_the_photo_are_pictures(built: tuple) -> None:  # type: ignore[type-arg]
    with zipfile.ZipFile(built[0]) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
    # The level scale, the radar, the element and enabler bars, the legend (once), the photo.
    assert len([n for n in media if n.endswith(".png")]) >= 5
    assert [n for n in media if n.endswith((".jpg", ".jpeg"))]


def test_a_draft_says_it_is_not_signed(built: tuple) -> None:  # type: ignore[type-arg]
    text = re.sub(r"\s+", " ", all_text(built[1]))
    assert "editable copy of a draft report and is not signed" in text


def test_a_signed_report_in_word_is_never_presented_as_signed(built: tuple) -> None:  # type: ignore[type-arg]
    session, eid = built[3], built[4]
    import datetime as dt

    signature = photo(300, 100, (10, 10, 10))
    signed = SignOffInfo(signers=(Signer("Amira Haddad", "Lead assessor", "Your firm",
                                         dt.date(2026, 11, 20), signature),),
                         revision=3, content_hash="ab" * 32, signed_on=dt.date(2026, 11, 20),
                         history=(RevisionEntry(3, dt.date(2026, 11, 20), "Signed off"),))
    data = report.report_input(session, eid, signoff=signed)
    brand = load_brand("default")
    content = write_docx(build_document(data, brand), brand)
    doc = docx.Document(io.BytesIO(content))
    text = re.sub(r"\s+", " ", all_text(doc))
    assert ("The signed original is the PDF report, revision 3, signed off on 20 November "
            f"2026, content hash (SHA-256) {'ab' * 32}") in text
    assert "Signature: only on the signed PDF" in text
    assert "Attached to this PDF" not in text
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        pictures = [package.read(n) for n in package.namelist() if n.startswith("word/media/")]
    assert signature not in pictures  # the drawn signature stays in the PDF


def test_sections_can_be_chosen(built: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    session, eid = built[3], built[4]
    path = tmp_path / "short.docx"
    word_report.export_docx(session, eid, path, sections=["summary", "methodology"])
    doc = docx.Document(str(path))
    assert headings(doc, 1) == ["1  Executive summary", "2  Methodology"]
    assert "CLIENT" not in all_text(doc)  # no cover


def test_a_failed_export_leaves_nothing(built: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    from workbench.core.errors import WorkbenchError

    session, eid = built[3], built[4]
    with pytest.raises(WorkbenchError, match="unknown report section"):
        word_report.export_docx(session, eid, tmp_path / "x.docx", sections=["nope"])
    assert not (tmp_path / "x.docx").exists()
    with pytest.raises(WorkbenchError):
        word_report.export_docx(session, eid, tmp_path)  # a folder, not a file
