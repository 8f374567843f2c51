"""`workbench compare` and `workbench engagement set-baseline` / `duplicate`."""

from __future__ import annotations

import json

import pytest

from workbench.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def last_year(capsys: pytest.CaptureFixture[str]) -> str:
    code, out, _ = run(capsys, "engagement", "create", "--client", "C", "--lead", "Ann",
                       "--title", "CX 2025", "--start", "2025-11-03")
    assert code == 0
    eid = out.strip()
    for indicator in ("D1.1.1", "D1.1.2", "D1.1.3", "D2.6.1", "D2.6.2", "D2.6.3"):
        assert run(capsys, "rate", eid, indicator, "3")[0] == 0
    for element in ("D1.1", "D2.6"):
        assert run(capsys, "judge", eid, element, "partially")[0] == 0
    assert run(capsys, "action", eid, "D2.6", "Map the journeys", "--owner", "Bo")[0] == 0
    assert run(capsys, "action", eid, "D1.1", "Study competitors")[0] == 0
    return eid


@pytest.fixture
def this_year(capsys: pytest.CaptureFixture[str], last_year: str) -> str:
    code, out, err = run(capsys, "engagement", "duplicate", last_year)
    assert code == 0 and err == ""
    eid = out.strip()
    assert run(capsys, "rate", eid, "D2.6.3", "5")[0] == 0  # a gain
    assert run(capsys, "rate", eid, "D1.1.1", "1")[0] == 0  # a fall
    return eid


def test_duplicate_names_its_source_as_baseline(capsys: pytest.CaptureFixture[str],
                                                last_year: str, this_year: str) -> None:
    code, out, _ = run(capsys, "engagement", "show", this_year, "--json")
    assert code == 0 and json.loads(out)["baseline_id"] == last_year
    code, out, _ = run(capsys, "engagement", "show", this_year)
    assert f"baseline:   {last_year}" in out
    assert json.loads(run(capsys, "engagement", "show", last_year, "--json")[1])[
        "baseline_id"] is None


def test_compare_json_gives_each_change_and_last_years_actions(
        capsys: pytest.CaptureFixture[str], last_year: str, this_year: str) -> None:
    code, out, err = run(capsys, "compare", last_year, this_year, "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["format"] == "workbench.comparison/1"
    assert data["baseline"]["engagement"] == last_year and data["baseline"]["date"] == "2025-11-03"
    d26, d11 = data["elements"]["D2.6"], data["elements"]["D1.1"]
    assert d26["state"] == "compared" and d26["change"]["points"] > 0
    assert d26["change"]["points"] == pytest.approx(d26["current"]["score"]
                                                    - d26["baseline"]["score"])
    assert d11["change"]["points"] < 0 and d11["dimension"] == "D1"
    unrated = data["elements"]["D3.1"]  # not assessed either year: never a change of -100 %
    assert unrated["state"] == "not_assessed" and unrated["change"] is None
    assert data["dimensions"]["D2"]["change"]["points"] == pytest.approx(
        d26["change"]["points"])
    moved = {m["code"]: m for m in data["indicators"]}
    assert set(moved) == {"D2.6.3", "D1.1.1"}
    assert (moved["D2.6.3"]["baseline"], moved["D2.6.3"]["current"]) == (3, 5)
    assert data["codes"]["same_framework"] is True and data["codes"]["renamed"] == []
    assert [(a["element"], a["status_then"], a["status_now"]) for a in data["actions"]] == [
        ("D2.6", "open", "open"), ("D1.1", "open", "open")]
    total = data["total"]["change"]["points"]
    assert total == pytest.approx(d26["change"]["points"] + d11["change"]["points"])


def test_compare_table_shows_arrows_and_states(capsys: pytest.CaptureFixture[str],
                                               last_year: str, this_year: str) -> None:
    code, out, err = run(capsys, "compare", last_year, this_year)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith(f"Baseline  {last_year}  C — CX 2025  2025-11-03")
    d26 = next(line for line in lines if line.strip().startswith("D2.6 "))
    assert "▲ +" in d26
    d11 = next(line for line in lines if line.strip().startswith("D1.1 "))
    assert "▼ −" in d11
    d31 = next(line for line in lines if line.strip().startswith("D3.1 "))
    assert "not assessed" in d31 and "-100" not in d31
    assert any(line.startswith("Largest gains: D2.6 ▲ +") for line in lines)
    assert "Map the journeys" in out and "Last year's improvement actions (2)" in out


def test_set_baseline_sets_clears_and_refuses_itself_and_cycles(
        capsys: pytest.CaptureFixture[str], last_year: str, this_year: str) -> None:
    def baseline(eid: str) -> str | None:
        value = json.loads(run(capsys, "engagement", "show", eid, "--json")[1])["baseline_id"]
        return value if value is None else str(value)

    assert run(capsys, "engagement", "set-baseline", this_year, "--clear") == (0, "", "")
    assert baseline(this_year) is None
    assert run(capsys, "engagement", "set-baseline", this_year, last_year) == (0, "", "")
    assert baseline(this_year) == last_year
    for args, message in (
            ((this_year, this_year), "its own baseline"),
            ((last_year, this_year), "lead back to"),
            ((this_year, "nosuchid"), "no engagement 'nosuchid'"),
            ((this_year,), "or give --clear"),
            ((this_year, last_year, "--clear"), "or give --clear")):
        code, out, err = run(capsys, "engagement", "set-baseline", *args)
        assert code == 1 and out == "" and err.count("\n") == 1 and message in err, err
    assert baseline(this_year) == last_year and baseline(last_year) is None  # nothing changed


def test_compare_refuses_unknown_or_identical_engagements(capsys: pytest.CaptureFixture[str],
                                                          last_year: str) -> None:
    for args in ((last_year, "nosuchid"), (last_year, last_year)):
        code, out, err = run(capsys, "compare", *args)
        assert code == 1 and out == "" and err.startswith("error: ") and err.count("\n") == 1
    with pytest.raises(SystemExit) as exit_info:
        main(["compare", last_year])
    assert exit_info.value.code == 2


def test_compare_help_documents_the_json(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["compare", "--help"])
    out = capsys.readouterr().out
    assert "workbench.comparison/1" in out and "never a change" in out


def test_deleting_the_baseline_leaves_the_reassessment_without_one(
        capsys: pytest.CaptureFixture[str], last_year: str, this_year: str) -> None:
    assert run(capsys, "engagement", "delete", last_year, "--yes")[0] == 0
    data = json.loads(run(capsys, "engagement", "show", this_year, "--json")[1])
    assert data["baseline_id"] is None


def test_compare_across_frameworks_lists_every_code_instead_of_dropping_it(
        capsys: pytest.CaptureFixture[str], last_year: str) -> None:
    code, out, _ = run(capsys, "engagement", "create", "--client", "C", "--lead", "Ann",
                       "--framework", "cx-implementation-4")
    other = out.strip()
    code, out, err = run(capsys, "compare", last_year, other, "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["codes"]["same_framework"] is False
    assert "D2.6" in data["codes"]["removed"]["element"]
    assert data["codes"]["added"]["element"] and data["codes"]["added"]["dimension"]
    assert data["elements"]["D2.6"]["state"] == "removed"
    assert all(e["change"] is None for e in data["elements"].values())
    assert data["total"]["state"] == "not_assessed" and data["total"]["change"] is None
    code, out, err = run(capsys, "compare", last_year, other)
    assert code == 0 and "Total     " in out and "not assessed" in out
    assert "element codes removed: D1.1, D1.2" in out
