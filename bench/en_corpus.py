"""Build email drafts from ../shared/corpora for the quality check of the email packs
(docs/quality.md): the shared corpora hold no emails, so real marketing copy stands in.

    python bench/email_corpus.py OUT

writes under OUT/email/ (read in place, never copied into the repository):

- ``headlines.csv``  one email per real website headline: ``subject`` = the headline,
                     ``body`` = its meta description (subject promises vs body)
- ``sms.csv``        one email per real promotional SMS (the ``spam`` rows): ``body``

Every row has ``channel: email``. Deterministic: the corpora's order is kept.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from corpus import CORPORA, headlines


def promotional_sms() -> list[str]:
    """The texts of the SMS labelled ``spam`` (promotional) in the SMS corpus."""
    rows = (CORPORA / "sms-spam-collection.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [text for label, _, text in (r.partition("\t") for r in rows) if label == "spam"]


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
        writer.writerows(["email", text] for text in promotional_sms())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    build(parser.parse_args().out)


if __name__ == "__main__":
    main()
