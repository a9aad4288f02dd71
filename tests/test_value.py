"""Value proposition: the pillars each draft supports, the channels x pillars coverage
matrix in the JSON and text reports, and the tagline rule's fixes."""

from __future__ import annotations

import json

import pytest

from brandlint.nlp.pipeline import Pipelines
from brandlint.report import Options, render
from brandlint.result import UNASSIGNED, DraftResult, RunResult
from brandlint.rules import value
from conftest import lint_text

FRAMEWORK = {
    "brand": {"name": "Acme Cloud"},
    "value_proposition": {
        "tagline": "Every channel, one voice.",
        "pillars": [
            {"id": "speed", "message": "Launch on-brand campaigns in minutes."},
            {"id": "control", "message": "Approvals and rules your whole team can see."},
        ],
    },
    "channels": {"email": {"require_tagline": True}, "sms": {}},
}


@pytest.fixture
def framework(make_framework):
    return make_framework(FRAMEWORK)


def test_drafts_list_the_pillars_they_support(framework):
    result = lint_text(framework, "We launched two campaigns; the team set the rules.")
    assert result.drafts[0].pillars == ("speed", "control")
    assert result.pillars == ("speed", "control")


def test_drafts_list_their_pillars_when_the_rule_runs(framework):
    result = lint_text(framework, "We launched two campaigns.", select=("pillar-coverage",))
    assert result.drafts[0].pillars == ("speed",)
    assert not result.findings
    assert result.pillars == ("speed", "control")


def test_a_run_without_pillar_rules_skips_pillar_scoring(framework):
    result = lint_text(framework, "We launched two campaigns.", select=("tagline",))
    assert result.drafts[0].pillars == ()
    assert result.pillars == ()
    assert result.coverage() == []


def test_the_rule_and_the_report_score_each_draft_once(framework, monkeypatch):
    calls = []
    score = value.PillarScorer._score

    def counting(self, ctx):
        calls.append(ctx.draft.id)
        return score(self, ctx)

    monkeypatch.setattr(value.PillarScorer, "_score", counting)
    result = lint_text(framework, "Spring sale today.", select=("pillar-coverage",))
    assert [f.rule for f in result.findings] == ["pillar-coverage"]
    assert calls == ["draft.md"]


def test_one_scorer_per_framework_and_pipelines(framework, make_framework):
    pipelines = Pipelines()
    scorer = value.pillar_scorer(framework, pipelines)
    assert value.pillar_scorer(framework, pipelines) is scorer
    assert value.pillar_scorer(framework, Pipelines()) is not scorer
    assert value.pillar_scorer(make_framework({"version": 1}), pipelines) is None


def test_pillar_coverage_names_the_closest_pillar(framework):
    result = lint_text(framework, "Meet the team behind the spring sale.")
    (finding,) = [f for f in result.findings if f.rule == "pillar-coverage"]
    assert finding.severity.value == "warning"
    assert "(speed, control)" in finding.message
    assert "Closest: control (only 'team')" in finding.message
    assert finding.suggestions[0] == "Launch on-brand campaigns in minutes."


def _draft(i: int, channel: str | None, pillars: tuple[str, ...]) -> DraftResult:
    return DraftResult(f"d{i}.md", f"d{i}.md", channel, None, "en", "pass", pillars)


def coverage_result() -> RunResult:
    drafts = (
        _draft(1, "sms", ("speed",)),
        _draft(2, "email", ("speed", "control")),
        _draft(3, "email", ()),
        _draft(4, None, ("speed",)),
        _draft(5, "sms", ("speed",)),
    )
    return RunResult((), drafts, 5, version="1.0.0", pillars=("speed", "control", "trust"))


def test_coverage_counts_drafts_per_channel_and_pillar():
    rows = coverage_result().coverage()
    assert [(r.channel, r.drafts, r.pillars, r.none) for r in rows] == [
        ("email", 2, {"speed": 1, "control": 1, "trust": 0}, 1),
        ("sms", 2, {"speed": 2, "control": 0, "trust": 0}, 0),
        (UNASSIGNED, 1, {"speed": 1, "control": 0, "trust": 0}, 0),
    ]


def test_no_pillars_no_coverage():
    result = RunResult((), (_draft(1, "sms", ()),), 1, version="1.0.0")
    assert result.coverage() == []
    assert "coverage" not in json.loads(render(result, "json"))
    assert "Pillar coverage" not in render(result, "text", Options(width=100))


def test_json_coverage_section():
    data = json.loads(render(coverage_result(), "json"))
    assert list(data)[7] == "coverage"
    assert data["coverage"]["pillars"] == ["speed", "control", "trust"]
    assert data["coverage"]["channels"][0] == {
        "channel": "email",
        "drafts": 2,
        "pillars": {"speed": 1, "control": 1, "trust": 0},
        "none": 1,
    }
    assert data["coverage"]["channels"][-1]["channel"] == UNASSIGNED


def test_text_coverage_table_follows_the_channel_table():
    text = render(coverage_result(), "text", Options(width=100))
    table = text[text.index("Pillar coverage") :].splitlines()
    assert text.index("Channels") < text.index("Pillar coverage")
    assert table[1].replace("┃", " ").split() == [
        "channel", "drafts", "speed", "control", "trust", "none"
    ]  # fmt: skip
    sms = next(line for line in table if line.startswith("sms"))
    assert sms.replace("│", " ").split() == ["sms", "2", "2", "0", "0", "0"]


def _tagline_findings(framework, text, channel=None):
    result = lint_text(framework, text, channel=channel, select=("tagline",))
    return [f for f in result.findings if f.rule == "tagline"]


def test_case_or_punctuation_on_a_whole_line_is_a_safe_fix(framework):
    (f,) = _tagline_findings(framework, "Spring is here.\n\nevery channel one voice!\n")
    assert f.fix is not None and f.fix.applicability == "safe"
    assert f.fix.edits[0].replacement == "Every channel, one voice."
    assert f.suggestions == ("Every channel, one voice.",)


def test_a_headline_keeps_no_final_full_stop(framework):
    (f,) = _tagline_findings(framework, "every channel one voice\n")
    assert f.fix.edits[0].replacement == "Every channel, one voice"
    assert f.fix.applicability == "safe"


def test_a_changed_word_or_a_passage_in_a_sentence_is_an_unsafe_fix(framework):
    (changed,) = _tagline_findings(framework, "Every channel, one tone.")
    (inside,) = _tagline_findings(framework, "We say: every channel, one voice, daily.")
    assert changed.fix.applicability == "unsafe"
    assert inside.fix.applicability == "unsafe"
    assert "wording differs" in changed.message and "case or punctuation" in inside.message


def test_missing_tagline_names_the_channel(framework):
    (f,) = _tagline_findings(framework, "Spring sale.", channel="email")
    assert f.severity.value == "error" and f.match is None
    assert "channel email requires it" in f.message
    assert _tagline_findings(framework, "Spring sale.", channel="sms") == []


def test_tagline_in_any_field_satisfies_the_channel(framework):
    text = "---\nchannel: email\nsubject: Every channel, one voice.\n---\nSpring sale.\n"
    assert _tagline_findings(framework, text) == []
