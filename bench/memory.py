"""Peak memory of a command and of every process it starts (worker pools included).

    python bench/memory.py [--interval S] -- COMMAND [ARG...]

runs COMMAND and polls ``/proc`` (Linux) every ``--interval`` seconds for the process
tree below it, keeping each process's ``VmHWM`` (its peak resident set size, which the
kernel tracks itself, so a short spike between two polls is not missed unless the
process exits right after it). Prints the wall time, the command's peak RSS, every
other process's (worker processes) and the largest sum of the tree's current RSS seen
at one poll, in MB. The command's exit status is this script's. (GNU time's ``%M``
gives the largest of the command and the children it has waited for.)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path


def _status(pid: int) -> dict[str, str]:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    return dict(line.split(":", 1) for line in text.splitlines() if ":" in line)


def _kb(value: str | None) -> int:
    return int(value.split()[0]) if value else 0


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from the parent pid of every process."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            ppid = _kb(_status(int(entry.name)).get("PPid"))
            children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += children.get(pid, [])
    return tree


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interval", type=float, default=0.2)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    start = time.monotonic()
    proc = subprocess.Popen(command)
    hwm: dict[int, int] = {}  # pid -> peak RSS in kB
    total = 0
    while proc.poll() is None:
        current = 0
        for pid in _tree(proc.pid):
            status = _status(pid)
            hwm[pid] = max(hwm.get(pid, 0), _kb(status.get("VmHWM")))
            current += _kb(status.get("VmRSS"))
        total = max(total, current)
        time.sleep(args.interval)
    wall = time.monotonic() - start
    others = sorted((kb for pid, kb in hwm.items() if pid != proc.pid), reverse=True)
    print(
        f"wall {wall:.1f} s; peak RSS MB: command {hwm.get(proc.pid, 0) / 1024:.0f}, "
        f"others [{', '.join(f'{kb / 1024:.0f}' for kb in others)}], "
        f"tree total {total / 1024:.0f}",
        file=sys.stderr,
    )
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
