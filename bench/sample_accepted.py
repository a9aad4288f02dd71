"""Print a seeded random sample of the drafts a rule did *not* flag, with their text,
for hand-checking false passes of ``required`` rules (docs/quality.md).

    brandlint check CORPUS --format json --fail-on never > report.json
    python bench/sample_accepted.py report.json RULE [--per-rule 50] [--seed 6]

Run it from the directory the report's paths are relative to. Each line: a number, the
draft id, and the draft's text (a CSV row's cells joined with `` | ``).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path


def draft_text(draft_id: str) -> str:
    """The text of a draft: a whole file, or the N-th row of a CSV for ``path#N``."""
    path, _, row = draft_id.partition("#")
    if not row:
        return Path(path).read_text(encoding="utf-8-sig").strip()
    with Path(path).open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return " | ".join(v for v in rows[int(row) - 1].values() if v)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("rule")
    parser.add_argument("--per-rule", type=int, default=50)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    report = json.loads(args.report.read_text(encoding="utf-8"))
    flagged = {f["draft"] for f in report["findings"] if f["rule"] == args.rule}
    accepted = [d["id"] for d in report["drafts"] if d["id"] not in flagged]
    sample = sorted(random.Random(args.seed).sample(accepted, min(args.per_rule, len(accepted))))
    print(f"## {args.rule}: {len(sample)} of {len(accepted)} drafts it accepts")
    for i, draft in enumerate(sample, 1):
        print(f"{i:3} {draft}  {draft_text(draft)}")


if __name__ == "__main__":
    main()
