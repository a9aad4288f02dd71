"""The ``placeholder`` rule: unfinished copy fires, finished copy and near misses do not.

Each case is ``(text, what fires)``: the exact text of every finding, in order, or
an empty tuple for copy that must pass.
"""

from __future__ import annotations

import pytest

from brandlint.drafts import Draft, Field, SourceFile
from brandlint.framework.model import Framework, Tone
from brandlint.rules.base import DraftContext, Hit
from brandlint.rules.placeholder import Placeholder
from brandlint.text import OffsetMap


def check(text: str, skip: tuple[tuple[int, int], ...] = ()) -> list[Hit]:
    field = Field(name="body", text=text, source_map=OffsetMap.contiguous(0, len(text)),
                  skip=skip)  # fmt: skip
    draft = Draft(id="draft.md", source=SourceFile("draft.md", text), fields=(field,))
    ctx = DraftContext(draft=draft, framework=Framework(), channel=None, locale="en",
                       tone=Tone(), fields=[])  # fmt: skip
    return list(Placeholder().check(ctx))


def matches(text: str) -> tuple[str, ...]:
    return tuple(text[h.start : h.end] for h in check(text))


FAILS = [
    # broken merge tags
    ("Hi {{first_name, your order has shipped.", ("{{first_name",)),
    ("Hi first_name}}, your order has shipped.", ("first_name}}",)),
    ("Hi {{ }}, your order has shipped.", ("{{ }}",)),
    ("Hi {first_name}}, your order has shipped.", ("{first_name}}",)),
    ("Hi {{first_name}, your order has shipped.", ("{{first_name}",)),
    ("{% if vip Thanks for being a member.", ("{% if",)),
    ("Hi %FNAME, your order has shipped.", ("%FNAME",)),
    ("Hi FNAME%, your order has shipped.", ("FNAME%",)),
    ("Hi *|FNAME, your order has shipped.", ("*|FNAME",)),
    ("Hi FNAME|*, your order has shipped.", ("FNAME|*",)),
    # bracketed fill-ins
    ("Meet [INSERT NAME], our new assistant.", ("[INSERT NAME]",)),
    ("Meet [Insert product name] today.", ("[Insert product name]",)),
    ("Brought to you by [YOUR COMPANY].", ("[YOUR COMPANY]",)),
    ("Dear [First Name], welcome aboard.", ("[First Name]",)),
    ("Dear [NAME]: thanks for signing up.", ("[NAME]",)),
    ("Read more at [LINK] or [URL].", ("[LINK]", "[URL]")),
    ("Offer ends [DATE]. Now only [PRICE].", ("[DATE]", "[PRICE]")),
    ("[CTA] and launch on [TBD].", ("[CTA]", "[TBD]")),
    ("Powered by <INSERT LOGO>.", ("<INSERT LOGO>",)),
    ("Hello <<name>>, your trial ends soon.", ("<<name>>",)),
    # notes to self and dummy text
    ("TODO: add the price. Launch date TBD.", ("TODO", "TBD")),
    ("The TKTK feature ships FIXME soon.", ("TKTK", "FIXME")),
    ("Call XXX for details.", ("XXX",)),
    ("Call us on XXX-XXX-XXXX today.", ("XXX-XXX-XXXX",)),
    ("Lorem ipsum dolor sit amet, consectetur.", ("Lorem ipsum", "dolor sit amet")),
    ("LOREM IPSUM placeholder hero text", ("LOREM IPSUM",)),
    # literal tokens
    ("Try BRAND today and save.", ("BRAND",)),
    ("PRODUCT_NAME by COMPANY_NAME is here.", ("PRODUCT_NAME", "COMPANY_NAME")),
    ("The best <UNK> for your team [UNK].", ("<UNK>", "[UNK]")),
    # Chinese fill-ins
    ("新品上市时间待定，详情待补充。", ("待定", "待补充")),
    ("XX公司荣誉出品，满XX元包邮。", ("XX", "XX")),
    ("某某品牌限时特惠。", ("某某",)),
    ("点击【此处填写链接】立即购买。", ("【此处填写链接】",)),
    ("详情见[此处插入产品图]。", ("[此处插入产品图]",)),
    ("TODO补充卖点，您好%FNAME", ("TODO", "%FNAME")),
]

PASSES = [
    # finished template syntax
    "Hi {{first_name}}, your order has shipped.",
    'Hi {{ first_name | default: "there" }}, welcome back.',
    "{% if vip %}Thanks for being a member.{% endif %}",
    "{%- if vip -%}Members save more.{%- endif -%}",
    "{{#if vip}}Members save more.{{/if}} {{{unescaped_html}}}",
    "Hi %FNAME%, your order has shipped. Dear %%FirstName%%,",
    "Hi *|FNAME|*, *|IF:VIP|*members save more*|END:IF|*.",
    # percentages
    "Save 20% off everything; save 20% today. Up to 50%OFF.",
    "100% natural, 0% sugar.",
    # brackets that are not fill-ins
    "[Learn more](https://example.com/learn) about our plans.",
    "[Your account](https://example.com/account) is ready.",
    "- [x] Free shipping\n- [ ] Gift wrap",
    "He called it 'the best tool ever' [sic] in 2023 [2].",
    "[Webinar] Join us on Friday. [Shop now] [Click here]",
    "[Time-limited offer] ends Sunday.",
    # words that look like notes but are not
    "Sizes from S to XXL and XXXL.",
    "Follow us on Mastodon. Our To do list app: todo, done.",
    "Tbd is not a word we use. Brand new arrivals.",
    "Our brand promise: the Brand you trust.",
    "BRAND NEW ARRIVALS IN STORE. LOVE OUR BRAND.",
    "Lorem is a name; ipsum is not here.",
    # Chinese near misses
    "敬请期待定制礼盒，等待定时开售。",
    "【限时特惠】【新品上市】全场包邮。",
    "某天你会发现，XXL码也有货。",
]


@pytest.mark.parametrize(("text", "expected"), FAILS)
def test_unfinished_copy_fires(text, expected):
    assert matches(text) == expected


@pytest.mark.parametrize("text", PASSES)
def test_finished_copy_and_near_misses_pass(text):
    assert matches(text) == ()


@pytest.mark.parametrize(
    ("text", "message", "suggestion"),
    [
        ("Hi {{first_name, welcome", "unclosed merge tag '{{first_name' — close it with '}}'",
         "{{first_name}}"),
        ("Hi {first_name}} there", "mismatched braces in merge tag '{first_name}}'",
         "{{first_name}}"),
        ("Hi first_name}} there", "merge tag 'first_name}}' has no opening '{{'",
         "{{first_name}}"),
        ("Hi *|FNAME there", "unclosed merge tag '*|FNAME' — close it with '|*'", "*|FNAME|*"),
        ("Hi %FNAME there", "unclosed merge tag '%FNAME' — close it with '%'", "%FNAME%"),
    ],
)  # fmt: skip
def test_messages_say_how_to_repair_a_merge_tag(text, message, suggestion):
    (hit,) = check(text)
    assert hit.message.startswith(message)
    assert hit.suggestions == (suggestion,)


def test_messages_name_the_kind_of_placeholder():
    messages = [h.message for h in check("[INSERT NAME] TODO lorem ipsum 待定 BRAND")]
    assert messages == [
        "unfilled placeholder '[INSERT NAME]' — replace it with the final copy",
        "'TODO' note left in the copy — finish the copy and remove it",
        "dummy text 'lorem ipsum' — replace it with real copy",
        "unfilled placeholder '待定' (to be decided) — fill in the final copy",
        "placeholder token 'BRAND' — replace it with the real name",
    ]


def test_hit_offsets_point_into_the_field():
    text = "Intro.\nHi {{first_name, welcome"
    (hit,) = check(text)
    assert (hit.field, hit.start, hit.end) == ("body", 10, 22)
    assert hit.severity is None  # the rule's default: error
    assert Placeholder.severity.value == "error"


def test_matches_inside_code_and_urls_are_ignored():
    text = "See https://example.com/?q=[LINK] and `TODO` but TODO here."
    url = text.index("https")
    code = text.index("`TODO`")
    hits = check(text, skip=((url, url + 33), (code, code + 6)))
    assert [text[h.start : h.end] for h in hits] == ["TODO"]
    assert hits[0].start == text.rindex("TODO")


def test_a_placeholder_a_reader_took_for_markup_still_fires():
    # The Markdown reader marks "<INSERT LOGO>" as an HTML tag and "{{ }}" as a merge tag.
    text = "Powered by <INSERT LOGO>. Hi {{ }}."
    logo = (text.index("<"), text.index(">") + 1)
    empty = (text.index("{{"), text.index("}}") + 2)
    assert [text[h.start : h.end] for h in check(text, skip=(logo, empty))] == [
        "<INSERT LOGO>",
        "{{ }}",
    ]


def test_every_field_is_checked():
    subject = Field("subject", "TBD", OffsetMap.contiguous(0, 3))
    body = Field("body", "Hi [NAME]", OffsetMap.contiguous(4, 9))
    draft = Draft(id="d", source=SourceFile("d.md", "TBD\nHi [NAME]"), fields=(subject, body))
    ctx = DraftContext(draft, Framework(), None, "en", Tone(), [])
    assert [(h.field, h.start, h.end) for h in Placeholder().check(ctx)] == [
        ("subject", 0, 3),
        ("body", 3, 9),
    ]


def test_explain_and_examples():
    assert "not finished" in Placeholder.explanation()
    assert not Placeholder.needs_doc
    for example in Placeholder.examples:
        assert bool(matches(example.text)) == example.fails, example.text
