"""Killing the process during a stream of edits loses at most the edit in flight."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.core.engagement import EngagementDetails
from workbench.services import engagements
from workbench.services.session import Session

WRITER = Path(__file__).with_name("writer_process.py")


@pytest.mark.slow
def test_sigkill_loses_nothing_acknowledged(tmp_path: Path) -> None:
    db = tmp_path / "killed.sqlite3"
    session = Session.open(db)
    eid = engagements.create(session, EngagementDetails("K", "S", "T", "Lead")).engagement_id
    session.close()
    acked: dict[tuple[str, str], str] = {}
    rng = random.Random(1)
    total_acked = 0
    for round_no in range(8):
        proc = subprocess.Popen([sys.executable, str(WRITER), str(db), eid, str(round_no)],
                                stdout=subprocess.PIPE, text=True, env=os.environ.copy())
        assert proc.stdout is not None
        pending: tuple[str, str, str] | None = None
        stop_after = rng.randint(20, 400)
        count = 0
        deadline = time.monotonic() + 60
        while count < stop_after and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            parts = line.split()
            if parts[0] == "will":
                pending = (parts[2], parts[3], parts[4])
            elif parts[0] == "ack" and pending:
                acked[(pending[0], pending[1])] = pending[2]
                pending = None
                count += 1
        # Kill in the middle of the next edit: right after it was announced.
        line = proc.stdout.readline()
        if line.startswith("will"):
            parts = line.split()
            pending = (parts[2], parts[3], parts[4])
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        # The writer may have gone on before the signal landed: every edit it announced
        # (each announcement is flushed before the edit starts) is still in the pipe.
        for line in proc.stdout.read().splitlines():
            parts = line.split()
            if parts and parts[0] == "will":
                pending = (parts[2], parts[3], parts[4])
            elif parts and parts[0] == "ack" and pending:
                acked[(pending[0], pending[1])] = pending[2]
                pending = None
                count += 1
        total_acked += count
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        for (kind, code), value in acked.items():
            if kind == "rate":
                row = conn.execute("SELECT level FROM indicator_ratings WHERE indicator = ?",
                                   (code,)).fetchone()
                got = str(row[0]) if row else None
            else:
                row = conn.execute("SELECT notes FROM element_ratings WHERE element = ?",
                                   (code,)).fetchone()
                got = row[0].split()[-1] if row else None
            in_flight = pending and (pending[0], pending[1]) == (kind, code)
            if in_flight and pending is not None and got == pending[2]:
                acked[(kind, code)] = pending[2]  # the edit in flight made it; fine
                continue
            assert got == value, (round_no, kind, code, got, value)
        conn.close()
    assert total_acked > 100
