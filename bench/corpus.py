"""Build the benchmark corpora from ../shared/corpora (read in place, never copied
into the repository) plus synthetic ad exports.

    python bench/corpus.py OUT [--ads N] [--terms N]

writes under OUT:

- ``sms/NNNN.txt``           one draft per real SMS (5,574 files)
- ``google_ads/headlines.csv``  the 994 real website headlines as an ad export
- ``web/NNNN.md``             one landing-page draft per headline (title + description)
- ``x/NNNN.txt``              one social post per headline
- ``weibo/article-N-PP.md``   the Chinese articles, one draft per paragraph
- ``ads.csv``                 N synthetic ad-export rows (``--ads``, default 0), built
                              from the real headlines, descriptions and SMS texts
- ``messaging_framework.yaml``  a framework with ``--terms`` banned phrases
                              (default 200; the real spam-trigger phrases first,
                              then generated two-word phrases) and the five channels

Everything is deterministic (fixed seed), so runs are comparable.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPORA = SHARED / "corpora"
SEED = 20261123


def sms_texts() -> list[str]:
    rows = (CORPORA / "sms-spam-collection.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [row.split("\t", 1)[1] for row in rows if "\t" in row]


def headlines() -> list[tuple[str, str]]:
    with (CORPORA / "website-headlines.csv").open(encoding="utf-8", newline="") as f:
        return [(r["output"], r["desc"]) for r in csv.DictReader(f)]


def zh_paragraphs() -> list[tuple[str, int, str]]:
    out = []
    for path in sorted((CORPORA / "zh-articles").glob("article-*.txt")):
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n")]
        out += [(path.stem, i, p) for i, p in enumerate(paragraphs, 1) if p]
    return out


def banned_terms(count: int) -> list[str]:
    """``count`` distinct phrases: the real spam-trigger list first, then generated."""
    rows = (SHARED / "research/data/spam-trigger-phrases.tsv").read_text(encoding="utf-8")
    terms = list(
        dict.fromkeys(
            r.split("\t", 1)[1].strip().lower() for r in rows.splitlines()[1:] if "\t" in r
        )
    )
    rng = random.Random(SEED)
    words = sorted({w.lower() for h, _ in headlines() for w in h.split() if w.isalpha()})
    seen = set(terms)
    while len(terms) < count:
        phrase = f"{rng.choice(words)} {rng.choice(words)}"
        if phrase not in seen:
            seen.add(phrase)
            terms.append(phrase)
    return terms[:count]


def write_framework(out: Path, terms: int) -> None:
    lines = [
        "version: 1",
        "brand:",
        "  name: Acme Cloud",
        "  products: [Acme Pulse, Acme Flow]",
        "  competitors: [Globex, Initech]",
        "value_proposition:",
        "  tagline: Every channel, one voice.",
        "  pillars:",
        "    - {id: speed, message: Launch campaigns in minutes., keywords: [minutes, fast]}",
        "    - {id: savings, message: Save more on every order., keywords: [save, free]}",
        "tone: {max_exclamations: 1, max_sentence_words: 28, max_reading_grade: 9,"
        " max_caps_words: 0, person: second}",
        "terminology:",
        "  - {use: sign up, instead_of: [signup, register]}",
        "required:",
        "  - {id: opt-out, channels: [sms], any_of: [STOP, unsubscribe]}",
        "channels:",
        "  sms: {profile: sms}",
        "  google_ads: {profile: google_ads}",
        "  weibo: {profile: weibo, locale: zh}",
        "  web: {profile: web}",
        "  x: {profile: x}",
        "banned:",
    ]
    lines += [f"  - phrase: {_yaml_str(t)}" for t in banned_terms(terms)]
    (out / "messaging_framework.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _yaml_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def write_ads(path: Path, rows: int) -> None:
    rng = random.Random(SEED)
    heads, sms = headlines(), sms_texts()
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(
            [
                "id",
                "channel",
                "campaign",
                "Headline 1",
                "Headline 2",
                "Description 1",
                "Description 2",
            ]
        )
        for i in range(1, rows + 1):
            h1, d1 = rng.choice(heads)
            h2, _ = rng.choice(heads)
            writer.writerow(
                [f"ad{i}", "google_ads", f"campaign-{i % 100}", h1, h2, d1, rng.choice(sms)]
            )


def build(out: Path, ads: int = 0, terms: int = 200) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "sms").mkdir(exist_ok=True)
    for i, text in enumerate(sms_texts(), 1):
        (out / "sms" / f"{i:04d}.txt").write_text(text + "\n", encoding="utf-8")
    (out / "google_ads").mkdir(exist_ok=True)
    with (out / "google_ads" / "headlines.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Headline 1", "Description 1"])
        writer.writerows(headlines())
    (out / "web").mkdir(exist_ok=True)
    for i, (title, desc) in enumerate(headlines(), 1):
        front = f"---\ntitle: {_yaml_str(title)}\n---\n"
        (out / "web" / f"{i:04d}.md").write_text(front + desc + "\n", encoding="utf-8")
    (out / "x").mkdir(exist_ok=True)
    for i, (title, _desc) in enumerate(headlines(), 1):
        (out / "x" / f"{i:04d}.txt").write_text(title + "\n", encoding="utf-8")
    (out / "weibo").mkdir(exist_ok=True)
    for stem, i, text in zh_paragraphs():
        (out / "weibo" / f"{stem}-{i:02d}.md").write_text(text + "\n", encoding="utf-8")
    if ads:
        write_ads(out / "ads.csv", ads)
    write_framework(out, terms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--ads", type=int, default=0, help="synthetic ad-export rows")
    parser.add_argument("--terms", type=int, default=200, help="banned phrases")
    args = parser.parse_args()
    build(args.out, args.ads, args.terms)


if __name__ == "__main__":
    main()
