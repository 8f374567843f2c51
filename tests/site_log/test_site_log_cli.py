"""`workbench interview …` and `workbench document …`: the CLI twins of the site-visit log."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from workbench.cli.main import main

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def eid(capsys: pytest.CaptureFixture[str]) -> str:
    code, out, _ = run(capsys, "engagement", "create", "--client", "Northwind", "--lead", "Ana")
    assert code == 0
    return out.strip()


def test_interviews_add_list_edit_remove(capsys: pytest.CaptureFixture[str], eid: str) -> None:
    code, out, _ = run(capsys, "interview", "add", eid, "--person",
                       "Helen Okafor:Chief Customer Officer", "--person", "Tom Reed",
                       "--topics", "Strategy and funding", "--date", "2026-11-03",
                       "--element", "D2.1", "--element", "D1.3")
    assert code == 0
    first = int(out)
    code, out, _ = run(capsys, "interview", "add", eid, "--person", "Sara:Team leader",
                       "--topics", "Complaints", "--date", "2026-11-02", "--element", "D5.2")
    second = int(out)
    listed = json.loads(run(capsys, "interview", "list", eid, "--json")[1])
    assert [i["id"] for i in listed] == [second, first]  # date order
    assert listed[1] == {"id": first, "held_on": "2026-11-03", "people": [
        {"name": "Helen Okafor", "role": "Chief Customer Officer"},
        {"name": "Tom Reed", "role": ""}], "topics": "Strategy and funding",
        "elements": ["D1.3", "D2.1"]}
    code, out, _ = run(capsys, "interview", "list", eid, "--element", "D5.2")
    assert "Sara (Team leader)" in out and "Helen" not in out
    assert run(capsys, "interview", "edit", eid, str(first), "--no-date", "--topics",
               "Strategy")[0] == 0
    listed = json.loads(run(capsys, "interview", "list", eid, "--json")[1])
    assert (listed[-1]["held_on"], listed[-1]["topics"]) == (None, "Strategy")
    assert listed[-1]["people"][0]["name"] == "Helen Okafor"  # kept: not given
    assert run(capsys, "interview", "remove", eid, str(second))[0] == 0
    assert [i["id"] for i in json.loads(run(capsys, "interview", "list", eid, "--json")[1])] \
        == [first]


def test_documents_with_an_attached_file(capsys: pytest.CaptureFixture[str], eid: str,
                                         tmp_path: Path) -> None:
    pdf = tmp_path / "strategy.pdf"
    pdf.write_bytes(PDF)
    code, out, err = run(capsys, "document", "add", eid, "--title", "CX strategy 2026-2028",
                         "--owner", "Helen Okafor", "--version", "v2.1", "--element", "D2.1",
                         "--element", "D2.2", "--attach", str(pdf))
    assert code == 0, err
    doc_id = int(out)
    [attached] = json.loads(run(capsys, "attachments", eid, "--json")[1])
    assert (attached["element"], attached["file"]) == ("D2.1", "strategy.pdf")
    [listed] = json.loads(run(capsys, "document", "list", eid, "--json")[1])
    assert listed == {"id": doc_id, "title": "CX strategy 2026-2028", "owner": "Helen Okafor",
                      "version": "v2.1", "elements": ["D2.1", "D2.2"],
                      "attachment": attached["id"], "file": "strategy.pdf"}
    # the same file again links the attachment it already is
    code, out, _ = run(capsys, "document", "add", eid, "--title", "Strategy annex",
                       "--element", "D2.1", "--attach", str(pdf))
    assert code == 0
    assert len(json.loads(run(capsys, "attachments", eid, "--json")[1])) == 1
    code, out, _ = run(capsys, "document", "list", eid, "--element", "D2.2")
    assert "CX strategy" in out and "annex" not in out
    assert run(capsys, "document", "edit", eid, str(doc_id), "--no-attachment")[0] == 0
    assert json.loads(run(capsys, "document", "list", eid, "--json")[1])[0]["attachment"] \
        is None
    assert run(capsys, "document", "remove", eid, str(doc_id))[0] == 0


@pytest.mark.parametrize(("args", "words"), [
    (("interview", "add", "{eid}", "--person", "A", "--topics", "t", "--element", "Q9"),
     "'Q9' is not an element or enabler"),
    (("interview", "add", "{eid}", "--person", "A", "--topics", "t", "--date", "02/11/2026"),
     "is not a date (YYYY-MM-DD)"),
    (("interview", "add", "{eid}", "--person", ":CFO", "--topics", "t"), "needs a name"),
    (("interview", "add", "{eid}", "--person", "A", "--topics", "x" * 6000),
     "topics of the interview is longer than 5,000 characters"),
    (("document", "add", "{eid}", "--title", "t" * 600), "title of a reviewed document"),
    (("document", "add", "{eid}", "--title", "Policy", "--attachment", "999"),
     "attachment #999 is not an attachment of this engagement"),
    (("document", "add", "{eid}", "--title", "Policy", "--attach", "{tmp}/strategy.pdf"),
     "--attach needs an --element"),
    (("document", "add", "{eid}", "--title", "Policy", "--element", "D2.1", "--attach",
      "{tmp}/missing.pdf"), "missing.pdf"),
    (("interview", "remove", "{eid}", "42"), "no interview #42"),
])
def test_hostile_input_is_one_clear_message_and_changes_nothing(
        capsys: pytest.CaptureFixture[str], eid: str, tmp_path: Path, args: tuple[str, ...],
        words: str) -> None:
    (tmp_path / "strategy.pdf").write_bytes(PDF)
    code, out, err = run(capsys, *(a.format(eid=eid, tmp=tmp_path) for a in args))
    assert code == 1 and out == ""
    assert words in err and err.count("\n") == 1 and "Traceback" not in err
    assert json.loads(run(capsys, "interview", "list", eid, "--json")[1]) == []
    assert json.loads(run(capsys, "document", "list", eid, "--json")[1]) == []
    assert json.loads(run(capsys, "attachments", eid, "--json")[1]) == []


def test_a_fifo_as_attach_is_refused_without_hanging(capsys: pytest.CaptureFixture[str],
                                                     eid: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    result: list[int] = []
    worker = threading.Thread(target=lambda: result.append(main(
        ["document", "add", eid, "--title", "Policy", "--element", "D2.1", "--attach",
         str(fifo)])), daemon=True)
    worker.start()
    worker.join(20)
    assert result == [1]
    assert "not a regular file" in capsys.readouterr().err
    assert json.loads(run(capsys, "document", "list", eid, "--json")[1]) == []


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], eid: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["interview", "add", eid, "--topics", "no person"])
    assert exit_.value.code == 2
    capsys.readouterr()
