"""The generic rule kinds of rule packs: a few Python kinds, many YAML instances.

A pack rule is a :class:`PackRule` *instance* whose metadata (``id``, ``severity``,
``summary``, ``examples``, ``source``…) comes from its pack, so ``brandlint rules``,
``explain``, ``--select`` and suppressions treat it like a built-in rule. The kinds:

- ``existence``: flag listed terms or patterns;
- ``substitution``: term -> replacement (a fix when there is one replacement);
- ``occurrence``: bounds on how often terms occur, or a weighted score threshold;
- ``required``: the draft must contain one of the terms (within the first N
  characters, or repeating what triggered the rule);
- ``consistency``: of two forms, a draft uses one.

Matching: ``exact`` and ``lemma`` terms of every pack rule of a run share one
:class:`~brandlint.nlp.terms.TermMatcher` (whole tokens: English words, jieba words);
``chars`` terms compile into one regex per rule and match anywhere, also inside words;
``regex`` terms compile once. Matching runs on the normalised text (full-width letters
and zero-width characters seen through) unless a rule asks for the ``raw`` text, as
typography rules must. ``spaced`` rules also see Chinese terms written with spaces
or symbols between their characters (最 佳).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import BrandlintError
from ..findings import Severity
from ..framework.validate import child, did_you_mean, error_at, items, position
from ..nlp.normalize import normalize
from ..nlp.pipeline import base_locale
from .base import DraftContext, Example, FieldText, Hit, Rule
from .terms import match_case

if TYPE_CHECKING:
    from jinja2 import Template

    from ..framework.model import Framework
    from ..nlp.pipeline import Pipelines
    from ..nlp.terms import TermMatch, TermMatcher
    from ..packs import Pack, RuleSpec

# Between the characters of a spaced-out Chinese term: whitespace and symbols.
_SEPARATORS = "\\s\\-_.*~·•・/|\\\\"
_SEP_CHARS = re.compile(f"[{_SEPARATORS}]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TRUE = {"true", "yes", "y", "1", "x", "on"}
_FULLWIDTH = {
    ",": "，",
    ".": "。",
    ";": "；",
    ":": "：",
    "!": "！",
    "?": "？",
    "(": "（",
    ")": "）",
}


# -- matching ------------------------------------------------------------------


class SharedTerms:
    """The ``exact`` and ``lemma`` terms of every pack rule of a run, in one
    :class:`~brandlint.nlp.terms.TermMatcher`; each doc is matched once and every rule
    takes its own keys from the result."""

    def __init__(self, pipelines: Pipelines) -> None:
        self._pipelines = pipelines
        self._terms: list[tuple[int, str, str]] = []
        self._matcher: TermMatcher | None = None
        self._cache: dict[int, tuple[Any, list[TermMatch]]] = {}

    def add(self, terms: Sequence[str], mode: str) -> int:
        """Register ``terms``; returns the key of the first (the others follow)."""
        base = len(self._terms)
        self._terms += [(base + i, t, mode) for i, t in enumerate(terms)]
        return base

    def freeze(self) -> None:
        from ..nlp.terms import TermMatcher

        self._matcher = TermMatcher(self._pipelines, self._terms) if self._terms else None

    def find(self, ft: FieldText, locale: str) -> list[TermMatch]:
        doc = ft.doc
        if doc is None or self._matcher is None:
            return []
        cached = self._cache.get(id(doc))
        if cached is not None and cached[0] is doc:
            return cached[1]
        if len(self._cache) >= 256:
            self._cache.clear()
        found = self._matcher.find(doc, locale)
        self._cache[id(doc)] = (doc, found)
        return found


@dataclass(frozen=True)
class Found:
    """One match in a field: field-text ``[start, end)``, the index of the term that
    matched, and the regex match (for group references) when there is one."""

    field: FieldText
    start: int
    end: int
    term: int
    text: str
    regex: re.Match[str] | None = None


@dataclass(frozen=True)
class TermSpec:
    """A rule's term list, compiled once when its pack loads."""

    terms: tuple[str, ...]
    mode: str
    raw: bool = False
    ignorecase: bool = True
    chars: re.Pattern[str] | None = None
    index: dict[str, int] | None = None
    regexes: tuple[re.Pattern[str], ...] = ()
    spaced: re.Pattern[str] | None = None
    exceptions: re.Pattern[str] | None = None

    def term_of(self, text: str) -> int:
        """The index of the listed term that ``text`` (a chars or spaced match) is."""
        found = (self.index or {}).get(text.lower() if self.ignorecase else text)
        if found is None:  # a case pairing str.lower() does not share with the regex
            flags = re.IGNORECASE if self.ignorecase else 0
            found = next(
                i for i, t in enumerate(self.terms) if re.fullmatch(re.escape(t), text, flags)
            )
        return found

    def bind(self, shared: SharedTerms) -> BoundTerms:
        base = shared.add(self.terms, self.mode) if self.mode in ("exact", "lemma") else 0
        return BoundTerms(self, shared, base)


class BoundTerms:
    """A :class:`TermSpec` bound to the run's shared matcher."""

    def __init__(self, spec: TermSpec, shared: SharedTerms, base: int) -> None:
        self.spec = spec
        self._shared = shared
        self._base = base

    def find(self, ctx: DraftContext, ft: FieldText, prose_only: bool = True) -> list[Found]:
        """Matches in ``ft``, longest first among overlaps, minus exceptions; with
        ``prose_only`` none inside URLs, e-mail addresses or merge tags."""
        spec = self.spec
        text = ft.field.text if spec.raw else ft.text
        spans: list[tuple[int, int, int, re.Match[str] | None]] = []
        if spec.mode in ("exact", "lemma"):
            top = self._base + len(spec.terms)
            spans += [
                (m.start, m.end, m.key - self._base, None)
                for m in self._shared.find(ft, ctx.locale)
                if self._base <= m.key < top
            ]
        elif spec.mode == "chars" and spec.chars is not None:
            spans += [
                (m.start(), m.end(), spec.term_of(m.group()), None)
                for m in spec.chars.finditer(text)
            ]
        else:
            for i, regex in enumerate(spec.regexes):
                spans += [
                    (m.start(), m.end(), i, m) for m in regex.finditer(text) if m.end() > m.start()
                ]
        if spec.spaced is not None:
            for m in spec.spaced.finditer(text):
                bare = _SEP_CHARS.sub("", m.group())
                if bare != m.group():
                    spans.append((m.start(), m.end(), spec.term_of(bare), None))
        if not spans:
            return []
        spans = _longest(spans)
        if spec.exceptions is not None:
            ranges = [m.span() for m in spec.exceptions.finditer(text)]
            spans = [s for s in spans if not any(a < s[1] and s[0] < b for a, b in ranges)]
        found = []
        for start, end, term, regex in spans:
            if not spec.raw:
                start, end = ft.field_span(start, end)
            if prose_only and any(start < b and a < end for a, b in ft.field.skip):
                continue
            found.append(Found(ft, start, end, term, ft.field.text[start:end], regex))
        return found


def _longest(spans: list[tuple[int, int, int, Any]]) -> list[tuple[int, int, int, Any]]:
    """Spans by position, one place each: where matches overlap, the leftmost wins, and
    of those starting at the same place the longest (as a regex alternation would);
    different terms matching the very same span all stay (two edits of one place)."""
    kept: list[tuple[int, int, int, Any]] = []
    for s in sorted(set(spans), key=lambda s: (s[0], -s[1], s[2])):
        if not kept or s[0] >= kept[-1][1] or s[:2] == kept[-1][:2]:
            kept.append(s)
    return kept


def _boundary_regex(text: str, ignorecase: bool = True) -> re.Pattern[str]:
    """``text`` as a regex: whitespace runs flexible, word boundaries where it begins
    or ends with a letter or digit."""
    body = r"\s*".join(re.escape(part) for part in text.split())
    left = r"(?<![^\W_])" if text[:1].isalnum() else ""
    right = r"(?![^\W_])" if text[-1:].isalnum() else ""
    return re.compile(left + body + right, re.IGNORECASE if ignorecase else 0)


# -- conditions --------------------------------------------------------------------


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in _TRUE
    return bool(value)


def _meta_value(ctx: DraftContext, key: str) -> Any:
    if key in ctx.draft.meta:
        return ctx.draft.meta[key]
    f = ctx.draft.field(key)
    return f.text.strip() if f is not None else None


def meta_matches(value: Any, expected: Any) -> bool:
    """Whether a draft key's ``value`` is what a condition ``expected``: booleans by
    truthiness (``yes``, ``true``, ``1``…), anything else as text, any case."""
    if isinstance(expected, bool):
        return _truthy(value) == expected
    if value is None or expected is None:
        return value is expected
    return str(value).strip().casefold() == str(expected).strip().casefold()


@dataclass(frozen=True)
class ConditionSpec:
    meta: dict[str, Any]
    terms: TermSpec | None
    fields: tuple[str, ...] | None


class Condition:
    """A ``when`` / ``unless`` condition bound to a run."""

    def __init__(self, spec: ConditionSpec, shared: SharedTerms) -> None:
        self.meta = spec.meta
        self.terms = spec.terms.bind(shared) if spec.terms is not None else None
        self.fields = spec.fields

    @property
    def needs_doc(self) -> bool:
        return self.terms is not None and self.terms.spec.mode in ("exact", "lemma")

    def triggers(self, ctx: DraftContext) -> list[Found] | None:
        """None when the draft does not meet the condition; else the term matches
        that met it (empty for a condition on draft keys only)."""
        if not all(meta_matches(_meta_value(ctx, k), v) for k, v in self.meta.items()):
            return None
        if self.terms is None:
            return []
        found = [f for ft in in_fields(ctx, self.fields) for f in self.terms.find(ctx, ft)]
        return found or None


def in_fields(ctx: DraftContext, fields: tuple[str, ...] | None) -> list[FieldText]:
    """The draft's fields named (or typed) in ``fields``; every field when None."""
    if fields is None:
        return ctx.fields
    return [ft for ft in ctx.fields if ft.name in fields or ft.field.kind in fields]


# -- the rules -------------------------------------------------------------------


def transform(text: str, how: str) -> str:
    """``text`` in full-width Chinese punctuation, or with full-width forms folded."""
    if how == "fullwidth":
        return "".join(_FULLWIDTH.get(ch, ch) for ch in text)
    return unicodedata.normalize("NFKC", text)


class PackRule(Rule):
    """A rule from a rule pack. Its metadata is per instance (see :mod:`.kinds`)."""

    def __init__(self, compiled: CompiledRule, framework: Framework, shared: SharedTerms) -> None:
        spec, data = compiled.spec, compiled.spec.data
        self.compiled = compiled
        self.pack = compiled.pack_name
        self.id = f"{self.pack}/{spec.id}"  # type: ignore[misc]
        self.kind = spec.kind
        self.severity = Severity.parse(data["severity"])  # type: ignore[misc]
        self.summary = compiled.summary  # type: ignore[misc]
        self.source = data.get("source") or compiled.pack_source  # type: ignore[misc]
        self.examples = compiled.examples  # type: ignore[misc]
        self.fixable = compiled.fixable  # type: ignore[misc]
        self.channels: tuple[str, ...] | None = (
            tuple(data["channels"]) if "channels" in data else None
        )
        self.locale = data.get("locale") or compiled.pack_locale
        self.fields: tuple[str, ...] | None = tuple(data["fields"]) if "fields" in data else None
        self.framework = framework
        self.terms = compiled.terms.bind(shared) if compiled.terms is not None else None
        self.when = Condition(compiled.when, shared) if compiled.when is not None else None
        self.unless = Condition(compiled.unless, shared) if compiled.unless is not None else None
        self.needs_doc = any(  # type: ignore[misc]
            (
                self.terms is not None and self.terms.spec.mode in ("exact", "lemma"),
                self.when is not None and self.when.needs_doc,
                self.unless is not None and self.unless.needs_doc,
            )
        )

    def explanation(self) -> str:  # type: ignore[override]
        return self.compiled.explanation

    # -- scope ---------------------------------------------------------------------

    def _applies(self, ctx: DraftContext) -> bool:
        if self.locale != "any" and base_locale(ctx.locale) != self.locale:
            return False
        if self.channels is not None:
            profile = ctx.channel.profile if ctx.channel is not None else None
            if ctx.channel_name not in self.channels and profile not in self.channels:
                return False
        return self.unless is None or self.unless.triggers(ctx) is None

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        if not self._applies(ctx):
            return
        triggers: list[Found] = []
        if self.when is not None:
            met = self.when.triggers(ctx)
            if met is None:
                return
            triggers = met
        yield from self.hits(ctx, triggers)

    def hits(self, ctx: DraftContext, triggers: list[Found]) -> Iterator[Hit]:
        """The kind's findings in a draft the rule applies to."""
        raise NotImplementedError

    def found(self, ctx: DraftContext, prose_only: bool = True) -> list[Found]:
        assert self.terms is not None
        return [
            f for ft in in_fields(ctx, self.fields) for f in self.terms.find(ctx, ft, prose_only)
        ]

    def render(self, ctx: DraftContext, **values: Any) -> str:
        """The message template with ``values`` and the draft's context."""
        brand = self.framework.brand.name
        base = {
            "rule": self.id,
            "pack": self.pack,
            "channel": ctx.channel_name,
            "locale": ctx.locale,
            "brand": brand,
        }
        try:
            return self.compiled.message.render(**base, **values).strip()
        except Exception:  # a sandbox violation or a template error at render time
            return self.compiled.spec.data["message"]

    def hit(
        self,
        ctx: DraftContext,
        at: Found | None,
        *,
        suggestions: tuple[str, ...] = (),
        fix: str | None = None,
        safe: bool = True,
        **values: Any,
    ) -> Hit:
        """A finding at ``at`` (the whole draft when None) with the rendered message;
        ``fix`` replaces the matched text."""
        field = at.field.name if at is not None else None
        message = self.render(ctx, field=field, suggestions=list(suggestions), **values)
        start, end = (at.start, at.end) if at is not None else (0, 0)
        return Hit(message, field, start, end, None, suggestions, fix, safe)

    def term_text(self, f: Found) -> str:
        assert self.terms is not None
        return f.text if self.terms.spec.mode == "regex" else self.terms.spec.terms[f.term]


class Existence(PackRule):
    """Flag the listed terms."""

    def hits(self, ctx: DraftContext, triggers: list[Found]) -> Iterator[Hit]:
        suggest = tuple(self.compiled.spec.data.get("suggest", ()))
        for f in self.found(ctx):
            yield self.hit(ctx, f, suggestions=suggest, match=f.text, term=self.term_text(f))


class Substitution(PackRule):
    """Replace each listed term (or pattern match) with its replacement."""

    def hits(self, ctx: DraftContext, triggers: list[Found]) -> Iterator[Hit]:
        data = self.compiled.spec.data
        for f in self.found(ctx):
            options = self._replacements(f)
            options = list(dict.fromkeys(o for o in options if o != f.text))
            if not options:
                continue
            one = options[0] if len(options) == 1 else None
            term = self.term_text(f)
            safe = data["safe"] and (
                self.terms.spec.mode != "lemma" or f.text.casefold() == term.casefold()
            )
            yield self.hit(
                ctx,
                f,
                suggestions=tuple(options),
                fix=one,
                safe=safe,
                match=f.text,
                term=term,
                replacement=options[0],
            )

    def _replacements(self, f: Found) -> list[str]:
        how = self.compiled.spec.data.get("transform")
        if how:
            return [transform(f.text, how)]
        templates = self.compiled.replacements[f.term]
        if f.regex is not None:
            return [f.regex.expand(t) for t in templates]
        return [match_case(t, f.text) for t in templates]


class Occurrence(PackRule):
    """Bounds on how often the terms occur (``min``/``max``), or a weighted score."""

    def hits(self, ctx: DraftContext, triggers: list[Found]) -> Iterator[Hit]:
        data = self.compiled.spec.data
        found = self.found(ctx)
        if data["scope"] == "draft":
            scopes: list[tuple[FieldText | None, list[Found]]] = [(None, found)]
        else:
            scopes = [
                (ft, [f for f in found if f.field is ft]) for ft in in_fields(ctx, self.fields)
            ]
        weights = self.compiled.weights
        for ft, matches in scopes:
            count = len(matches)
            score = sum(weights[f.term] for f in matches)
            values = {
                "count": count,
                "score": _number(score),
                "threshold": data.get("threshold"),
                "min": data.get("min"),
                "max": data.get("max"),
                "matches": list(dict.fromkeys(f.text for f in matches)),
            }
            at = Found(ft, 0, 0, -1, "") if ft is not None else None
            if "max" in data and count > data["max"]:
                excess = matches[data["max"]]
                yield self.hit(ctx, excess, match=excess.text, **values)
            if "min" in data and count < data["min"]:
                yield self.hit(ctx, at, **values)
            if "threshold" in data and score >= data["threshold"]:
                yield self.hit(ctx, at, **values)


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


class Required(PackRule):
    """The draft must contain one of the terms (or the text that triggered the rule)."""

    def hits(self, ctx: DraftContext, triggers: list[Found]) -> Iterator[Hit]:
        data = self.compiled.spec.data
        fields = in_fields(ctx, self.fields)
        if data["same"]:
            for t in triggers:
                target = t.regex.group(1) if t.regex is not None and t.regex.re.groups else t.text
                wanted = _boundary_regex(normalize(target)[0])
                if not any(wanted.search(ft.text) for ft in fields if ft is not t.field):
                    yield self.hit(ctx, t, match=t.text, trigger=target, expected=[target])
            return
        names = self.framework.brand.names if data["brand"] else ()
        if data["brand"] and not names and self.terms is None:
            return  # nothing to look for without a brand name
        found = self.found(ctx, prose_only=False) if self.terms is not None else []
        for name in names:
            regex = _boundary_regex(normalize(name)[0])
            for ft in fields:
                m = regex.search(ft.text)
                if m:
                    start, end = ft.field_span(*m.span())
                    found.append(Found(ft, start, end, -1, ft.field.text[start:end]))
        within = data.get("within")
        if within is None and found:
            return
        if within is not None and any(f.start < within for f in found):
            return
        late = min(found, key=lambda f: f.start).text if found else None
        expected = [*names, *(self.terms.spec.terms if self.terms is not None else ())]
        at = triggers[0] if triggers else None
        yield self.hit(
            ctx,
            at,
            expected=expected,
            late=late,
            within=within,
            trigger=at.text if at is not None else None,
        )


class Consistency(PackRule):
    """Of each pair of forms, a draft uses one; the less used form is flagged."""

    def hits(self, ctx: DraftContext, triggers: list[Found]) -> Iterator[Hit]:
        assert self.terms is not None
        terms = self.terms.spec.terms
        by_term: dict[int, list[Found]] = {}
        for f in self.found(ctx):
            by_term.setdefault(f.term, []).append(f)
        safe = self.compiled.spec.data["safe"]
        for a in range(0, len(terms), 2):
            first, second = by_term.get(a, []), by_term.get(a + 1, [])
            if not first or not second:
                continue
            minority, use = (
                (second, terms[a]) if len(first) >= len(second) else (first, terms[a + 1])
            )
            for f in minority:
                yield self.hit(
                    ctx,
                    f,
                    suggestions=(use,),
                    fix=use,
                    safe=safe,
                    match=f.text,
                    expected=use,
                    replacement=use,
                )


KIND_CLASSES: dict[str, type[PackRule]] = {
    "existence": Existence,
    "substitution": Substitution,
    "occurrence": Occurrence,
    "required": Required,
    "consistency": Consistency,
}


# -- compiling a pack rule (once per pack file) -------------------------------------


@dataclass(frozen=True)
class CompiledRule:
    """What a pack rule needs at run time, compiled from its YAML once."""

    spec: RuleSpec
    pack_name: str
    pack_source: str | None
    pack_locale: str
    message: Template
    terms: TermSpec | None
    replacements: tuple[tuple[str, ...], ...]
    weights: tuple[float, ...]
    when: ConditionSpec | None
    unless: ConditionSpec | None
    summary: str
    explanation: str
    examples: tuple[Example, ...]
    fixable: bool

    def bind(self, framework: Framework, shared: SharedTerms) -> PackRule:
        return KIND_CLASSES[self.spec.kind](self, framework, shared)


@functools.lru_cache(maxsize=1)
def _environment():
    """The one Jinja2 environment of pack messages: an immutable sandbox, so a template
    can read its variables but neither reach Python internals nor change anything."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(autoescape=False, keep_trailing_newline=False)


class _Compiler:
    """Compiles one rule, collecting located errors."""

    def __init__(self, pack: Pack, spec: RuleSpec, node: yaml.Node, errors: list) -> None:
        self.pack, self.spec, self.node, self.errors = pack, spec, node, errors
        self.where = f"rule {spec.id}"

    def error(self, node: yaml.Node | None, message: str, hint: str | None = None) -> None:
        self.errors.append(
            error_at(node or self.node, f"{self.where}: {message}", self.pack.path, hint)
        )

    def regex(self, value: str, node: yaml.Node | None, ignorecase: bool) -> re.Pattern[str] | None:
        from ..packs import compile_regex

        try:
            return compile_regex(value, ignorecase)
        except re.error as exc:
            line_col = position(node) if node is not None else (None, None)
            self.errors.append(
                BrandlintError(
                    f"{self.where}: invalid regex {value!r}: {exc.msg} "
                    f"(character {(exc.pos or 0) + 1} of the pattern)",
                    path=self.pack.path,
                    line=line_col[0],
                    column=line_col[1],
                    hint="quote regexes with single quotes in YAML so backslashes are kept",
                )
            )
            return None

    def terms(
        self,
        terms: Sequence[str],
        nodes: Sequence[yaml.Node | None],
        data: dict[str, Any],
        exceptions: Sequence[Any] = (),
        exception_nodes: Sequence[yaml.Node | None] = (),
    ) -> TermSpec:
        from ..packs import case_flag, compile_regex

        mode = data.get("match", "exact")
        raw = data.get("raw", False)
        ignorecase = data.get("ignorecase", True)
        texts = tuple(t if raw or mode == "regex" else normalize(t)[0] for t in terms)
        chars = index = spaced = None
        regexes: tuple[re.Pattern[str], ...] = ()
        if mode == "regex":
            compiled = [self.regex(t, n, ignorecase) for t, n in zip(texts, nodes, strict=True)]
            regexes = tuple(c for c in compiled if c is not None)
        else:
            index = {}
            for i, t in enumerate(texts):
                index.setdefault(t.lower() if ignorecase else t, i)
        if mode == "chars":
            ordered = sorted(set(texts), key=lambda t: (-len(t), t))
            alternatives = "|".join(re.escape(t) for t in ordered)
            chars = re.compile(alternatives, case_flag(alternatives, ignorecase))
        if data.get("spaced"):
            forms = [t for t in texts if len(t) > 1 and _HAN.search(t)]
            if forms:
                sep = f"[{_SEPARATORS}]{{0,3}}"
                alternatives = sorted(forms, key=lambda t: (-len(t), t))
                spaced = re.compile(
                    "|".join(sep.join(re.escape(ch) for ch in t) for t in alternatives),
                    case_flag("".join(alternatives), ignorecase),
                )
        parts = []
        for value, node in zip(exceptions, exception_nodes, strict=True):
            if isinstance(value, dict):
                if self.regex(value["pattern"], node, ignorecase) is not None:
                    parts.append(_scoped(value["pattern"]))
            else:
                parts.append(re.escape(value if raw else normalize(value)[0]))
        exc = compile_regex("|".join(parts), ignorecase) if parts else None
        return TermSpec(texts, mode, raw, ignorecase, chars, index, regexes, spaced, exc)

    def condition(self, key: str) -> ConditionSpec | None:
        data = self.spec.data.get(key)
        if data is None:
            return None
        node = child(self.node, key)
        terms = None
        if "terms" in data:
            terms = self.terms(data["terms"], items(child(node, "terms")), data)
        fields = tuple(data["fields"]) if "fields" in data else None
        return ConditionSpec(dict(data.get("meta", {})), terms, fields)

    def message(self):
        from jinja2 import TemplateSyntaxError, meta

        source = self.spec.data["message"]
        node = child(self.node, "message")
        env = _environment()
        try:
            parsed = env.parse(source)
        except TemplateSyntaxError as exc:
            self.error(
                node, f"message: invalid template: {exc.message} (template line {exc.lineno})"
            )
            return None
        for name in sorted(meta.find_undeclared_variables(parsed) - _message_variables()):
            self.error(
                node,
                f"message: unknown variable '{name}'"
                f"{did_you_mean(name, sorted(_message_variables()))}",
                hint="variables: " + ", ".join(sorted(_message_variables())),
            )
        return env.from_string(source)

    def compile(self) -> CompiledRule | None:
        spec, data, node = self.spec, self.spec.data, self.node
        before = len(self.errors)
        message = self.message()
        terms: TermSpec | None = None
        replacements: tuple[tuple[str, ...], ...] = ()
        weights: tuple[float, ...] = ()
        exceptions = data.get("exceptions", [])
        exception_nodes = [
            child(n, "pattern") if isinstance(e, dict) else n
            for e, n in zip(exceptions, items(child(node, "exceptions")), strict=True)
        ]
        if "swap" in data:
            swap_node = child(node, "swap")
            keys = (
                [k for k, _ in swap_node.value] if isinstance(swap_node, yaml.MappingNode) else []
            )
            terms = self.terms(list(data["swap"]), keys, data, exceptions, exception_nodes)
            replacements = tuple(
                (v,) if isinstance(v, str) else tuple(v) for v in data["swap"].values()
            )
            if terms.mode == "regex":
                self._check_templates(terms, replacements, keys)
        elif "either" in data:
            pairs = [t for pair in data["either"].items() for t in pair]
            either = child(node, "either")
            nodes = [n for pair in either.value for n in pair] if either is not None else []
            terms = self.terms(pairs, nodes, data, exceptions, exception_nodes)
        elif "terms" in data:
            term_nodes = items(child(node, "terms"))
            texts = [t["term"] if isinstance(t, dict) else t for t in data["terms"]]
            nodes = [
                child(n, "term") if isinstance(t, dict) else n
                for t, n in zip(data["terms"], term_nodes, strict=True)
            ]
            weights = tuple(
                float(t.get("weight", 1)) if isinstance(t, dict) else 1.0 for t in data["terms"]
            )
            terms = self.terms(texts, nodes, data, exceptions, exception_nodes)
        when, unless = self.condition("when"), self.condition("unless")
        if len(self.errors) > before or message is None:
            return None
        reason = data.get("reason", "")
        summary = data.get("summary") or _first_sentence(reason) or f"{spec.kind} rule"
        fixable = spec.kind == "consistency" or (
            spec.kind == "substitution"
            and (bool(data.get("transform")) or any(len(r) == 1 for r in replacements))
        )
        return CompiledRule(
            spec=spec,
            pack_name=self.pack.name,
            pack_source=self.pack.source,
            pack_locale=self.pack.locale,
            message=message,
            terms=terms,
            replacements=replacements,
            weights=weights,
            when=when,
            unless=unless,
            summary=summary,
            explanation=_explain(self.pack, spec, terms),
            examples=_examples(spec),
            fixable=fixable,
        )

    def _check_templates(
        self, terms: TermSpec, replacements: tuple[tuple[str, ...], ...], nodes: list[yaml.Node]
    ) -> None:
        """Group references in regex replacements must name groups of their regex."""
        for regex, options, node in zip(terms.regexes, replacements, nodes, strict=False):
            probe = re.compile(f"(?:{regex.pattern})|", regex.flags).match("")
            for template in options:
                try:
                    probe.expand(template) if probe else None
                except (re.error, IndexError) as exc:
                    self.error(node, f"swap: replacement {template!r}: {exc}")


_GLOBAL_FLAGS = re.compile(r"\(\?([aimsx]+)\)")


def _scoped(pattern: str) -> str:
    """``pattern`` as a group that can be joined with others: leading global flags
    (``(?m)^…``) become the group's own (``(?m:^…)``)."""
    m = _GLOBAL_FLAGS.match(pattern)
    if m:
        return f"(?{m.group(1)}:{pattern[m.end() :]})"
    return f"(?:{pattern})"


def _message_variables() -> frozenset[str]:
    from ..packs import MESSAGE_VARIABLES

    return MESSAGE_VARIABLES


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    m = re.search(r"(?<=[.!?。！？])(?:\s|$)", text)
    return text[: m.start()].strip() if m else text


def _examples(spec: RuleSpec) -> tuple[Example, ...]:
    fails, passes = [], []
    for case in spec.tests:
        text = case.text or "; ".join(f"{k}: {v}" for k, v in case.fields.items())
        if case.fix is not None:
            fails.append(Example(text, True, f"fix: {case.fix!r}"))
        elif spec.id in (case.expect or ()):
            fails.append(Example(text, True, case.note))
        else:
            passes.append(Example(text, False, case.note))
    return (*fails[:3], *passes[:2])


def _explain(pack: Pack, spec: RuleSpec, terms: TermSpec | None) -> str:
    data = spec.data
    lines = [" ".join(data.get("reason", data.get("summary", "")).split())]
    scope = [f"kind {spec.kind}"]
    if terms is not None:
        scope.append(f"{terms.mode} matching" + (", raw text" if terms.raw else ""))
    if data.get("spaced"):
        scope.append("sees spaced-out Chinese")
    scope.append(f"locale {data.get('locale') or pack.locale}")
    scope.append("channels " + (", ".join(data["channels"]) if "channels" in data else "all"))
    if "fields" in data:
        scope.append("fields " + ", ".join(data["fields"]))
    lines += ["", "How: " + "; ".join(scope) + "."]
    if terms is not None and terms.mode != "regex":
        shown = ", ".join(terms.terms[:15]) + (
            f" … ({len(terms.terms)} in all)" if len(terms.terms) > 15 else ""
        )
        lines.append(f"Terms: {shown}")
    if data.get("exceptions"):
        shown = ", ".join(
            e["pattern"] if isinstance(e, dict) else e for e in data["exceptions"][:10]
        )
        lines.append(f"Not when part of: {shown}")
    for key in ("when", "unless"):
        if key in data:
            lines.append(f"{key.capitalize()}: {_condition_text(data[key])}")
    lines.append(f"Message: {data['message'].strip()}")
    # a shipped pack's file lives wherever brandlint is installed: name it by its name
    where = "shipped with brandlint" if pack.shipped else pack.path
    lines.append(f"Pack: {pack.name} ({where})")
    return "\n".join(line for line in lines)


def _condition_text(cond: dict[str, Any]) -> str:
    parts = [f"{k} is {v}" for k, v in cond.get("meta", {}).items()]
    if "terms" in cond:
        where = f" in {', '.join(cond['fields'])}" if "fields" in cond else ""
        parts.append(f"the draft contains {', '.join(cond['terms'][:6])}{where}")
    return " and ".join(parts)


def compile_rule(pack: Pack, spec: RuleSpec, node: yaml.Node, errors: list) -> CompiledRule | None:
    """Compile one rule of ``pack`` (regexes, term lists, the message template),
    adding located errors to ``errors``."""
    return _Compiler(pack, spec, node, errors).compile()
