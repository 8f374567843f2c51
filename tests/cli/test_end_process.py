"""A database command run as its own process ends at once when it is done (issue 17):
its change is committed, its output and exit status are those of a normal exit, the
`atexit` handlers still run, and a thread still running is waited for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import workbench
from workbench.services.demo import create_demo
from workbench.services.session import Session
from workbench.storage import ratings

# The entry point as the `workbench` script calls it, with an atexit handler, os._exit
# saying when it ends the process, and optionally a thread still running.
PROBE = """
import atexit, os, sys, threading, time
atexit.register(lambda: print("atexit ran", flush=True))
real_exit = os._exit

def exit_at_once(code):
    os.write(1, b"ended at once\\n")
    real_exit(code)

os._exit = exit_at_once
if sys.argv[1] == "thread":
    def late():
        time.sleep(0.3)
        print("thread finished", flush=True)
    threading.Thread(target=late).start()
from workbench.launcher import main
sys.argv = ["workbench", *sys.argv[2:]]
raise SystemExit(main())
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    db = tmp_path_factory.mktemp("end") / "end.sqlite3"
    session = Session.open(db)
    eid = create_demo(session)
    code = next(iter(session.framework_of(eid).indicator_owner))
    session.close()
    return db, eid, code


def _run(mode: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(Path(workbench.__file__).parent.parent))
    return subprocess.run([sys.executable, "-c", PROBE, mode, *args], capture_output=True,
                          text=True, env=env, timeout=120)


def _level(db: Path, eid: str, code: str) -> object:
    session = Session.open(db)
    try:
        lead = session.db.conn.execute("SELECT id FROM assessors WHERE engagement_id = ? "
                                       "ORDER BY id LIMIT 1", (eid,)).fetchone()[0]
        return ratings.indicator(session.db, eid, lead, code)[0]
    finally:
        session.close()


def test_a_rating_ends_the_process_at_once_with_its_change_saved(
        demo: tuple[Path, str, str]) -> None:
    db, eid, code = demo
    for level in ("2", "5"):
        done = _run("plain", "--db", str(db), "rate", eid, code, level)
        assert done.returncode == 0, done.stderr
        assert done.stdout == "atexit ran\nended at once\n"
        assert done.stderr == ""
        assert _level(db, eid, code) == int(level)


def test_a_score_prints_all_of_it_before_the_process_ends(demo: tuple[Path, str, str]) -> None:
    from workbench.cli.main import main

    db, eid, _ = demo
    done = _run("plain", "--db", str(db), "score", eid, "--json")
    assert done.returncode == 0, done.stderr
    printed, _, rest = done.stdout.rpartition("}\n")
    assert rest == "atexit ran\nended at once\n"
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["--db", str(db), "score", eid, "--json"]) == 0
    assert printed + "}\n" == buffer.getvalue()


def test_an_error_and_other_commands_exit_as_before(demo: tuple[Path, str, str]) -> None:
    db, eid, code = demo
    refused = _run("plain", "--db", str(db), "rate", eid, code, "9")
    assert refused.returncode == 1
    assert refused.stderr.startswith("error: ") and refused.stderr.count("\n") == 1
    assert refused.stdout == "atexit ran\n"  # the normal exit
    listed = _run("plain", "--db", str(db), "framework", "list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.endswith("\natexit ran\n")  # not one of the database-only commands


def test_a_thread_still_running_is_waited_for(demo: tuple[Path, str, str]) -> None:
    db, eid, code = demo
    done = _run("thread", "--db", str(db), "rate", eid, code, "3")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "thread finished\natexit ran\n"  # waited for, then the normal exit
    assert _level(db, eid, code) == 3


def test_a_pdf_export_is_whole_when_the_process_ends_at_once(
        demo: tuple[Path, str, str], tmp_path: Path) -> None:
    import pikepdf

    db, eid, _ = demo
    out = tmp_path / "report.pdf"
    done = _run("plain", "--db", str(db), "export", "pdf", eid, "-o", str(out))
    assert done.returncode == 0, done.stderr
    wrote, _, rest = done.stdout.partition("\n")
    assert rest == "atexit ran\nended at once\n"
    with pikepdf.open(out) as pdf:
        assert wrote == f"wrote {out} ({len(pdf.pages)} pages)"
        assert len(pdf.pages) > 20
