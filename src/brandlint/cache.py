"""The result cache: what linting a file found, reused while nothing that decides it changes.

An entry holds one file's :class:`~brandlint.worker.FileResult` and is found by the
file's name and the hash of its bytes, inside a directory named by the hash of
everything else that decides the findings: brandlint's version and installed code,
the framework (with its campaign briefs), the config, the rule packs' files, the
``--select``/``--ignore``/``--channel`` flags and the NLP libraries' versions. So a
changed file, framework, config or pack is linted afresh; cross-draft rules
(campaigns) and suppressions still run over every file on every run.

The directory is ``--cache-dir``, else ``cache_dir`` from the config (relative to
the config's directory), else ``.brandlint_cache`` in the project root (the
config's directory, or the current directory without one). ``--no-cache`` neither reads nor
writes it. Entries are pickles: the directory must be as trusted as the project.
A corrupt or unreadable entry is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    from .config import Config
    from .engine import RuleSet
    from .worker import FileResult

DEFAULT_DIR = ".brandlint_cache"
_FORMAT = 1  # bump when FileResult changes shape
_LIBRARIES = ("spacy", "spacy-lookups-data", "jieba")


def cache_dir(config: Config, flag: str | os.PathLike | None = None) -> Path:
    """Where the cache lives: ``--cache-dir``, else config ``cache_dir`` (relative to the
    config's directory), else ``.brandlint_cache`` in the project root."""
    root = Path(config.root)
    if flag is not None:
        return Path(flag)
    if config.cache_dir:
        return root / config.cache_dir
    return root / DEFAULT_DIR


class Cache:
    """Per-file results under one settings fingerprint."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.directory = directory
        self.entries = directory / f"v{_FORMAT}-{fingerprint[:24]}"
        self._ready = False

    def _entry(self, path: str) -> Path:
        return self.entries / (hashlib.blake2b(path.encode(), digest_size=16).hexdigest())

    def get(self, path: str, digest: str) -> FileResult | None:
        """The cached result of ``path`` when its bytes hash to ``digest``."""
        from .worker import FileResult

        try:
            with open(self._entry(path), "rb") as handle:
                found = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # a corrupt or foreign entry is a miss; it is rewritten
            return None
        if (
            isinstance(found, tuple)
            and len(found) == 2
            and found[0] == (path, digest)
            and isinstance(found[1], FileResult)
        ):
            return found[1]
        return None

    def put(self, result: FileResult) -> None:
        """Keep ``result`` (results of in-memory text or of a changing file are not kept)."""
        if result.digest is None:
            return
        try:
            self._prepare()
            data = pickle.dumps(((result.path, result.digest), result), pickle.HIGHEST_PROTOCOL)
            fd, tmp = tempfile.mkstemp(dir=self.entries, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, self._entry(result.path))
        except OSError:
            return  # a read-only or full disk only costs speed

    def _prepare(self) -> None:
        if self._ready:
            return
        self.entries.mkdir(parents=True, exist_ok=True)
        tag = self.directory / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by brandlint.\n",
                encoding="utf-8",
            )
            (self.directory / ".gitignore").write_text("*\n", encoding="utf-8")
        self._ready = True


def fingerprint(ruleset: RuleSet, config: Config, channel: str | None) -> str:
    """The hash of everything besides a file's own bytes that decides its findings."""
    from importlib import metadata

    h = hashlib.blake2b(digest_size=20)

    def add(*parts: object) -> None:
        for part in parts:
            h.update(repr(part).encode("utf-8", "surrogatepass"))
            h.update(b"\0")

    add(_FORMAT, __version__, _code_stamp())
    for name in _LIBRARIES:
        try:
            add(name, metadata.version(name))
        except metadata.PackageNotFoundError:
            add(name, None)
    add(
        ruleset.framework,
        replace(config, fail_on="", cache_dir=None),
        channel,
        ruleset.select,
        ruleset.ignore,
        ruleset.severity,
    )
    add(sorted(r.id for r in ruleset.rules))
    for file in ruleset.pack_files:
        try:
            h.update(Path(file).read_bytes())
        except OSError:
            add(file, None)
    return h.hexdigest()


def _code_stamp() -> list[tuple[str, int, int]]:
    """Name, size and modification time of every file of the installed package, so an
    edited rule or lexicon (a development install) is never served stale results."""
    package = Path(__file__).resolve().parent
    stamp = []
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".pyc"):
                continue
            stat = os.stat(os.path.join(folder, name))
            stamp.append((os.path.relpath(os.path.join(folder, name), package), stat.st_size,
                          stat.st_mtime_ns))  # fmt: skip
    return stamp


def open_cache(
    ruleset: RuleSet, config: Config, channel: str | None, flag: str | os.PathLike | None = None
) -> Cache:
    """The cache of a run with these settings (see the module docstring)."""
    return Cache(cache_dir(config, flag), fingerprint(ruleset, config, channel))
