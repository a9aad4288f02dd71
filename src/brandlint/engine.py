"""Run a RuleSet over drafts: read, resolve, analyse in batches, check, suppress, gate.

Data flows one way: sources -> drafts -> nlp.pipe -> rules -> findings ->
suppressions -> :class:`~brandlint.result.RunResult`.

The work is cut into tasks (a file, a slice of rows of a big table, an in-memory
text) that :class:`~brandlint.worker.Linter` turns into picklable
:class:`~brandlint.worker.FileResult` values, in this process or in a pool of
worker processes (``jobs``), or that come from the :mod:`~brandlint.cache`. This
process merges them in input order, runs the cross-draft step of every rule and the
suppressions, so the result is the same whatever the number of jobs or the cache.
"""

from __future__ import annotations

import os
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, sources
from .config import Config
from .drafts import SourceFile
from .errors import BrandlintError, InputError
from .findings import Finding, Severity, sort_findings
from .framework.model import Framework
from .nlp.pipeline import Pipelines
from .result import DraftResult, RunResult, fails
from .suppress import rule_matches
from .worker import INPUT_ERROR, FileResult, Linter, Task, digest, line_text, make_finding

if TYPE_CHECKING:
    from .cache import Cache
    from .rules.base import Rule
    from .rules.value import PillarScorer
    from .suppress import Directive

__all__ = ["INPUT_ERROR", "RuleSet", "Run", "ensure_paths", "is_selected", "lint_paths"]

SLICE_BYTES = 1 << 20  # tables larger than this are linted in slices of rows
SLICE_ROWS = 1000
UNIT_FILES = 64  # small files linted together, as one unit of work
UNIT_BYTES = 256 << 10
POOL_FILES = 32  # below this many files and POOL_BYTES of text, a pool costs more than it saves
POOL_BYTES = 256 << 10


def is_selected(rule_id: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """``--select`` / ``--ignore`` by id or prefix (``tone`` selects ``tone-caps``)."""
    select = tuple(select)
    if select and not any(rule_matches(rule_id, s) for s in select):
        return False
    return not any(rule_matches(rule_id, s) for s in ignore)


@dataclass
class RuleSet:
    """The rules of one run, compiled once from the framework and config."""

    framework: Framework
    rules: list[Rule]
    severity: dict[str, Severity]
    pipelines: Pipelines
    pillars: PillarScorer | None = None  # which pillars each draft supports, when a rule asks
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    pack_files: tuple[str, ...] = ()  # the rule packs' files, for the cache
    origin: tuple[Framework, Config] | None = None  # what build() was given, for workers

    @classmethod
    def build(
        cls,
        framework: Framework,
        config: Config | None = None,
        *,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
    ) -> RuleSet:
        from .packs import enabled_packs, pack_rules, verify_user_packs
        from .rules.base import all_rules
        from .rules.value import pillar_scorer

        config = config or Config()
        select, ignore = tuple(select) or config.select, tuple(ignore) or config.ignore
        brand = framework.brand
        words = [
            *(b.phrase for b in framework.banned if b.phrase),
            *(t for e in framework.terminology for t in (e.use, *e.instead_of)),
        ]
        names = [*brand.names, *brand.misspellings, *brand.competitors]
        pipelines = Pipelines(words, models=config.spacy_models, names=names)
        severity: dict[str, Severity] = {}
        rules: list[Rule] = []
        for rule_id, cls_ in all_rules().items():
            level = config.severity.get(rule_id)
            if level == "off" or not is_selected(rule_id, select, ignore):
                continue
            if level:
                severity[rule_id] = Severity.parse(level)
            rule = cls_.build(framework, pipelines)
            if rule is not None:
                rules.append(rule)
        packs = enabled_packs((*framework.rule_packs, *config.rule_packs))
        verify_user_packs(packs)
        for rule in pack_rules(packs, framework, pipelines):
            level = config.severity.get(rule.id)
            if level == "off" or not is_selected(rule.id, select, ignore):
                continue
            if level:
                severity[rule.id] = Severity.parse(level)
            rules.append(rule)
        return cls(
            framework,
            rules,
            severity,
            pipelines,
            pillar_scorer(framework, pipelines) if any(r.needs_pillars for r in rules) else None,
            select,
            ignore,
            tuple(str(p.file) for p in packs),
            (framework, config),
        )

    @property
    def needs_sentences(self) -> bool:
        return any(r.needs_sentences for r in self.rules)

    @property
    def needs_doc(self) -> bool:
        return self.pillars is not None or any(r.needs_doc for r in self.rules)


@dataclass
class Run:
    """The merged results of one run: every file's :class:`FileResult`, in input order,
    then the cross-draft step of every rule, suppressions and the pass/fail gate.
    ``read(path)`` gives a draft file's source when a finding needs it (the fix or the
    source line of a cross-draft finding); a big table read by ``windows`` (its slice
    tasks) gives the window of the slice holding the finding instead."""

    ruleset: RuleSet
    fail_on: str
    read: Callable[[str], SourceFile | None] = lambda path: None
    windows: dict[str, list[Task]] = field(default_factory=dict)
    lines: bool = True  # keep the source lines of findings, for reporters that show them
    findings: list[Finding] = field(default_factory=list)
    drafts: list[DraftResult] = field(default_factory=list)
    disabled: dict[str, tuple[str, ...]] = field(default_factory=dict)
    anchors: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    directives: dict[str, list[Directive]] = field(default_factory=dict)
    collected: dict[str, list[Any]] = field(default_factory=dict)  # rule id -> collect()s
    context: dict[str, dict[int, str]] = field(default_factory=dict)

    def add(self, result: FileResult) -> None:
        self.findings += result.findings
        self.drafts += result.drafts
        self.disabled.update(result.disabled)
        self.anchors.update(result.anchors)
        if result.directives:
            self.directives.setdefault(result.path, result.directives)
        for rule_id, kept in result.collected.items():
            self.collected.setdefault(rule_id, []).extend(kept)
        if result.context and self.lines:
            self.context.setdefault(result.path, {}).update(result.context)

    def _finish(self) -> tuple[list[Finding], dict[str, Any]]:
        """The cross-draft step of every rule: its findings and its report sections."""
        from .fix import vet

        found: list[Finding] = []
        sections: dict[str, Any] = {}
        for rule in self.ruleset.rules:
            collected = self.collected.get(rule.id, [])
            for anchor, hit in rule.finish(collected):
                found.append(make_finding(self.ruleset, rule, hit, anchor))
            sections.update(rule.sections(collected))
        parts: dict[tuple[str, int], list[int]] = {}  # source part -> indexes in found
        for i, f in enumerate(found):
            if f.fix is not None and f.fix.applicability == "safe":
                parts.setdefault((f.path, self._part(f.path, f.line)), []).append(i)
        for (path, part), indexes in sorted(parts.items()):
            source = self._source(path, part, {})
            if source is not None:
                vetted = vet([found[i] for i in indexes], {path: source})
                for i, f in zip(indexes, vetted, strict=True):
                    found[i] = f
        return found, sections

    def _part(self, path: str, line: int) -> int:
        """The slice of ``path`` read by window that holds ``line``; -1: the whole file."""
        lines = [t.window.line for t in self.windows.get(path, ()) if t.window is not None]
        return bisect_right(lines, line) - 1 if lines and line >= lines[0] else -1

    def _source(
        self, path: str, part: int, sources: dict[tuple[str, int], SourceFile | None]
    ) -> SourceFile | None:
        """The source of ``path``: its slice ``part`` (a window) or, for -1, the whole
        file; ``sources`` keeps the whole files and the last window read. A big
        table's whole decoded text would be the largest allocation of the run."""
        from .slices import read_window
        from .sources.table import SliceMismatch

        if (path, part) not in sources:
            if part >= 0:
                for key in [k for k in sources if k[1] >= 0]:
                    del sources[key]
                task = self.windows[path][part]
                assert task.window is not None and task.rows is not None
                try:
                    window = read_window(path, task.path or "", task.window, task.rows[0])
                    sources[path, part] = window[0]
                except (InputError, SliceMismatch):  # the file changed: read it whole
                    self.windows.pop(path)
                    return self._source(path, -1, sources)
            else:
                sources[path, part] = self.read(path)
        return sources[path, part]

    def result(self, files: int) -> RunResult:
        from .suppress import apply as apply_suppressions

        finished, sections = self._finish()
        findings = apply_suppressions(
            [*self.findings, *finished],
            self.directives,
            self.disabled,
            self.anchors,
            active_rules={r.id for r in self.ruleset.rules},
        )
        ruleset = self.ruleset
        findings = [
            f
            for f in findings
            if f.rule == INPUT_ERROR or is_selected(f.rule, ruleset.select, ruleset.ignore)
        ]
        sort_findings(findings)
        failing = {f.draft for f in findings if fails(f.severity, self.fail_on)}
        drafts = [_with_status(d, "fail" if d.id in failing else "pass") for d in self.drafts]
        drafts.sort(key=lambda d: _draft_order(d.id))
        framework = ruleset.framework
        return RunResult(
            tuple(findings),
            tuple(drafts),
            files,
            self.fail_on,
            None if framework.builtin else framework.path,
            __version__,
            self._context_lines(findings) if self.lines else {},
            sections,
            pillars=tuple(p.id for p in framework.value_proposition.pillars)
            if ruleset.pillars is not None
            else (),
        )

    def _context_lines(self, findings: list[Finding]) -> dict[str, dict[int, str]]:
        context: dict[str, dict[int, str]] = {}
        sources: dict[tuple[str, int], SourceFile | None] = {}
        for f in findings:
            if f.line in context.get(f.path, {}):
                continue
            text = self.context.get(f.path, {}).get(f.line)
            if text is None:
                source = self._source(f.path, self._part(f.path, f.line), sources)
                if source is None:
                    continue
                text = line_text(source, f.line)
            context.setdefault(f.path, {})[f.line] = text
        return context


def _with_status(draft: DraftResult, status: str) -> DraftResult:
    return draft if draft.status == status else replace(draft, status=status)


def _draft_order(draft_id: str) -> tuple[str, int]:
    path, _, row = draft_id.rpartition("#")
    return (path, int(row)) if path and row.isdigit() else (draft_id, 0)


@dataclass
class _File:
    """One input of a run: its tasks, or its cached result."""

    shown: str
    path: str | None  # None for in-memory text
    tasks: list[Task]
    cached: FileResult | None = None
    size: int = 0
    digest: str | None = None  # of the bytes read, for the cache


def lint_paths(
    paths: list[Path],
    ruleset: RuleSet | Callable[[], RuleSet],
    config: Config,
    *,
    root: Path,
    channel: str | None = None,
    fail_on: str = "error",
    texts: Iterable[tuple[str, str]] = (),
    skip: set[Path] = frozenset(),
    progress: Callable[[int, int, int], None] | None = None,
    jobs: int = 1,
    cache: Cache | None = None,
    lines: bool = True,
) -> RunResult:
    """Lint files and directories, and in-memory ``(name, text)`` drafts (stdin).
    ``skip`` holds resolved paths that are never drafts (framework, config, report).
    ``progress(drafts_checked, files_read, files_total)`` is called as the run goes.
    ``jobs`` worker processes share the work (0: one per CPU); ``cache`` keeps and
    reuses per-file results, and the whole result of a run over the same files.
    Neither changes the result. ``ruleset`` may be a function that builds it, called
    only when a file must be linted: a run the cache answers compiles no rule. Without
    ``lines`` the result keeps no source lines (``RunResult.line_text`` gives None):
    for reports that show none, on runs too big to keep every finding's line."""
    from .cache import run_key
    from .sources.paths import display

    found = sources.discover(paths, config.include, config.exclude, root) if paths else []
    names = {p.name for p in skip}  # resolving every path is slow: only when names match
    found = [f for f in found if os.path.basename(f) not in names or Path(f).resolve() not in skip]
    texts = list(texts)
    files = [_read(f, display(f), cache) for f in found]
    key = None
    if cache is not None and not texts and all(item.digest for item, _ in files):
        key = run_key([(item.shown, item.digest or "") for item, _ in files], fail_on, lines)
        done = cache.run(key)
        if done is not None:
            cache.save()  # the hashes it learnt
            if progress:
                progress(len(done.drafts), len(found), len(found))
            return done
    if callable(ruleset):
        ruleset = ruleset()
    inputs = [_plan(item, table, cache) for item, table in files]
    del files  # the bytes of big tables
    inputs += [_File(name, None, [Task(name, text=text)], size=len(text)) for name, text in texts]
    linter = Linter(ruleset, config, root, channel)
    stdin = {name: text.removeprefix("\ufeff") for name, text in texts}
    fs_paths = {i.shown: i.path for i in inputs if i.path is not None}

    def read(path: str) -> SourceFile | None:
        if path in stdin:
            return SourceFile(path, stdin[path])
        try:
            return sources.load(sources.read_bytes(fs_paths.get(path, path)), path)
        except InputError:
            return None

    windows = {i.shown: i.tasks for i in inputs if i.tasks and i.tasks[0].window is not None}
    run = Run(ruleset, fail_on, read, windows, lines)
    counts = [0, 0]  # drafts checked, files read
    for item, result in _results(inputs, linter, jobs):
        if cache is not None and item.cached is None:
            cache.put(result)
        run.add(result)
        if progress:
            counts[0] += len(result.drafts)
            counts[1] += item.path is not None
            progress(counts[0], counts[1], len(found))
    result = run.result(len(found) + len(texts))
    if cache is not None:
        cache.save()
        if key is not None:
            cache.keep_run(key, result)
    return result


_Table = tuple[bytes, str, tuple[int, int]]  # a big table's bytes, delimiter, (size, mtime)


def _read(path: str, shown: str, cache: Cache | None) -> tuple[_File, _Table | None]:
    """One file of the run, with its hash when there is a ``cache`` (which remembers
    the hashes of unchanged files), and the bytes of a table big enough to be linted
    in slices (read once, here: such tables are always read)."""
    item = _File(shown, path, [Task(shown, path)])
    delimiter = sources.TABLE_SUFFIXES.get(os.path.splitext(path)[1].lower())
    try:
        before = os.stat(path)
        item.size = before.st_size
        if cache is None and delimiter is None:
            return item, None
        if cache is not None and (delimiter is None or before.st_size <= SLICE_BYTES):
            item.digest = cache.known_hash(shown, before)
            if item.digest is not None:
                return item, None
        read_ns = time.time_ns()
        with open(path, "rb") as handle:
            data = handle.read()
            stat = os.fstat(handle.fileno())
    except OSError:  # its task reports why
        return item, None
    item.size = len(data)
    if cache is not None:
        item.digest = digest(data)
        if len(data) == stat.st_size:
            cache.remember_hash(shown, before, stat, item.digest, read_ns)
    if delimiter is None or len(data) <= SLICE_BYTES:
        return item, None
    # A file that changed while it was read gets a stamp no worker matches: read whole.
    stamp = (stat.st_size, stat.st_mtime_ns) if stat.st_size == len(data) else (-1, -1)
    return item, (data, delimiter, stamp)


def _plan(item: _File, table: _Table | None, cache: Cache | None) -> _File:
    """The tasks of one file: its cached result, a whole-file task, or slices of a big
    table (whose records are found here, so each slice starts on a record)."""
    from .slices import slice_tasks

    if cache is not None and item.digest is not None:
        item.cached = cache.get(item.shown, item.digest)
        if item.cached is not None:
            item.tasks = []
            return item
    if table is None:
        return item
    data, delimiter, stamp = table
    tasks = slice_tasks(item.shown, str(item.path), data, delimiter, SLICE_ROWS, stamp, item.digest)
    if tasks is not None:
        item.tasks = tasks
    return item


def _units(inputs: list[_File]) -> list[list[Task]]:
    """Tasks grouped into units of work: slices alone, small files together."""
    units: list[list[Task]] = []
    group: list[Task] = []
    size = 0
    for item in inputs:
        if len(item.tasks) == 1 and item.tasks[0].rows is None:
            group.append(item.tasks[0])
            size += item.size
            if len(group) >= UNIT_FILES or size >= UNIT_BYTES:
                units.append(group)
                group, size = [], 0
            continue
        if group:
            units.append(group)
            group, size = [], 0
        units.extend([t] for t in item.tasks)
    if group:
        units.append(group)
    return units


def _results(inputs: list[_File], linter: Linter, jobs: int) -> Iterator[tuple[_File, FileResult]]:
    """Every input with its result, in input order."""
    from .parallel import can_pool, run_units
    from .worker import default_jobs

    units = _units(inputs)
    todo = [i for i in inputs if i.tasks]
    jobs = min(jobs or default_jobs(), len(units))
    big = len(todo) >= POOL_FILES or sum(i.size for i in todo) >= POOL_BYTES
    pooled = jobs > 1 and big and can_pool(linter)
    done: Iterator[list[FileResult]] = (
        run_units(linter, units, jobs) if pooled else map(linter.run, units)
    )
    results = (r for unit in done for r in unit)
    for item in inputs:
        if item.cached is not None:
            yield item, item.cached
            continue
        parts = [next(results) for _ in item.tasks]
        yield item, _joined(item, parts, linter)


def _joined(item: _File, parts: list[FileResult], linter: Linter) -> FileResult:
    """One file's result from the results of its slices, as reading it whole gives."""
    if len(parts) == 1 and item.tasks[0].rows is None:
        return parts[0]
    if any(p.ids is None for p in parts):  # a slice did not line up: read the file whole
        return linter.run([Task(item.shown, item.path)])[0]
    failed = next((p for p in parts if p.failed), None)
    if failed is not None:
        failed.ids = None
        return failed
    result = parts[0]
    for part in parts[1:]:
        result.merge(part)
    seen: dict[str, int] = {}
    for draft_id, line, column in result.ids or ():
        if draft_id in seen:
            name = draft_id.rpartition("#")[2]
            error = InputError(
                f"duplicate draft id {name!r} (first on line {seen[draft_id]})",
                line=line,
                column=column,
            )
            failed = linter.failed(item.tasks[0], error)
            failed.ids = None
            return failed
        seen[draft_id] = line
    result.ids = None
    return result


def ensure_paths(paths: list[Path]) -> None:
    for p in paths:
        if not p.exists():
            raise BrandlintError(
                "no such file or directory",
                path=str(p),
                hint="check the path, or run from the content repository",
            )
