"""Lint units of work into picklable per-file results.

A :class:`Task` is one draft file, one slice of rows of a big table, or one
in-memory text (stdin, a ``--fix`` re-lint). :class:`Linter` turns a list of tasks
into one :class:`FileResult` each, in any process: everything the parent needs later
(findings before suppression, draft results, cross-draft ``collect()`` summaries,
suppression bookkeeping, the source lines reporters show) travels in the result, so
the parent never holds the drafts themselves, and the cache can keep the results.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .drafts import Draft, SourceFile
from .errors import InputError
from .findings import Edit, Finding, Fix, Severity
from .nlp.normalize import normalize
from .nlp.pipeline import base_locale
from .result import DraftResult
from .rules.base import Anchor, DraftContext, FieldText, Hit, Rule, locate
from .sources.table import SliceMismatch

if TYPE_CHECKING:
    from .config import Config
    from .engine import RuleSet
    from .fix import _FileContext
    from .sources.resolve import Resolver
    from .suppress import Directive

INPUT_ERROR = "input-error"
COMMENT_SUFFIXES = (".md", ".markdown", ".html", ".htm", ".txt")  # files with comments
_CHUNK = 512  # drafts analysed per nlp.pipe batch


@dataclass(frozen=True)
class Window:
    """Where a slice of a UTF-8 table is in the file's bytes, so its worker reads and
    decodes only them and the header: ``head`` bytes from the file's start (BOM,
    header row, blank lines before the first data record), then the slice's bytes
    ``[start, end)``, which begin on line ``line``. ``stamp`` is the file's size and
    modification time when it was planned (a changed file is read whole); ``digest``
    that of its bytes, for the cache."""

    head: int
    start: int
    end: int
    line: int
    stamp: tuple[int, int]
    digest: str | None = None


@dataclass(frozen=True)
class Task:
    """One unit of work. ``path`` is the file to read (None: ``text`` is the draft
    text); ``rows`` is ``(start, end, first, count)``: the ``count`` rows of a table
    whose records span source offsets ``[start, end)``, numbered from ``first``,
    read from their ``window`` when there is one."""

    shown: str
    path: str | None = None
    text: str | None = None
    rows: tuple[int, int, int, int] | None = None
    window: Window | None = None


@dataclass
class FileResult:
    """What linting one task found, before cross-draft rules and suppressions."""

    path: str
    digest: str | None = None  # of the file's bytes; None for in-memory text
    findings: list[Finding] = field(default_factory=list)
    drafts: list[DraftResult] = field(default_factory=list)
    collected: dict[str, list[Any]] = field(default_factory=dict)  # rule id -> collect()s
    disabled: dict[str, tuple[str, ...]] = field(default_factory=dict)  # draft -> selectors
    anchors: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # draft -> start
    directives: list[Directive] = field(default_factory=list)
    context: dict[int, str] = field(default_factory=dict)  # line -> text, for reporters
    ids: list[tuple[str, int, int]] | None = None  # table slices: (draft id, line, column)
    failed: bool = False  # the file is an input error

    def merge(self, other: FileResult) -> None:
        """Append the result of the next slice of the same table."""
        self.findings += other.findings
        self.drafts += other.drafts
        for rule_id, kept in other.collected.items():
            self.collected.setdefault(rule_id, []).extend(kept)
        self.disabled.update(other.disabled)
        self.anchors.update(other.anchors)
        self.context.update(other.context)
        if self.ids is not None and other.ids is not None:
            self.ids += other.ids
        if self.digest != other.digest:
            self.digest = None  # the file changed while it was read: never cache it


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def make_finding(
    ruleset: RuleSet, rule: Rule, hit: Hit, anchor: Anchor, memo: dict | None = None
) -> Finding:
    """The finding of ``hit``, located at ``anchor``, with the run's severity override.
    ``memo`` shares equal values between findings (messages, matches, suggestions,
    channels and campaigns repeat): a big run keeps hundreds of thousands of findings,
    and pickling keeps the sharing within one unit of work."""
    share = (lambda value: value) if memo is None else lambda value: memo.setdefault(value, value)
    line = share(anchor.line)  # findings on one line of a big file share the int
    fix = None
    if hit.replacement is not None and anchor.verbatim:
        fix = Fix(
            (Edit(anchor.start, anchor.end, hit.replacement),), "safe" if hit.safe else "unsafe"
        )
    return Finding(
        rule=rule.id,
        severity=ruleset.severity.get(rule.id) or hit.severity or rule.severity,
        message=share(hit.message),
        path=anchor.path,
        draft=anchor.draft,
        line=line,
        column=anchor.column,
        end_line=line if anchor.end_line == anchor.line else anchor.end_line,
        end_column=anchor.end_column,
        field=anchor.field,
        channel=share(anchor.channel),
        campaign=share(anchor.campaign),
        match=share(anchor.match),
        suggestions=share(hit.suggestions),
        fix=fix,
        start=anchor.start if fix is not None else 0,  # only fixes read the offsets: a
        end=anchor.end if fix is not None else 0,  # big run's findings keep two ints less
    )


def error_result(path: str, error: InputError, channel: str | None, locale: str) -> FileResult:
    """A file that cannot be read as drafts: one ``input-error`` finding, one failing draft."""
    finding = Finding(
        rule=INPUT_ERROR,
        severity=Severity.ERROR,
        message=error.message,
        path=path,
        draft=path,
        line=error.line,
        column=error.column,
        end_line=error.line,
        end_column=error.column,
        channel=channel,
    )
    draft = DraftResult(
        id=path, path=path, channel=channel, campaign=None, locale=locale, status="fail"
    )
    return FileResult(path, findings=[finding], drafts=[draft], failed=True)


class Linter:
    """Reads and checks tasks with one compiled :class:`RuleSet`; one per process."""

    def __init__(self, ruleset: RuleSet, config: Config, root: Path, channel: str | None) -> None:
        self.ruleset = ruleset
        self.config = config
        self.root = root
        self.channel = channel
        self._names = set(ruleset.framework.channels)
        self._table: tuple[tuple[str, int, int], SourceFile, str] | None = None
        self._memo: dict = {}  # equal values shared by the results of one unit of work
        self._resolver: Resolver | None = None
        self._vetting: dict[str, _FileContext] = {}  # fix.vet's context of the last file

    def resolved(self, drafts: list[Draft]) -> list[Draft]:
        if self._resolver is None:
            from .sources.resolve import Resolver

            self._resolver = Resolver(
                cli_channel=self.channel, config=self.config, channel_names=self._names,
                root=self.root,
            )  # fmt: skip
        return self._resolver(drafts)

    def failed(self, task: Task, error: InputError) -> FileResult:
        """The result of a task whose file cannot be read."""
        if task.path is None:
            channel = self.channel
        else:
            channel = self.resolved([Draft(task.shown, SourceFile(task.shown, ""), ())])[0].channel
        result = error_result(task.shown, error, channel, self.ruleset.framework.locale)
        if task.rows is not None:
            result.ids = []
        return result

    def run(
        self, tasks: Iterable[Task], progress: Callable[[int], None] | None = None
    ) -> list[FileResult]:
        """One result per task, in order; ``progress(n)`` after each batch of ``n`` drafts."""
        results: list[FileResult] = []
        sources: list[SourceFile | None] = []
        batch: list[tuple[Draft, FileResult]] = []
        self._memo = {}
        for task in tasks:
            result = FileResult(task.shown)
            try:
                source, drafts = self._read(task, result)
            except InputError as error:
                failed = self.failed(task, error)
                if task.rows is None:
                    failed.digest = result.digest  # a bad file is cached like any other
                results.append(failed)
                sources.append(None)
                continue
            except SliceMismatch:  # no ids: the caller reads the table whole
                results.append(FileResult(task.shown))
                sources.append(None)
                continue
            results.append(result)
            sources.append(source if drafts else None)
            for draft in drafts:
                batch.append((draft, result))
                if len(batch) >= _CHUNK:
                    self._lint_batch(batch)
                    if progress:
                        progress(len(batch))
                    batch = []
        if batch:
            self._lint_batch(batch)
            if progress:
                progress(len(batch))
        for result, source in zip(results, sources, strict=True):
            if source is not None:
                self._settle(result, source)
        return results

    def _read(self, task: Task, result: FileResult) -> tuple[SourceFile, list[Draft]]:
        """The source and resolved drafts of ``task``; fills in the result's digest and,
        for a table slice, its draft ids."""
        from . import sources

        if task.path is None:
            drafts = self.resolved(sources.read_text(task.text or "", task.shown))
            source = drafts[0].source if drafts else SourceFile(task.shown, task.text or "")
            return source, drafts
        if task.rows is None:
            data = sources.read_bytes(task.path)
            result.digest = digest(data)
            source = sources.load(data, task.shown)
            return source, self.resolved(sources.read_source(source))
        start, end, first, count = task.rows
        header = None
        if task.window is None:
            source, result.digest = self._table_source(task)
        else:
            from .slices import read_window

            source, header = read_window(task.shown, task.path or "", task.window, start)
            result.digest = task.window.digest
        drafts = self.resolved(sources.read_slice(source, start, end, first, count, header))
        result.ids = [(d.id, *source.lines.line_col(d.anchor)) for d in drafts]
        return source, drafts

    def _table_source(self, task: Task) -> tuple[SourceFile, str]:
        """The decoded table of a slice, kept while the next slices of it come."""
        from . import sources

        path = Path(task.path or "")
        try:
            stat = path.stat()
        except OSError as exc:
            raise InputError(f"cannot read file: {exc.strerror or exc}") from None
        key = (task.shown, stat.st_size, stat.st_mtime_ns)
        if self._table is None or self._table[0] != key:
            self._table = None
            data = sources.read_bytes(path)
            self._table = (key, sources.load(data, task.shown), digest(data))
        return self._table[1], self._table[2]

    def _lint_batch(self, batch: list[tuple[Draft, FileResult]]) -> None:
        contexts = [self._context(d) for d, _ in batch]
        ruleset = self.ruleset
        if ruleset.needs_doc:
            for locale in {c.locale for c in contexts}:
                fts = [ft for c in contexts if c.locale == locale for ft in c.fields]
                docs = ruleset.pipelines.pipe(
                    (ft.text for ft in fts), locale, sentences=ruleset.needs_sentences
                )
                for ft, doc in zip(fts, docs, strict=True):
                    ft.doc = doc
        for ctx, (_, result) in zip(contexts, batch, strict=True):
            self._check(ctx, result)

    def _context(self, draft: Draft) -> DraftContext:
        framework = self.ruleset.framework
        channel = framework.channel(draft.channel)
        tone = framework.tone.merged(channel.tone) if channel else framework.tone
        fields = []
        for f in draft.fields:
            text, to_field = normalize(f.text)
            fields.append(FieldText(f, text, None, to_field))
        locale = base_locale(
            draft.locale
            or (channel.locale if channel else None)
            or detect_locale(draft)
            or framework.locale
        )
        return DraftContext(draft, framework, channel, locale, tone, fields)

    def _check(self, ctx: DraftContext, result: FileResult) -> None:
        draft = ctx.draft
        ruleset = self.ruleset
        if draft.disabled:
            result.disabled[draft.id] = draft.disabled
        result.anchors[draft.id] = (draft.path, *draft.source.lines.line_col(draft.anchor))
        for rule in ruleset.rules:
            for hit in rule.check(ctx):
                anchor = locate(draft, hit.field, hit.start, hit.end)
                result.findings.append(make_finding(ruleset, rule, hit, anchor, self._memo))
            kept = rule.collect(ctx)
            if kept is not None:
                result.collected.setdefault(rule.id, []).append(kept)
        share = self._memo.setdefault
        pillars, names = self._pillars(ctx), tuple(f.name for f in draft.fields)
        result.drafts.append(
            DraftResult(
                id=draft.id,
                path=draft.path,
                channel=share(draft.channel, draft.channel),
                campaign=share(draft.campaign, draft.campaign),
                locale=ctx.locale,
                status="pass",
                pillars=share(pillars, pillars),
                fields=share(names, names),
            )
        )

    def _pillars(self, ctx: DraftContext) -> tuple[str, ...]:
        scorer = self.ruleset.pillars
        return scorer.supported(ctx) if scorer is not None else ()

    def _settle(self, result: FileResult, source: SourceFile) -> None:
        """Vet the fixes, parse the suppression comments, keep only the draft starts
        suppressions need and the source lines reporters show."""
        from .fix import vet
        from .suppress import parse_directives

        if source.path not in self._vetting:
            self._vetting.clear()  # keep the last file's only: its next slice reuses it
        result.findings = vet(result.findings, {source.path: source}, self._vetting)
        if source.path.lower().endswith(COMMENT_SUFFIXES):
            result.directives = parse_directives(source.text, source.lines)
        if not result.directives:
            result.anchors = {d: a for d, a in result.anchors.items() if d in result.disabled}
        lines = {f.line for f in result.findings}
        lines.update(a[1] for a in result.anchors.values())
        lines.update(d.line for d in result.directives)
        result.context = {line: line_text(source, line) for line in sorted(lines)}


def line_text(source: SourceFile, line: int) -> str:
    """Source line ``line`` without its line ending."""
    start = source.lines.line_start(line) - source.base
    end = source.text.find("\n", start)
    text = source.text[start:] if end == -1 else source.text[start:end]
    return text.rstrip("\r")


def detect_locale(draft: Draft) -> str | None:
    """``zh`` when most letters of the draft are Chinese characters."""
    if all(f.text.isascii() for f in draft.fields):
        return None  # no Chinese character at all
    han = letters = 0
    for f in draft.fields:
        text = f.text[:2000]
        if text.isascii():
            letters += sum(map(str.isalpha, text))
            continue
        han += len(_HAN.findall(text))
        letters += len(_LETTER.findall(text))
    return "zh" if letters and han * 2 >= letters else None


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LETTER = re.compile(r"[^\W\d_]")


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
