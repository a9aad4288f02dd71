"""What the campaign rules add to a run: 10,000 drafts in 100 campaigns.

    python bench/campaigns.py OUT [--drafts 10000] [--campaigns 100] [--runs 3]
    python bench/campaigns.py OUT --scaling

builds under OUT a deterministic corpus (fixed seed) of drafts that share campaigns,
then runs ``brandlint check`` on it ``--runs`` times with every rule and ``--runs``
times with ``--ignore campaign-conflict,campaign-core-message`` (interleaved), and
prints the median wall time and CPU time (user + system of brandlint and its worker
processes) of each and the overhead of the campaign rules. On a shared machine the
CPU time is the steadier of the two.

The drafts are real copy from ../shared/corpora (read in place, never copied into the
repository) with a synthetic offer sentence appended: a discount, an end date, a
promo code, a landing URL with tracking parameters and, in some, a product price and
a phone number, in English (SMS, X, web pages, ad rows) or Chinese (Weibo). Notations vary
per draft (20% off / 20 percent off / 八折; May 5 / 5月5日 / 2026-05-05) and 2% of drafts
state another value, so the campaign rules compare, vote and report. Campaigns reach
drafts in all three ways: front matter (web pages, Weibo), a ``campaign`` column (the ad
export) and ``campaigns_by_path`` globs (SMS and X text files); half of the campaigns
have a brief in ``campaigns/<name>.yaml``. The framework is bench/corpus.py's (200
banned phrases, terminology, a required element, tone limits, two pillars), so the
baseline is a realistic run of every other rule.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import headlines, sms_texts, write_framework, zh_paragraphs

SEED = 20261123
CHANNELS = ("sms", "x", "web", "weibo", "google_ads")  # the channels of bench/corpus.py
IGNORE = "campaign-conflict,campaign-core-message"


def offer(rng: random.Random, c: int, zh: bool, outlier: bool) -> str:
    """The offer sentence of campaign ``c``, in one of its notations."""
    percent = 10 + c % 5 * 5 + (5 if outlier else 0)
    day = 1 + c % 28
    code = f"SAVE{c:03d}" + ("X" if outlier and rng.random() < 0.5 else "")
    url = f"https://acme.example/c{c:03d}/?utm_source=bench&utm_medium={rng.choice(CHANNELS)}"
    if zh:
        zhe = {10: "九折", 15: "八五折", 20: "八折", 25: "七五折", 30: "七折", 35: "六五折"}
        discount = rng.choice([zhe[percent], f"立减{percent}%"])
        date = rng.choice([f"6月{day}日", f"2026年6月{day}日"])
        text = f"全场{discount}，{date}前有效，优惠码 {code}，详情 {url}"
        if rng.random() < 0.3:
            text += f"。Acme Pulse 只要{49 + c % 3 * 10}元/月"
        return text
    discount = rng.choice([f"{percent}% off", f"{percent} percent off", f"save {percent}%"])
    date = rng.choice([f"June {day}", f"2026-06-{day:02d}", f"Jun {day}, 2026"])
    text = f"Get {discount} until {date} with code {code}: {url}"
    if rng.random() < 0.3:
        text += f" Acme Pulse is ${49 + c % 3 * 10}/month, Acme Flow ${99 + c % 2 * 20}/month."
    if rng.random() < 0.2:
        text += " Questions? Call +1 (800) 555-0199."
    return text


def brief(c: int) -> str:
    return (
        f"key_message: Launch campaign {c} in minutes.\n"
        f"discount: {10 + c % 5 * 5}%\n"
        f'end: "2026-06-{1 + c % 28:02d}"\n'
        f"code: SAVE{c:03d}\n"
        f"landing_url: https://acme.example/c{c:03d}\n"
    )


def build(out: Path, drafts: int, campaigns: int, terms: int) -> None:
    """Write the corpus, bench/corpus.py's framework (``terms`` banned phrases, the
    five channels, two pillars) and the config."""
    rng = random.Random(SEED)
    if out.exists():
        shutil.rmtree(out)
    sms, heads, zh = sms_texts(), headlines(), [p for _, _, p in zh_paragraphs()]
    for folder in ("campaigns", *CHANNELS):
        (out / folder).mkdir(parents=True)
    rows = []
    globs = []
    for i in range(drafts):
        c = i % campaigns
        channel = CHANNELS[i // campaigns % len(CHANNELS)]
        outlier = rng.random() < 0.02
        name = f"campaign-{c:03d}"
        if channel == "weibo":
            text = rng.choice(zh)[:200] + "\n\n" + offer(rng, c, True, outlier)
            front = f"---\ncampaign: {name}\n---\n"
            (out / "weibo" / f"{i:05d}.md").write_text(front + text + "\n", encoding="utf-8")
        elif channel == "web":
            title, desc = rng.choice(heads)
            front = f"---\ncampaign: {name}\ntitle: '{title.replace(chr(39), '')}'\n---\n"
            body = f"{desc}\n\n{offer(rng, c, False, outlier)}\n"
            (out / "web" / f"{i:05d}.md").write_text(front + body, encoding="utf-8")
        elif channel == "google_ads":
            title, desc = rng.choice(heads)
            rows.append([name, title, desc + " " + offer(rng, c, False, outlier)])
        else:
            source = rng.choice(sms) if channel == "sms" else rng.choice(heads)[0]
            path = out / channel / name / f"{i:05d}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(f"{source} {offer(rng, c, False, outlier)}\n", encoding="utf-8")
    for channel in ("sms", "x"):
        globs += [f'  "{channel}/campaign-{c:03d}/**": campaign-{c:03d}' for c in range(campaigns)]
    with (out / "google_ads" / "ads.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["campaign", "Headline 1", "Description 1"])
        writer.writerows(rows)
    for c in range(0, campaigns, 2):
        (out / "campaigns" / f"campaign-{c:03d}.yaml").write_text(brief(c), encoding="utf-8")
    write_framework(out, terms)
    (out / "brandlint.yaml").write_text(
        "framework: messaging_framework.yaml\ncampaigns_by_path:\n" + "\n".join(globs) + "\n",
        encoding="utf-8",
    )


def run(out: Path, ignore: bool) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the process and its workers) of one
    ``brandlint check`` in ``out`` (JSON to a file)."""
    brandlint = Path(sys.executable).with_name("brandlint")
    cmd = [str(brandlint), "check", "--format", "json", "--output", "report.json"]
    cmd += ["--no-cache"] if "--no-cache" in _help(brandlint) else []
    cmd += ["--ignore", IGNORE] if ignore else []
    report = out / "report.json"
    report.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=out, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if done.returncode not in (0, 1) or not report.exists() or "Traceback" in done.stderr:
        raise SystemExit(f"brandlint failed ({done.returncode}):\n{done.stderr}")
    return elapsed, cpu


def _help(brandlint: Path) -> str:
    done = subprocess.run([str(brandlint), "check", "--help"], capture_output=True, text=True)
    return done.stdout


def scaling(sizes: tuple[int, ...] = (2_500, 5_000, 10_000, 20_000, 40_000)) -> None:
    """CPU time of the cross-draft step alone (``finish`` + ``sections`` of
    campaign-conflict) for growing runs in 100 campaigns: what the main process adds
    after the workers, which must grow linearly with the drafts."""
    from brandlint.facts import extract
    from brandlint.framework.load import default_framework
    from brandlint.rules.base import Anchor
    from brandlint.rules.campaign import CampaignConflict, DraftFacts

    rng = random.Random(SEED)
    for n in sizes:
        rule = CampaignConflict(default_framework())
        collected = []
        for i in range(n):
            c, zh = i % 100, rng.random() < 0.3
            text = offer(rng, c, zh, outlier=rng.random() < 0.02)
            kept = tuple(
                (
                    f,
                    Anchor(
                        "x.txt",
                        f"d{i}",
                        "body",
                        "sms",
                        f"c{c}",
                        f.start,
                        f.end,
                        1,
                        f.start + 1,
                        1,
                        f.end + 1,
                        f.text,
                        True,
                    ),
                )
                for f in extract(text, ("Acme Pulse", "Acme Flow"))
                if f.kind != "date" or f.unit
            )
            collected.append(DraftFacts(f"campaign-{c:03d}", "sms", f"d{i}", kept))
        start = time.process_time()
        conflicts = sum(1 for _ in rule.finish(collected))
        rule.sections(collected)
        cpu = time.process_time() - start
        print(
            f"{n:>6} drafts: {cpu:.2f} s CPU, {cpu / n * 1e6:.0f} µs/draft, {conflicts} conflicts"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--drafts", type=int, default=10_000)
    parser.add_argument("--campaigns", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--terms", type=int, default=200, help="banned phrases")
    parser.add_argument(
        "--scaling", action="store_true", help="time the cross-draft step alone and exit"
    )
    args = parser.parse_args()
    if args.scaling:
        scaling()
        return
    build(args.out, args.drafts, args.campaigns, args.terms)
    with_rules, without = [], []
    for _ in range(args.runs):
        without.append(run(args.out, ignore=True))
        with_rules.append(run(args.out, ignore=False))
        (a_wall, a_cpu), (b_wall, b_cpu) = without[-1], with_rules[-1]
        print(f"without {a_wall:.2f}s (cpu {a_cpu:.2f}s)  with {b_wall:.2f}s (cpu {b_cpu:.2f}s)",
              flush=True)  # fmt: skip
    print(f"{args.drafts} drafts in {args.campaigns} campaigns, median of {args.runs}:")
    for i, what in ((0, "wall"), (1, "cpu")):
        a = statistics.median(r[i] for r in without)
        b = statistics.median(r[i] for r in with_rules)
        print(f"  {what}: without campaign rules {a:.2f} s, with {b:.2f} s (+{(b - a) / a:.1%})")


if __name__ == "__main__":
    main()
