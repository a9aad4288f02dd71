"""Offer facts in copy: discounts, prices, dates, promo codes, landing URLs, phones.

:func:`extract` reads one field's text (the NFKC-normalised text the rules see) in
English and Chinese and returns typed :class:`Fact` values with their spans and a
normalised value, so that the same fact written in different notations compares
equal: *20% off* = *20 percent off* = *八折*; *May 5* = *5月5日* = *2026-05-05*;
*$49.00* = *US$49*; *https://Acme.example/spring/?utm_source=x* =
*https://acme.example/spring*; *+1 (800) 555-0199* = *800.555.0199*.

Each kind is a few compiled regexes run once over the text; overlapping matches are
settled by kind priority (a URL's digits are never a phone number, a discount's
amount is never a price). What is deliberately *not* a fact: a percentage without
an offer word (*100% natural*), a number without a currency (*Top 10*), *24/7*, a
digit run too short or too long to dial (*1-800* in a sentence), a numeric date
without a year and without a deadline word (*5/5* alone), a reference price (*was
$99*), a threshold or a prize (*orders over $50*, *a $50 gift card*, *win £1000*), and
links to unsubscribe, privacy, help or login pages.

Conventions (documented in docs/campaigns.md): ``$`` is US dollars and ``¥`` is
Chinese yuan; a numeric date ``5/6`` is month/day (US order) unless the first number
cannot be a month (``24/5`` is 24 May); ``http`` and ``https``, ``www.`` and the bare
host, and a trailing slash are the same page.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import parse_qsl, urlencode, urlsplit

from .positional import pickled_by_position

KINDS = ("discount", "amount_off", "price", "date", "code", "url", "phone")

_A = re.ASCII  # \b, \w, \d and \s are ASCII: Chinese characters never glue to words

# -- numbers and currencies ----------------------------------------------------------

# 1,299.50 or 1299.5; written to start with one \d so that a pattern starting with it
# lets the regex engine skip to the digits instead of trying every position
_NUM = r"\d(?:\d{0,2}(?:,\d{3})+(?:\.\d{1,2})?|\d*(?:\.\d{1,2})?)"
_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGIT |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CURRENCY = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "美元": "USD",
    "¥": "CNY", "rmb": "CNY", "cny": "CNY", "元": "CNY", "块": "CNY", "块钱": "CNY",
    "人民币": "CNY", "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "欧元": "EUR",
    "£": "GBP", "gbp": "GBP", "英镑": "GBP", "hk$": "HKD", "hkd": "HKD", "港元": "HKD",
    "港币": "HKD", "jpy": "JPY", "円": "JPY", "日元": "JPY",
}  # fmt: skip
_SYMBOL = {"USD": "$", "CNY": "¥", "EUR": "€", "GBP": "£", "HKD": "HK$"}
_PRE = r"US\$|HK\$|\$|¥|€|£|(?:USD|CNY|RMB|EUR|GBP|HKD|JPY)\s?"
_SUF = r"美元|人民币|块钱|元|块|欧元|英镑|港元|港币|日元|円|\s?(?:dollars?|euros?)\b"


_MONEY_HINTS = ("$", "¥", "€", "£", "元", "块", "円", "usd", "cny", "rmb", "eur", "gbp", "hkd",
                "jpy", "dollar", "人民币", "英镑", "港币")  # fmt: skip


def _has_money(low: str) -> bool:
    """Whether lower-cased text may hold a currency amount (cheaper than the regexes)."""
    return any(h in low for h in _MONEY_HINTS)


def _money(p: str) -> str:
    """A currency amount; groups ``{p}pre``/``{p}amt`` or ``{p}amt2``/``{p}suf``."""
    return (
        rf"(?:(?P<{p}pre>{_PRE})\s?(?P<{p}amt>{_NUM})(?:\s?(?:元|块))?"
        rf"|(?<![\w.,$¥€£])(?P<{p}amt2>{_NUM})\s?(?P<{p}suf>{_SUF}))"
    )


def _amount(text: str, money: bool = True) -> str:
    """``1,299.00`` -> ``1299``; ``1.5`` -> ``1.50`` (a percentage: ``8.5``)."""
    d = Decimal(text.replace(",", ""))
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return f"{d.quantize(Decimal('0.01')):f}" if money else f"{d.normalize():f}"


def _currency(m: re.Match[str], p: str) -> tuple[str, str, str]:
    """``(currency, amount, amount as written)`` of a :func:`_money` match."""
    if m.group(f"{p}amt") is not None:
        token, written = m.group(f"{p}pre").strip().lower(), m.group(f"{p}amt")
    else:
        token, written = m.group(f"{p}suf").strip().lower(), m.group(f"{p}amt2")
    return _CURRENCY.get(token, token.upper()), _amount(written), written


def cn_number(text: str) -> int:
    """``5`` -> 5; ``十二`` -> 12; ``三十一`` -> 31; ``二〇二六`` -> 2026 (digit by digit)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)
    return int("".join(str(_CN_DIGIT[c]) for c in text))


def _cn_numeral(n: int) -> str:
    """1..31 in Chinese numerals (for rendering 五月五日 notation)."""
    digits = "〇一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")


# -- the fact --------------------------------------------------------------------------


@pickled_by_position
@dataclass(frozen=True, slots=True)
class Fact:
    """One offer fact found in a text.

    ``value`` is normalised and comparable per kind: discount ``(percent, up_to)``;
    amount_off ``(amount, threshold | None)``; price ``(amount, period | None)``;
    date ``(year | None, month, day, weekday | None)`` (a bare weekday has only the
    weekday); code, url and phone ``(text,)``. ``unit`` is the currency (amount_off,
    price) or the date's role (``start`` / ``end`` / None). ``start``/``end`` are
    offsets into the text given to :func:`extract`; ``notation`` records how the fact
    was written, so a replacement can be rendered the same way (:func:`render`).
    """

    kind: str
    value: tuple
    start: int
    end: int
    text: str
    unit: str | None = None
    product: str | None = None
    notation: str = ""

    @property
    def key(self) -> tuple[str | None, ...]:
        """What the fact is about; facts are compared only with facts of the same key."""
        if self.kind == "price":
            return (self.kind, self.product, self.unit)
        if self.kind in ("amount_off", "date"):
            return (self.kind, self.unit)
        return (self.kind,)

    @property
    def display(self) -> str:
        """The normalised value, readable: ``20% off``, ``$49/month``, ``2026-05-05``."""
        v = self.value
        if self.kind == "discount":
            return f"{'up to ' if v[1] else ''}{v[0]}% off"
        if self.kind == "amount_off":
            text = f"{_money_text(self.unit, v[0])} off"
            return f"{text} (min {_money_text(self.unit, v[1])})" if v[1] else text
        if self.kind == "price":
            return _money_text(self.unit, v[0]) + (f"/{v[1]}" if v[1] else "")
        if self.kind == "date":
            year, month, day, weekday = v
            if month is None:
                return _WEEKDAYS[weekday].capitalize()
            if year is None:
                return f"{_MONTH_NAMES[month - 1]} {day}"
            return f"{year:04d}-{month:02d}-{day:02d}"
        return v[0]

    def weekday(self) -> int | None:
        """The weekday (Monday 0) of a date fact, when it is known."""
        year, month, day, weekday = self.value
        if month is None:
            return weekday
        return datetime.date(year, month, day).weekday() if year else None

    @property
    def specificity(self) -> int:
        """How many optional parts the value has (a date with a year beats one without)."""
        return sum(part is not None for part in self.value)


def key_label(key: tuple[str | None, ...]) -> str:
    """How reports name a fact key: ``discount``, ``end date``, ``Acme Pulse price (USD)``."""
    kind = key[0]
    if kind == "price":
        product, currency = key[1], key[2]
        return f"{product + ' ' if product else ''}price ({currency})"
    if kind == "amount_off":
        return f"amount off ({key[1]})"
    if kind == "date":
        return f"{key[1]} date" if key[1] else "date"
    return {"code": "promo code", "url": "landing URL"}.get(kind, kind)


def _money_text(currency: str | None, amount: str) -> str:
    symbol = _SYMBOL.get(currency or "")
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}"


def same(a: Fact, b: Fact) -> bool:
    """Whether two facts of one key state the same thing. A part one of them leaves
    out (a date's year, a price's period, a minimum spend) does not make them differ,
    nor does *up to* before a percentage."""
    if a.kind != b.kind:
        return False
    if a.kind == "discount":  # "up to 20% off" does not contradict "20% off"
        return a.value[0] == b.value[0]
    if a.kind in ("price", "amount_off"):
        return a.value[0] == b.value[0] and _compatible(a.value[1], b.value[1])
    if a.kind == "date":
        (ya, ma, da, wa), (yb, mb, db, wb) = a.value, b.value
        if ma is None or mb is None:  # a bare weekday: only a dated fact can anchor it
            other = b if ma is None else a
            weekday = wa if ma is None else wb
            return other.value[0] is None or other.weekday() == weekday
        return (ma, da) == (mb, db) and _compatible(ya, yb)
    return a.value == b.value


def _compatible(x: object, y: object) -> bool:
    return x is None or y is None or x == y


# -- discounts and amounts off ------------------------------------------------------

_OFF = r"(?i:off\b|discount\b|savings?\b)"
_PCT = r"(?:%|\s?(?i:per\s?cent)\b)"
_UPTO = r"(?P<upto>(?i:up\s+to)\s+)?"
_UPTO_BEFORE = re.compile(r"(?i:\bup\s+to)\s+$", _A)
_PERCENT_OFF = [  # each with words one of which the (lower-cased) text must contain
    # "up to" before it is looked for by _UPTO_BEFORE: a pattern starting with digits is fast
    (re.compile(rf"(?P<n>{_NUM}){_PCT}\s*-?\s*{_OFF}", _A), ("off", "discount", "saving")),
    (
        re.compile(
            rf"(?i:\b(?:save|saving|savings\s+of|discount\s+of|extra)\s+){_UPTO}(?P<n>{_NUM}){_PCT}",
            _A,
        ),
        ("sav", "discount", "extra"),
    ),
    (re.compile(rf"(?:立减|直降|优惠|减|省)\s*(?P<n>{_NUM})\s*%", _A), ("减", "降", "优惠", "省")),
    (re.compile(rf"(?P<n>{_NUM})\s*%\s*(?:折扣|优惠)", _A), ("折扣", "优惠")),
]
_ZHE = re.compile(
    r"(?<![\d.一二三四五六七八九十])(?P<upto>低至|最低|低到)?\s*打?"
    r"(?P<z>\d\.\d|\d{1,2}|[一二三四五六七八九]{1,2})\s*折(?![叠腾磨射合算返旧线页扣])"
    r"|(?P<half>半价)",
    _A,
)
_AMOUNT_OFF = [
    re.compile(
        rf"(?P<m>{_money('a')})\s*-?\s*(?i:off\b|discount\b)"
        rf"(?:\s+(?i:(?:orders?|purchases?|your\s+order)\s+)?(?i:of|over|above)\s+"
        rf"(?P<t>{_money('t')}))?",
        _A,
    ),
    re.compile(rf"(?i:\bsave\s+)(?P<upto>(?i:up\s+to)\s+)?(?P<m>{_money('a')})", _A),
    re.compile(rf"(?:立减|直降|直减|立省|省|减|优惠|让利)\s*(?P<m>{_money('a')})", _A),
]
_AMOUNT_OFF_CUES = [
    re.compile(r"off|discount", _A),
    re.compile(r"save", _A),
    re.compile(r"减|降|省|优惠|让利", _A),
]
_MANJIAN = re.compile(
    rf"(?:每)?满\s*¥?\s*(?P<t>{_NUM})\s*(?:元|块)?\s*[,，]?\s*立?减\s*(?P<m>¥?\s*(?P<n>{_NUM})"
    r"\s*(?:元|块)?)",
    _A,
)


def _discounts(text: str, low: str) -> list[Fact]:
    out = []
    percents = _PERCENT_OFF if "%" in text or "cent" in low else ()
    for regex, words in percents:
        if not any(w in low for w in words):
            continue
        for m in regex.finditer(text):
            start = m.start("upto") if m.groupdict().get("upto") else m.start("n")
            if "upto" not in m.groupdict():
                before = _UPTO_BEFORE.search(text, max(0, start - 12), start)
                start = before.start() if before else start
            up_to = start < m.start("n")
            percent = _amount(m.group("n"), money=False)
            if 0 < Decimal(percent) < 100:
                notation = "percent" if "per" in m.group().lower() else "pct"
                value = (percent, up_to)
                out.append(Fact("discount", value, start, m.end(), text[start : m.end()],
                                notation=notation))  # fmt: skip
    for m in _ZHE.finditer(text) if "折" in text or "半价" in text else ():
        if m.group("half"):
            out.append(Fact("discount", ("50", False), *m.span(), m.group(), notation="half"))
            continue
        z = m.group("z")
        if z[0].isdigit():
            pay = Decimal(z) * 10 if "." in z or len(z) == 1 else Decimal(z)
            notation = "zhe"
        else:
            n = cn_number(z)
            pay, notation = Decimal(n * 10 if n < 10 else n), "zhe-cn"
        if 0 < pay < 100 and (len(z) < 2 or "." in z or pay % 10):
            start = m.start("upto") if m.group("upto") else m.start("z")
            up_to = bool(m.group("upto")) or text.startswith("起", m.end())  # 5折起: from 50%
            value = (_amount(str(100 - pay), money=False), up_to)
            out.append(Fact("discount", value, start, m.end(), text[start : m.end()],
                            notation=notation))  # fmt: skip
    money = _has_money(low)
    for regex, cue in zip(_AMOUNT_OFF, _AMOUNT_OFF_CUES, strict=True):
        if not money or not cue.search(low):
            continue
        for m in regex.finditer(text):
            currency, amount, _ = _currency(m, "a")
            threshold = None
            if m.groupdict().get("t"):
                t_currency, threshold, _ = _currency(m, "t")
                threshold = threshold if t_currency == currency else None
            start = m.start("upto") if m.groupdict().get("upto") else m.start("m")
            out.append(Fact("amount_off", (amount, threshold), start, m.end(),
                            text[start : m.end()], unit=currency))  # fmt: skip
    for m in _MANJIAN.finditer(text) if "满" in text else ():
        value = (_amount(m.group("n")), _amount(m.group("t")))
        out.append(Fact("amount_off", value, *m.span(), m.group(), unit="CNY", notation="manjian"))
    return out


# -- prices ----------------------------------------------------------------------------

_PERIODS = {
    "mo": "month",
    "month": "month",
    "yr": "year",
    "year": "year",
    "wk": "week",
    "week": "week",
    "day": "day",
    "user": "user",
    "seat": "user",
    "person": "user",
    "月": "month",
    "年": "year",
    "周": "week",
    "天": "day",
    "日": "day",
    "人": "user",
}
_PRICE = re.compile(
    rf"(?P<m>{_money('p')})"
    r"(?:\s*(?:/|(?i:per|a|an|each)\s)\s*(?P<per>(?i:mo(?:nth)?|yr|year|wk|week|day|user|seat"
    r"|person))\b|\s*(?:/|每)\s*(?P<zper>[月年周天日人]))?",
    _A,
)
_REFERENCE = re.compile(
    r"(?:(?i:\b(?:was|originally|regular(?:ly)?|reg\.?|list\s+price|msrp|retail|valued\s+at"
    r"|worth|value|instead\s+of)\b)|原价|原價|划线价|市场价|门市价|价值)\s*:?\s*(?i:only\s+)?$",
    _A,
)


_NOT_PRICE_BEFORE = re.compile(
    r"(?:(?i:\b(?:over|above|under|below|more\s+than|less\s+than|at\s+least|minimum(?:\s+of)?"
    r"|min\.?|spend(?:ing)?|orders?\s+of|win|won|winning|prize\s+of|cash|jackpot|earn|credit\s+of"
    r"|gift\s+card\s+of)\b(?:\s+(?i:a|an|the|your|guaranteed|extra)\b)*)"
    r"|满|超过|高于|低于|赢|赢取|奖金|返现)\s*:?\s*$",
    _A,
)
_NOT_PRICE_AFTER = re.compile(
    r"\s*(?:(?i:(?:gift\s*cards?|credits?|bonus|cash|prizes?|awards?|rewards?|vouchers?|deposit"
    r"|minimum|or\s+more"
    r"|and\s+up|\+|worth\s+of|in\s+(?:cash|prizes|savings))\b)|\+|以上|起购|奖金|现金|红包|返现)",
    _A,
)


def _prices(text: str, low: str) -> list[Fact]:
    out = []
    for m in _PRICE.finditer(text) if _has_money(low) else ():
        if _REFERENCE.search(text, max(0, m.start() - 24), m.start()):
            continue
        if _NOT_PRICE_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue  # a threshold or a prize: "orders over $50", "win £1000"
        if _NOT_PRICE_AFTER.match(text, m.end()):
            continue  # "a $50 gift card", "£1000 cash", "$50+"
        currency, amount, _ = _currency(m, "p")
        period = m.group("per") or m.group("zper")
        value = (amount, _PERIODS[period.lower()] if period else None)
        notation = "zh" if m.group("zper") else ""
        out.append(Fact("price", value, *m.span(), m.group(), unit=currency, notation=notation))
    return out


# -- dates -----------------------------------------------------------------------------

_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
           "sep": 9, "oct": 10, "nov": 11, "dec": 12}  # fmt: skip
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ZH_WEEKDAYS = "一二三四五六日"
_MON = (
    r"(?P<mon>(?i:january|february|march|april|may|june|july|august|september|october"
    r"|november|december)|(?i:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)"
)
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<y>(?:19|20)\d{2})(?!\d))?"
_NOT_TIME = r"(?!\d|\s*(?:%|(?i:percent|am|pm|a\.m|p\.m|hours?|hrs?)\b)|[.:,]\d)"
_CN_DAY = r"\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_DATES = [
    ("md", re.compile(rf"(?<![A-Za-z]){_MON}\s+(?P<d>\d{{1,2}}){_ORD}{_NOT_TIME}{_YEAR}", _A)),
    (
        "dm",
        re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MON}(?![A-Za-z]){_YEAR}", _A),
    ),
    (
        "iso",
        re.compile(
            r"(?<![\d./-])(?P<y>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)"
            r"(?P<d>\d{1,2})(?!\d|[-/.]\d)",
            _A,
        ),
    ),
    (
        "slash",
        re.compile(
            r"(?<![\d/.:])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>(?:19|20)?\d{2}))?"
            r"(?![\d/]|\.\d)",
            _A,
        ),
    ),
    (
        "zh",
        re.compile(
            rf"(?:(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*)?"
            rf"(?P<m>\d{{1,2}}|十[一二]?|[一二三四五六七八九])\s*月\s*"
            rf"(?P<d>{_CN_DAY})\s*(?P<suffix>[日号號])",
            _A,
        ),
    ),
]
_DATE_HINTS = {  # one of these must be in the lower-cased text for the regex to run
    "md": tuple(_MONTHS),
    "dm": tuple(_MONTHS),
    "iso": ("19", "20"),
    "slash": ("/",),
    "zh": ("月",),
}
_WEEKDAY = re.compile(
    r"(?<![A-Za-z])(?P<wd>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday))"
    r"(?![A-Za-z])|(?P<zh>(?:本|这|下)?(?:周|星期|礼拜)(?P<zwd>[一二三四五六日天]))",
    _A,
)
_END_BEFORE = re.compile(
    r"(?:(?i:\b(?:until|till|til|through|thru|ends?|ending|expires?|expiring|expiry|by|before"
    r"|deadline|closes?|closing|no\s+later\s+than|last\s+day(?:\s+is)?)\b)[\s:,]*"
    r"(?i:(?:on|is|this|next)\s+)?(?i:the\s+)?"
    r"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"|(?:截至|截止到|截止至|截止|直到|至|到)[:\s]*)$",
    _A,
)
_START_BEFORE = re.compile(
    r"(?:(?i:\b(?:from|starting|starts?|begins?|beginning|as\s+of|effective|kicks?\s+off"
    r"|launch(?:es|ing)?)\b)[\s:,]*(?i:(?:on|this|next)\s+)?(?i:the\s+)?"
    r"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?|(?:从|自|于|於)\s*)$",
    _A,
)
_CLOCK = (  # a time of day between a date and its 前 / 起: 5月5日24点截止
    r"(?:\s*(?:\d{1,2}\s*(?:点|时)(?:\s*\d{1,2}\s*分)?|\d{1,2}[:：]\d{2}"
    r"|[零〇一二三四五六七八九十]{1,3}点))?"
)
_END_AFTER = re.compile(
    rf"{_CLOCK}\s*(?:前(?![往来去进行])|之前|以前|截止|为止|止|结束|到期|截至)", _A
)
_START_AFTER = re.compile(rf"{_CLOCK}\s*(?:起|开始|开启|开售|开抢|开卖|上线)", _A)
_RANGE = re.compile(r"\s*(?:-|–|—|~|～|(?i:to|through|thru|until|till)\b|至|到)\s*", _A)
_DAY_AFTER_RANGE = re.compile(rf"(?P<d>\d{{1,2}}){_ORD}{_NOT_TIME}", _A)
_ZH_DAY_AFTER_RANGE = re.compile(rf"(?P<d>{_CN_DAY})\s*[日号號]", _A)


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        datetime.date(year or 2000, month, day)  # 2000 is a leap year: 2/29 is a date
    except ValueError:
        return False
    return True


def _role(text: str, start: int, end: int) -> str | None:
    """``end`` for a deadline (*until May 5*, *5月5日前*), ``start`` for a start date
    (*from May 1*, *5月1日起*), None for a date without either."""
    if _END_BEFORE.search(text, max(0, start - 40), start):
        return "end"
    if _START_BEFORE.search(text, max(0, start - 40), start):
        return "start"
    if _END_AFTER.match(text, end):
        return "end"
    if _START_AFTER.match(text, end):
        return "start"
    return None


def _dates(text: str, low: str) -> list[Fact]:
    found: list[tuple[int, int, int | None, int, int, str]] = []
    for notation, regex in _DATES:
        if not any(h in low for h in _DATE_HINTS[notation]):
            continue
        for m in regex.finditer(text):
            year = m.group("y")
            if notation in ("md", "dm"):
                if m.group("mon").islower():
                    continue  # "may", "march": verbs, not months
                month, day = _MONTHS[m.group("mon")[:3].lower()], int(m.group("d"))
            elif notation == "slash":
                a, b = int(m.group("a")), int(m.group("b"))
                if (a, b) == (24, 7):
                    continue
                month, day = (b, a) if a > 12 else (a, b)
                notation = "slash-dm" if a > 12 else "slash"
            elif notation == "zh":
                month, day = cn_number(m.group("m")), cn_number(m.group("d"))
                if not m.group("m").isdigit():
                    notation = "zh-cn"
            else:
                month, day = int(m.group("m")), int(m.group("d"))
            y = cn_number(year) if year else None
            if y is not None and y < 100:
                y += 2000
            if _valid(y, month, day):
                found.append((m.start(), m.end(), y, month, day, notation))
    found.sort()
    facts: list[Fact] = []
    for start, end, year, month, day, notation in _drop_overlaps(found):
        role = _role(text, start, end)
        if notation.startswith("slash") and year is None and role is None:
            continue  # "5/5" alone is too ambiguous to be a date
        facts.append(Fact("date", (year, month, day, None), start, end, text[start:end],
                          unit=role, notation=notation))  # fmt: skip
        tail = _range_tail(text, end, notation, year, month)
        if tail is not None:
            facts[-1] = Fact("date", facts[-1].value, start, end, text[start:end], "start",
                             notation=notation)  # fmt: skip
            facts.append(tail)
    weekdays = "day" in low or "周" in text or "星期" in text or "礼拜" in text
    return _ranges(text, facts) + (_weekdays(text, facts) if weekdays else [])


def _drop_overlaps(spans: list) -> list:
    out: list = []
    for span in spans:
        if not out or span[0] >= out[-1][1]:
            out.append(span)
        elif span[1] - span[0] > out[-1][1] - out[-1][0]:
            out[-1] = span
    return out


def _range_tail(text: str, end: int, notation: str, year: int | None, month: int) -> Fact | None:
    """The end of a day range written after a date: *May 1–5*, *5月1日至5日*."""
    sep = _RANGE.match(text, end)
    if sep is None:
        return None
    regex = _ZH_DAY_AFTER_RANGE if notation.startswith("zh") else _DAY_AFTER_RANGE
    if notation not in ("md", "zh", "zh-cn"):
        return None
    m = regex.match(text, sep.end())
    if m is None:
        return None
    day = cn_number(m.group("d"))
    if not _valid(year, month, day) or (notation == "md" and _MON_AHEAD.match(text, m.end())):
        return None
    return Fact("date", (year, month, day, None), m.start(), m.end(), m.group(), "end",
                notation="day")  # fmt: skip


_MON_AHEAD = re.compile(rf"\s*{_MON}", _A)


def _ranges(text: str, facts: list[Fact]) -> list[Fact]:
    """Two dates joined by a range word (*May 1 – May 5*, *5月1日至5月5日*): the first
    starts, the second ends; a missing year is taken from the other."""
    out = list(facts)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        sep = _RANGE.match(text, a.end)
        if sep is None or sep.end() != b.start or b.notation == "day":
            continue
        ya, yb = a.value[0], b.value[0]
        out[i] = Fact("date", (ya or yb, *a.value[1:]), a.start, a.end, a.text, "start",
                      notation=a.notation)  # fmt: skip
        out[i + 1] = Fact("date", (yb or ya, *b.value[1:]), b.start, b.end, b.text, "end",
                          notation=b.notation)  # fmt: skip
    return out


def _weekdays(text: str, dates: list[Fact]) -> list[Fact]:
    """A bare weekday with a deadline or start word (*ends Sunday*, *周日截止*); a
    weekday written next to a date belongs to that date."""
    out = []
    for m in _WEEKDAY.finditer(text):
        if m.group("wd") and m.group("wd").islower():
            continue
        if any(
            d.start - 12 <= m.end() <= d.start or d.end <= m.start() <= d.end + 3 for d in dates
        ):
            continue
        role = _role(text, m.start(), m.end())
        if role is None:
            continue
        if m.group("wd"):
            weekday, notation = _WEEKDAYS.index(m.group("wd").lower()), "weekday"
        else:
            weekday = _ZH_WEEKDAYS.index(m.group("zwd").replace("天", "日"))
            notation = "weekday-zh"
        out.append(Fact("date", (None, None, None, weekday), *m.span(), m.group(), role,
                        notation=notation))  # fmt: skip
    return out


# -- promo codes, URLs, phone numbers -------------------------------------------------

_CODE = re.compile(
    r"(?P<kw>(?<![A-Za-z])(?i:promo(?:tion(?:al)?)?\s*code|coupon\s*code|discount\s*code"
    r"|voucher\s*code|offer\s*code|coupon|voucher|code)(?![A-Za-z])"
    r"|优惠码|折扣码|促销码|兑换码|优惠券码|券码)"
    r"\s*(?i:is\s+)?[:：]?\s*[\"'“‘「『]?(?P<code>[A-Za-z0-9][A-Za-z0-9_-]{2,19})(?![A-Za-z0-9_-])",
    _A,
)
_NOT_CODE_BEFORE = re.compile(
    r"(?i:\b(?:zip|postal|post|area|country|qr|source|status|error|dress|bar|morse|identifier"
    r"|reference|ref|tracking|order|confirmation|verification|security|claim|prize|pin|access"
    r"|activation)\s*)$",
    _A,
)
_URL = re.compile(
    r"(?i:https?://|www\.)[^\s<>\"'()\[\]{}，。、；！？）（「」]+",
    _A,
)
_URL_TRAIL = ".,;:!?'\"*_~"
_TRACKING = re.compile(
    r"(?i:utm_\w+|gclid|gbraid|wbraid|fbclid|msclkid|dclid|yclid|twclid|igshid|mc_cid|mc_eid"
    r"|_hsenc|_hsmi|li_fat_id|ttclid|spm)$",
    _A,
)
_UTILITY = re.compile(
    r"(?i:unsubscribe|opt-?out|opt_out|preferences|privacy|terms|legal|help|support|contact"
    r"|login|log-in|signin|sign-in|account|settings|cookies?)",
    _A,
)
_PHONE = re.compile(
    r"(?<![\w+/.,:$¥€£-])(?P<p>(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}"
    r"(?:[ .-]\d{2,8}){1,4})(?![\w/%-]|[.,]\d)",
    _A,
)
_PHONE_BARE = re.compile(
    r"(?:(?i:\b(?:call|phone|tel|text|whatsapp|fax|dial|hotline)\b)\.?:?\s*(?i:us\s+)?"
    r"(?i:(?:at|on)\s+)?|(?:电话|致电|拨打|热线|客服|手机)[:：]?\s*)(?P<p>\+?\d{10,13})(?!\d)",
    _A,
)
_PHONE_CUE = re.compile(
    r"(?i:\b(?:call|phone|tel|text|whatsapp|fax|dial|hotline|contact)\b)|电话|致电|拨打|热线|客服",
    _A,
)
_COUNTRY_2 = frozenset(
    [
        "20",
        "27",
        "30",
        "31",
        "32",
        "33",
        "34",
        "36",
        "39",
        "40",
        "41",
        "43",
        "44",
        "45",
        "46",
        "47",
        "48",
        "49",
        "51",
        "52",
        "53",
        "54",
        "55",
        "56",
        "57",
        "58",
        "60",
        "61",
        "62",
        "63",
        "64",
        "65",
        "66",
        "81",
        "82",
        "84",
        "86",
        "90",
        "91",
        "92",
        "93",
        "94",
        "95",
        "98",
    ]
)


def _codes(text: str, low: str) -> list[Fact]:
    out = []
    if not ("cod" in low or "coupon" in low or "voucher" in low or "码" in text):
        return out
    for m in _CODE.finditer(text):
        code = m.group("code")
        if not (any(c.isdigit() for c in code) or (code.isupper() and len(code) >= 3)):
            continue
        if _NOT_CODE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        out.append(Fact("code", (code.upper(),), *m.span("code"), code))
    return out


def normalize_url(url: str) -> str:
    """``HTTP://www.Acme.example:443/spring/?utm_source=x&b=2#top`` ->
    ``https://acme.example/spring?b=2``: https, lowercase host without ``www.`` and the
    default port, no trailing slash, no fragment, no tracking parameters, the rest of
    the query sorted."""
    if not url.lower().startswith(("http://", "https://")):
        url = "https://" + url
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = parts.port if parts.port not in (None, 80, 443) else None
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not _TRACKING.match(k))  # fmt: skip
    path = parts.path.rstrip("/")
    return f"https://{host}{f':{port}' if port else ''}{path}" + (
        f"?{urlencode(query)}" if query else ""
    )


def _urls(text: str, low: str) -> list[Fact]:
    out = []
    if "http" not in low and "www." not in low:
        return out
    for m in _URL.finditer(text):
        url = m.group().rstrip(_URL_TRAIL)
        try:
            normal = normalize_url(url)
        except ValueError:  # an invalid port or host
            continue
        path = urlsplit(normal).path
        if "." not in normal.split("/")[2] or _UTILITY.search(path):
            continue
        out.append(Fact("url", (normal,), m.start(), m.start() + len(url), url))
    return out


def normalize_phone(written: str) -> str:
    """The national number's digits: ``+1 (800) 555-0199``, ``1-800-555-0199`` and
    ``800.555.0199`` -> ``8005550199``; ``+86 10 1234 5678`` and ``010-1234-5678`` ->
    ``1012345678`` (country code and trunk ``0`` dropped)."""
    digits = re.sub(r"\D", "", written)
    if written.startswith("+"):
        first = re.match(r"\+(\d+)", written).group(1)
        if len(first) <= 3 and len(first) < len(digits):
            cc = first
        elif digits[0] in "17":
            cc = digits[0]
        else:
            cc = digits[:2] if digits[:2] in _COUNTRY_2 else digits[:3]
        digits = digits[len(cc) :]
    elif len(digits) == 11 and re.match(r"1[ .-]", written):
        digits = digits[1:]
    return digits[1:] if digits.startswith("0") else digits


_NO_DIGITS = str.maketrans("", "", "0123456789")
_PHONE_CUES = ("call", "phone", "tel", "text", "whatsapp", "fax", "dial", "hotline", "电话",
               "致电", "拨打", "热线", "客服", "手机")  # fmt: skip


def _phones(text: str, low: str) -> list[Fact]:
    out: list[Fact] = []
    if len(text) - len(text.translate(_NO_DIGITS)) < 10:
        return out  # no phone number has fewer than ten digits
    for m in _PHONE.finditer(text):
        written = m.group("p")
        digits = sum(c.isdigit() for c in written)
        if not 10 <= digits <= 13:
            continue
        formatted = written[0] in "+(" or any(c in "-." for c in written)
        if not formatted and not _PHONE_CUE.search(text, max(0, m.start() - 20), m.start()):
            continue
        out.append(Fact("phone", (normalize_phone(written),), *m.span("p"), written))
    for m in _PHONE_BARE.finditer(text) if any(c in low for c in _PHONE_CUES) else ():
        out.append(Fact("phone", (normalize_phone(m.group("p")),), *m.span("p"), m.group("p")))
    return out


# -- products and extraction ----------------------------------------------------------

_SENTENCE_END = re.compile(r"[!?。！？\n]|\.(?!\d)", _A)


@functools.lru_cache(maxsize=8)
def _product_regex(products: tuple[str, ...]) -> re.Pattern[str] | None:
    if not products:
        return None
    names = sorted(products, key=len, reverse=True)
    alternatives = "|".join(r"[\s\-_.·]*".join(map(re.escape, n.split())) for n in names)
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])", re.IGNORECASE)


def _with_products(text: str, facts: list[Fact], products: tuple[str, ...]) -> list[Fact]:
    """Prices with the product they belong to, within their sentence: a product named
    after the previous price and before this one (*Acme Pulse is $49*), else the first
    product named after it that no price has taken (*$49 for Acme Pulse*), else the last
    one named before it (*Acme Pulse: $49/month or $490/year*)."""
    regex = _product_regex(products)
    if regex is None or not any(f.kind == "price" for f in facts):
        return facts
    canonical = {_squash(n): n for n in products}
    mentions = [(m.start(), m.end(), canonical.get(_squash(m.group())))
                for m in regex.finditer(text)]  # fmt: skip
    if not mentions:
        return facts
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    taken: set[int] = set()  # mentions a price has taken
    previous = -1  # where the previous price ends
    out = []
    for f in facts:
        if f.kind == "price":
            low = max((e for e in ends if e <= f.start), default=0)
            high = min((e for e in ends if e > f.end), default=len(text))
            between = [i for i, (s, e, _) in enumerate(mentions)
                       if max(low, previous) <= s and e <= f.start and i not in taken]  # fmt: skip
            after = [i for i, (s, e, _) in enumerate(mentions)
                     if f.end <= s and e <= high and i not in taken]  # fmt: skip
            before = [i for i, (s, e, _) in enumerate(mentions) if low <= s and e <= f.start]
            pick = between[-1] if between else after[0] if after else None
            if pick is not None:
                taken.add(pick)
            elif before:
                pick = before[-1]
            product = mentions[pick][2] if pick is not None else None
            f = Fact(f.kind, f.value, f.start, f.end, f.text, f.unit, product, f.notation)
            previous = f.end
        out.append(f)
    return out


def _squash(name: str) -> str:
    return re.sub(r"[\s\-_.·]", "", name).lower()


_MAYBE = re.compile(r"\d|折|半价|月|周|星期|礼拜|码|(?i:https?://|www\.|code|coupon|voucher|day\b)",
                    _A)  # fmt: skip


def extract(text: str, products: Sequence[str] = ()) -> list[Fact]:
    """Every offer fact in ``text``, ordered by position. Where matches of different
    kinds overlap, the first kind of URL, code, discount/amount off, date, phone,
    price keeps the text. ``products`` are the framework's product names; a price is
    associated with the one it follows (or, failing that, precedes) in its sentence."""
    if not _MAYBE.search(text):
        return []
    low = text.lower()
    taken: list[tuple[int, int]] = []
    facts: list[Fact] = []
    for finder in (_urls, _codes, _discounts, _dates, _phones, _prices):
        for f in sorted(finder(text, low), key=lambda f: (f.start, f.start - f.end)):
            if any(s < f.end and f.start < e for s, e in taken):
                continue
            taken.append((f.start, f.end))
            facts.append(f)
    facts.sort(key=lambda f: (f.start, f.end))
    return _with_products(text, facts, tuple(products))


# -- values from a campaign brief -------------------------------------------------------

_BRIEF_PERCENT = re.compile(rf"\s*(?P<n>{_NUM})\s*%\s*", _A)
_BRIEF_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{1,39}", _A)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", _A)


def brief_fact(kind: str, text: str, role: str | None = None) -> Fact | None:
    """The fact a campaign brief states for ``kind`` (``discount``, ``price``,
    ``date``, ``code``, ``url``, ``phone``), or None when ``text`` does not read as
    one. A discount may be a percentage (``20%``, ``20% off``, ``八折``) or an amount
    off (``$10 off``, ``满300减50``); a date must be ``YYYY-MM-DD``."""
    text = text.strip()
    whole = [f for f in extract(text) if (f.start, f.end) == (0, len(text))]
    if kind == "discount":
        m = _BRIEF_PERCENT.fullmatch(text)
        if m and 0 < Decimal(_amount(m.group("n"))) < 100:
            return Fact("discount", (_amount(m.group("n")), False), 0, len(text), text,
                        notation="pct")  # fmt: skip
        return next((f for f in whole if f.kind in ("discount", "amount_off")), None)
    if kind == "price":
        return next((f for f in whole if f.kind == "price"), None)
    if kind == "date":
        m = _ISO_DATE.fullmatch(text)
        if m is None or not _valid(*map(int, m.groups())):
            return None
        year, month, day = map(int, m.groups())
        return Fact("date", (year, month, day, None), 0, len(text), text, role, notation="iso")
    if kind == "code":
        return (
            Fact("code", (text.upper(),), 0, len(text), text)
            if _BRIEF_CODE.fullmatch(text)
            else None
        )
    if kind == "url":
        if not _URL.fullmatch(text):
            return None
        try:
            return Fact("url", (normalize_url(text),), 0, len(text), text)
        except ValueError:
            return None
    if kind == "phone":
        digits = sum(c.isdigit() for c in text)
        if 7 <= digits <= 15 and re.fullmatch(r"\+?[\d\s().-]+", text):
            return Fact("phone", (normalize_phone(text),), 0, len(text), text)
        return None
    raise ValueError(kind)


# -- rendering a value the way a draft wrote its own ------------------------------------

_FIRST_NUMBER = re.compile(_NUM, _A)


def render(target: Fact, like: Fact) -> str | None:
    """``target``'s value written in ``like``'s notation (the draft's own), for a
    suggestion or a fix: 25% off -> ``20% off``; 七五折 -> ``八折``; May 7 -> ``May 5``;
    5月7日 -> ``5月5日``; Sunday -> ``Tuesday``. None when it cannot be written so."""
    kind = like.kind
    if target.kind != kind:
        return None
    if kind == "discount":
        return _render_discount(target, like)
    if kind in ("price", "amount_off"):
        if target.unit != like.unit or target.value[1:] != like.value[1:]:
            return target.text if target.notation == like.notation else None
        return _replace_number(like.text, target.value[0])
    if kind == "date":
        return _render_date(target, like)
    return target.text


def _replace_number(text: str, amount: str) -> str:
    m = _FIRST_NUMBER.search(text)
    if m is None:
        return text
    written = amount
    if "." in m.group() and "." not in amount:
        written = f"{amount}.{'0' * len(m.group().split('.')[1])}"
    return text[: m.start()] + written + text[m.end() :]


def _render_discount(target: Fact, like: Fact) -> str | None:
    percent, up_to = target.value
    if up_to != like.value[1] and like.notation not in ("pct", "percent"):
        return None
    if like.notation in ("zhe", "zhe-cn", "half"):
        pay = 100 - Decimal(percent)
        if pay % 10 == 0:
            n = int(pay // 10)
            number = str(n) if like.notation == "zhe" else _cn_numeral(n)
        elif like.notation == "zhe":
            number = f"{pay / 10:f}".rstrip("0")
        else:
            number = "".join(_cn_numeral(int(c)) for c in str(int(pay)))
        prefix = like.text[: like.text.find(next(c for c in like.text if c not in "低至最到打 "))]
        return f"{prefix if up_to else ''}{number}折"
    text = _replace_number(like.text, percent)
    if up_to and not like.value[1]:
        return f"up to {text}"
    if like.value[1] and not up_to:
        return re.sub(r"(?i)^up\s+to\s+", "", text)
    return text


def _render_date(target: Fact, like: Fact) -> str | None:
    year, month, day, _weekday = target.value
    n = like.notation
    if n in ("weekday", "weekday-zh"):
        wd = target.weekday()
        if wd is None:
            return None
        if n == "weekday":
            name = _WEEKDAYS[wd]
            return name.upper() if like.text.isupper() else name.capitalize()
        return re.sub(r"[一二三四五六日天]$", _ZH_WEEKDAYS[wd], like.text)
    if month is None:
        return None
    like_year = like.value[0] if like.notation != "day" else None
    show_year = year if like_year is not None or n == "iso" else None
    if n == "iso" and year is None:
        return None
    if n == "iso":
        sep = next((c for c in like.text if not c.isdigit()), "-")
        return f"{year:04d}{sep}{month:02d}{sep}{day:02d}"
    if n == "day":
        return str(day) if month == like.value[1] else None
    if n in ("md", "dm"):
        mon = re.match(
            r"[A-Za-z]+\.?", like.text[like.text.find(next(c for c in like.text if c.isalpha())) :]
        )
        word = mon.group() if mon else "May"
        name = _MONTH_NAMES[month - 1]
        short = word.rstrip(".")
        name = name if len(short) > 3 and short.lower() != "sept" else name[:3]
        name = name.upper() if short.isupper() and len(short) > 1 else name
        name += "." if word.endswith(".") and len(name) == 3 else ""
        ordinal = re.search(r"\d(st|nd|rd|th)", like.text)
        d = f"{day}{_ordinal(day) if ordinal else ''}"
        text = f"{name} {d}" if n == "md" else f"{d} {name}"
        return f"{text}, {show_year}" if show_year else text
    if n in ("slash", "slash-dm"):
        a, b = (day, month) if n == "slash-dm" else (month, day)
        text = f"{a}/{b}"
        if show_year:
            text += (
                f"/{show_year % 100:02d}" if re.search(r"/\d{2}$", like.text) else f"/{show_year}"
            )
        return text
    suffix = like.text[-1]
    if n == "zh-cn":
        y = (
            "".join("〇一二三四五六七八九"[int(c)] for c in str(show_year)) + "年"
            if show_year
            else ""
        )
        return f"{y}{_cn_numeral(month)}月{_cn_numeral(day)}{suffix}"
    return f"{f'{show_year}年' if show_year else ''}{month}月{day}{suffix}"


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
