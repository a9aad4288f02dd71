"""Safe fixes: vet each edit against the file it changes, apply edits without overlaps
until nothing more changes, write files atomically, and show the changes as diffs.

An edit is in character offsets of the decoded, BOM-less source text. Before it is
written it becomes a *file edit*: its replacement escaped the way the file format
needs (a quoted CSV cell doubles ``"``, a JSON string escapes, HTML uses entities),
with the file's line endings. An edit that cannot be written safely (it touches a
merge tag or template expression, needs quoting inside an unquoted CSV cell, has
characters YAML would read differently, or cannot be encoded in the file's encoding)
is *unsafe*: reported as a suggestion, never applied.
"""

from __future__ import annotations

import codecs
import difflib
import html
import json
import os
import re
import stat
import tempfile
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from .drafts import Draft, SourceFile
from .errors import BrandlintError, InputError
from .findings import Edit, Finding
from .result import UNASSIGNED, FileDiff, RunResult

if TYPE_CHECKING:
    from .sources.table import Record

MAX_PASSES = 5
"""``--fix`` re-lints the fixed text and fixes again, at most this many times."""

# Merge tags and template expressions, in the source text: {{ … }}, {% … %}, {# … #}
# (or an unclosed one up to the end of its line), *|MC|*, %%SFMC%%, %FNAME%, ${var}.
_TEMPLATE = re.compile(
    r"\{\{[\s\S]{0,500}?\}\}|\{%[\s\S]{0,500}?%\}|\{#[\s\S]{0,500}?#\}"
    r"|\{\{[^\n]*|\{%[^\n]*"
    r"|\*\|[^|\s]{1,100}\|\*|%%[^%\s]{1,100}%%|%[A-Za-z_][\w.\-]{0,100}%|\$\{[^}\n]{0,200}\}"
)
_BOM = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}
# Characters that may change how YAML reads a scalar (quotes, escapes, comments,
# mapping and flow indicators, line breaks).
_YAML_SENSITIVE = set("\"'\\:#{}[],&*!|>%@`\n\r\t")


def template_spans(text: str, base: int = 0) -> list[tuple[int, int]]:
    """The ``[start, end)`` offsets of the merge tags and template expressions in
    ``text``, which starts at offset ``base`` of its file."""
    return [(m.start() + base, m.end() + base) for m in _TEMPLATE.finditer(text)]


class _FileContext:
    """What vetting needs to know about one source file, computed once, and for a
    table only as far as the edits asked about reach."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.suffix = PurePath(source.path).suffix.lower()
        self._templates: list[tuple[int, int]] | None = None
        self._records: Iterator[Record] | None = None
        self._starts: list[int] = []
        self._cells: list[tuple[int, int, bool]] = []

    def in_template(self, start: int, end: int) -> bool:
        if self._templates is None:
            self._templates = template_spans(self.source.text, self.source.base)
        return any(s < max(end, start + 1) and start < e for s, e in self._templates)

    def cell(self, offset: int) -> tuple[int, int, bool] | None:
        """The ``(start, end, quoted)`` CSV/TSV cell holding ``offset``."""
        self._scan_to(offset)
        i = bisect_right(self._starts, offset) - 1
        if i < 0 or not self._cells[i][0] <= offset <= self._cells[i][1]:
            return None
        return self._cells[i]

    def _scan_to(self, offset: int) -> None:
        """Scan records until one ends at or after ``offset``: every cell that starts
        at or before it is known then (cells come in order)."""
        if self._records is None:
            from .sources.table import scan

            self._records = scan(self.source.text, "\t" if self.suffix == ".tsv" else ",")
        text, base = self.source.text, self.source.base
        while not self._cells or self._cells[-1][1] < offset:
            record = next(self._records, None)
            if record is None:
                return
            for c in record.cells:
                self._starts.append(c.start + base)
                self._cells.append((c.start + base, c.end + base, text.startswith('"', c.start)))


def file_replacement(ctx: _FileContext, field: str | None, edit: Edit) -> str | None:
    """The text to write for ``edit`` in this file, or None when it cannot be written
    safely."""
    source, text = ctx.source, edit.replacement
    if ctx.in_template(edit.start, edit.end):
        return None
    if source.newline == "\r\n":
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    suffix = ctx.suffix
    if suffix in (".csv", ".tsv"):
        cell = ctx.cell(edit.start)
        if cell is None or edit.end > cell[1]:
            return None
        delimiter = "\t" if suffix == ".tsv" else ","
        if cell[2]:
            text = text.replace('"', '""')
        elif any(c in text for c in (delimiter, '"', "\r", "\n")):
            return None  # the cell would need quoting: not a safe edit
    elif suffix in (".json", ".jsonl"):
        text = json.dumps(text, ensure_ascii=False)[1:-1]
    elif suffix in (".html", ".htm"):
        text = html.escape(text, quote=True)
    elif (
        suffix in (".yaml", ".yml") or (suffix in (".md", ".markdown") and field != "body")
    ) and any(c in _YAML_SENSITIVE for c in text):
        return None
    try:
        text.encode(source.encoding)
    except UnicodeEncodeError:
        return None
    return text


def vet(
    findings: Iterable[Finding],
    sources: Mapping[str, SourceFile],
    contexts: dict[str, _FileContext] | None = None,
) -> list[Finding]:
    """Findings whose safe fix cannot be written safely (see the module docstring)
    get an ``unsafe`` fix: they stay suggestions. ``contexts`` keeps what vetting
    learnt about each file for the next call, which reuses it while the file's source
    is the same object: the slices of one table share it, and scan its cells once."""
    contexts = {} if contexts is None else contexts
    out = []
    for f in findings:
        source = sources.get(f.path)
        if f.fix is not None and f.fix.applicability == "safe" and source is not None:
            ctx = contexts.get(f.path)
            if ctx is None or ctx.source is not source:
                ctx = contexts[f.path] = _FileContext(source)
            if any(file_replacement(ctx, f.field, e) is None for e in f.fix.edits):
                f = replace(f, fix=replace(f.fix, applicability="unsafe"))
        out.append(f)
    return out


@dataclass(frozen=True)
class _Planned:
    """One edit chosen for a file: the finding it fixes, the text written into the
    file and the text a reader gets back from it (the replacement, with the file's
    line endings)."""

    finding: Finding
    edit: Edit
    written: str
    read: str


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` conflicts with a taken span (sorted by start); two
    edits at the same point conflict, as does an insertion inside a replaced span."""
    i = bisect_right(taken, (start, end))
    for s, e in taken[max(0, i - 1) : i + 1]:
        if s == start or (s < max(end, start + 1) and start < max(e, s + 1)):
            return True
    return False


def _select(source: SourceFile, findings: list[Finding]) -> list[_Planned]:
    """The safe edits of one file that can be written, first come first served:
    an edit overlapping one already taken waits for the next pass."""
    from bisect import insort

    ctx = _FileContext(source)
    taken: list[tuple[int, int]] = []
    planned: list[_Planned] = []
    for f in findings:
        fix = f.fix
        if fix is None or fix.applicability != "safe":
            continue
        first = fix.edits[0]
        if f.match is not None and (f.start, f.end) == (first.start, first.end):
            stale = source.text[f.start : f.end] != f.match
            if stale:
                continue  # the file changed since it was linted
        written = [file_replacement(ctx, f.field, e) for e in fix.edits]
        if any(w is None for w in written) or any(
            _overlaps(taken, e.start, e.end) for e in fix.edits
        ):
            continue
        if len({(e.start, e.end) for e in fix.edits}) < len(fix.edits):
            continue
        for e, w in zip(fix.edits, written, strict=True):
            insort(taken, (e.start, e.end))
            read = e.replacement
            if source.newline == "\r\n":
                read = read.replace("\r\n", "\n").replace("\n", "\r\n")
            planned.append(_Planned(f, e, w, read))
    return planned


def _apply(text: str, planned: Iterable[_Planned]) -> str:
    """``text`` with the planned edits written into it."""
    out, pos = [], 0
    for p in sorted(planned, key=lambda p: (p.edit.start, p.edit.end)):
        out.append(text[pos : p.edit.start])
        out.append(p.written)
        pos = p.edit.end
    out.append(text[pos:])
    return "".join(out)


def _read(source: SourceFile, text: str) -> list[Draft] | None:
    from .sources import read_text

    try:
        return read_text(text, source.path)
    except InputError:
        return None


def _field_span(draft: Draft, name: str | None, start: int, end: int) -> tuple[str, int] | None:
    """The field of ``draft`` that holds source ``[start, end)`` verbatim, and the
    field offset of ``start``."""
    field = draft.field(name) if name else None
    if field is None:
        return None
    for text_start, source_start, length in field.source_map.runs:
        if source_start <= start and end <= source_start + length:
            return field.name, text_start + start - source_start
    return None


def _verified(source: SourceFile, planned: list[_Planned]) -> bool:
    """Re-read the edited text: the same drafts and fields, and every field's text is
    the old text with exactly these replacements."""
    before = _read(source, source.text)
    after = _read(source, _apply(source.text, planned))
    if before is None or after is None or len(before) != len(after):
        return False
    drafts = {d.id: d for d in before}
    edits: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for p in planned:
        draft = drafts.get(p.finding.draft)
        where = draft and _field_span(draft, p.finding.field, p.edit.start, p.edit.end)
        if not where:
            return False
        name, start = where
        edits.setdefault((draft.id, name), []).append(
            (start, start + p.edit.end - p.edit.start, p.read)
        )
    for old, new in zip(before, after, strict=True):
        if old.id != new.id or [f.name for f in old.fields] != [f.name for f in new.fields]:
            return False
        for f_old, f_new in zip(old.fields, new.fields, strict=True):
            expected, pos = [], 0
            for start, end, text in sorted(edits.get((old.id, f_old.name), ())):
                expected += [f_old.text[pos:start], text]
                pos = end
            expected.append(f_old.text[pos:])
            if "".join(expected) != f_new.text:
                return False
    return True


def plan(source: SourceFile, findings: list[Finding]) -> list[_Planned]:
    """The edits ``--fix`` writes into one file in one pass, verified by re-reading
    the result; an edit that changes anything else is left out."""
    planned = _select(source, findings)
    if not planned or _verified(source, planned):
        return planned
    alone = [p for p in planned if _verified(source, [p])]
    return alone if alone and _verified(source, alone) else []


@dataclass
class FileChange:
    """A file's text before and after its safe fixes, with what they fixed."""

    source: SourceFile  # as read, with the original text
    text: str
    fixes: int = 0
    channels: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        return self.source.path

    def diff(self) -> FileDiff:
        diff = unified_diff(self.path, self.source.text, self.text)
        return FileDiff(self.path, self.channels, self.fixes, diff)


def converge(
    result: RunResult,
    read: Callable[[str], SourceFile | None],
    relint: Callable[[list[tuple[str, str]]], RunResult],
    *,
    passes: int = MAX_PASSES,
) -> list[FileChange]:
    """Apply safe fixes in memory until nothing changes (at most ``passes`` times),
    re-linting the changed texts between passes; returns the files that change."""
    changes: dict[str, FileChange] = {}
    for _ in range(passes):
        by_path: dict[str, list[Finding]] = {}
        for f in result.findings:
            if f.fix is not None and f.fix.applicability == "safe":
                by_path.setdefault(f.path, []).append(f)
        changed: list[str] = []
        for path, findings in by_path.items():
            change = changes.get(path)
            if change is None:
                original = read(path)
                if original is None:
                    continue
                change = FileChange(original, original.text)
            current = replace(change.source, text=change.text)
            planned = plan(current, findings)
            if not planned:
                continue
            change.text = _apply(change.text, planned)
            change.fixes += len({id(p.finding) for p in planned})
            change.channels = tuple(
                sorted(
                    {*change.channels, *(p.finding.channel or UNASSIGNED for p in planned)},
                    key=lambda c: (c == UNASSIGNED, c),
                )
            )
            changes[path] = change
            changed.append(path)
        if not changed:
            break
        result = relint([(path, changes[path].text) for path in sorted(changed)])
    return [c for _, c in sorted(changes.items()) if c.text != c.source.text]


def load_source(path: str) -> SourceFile | None:
    """A draft file decoded as the readers decode it; None when it cannot be read."""
    from .sources.decode import decode

    try:
        decoded = decode(Path(path).read_bytes())
    except (OSError, InputError):
        return None
    return SourceFile(path, decoded.text, decoded.encoding, decoded.bom, decoded.newline)


def encode(source: SourceFile, text: str) -> bytes:
    """``text`` in the file's encoding, with its BOM when it had one."""
    bom = _BOM.get(source.encoding, b"") if source.bom else b""
    return bom + text.encode(source.encoding)


def writable(path: str | os.PathLike, what: str = "cannot write") -> None:
    """Raise a user error (``what: why``) unless ``path`` may be replaced: an existing
    file must be writable (its read-only bit is honoured even for root), and its
    directory must exist and be writable."""
    real = os.path.realpath(path)
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise BrandlintError(f"{what}: {error.strerror}", path=str(path)) from None
    if mode is not None and (
        not stat.S_ISREG(mode)
        or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        or not os.access(real, os.W_OK)
    ):
        why = "not a regular file" if not stat.S_ISREG(mode) else "the file is read-only"
        raise BrandlintError(
            f"{what}: {why}", path=str(path), hint="make it writable, or leave it out"
        )
    directory = os.path.dirname(real) or "."
    if not os.path.isdir(directory):
        raise BrandlintError(
            f"{what}: the directory does not exist",
            path=str(path),
            hint="create the directory first",
        )
    if not os.access(directory, os.W_OK):
        raise BrandlintError(f"{what}: the directory is not writable", path=str(path))


def write_atomic(
    path: str | os.PathLike, data: bytes | Iterable[bytes], what: str = "cannot write"
) -> None:
    """Replace ``path`` with ``data`` (bytes, or pieces of them written as they come)
    through a temporary file in the same directory, keeping the file's permissions (a
    new file gets the umask's). A failure leaves the old file as it was and raises a
    user error starting with ``what``."""
    writable(path, what)
    real = os.path.realpath(path)
    try:
        mode = stat.S_IMODE(os.stat(real).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(real) or ".", prefix=f".{Path(real).name}.")
        with os.fdopen(fd, "wb") as handle:
            handle.writelines([data] if isinstance(data, bytes) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except BaseException as error:  # a piece of ``data`` may fail to come
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if not isinstance(error, OSError):
            raise
        raise BrandlintError(f"{what}: {error.strerror or error}", path=str(path)) from None


def write_changes(changes: Iterable[FileChange]) -> int:
    """Write every changed file (each atomically); returns the number of fixes.
    Every file is checked for writability before the first one is written."""
    changes = list(changes)
    for change in changes:
        writable(change.path, "cannot fix")
    for change in changes:
        write_atomic(change.path, encode(change.source, change.text), "cannot fix")
    return sum(c.fixes for c in changes)


def _lines(text: str) -> list[str]:
    """Lines with ``\\n`` endings (CRLF shown as LF; only ``\\n`` ends a line)."""
    parts = text.replace("\r\n", "\n").split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def unified_diff(path: str, old: str, new: str) -> str:
    """A ``git diff``-style unified diff of one file (line endings shown as LF)."""
    out = []
    for line in difflib.unified_diff(_lines(old), _lines(new), f"a/{path}", f"b/{path}"):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
