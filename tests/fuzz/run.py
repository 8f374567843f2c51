"""`python -m tests.fuzz.run [SECONDS] [NAME …]`: run each fuzzing harness for SECONDS.

Each harness starts from its seed corpus (tests/fuzz/corpus/NAME, never written to: new
inputs go to a scratch folder) and saves any finding as fuzz-findings/NAME-crash-*. All
harnesses run even when one finds something; the exit status is 1 if any did.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
HARNESSES = ("framework", "engagement_json", "workbook", "brand", "svg_logo",
             "brand_archive", "package")


def run(name: str, seconds: int, findings: Path) -> int:
    seeds = HERE / "corpus" / name
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{name}-") as scratch, \
            tempfile.TemporaryDirectory(prefix=f"fuzz-{name}-cache-") as cache:
        # The parse caches (core.plain_cache) of the harness's valid inputs are thrown away
        # with it, never left in the user's cache folder.
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
                   XDG_CACHE_HOME=cache)
        command = [sys.executable, "-m", f"tests.fuzz.fuzz_{name}", scratch, str(seeds),
                   f"-max_total_time={seconds}", "-timeout=20", "-rss_limit_mb=3072",
                   f"-artifact_prefix={findings}/{name}-", "-print_final_stats=1"]
        print(f"== fuzz {name} for {seconds} s", flush=True)
        result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    status = "clean" if result.returncode == 0 else f"FINDING (exit {result.returncode})"
    print(f"== fuzz {name}: {status}", flush=True)
    return result.returncode


def main(argv: list[str]) -> int:
    seconds = int(argv[0]) if argv and argv[0].isdigit() else 60
    names = [a for a in argv if not a.isdigit()] or list(HARNESSES)
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("atheris is not installed: pip install atheris (the test extra has it)",
              file=sys.stderr)
        return 1
    findings = ROOT / "fuzz-findings"
    findings.mkdir(exist_ok=True)
    failed = [name for name in names if run(name, seconds, findings) != 0]
    if failed:
        print(f"fuzzing found problems in: {', '.join(failed)} (inputs in {findings})",
              file=sys.stderr)
        return 1
    shutil.rmtree(findings, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
