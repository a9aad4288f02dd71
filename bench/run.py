"""brandlint against the tools a user would otherwise pick, in one run.

    python bench/run.py [--work DIR] [--runs N] [--ads N] [--write]

1. builds the corpora (``bench/corpus.py``) under ``--work`` (default
   ``/tmp/brandlint-bench``), once per ``--ads`` size: 5,574 real SMS, 994 real
   headlines as an ad export, landing pages and posts, the Chinese articles, and a
   synthetic ad export of ``--ads`` rows (default 100,000);
2. installs the peers there, pinned: textlint 15.8.0 with textlint-rule-prh 6.1.0
   (npm) and proselint 0.16.0 (a venv), unless already installed;
3. byte-compiles brandlint as ``pip install .`` does (an editable install under
   ``PYTHONDONTWRITEBYTECODE`` would otherwise compile its modules on every run), and
   measures the machine's parallel ceiling (:func:`parallel_ceiling`);
4. times every command as a whole process with ``/usr/bin/time`` (GNU time),
   ``--runs`` times after one warm-up (the one-second warm and cold runs three times
   as often), commands compared by a ratio in turn, and reports the median wall time
   and the median peak RSS;
5. prints a Markdown report and, with ``--write``, puts it in
   ``docs/benchmarks.md`` between the ``bench/run.py`` markers.

textlint+prh gets the same 200-term dictionary as brandlint's ``banned-phrase``
(each phrase as a whole-word, case-insensitive pattern). proselint has its own
fixed rules; it is timed on the same files for words per second only. Ratios
measured in one run are the figures that count: absolute times vary by machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TEXTLINT = "textlint@15.8.0"
PRH = "textlint-rule-prh@6.1.0"
PROSELINT = "proselint==0.16.0"
COMPILE = (  # what `pip install .` does to brandlint's modules
    "import brandlint, compileall, pathlib; "
    "compileall.compile_dir(pathlib.Path(brandlint.__file__).parent, quiet=1)"
)
MARK_START = "<!-- bench/run.py: start -->"
MARK_END = "<!-- bench/run.py: end -->"


@dataclass
class Timing:
    wall: float  # median seconds
    rss_mb: float  # median peak resident set size
    runs: list[float]


def timed(cmd: list[str], cwd: Path, runs: int) -> Timing:
    """Median wall time and peak RSS of ``cmd`` over ``runs`` runs after a warm-up."""
    return timed_in_turn({"": cmd}, cwd, runs)[""]


def timed_in_turn(cmds: dict[str, list[str]], cwd: Path, runs: int) -> dict[str, Timing]:
    """:func:`timed` for commands run in turn (A B A B ...), so a drift in the machine's
    speed during the benchmark touches them alike and their ratios stay meaningful.
    Exit codes 0 and 1 (findings) are success; anything else stops the benchmark."""
    walls: dict[str, list[float]] = {name: [] for name in cmds}
    rss: dict[str, list[float]] = {name: [] for name in cmds}
    for i in range(runs + 1):
        for name, cmd in cmds.items():
            with tempfile.NamedTemporaryFile("r") as out:
                done = subprocess.run(
                    ["/usr/bin/time", "-f", "%e %M", "-o", out.name, *cmd],
                    cwd=cwd,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    text=True,
                    check=False,
                )
                if done.returncode not in (0, 1):
                    sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-2000:]}")
                wall, kb = out.read().split()[-2:]
            if i:  # the first round warms the page cache
                walls[name].append(float(wall))
                rss[name].append(int(kb) / 1024)
    return {
        name: Timing(statistics.median(walls[name]), statistics.median(rss[name]), walls[name])
        for name in cmds
    }


SPIN = "x = 0\nfor i in range(20_000_000):\n    x += i * i % 7"  # pure CPU, no memory traffic


def parallel_ceiling(runs: int) -> float:
    """How many times faster two CPU-bound processes finish together than one after
    the other: 2.0 on two free cores, less where the CPUs share a physical core or a
    busy host. No ``-j 2`` speed-up can beat it."""

    def wall(processes: int) -> float:
        start = time.perf_counter()
        for child in [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(processes)]:
            child.wait()
        return time.perf_counter() - start

    alone = statistics.median(wall(1) for _ in range(runs))
    return 2 * alone / statistics.median(wall(2) for _ in range(runs))


def words_in(paths: list[Path]) -> int:
    """Whitespace-separated words of the drafts' text (CSV: every cell but ids)."""
    total = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".csv":
            rows = csv.DictReader(text.splitlines())
            skip = {"id", "channel", "campaign"}
            total += sum(len(v.split()) for r in rows for k, v in r.items() if k not in skip)
        else:
            total += len(text.split())
    return total


def install_peers(work: Path) -> tuple[Path, Path]:
    """textlint (npm) and proselint (venv) under ``work/peers``."""
    peers = work / "peers"
    textlint = peers / "node_modules" / ".bin" / "textlint"
    if not textlint.exists():
        peers.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(peers),
                TEXTLINT,
                PRH,
            ],
            check=True,
        )
    proselint = peers / "proselint-venv" / "bin" / "proselint"
    if not proselint.exists():
        subprocess.run([sys.executable, "-m", "venv", str(peers / "proselint-venv")], check=True)
        subprocess.run(
            [str(peers / "proselint-venv" / "bin" / "pip"), "install", "-q", PROSELINT], check=True
        )
    return textlint, proselint


def prh_config(framework: Path, peers: Path) -> Path:
    """A textlint config whose prh dictionary holds the framework's banned phrases."""
    banned = yaml.safe_load(framework.read_text(encoding="utf-8"))["banned"]

    def js(term: str) -> str:
        return re.sub(r"([.*+?^${}()|\[\]\\/])", r"\\\1", term)

    rules = [
        {"expected": "BANNED", "patterns": [f"/(?<![A-Za-z0-9]){js(b['phrase'])}(?![A-Za-z0-9])/i"]}
        for b in banned
    ]
    (peers / "prh.yml").write_text(yaml.safe_dump({"version": 1, "rules": rules}), encoding="utf-8")
    config = peers / "textlintrc.json"
    config.write_text(
        json.dumps({"rules": {"prh": {"rulePaths": [str(peers / "prh.yml")]}}}), encoding="utf-8"
    )
    return config


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "brandlint-bench"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ads", type=int, default=100_000)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()

    sys.path.insert(0, str(HERE))
    from corpus import build, write_framework

    corpus = args.work / f"corpus-{args.ads}"
    if not (corpus / "ads.csv").exists():
        build(corpus, ads=args.ads, terms=200)
    big = args.work / "terms-10000"
    big.mkdir(parents=True, exist_ok=True)
    write_framework(big, 10_000)
    textlint, proselint = install_peers(args.work)
    textlintrc = prh_config(corpus / "messaging_framework.yaml", args.work / "peers")
    here = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    brandlint = shutil.which("brandlint", path=here) or sys.exit("brandlint is not installed")
    subprocess.run([sys.executable, "-c", COMPILE], check=True)
    cache = args.work / "cache"
    fw200 = str(corpus / "messaging_framework.yaml")
    fw10k = str(big / "messaging_framework.yaml")
    sms = sorted((corpus / "sms").glob("*.txt"))
    sms_words = words_in(sms)
    ads_words = words_in([corpus / "ads.csv"])
    files = [
        p
        for p in corpus.rglob("*")
        if p.is_file() and p.name != "ads.csv" and p.suffix in (".txt", ".md", ".csv")
    ]
    small = corpus / "sms" / "0001.txt"
    runs = args.runs

    report = str(args.work / "report.json")  # brandlint writes reports to regular files only

    def bl(*extra: str, fw: str = fw200) -> list[str]:
        return [brandlint, "check", "-f", fw, "-q", "--format", "json", "-o", report, *extra]

    ceiling = parallel_ceiling(runs)
    banned = ("sms", "--select", "banned-phrase", "--no-cache")
    t = timed_in_turn(
        {
            "prh": [str(textlint), "--config", str(textlintrc), "sms/*.txt"],
            "banned": bl(*banned),
            "banned-10k": bl(*banned, fw=fw10k),
        },
        corpus,
        runs,
    )
    t["proselint"] = timed([str(proselint), "check", "sms"], corpus, runs)
    t["sms-all"] = timed(bl("sms", "--no-cache"), corpus, runs)
    t |= timed_in_turn(
        {
            "ads-j1": bl("ads.csv", "-j", "1", "--no-cache"),
            "ads-j2": bl("ads.csv", "-j", "2", "--no-cache"),
        },
        corpus,
        max(1, runs // 2),
    )
    folders = sorted(d.name for d in corpus.iterdir() if d.is_dir())
    subprocess.run(
        bl(*folders, "--cache-dir", str(cache)), cwd=corpus, stdout=subprocess.DEVNULL, check=False
    )
    short = 3 * runs  # a second or so each: more runs steady their medians
    t["warm"] = timed(bl(*folders, "--cache-dir", str(cache)), corpus, short)
    t["cold-one"] = timed(bl(str(small), "--no-cache"), corpus, short)

    def ratio(a: str, b: str) -> float:
        return t[a].wall / t[b].wall

    n_sms, n_ads = len(sms), args.ads
    rows = [
        ("textlint + prh, 200 terms, SMS files", t["prh"], sms_words, n_sms),
        ("brandlint `--select banned-phrase`, 200 terms, SMS files", t["banned"], sms_words, n_sms),
        (
            "brandlint `--select banned-phrase`, 10,000 terms, SMS files",
            t["banned-10k"],
            sms_words,
            n_sms,
        ),
        ("proselint (its own rules), SMS files", t["proselint"], sms_words, n_sms),
        ("brandlint, all default rules, SMS files", t["sms-all"], sms_words, n_sms),
        (
            f"brandlint, all default rules, {n_ads:,}-row ad export, `-j 1`",
            t["ads-j1"],
            ads_words,
            n_ads,
        ),
        (
            f"brandlint, all default rules, {n_ads:,}-row ad export, `-j 2`",
            t["ads-j2"],
            ads_words,
            n_ads,
        ),
        (
            f"brandlint, warm re-run over {len(files):,} unchanged files (cache)",
            t["warm"],
            None,
            None,
        ),
        ("brandlint, one small file, cold process", t["cold-one"], None, None),
    ]
    lines = [
        MARK_START,
        "",
        f"Machine: {machine()}. Median of {runs} runs after a warm-up "
        f"(the ad-export rows: {max(1, runs // 2)}; the warm and cold runs: {short}), "
        "whole processes, `/usr/bin/time -f '%e %M'`; commands compared by a ratio run in "
        "turn (textlint+prh, 200 terms, 10,000 terms; `-j 1`, `-j 2`); brandlint without "
        "`-j` uses every CPU.",
        f"Command: `python bench/run.py {' '.join(sys.argv[1:])}`.",
        f"Two CPU-bound processes at once finish {ceiling:.2f}× faster than one after the "
        "other here (2.0 on two free cores): the ceiling of any `-j 2` speed-up.",
        f"Corpus: {n_sms:,} SMS files ({sms_words:,} words); ad export {n_ads:,} rows "
        f"({ads_words:,} words).",
        "",
        "| command | wall s (median) | peak RSS MB | words/s | drafts/s |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, timing, words, drafts in rows:
        rate = f"{words / timing.wall:,.0f}" if words else "—"
        per = f"{drafts / timing.wall:,.0f}" if drafts else "—"
        lines.append(f"| {name} | {timing.wall:.2f} | {timing.rss_mb:.0f} | {rate} | {per} |")
    peak = max(t["ads-j1"].rss_mb, t["ads-j2"].rss_mb)
    memory_met = ("yes" if peak < 500 else "no") if n_ads >= 100_000 else "not at this size"
    lines += [
        "",
        "| target | measured | met |",
        "|---|---|---|",
        f"| `banned-phrase` ≥ 10× faster than textlint+prh | {ratio('prh', 'banned'):.1f}× | "
        f"{'yes' if ratio('prh', 'banned') >= 10 else 'no'} |",
        f"| ≥ 200,000 words/s, all rules, ad export, `-j 2` | "
        f"{ads_words / t['ads-j2'].wall:,.0f} | "
        f"{'yes' if ads_words / t['ads-j2'].wall >= 200_000 else 'no'} |",
        f"| `-j 2` ≥ 1.7× faster than `-j 1` | {ratio('ads-j1', 'ads-j2'):.2f}× "
        f"(machine ceiling {ceiling:.2f}×) | "
        f"{'yes' if ratio('ads-j1', 'ads-j2') >= 1.7 else 'no'} |",
        f"| 10,000 terms < 1.3× the time of 200 | {ratio('banned-10k', 'banned'):.2f}× | "
        f"{'yes' if ratio('banned-10k', 'banned') < 1.3 else 'no'} |",
        f"| warm re-run over {len(files):,} files < 1 s | {t['warm'].wall:.2f} s | "
        f"{'yes' if t['warm'].wall < 1 else 'no'} |",
        f"| one small file, cold, < 1.5 s | {t['cold-one'].wall:.2f} s | "
        f"{'yes' if t['cold-one'].wall < 1.5 else 'no'} |",
        f"| peak memory < 500 MB on the 100,000-row export | {peak:.0f} MB (largest process, "
        f"`-j 1` or `-j 2`, {n_ads:,} rows) | {memory_met} |",
        "",
        MARK_END,
    ]
    report = "\n".join(lines)
    print(report)
    if args.write:
        doc = REPO / "docs" / "benchmarks.md"
        text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
        if MARK_START in text:
            head, rest = text.split(MARK_START, 1)
            text = head + report + rest.split(MARK_END, 1)[1]
        else:
            text = text.rstrip() + "\n\n## brandlint and its peers\n\n" + report + "\n"
        doc.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
