"""Rule packs (SPEC §3.2): YAML files of rules of a few generic kinds, each with its
own inline tests.

Shipped packs live in the repository's ``rules/`` directory (installed as
``brandlint.packs``) and are enabled by name; a company's own packs by path. A pack is
validated against ``packs.schema.json`` with the framework's strict validator
(file:line:col errors, did-you-mean), then checked for what a schema cannot say
(regexes, message templates, keys that belong to another kind). Its regexes and
message templates are compiled once per process; :func:`pack_rules` turns the enabled
packs into :class:`~brandlint.rules.kinds.PackRule` instances for a run, with every
term list compiled into one shared :class:`~brandlint.nlp.terms.TermMatcher`.
:func:`run_tests` runs a pack's inline tests through the real engine.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .errors import BrandlintError
from .framework.load import resolve_rule_pack, shipped_packs
from .framework.validate import (
    FrameworkErrors,
    Schema,
    Validator,
    child,
    did_you_mean,
    error_at,
    items,
    position,
    read_yaml,
)

if TYPE_CHECKING:
    from .framework.model import Framework
    from .nlp.pipeline import Pipelines
    from .rules.kinds import PackRule

KINDS = ("existence", "substitution", "occurrence", "required", "consistency")
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_COMMON_KEYS = {
    "id",
    "kind",
    "message",
    "summary",
    "reason",
    "source",
    "severity",
    "channels",
    "locale",
    "fields",
    "when",
    "unless",
    "tests",
}
_TERM_KEYS = {"match", "exceptions", "spaced", "raw", "ignorecase"}
# The keys each kind reads, beyond the common ones.
KIND_KEYS: dict[str, set[str]] = {
    "existence": _TERM_KEYS | {"terms", "suggest"},
    "substitution": _TERM_KEYS | {"terms", "swap", "transform", "safe"},
    "occurrence": _TERM_KEYS | {"terms", "min", "max", "threshold", "scope"},
    "required": _TERM_KEYS | {"terms", "within", "same", "brand"},
    "consistency": _TERM_KEYS | {"either", "safe"},
}
# Variables a message template may use (each kind fills those it knows).
MESSAGE_VARIABLES = frozenset(
    {
        "match",
        "term",
        "replacement",
        "suggestions",
        "count",
        "score",
        "threshold",
        "min",
        "max",
        "matches",
        "expected",
        "late",
        "within",
        "trigger",
        "brand",
        "field",
        "channel",
        "locale",
        "rule",
        "pack",
    }
)

# ``\p{Han}`` in a pack regex: the CJK ideographs (Extension A, the URO, compatibility).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_MACROS = {r"\p{Han}": HAN}


@functools.lru_cache(maxsize=1)
def packs_schema() -> Schema:
    """The JSON Schema of a rule pack (``packs.schema.json``)."""
    text = resources.files(__package__).joinpath("packs.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def expand_regex(pattern: str) -> str:
    """``pattern`` with ``\\p{Han}`` spelt out (as a class, or inside one)."""
    if "\\p{" not in pattern:
        return pattern
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        for macro, body in _MACROS.items():
            if pattern.startswith(macro, i):
                out.append(body if in_class else f"[{body}]")
                i += len(macro)
                break
        else:
            ch = pattern[i]
            if ch == "\\":
                out.append(pattern[i : i + 2])
                i += 2
                continue
            if ch == "[" and not in_class:
                in_class = True
            elif ch == "]" and in_class and out and out[-1] != "[":
                in_class = False
            out.append(ch)
            i += 1
    return "".join(out)


def compile_regex(pattern: str, ignorecase: bool = True) -> re.Pattern[str]:
    """A pack regex, compiled once (``\\p{Han}`` expanded; case-insensitive by default)."""
    return re.compile(expand_regex(pattern), case_flag(pattern, ignorecase))


_ESCAPE = re.compile(r"\\p\{\w+\}|\\[^xuUN]")


def case_flag(pattern: str, ignorecase: bool) -> int:
    """``re.IGNORECASE`` when asked for and ``pattern`` has a letter with case: a
    caseless pattern (Chinese, punctuation) compiles several times faster without it."""
    if not ignorecase:
        return 0
    bare = _ESCAPE.sub("", pattern)
    return re.IGNORECASE if any(ch.lower() != ch.upper() or ch == "\\" for ch in bare) else 0


# -- the loaded pack -------------------------------------------------------------


@dataclass(frozen=True)
class TestCase:
    """One inline test of a rule: a draft and what must happen to it."""

    number: int  # 1-based within its rule
    line: int
    column: int
    text: str
    fields: dict[str, str] = field(default_factory=dict, hash=False)
    meta: dict[str, Any] = field(default_factory=dict, hash=False)
    channel: str | None = None
    locale: str | None = None
    brand: str | None = None
    expect: tuple[str, ...] | None = None
    fix: str | None = None
    note: str = ""


@dataclass(frozen=True)
class RuleSpec:
    """One rule as the pack file declares it (validated, defaults filled in)."""

    id: str
    kind: str
    data: dict[str, Any] = field(hash=False)
    line: int
    column: int
    tests: tuple[TestCase, ...] = ()


@dataclass(frozen=True)
class Pack:
    """A loaded, validated rule pack. ``path`` is how messages name the file."""

    name: str
    path: str
    file: Path
    description: str
    locale: str
    source: str | None
    rules: tuple[RuleSpec, ...]
    shipped: bool
    compiled: tuple[Any, ...] = field(default=(), hash=False, compare=False)


def load_pack(ref: str) -> Pack:
    """The pack a ``rule_packs`` entry names (a shipped pack's name or a file path),
    loaded once per process and file version. Raises :class:`BrandlintError`."""
    file, is_shipped = pack_file(ref)
    try:
        stat = file.stat()
    except OSError:
        raise BrandlintError("rule pack file not found", path=_display(file)) from None
    return _load(str(file), stat.st_mtime_ns, stat.st_size, is_shipped)


def pack_file(ref: str) -> tuple[Path, bool]:
    """The file a ``rule_packs`` entry names, and whether it ships with brandlint,
    without reading it. Raises :class:`BrandlintError` for an unknown pack."""
    shipped = shipped_packs()
    if ref in shipped:
        return shipped[ref], True
    resolved = resolve_rule_pack(ref, Path.cwd())
    if resolved is None or resolved in shipped:
        names = sorted(shipped)
        raise BrandlintError(
            f"unknown rule pack '{ref}'{did_you_mean(ref, names)}",
            hint=f"available packs: {', '.join(names)}",
        )
    return Path(resolved), False


def _display(file: Path) -> str:
    from .sources.paths import display

    return display(file)


@functools.lru_cache(maxsize=64)
def _load(file: str, _mtime: int, _size: int, shipped: bool) -> Pack:
    from .rules.kinds import compile_rule

    path = Path(file)
    shown = _display(path)
    node = read_yaml(path, shown, "rule pack")
    validator = Validator(packs_schema(), shown)
    data = validator.validate(node)
    errors = list(validator.errors)
    if not errors:
        pack = _build(node, data, path, shown, shipped, errors)
        if not errors:
            compiled = []
            for spec, rule_node in zip(pack.rules, items(child(node, "rules")), strict=True):
                compiled.append(compile_rule(pack, spec, rule_node, errors))
            if not errors:
                return replace(pack, compiled=tuple(compiled))
    raise FrameworkErrors(sorted(errors, key=lambda e: (e.line or 0, e.column or 0)))


def _build(
    node: yaml.Node, data: dict[str, Any], file: Path, shown: str, shipped: bool, errors: list
) -> Pack:
    name = data.get("pack") or file.stem
    if not _NAME.match(name):
        errors.append(
            error_at(
                child(node, "pack") or node,
                f"pack name '{name}' must be lower-case kebab-case (letters, digits, '-')",
                shown,
                hint="name the pack with `pack: my-pack`, or rename the file",
            )
        )
    rules: list[RuleSpec] = []
    seen: dict[str, int] = {}
    for i, (rule, rule_node) in enumerate(
        zip(data["rules"], items(child(node, "rules")), strict=True), 1
    ):
        where = f"rules[{i}]"
        rule_id = rule["id"]
        id_node = child(rule_node, "id")
        if not _NAME.match(rule_id):
            errors.append(
                error_at(
                    id_node,
                    f"{where}.id: rule id '{rule_id}' must be lower-case kebab-case",
                    shown,
                    hint="for example: superlative, free-offer",
                )
            )
        elif rule_id in seen:
            errors.append(
                error_at(
                    id_node,
                    f"{where}.id: duplicate rule id '{rule_id}' (first at line {seen[rule_id]})",
                    shown,
                    hint="each rule of a pack needs its own id",
                )
            )
        else:
            seen[rule_id] = position(id_node)[0]
        _check_kind_keys(rule, rule_node, where, shown, errors)
        line, column = position(rule_node)
        tests = tuple(
            _test(t, tn, n, f"{where}.tests[{n}]", shown, errors)
            for n, (t, tn) in enumerate(
                zip(rule.get("tests", []), items(child(rule_node, "tests")), strict=True), 1
            )
        )
        rules.append(RuleSpec(rule_id, rule["kind"], rule, line, column, tests))
    pack = Pack(
        name=name,
        path=shown,
        file=file,
        description=data.get("description", ""),
        locale=data["locale"],
        source=data.get("source"),
        rules=tuple(rules),
        shipped=shipped,
    )
    ids = {r.id for r in rules}
    for spec, rule_node in zip(rules, items(child(node, "rules")), strict=True):
        for case, case_node in zip(spec.tests, items(child(rule_node, "tests")), strict=True):
            for k, rid in enumerate(case.expect or ()):
                if rid not in ids:
                    errors.append(
                        error_at(
                            items(child(case_node, "expect"))[k],
                            f"rule {spec.id}: test {case.number} expects unknown rule "
                            f"'{rid}'{did_you_mean(rid, sorted(ids))}",
                            shown,
                            hint="expect lists ids of this pack's rules, without the pack name",
                        )
                    )
    return pack


def _check_kind_keys(
    rule: dict[str, Any], node: yaml.Node, where: str, shown: str, errors: list
) -> None:
    """Keys that belong to another kind, and what each kind cannot do without."""
    kind = rule["kind"]
    allowed = _COMMON_KEYS | KIND_KEYS[kind]
    written = [k for k, _ in node.value] if isinstance(node, yaml.MappingNode) else []
    for key_node in written:
        key = str(key_node.value)
        if key in rule and key not in allowed:
            owners = [k for k in KINDS if key in KIND_KEYS[k]]
            errors.append(
                error_at(
                    key_node,
                    f"{where}.{key}: not used by kind {kind} (only by {', '.join(owners)})",
                    shown,
                    hint="remove the key, or change the rule's kind",
                )
            )

    def need(condition: bool, message: str, hint: str) -> None:
        if not condition:
            errors.append(error_at(node, f"{where}: {message}", shown, hint=hint))

    has_terms = "terms" in rule
    if kind in ("existence", "occurrence"):
        need(has_terms, f"kind {kind} needs terms", "list what the rule looks for in terms:")
    if kind == "substitution":
        need(
            ("swap" in rule) != has_terms and (has_terms == ("transform" in rule)),
            "kind substitution needs swap (term -> replacement), or terms with transform",
            "for example swap: {whitelist: allowlist}",
        )
    if kind == "occurrence":
        need(
            any(k in rule for k in ("min", "max", "threshold")),
            "kind occurrence needs min, max or threshold",
            "for example max: 1, or weighted terms and threshold: 8",
        )
    if kind == "required":
        need(
            has_terms or rule["brand"] or rule["same"],
            "kind required needs terms, brand: true or same: true",
            "list the wording a draft must contain in terms:",
        )
        need(
            not rule["same"] or bool(rule.get("when", {}).get("terms")),
            "same: true needs a when condition with terms (the text to repeat)",
            "for example when: {fields: [subject], terms: [free]}",
        )
    if kind == "consistency":
        need("either" in rule, "kind consistency needs either", "for example either: {“: 「}")
    if rule["raw"] and rule["match"] in ("exact", "lemma"):
        errors.append(
            error_at(
                child(node, "raw"),
                f"{where}.raw: raw text works with match chars or regex, not {rule['match']}",
                shown,
                hint="add match: chars (or regex)",
            )
        )
    if rule["spaced"] and (rule["raw"] or rule["match"] == "regex"):
        errors.append(
            error_at(
                child(node, "spaced"),
                f"{where}.spaced: spaced matching works with terms matched exact, lemma or "
                "chars on normalised text",
                shown,
                hint="write the separators into the regex instead",
            )
        )


def _test(
    data: dict[str, Any], node: yaml.Node, number: int, where: str, shown: str, errors: list
) -> TestCase:
    line, column = position(node)
    if ("expect" in data) == ("fix" in data):
        errors.append(
            error_at(
                node,
                f"{where}: a test needs expect (the rule ids that fire) or fix (the fixed "
                "text), not both",
                shown,
                hint="for example {text: ..., expect: [my-rule]} or {text: ..., expect: []}",
            )
        )
    if "text" not in data and not data.get("fields"):
        errors.append(error_at(node, f"{where}: a test needs text or fields", shown))
    expect = tuple(data["expect"]) if "expect" in data else None
    return TestCase(
        number=number,
        line=line,
        column=column,
        text=data.get("text", ""),
        fields=dict(data.get("fields", {})),
        meta=dict(data.get("meta", {})),
        channel=data.get("channel"),
        locale=data.get("locale"),
        brand=data.get("brand"),
        expect=expect,
        fix=data.get("fix"),
        note=data.get("note", ""),
    )


# -- rules for a run -------------------------------------------------------------


def enabled_packs(refs: Iterable[str]) -> list[Pack]:
    """The packs named by ``rule_packs`` entries, each once, in order. Two packs with
    the same name are an error (their rule ids would collide)."""
    packs: list[Pack] = []
    seen: dict[str, Pack] = {}
    for ref in dict.fromkeys(refs):
        pack = load_pack(ref)
        first = seen.get(pack.name)
        if first is not None:
            if first.file == pack.file:
                continue
            raise BrandlintError(
                f"two rule packs are named '{pack.name}': {first.path} and {pack.path}",
                path=pack.path,
                hint="give one of them another name with `pack: ...`",
            )
        seen[pack.name] = pack
        packs.append(pack)
    return packs


def pack_rules(packs: Sequence[Pack], framework: Framework, pipelines: Pipelines) -> list[PackRule]:
    """The rules of ``packs`` for one run; their exact and lemma term lists share one
    :class:`~brandlint.nlp.terms.TermMatcher`."""
    from .rules.kinds import SharedTerms

    shared = SharedTerms(pipelines)
    rules = [c.bind(framework, shared) for pack in packs for c in pack.compiled]
    shared.freeze()
    return rules


def catalog(refs: Iterable[str] = ()) -> dict[str, PackRule]:
    """Every rule of the shipped packs and of the packs ``refs`` names, by id, for
    ``brandlint rules`` and ``explain`` (metadata only; nothing is matched)."""
    from .framework.model import Framework
    from .nlp.pipeline import Pipelines

    packs = enabled_packs([*sorted(shipped_packs()), *refs])
    return {r.id: r for r in pack_rules(packs, Framework(), Pipelines())}


# -- inline tests ----------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _test_pipelines() -> Pipelines:
    """Pipelines without any framework's words, so tests read the same everywhere."""
    from .nlp.pipeline import Pipelines

    return Pipelines()


def _draft_text(case: TestCase, locale: str) -> str:
    """The test's draft as a Markdown file; ``locale`` is the rule's (``any``: detect)."""
    front: dict[str, Any] = {}
    if case.channel:
        front["channel"] = case.channel
    if case.locale or locale != "any":
        front["locale"] = case.locale or locale
    front.update(case.meta)
    front.update(case.fields)
    if not front:
        return case.text
    return (
        "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + case.text
    )


def run_tests(pack: Pack) -> list[BrandlintError]:
    """Run every inline test of ``pack`` through the engine; one error per failing test,
    located at the test in the pack file."""
    from .config import Config
    from .engine import RuleSet, lint_paths
    from .framework.model import Brand, Framework

    pipelines = _test_pipelines()
    cases = [(spec, case) for spec in pack.rules for case in spec.tests]
    errors: list[BrandlintError] = []
    for brand in sorted({c.brand or "" for _, c in cases}):
        framework = Framework(brand=Brand(name=brand or None))
        rules = pack_rules([pack], framework, pipelines)
        ruleset = RuleSet(framework, list(rules), {}, pipelines)
        todo = [(s, c) for s, c in cases if (c.brand or "") == brand]

        def lint(texts: list[tuple[str, str]], ruleset=ruleset):
            return lint_paths([], ruleset, Config(), root=Path.cwd(), fail_on="never", texts=texts)

        names = {f"{s.id}.{c.number}.md": (s, c) for s, c in todo}
        texts = {
            name: _draft_text(c, s.data.get("locale") or pack.locale)
            for name, (s, c) in names.items()
        }
        result = lint(list(texts.items()))
        found: dict[str, list[str]] = {name: [] for name in names}
        for f in result.findings:
            if f.path in found and f.rule.startswith(pack.name + "/"):
                found[f.path].append(f.rule.split("/", 1)[1])
        for name, (spec, case) in names.items():
            if case.expect is not None:
                got = sorted(found[name])
                if got != sorted(case.expect):
                    errors.append(
                        _failure(
                            pack,
                            spec,
                            case,
                            f"expected {_ids(case.expect)} got {_ids(got)}",
                        )
                    )
            else:
                fixed = _fixed(result, name, texts[name], spec, lint, pack)
                body = fixed[len(texts[name]) - len(case.text) :]
                if body != case.fix:
                    errors.append(
                        _failure(pack, spec, case, f"expected fix {case.fix!r} got {body!r}")
                    )
    return errors


def _ids(ids: Iterable[str]) -> str:
    return "[" + ", ".join(sorted(ids)) + "]"


def _failure(pack: Pack, spec: RuleSpec, case: TestCase, what: str) -> BrandlintError:
    note = f" ({case.note})" if case.note else ""
    return BrandlintError(
        f"pack {pack.name}, rule {spec.id}: test {case.number} {what}{note}",
        path=pack.path,
        line=case.line,
        column=case.column,
        hint="fix the rule, or the test if the rule is right",
    )


def _fixed(result, name: str, text: str, spec: RuleSpec, lint, pack: Pack) -> str:
    """``text`` after ``--fix`` applied the rule's own safe fixes until nothing changes."""
    from .drafts import SourceFile
    from .fix import converge

    rule_id = f"{pack.name}/{spec.id}"

    def only(res):
        kept = tuple(f for f in res.findings if f.path == name and f.rule == rule_id)
        return replace(res, findings=kept)

    changes = converge(
        only(result),
        lambda path: SourceFile(path, text) if path == name else None,
        lambda drafts: only(lint(drafts)),
    )
    return changes[0].text if changes else text


def check_packs(refs: Iterable[str]) -> list[tuple[Pack, int]]:
    """Load every pack ``refs`` names and run its inline tests; ``(pack, tests)`` for
    each, or :class:`FrameworkErrors` listing every failing test."""
    packs = enabled_packs(refs)
    errors = [e for pack in packs for e in run_tests(pack)]
    if errors:
        raise FrameworkErrors(errors)
    return [(p, sum(len(r.tests) for r in p.rules)) for p in packs]


def case_counts(pack: Pack) -> Counter:
    """How many firing and passing inline tests each rule of ``pack`` has (for the
    meta-test and ``brandlint explain``): ``(rule, "fires"|"passes") -> n``."""
    counts: Counter = Counter()
    for spec in pack.rules:
        for case in spec.tests:
            fires = case.fix is not None or spec.id in (case.expect or ())
            counts[spec.id, "fires" if fires else "passes"] += 1
    return counts


def verify_user_packs(packs: Iterable[Pack]) -> None:
    """Run the inline tests of the packs that did not ship with brandlint (a company's
    own), once per file version, so a pack cannot lint with a rule that does not do
    what its tests say; raises :class:`FrameworkErrors` naming each failing test."""
    errors = [e for pack in packs if not pack.shipped for e in _user_pack_errors(pack)]
    if errors:
        raise FrameworkErrors(errors)


@functools.lru_cache(maxsize=64)
def _user_pack_errors(pack: Pack) -> tuple[BrandlintError, ...]:
    return tuple(run_tests(pack))
