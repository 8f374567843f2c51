"""`workbench consensus`, `rate/judge --consensus --reason` and `engagement remove-assessor`."""

from __future__ import annotations

import json

import pytest

from workbench.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def eid(capsys: pytest.CaptureFixture[str]) -> str:
    code, out, _ = run(capsys, "engagement", "create", "--client", "C", "--lead", "Ann",
                       "--assessor", "Bob")
    assert code == 0
    engagement = out.strip()
    for who, level in (("Ann", "2"), ("Bob", "5")):
        assert run(capsys, "rate", engagement, "D2.1.1", level, "--assessor", who)[0] == 0
        assert run(capsys, "rate", engagement, "D1.1.1", "3", "--assessor", who)[0] == 0
    assert run(capsys, "judge", engagement, "D2.1", "fully", "--assessor", "Ann")[0] == 0
    assert run(capsys, "judge", engagement, "D2.1", "not_yet", "--assessor", "Bob")[0] == 0
    return engagement


def test_consensus_table_lists_each_assessor_spread_and_status(
        capsys: pytest.CaptureFixture[str], eid: str) -> None:
    code, out, err = run(capsys, "consensus", eid)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "1 element needs consensus · 1 agreed · inter-rater agreement 50 %"
    assert lines[2].split() == ["code", "element", "Ann", "Bob", "spread", "uses", "consensus",
                                "proposed", "status"]
    d21 = next(n for n, line in enumerate(lines) if line.startswith("D2.1 "))
    d11 = next(n for n, line in enumerate(lines) if line.startswith("D1.1 "))
    assert d21 < d11  # needing consensus first
    assert lines[d21 + 1].split() == ["D2.1.1", "2", "5", "3", "mean", "0.62", "–", "2",
                                      "needs", "consensus"]
    objective = next(line for line in lines[d21:] if line.strip().startswith("objective"))
    assert objective.split() == ["objective", "fully", "not_yet", "2", "mean", "0.50", "–",
                                 "not_yet", "needs", "consensus"]


def test_consensus_json_follows_its_schema(capsys: pytest.CaptureFixture[str], eid: str) -> None:
    assert run(capsys, "rate", eid, "D2.1.1", "3", "--consensus", "--reason", "Half the sites")[0] \
        == 0
    code, out, _ = run(capsys, "consensus", eid, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["format"] == "workbench.consensus/1"
    assert data["assessors"] == ["Ann", "Bob"]
    assert data["agreement"] == {"rated_by_several": 2, "identical": 1, "share": 0.5,
                                 "kappa": None, "kappa_method": None}
    first = data["elements"][0]
    assert first["code"] == "D2.1" and first["status"] == "needs consensus"
    item = first["items"][0]
    assert item == {"code": "D2.1.1", "kind": "indicator", "values": {"Ann": 2, "Bob": 5},
                    "spread": 3, "consensus": 3, "reason": "Half the sites",
                    "used": {"source": "consensus", "value": 3, "fraction": 0.5},
                    "proposed": 2, "status": "consensus set"}
    assert first["items"][-1]["kind"] == "objective"
    assert len(data["elements"]) == 32 + 5  # every element and enabler


def test_a_consensus_nobody_gave_needs_a_reason(capsys: pytest.CaptureFixture[str],
                                                eid: str) -> None:
    code, out, err = run(capsys, "rate", eid, "D2.1.1", "4", "--consensus")
    assert code == 1 and out == ""
    assert err == ("error: the consensus 4 for D2.1.1 differs from every assessor's value "
                   "(2, 5); give the reason the team chose it\n")
    code, _, err = run(capsys, "judge", eid, "D2.1", "partially", "--consensus")
    assert code == 1 and err.count("\n") == 1 and "give the reason" in err
    assert run(capsys, "judge", eid, "D2.1", "partially", "--consensus", "--reason",
               "Only retail")[0] == 0
    assert run(capsys, "rate", eid, "D2.1.1", "5", "--consensus")[0] == 0  # Bob's value
    code, _, err = run(capsys, "rate", eid, "D2.1.1", "5", "--reason", "x")
    assert code == 1 and "--reason goes with --consensus" in err
    with pytest.raises(SystemExit) as usage:
        main(["rate", eid, "D2.1.1", "5", "--consensus", "--assessor", "Ann"])
    assert usage.value.code == 2
    capsys.readouterr()
    code, out, _ = run(capsys, "consensus", eid)
    assert "D2.1: Only retail" in out


def test_consensus_of_an_unknown_engagement(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "consensus", "nosuchid")
    assert code == 1 and out == "" and err.startswith("error: ") and err.count("\n") == 1


def test_consensus_help_documents_the_json(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["consensus", "--help"])
    out = capsys.readouterr().out
    assert "workbench.consensus/1" in out and "lower median" in out


def test_remove_assessor_refuses_then_reassigns(capsys: pytest.CaptureFixture[str],
                                                eid: str) -> None:
    code, out, err = run(capsys, "engagement", "remove-assessor", eid, "Bob")
    assert code == 1 and out == ""
    assert err == ("error: Bob has recorded 2 ratings and 1 objective judgement; to keep them, "
                   "move them to another assessor (Ann) before removing Bob\n")
    code, out, err = run(capsys, "engagement", "remove-assessor", eid, "Bob",
                         "--reassign-to", "Ann")
    assert code == 0 and err == ""
    assert out.startswith("moved 2 ratings and 1 objective judgement from Bob to Ann; Ann's own "
                          "values kept where they differed (D2.1.1: kept 2, not 5; D2.1: kept "
                          "fully, not not_yet)")
    code, out, _ = run(capsys, "engagement", "show", eid, "--json")
    assert [a["name"] for a in json.loads(out)["assessors"]] == ["Ann"]
