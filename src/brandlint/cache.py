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
A corrupt or unreadable entry is ignored and rewritten. Small results share one
pack file, read in one go, so a warm run over thousands of files stays fast. The
whole result of the last run is kept too, with the names and hashes of its files: a
run over exactly the same files (the common re-run of a CI gate or a hook) takes it
as it is, without compiling a rule, reading the per-file results or merging them.

Entries are found by content, but a file is not read again to learn its hash while
its size, modification and change times and inode are those it had when it was last
hashed, as Git's index does: the hashes are remembered with those stamps, for files
last modified at least :data:`_SETTLED_NS` before they were read (a file written in
the same tick as its read could change again without its stamp changing).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    from .config import Config
    from .framework.model import Framework
    from .result import RunResult
    from .worker import FileResult

DEFAULT_DIR = ".brandlint_cache"
_FORMAT = 1  # bump when FileResult changes shape
_LIBRARIES = ("spacy", "spacy-lookups-data", "jieba")
_PACK = "pack"
_LARGE = 2000  # results with more findings and drafts than this get a file of their own
_RUN = "run"
_RUN_LARGE = 100_000  # a run with more findings and drafts is not kept whole (disk)
_HASHES = f"hashes-v{_FORMAT}"  # beside the fingerprints' folders: settings don't change a hash
_SETTLED_NS = 2_000_000_000  # coarser than any file system's timestamps (FAT: 2 s)

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


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
    """Per-file results under one settings fingerprint: small results in one pack file
    (read with one load), large ones (big tables) in files of their own."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.directory = directory
        self.entries = directory / f"v{_FORMAT}-{fingerprint[:24]}"
        self._pack: dict[str, tuple[str, FileResult | None]] | None = None
        self._changed = False
        self._hashes: dict[str, tuple[Stamp, str]] | None = None
        self._hashes_changed = False

    def _entry(self, path: str) -> Path:
        return self.entries / hashlib.blake2b(path.encode(), digest_size=16).hexdigest()

    def _entries(self) -> dict[str, tuple[str, FileResult | None]]:
        if self._pack is None:
            self._pack = _load(self.entries / _PACK, dict) or {}
        return self._pack

    def known_hash(self, path: str, stat: os.stat_result) -> str | None:
        """The hash of ``path``'s bytes when its ``stat`` is the one it was hashed with."""
        entry = self._known().get(path)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == stamp(stat):
            return entry[1]
        return None

    def remember_hash(
        self, path: str, before: os.stat_result, after: os.stat_result, digest: str, read_ns: int
    ) -> None:
        """Remember that ``path``, read at ``read_ns`` between the ``before`` and
        ``after`` stats, hashes to ``digest`` (unless it changed around the read)."""
        if stamp(before) != stamp(after):
            return
        if read_ns - max(after.st_mtime_ns, after.st_ctime_ns) < _SETTLED_NS:
            return
        entry, known = (stamp(after), digest), self._known()
        if known.get(path) != entry:
            known[path] = entry
            self._hashes_changed = True

    def _known(self) -> dict[str, tuple[Stamp, str]]:
        if self._hashes is None:
            self._hashes = _load(self.directory / _HASHES, dict) or {}
        return self._hashes

    def get(self, path: str, digest: str) -> FileResult | None:
        """The cached result of ``path`` when its bytes hash to ``digest``."""
        from .worker import FileResult

        entry = self._entries().get(path)
        if not isinstance(entry, tuple) or len(entry) != 2 or entry[0] != digest:
            return None
        result = entry[1]
        if result is None:
            found = _load(self._entry(path), tuple)
            result = found[1] if found and len(found) == 2 and found[0] == digest else None
        if isinstance(result, FileResult) and result.path == path and result.digest == digest:
            return result
        return None

    def put(self, result: FileResult) -> None:
        """Keep ``result`` (results of in-memory text or of a changing file are not kept)."""
        if result.digest is None:
            return
        entries = self._entries()
        if len(result.findings) + len(result.drafts) > _LARGE:
            if not self._write(self._entry(result.path), (result.digest, result)):
                return
            entries[result.path] = (result.digest, None)
        else:
            entries[result.path] = (result.digest, result)
        self._changed = True

    def run(self, key: str) -> RunResult | None:
        """The last run's result, when that run was over the same files (``key``,
        from :func:`run_key`, names its entry) with the same settings."""
        from .result import RunResult

        return _load(self.entries / f"{_RUN}-{key}", RunResult)

    def keep_run(self, key: str, result: RunResult) -> None:
        """Keep ``result`` as the last run's, unless it is very large; earlier runs'
        entries go."""
        kept = self.entries / f"{_RUN}-{key}"
        for old in self.entries.glob(f"{_RUN}-*"):
            if old != kept:
                with contextlib.suppress(OSError):  # a read-only cache only costs speed
                    old.unlink()
        if len(result.findings) + len(result.drafts) <= _RUN_LARGE:
            self._write(kept, result)

    def save(self) -> None:
        """Write the pack and the remembered hashes when this run added to them."""
        if self._changed and self._pack is not None:
            self._changed = not self._write(self.entries / _PACK, self._pack)
        if self._hashes_changed and self._hashes is not None:
            self._hashes_changed = not self._write(self.directory / _HASHES, self._hashes)

    def _write(self, target: Path, value: object) -> bool:
        try:
            self._prepare()
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
            return True
        except OSError:  # a read-only or full disk only costs speed
            return False

    def _prepare(self) -> None:
        self.entries.mkdir(parents=True, exist_ok=True)
        tag = self.directory / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by brandlint.\n",
                encoding="utf-8",
            )
            (self.directory / ".gitignore").write_text("*\n", encoding="utf-8")


def stamp(stat: os.stat_result) -> Stamp:
    """What changes whenever a file's bytes do."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def run_key(files: list[tuple[str, str]], fail_on: str, lines: bool) -> str:
    """What names a run besides its settings: each file's name and hash, the gate, and
    whether the result keeps the findings' source lines."""
    h = hashlib.blake2b(
        repr((files, fail_on, lines)).encode("utf-8", "surrogatepass"), digest_size=20
    )
    return h.hexdigest()


def _load(path: Path, kind: type) -> Any:
    """The pickled value in ``path`` when it is a ``kind``; None when the file is
    missing, corrupt or foreign."""
    try:
        with open(path, "rb") as handle:
            value = pickle.load(handle)
    except Exception:  # missing, truncated, garbage or from another version: a miss
        return None
    return value if isinstance(value, kind) else None


def fingerprint(
    framework: Framework,
    config: Config,
    channel: str | None,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
) -> str:
    """The hash of everything besides the files' own bytes that decides the findings:
    what :meth:`~brandlint.engine.RuleSet.build` is given, the rule packs' bytes, the
    installed code and NLP libraries (computed without compiling any rule)."""
    from importlib import metadata

    from .packs import pack_file

    h = hashlib.blake2b(digest_size=20)

    def add(*parts: object) -> None:
        for part in parts:
            h.update(repr(part).encode("utf-8", "surrogatepass"))
            h.update(b"\0")

    add(_FORMAT, __version__, _code_stamp())
    for name in (*_LIBRARIES, *sorted(set(config.spacy_models.values()))):
        try:
            add(name, metadata.version(name))
        except metadata.PackageNotFoundError:
            add(name, None)
    # The config holds its own select/ignore, which the flags replace when given.
    add(framework, replace(config, fail_on="", cache_dir=None), channel, select, ignore)
    for ref in dict.fromkeys((*framework.rule_packs, *config.rule_packs)):
        file = pack_file(ref)[0]
        try:
            h.update(file.read_bytes())
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
    framework: Framework,
    config: Config,
    channel: str | None,
    flag: str | os.PathLike | None = None,
    *,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
) -> Cache:
    """The cache of a run with these settings (see the module docstring)."""
    return Cache(cache_dir(config, flag), fingerprint(framework, config, channel, select, ignore))
