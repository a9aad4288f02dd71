"""What the tone and value rules add to the core rules' run time (issue 3: at most +50%).

    python bench/corpus.py /tmp/corpus
    python bench/tone_overhead.py /tmp/corpus [--repeat 3]

Runs ``brandlint check CORPUS --no-cache -j 1`` with three selections — the core rules,
core + tone, core + tone + value — interleaved, ``--repeat`` times each, and prints
the median wall and CPU time (the CLI's child process) of each, and the overhead of
the others over the core rules. CPU time is the steadier figure on a shared machine.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

CORE = "banned-phrase,brand-name,terminology,competitor,channel-limit,required-element,placeholder"
TONE = "tone"
VALUE = "pillar-coverage,tagline"
SELECTIONS = {
    "core": CORE,
    "core+tone": f"{CORE},{TONE}",
    "core+tone+value": f"{CORE},{TONE},{VALUE}",
}


def run(corpus: Path, select: str) -> tuple[float, float]:
    """Wall and CPU seconds of one lint of ``corpus`` with ``--select select``."""
    brandlint = Path(sys.executable).with_name("brandlint")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [str(brandlint), "check", ".", "--select", select, "--no-cache", "-j", "1",
         "--format", "json", "--fail-on", "never"],
        cwd=corpus, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in SELECTIONS}
    for _ in range(args.repeat):
        for name, select in SELECTIONS.items():
            times[name].append(run(args.corpus, select))
    base_wall = statistics.median(w for w, _ in times["core"])
    base_cpu = statistics.median(c for _, c in times["core"])
    print(f"{'selection':<16} {'wall s':>8} {'cpu s':>8} {'wall +%':>8} {'cpu +%':>8}")
    for name, runs in times.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(
            f"{name:<16} {wall:8.2f} {cpu:8.2f} {100 * (wall / base_wall - 1):8.1f}"
            f" {100 * (cpu / base_cpu - 1):8.1f}"
        )


if __name__ == "__main__":
    main()
