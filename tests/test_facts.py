"""Fact extraction (brandlint.facts): every notation of issue 4, in English and Chinese,
read into one comparable value; and what is deliberately not a fact."""

from __future__ import annotations

import pytest

from brandlint.facts import brief_fact, extract, normalize_phone, normalize_url, render, same

PRODUCTS = ("Acme Pulse", "Acme Flow")


def facts(text: str, kind: str | None = None) -> list[tuple[str, str]]:
    """``(kind, display)`` of every fact in ``text`` (of one kind when given)."""
    return [(f.kind, f.display) for f in extract(text, PRODUCTS) if kind in (None, f.kind)]


def one(text: str, kind: str):
    found = [f for f in extract(text, PRODUCTS) if f.kind == kind]
    assert len(found) == 1, (text, found)
    return found[0]


# -- each notation reads as its value ------------------------------------------------

NOTATIONS = [
    # discounts: a percentage off, in words, in 折 (you pay N tenths), amounts off
    ("Spring plans are 20% off.", "discount", "20% off"),
    ("Spring plans are 20 percent off.", "discount", "20% off"),
    ("Save 20% on every plan.", "discount", "20% off"),
    ("Up to 30% off everything.", "discount", "up to 30% off"),
    ("全场八折。", "discount", "20% off"),
    ("全场8折。", "discount", "20% off"),
    ("全场8.5折。", "discount", "15% off"),
    ("限时七五折。", "discount", "25% off"),
    ("会员半价。", "discount", "50% off"),
    ("低至5折。", "discount", "up to 50% off"),
    ("全场5折起。", "discount", "up to 50% off"),
    ("下单立减20元。", "amount_off", "¥20 off"),
    ("满300减50。", "amount_off", "¥50 off (min ¥300)"),
    ("Get $10 off orders over $50.", "amount_off", "$10 off (min $50)"),
    # prices and currencies
    ("Acme Pulse is $49.", "price", "$49"),
    ("Acme Pulse is US$49.00.", "price", "$49"),
    ("Acme Pulse is $49/month.", "price", "$49/month"),
    ("Acme Pulse is $49 a month.", "price", "$49/month"),
    ("Acme Pulse 只要¥99。", "price", "¥99"),
    ("Acme Pulse 只要99元。", "price", "¥99"),
    ("Acme Pulse 99元/月。", "price", "¥99/month"),
    ("Acme Pulse costs 1,299.50 dollars.", "price", "$1299.50"),
    # dates, as deadlines or starts
    ("Offer ends May 5.", "date", "May 5"),
    ("Offer ends May 5th.", "date", "May 5"),
    ("Offer ends 5 May 2026.", "date", "2026-05-05"),
    ("Offer ends 5/5.", "date", "May 5"),
    ("Offer ends 2026-05-05.", "date", "2026-05-05"),
    ("优惠5月5日截止。", "date", "May 5"),
    ("优惠五月五日截止。", "date", "May 5"),
    ("活动2026年5月5日前有效。", "date", "2026-05-05"),
    ("Sale ends Sunday.", "date", "Sunday"),
    ("活动周日截止。", "date", "Sunday"),
    # promo codes: case is ignored
    ("Use code SPRING20 at checkout.", "code", "SPRING20"),
    ("Use promo code spring20 at checkout.", "code", "SPRING20"),
    ("使用优惠码 SPRING20 下单。", "code", "SPRING20"),
    # URLs: scheme, www., trailing slash, tracking parameters and fragments do not count
    ("See https://acme.example/spring", "url", "https://acme.example/spring"),
    ("See http://www.Acme.example/spring/", "url", "https://acme.example/spring"),
    (
        "See https://acme.example/spring/?utm_source=mail&utm_medium=email#top",
        "url",
        "https://acme.example/spring",
    ),
    ("See www.acme.example/spring?gclid=abc", "url", "https://acme.example/spring"),
    ("详情见 https://acme.example/spring。", "url", "https://acme.example/spring"),
    # phone numbers: the national number's digits
    ("Call +1 (800) 555-0199 today.", "phone", "8005550199"),
    ("Call 1-800-555-0199 today.", "phone", "8005550199"),
    ("Call 800.555.0199 today.", "phone", "8005550199"),
    ("拨打 400-820-8820 咨询。", "phone", "4008208820"),
    ("电话 +86 10 1234 5678", "phone", "1012345678"),
]


@pytest.mark.parametrize(("text", "kind", "display"), NOTATIONS)
def test_notation(text, kind, display):
    assert facts(text, kind) == [(kind, display)]


EQUAL = [
    ("discount", ["20% off", "20 percent off", "save 20%", "八折", "8折", "立减20%"]),
    ("discount", ["15% off", "8.5折", "八五折"]),
    ("price", ["Acme Pulse $49", "Acme Pulse US$49.00", "Acme Pulse: USD 49"]),
    ("price", ["Acme Pulse ¥99", "Acme Pulse 99元", "Acme Pulse 99块", "Acme Pulse RMB 99"]),
    (
        "date",
        [
            "ends May 5",
            "until 5/5/2026",
            "ends 2026-05-05",
            "截至5月5日",
            "五月五日前",
            "ends the 5th of May",
        ],
    ),
    ("url", ["https://acme.example/spring", "http://www.acme.example/spring/?utm_campaign=s"]),
    ("phone", ["+1 (800) 555-0199", "1-800-555-0199", "(800) 555 0199"]),
]


@pytest.mark.parametrize(("kind", "texts"), EQUAL, ids=[k for k, _ in EQUAL])
def test_notations_of_one_value_are_the_same(kind, texts):
    found = [one(t, kind) for t in texts]
    for f in found[1:]:
        assert same(found[0], f), (found[0].text, f.text)


def test_different_values_are_not_the_same():
    assert not same(one("20% off", "discount"), one("七五折", "discount"))
    assert not same(one("ends May 5", "date"), one("ends May 7", "date"))
    assert not same(one("ends 2025-05-05", "date"), one("ends 2026-05-05", "date"))
    assert not same(one("see https://acme.example/spring", "url"),
                    one("see https://acme.example/summer", "url"))  # fmt: skip
    assert not same(one("Acme Pulse $49/month", "price"), one("Acme Pulse $49/year", "price"))


def test_a_part_left_out_does_not_make_values_differ():
    assert same(one("ends May 5", "date"), one("ends May 5, 2026", "date"))
    assert same(one("Acme Pulse $49", "price"), one("Acme Pulse $49/month", "price"))
    assert same(one("up to 20% off", "discount"), one("20% off", "discount"))


def test_date_roles():
    start, end = extract("Sale runs May 1 – May 5.")
    assert (start.unit, start.display, end.unit, end.display) == ("start", "May 1", "end", "May 5")
    start, end = extract("优惠5月1日至5日。")
    assert (start.unit, end.unit, end.display) == ("start", "end", "May 5")
    assert one("5月1日起，全场八折", "date").unit == "start"
    assert one("Launch party on May 5.", "date").unit is None  # neither starts nor ends
    assert one("5月5日前往上海。", "date").unit is None  # 前往: "go to", not "before"
    assert one("6月18日24点截止。", "date").unit == "end"
    assert one("11月11日0点开抢。", "date").unit == "start"


def test_a_relative_weekday_knows_its_weekday_only():
    sunday = one("Sale ends Sunday.", "date")
    assert sunday.value == (None, None, None, 6)
    assert same(sunday, brief_fact("date", "2026-05-10", "end"))  # a Sunday
    assert not same(sunday, brief_fact("date", "2026-05-05", "end"))  # a Tuesday
    assert one("Ends this Sunday, May 10.", "date").display == "May 10"  # the date wins


def test_prices_belong_to_the_product_they_follow_or_precede():
    found = extract("Acme Pulse is $49/month and Acme Flow is $99/month.", PRODUCTS)
    assert [(f.product, f.display) for f in found] == [
        ("Acme Pulse", "$49/month"),
        ("Acme Flow", "$99/month"),
    ]
    found = extract("$49 for Acme Pulse, $99 for Acme Flow.", PRODUCTS)
    assert [f.product for f in found] == ["Acme Pulse", "Acme Flow"]
    found = extract("Acme Pulse: $49/month or $490/year. Only $99 today.", PRODUCTS)
    assert [f.product for f in found] == ["Acme Pulse", "Acme Pulse", None]
    found = extract("Acme Pulse 每月49元，Acme Flow 每月99元。", PRODUCTS)
    assert [f.product for f in found] == ["Acme Pulse", "Acme Flow"]
    assert one("acme-pulse for $49", "price").product == "Acme Pulse"


@pytest.mark.parametrize(
    "text",
    [
        "100% natural, top 10 picks, open 24/7.",
        "We grew 20% last year.",
        "Was $99, now you pay less.",
        "Free shipping on orders over $50.",
        "Win £1000 cash!",
        "Get a $50 gift card.",
        "Meet us at booth 5/5.",  # a numeric date needs a year or a deadline word
        "Open may 5 days a week.",
        "Write code faster.",
        "Scan the QR code ABC123.",
        "Unsubscribe: https://acme.example/unsubscribe",
        "Call 1-800 for details.",
        "打折季来了，折叠屏手机上新。",
    ],
)
def test_not_a_fact(text):
    assert facts(text) == []


def test_url_and_phone_normalisation():
    assert normalize_url("HTTP://www.Acme.example:443/spring/?utm_source=x&b=2&a=1#top") == (
        "https://acme.example/spring?a=1&b=2"
    )
    assert normalize_url("acme.example:8080/a/") == "https://acme.example:8080/a"
    assert normalize_phone("+44 20 7946 0958") == normalize_phone("020 7946 0958") == "2079460958"


def test_overlapping_matches_keep_one_kind():
    """The digits of a URL are not a phone; a discount's amount is not a price."""
    assert facts("https://acme.example/p/800-555-0199") == [
        ("url", "https://acme.example/p/800-555-0199")
    ]
    assert facts("Take $10 off today.") == [("amount_off", "$10 off")]


@pytest.mark.parametrize(
    ("kind", "text", "display"),
    [
        ("discount", "20%", "20% off"),
        ("discount", "八折", "20% off"),
        ("discount", "满300减50", "¥50 off (min ¥300)"),
        ("price", "$49/month", "$49/month"),
        ("price", "699元/月", "¥699/month"),
        ("date", "2026-05-05", "2026-05-05"),
        ("code", "spring20", "SPRING20"),
        ("url", "https://acme.example/spring/", "https://acme.example/spring"),
        ("phone", "+1 800-555-0199", "8005550199"),
    ],
)
def test_brief_values(kind, text, display):
    assert brief_fact(kind, text).display == display


@pytest.mark.parametrize(
    ("kind", "text"),
    [("discount", "20 bucks"), ("date", "May 5"), ("date", "2026-02-30"), ("url", "spring")],
)
def test_brief_values_that_do_not_read(kind, text):
    assert brief_fact(kind, text) is None


@pytest.mark.parametrize(
    ("target", "like", "written"),
    [
        ("20%", "25% off", "20% off"),
        ("20%", "七五折", "八折"),
        ("15%", "8折", "8.5折"),
        ("20%", "25 percent off", "20 percent off"),
        ("2026-05-05", "until May 7", "May 5"),
        ("2026-05-05", "5月7日前", "5月5日"),
        ("2026-05-05", "五月七日前", "五月五日"),
        ("2026-05-05", "ends 2026/05/07", "2026/05/05"),
        ("2026-05-10", "ends Saturday", "Sunday"),
    ],
)
def test_render_in_the_drafts_notation(target, like, written):
    kind = "discount" if target.endswith("%") else "date"
    expected = brief_fact(kind, target, "end")
    assert render(expected, one(like, kind)) == written
