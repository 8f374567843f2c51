"""The workbook's "Interviews" and "Documents reviewed" sheets, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import openpyxl

from workbench.core.engagement import EngagementDetails
from workbench.core.site_log import Interview, Person, ReviewedDocument
from workbench.exports.workbook.layout import DOCUMENTS_REVIEWED, EVIDENCE, INTERVIEWS
from workbench.services import attachments, engagements, workbook
from workbench.services import site_log as log
from workbench.services.session import Session


def test_the_demo_log_is_in_two_sheets(session: Session, demo_id: str, tmp_path: Path) -> None:
    pdf = attachments.attach_bytes(session, demo_id, "D2.1", "strategy.pdf", b"%PDF-1.4 s")
    log.add_document(session, demo_id, ReviewedDocument("Board paper", "COO", "v1", ("D2.1",),
                                                         pdf.item_id))
    log.add_interview(session, demo_id, Interview(None, (Person("Jo Bloggs"),), "Walk-round",
                                                  ("E1",)))
    path = workbook.export(session, demo_id, tmp_path / "demo.xlsx")
    wb = openpyxl.load_workbook(path)
    names = wb.sheetnames
    assert names.index(EVIDENCE) < names.index(INTERVIEWS) < names.index(DOCUMENTS_REVIEWED)
    ws = wb[INTERVIEWS]
    assert [c.value for c in ws[4]] == ["Date", "Role", "Name", "Topics", "Elements"]
    assert ws.freeze_panes == "A5" and ws.print_title_rows == "$4:$4"
    assert "not imported" in ws["A2"].value
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5) if r[0].value is not None]
    assert len(rows) == 7
    first = rows[0]
    assert first[0] == dt.datetime(2026, 11, 2)  # a real date, shown as a date
    assert ws["A5"].number_format == "yyyy-mm-dd"
    assert (first[1], first[2]) == ("Chief Customer Officer", "Helen Okafor")
    assert first[4] == "D1.3, D2.1, D2.2" and ws["E5"].data_type == "s"
    assert rows[-1][:3] == ["Undated", "–", "Jo Bloggs"]  # undated last, no role
    two = next(r for r in rows if r[2] and "\n" in r[2])
    assert two[1].split("\n")[0] and len(two[1].split("\n")) == len(two[2].split("\n"))
    ws = wb[DOCUMENTS_REVIEWED]
    assert [c.value for c in ws[4]] == ["Title", "Owner", "Version or date", "Elements",
                                        "Attached file"]
    docs = [[c.value for c in r] for r in ws.iter_rows(min_row=5) if r[0].value is not None]
    assert docs[0][:3] == ["Customer experience strategy 2026–2028", "Helen Okafor", "v2.1"]
    assert docs[-1] == ["Board paper", "COO", "v1", "D2.1", "strategy.pdf"]
    assert ws.auto_filter.ref == f"A4:E{4 + len(docs)}"
    assert ws.page_setup.orientation == wb[EVIDENCE].page_setup.orientation


def test_an_empty_log_says_so(session: Session, tmp_path: Path) -> None:
    eid = engagements.create(session, EngagementDetails("Acme", "", "", "Ana")).engagement_id
    wb = openpyxl.load_workbook(workbook.export(session, eid, tmp_path / "empty.xlsx"))
    assert wb[INTERVIEWS]["A5"].value == "No interviews recorded in the site-visit log."
    assert wb[DOCUMENTS_REVIEWED]["A5"].value == "No documents recorded in the site-visit log."


def test_the_demo_workbook_stays_fast(session: Session, demo_id: str, tmp_path: Path) -> None:
    workbook.export(session, demo_id, tmp_path / "warm.xlsx")  # imports and caches
    best = min(_timed(session, demo_id, tmp_path / f"t{n}.xlsx") for n in range(3))
    assert best < 1.0  # generous for a loaded test machine; bench/ measures the real figure


def _timed(session: Session, eid: str, path: Path) -> float:
    start = time.perf_counter()
    workbook.export(session, eid, path)
    return time.perf_counter() - start
