"""Print a seeded random sample of value-proposition results for hand-checking
(docs/quality.md): ``pillar-coverage`` / ``tagline`` findings, or drafts the report
says support a pillar, each with the whole draft's text.

    brandlint check CORPUS --select pillar-coverage --format json -o report.json
    python bench/value_sample.py report.json [--drafts] [--rule RULE] [--per 50] [--seed 6]

Run it from the directory the report's paths are relative to.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path


def draft_text(draft_id: str, path: str) -> str:
    """The text of a draft: a whole file, or one row of a table (``path#N``)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    _, _, row = draft_id.rpartition("#")
    if row.isdigit() and path.endswith((".csv", ".tsv")):
        rows = list(csv.reader(text.splitlines(), delimiter="\t" if path.endswith("tsv") else ","))
        return " | ".join(rows[int(row)])
    return " ".join(text.split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--drafts", action="store_true", help="sample drafts with pillars")
    parser.add_argument("--rule", default="pillar-coverage")
    parser.add_argument("--per", type=int, default=50)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    report = json.loads(args.report.read_text(encoding="utf-8"))
    rng = random.Random(args.seed)
    if args.drafts:
        items = [d for d in report["drafts"] if d["pillars"]]
        rows = [(d["id"], d["path"], ", ".join(d["pillars"])) for d in items]
    else:
        items = [f for f in report["findings"] if f["rule"] == args.rule]
        rows = [(f["draft"], f["path"], f["match"] or f["message"]) for f in items]
    print(f"## {len(rows)} {'drafts with pillars' if args.drafts else args.rule + ' findings'}")
    for i, (draft, path, what) in enumerate(sorted(rng.sample(rows, min(args.per, len(rows)))), 1):
        print(f"{i:3} {draft} [{what}]\n    {draft_text(draft, path)[:400]}")


if __name__ == "__main__":
    main()
