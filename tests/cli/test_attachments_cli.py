"""`workbench attachments`, `caption` and `rotate`: the CLI twins of the attachments panel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from workbench.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_caption_and_rotate_from_the_command_line(capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path) -> None:
    code, out, _ = run(capsys, "engagement", "create", "--client", "Northwind", "--lead", "Ana")
    assert code == 0, out
    eid = out.strip()
    photo = tmp_path / "wall.jpg"
    Image.new("RGB", (60, 40), (10, 120, 200)).save(photo)
    assert run(capsys, "attach", eid, "D2.6", str(photo), "--caption", "Wall")[0] == 0
    code, out, _ = run(capsys, "attachments", eid, "--json")
    [item] = json.loads(out)
    assert (item["file"], item["caption"], item["width"]) == ("wall.jpg", "Wall", 60)
    assert run(capsys, "caption", eid, str(item["id"]), "The journey wall")[0] == 0
    code, out, _ = run(capsys, "rotate", eid, str(item["id"]))
    assert code == 0
    new_id = int(out.strip())
    code, out, _ = run(capsys, "attachments", eid, "D2.6")
    assert code == 0 and f"{new_id}" in out and "The journey wall" in out
    [turned] = json.loads(run(capsys, "attachments", eid, "--json")[1])
    assert (turned["id"], turned["width"], turned["height"]) == (new_id, 40, 60)


def test_bad_ids_and_documents_give_one_line_and_exit_1(capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    eid = run(capsys, "engagement", "create", "--client", "Northwind", "--lead", "Ana")[1].strip()
    doc = tmp_path / "minutes.pdf"
    doc.write_bytes(b"%PDF-1.4\n% minutes\n")
    assert run(capsys, "attach", eid, "D2.6", str(doc))[0] == 0
    [item] = json.loads(run(capsys, "attachments", eid, "--json")[1])
    for args in (("caption", eid, "999", "x"), ("rotate", eid, "999"),
                 ("rotate", eid, str(item["id"]))):
        code, _, err = run(capsys, *args)
        assert code == 1 and len(err.strip().splitlines()) == 1, (args, err)
    assert "not a photo" in err
    with pytest.raises(SystemExit) as usage:
        run(capsys, "rotate", eid, "x")
    assert usage.value.code == 2
