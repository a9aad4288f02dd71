"""The English rule packs through `brandlint.lint`: each pack enabled in a framework, on
drafts as users write them (Markdown with front matter, CSV rows), with the near misses
a copywriter would write, the evasions the packs see through, and what their messages
and fixes say."""

from __future__ import annotations

import fnmatch
import json
import re
from pathlib import Path

import pytest

from brandlint.api import lint
from brandlint.framework.load import load_framework, shipped_packs
from brandlint.packs import load_pack

REPO = Path(__file__).resolve().parent.parent
EMPTY_CONFIG = Path(__file__).parent / "data" / "empty-config.yaml"
ENGLISH_PACKS = (
    "en-claims",
    "email-compliance",
    "social-disclosure",
    "sms-compliance",
    "spam-triggers",
    "inclusive",
)
FOOTER = (
    "\n\nAcme Inc., 123 Main Street, Springfield, IL 62701. [Unsubscribe](https://acme.com/u)\n"
)


@pytest.fixture
def run(tmp_path):
    """``run(pack, texts, **framework)``: the findings of ``pack`` in ``texts`` (name ->
    text) as ``[(rule, match, message)]``, with a framework that enables the pack."""

    def go(pack: str, texts: dict[str, str], **framework):
        path = tmp_path / "messaging_framework.yaml"
        data = {"version": 1, "rule_packs": [pack], **framework}
        path.write_text(json.dumps(data), encoding="utf-8")
        result = lint(
            texts=texts, framework=load_framework(path), config=EMPTY_CONFIG, select=[pack]
        )
        return [(f.rule, f.match, f.message) for f in result.findings]

    return go


def rules_of(findings) -> list[str]:
    return sorted(rule.split("/", 1)[1] for rule, _, _ in findings)


# -- en-claims -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule", "match"),
    [
        ("The #1 CRM for small teams.", "number-one", "#1"),
        ("Our best-selling serum is back.", "superlative", "Our best-selling"),
        ("Industry-leading uptime.", "leading", "Industry-leading"),
        ("Every plan has a money-back guarantee.", "guarantee", "money-back guarantee"),
        ("Clinically proven to reduce wrinkles.", "clinically-proven", "Clinically proven"),
        ("Try it risk-free.", "risk-free", "risk-free"),
        ("Free shipping this weekend.", "free-offer", "Free"),
        ("Ｇｕａｒａｎｔｅｅｄ results.", "guarantee", "Ｇｕａｒａｎｔｅｅｄ"),
        ("Risk\u200b-free trial.", "risk-free", "Risk\u200b-free"),
    ],
    ids=[
        "number-one",
        "superlative",
        "leading",
        "guarantee",
        "clinical",
        "risk-free",
        "free",
        "full-width",
        "zero-width",
    ],
)
def test_claims_fire_once_on_the_claim(run, text, rule, match):
    findings = run("en-claims", {"ad.md": text})
    assert [(r, m) for r, m, _ in findings] == [(f"en-claims/{rule}", match)]


@pytest.mark.parametrize(
    "text",
    [
        "Free shipping on orders over $50.",
        "Best regards,\nThe Acme team",
        "1. Sign up\n\n#1. Create your account.",
        "Open non-stop until 10 pm.",
        "Feel free to reply. Are you free on Friday? Our sugar-free bars are toll-free to order.",
        "We always do our best. Read our security best practices.",
        "Stock cannot be guaranteed. Try our 30-day money-back guarantee.",
        "There is no risk of losing your data; this is a low-risk change.",
        "Join our clinical trial; our team has a proven track record.",
        "In the weeks leading up to launch, small habits leading to savings.",
    ],
    ids=[
        "condition-stated",
        "best-regards",
        "list-numbering",
        "non-stop",
        "ordinary-free",
        "do-our-best",
        "negated-and-extent-stated",
        "no-risk-of",
        "clinical-trial",
        "leading-as-verb",
    ],
)
def test_claims_stay_silent_on_near_misses(run, text):
    assert run("en-claims", {"ad.md": text}) == []


def test_free_offer_message_cites_the_ftc_guide(run):
    ((_, _, message),) = run("en-claims", {"ad.md": "Get a free tote bag today."})
    assert '"free" offer' in message and "16 CFR 251.1" in message


# -- email-compliance ------------------------------------------------------------------


def email(body: str, subject: str = "Spring sale") -> str:
    return f"---\nchannel: email\nsubject: {json.dumps(subject)}\n---\n{body}"


def test_a_compliant_email_passes(run):
    text = email("Our spring sale starts Monday: 20% off everything." + FOOTER, "20% off")
    assert run("email-compliance", {"spring.md": text}) == []


def test_an_email_without_footer_needs_unsubscribe_and_address(run):
    findings = run("email-compliance", {"spring.md": email("Our spring sale starts Monday.")})
    assert rules_of(findings) == ["postal-address", "unsubscribe"]
    assert all("CAN-SPAM" in message for _, _, message in findings)


def test_email_rules_follow_the_channel_profile(run):
    """A framework channel named otherwise but using the email profile is an email."""
    text = "---\nchannel: newsletter\n---\nOur spring sale starts Monday."
    channels = {"newsletter": {"profile": "email"}, "blog": {"profile": "web"}}
    findings = run("email-compliance", {"n.md": text}, channels=channels)
    assert rules_of(findings) == ["postal-address", "unsubscribe"]
    blog = "---\nchannel: blog\n---\nOur spring sale starts Monday."
    assert run("email-compliance", {"b.md": blog}, channels=channels) == []


@pytest.mark.parametrize(
    ("subject", "body", "promised"),
    [
        ("A free gift inside", "Our new range is here.", ["free", "gift"]),
        ("Your order #1042", "Our autumn collection is here.", ["order"]),
        ("25% off today", "Our autumn collection is here.", ["25%"]),
        ("RE: your question", "Our autumn collection is here.", []),
        ("Free shipping ends tonight", "Shipping is free until midnight.", []),
        ("25% off today", "Take 25% off every jacket.", []),
    ],
    ids=["free-gift", "fake-order", "discount", "fake-reply", "borne-out", "discount-kept"],
)
def test_subject_promises_are_checked_against_the_body(run, subject, body, promised):
    findings = run("email-compliance", {"e.md": email(body + FOOTER, subject)})
    messages = [m for r, _, m in findings if r == "email-compliance/subject-promise"]
    assert [re.search(r'promises "([^"]+)"', m).group(1).lower() for m in messages] == promised
    fake = [r for r, _, _ in findings if r == "email-compliance/fake-reply"]
    assert len(fake) == (1 if subject.startswith("RE:") else 0)


# -- social-disclosure -----------------------------------------------------------------


def test_sponsored_rows_of_a_csv_need_a_clear_disclosure(run):
    csv = (
        "id,channel,sponsored,caption\n"
        "1,instagram,yes,#ad My new favourite running shoes from @acme\n"
        "2,instagram,yes,Thanks @acme for my new running shoes!\n"
        "3,instagram,no,Thanks @acme for my new running shoes!\n"
        "4,instagram,yes,New gear for the season #sp #running\n"
    )
    findings = run("social-disclosure", {"posts.csv": csv})
    assert [(r.split("/")[1], m) for r, m, _ in findings] == [
        ("disclosure-missing", None),
        ("weak-disclosure", "#sp"),
    ]
    assert "thanks [brand]" in findings[0][2]


def test_a_disclosure_after_the_cut_is_too_late(run):
    text = "---\nsponsored: true\n---\n" + "Loving these shoes. " * 8 + "#ad"
    ((rule, _, message),) = run("social-disclosure", {"post.md": text})
    assert rule == "social-disclosure/disclosure-missing"
    assert "too late" in message and "125" in message


def test_chinese_sponsored_posts_need_the_guanggao_label(run):
    post = "---\nsponsored: true\nlocale: zh\n---\n这款面霜我用了一个月，分享一下感受。"
    labelled = "---\nsponsored: true\nlocale: zh\n---\n【广告】这款面霜我用了一个月。"
    findings = run("social-disclosure", {"a.md": post, "b.md": labelled})
    assert [r for r, _, _ in findings] == ["social-disclosure/label-missing-zh"]


# -- sms-compliance --------------------------------------------------------------------


def sms(text: str) -> str:
    return f"---\nchannel: sms\n---\n{text}"


def test_sms_needs_opt_out_and_sender(run):
    texts = {
        "ok.md": sms("Acme: 20% off all shoes this weekend. Reply STOP to opt out."),
        "nostop.md": sms("Acme: non-stop deals all weekend!"),
        "nosender.md": sms("20% off all shoes this weekend. Reply STOP to opt out."),
    }
    findings = run("sms-compliance", texts, brand={"name": "Acme"})
    assert rules_of(findings) == ["opt-out", "sender-id"]
    sender = next(m for r, _, m in findings if r.endswith("sender-id"))
    assert '"Acme: …"' in sender


def test_chinese_sms_needs_tuiding(run):
    texts = {
        "a.md": sms("【Acme】全场八折，仅限本周末。回T退订"),
        "b.md": sms("【Acme】全场八折，仅限本周末！"),
    }
    findings = run("sms-compliance", texts, brand={"name": "Acme"}, locale="zh")
    assert rules_of(findings) == ["opt-out-zh"]


# -- spam-triggers ---------------------------------------------------------------------


def test_spam_score_sums_weights_across_fields(run):
    text = "---\nchannel: email\nsubject: Last chance\n---\nClick here to claim your discount."
    ((rule, _, message),) = run("spam-triggers", {"e.md": text})
    assert rule == "spam-triggers/spam-score"
    assert message.startswith("Spam-trigger score 13 reaches 8: Last chance, Click here, discount")


def test_one_strong_phrase_is_under_the_threshold(run):
    text = "---\nchannel: email\n---\nOur award-winning team is here. Click here to book."
    assert run("spam-triggers", {"e.md": text}) == []


def test_the_spam_list_ships_with_its_mit_notice():
    notice = REPO / "rules" / "spam-triggers.LICENSE.txt"
    text = notice.read_text(encoding="utf-8")
    assert "Copyright (c) 2024 Mathis Koblin" in text and "MIT License" in text
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    globs = re.search(r'"brandlint\.rulepacks" = \[([^\]]*)\]', pyproject).group(1)
    assert any(fnmatch.fnmatch(notice.name, g.strip(' "')) for g in globs.split(","))
    pack_text = (REPO / "rules" / "spam-triggers.yaml").read_text(encoding="utf-8")
    assert "spam-triggers.LICENSE.txt" in pack_text and "Mathis Koblin" in pack_text


def test_every_phrase_of_the_spam_list_is_in_the_pack_with_its_highest_weight():
    data = REPO.parent / "shared" / "research" / "data" / "spam-trigger-phrases.tsv"
    if not data.exists():
        pytest.skip("the shared research data is not available")
    expected: dict[str, float] = {}
    for row in data.read_text(encoding="utf-8").splitlines()[1:]:
        weight, phrase = row.split("\t", 1)
        key = phrase.strip().lower()
        expected[key] = max(expected.get(key, 0), float(weight))
    (rule,) = load_pack("spam-triggers").rules
    got = {t["term"].lower(): t["weight"] for t in rule.data["terms"]}
    assert {k: got.get(k) for k in expected} == expected


# -- inclusive -------------------------------------------------------------------------


def test_inclusive_fixes_where_one_alternative_fits(tmp_path):
    draft = tmp_path / "post.md"
    draft.write_text("Ask our salesman. Add us to your whitelist.\n", encoding="utf-8")
    framework = tmp_path / "messaging_framework.yaml"
    framework.write_text('{"version": 1, "rule_packs": ["inclusive"]}', encoding="utf-8")
    result = lint([draft], framework=load_framework(framework), config=EMPTY_CONFIG)
    fixes = [e.replacement for f in result.findings for e in f.fix.edits]
    assert fixes == ["salesperson", "allowlist"]


def test_inclusive_suggests_where_context_decides(run):
    ((rule, match, message),) = run("inclusive", {"a.md": "Hey guys, crazy news!"})[:1]
    assert (rule, match) == ("inclusive/gendered", "Hey guys")
    assert '"hey everyone"' in message.lower()
    assert run("inclusive", {"b.md": "Two guys started it. Book a master class."}) == []


# -- every English pack ------------------------------------------------------------------


@pytest.mark.parametrize("name", ENGLISH_PACKS)
def test_english_packs_ship_and_cite_urls(name):
    assert name in shipped_packs()
    for rule in load_pack(name).rules:
        source = rule.data.get("source") or load_pack(name).source
        assert re.search(r"https?://", source), f"{name}/{rule.id} cites no URL"
