"""Time spent in Python's cyclic garbage collector during one ``brandlint`` run.

    python bench/gc_time.py [--default-thresholds] -- check [ARG...]

runs the command line in this process, with the collector thresholds ``brandlint``
sets (or, with ``--default-thresholds``, Python's own: 700, 10, 10) and a
``gc.callbacks`` timer, and prints on stderr the seconds spent collecting and the
number of collections per generation. Only this process is timed: use ``-j 1``.
"""

from __future__ import annotations

import contextlib
import gc
import sys
import time

from brandlint.cli import GC_THRESHOLDS, app


def main() -> None:
    args = sys.argv[1:]
    default = args[:1] == ["--default-thresholds"]
    args = args[default:]
    args = args[1:] if args[:1] == ["--"] else args
    gc.set_threshold(*((700, 10, 10) if default else GC_THRESHOLDS))
    spent = [0.0, 0.0]  # total, start of the running collection
    counts = [0, 0, 0]

    def timer(phase: str, info: dict) -> None:
        if phase == "start":
            spent[1] = time.perf_counter()
        else:
            spent[0] += time.perf_counter() - spent[1]
            counts[info["generation"]] += 1

    gc.callbacks.append(timer)
    start = time.perf_counter()
    with contextlib.suppress(SystemExit):  # the exit code is the run's verdict
        app(args, prog_name="brandlint")
    wall = time.perf_counter() - start
    print(f"wall {wall:.1f} s, gc {spent[0]:.1f} s, collections {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
