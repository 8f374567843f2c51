"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import compileall
import statistics
import time
from collections.abc import Callable
from pathlib import Path


def timings(fn: Callable[[], object], repeat: int, warmup: int = 3) -> list[float]:
    """Seconds taken by each of `repeat` calls of fn (after a few warm-up calls)."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def report(name: str, values: list[float], baseline: list[float] | None = None,
           target: str = "") -> None:
    """One line: median and p99 in ms, beside the baseline's, with the target."""
    med, p99 = statistics.median(values) * 1000, percentile(values, 99) * 1000
    line = f"{name:<44} median {med:8.3f} ms  p99 {p99:8.3f} ms"
    if baseline:
        bmed = statistics.median(baseline) * 1000
        line += f"  | baseline median {bmed:8.3f} ms  ratio {med / bmed:5.2f}x"
    if target:
        line += f"  | target {target}"
    print(line, flush=True)


def bytecode_compiled() -> None:
    """Compile the application's modules, as an installation does, so that a whole-process
    figure never includes compiling them (PYTHONDONTWRITEBYTECODE would make every process
    compile its own)."""
    import workbench

    compileall.compile_dir(Path(workbench.__file__).parent, quiet=1)
