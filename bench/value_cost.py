"""CPU time the value-proposition checks take within a run (docs/benchmarks.md).

    python bench/corpus.py OUT && cd OUT && python ../path/to/bench/value_cost.py

Lints the corpus in this process (one job) with the core rules plus
``pillar-coverage`` and ``tagline`` and reports the run's CPU time and the part spent
scoring pillars (shared by the rule and the report's ``drafts[].pillars``) and in the
tagline check. CPU time, not wall time, so other load on the machine matters less.
"""

from __future__ import annotations

import time

from brandlint import lint
from brandlint.rules import value

CORE = (
    "banned-phrase",
    "brand-name",
    "terminology",
    "competitor",
    "channel-limit",
    "required-element",
    "placeholder",
)


def main() -> None:
    spent = {"pillars": 0.0, "tagline": 0.0}
    score, check = value.PillarScorer._score, value.Tagline.check

    def timed_score(self, ctx):
        start = time.process_time()
        try:
            return score(self, ctx)
        finally:
            spent["pillars"] += time.process_time() - start

    def timed_check(self, ctx):
        start = time.process_time()
        try:
            return list(check(self, ctx))
        finally:
            spent["tagline"] += time.process_time() - start

    value.PillarScorer._score = timed_score
    value.Tagline.check = timed_check
    start = time.process_time()
    result = lint(["."], select=(*CORE, "pillar-coverage", "tagline"), fail_on="never")
    total = time.process_time() - start
    print(
        f"{len(result.drafts)} drafts, {len(result.findings)} findings: CPU {total:.2f} s; "
        f"pillar scoring {spent['pillars']:.2f} s ({100 * spent['pillars'] / total:.0f}%), "
        f"tagline {spent['tagline']:.2f} s ({100 * spent['tagline'] / total:.0f}%)"
    )


if __name__ == "__main__":
    main()
