"""Whole-process start-up of the command line (issue 17), each beside its baseline measured
in the same run, the two alternating so that the machine's load falls on both alike.

- `workbench --version` and `workbench --help` against `python -c pass` (target <= 3x);
- `workbench rate ID CODE LEVEL` and `workbench score ID --json` against a bare Python
  process that opens the same SQLite file and commits one UPDATE with the same durability
  (WAL, synchronous=FULL) (target <= 3x).

The GUI's start-up row is in gui_bench (start-up to the window shown and idle).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import bytecode_compiled

BARE_UPDATE = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("PRAGMA synchronous = FULL")
conn.execute("UPDATE bench_row SET level = level % 5 + 1 WHERE id = 1")
conn.commit()
conn.close()
"""


def _run(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=_ENV)
    return time.perf_counter() - start


_ENV = dict(os.environ)


def _side_by_side(name: str, ours: list[str], base: list[str], base_name: str,
                  repeat: int, target: float) -> None:
    _run(ours), _run(base)  # warm the file cache
    mine, theirs = [], []
    for _ in range(repeat):
        mine.append(_run(ours))
        theirs.append(_run(base))
    o, b = statistics.median(mine), statistics.median(theirs)
    print(f"{name:<36} median {o * 1000:7.1f} ms  | {base_name:<26} {b * 1000:7.1f} ms"
          f"  ratio {o / b:5.2f}x  | target <= {target:g}x", flush=True)


def _prepared_database(folder: Path) -> tuple[Path, str, str]:
    """A database with the demo engagement: (file, engagement id, an indicator code)."""
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    path = folder / "startup.sqlite3"
    session = Session.open(path)
    eid = create_demo(session)
    code = next(iter(session.framework_of(eid).indicator_owner))
    session.close()
    return path, eid, code


def _bare_database(folder: Path) -> Path:
    import sqlite3

    path = folder / "bare.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE bench_row (id INTEGER PRIMARY KEY, level INTEGER)")
    conn.execute("INSERT INTO bench_row VALUES (1, 1)")
    conn.commit()
    conn.close()
    return path


def main(repeat: int = 15) -> None:
    bytecode_compiled()
    py = sys.executable
    workbench = [py, "-m", "workbench"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _ENV["XDG_CACHE_HOME"] = str(folder / "cache")  # a cache of this run's own
        db, eid, code = _prepared_database(folder)
        bare = [py, "-c", BARE_UPDATE, str(_bare_database(folder))]
        _side_by_side("workbench --version", [*workbench, "--version"], [py, "-c", "pass"],
                      "python -c pass", repeat, 3)
        _side_by_side("workbench --help", [*workbench, "--help"], [py, "-c", "pass"],
                      "python -c pass", repeat, 3)
        levels = iter(range(10**6))
        rate = [*workbench, "--db", str(db), "rate", eid, code]
        mine, theirs = [], []
        _run([*rate, "3"]), _run(bare)
        for _ in range(repeat):
            mine.append(_run([*rate, str(next(levels) % 5 + 1)]))
            theirs.append(_run(bare))
        o, b = statistics.median(mine), statistics.median(theirs)
        print(f"{'workbench rate ID CODE LEVEL':<36} median {o * 1000:7.1f} ms  | "
              f"{'bare sqlite3 UPDATE+COMMIT':<26} {b * 1000:7.1f} ms  ratio {o / b:5.2f}x"
              f"  | target <= 3x", flush=True)
        _side_by_side("workbench score ID --json", [*workbench, "--db", str(db), "score", eid,
                                                   "--json"], bare,
                      "bare sqlite3 UPDATE+COMMIT", repeat, 3)


if __name__ == "__main__":
    main()
