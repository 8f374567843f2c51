"""`python -m bench [NAME …]`: run every `bench/*_bench.py` (or the named ones) in turn."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def main() -> int:
    wanted = sys.argv[1:]
    names = sorted(p.stem for p in Path(__file__).parent.glob("*_bench.py"))
    for name in names:
        if wanted and not any(w in name for w in wanted):
            continue
        print(f"\n== {name} ==", flush=True)
        importlib.import_module(f"bench.{name}").main()
    return 0


raise SystemExit(main())
