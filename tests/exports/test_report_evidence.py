"""The appendix "Scope and evidence base": the site-visit log in the PDF and the Word report,
read back with pdftotext and python-docx."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from tests.exports.test_report_truth import page_texts
from workbench.core.site_log import Interview, Person, ReviewedDocument
from workbench.services import attachments, report, site_log, word_report
from workbench.services.demo import create_demo
from workbench.services.session import Session

HOSTILE = 'Budget <b>& "escalation"</b> </table> ]]> R&D'
TITLE = "CX strategy <v2> & roadmap"


@pytest.fixture(scope="module")
def logged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Session, str, Path]]:
    home = tmp_path_factory.mktemp("log")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(home))
        mp.setenv("XDG_CACHE_HOME", str(home / "cache"))
        mp.setenv("XDG_DATA_HOME", str(home / "data"))
        session = Session.open(home / "log.sqlite3")
        try:
            eid = create_demo(session)
            for item in list(site_log.interviews(session, eid)):  # the demo's own log, if any
                assert item.id is not None
                site_log.remove_interview(session, eid, item.id)
            for doc in list(site_log.documents(session, eid)):
                assert doc.id is not None
                site_log.remove_document(session, eid, doc.id)
            site_log.add_interview(session, eid, Interview(
                "2026-11-03", (Person("Dana Whitfield", "Head of customer experience"),
                               Person("Olu Mensah", "Contact-centre team lead")),
                HOSTILE, ("D1.1", "D2.6")))
            site_log.add_interview(session, eid, Interview(
                None, (Person("Priya Natarajan"),), "Walk-through of the complaints process",
                ("D4.1",)))
            change = attachments.attach_bytes(session, eid, "D1.1", "cx-strategy.pdf",
                                              b"%PDF-1.4\n%test\n", caption="Strategy")
            site_log.add_document(session, eid, ReviewedDocument(
                TITLE, "Chief customer officer", "v2.1, March 2026", ("D1.1", "D1.2"),
                attachment_id=change.item_id))
            site_log.add_document(session, eid, ReviewedDocument("Complaints policy"))
            yield session, eid, home
        finally:
            session.close()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_pdf_has_the_appendix_listed_in_the_contents(logged: tuple[Session, str, Path]
                                                         ) -> None:
    session, eid, home = logged
    pdf = home / "log.pdf"
    report.export(session, eid, pdf, deterministic=True)
    pages = page_texts(pdf)
    contents = next(p for p in pages if "The sections of this report" in p)
    assert "A Scope and evidence base" in contents
    appendix = " ".join(p for p in pages if "Scope and evidence base" in p
                        and "The sections of this report" not in p)
    assert "Interviews (2)" in appendix and "Documents reviewed (2)" in appendix
    for words in ("3 November 2026", "Head of customer experience Dana Whitfield",
                  "Contact-centre team lead Olu Mensah", "Priya Natarajan", "Undated",
                  "Chief customer officer", "Attached: cx-strategy.pdf", "D1.1, D2.6",
                  "2 interviews with 3 people and 2 documents"):
        assert words in appendix, words
    # User text is printed literally: every character, no markup taken as markup.
    flat = appendix.replace(" ", "")
    assert HOSTILE.replace(" ", "") in flat and TITLE.replace(" ", "") in flat


def test_the_word_report_has_the_appendix_as_real_tables(logged: tuple[Session, str, Path]
                                                          ) -> None:
    session, eid, home = logged
    path = home / "log.docx"
    word_report.export_docx(session, eid, path)
    doc = docx.Document(str(path))
    headings = [p.text for p in doc.paragraphs if p.style is not None
                and p.style.name == "Heading 1"]
    assert headings[-1] == "A  Scope and evidence base"
    tables = {tuple(c.text for c in t.rows[0].cells): t for t in doc.tables}
    interviews = tables[("Date", "People (role and name)", "Topics", "Elements informed")]
    rows = [[c.text for c in r.cells] for r in interviews.rows[1:]]
    assert rows[0] == ["3 November 2026",
                       "Head of customer experience\nDana Whitfield\n"
                       "Contact-centre team lead\nOlu Mensah", HOSTILE, "D1.1, D2.6"]
    assert rows[1] == ["Undated", "Priya Natarajan", "Walk-through of the complaints process",
                       "D4.1"]
    documents = tables[("Document", "Owner", "Version or date", "Elements supported",
                        "On file")]
    assert [[c.text for c in r.cells] for r in documents.rows[1:]] == [
        [TITLE, "Chief customer officer", "v2.1, March 2026", "D1.1, D1.2",
         "Attached: cx-strategy.pdf"],
        ["Complaints policy", "–", "–", "–", "–"]]
    assert interviews.rows[0]._tr.trPr is not None  # a header row that repeats


def test_the_appendix_alone_and_no_appendix_without_a_log(logged: tuple[Session, str, Path],
                                                          tmp_path: Path) -> None:
    session, eid, _ = logged
    alone = tmp_path / "alone.pdf"
    report.export(session, eid, alone, sections=["evidence"])
    text = squeeze(" ".join(page_texts(alone)))
    assert "Scope and evidence base" in text and "Executive summary" not in text
    empty = create_demo(session)
    for item in site_log.interviews(session, empty):
        assert item.id is not None
        site_log.remove_interview(session, empty, item.id)
    for doc in site_log.documents(session, empty):
        assert doc.id is not None
        site_log.remove_document(session, empty, doc.id)
    pdf, word = tmp_path / "empty.pdf", tmp_path / "empty.docx"
    report.export(session, empty, pdf)
    word_report.export_docx(session, empty, word)
    assert "Scope and evidence base" not in " ".join(page_texts(pdf))
    assert all("Scope and evidence" not in p.text for p in docx.Document(str(word)).paragraphs)
