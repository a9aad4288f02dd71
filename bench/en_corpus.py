"""Build the extra drafts the quality check of the English packs needs (docs/quality.md)
from ../shared/corpora, next to what ``bench/corpus.py`` builds. The shared corpora
hold no emails, so real marketing copy stands in for them.

    python bench/en_corpus.py OUT

writes (the corpora are read in place, never copied into the repository):

- ``OUT/email/headlines.csv``  one email per real website headline: ``subject`` = the
                               headline, ``body`` = its meta description
- ``OUT/email/sms.csv``        one email per real promotional SMS (``spam`` rows): ``body``
- ``OUT/promo/sms/NNNN.txt``   the promotional SMS alone, one draft each, numbered as in
                               the corpus (``sms/NNNN.txt`` of ``bench/corpus.py``)

Email rows have ``channel: email``; the ``sms`` folder gives the SMS drafts their
channel. Deterministic: the corpora's order is kept.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from corpus import CORPORA, headlines


def promotional_sms() -> list[tuple[int, str]]:
    """``(number, text)`` of the SMS labelled ``spam`` (promotional) in the SMS corpus,
    numbered from 1 in corpus order."""
    rows = (CORPORA / "sms-spam-collection.tsv").read_text(encoding="utf-8").splitlines()[1:]
    split = (r.partition("\t") for r in rows)
    return [(i, text) for i, (label, _, text) in enumerate(split, 1) if label == "spam"]


def build(out: Path) -> None:
    folder = out / "email"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "headlines.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["channel", "subject", "body"])
        writer.writerows(["email", head, desc] for head, desc in headlines())
    with (folder / "sms.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["channel", "body"])
        writer.writerows(["email", text] for _, text in promotional_sms())
    sms = out / "promo" / "sms"
    sms.mkdir(parents=True, exist_ok=True)
    for i, text in promotional_sms():
        (sms / f"{i:04d}.txt").write_text(text + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    build(parser.parse_args().out)


if __name__ == "__main__":
    main()
