"""Campaign consistency: ``campaign-conflict`` and ``campaign-core-message`` on small
multi-draft campaigns written to disk, in English and Chinese, with and without a
campaign brief; campaigns from front matter, a CSV column and ``campaigns_by_path``;
the ``campaigns`` report section and the text report's fact tables."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml

from brandlint.api import lint
from brandlint.errors import BrandlintError
from brandlint.framework.load import load_framework
from brandlint.report import Options, render

FRAMEWORK = {
    "version": 1,
    "brand": {"name": "Acme Cloud", "products": ["Acme Pulse", "Acme Flow"]},
    "value_proposition": {
        "pillars": [
            {"id": "speed", "message": "Launch in minutes.", "keywords": ["minutes", "分钟"]},
            {"id": "control", "message": "Approvals you can see.", "keywords": ["approval"]},
        ]
    },
    "channels": {
        "email": {},
        "sms": {},
        "x": {},
        "google_ads": {},
        "weibo": {"locale": "zh"},
    },
}
RULES = ("campaign-conflict", "campaign-core-message")


def run(
    tmp_path: Path,
    monkeypatch,
    drafts: dict[str, str],
    *,
    briefs=None,
    config=None,
    select=("campaign-conflict",),
):
    """Write ``drafts`` (path -> text, channel from the first directory), the framework
    (with ``briefs`` as its ``campaigns:``) and a config; lint them with ``select``."""
    monkeypatch.chdir(tmp_path)
    for name, text in drafts.items():
        path = tmp_path / "drafts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    framework = dict(FRAMEWORK, campaigns=briefs) if briefs else FRAMEWORK
    (tmp_path / "messaging_framework.yaml").write_text(
        yaml.safe_dump(framework, allow_unicode=True), encoding="utf-8"
    )
    (tmp_path / "brandlint.yaml").write_text(
        yaml.safe_dump({"framework": "messaging_framework.yaml", **(config or {})}),
        encoding="utf-8",
    )
    return lint(["drafts"], config=tmp_path / "brandlint.yaml", select=select)


def conflicts(result) -> list[tuple[str, str]]:
    """``(draft, matched text)`` of every campaign-conflict finding."""
    return [(f.draft, f.match) for f in result.findings if f.rule == "campaign-conflict"]


def md(campaign: str, body: str) -> str:
    return f"---\ncampaign: {campaign}\n---\n{body}\n"


# -- with a brief ---------------------------------------------------------------------

BRIEF = {
    "spring": {
        "discount": "20%",
        "end": "2026-05-05",
        "code": "SPRING20",
        "landing_url": "https://acme.example/spring",
        "price": {"Acme Pulse": "$49/month"},
    }
}


def test_a_fact_that_contradicts_the_brief_is_an_error_on_that_draft(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {
            "email/launch.md": md("spring", "Spring plans are 20% off until May 5."),
            "sms/flash.txt": "Acme: spring plans are 25% off until May 5. Reply STOP to opt out.",
            "weibo/launch.md": md("spring", "春季全场七五折，5月5日前有效。"),
        },
        briefs=BRIEF,
        config={"campaigns_by_path": {"drafts/sms/**": "spring"}},
    )
    found = [f for f in result.findings if f.rule == "campaign-conflict"]
    assert [(f.draft, f.match) for f in found] == [
        ("drafts/sms/flash.txt", "25% off"),
        ("drafts/weibo/launch.md", "七五折"),
    ]
    sms, weibo = found
    assert sms.severity.value == "error"
    assert "contradicts the brief of campaign 'spring'" in sms.message
    assert "the discount is 20% off" in sms.message
    assert sms.suggestions == ("20% off",)  # the brief's value in the draft's notation
    assert weibo.suggestions == ("八折",)
    assert sms.fix is not None and sms.fix.edits[0].replacement == "20% off"


def test_every_brief_fact_is_checked_in_both_languages(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {
            "email/a.md": md(
                "spring",
                "Acme Pulse is $59/month, 20% off until May 7 with code SPRING25 at "
                "https://acme.example/summer.",
            ),
            "weibo/a.md": md("spring", "Acme Pulse 八折，五月七日截止，优惠码 SPRING25。"),
        },
        briefs=BRIEF,
    )
    assert conflicts(result) == [
        ("drafts/email/a.md", "$59/month"),
        ("drafts/email/a.md", "May 7"),
        ("drafts/email/a.md", "SPRING25"),
        ("drafts/email/a.md", "https://acme.example/summer"),
        ("drafts/weibo/a.md", "五月七日"),
        ("drafts/weibo/a.md", "SPRING25"),
    ]
    by_match = {f.match: f for f in result.findings}
    assert by_match["五月七日"].suggestions == ("五月五日",)
    assert by_match["May 7"].suggestions == ("May 5",)


def test_the_brief_agrees_with_every_notation(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {
            "email/a.md": md(
                "spring",
                "Acme Pulse: US$49.00 a month, 20 percent off until 2026-05-05 with code "
                "spring20. https://www.acme.example/spring/?utm_source=email",
            ),
            "x/a.md": md("spring", "Save 20% on Acme Pulse ($49/mo) until 5/5. Code SPRING20"),
            "weibo/a.md": md("spring", "全场八折，2026年5月5日前有效，优惠码 SPRING20。"),
        },
        briefs=BRIEF,
    )
    assert conflicts(result) == []


def test_a_draft_that_states_the_briefs_value_and_another_agrees(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {
            "email/a.md": md(
                "spring", "Early birds: 30% off until May 1. Everyone: 20% off until May 5."
            ),
            "x/a.md": md("spring", "Acme Pulse is $49/month or $490/year."),
            "sms/a.md": md("spring", "30% off until May 1, 25% off until May 3."),
        },
        briefs=BRIEF,
    )
    # the SMS states neither the brief's discount nor its end date: flagged once each
    assert conflicts(result) == [("drafts/sms/a.md", "30% off"), ("drafts/sms/a.md", "May 1")]
    assert all(f.fix.applicability == "unsafe" for f in result.findings)  # two values each


def test_only_unambiguous_fixes_are_safe(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {
            "email/a.md": md(
                "spring",
                "Acme Pulse is $59/month, 25% off until May 7 with code SPRING25 at "
                "https://acme.example/summer.",
            ),
        },
        briefs=BRIEF,
    )
    fixes = {f.match: (f.fix.applicability, f.fix.edits[0].replacement) for f in result.findings}
    assert fixes == {
        "$59/month": ("unsafe", "$49/month"),  # which product a price belongs to is a guess
        "25% off": ("safe", "20% off"),
        "May 7": ("safe", "May 5"),
        "SPRING25": ("safe", "SPRING20"),
        "https://acme.example/summer": ("unsafe", "https://acme.example/spring"),
    }


def test_a_weekday_deadline_is_checked_against_the_campaign_date(tmp_path, monkeypatch):
    brief = {"spring": {"end": "2026-05-05"}}  # a Tuesday
    drafts = {
        "sms/a.md": md("spring", "Spring sale ends Sunday."),
        "x/a.md": md("spring", "Spring sale ends Tuesday."),
        "weibo/a.md": md("spring", "春季特惠周日截止。"),
    }
    result = run(tmp_path, monkeypatch, drafts, briefs=brief)
    assert conflicts(result) == [("drafts/sms/a.md", "Sunday"), ("drafts/weibo/a.md", "周日")]
    assert {f.suggestions for f in result.findings} == {("Tuesday",), ("周二",)}


# -- without a brief -----------------------------------------------------------------


def test_the_outlier_names_the_other_drafts_and_gets_the_majority_value(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {
            "email/a.md": md("spring", "Spring plans are 20% off until May 5."),
            "x/a.md": md("spring", "20 percent off every plan until 5/5!"),
            "weibo/a.md": md("spring", "春季全场八折，5月5日前有效。"),
            "sms/a.md": md("spring", "Spring plans are 25% off until May 5."),
        },
    )
    (finding,) = result.findings
    assert (finding.draft, finding.match) == ("drafts/sms/a.md", "25% off")
    assert finding.message == (
        "'25% off' disagrees with the other drafts of campaign 'spring' on the discount: "
        "'20% off' in drafts/email/a.md, drafts/weibo/a.md, drafts/x/a.md."
    ) or {"drafts/email/a.md", "drafts/weibo/a.md", "drafts/x/a.md"} <= set(
        finding.message.replace(",", " ").replace(".md", ".md ").split()
    )
    for draft in ("drafts/email/a.md", "drafts/x/a.md", "drafts/weibo/a.md"):
        assert draft in finding.message
    assert finding.suggestions == ("20% off",)


def test_a_chinese_outlier(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {
            "weibo/a.md": md("spring", "全场八折，优惠码 SPRING20。"),
            "weibo/b.md": md("spring", "全场8折，优惠码 SPRING20。"),
            "email/a.md": md("spring", "20% off with code SPRING20."),
            "sms/a.md": md("spring", "全场七五折，优惠码 SPRING10。"),
        },
    )
    assert conflicts(result) == [("drafts/sms/a.md", "七五折"), ("drafts/sms/a.md", "SPRING10")]
    assert [f.suggestions for f in result.findings] == [("八折",), ("SPRING20",)]


def test_a_tie_flags_every_side_without_a_suggestion(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {
            "email/a.md": md("spring", "Use code SPRING20."),
            "sms/a.md": md("spring", "Use code SPRING25."),
        },
    )
    assert conflicts(result) == [("drafts/email/a.md", "SPRING20"), ("drafts/sms/a.md", "SPRING25")]
    assert all("no value has a majority" in f.message for f in result.findings)
    assert all(f.suggestions == () for f in result.findings)


def test_notation_equivalence_never_conflicts(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {
            "email/a.md": md(
                "spring",
                "Acme Pulse is $49/month: 20% off until May 5. Call +1 (800) 555-0199 or "
                "visit https://acme.example/spring/?utm_source=email.",
            ),
            "x/a.md": md(
                "spring",
                "20 percent off Acme Pulse (US$49.00 a month) through 2026-05-05. "
                "http://www.acme.example/spring",
            ),
            "sms/a.md": md("spring", "Acme Pulse: 20% off till 5/5. Call 1-800-555-0199."),
            "weibo/a.md": md(
                "spring",
                "Acme Pulse 全场八折，五月五日截止。"
                "详情 https://acme.example/spring 或致电 800.555.0199",
            ),
            "weibo/b.md": md("spring", "Acme Pulse 8折优惠，2026年5月5日前有效。"),
        },
    )
    assert conflicts(result) == []


def test_facts_of_different_kinds_are_never_compared(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {
            "email/a.md": md("spring", "20% off, starting May 1."),
            "sms/a.md": md("spring", "$20 off, ends May 5."),
            "weibo/a.md": md("spring", "立减20元，满300减50。"),
            "x/a.md": md("spring", "Acme Flow is $20/month."),
        },
    )
    assert conflicts(result) == []


def test_two_products_with_two_prices_in_one_draft_are_not_a_conflict(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {
            "email/a.md": md("spring", "Acme Pulse is $49/month and Acme Flow is $99/month."),
            "sms/a.md": md("spring", "Acme Flow: just $99 a month."),
            "x/a.md": md("spring", "$49/month for Acme Pulse, $99/month for Acme Flow."),
            "weibo/a.md": md("spring", "Acme Pulse 每月49元，Acme Flow 每月99元。"),
        },
    )
    assert conflicts(result) == []


def test_a_draft_that_states_several_values_accepts_them_all(tmp_path, monkeypatch):
    """Plans without product names, or two discounts: the campaign has several."""
    result = run(
        tmp_path,
        monkeypatch,
        {
            "email/a.md": md("spring", "Starter is $19/month, Pro is $49/month."),
            "sms/a.md": md("spring", "Pro plans: $49/month."),
            "x/a.md": md("spring", "Start at $19/month."),
            "google_ads/a.md": md("spring", "Plans for $29/month."),
        },
    )
    assert conflicts(result) == [("drafts/google_ads/a.md", "$29/month")]


def test_links_to_other_pages_are_not_a_conflict(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {
            "email/a.md": md(
                "spring",
                "Read more at https://acme.example/spring. Our blog: https://acme.example/blog",
            ),
            "sms/a.md": md("spring", "Go to https://acme.example/spring?utm_source=sms"),
            "x/a.md": md(
                "spring",
                "New on the blog https://acme.example/blog and https://acme.example/spring",
            ),
            "weibo/a.md": md("spring", "详情：https://acme.example/summer"),
        },
        briefs={"spring": {"landing_url": "https://acme.example/spring"}},
    )
    assert conflicts(result) == [("drafts/weibo/a.md", "https://acme.example/summer")]


def test_drafts_of_different_campaigns_are_not_compared(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {
            "email/a.md": md("spring", "20% off until May 5."),
            "email/b.md": md("summer", "30% off until July 5."),
            "sms/a.md": "40% off until May 9.",  # no campaign
        },
    )
    assert conflicts(result) == []


# -- where a draft's campaign comes from ----------------------------------------------


def test_campaigns_from_front_matter_a_csv_column_and_config_globs(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {
            "email/a.md": md("spring", "20% off with code SPRING20."),
            "google_ads/ads.csv": (
                "campaign,Headline 1,Description 1\n"
                "spring,20% off every plan,Use code SPRING20 today.\n"
                "spring,25% off every plan,Use code SPRING20 today.\n"
                "summer,30% off every plan,Use code SUMMER30 today.\n"
            ),
            "sms/spring/a.txt": "Spring: 20% off with code SPRING20. Reply STOP to opt out.",
            "sms/other/b.txt": "40% off with code OTHER40. Reply STOP to opt out.",
        },
        config={"campaigns_by_path": {"drafts/sms/spring/**": "spring"}},
    )
    campaigns = {d.id: d.campaign for d in result.drafts}
    assert campaigns == {
        "drafts/email/a.md": "spring",
        "drafts/google_ads/ads.csv#1": "spring",
        "drafts/google_ads/ads.csv#2": "spring",
        "drafts/google_ads/ads.csv#3": "summer",
        "drafts/sms/spring/a.txt": "spring",
        "drafts/sms/other/b.txt": None,
    }
    assert conflicts(result) == [("drafts/google_ads/ads.csv#2", "25% off")]
    (finding,) = result.findings
    assert (finding.channel, finding.campaign, finding.field) == (
        "google_ads",
        "spring",
        "headline_1",
    )
    assert (finding.line, finding.column) == (3, 8)


def test_a_draft_names_its_own_campaign_over_config_globs(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {"email/a.md": md("summer", "30% off."), "email/b.md": "20% off."},
        config={"campaigns_by_path": {"drafts/email/**": "spring"}},
    )
    assert {d.id: d.campaign for d in result.drafts} == {
        "drafts/email/a.md": "summer",
        "drafts/email/b.md": "spring",
    }


# -- campaign-core-message ------------------------------------------------------------


def core(result) -> list[tuple[str, str]]:
    return [(f.channel, f.draft) for f in result.findings if f.rule == "campaign-core-message"]


def test_core_message_fires_for_a_channel_without_message_or_pillar(tmp_path, monkeypatch):
    brief = {"spring": {"key_message": "Launch your spring campaign", "pillars": ["speed"]}}
    result = run(
        tmp_path,
        monkeypatch,
        {
            "email/a.md": md("spring", "Launch your spring campaigns today."),  # by lemma
            "x/a.md": md("spring", "Go live in minutes."),  # the pillar
            "weibo/a.md": md("spring", "只需5分钟即可上线。"),  # the pillar, in Chinese
            "sms/a.md": md("spring", "20% off this week."),
            "sms/b.md": md("spring", "Approval flows for teams."),  # another pillar
        },
        briefs=brief,
        select=RULES,
    )
    assert core(result) == [("sms", "drafts/sms/a.md")]
    (finding,) = result.findings
    assert finding.severity.value == "warning"
    assert finding.message == (
        "Channel sms carries neither the key message of campaign 'spring' nor any of its "
        "pillars (speed) in its 2 drafts."
    )
    assert finding.suggestions == ("Launch your spring campaign", "Launch in minutes.")


def test_core_message_is_quiet_when_every_channel_carries_it(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {
            "email/a.md": md("spring", "Launch in minutes."),
            "sms/a.md": md("spring", "20% off this week."),
            "sms/b.md": md("spring", "Approvals your team can see."),  # one draft suffices
            "weibo/a.md": md("spring", "只需5分钟即可上线。"),
        },
        select=RULES,
    )
    assert core(result) == []


def test_core_message_without_a_brief_uses_any_pillar(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {"email/a.md": md("spring", "Launch in minutes."), "x/a.md": md("spring", "Hello.")},
        select=RULES,
    )
    assert core(result) == [("x", "drafts/x/a.md")]
    assert "carries none of the pillars of campaign 'spring' (speed, control)" in (
        result.findings[0].message
    )


# -- reports --------------------------------------------------------------------------

REPORTED = {
    "email/a.md": md("spring", "Acme Pulse is $49/month, 20% off until May 5."),
    "x/a.md": md("spring", "Acme Pulse ($49/mo): 20 percent off until 5/5."),
    "sms/a.md": md("spring", "Acme Pulse at $49/month: 25% off until May 5."),
    "weibo/a.md": md("spring", "Acme Pulse 全场八折，5月5日前有效。"),
}


def test_the_json_campaigns_section(tmp_path, monkeypatch):
    result = run(tmp_path, monkeypatch, REPORTED)
    data = json.loads(render(result, "json", Options()))
    (campaign,) = data["campaigns"]
    assert campaign["campaign"] == "spring"
    assert campaign["brief"] is None
    assert campaign["drafts"] == 4
    assert [c["channel"] for c in campaign["channels"]] == ["email", "sms", "weibo", "x"]
    assert campaign["conflicts"] == 1
    facts = {f["fact"]: f for f in campaign["facts"]}
    assert set(facts) == {"discount", "Acme Pulse price (USD)", "end date"}
    discount = facts["discount"]
    assert (discount["kind"], discount["expected"], discount["basis"], discount["conflict"]) == (
        "discount",
        ["20% off"],
        "majority",
        True,
    )
    values = {(v["channel"], v["text"], v["value"], v["conflict"]) for v in discount["values"]}
    assert values == {
        ("email", "20% off", "20% off", False),
        ("sms", "25% off", "25% off", True),
        ("weibo", "八折", "20% off", False),
        ("x", "20 percent off", "20% off", False),
    }
    sms = next(v for v in discount["values"] if v["channel"] == "sms")
    assert (sms["draft"], sms["line"], sms["column"]) == ("drafts/sms/a.md", 4, 26)
    assert facts["Acme Pulse price (USD)"]["product"] == "Acme Pulse"
    assert facts["end date"]["basis"] == "agreed"


def test_the_text_report_has_a_fact_table_per_campaign(tmp_path, monkeypatch):
    result = run(tmp_path, monkeypatch, REPORTED)
    text = render(result, "text", Options(width=120))
    table = text[text.index("Campaign spring") :]
    lines = table.splitlines()
    header = next(line for line in lines if "fact" in line and "email" in line)
    assert [c for c in ("email", "sms", "weibo", "x") if c in header] == [
        "email",
        "sms",
        "weibo",
        "x",
    ]
    discount = next(line for line in lines if line.startswith("discount"))
    assert "25% off ✗" in discount and "八折" in discount and "20 percent off" in discount
    assert "1 conflict" in table


def test_the_html_report_reads_the_section(tmp_path, monkeypatch):
    result = run(tmp_path, monkeypatch, REPORTED)
    html = render(result, "html", Options())
    assert 'id="campaigns"' in html and "25% off" in html


# -- briefs in files ------------------------------------------------------------------


def test_a_brief_in_its_own_file(tmp_path, monkeypatch):
    (tmp_path / "campaigns").mkdir()
    (tmp_path / "campaigns" / "spring.yaml").write_text("discount: 八折\n", encoding="utf-8")
    result = run(tmp_path, monkeypatch, {"email/a.md": md("spring", "25% off.")})
    assert conflicts(result) == [("drafts/email/a.md", "25% off")]
    assert "(campaigns/spring.yaml)" in result.findings[0].message


def test_a_brief_value_that_does_not_read_is_an_error_with_its_position(tmp_path):
    (tmp_path / "campaigns").mkdir()
    (tmp_path / "campaigns" / "spring.yaml").write_text(
        "code: SPRING20\ndiscount: 20 bucks\n", encoding="utf-8"
    )
    path = tmp_path / "messaging_framework.yaml"
    path.write_text(yaml.safe_dump(FRAMEWORK), encoding="utf-8")
    with pytest.raises(BrandlintError) as error:
        load_framework(path, "messaging_framework.yaml")
    text = str(error.value)
    assert "campaigns/spring.yaml:2:11" in text and "'20 bucks' is not a discount" in text


def test_a_reviewed_conflict_can_be_suppressed(tmp_path, monkeypatch):
    result = run(
        tmp_path,
        monkeypatch,
        {
            "email/a.md": md("spring", "20% off until May 5."),
            "x/a.md": md("spring", "20% off until May 5."),
            "sms/a.md": md(
                "spring",
                "<!-- brandlint-disable-next-line campaign-conflict -- VIP list -->\n"
                "25% off until May 5.",
            ),
        },
    )
    assert conflicts(result) == []
