"""Report rendering and ``--diff`` cost on a benchmark corpus.

    python bench/corpus.py OUT && python bench/formats.py OUT [--repeat N]

Lints OUT once through the Python API, then renders that one result through every
reporter (best of ``--repeat`` runs each) and prints milliseconds, milliseconds per
1,000 findings and the report's size. Then times ``brandlint check --no-cache
--format json`` with and without ``--diff`` as subprocesses in OUT, to show what
computing every safe fix (to a fixpoint, re-linting the changed files) adds to a
run. Ratios measured in one run are what to compare across machines.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path


def _render_times(root: Path, repeat: int) -> None:
    from brandlint import lint
    from brandlint.report import Options, render, reporters

    cwd = os.getcwd()
    os.chdir(root)
    try:
        started = time.perf_counter()
        result = lint(["."])
        linted = time.perf_counter() - started
    finally:
        os.chdir(cwd)
    findings = len(result.findings)
    print(f"lint: {len(result.drafts)} drafts, {findings} findings in {linted:.1f} s")
    print(f"{'format':<10} {'ms':>9} {'ms/1k findings':>15} {'MB':>7}")
    for fmt in sorted(reporters()):
        best, size = float("inf"), 0
        for _ in range(repeat):
            started = time.perf_counter()
            text = render(result, fmt, Options())
            best = min(best, time.perf_counter() - started)
            size = len(text.encode("utf-8"))
        per_k = 1000 * best * 1000 / max(findings, 1)
        print(f"{fmt:<10} {1000 * best:9.0f} {per_k:15.1f} {size / 1e6:7.2f}")


def _cli_time(root: Path, *args: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, the process and its workers) of one
    ``brandlint check`` run; CPU time is the figure that holds on a busy machine."""
    command = [sys.executable, "-m", "brandlint", "check", "--no-cache", "--format", "json", *args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=root, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(done.stderr.decode("utf-8", "replace"))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-render", action="store_true", help="only the --diff timing")
    args = parser.parse_args()
    if not args.skip_render:
        _render_times(args.corpus, args.repeat)
    (plain, plain_cpu), (diff, diff_cpu) = _cli_time(args.corpus), _cli_time(args.corpus, "--diff")
    print(
        f"check: {plain:.1f} s wall, {plain_cpu:.1f} s CPU; check --diff: {diff:.1f} s wall, "
        f"{diff_cpu:.1f} s CPU ({diff_cpu / plain_cpu:.2f}x CPU)"
    )


if __name__ == "__main__":
    main()
