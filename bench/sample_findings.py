"""Print a seeded random sample of findings per rule from a JSON report, with context,
for hand-checking precision (docs/quality.md).

    brandlint check CORPUS --format json --fail-on never > report.json
    python bench/sample_findings.py report.json [--per-rule 50] [--seed 6]

Each line: a number, ``path:line:col``, the rule, the text around the match with the
match in [brackets], and the fix when there is one.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path


def context(finding: dict, width: int = 14) -> str:
    """The source line around the finding, the matched text in brackets."""
    try:
        lines = Path(finding["path"]).read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return finding.get("match") or ""
    line = lines[finding["line"] - 1] if finding["line"] <= len(lines) else ""
    start = finding["column"] - 1
    end = finding["end_column"] - 1 if finding["end_line"] == finding["line"] else len(line)
    return f"{line[max(0, start - width) : start]}[{line[start:end]}]{line[end : end + width]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--per-rule", type=int, default=50)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    findings = json.loads(args.report.read_text(encoding="utf-8"))["findings"]
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for f in findings:
        by_rule[f["rule"]].append(f)
    rng = random.Random(args.seed)
    for rule in sorted(by_rule):
        group = by_rule[rule]
        sample = rng.sample(group, min(args.per_rule, len(group)))
        sample.sort(key=lambda f: (f["path"], f["line"], f["column"]))
        print(f"## {rule}: {len(sample)} of {len(group)} findings")
        for i, f in enumerate(sample, 1):
            fix = ""
            if f.get("fix"):
                fix = "  fix: " + " | ".join(repr(e["replacement"]) for e in f["fix"]["edits"])
            where = f"{Path(f['path']).name}:{f['line']}:{f['column']}"
            print(f"{i:3} {where}  {context(f)}{fix}")


if __name__ == "__main__":
    main()
