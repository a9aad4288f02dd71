"""Suppression comments, draft-level disables and unused-suppression reporting."""

from __future__ import annotations

import pytest

from brandlint.findings import Finding, Severity
from brandlint.suppress import apply, parse_directives, rule_matches
from brandlint.text import LineIndex

PATH = "email.md"
DRAFT = "email.md"


def directives(text: str):
    return parse_directives(text, LineIndex(text))


def finding(rule: str, line: int, *, path: str = PATH, draft: str = DRAFT) -> Finding:
    return Finding(rule=rule, severity=Severity.WARNING, message=f"{rule} here", path=path,
                   draft=draft, line=line, column=1, end_line=line, end_column=5,
                   channel="email", campaign="spring")  # fmt: skip


def run(text: str, findings: list[Finding], disabled: tuple[str, ...] = ()):
    """``(kept rule@line, unused-suppression findings)`` for one Markdown draft."""
    result = apply(findings, {PATH: directives(text)}, {DRAFT: disabled}, {DRAFT: (PATH, 1, 1)})
    kept = [f"{f.rule}@{f.line}" for f in result if f.rule != "unused-suppression"]
    return kept, [f for f in result if f.rule == "unused-suppression"]


# --- the grammar ---------------------------------------------------------------------


def test_next_line_comment_with_reason():
    text = "Intro\n<!-- brandlint-disable-next-line tone-caps -- approved by legal -->\nBIG NEWS\n"
    (d,) = directives(text)
    assert (d.kind, d.rules, d.reason) == ("next-line", ("tone-caps",), "approved by legal")
    assert (d.line, d.column, d.end_line, d.end_column) == (2, 1, 2, 68)
    assert (d.first_line, d.last_line) == (3, 3)


def test_disable_lists_several_rules_and_enable_ends_the_range():
    text = (
        "a\n<!-- brandlint-disable tone-caps, banned-phrase -->\nb\nc\n<!-- brandlint-enable -->\nd"
    )
    (d,) = directives(text)
    assert (d.kind, d.rules, d.reason) == ("range", ("tone-caps", "banned-phrase"), None)
    assert (d.first_line, d.last_line) == (2, 5)


def test_disable_without_enable_runs_to_the_end_of_the_file():
    text = "a\n<!-- brandlint-disable -->\nb\nc"
    (d,) = directives(text)
    assert (d.rules, d.first_line, d.last_line) == ((), 2, 4)


def test_disable_file_covers_every_line_wherever_it_stands():
    text = "a\nb\n<!-- brandlint-disable-file competitor -- partner page -->\nc"
    (d,) = directives(text)
    assert (d.kind, d.rules, d.reason, d.first_line, d.last_line) == (
        "file", ("competitor",), "partner page", 1, 4)  # fmt: skip


def test_enable_of_one_rule_splits_a_disable_of_several():
    text = (
        "<!-- brandlint-disable tone-caps, tone-hype -->\na\n<!-- brandlint-enable tone-caps -->\nb"
    )
    caps, hype = directives(text)
    assert (caps.rules, caps.first_line, caps.last_line) == (("tone-caps",), 1, 3)
    assert (hype.rules, hype.first_line, hype.last_line) == (("tone-hype",), 1, 4)


def test_comment_spanning_lines_and_extra_spaces():
    text = "<!--\n  brandlint-disable-next-line   tone-caps\n  -- launch week\n-->\nLOUD"
    (d,) = directives(text)
    assert (d.rules, d.reason, d.line, d.end_line, d.first_line) == (
        ("tone-caps",), "launch week", 1, 4, 5)  # fmt: skip


def test_ordinary_comments_are_not_directives():
    assert directives("<!-- brandlint is great -->\n<!-- TODO: brandlint-disable later -->") == []


def test_crlf_text_reports_the_same_lines_and_columns():
    lf = "Intro\n  <!-- brandlint-disable-next-line tone-caps -- ok -->\nBIG NEWS\n"
    crlf = lf.replace("\n", "\r\n")
    (a,), (b,) = directives(lf), directives(crlf)
    assert (b.line, b.column, b.end_column, b.first_line, b.reason) == (
        a.line, a.column, a.end_column, a.first_line, a.reason) == (2, 3, 55, 3, "ok")  # fmt: skip


# --- applying suppressions -----------------------------------------------------------


def test_next_line_suppresses_only_the_next_line():
    text = "<!-- brandlint-disable-next-line tone-caps -->\nBIG\nBIG"
    kept, unused = run(text, [finding("tone-caps", 2), finding("tone-caps", 3)])
    assert kept == ["tone-caps@3"]
    assert unused == []


def test_range_suppresses_between_disable_and_enable():
    text = "BIG\n<!-- brandlint-disable tone-caps -->\nBIG\n<!-- brandlint-enable -->\nBIG"
    findings = [finding("tone-caps", n) for n in (1, 3, 5)]
    assert run(text, findings)[0] == ["tone-caps@1", "tone-caps@5"]


def test_file_suppression_and_other_rules_untouched():
    text = "BIG\n<!-- brandlint-disable-file tone-caps -->\nBIG"
    findings = [finding("tone-caps", 1), finding("tone-caps", 3), finding("banned-phrase", 3)]
    assert run(text, findings)[0] == ["banned-phrase@3"]


def test_no_rule_means_every_rule():
    text = "<!-- brandlint-disable-next-line -->\nBIG!!!"
    findings = [finding("tone-caps", 2), finding("tone-exclamation", 2), finding("zh-ad-law/x", 2)]
    assert run(text, findings) == ([], [])


@pytest.mark.parametrize(
    ("selector", "suppressed"),
    [
        ("tone-", ["tone-caps", "tone-hype"]),
        ("tone", ["tone-caps", "tone-hype"]),
        ("zh-ad-law/", ["zh-ad-law/superlative"]),
        ("zh-ad-law", ["zh-ad-law/superlative"]),
        ("zh-ad-law/superlative", ["zh-ad-law/superlative"]),
    ],
)
def test_prefixes_and_pack_rules(selector, suppressed):
    rules = ["tone-caps", "tone-hype", "zh-ad-law/superlative", "banned-phrase"]
    text = f"<!-- brandlint-disable-next-line {selector} -->\ncopy"
    kept, _ = run(text, [finding(r, 2) for r in rules])
    assert kept == [f"{r}@2" for r in rules if r not in suppressed]


def test_input_errors_are_never_suppressed():
    text = "<!-- brandlint-disable-file -->\n"
    kept, unused = run(text, [finding("input-error", 1)])
    assert kept == ["input-error@1"]
    assert len(unused) == 1


def test_findings_of_other_files_are_not_suppressed():
    text = "<!-- brandlint-disable-file -->"
    other = finding("tone-caps", 1, path="other.md", draft="other.md")
    kept, _ = run(text, [other])
    assert kept == ["tone-caps@1"]


# --- unused suppressions -------------------------------------------------------------


def test_unused_suppression_is_reported_at_the_comment():
    text = "Intro\n  <!-- brandlint-disable-next-line competitor -- partner -->\nA plain line."
    kept, (u,) = run(text, [])
    assert kept == []
    assert (u.rule, u.severity, u.path, u.draft) == ("unused-suppression", Severity.INFO, PATH,
                                                     DRAFT)  # fmt: skip
    assert (u.line, u.column, u.end_line, u.end_column) == (2, 3, 2, 61)  # end: exclusive
    assert "'competitor'" in u.message and "suppressed nothing" in u.message
    assert (u.channel, u.campaign) == (None, None)  # no finding tells the draft's channel
    assert text[u.start : u.end].startswith("<!-- brandlint-disable-next-line")


def test_only_the_rules_that_suppressed_nothing_are_named():
    text = "<!-- brandlint-disable tone-caps, competitor -->\nBIG"
    kept, (u,) = run(text, [finding("tone-caps", 2)])
    assert kept == []
    assert "'competitor'" in u.message and "tone-caps" not in u.message
    assert (u.channel, u.campaign) == ("email", "spring")  # from the draft's findings


def test_an_unused_all_rules_suppression_says_so():
    (u,) = run("<!-- brandlint-disable-next-line -->\nfine", [])[1]
    assert "all rules" in u.message


def test_used_suppressions_are_not_reported():
    text = "<!-- brandlint-disable-next-line tone -->\nBIG"
    assert run(text, [finding("tone-caps", 2)]) == ([], [])


def test_an_enable_that_ends_nothing_is_reported():
    (u,) = run("fine\n<!-- brandlint-enable tone-caps -->", [])[1]
    assert u.line == 2
    assert "ends no open 'brandlint-disable'" in u.message


def test_a_misspelt_comment_is_reported_with_a_hint():
    kept, (u,) = run("<!-- brandlint-disabel tone-caps -->\nBIG", [finding("tone-caps", 2)])
    assert kept == ["tone-caps@2"]
    assert "did you mean 'brandlint-disable'?" in u.message


def test_a_split_range_reports_the_unused_part_once():
    text = (
        "<!-- brandlint-disable tone-caps, tone-hype -->\nBIG\n"
        "<!-- brandlint-enable tone-caps -->\nplain"
    )
    kept, (u,) = run(text, [finding("tone-caps", 2)])
    assert kept == []
    assert u.line == 1 and "'tone-hype'" in u.message and "tone-caps" not in u.message


# --- draft-level disables (front matter, brandlint_disable column) -------------------


def test_draft_level_disable_suppresses_anywhere_in_the_draft():
    kept, unused = run("copy", [finding("tone-caps", 4), finding("competitor", 9)], ("tone",))
    assert kept == ["competitor@9"]
    assert unused == []


def test_unused_draft_level_disable_is_reported_at_the_draft_start():
    findings = [finding("tone-caps", 4)]
    result = apply(findings, {}, {"ads.csv#3": ("tone-caps", "competitor")},
                   {"ads.csv#3": ("ads.csv", 3, 1)})  # fmt: skip
    (u,) = [f for f in result if f.rule == "unused-suppression"]
    assert (u.path, u.draft, u.line, u.column) == ("ads.csv", "ads.csv#3", 3, 1)
    assert "'tone-caps', 'competitor'" in u.message


def test_comment_unused_is_attributed_to_the_draft_it_stands_in():
    text = "one\n<!-- brandlint-disable-next-line competitor -->\ntwo"
    anchors = {"f.md#1": ("f.md", 1, 1), "f.md#2": ("f.md", 2, 1), "g.md": ("g.md", 1, 1)}
    (u,) = apply([], {"f.md": directives(text)}, {}, anchors)
    assert u.draft == "f.md#2"


# --- rule_matches --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule_id", "selector", "expected"),
    [
        ("tone-caps", "tone-caps", True),
        ("tone-caps", "tone", True),
        ("tone-caps", "tone-", True),
        ("tone-caps", "tone-c", False),
        ("tone-caps", "tone-caps-x", False),
        ("tone-caps", "caps", False),
        ("tone-caps", "", False),
        ("zh-ad-law/superlative", "zh-ad-law", True),
        ("zh-ad-law/superlative", "zh-ad-law/", True),
        ("zh-ad-law/superlative", "zh-ad", True),
        ("zh-ad-law/superlative", "zh-ad-law/super", False),
        ("banned-phrase", "banned", True),
        ("banned-phrase", "ban", False),
        ("brand-name", "brand", True),
        ("brandname", "brand", False),
    ],
)
def test_rule_matches(rule_id, selector, expected):
    assert rule_matches(rule_id, selector) is expected


def test_rules_that_did_not_run_are_not_reported_unused():
    # tone-caps and banned-phrase were turned off in this run: their suppressions were
    # not checked, so they are not stale. competitor ran and fired nowhere.
    text = "<!-- brandlint-disable-next-line tone-caps, competitor -->\nBIG"
    result = apply([], {PATH: directives(text)}, {DRAFT: ("banned-phrase",)},
                   {DRAFT: (PATH, 1, 1)}, active_rules=["competitor", "placeholder"])  # fmt: skip
    assert [u.message for u in result] == [
        "unused suppression: 'brandlint-disable-next-line' of 'competitor' suppressed nothing"
        " — remove it or the rule that no longer fires"
    ]
