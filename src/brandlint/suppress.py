"""Suppressions: one comment grammar, applied to findings, with usage tracking.

Grammar (SPEC §4.1; full guide in ``docs/suppressions.md``), inside an HTML comment
in Markdown, HTML or plain-text drafts::

    <!-- brandlint-disable [RULE[, RULE…]] [-- reason] -->       from here on
    <!-- brandlint-enable [RULE[, RULE…]] [-- reason] -->        end of a disable
    <!-- brandlint-disable-next-line [RULE…] [-- reason] -->     the next line only
    <!-- brandlint-disable-file [RULE…] [-- reason] -->          the whole file

RULE is a rule selector (see :func:`rule_matches`); none means every rule. Front
matter ``brandlint: {disable: [RULE]}`` and a table's ``brandlint_disable`` column
reach this module as ``Draft.disabled``: they suppress for the whole draft.

A suppression that suppressed nothing becomes an ``unused-suppression`` finding
(info), like ruff's RUF100 and pylint's useless-suppression, so stale exceptions do
not hide future problems. ``input-error`` findings are never suppressed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from .findings import Finding, Severity
from .text import LineIndex

UNUSED = "unused-suppression"
UNSUPPRESSIBLE = frozenset({"input-error", UNUSED})

FILE, RANGE, NEXT_LINE = "file", "range", "next-line"
STRAY_ENABLE, UNKNOWN = "stray-enable", "unknown"  # comments that can never suppress
_ENABLE = "enable"
_ACTIONS = {"disable": RANGE, "disable-next-line": NEXT_LINE, "disable-file": FILE,
            _ENABLE: _ENABLE}  # fmt: skip

# Every form in one pattern: "<!--", "brandlint-<action>", the rest up to "-->".
_COMMENT = re.compile(
    r"<!--\s*brandlint-(?P<action>[A-Za-z]+(?:-[A-Za-z]+)*)(?=\s|-->)(?P<rest>.*?)-->",
    re.DOTALL,
)
_REASON = re.compile(r"(?:^|\s)--(?:\s|$)")
_SEPARATORS = re.compile(r"[\s,]+")


def rule_matches(rule_id: str, selector: str) -> bool:
    """Whether ``selector`` (from a comment, front matter, ``--select``/``--ignore``)
    names ``rule_id``.

    A selector matches a rule id when it equals the id; when the id starts with the
    selector and the next character is ``-`` or ``/`` (``tone`` matches ``tone-caps``,
    ``zh-ad-law`` matches ``zh-ad-law/superlative``); or when the selector itself ends
    with ``-`` or ``/`` and is a prefix of the id (``tone-``, ``zh-ad-law/``). A
    selector never matches in the middle of a word: ``tone-c`` does not match
    ``tone-caps``. Matching is case-sensitive; rule ids are lower case.
    """
    if not selector or not rule_id.startswith(selector):
        return False
    n = len(selector)
    return n == len(rule_id) or selector[-1] in "-/" or rule_id[n] in "-/"


@dataclass(frozen=True)
class Directive:
    """One suppression comment, or one part of it.

    ``kind`` is ``file``, ``range`` or ``next-line``; ``stray-enable`` (an enable that
    ends no disable) and ``unknown`` (a misspelt action) cover nothing and are always
    reported. ``rules`` are selectors; empty means every rule. Lines
    ``first_line..last_line`` (1-based, inclusive) are covered. ``line``/``column`` to
    ``end_line``/``end_column`` and ``start``/``end`` locate the comment itself.

    A ``disable A, B`` ended for ``A`` alone by ``enable A`` yields two directives
    with the same comment location: ``A`` up to the enable, ``B`` to the end.
    """

    kind: str
    rules: tuple[str, ...]
    reason: str | None
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    first_line: int
    last_line: int
    action: str = ""  # the word after "brandlint-" as written

    def covers(self, line: int) -> bool:
        return self.first_line <= line <= self.last_line

    def suppresses(self, rule_id: str, line: int) -> bool:
        if rule_id in UNSUPPRESSIBLE or not self.covers(line):
            return False
        return not self.rules or any(rule_matches(rule_id, r) for r in self.rules)


def parse_directives(text: str, lines: LineIndex) -> list[Directive]:
    """Every suppression comment in a source text, in order of position.

    A ``disable`` runs until the ``enable`` that ends it (``enable`` alone ends every
    open disable; ``enable RULE`` ends the disables that name that same RULE) and
    covers the lines of both comments; without one it runs to the end of the file.
    ``disable-next-line`` covers the line after the comment's last line;
    ``disable-file`` covers every line wherever it stands.
    """
    last = lines.line_count
    done: list[Directive] = []
    open_: list[Directive] = []
    for m in _COMMENT.finditer(text):
        action = m.group("action").lower()
        kind = _ACTIONS.get(action, UNKNOWN)
        selectors, reason = _split(m.group("rest"))
        line, column = lines.line_col(m.start())
        end_line, end_column = lines.line_col(m.end())
        d = Directive(kind, selectors, reason, line, column, end_line, end_column, m.start(),
                      m.end(), first_line=line, last_line=line - 1, action=action)  # fmt: skip
        if kind == RANGE:
            open_.append(replace(d, last_line=last))
        elif kind == NEXT_LINE:
            done.append(replace(d, first_line=end_line + 1, last_line=end_line + 1))
        elif kind == FILE:
            done.append(replace(d, first_line=1, last_line=last))
        elif kind == _ENABLE:
            open_, unmatched = _enable(open_, selectors, line, done)
            if unmatched is not None:
                done.append(replace(d, kind=STRAY_ENABLE, rules=unmatched))
        else:
            done.append(d)
    done.extend(open_)
    done.sort(key=lambda d: (d.start, d.first_line))
    return done


def _split(rest: str) -> tuple[tuple[str, ...], str | None]:
    """``(selectors, reason)`` from the text after the action word."""
    parts = _REASON.split(rest, maxsplit=1)
    selectors = tuple(dict.fromkeys(s for s in _SEPARATORS.split(parts[0]) if s))
    reason = " ".join(parts[1].split()) if len(parts) > 1 else None
    return selectors, reason or None


def _enable(
    open_: list[Directive], selectors: tuple[str, ...], line: int, done: list[Directive]
) -> tuple[list[Directive], tuple[str, ...] | None]:
    """Close open disables at ``line``; returns the ones still open and the selectors
    that closed nothing (``()`` for a bare enable with nothing open, None if all closed)."""
    if not selectors:
        done.extend(replace(d, last_line=line) for d in open_)
        return [], None if open_ else ()
    still: list[Directive] = []
    used: set[str] = set()
    for d in open_:
        closing = tuple(r for r in d.rules if r in selectors)
        if not closing:
            still.append(d)
            continue
        used.update(closing)
        done.append(replace(d, rules=closing, last_line=line))
        rest = tuple(r for r in d.rules if r not in selectors)
        if rest:
            still.append(replace(d, rules=rest))
    unmatched = tuple(s for s in selectors if s not in used)
    return still, unmatched or None


def apply(
    findings: Iterable[Finding],
    directives_by_path: Mapping[str, Sequence[Directive]],
    draft_disabled: Mapping[str, tuple[str, ...]],
    draft_anchor: Mapping[str, tuple[str, int, int]],
    active_rules: Collection[str] | None = None,
) -> list[Finding]:
    """The findings no suppression covers, then one ``unused-suppression`` finding per
    suppression (comment, or draft-level list) with selectors that suppressed nothing.

    A finding is suppressed by a comment of its file that covers its (start) line and
    names its rule, or by a selector in ``draft_disabled[finding.draft]``. Every
    matching suppression counts as used. ``draft_anchor`` maps a draft id to the
    ``(path, line, column)`` where the draft starts: draft-level unused suppressions
    are reported there, and a comment's unused suppression is attributed to the draft
    of its file that starts last at or before the comment. ``active_rules``, the ids
    of the rules that ran, keeps a selector naming only rules that did not run (turned
    off, not selected) from being reported: it was not checked, so it is not stale.
    """
    used: set[tuple[str, int, str]] = set()  # (path, directive index, selector or "")
    used_draft: set[tuple[str, str]] = set()
    draft_info: dict[str, tuple[str | None, str | None]] = {}
    kept: list[Finding] = []
    for f in findings:
        if f.draft in draft_disabled or directives_by_path.get(f.path):  # all it is read for
            draft_info.setdefault(f.draft, (f.channel, f.campaign))
        if _suppressed(f, directives_by_path.get(f.path, ()), draft_disabled.get(f.draft, ()),
                       used, used_draft):  # fmt: skip
            continue
        kept.append(f)
    if active_rules is not None:
        _mark_inactive(active_rules, directives_by_path, draft_disabled, used, used_draft)
    unused: list[Finding] = []
    anchors_by_path: dict[str, list[tuple[tuple[int, int], str]]] = {}
    for draft, (p, line, column) in draft_anchor.items():
        anchors_by_path.setdefault(p, []).append(((line, column), draft))
    used_by_path: dict[str, set[tuple[int, str]]] = {}
    for p, i, r in used:
        used_by_path.setdefault(p, set()).add((i, r))
    for path, directives in directives_by_path.items():
        if directives:
            unused.extend(_unused_comments(
                path, directives, used_by_path.get(path, set()),
                sorted(anchors_by_path.get(path, [])), draft_info,
            ))  # fmt: skip
    for draft, selectors in draft_disabled.items():
        names = tuple(s for s in selectors if (draft, s) not in used_draft)
        if names and draft in draft_anchor:
            path, line, column = draft_anchor[draft]
            channel, campaign = draft_info.get(draft, (None, None))
            unused.append(Finding(
                rule=UNUSED, severity=Severity.INFO, path=path, draft=draft, line=line,
                column=column, end_line=line, end_column=column, channel=channel,
                campaign=campaign,
                message=f"unused suppression: the draft's disable of {_names(names)} "
                "suppressed nothing — remove it",
            ))  # fmt: skip
    unused.sort(key=Finding.sort_key)
    return kept + unused


def _mark_inactive(
    active_rules: Collection[str],
    directives_by_path: Mapping[str, Sequence[Directive]],
    draft_disabled: Mapping[str, tuple[str, ...]],
    used: set[tuple[str, int, str]],
    used_draft: set[tuple[str, str]],
) -> None:
    """Count as used every selector that names none of ``active_rules``."""

    def inactive(selector: str) -> bool:
        return not any(rule_matches(r, selector) for r in active_rules)

    for path, directives in directives_by_path.items():
        for i, d in enumerate(directives):
            if d.kind in (FILE, RANGE, NEXT_LINE):
                used.update((path, i, r) for r in d.rules if inactive(r))
    for draft, selectors in draft_disabled.items():
        used_draft.update((draft, s) for s in selectors if inactive(s))


def _suppressed(
    f: Finding,
    directives: Sequence[Directive],
    disabled: tuple[str, ...],
    used: set[tuple[str, int, str]],
    used_draft: set[tuple[str, str]],
) -> bool:
    if f.rule in UNSUPPRESSIBLE:
        return False
    hit = False
    for i, d in enumerate(directives):
        if not d.suppresses(f.rule, f.line):
            continue
        hit = True
        for r in d.rules or ("",):
            if not r or rule_matches(f.rule, r):
                used.add((f.path, i, r))
    for s in disabled:
        if rule_matches(f.rule, s):
            hit = True
            used_draft.add((f.draft, s))
    return hit


def _unused_comments(
    path: str,
    directives: Sequence[Directive],
    used_here: set[tuple[int, str]],
    anchors: list[tuple[tuple[int, int], str]],
    draft_info: Mapping[str, tuple[str | None, str | None]],
) -> Iterable[Finding]:
    """One finding per comment whose selectors (all, or some) suppressed nothing;
    ``used_here`` holds the used (directive index, selector) pairs of this file and
    ``anchors`` its drafts' sorted ((line, column), draft id) starts."""
    by_comment: dict[int, list[tuple[int, Directive]]] = {}
    for i, d in enumerate(directives):
        by_comment.setdefault(d.start, []).append((i, d))
    for parts in by_comment.values():
        d = parts[0][1]
        message = _unused_message(parts, used_here)
        if message is None:
            continue
        before = [draft for at, draft in anchors if at <= (d.line, d.column)]
        draft = before[-1] if before else anchors[0][1] if anchors else path
        channel, campaign = draft_info.get(draft, (None, None))
        yield Finding(
            rule=UNUSED,
            severity=Severity.INFO,
            message=message,
            path=path,
            draft=draft,
            line=d.line,
            column=d.column,
            end_line=d.end_line,
            end_column=d.end_column,
            channel=channel,
            campaign=campaign,
            start=d.start,
            end=d.end,
        )


def _unused_message(parts: list[tuple[int, Directive]], used: set[tuple[int, str]]) -> str | None:
    """The message for one comment (split into indexed ``parts``), or None when every
    selector in it was used."""
    d = parts[0][1]
    comment = f"'brandlint-{d.action}'"
    if d.kind == UNKNOWN:
        close = difflib.get_close_matches(d.action, list(_ACTIONS), n=1)
        hint = (
            f"did you mean 'brandlint-{close[0]}'?"
            if close
            else ("use disable, enable, disable-next-line or disable-file")
        )
        return f"unknown suppression comment {comment}: it suppresses nothing — {hint}"
    if d.kind == STRAY_ENABLE:
        what = f"{comment} of {_names(d.rules)}" if d.rules else comment
        return f"{what} ends no open 'brandlint-disable' — remove it"
    names = tuple(r for i, p in parts for r in p.rules or ("",) if (i, r) not in used)
    if not names:
        return None
    if names == ("",):
        return f"unused suppression: {comment} of all rules suppressed nothing — remove it"
    return (f"unused suppression: {comment} of {_names(names)} suppressed nothing — "
            "remove it or the rule that no longer fires")  # fmt: skip


def _names(selectors: Iterable[str]) -> str:
    return ", ".join(f"'{s}'" for s in dict.fromkeys(selectors))
