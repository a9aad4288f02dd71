"""Run a RuleSet over drafts: read, resolve, analyse in batches, check, suppress, gate.

Data flows one way: sources -> drafts -> nlp.pipe -> rules -> findings ->
suppressions -> :class:`~brandlint.result.RunResult`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import __version__
from .config import Config
from .drafts import Draft, SourceFile
from .errors import BrandlintError, InputError
from .findings import Edit, Finding, Fix, Severity
from .fix import vet as vet_fixes
from .framework.model import Framework
from .nlp.normalize import normalize
from .nlp.pipeline import Pipelines, base_locale
from .nlp.terms import TermMatcher
from .packs import enabled_packs, pack_rules, verify_user_packs
from .result import DraftResult, RunResult, fails
from .rules.base import Anchor, DraftContext, FieldText, Hit, Rule, all_rules, locate
from .suppress import apply as apply_suppressions
from .suppress import parse_directives, rule_matches

INPUT_ERROR = "input-error"
_CHUNK = 512  # drafts analysed per nlp.pipe batch
_COMMENT_SUFFIXES = (".md", ".markdown", ".html", ".htm", ".txt")


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
    pillars: TermMatcher | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @classmethod
    def build(
        cls,
        framework: Framework,
        config: Config | None = None,
        *,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
    ) -> RuleSet:
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
        pillars = framework.value_proposition.pillars
        matcher = TermMatcher(
            pipelines, [(i, kw, "lemma") for i, p in enumerate(pillars) for kw in p.keywords]
        )
        return cls(framework, rules, severity, pipelines, matcher or None, select, ignore)

    @property
    def needs_sentences(self) -> bool:
        return any(r.needs_sentences for r in self.rules)

    @property
    def needs_doc(self) -> bool:
        return self.pillars is not None or any(r.needs_doc for r in self.rules)


@dataclass
class Run:
    """One lint run's accumulating state."""

    ruleset: RuleSet
    config: Config
    fail_on: str
    findings: list[Finding] = field(default_factory=list)
    drafts: list[DraftResult] = field(default_factory=list)
    sources: dict[str, SourceFile] = field(default_factory=dict)
    disabled: dict[str, tuple[str, ...]] = field(default_factory=dict)
    anchors: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    collected: dict[str, list[Any]] = field(default_factory=dict)  # rule id -> collect()s

    def lint(self, drafts: Iterable[Draft], progress: Callable[[int], None] | None = None) -> None:
        """Check ``drafts``; ``progress(n)`` is called after each batch of ``n`` drafts."""
        batch: list[Draft] = []
        for draft in drafts:
            batch.append(draft)
            if len(batch) >= _CHUNK:
                self._lint_batch(batch)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            self._lint_batch(batch)
            if progress:
                progress(len(batch))

    def _lint_batch(self, drafts: list[Draft]) -> None:
        contexts = [self._context(d) for d in drafts]
        if self.ruleset.needs_doc:
            for locale in {c.locale for c in contexts}:
                fts = [ft for c in contexts if c.locale == locale for ft in c.fields]
                docs = self.ruleset.pipelines.pipe(
                    (ft.text for ft in fts), locale, sentences=self.ruleset.needs_sentences
                )
                for ft, doc in zip(fts, docs, strict=True):
                    ft.doc = doc
        for ctx in contexts:
            self._check(ctx)

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

    def _check(self, ctx: DraftContext) -> None:
        draft = ctx.draft
        self.sources.setdefault(draft.path, draft.source)
        self.disabled[draft.id] = draft.disabled
        line, column = draft.source.lines.line_col(draft.anchor)
        self.anchors[draft.id] = (draft.path, line, column)
        for rule in self.ruleset.rules:
            for hit in rule.check(ctx):
                anchor = locate(draft, hit.field, hit.start, hit.end)
                self.findings.append(self._finding(rule, hit, anchor))
            kept = rule.collect(ctx)
            if kept is not None:
                self.collected.setdefault(rule.id, []).append(kept)
        pillars = self._pillars(ctx)
        self.drafts.append(
            DraftResult(
                id=draft.id,
                path=draft.path,
                channel=draft.channel,
                campaign=draft.campaign,
                locale=ctx.locale,
                status="pass",
                pillars=pillars,
                fields=tuple(f.name for f in draft.fields),
            )
        )

    def _pillars(self, ctx: DraftContext) -> tuple[str, ...]:
        matcher = self.ruleset.pillars
        if matcher is None:
            return ()
        found = {
            m.key
            for ft in ctx.fields
            if ft.doc is not None
            for m in matcher.find(ft.doc, ctx.locale)
        }
        pillars = ctx.framework.value_proposition.pillars
        return tuple(p.id for i, p in enumerate(pillars) if i in found)

    def _finding(self, rule: Rule, hit: Hit, anchor: Anchor) -> Finding:
        fix = None
        if hit.replacement is not None and anchor.verbatim:
            fix = Fix(
                (Edit(anchor.start, anchor.end, hit.replacement),),
                "safe" if hit.safe else "unsafe",
            )
        return Finding(
            rule=rule.id,
            severity=self.ruleset.severity.get(rule.id) or hit.severity or rule.severity,
            message=hit.message,
            path=anchor.path,
            draft=anchor.draft,
            line=anchor.line,
            column=anchor.column,
            end_line=anchor.end_line,
            end_column=anchor.end_column,
            field=anchor.field,
            channel=anchor.channel,
            campaign=anchor.campaign,
            match=anchor.match,
            suggestions=hit.suggestions,
            fix=fix,
            start=anchor.start,
            end=anchor.end,
        )

    def input_error(self, path: str, error: InputError, channel: str | None) -> None:
        self.findings.append(
            Finding(
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
        )
        self.drafts.append(
            DraftResult(
                id=path,
                path=path,
                channel=channel,
                campaign=None,
                locale=self.ruleset.framework.locale,
                status="fail",
            )
        )

    def _finish(self) -> dict[str, Any]:
        """Run the cross-draft step of every rule; return their report sections."""
        sections: dict[str, Any] = {}
        for rule in self.ruleset.rules:
            collected = self.collected.get(rule.id, [])
            for anchor, hit in rule.finish(collected):
                self.findings.append(self._finding(rule, hit, anchor))
            sections.update(rule.sections(collected))
        return sections

    def result(self, files: int) -> RunResult:
        sections = self._finish()
        directives = {
            path: parse_directives(src.text, src.lines)
            for path, src in self.sources.items()
            if path.lower().endswith(_COMMENT_SUFFIXES)
        }
        findings = apply_suppressions(
            self.findings,
            directives,
            self.disabled,
            self.anchors,
            active_rules={r.id for r in self.ruleset.rules},
        )
        findings = [
            f
            for f in findings
            if f.rule == INPUT_ERROR
            or is_selected(f.rule, self.ruleset.select, self.ruleset.ignore)
        ]
        findings = vet_fixes(findings, self.sources)
        findings.sort(key=Finding.sort_key)
        failing = {f.draft for f in findings if fails(f.severity, self.fail_on)}
        drafts = [replace(d, status="fail" if d.id in failing else "pass") for d in self.drafts]
        drafts.sort(key=lambda d: _draft_order(d.id))
        framework = self.ruleset.framework
        return RunResult(
            tuple(findings),
            tuple(drafts),
            files,
            self.fail_on,
            None if framework.builtin else framework.path,
            __version__,
            self._context_lines(findings),
            sections,
        )

    def _context_lines(self, findings: list[Finding]) -> dict[str, dict[int, str]]:
        context: dict[str, dict[int, str]] = {}
        for f in findings:
            source = self.sources.get(f.path)
            if source is None or f.line in context.get(f.path, {}):
                continue
            start = source.lines.line_start(f.line)
            end = source.text.find("\n", start)
            text = source.text[start:] if end == -1 else source.text[start:end]
            context.setdefault(f.path, {})[f.line] = text.rstrip("\r")
        return context


def _draft_order(draft_id: str) -> tuple[str, int]:
    path, _, row = draft_id.rpartition("#")
    return (path, int(row)) if path and row.isdigit() else (draft_id, 0)


def detect_locale(draft: Draft) -> str | None:
    """``zh`` when most letters of the draft are Chinese characters."""
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


def lint_paths(
    paths: list[Path],
    ruleset: RuleSet,
    config: Config,
    *,
    root: Path,
    channel: str | None = None,
    fail_on: str = "error",
    texts: Iterable[tuple[str, str]] = (),
    skip: set[Path] = frozenset(),
    progress: Callable[[int, int, int], None] | None = None,
) -> RunResult:
    """Lint files and directories, and in-memory ``(name, text)`` drafts (stdin).
    ``skip`` holds resolved paths that are never drafts (framework, config, report).
    ``progress(drafts_checked, files_read, files_total)`` is called as the run goes."""
    from . import sources
    from .sources.paths import display
    from .sources.resolve import resolve

    names = set(ruleset.framework.channels)
    run = Run(ruleset, config, fail_on)
    files = sources.discover(paths, config.include, config.exclude, root) if paths else []
    files = [f for f in files if f.resolve() not in skip]

    def resolved(drafts: list[Draft]) -> list[Draft]:
        return resolve(drafts, cli_channel=channel, config=config, channel_names=names, root=root)

    counts = [0, 0]  # drafts checked, files read

    def drafts() -> Iterator[Draft]:
        for path in files:
            counts[1] += 1
            shown = display(path)
            try:
                read = sources.read_file(path, shown)
            except InputError as error:
                probe = Draft(shown, SourceFile(shown, ""), ())
                run.input_error(shown, error, resolved([probe])[0].channel)
                continue
            yield from resolved(read)
        for name, text in texts:
            try:
                yield from resolved(sources.read_text(text, name))
            except InputError as error:
                run.input_error(name, error, channel)

    def checked(n: int) -> None:
        counts[0] += n
        progress(counts[0], counts[1], len(files))

    texts = list(texts)
    run.lint(drafts(), checked if progress else None)
    return run.result(len(files) + len(texts))


def ensure_paths(paths: list[Path]) -> None:
    for p in paths:
        if not p.exists():
            raise BrandlintError(
                "no such file or directory",
                path=str(p),
                hint="check the path, or run from the content repository",
            )
