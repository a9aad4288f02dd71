"""Length the way each platform counts it (SPEC §3.3).

One pure function per counting method; :data:`COUNTERS` maps the method names used
in the framework file (``channels.<name>.limits.<field>.count``) to them:

``characters``
    Unicode code points after NFC normalisation (``é`` typed as e + accent is 1).
``double_width``
    Google Ads and Microsoft Advertising: each character counts 1, except East Asian
    Wide/Fullwidth characters (Chinese, Japanese, Korean, full-width punctuation) and
    emoji, which count 2. Decided per character, not by campaign language. An emoji
    made of several code points (👍🏽, 🇯🇵, 👩‍💻) is one emoji: 2.
    https://support.google.com/google-ads/answer/17091269 ,
    https://learn.microsoft.com/en-us/advertising/campaign-management-service/responsivesearchad
``x_weighted``
    X (Twitter) v3 weighting after NFC: code points in U+0000–10FF, U+2000–200D,
    U+2010–201F and U+2032–2037 count 1, every other code point 2; an emoji sequence
    (ZWJ, skin tone, flag, keycap) counts 2 as a whole; every URL counts 23, however
    long. https://docs.x.com/fundamentals/counting-characters ,
    ``twitter/twitter-text:config/v3.json``
``utf16``
    UTF-16 code units, as TikTok's Content Posting API counts captions: characters
    outside the Basic Multilingual Plane (most emoji) count 2.
    https://developers.tiktok.com/doc/content-posting-api-reference-direct-post
``utf8_bytes``
    UTF-8 bytes, as YouTube limits descriptions: ASCII 1, accented Latin 2, Chinese 3,
    emoji 4. https://developers.google.com/youtube/v3/docs/videos
``half_width_ascii``
    Weibo-style: characters U+0000–00FF (ASCII and Latin-1) count ½, everything else
    1, after NFC. A 2012 measurement, not confirmed since: **unverified**.
    http://schappo.blogspot.com/2012
``hashtags``
    The number of hashtags (``#word``, ``＃word``; ``#1`` and ``C#`` are not hashtags),
    for Instagram's hashtag limit.
``sms_segments``
    The number of SMS segments (:func:`sms_segments`): GSM-7 160 septets in one
    segment, 153 per segment when concatenated, extension-table characters
    (``€ [ ] { } \\ ^ ~ |`` and form feed) take 2; one character outside GSM 03.38
    makes the whole message UCS-2: 70 UTF-16 units, 67 per concatenated segment.
    https://www.twilio.com/docs/glossary/what-sms-character-limit

Counting is C-speed on long texts (normalisation, encoding and regular expressions);
Python-level loops run only on the stretch of text that :func:`overflow_offset`
walks to find where a limit is crossed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from difflib import get_close_matches
from functools import lru_cache
from itertools import accumulate

from ..errors import BrandlintError

# --- emoji --------------------------------------------------------------------------

# Pictographs in the astral emoji blocks (Mahjong tiles to Symbols and Pictographs
# Extended-A): emoji even without a variation selector. Covers emoji newer than the
# running Python's Unicode database.
_ASTRAL_PICT = r"\U0001F000-\U0001FAFF"
# BMP pictographs (Extended_Pictographic) that are text by default: an emoji only with
# VS16, a skin-tone modifier or inside a ZWJ sequence (❤️, ☝🏽, 🏳️‍🌈).
_BMP_PICT = (
    r"\u00A9\u00AE\u203C\u2049\u2122\u2139\u2194-\u2199\u21A9\u21AA\u231A\u231B\u2328"
    r"\u23CF\u23E9-\u23F3\u23F8-\u23FA\u24C2\u25AA\u25AB\u25B6\u25C0\u25FB-\u25FE"
    r"\u2600-\u27BF\u2934\u2935\u2B05-\u2B07\u2B1B\u2B1C\u2B50\u2B55\u3030\u303D"
    r"\u3297\u3299"
)
_QUALIFIER = r"[\uFE0F\U0001F3FB-\U0001F3FF]"  # VS16 or a skin-tone modifier
# BMP pictographs that are emoji by default (Emoji_Presentation=Yes): ✅ ⭐ ⚡ ☕…
_BMP_EMOJI = (
    r"\u231A\u231B\u23E9-\u23EC\u23F0\u23F3\u25FD\u25FE\u2614\u2615\u2648-\u2653"
    r"\u267F\u2693\u26A1\u26AA\u26AB\u26BD\u26BE\u26C4\u26C5\u26CE\u26D4\u26EA"
    r"\u26F2\u26F3\u26F5\u26FA\u26FD\u2705\u270A\u270B\u2728\u274C\u274E"
    r"\u2753-\u2755\u2757\u2795-\u2797\u27B0\u27BF\u2B1B\u2B1C\u2B50\u2B55"
)
_EMOJI = (
    r"\U0001F3F4[\U000E0020-\U000E007E]+\U000E007F"  # subdivision flag: 🏴, tags, cancel
    r"|[\U0001F1E6-\U0001F1FF]{2}"  # country flag: two regional indicators
    r"|[0-9#*]\uFE0F?\u20E3"  # keycap 1️⃣
    rf"|(?:[{_ASTRAL_PICT}{_BMP_EMOJI}]{_QUALIFIER}?|[{_BMP_PICT}](?:{_QUALIFIER}|(?=\u200D)))"
    rf"(?:\u200D[{_ASTRAL_PICT}{_BMP_PICT}]{_QUALIFIER}?)*"  # ZWJ sequence
)
_EMOJI_RE = re.compile(_EMOJI)

# --- URLs (X counts each as 23) -----------------------------------------------------

# Generic TLDs recognised without "https://"; a URL with a scheme needs none of them.
# (Word lists read best as text, hence the split.)
_GTLDS = (  # noqa: SIM905
    "com net org info biz edu gov mil int name pro mobi aero asia cat coop jobs museum "
    "tel travel app dev page blog shop store online site website tech cloud club xyz "
    "top live news world media digital agency studio design email link click space fun "
    "life today network solutions company services group global center marketing "
    "market deals sale shopping health care finance money bank capital ventures academy "
    "education school university art photo photography music video film games game "
    "social chat team work works jobs careers events guide help support expert systems "
    "software data host hosting domains eco green earth city london nyc paris berlin "
    "tokyo vip ltd inc llc gmbh xin wang shouji"
).split()
# Country-code TLDs. A bare "name.cc" (one label) is only a URL with a path or with
# .co/.tv, as in twitter-text, so "file.py" and "Acme.io" stay plain text.
_CCTLDS = (  # noqa: SIM905
    "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn "
    "bo bq br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz "
    "de dj dk dm do dz ec ee eg eh er es et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi "
    "gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je "
    "jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md "
    "me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np "
    "nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd "
    "se sg sh si sj sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn "
    "to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw"
).split()


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted(set(words), key=lambda w: (-len(w), w)))


_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_TLD_END = r"(?![a-z0-9@-]|\.[a-z0-9])"  # the whole last label, not "com" of "com.cn"
_PATH_CHARS = r"[a-z0-9\u00C0-\u024F\u0400-\u04FF!*';:=+,.$/%#\[\]\-\u2013_~@|&?()]"
_URL = (
    r"(?i:(?:"
    rf"(?<![a-z0-9@＠$#＃])https?://(?:{_LABEL}\.)+{_LABEL}"
    r"|(?<![a-z0-9@＠$#＃\-_./])(?:"
    rf"(?:{_LABEL}\.)+(?:{_alternation(_GTLDS)}){_TLD_END}"
    rf"|(?:{_LABEL}\.){{2,}}(?:{_alternation(_CCTLDS)}){_TLD_END}"
    rf"|{_LABEL}\.(?:co|tv){_TLD_END}"
    rf"|{_LABEL}\.(?:{_alternation(_CCTLDS)})(?=/)"
    rf"))(?::[0-9]{{1,5}})?(?:[/?#]{_PATH_CHARS}*)?)"
)
# A URL ends on one of these (twitter-text's valid path/query ending characters), so
# "see acme.com/spring." leaves the full stop out; ")" only when it closes a "(".
_URL_END = re.compile(r"[a-z0-9=_#/+\-&\u00C0-\u024F\u0400-\u04FF]", re.IGNORECASE)
X_URL_WEIGHT = 23

# X: code points in these ranges weigh 1, all others 2 (twitter-text config v3).
_X_HEAVY = re.compile(r"[^\x00-\u10FF\u2000-\u200D\u2010-\u201F\u2032-\u2037]")

# --- hashtags -----------------------------------------------------------------------

_HASHTAG = re.compile(r"(?<![\w&#＃/])[#＃]\w*[^\W\d]\w*")

# --- SMS (GSM 03.38 / 3GPP TS 23.038) -----------------------------------------------

GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)  # the 127 characters of the default alphabet (0x1B is the escape)
GSM_EXTENSION = "\f^{}\\[~]|€"  # escape + one septet: each counts 2
_NON_GSM = re.compile("[^" + re.escape(GSM_BASIC + GSM_EXTENSION) + "]")
_GSM_EXT = re.compile("[" + re.escape(GSM_EXTENSION) + "]")
GSM7, UCS2 = "GSM-7", "UCS-2"
_SMS_CAPACITY = {GSM7: (160, 153), UCS2: (70, 67)}  # one segment, each of several


# --- the counting methods -----------------------------------------------------------

Token = tuple[int, int, float]  # start, end, weight of an atomic unit (URL, emoji)


@dataclass(frozen=True)
class _Method:
    """How a method counts: ``weigh`` gives the weight of a run of ordinary characters;
    ``tokens`` finds units that count as a whole; ``nfc`` normalises first."""

    weigh: Callable[[str], float]
    tokens: Callable[[str], Iterator[Token]] | None = None
    nfc: bool = True


@lru_cache(maxsize=1)
def _wide_bmp() -> re.Pattern[str]:
    """A class of the East Asian Wide or Fullwidth characters of the BMP, built once
    from the running Python's Unicode database (none lies below U+1100)."""
    ranges: list[list[int]] = []
    for cp in range(0x1100, 0x10000):
        if _is_wide(chr(cp)):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]")


def _is_wide(char: str) -> bool:
    # Planes 2 and 3 (CJK Extension B onwards) are wide, assigned or not.
    return 0x20000 <= ord(char) <= 0x3FFFD or unicodedata.east_asian_width(char) in ("W", "F")


_ASTRAL = re.compile(r"[𐀀-􏿿]")


def _double_width_weight(text: str) -> int:
    if text.isascii():
        return len(text)
    wide = len(_wide_bmp().findall(text))
    wide += sum(1 for char in _ASTRAL.findall(text) if _is_wide(char))  # few, emoji aside
    return len(text) + wide


def _emoji_tokens(text: str) -> Iterator[Token]:
    for m in _EMOJI_RE.finditer(text):
        yield m.start(), m.end(), 2


def emoji_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each emoji in ``text``, a ZWJ sequence, flag, keycap or
    skin-toned emoji being one. Pass raw text: NFKC and removing zero-width
    characters would split ZWJ sequences."""
    if text.isascii():
        return []
    return [m.span() for m in _EMOJI_RE.finditer(text)]


@lru_cache(maxsize=1)
def _x_tokens_re() -> re.Pattern[str]:
    """URLs or emoji; compiled on first use (the TLD alternations take a few ms)."""
    return re.compile(rf"(?P<url>{_URL})|{_EMOJI}")


def _x_tokens(text: str) -> Iterator[Token]:
    for m in _x_tokens_re().finditer(text):
        if m.lastgroup == "url":
            yield m.start(), m.start() + _url_length(m.group()), X_URL_WEIGHT
        else:
            yield m.start(), m.end(), 2


def _url_length(url: str) -> int:
    """Length of ``url`` without trailing punctuation."""
    end = len(url)
    while not _URL_END.match(url[end - 1]):
        if url[end - 1] == ")" and url.count("(", 0, end) >= url.count(")", 0, end):
            break
        end -= 1
    return end


def _hashtag_tokens(text: str) -> Iterator[Token]:
    for m in _HASHTAG.finditer(text):
        yield m.start(), m.end(), 1


_METHODS: dict[str, _Method] = {
    "characters": _Method(len),
    "double_width": _Method(_double_width_weight, _emoji_tokens),
    "x_weighted": _Method(lambda s: len(s) + len(_X_HEAVY.findall(s)), _x_tokens),
    "utf16": _Method(lambda s: len(s.encode("utf-16-le", "surrogatepass")) // 2, nfc=False),
    "utf8_bytes": _Method(lambda s: len(s.encode("utf-8", "surrogatepass")), nfc=False),
    "half_width_ascii": _Method(lambda s: len(s) - len(s.encode("latin-1", "ignore")) / 2),
    "hashtags": _Method(lambda s: 0, _hashtag_tokens, nfc=False),
}


def _count(method: _Method, text: str) -> float:
    if method.nfc and not text.isascii():  # ASCII is NFC already
        text = unicodedata.normalize("NFC", text)
    if method.tokens is None or (method.tokens is _emoji_tokens and text.isascii()):
        return method.weigh(text)
    total: float = 0
    rest: list[str] = []
    pos = 0
    for start, end, weight in method.tokens(text):
        rest.append(text[pos:start])
        total += weight
        pos = end
    rest.append(text[pos:])
    return total + method.weigh("".join(rest))


def characters(text: str) -> int:
    """Unicode code points after NFC."""
    return int(_count(_METHODS["characters"], text))


def double_width(text: str) -> int:
    """Google/Microsoft Ads length: wide/fullwidth characters and emoji count 2."""
    return int(_count(_METHODS["double_width"], text))


def x_weighted(text: str) -> int:
    """X weighted length: CJK and emoji 2, every URL 23, after NFC."""
    return int(_count(_METHODS["x_weighted"], text))


def utf16(text: str) -> int:
    """UTF-16 code units (TikTok)."""
    return int(_count(_METHODS["utf16"], text))


def utf8_bytes(text: str) -> int:
    """UTF-8 bytes (YouTube description)."""
    return int(_count(_METHODS["utf8_bytes"], text))


def half_width_ascii(text: str) -> float:
    """Weibo-style length: U+0000–00FF count ½, others 1 (unverified rule)."""
    return _count(_METHODS["half_width_ascii"], text)


def hashtags(text: str) -> int:
    """Number of hashtags."""
    return int(_count(_METHODS["hashtags"], text))


# --- SMS ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SmsCount:
    """How an SMS is sent: ``encoding`` GSM-7 or UCS-2, ``units`` (septets for GSM-7,
    UTF-16 units for UCS-2), ``segments``, and for UCS-2 the first character that is
    not in the GSM alphabet (``trigger``)."""

    encoding: str
    units: int
    segments: int
    trigger: str | None = None


def _sms_encoding(text: str) -> tuple[str, str | None]:
    m = _NON_GSM.search(text)
    return (GSM7, None) if m is None else (UCS2, m.group())


def _sms_sizes(text: str, encoding: str) -> Iterator[int]:
    """Units of each character; an escape sequence or a surrogate pair is never split
    across segments, so it is one item of 2."""
    if encoding == GSM7:
        return (2 if c in GSM_EXTENSION else 1 for c in text)
    return (2 if ord(c) > 0xFFFF else 1 for c in text)


def _segment_starts(text: str, encoding: str) -> Iterator[int]:
    """Offsets where each segment of a concatenated message begins."""
    capacity = _SMS_CAPACITY[encoding][1]
    used = capacity
    for i, size in enumerate(_sms_sizes(text, encoding)):
        if used + size > capacity:
            yield i
            used = 0
        used += size


def sms_segments(text: str) -> SmsCount:
    """Encoding, units and segment count of ``text`` sent as one SMS."""
    encoding, trigger = _sms_encoding(text)
    if encoding == GSM7:
        units = len(text) + len(_GSM_EXT.findall(text))
    else:
        units = len(text.encode("utf-16-le", "surrogatepass")) // 2
    single, multi = _SMS_CAPACITY[encoding]
    if units <= single:
        segments = 1 if units else 0
    elif units == len(text):  # every character is one unit: nothing to keep together
        segments = -(-units // multi)
    else:
        segments = sum(1 for _ in _segment_starts(text, encoding))
    return SmsCount(encoding, units, segments, trigger)


def _sms_segment_count(text: str) -> int:
    return sms_segments(text).segments


COUNTERS: dict[str, Callable[[str], float]] = {
    "characters": characters,
    "double_width": double_width,
    "x_weighted": x_weighted,
    "utf16": utf16,
    "utf8_bytes": utf8_bytes,
    "half_width_ascii": half_width_ascii,
    "hashtags": hashtags,
    "sms_segments": _sms_segment_count,
}


def check_method(method: str) -> None:
    """Raise a :class:`BrandlintError` naming the closest method when ``method`` is unknown."""
    if method not in COUNTERS:
        close = get_close_matches(method, COUNTERS, n=1)
        raise BrandlintError(
            f"unknown counting method {method!r}",
            hint=f"did you mean {close[0]!r}?" if close else "one of: " + ", ".join(COUNTERS),
        )


def count(text: str, method: str) -> float:
    """``text`` counted with ``method`` (a key of :data:`COUNTERS`)."""
    check_method(method)
    return COUNTERS[method](text)


# --- where a limit is crossed -------------------------------------------------------


def _normalized(text: str) -> tuple[str, list[int] | None]:
    """NFC ``text`` and, when that differs from ``text``, the source offset of each of
    its characters. Normalisation runs per cluster: a character starts a new cluster
    unless it is a combining mark or composes with the end of the cluster so far (a
    Hangul jamo, an Indic vowel sign), so each result character knows its source."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    parts: list[str] = []
    offsets: list[int] = []
    start = 0
    chunk = ""
    for i, char in enumerate(text):
        starts_cluster = (
            chunk
            and not unicodedata.combining(char)
            and unicodedata.is_normalized("NFC", chunk[-1] + char)
        )
        if starts_cluster:
            parts.append(chunk)
            offsets.extend([start] * len(chunk))
            start = i
        chunk = unicodedata.normalize("NFC", text[start : i + 1])
    parts.append(chunk)
    offsets.extend([start] * len(chunk))
    return "".join(parts), offsets


def _units(method: _Method, text: str) -> Iterator[tuple[int, float]]:
    """``(source offset, weight)`` of each unit of ``text`` in order: a token or a
    single character."""
    norm, offsets = _normalized(text) if method.nfc else (text, None)
    tokens = method.tokens(norm) if method.tokens else iter(())
    pos = 0
    for start, end, weight in (*tokens, (len(norm), len(norm), 0)):
        for i in range(pos, start):
            yield (offsets[i] if offsets else i), method.weigh(norm[i])
        if end > start:
            yield (offsets[start] if offsets else start), weight
        pos = end


def _sms_overflow(text: str, limit: float) -> int:
    encoding, _ = _sms_encoding(text)
    if limit < 1:
        return 0
    if limit < 2:  # must fit one segment: the single-segment capacity applies
        single = _SMS_CAPACITY[encoding][0]
        used = accumulate(_sms_sizes(text, encoding))
        return next((i for i, units in enumerate(used) if units > single), 0)
    starts = _segment_starts(text, encoding)
    return next((s for n, s in enumerate(starts, 1) if n > limit), 0)


_ONE_PER_ASCII = frozenset({"characters", "double_width", "utf16", "utf8_bytes"})


def overflow_offset(text: str, method: str, limit: float) -> int | None:
    """Offset in ``text`` of the first character that does not fit in ``limit``
    counted with ``method`` (``text[offset:]`` is what the platform would cut or
    reject), or None when ``text`` is within the limit. For ``hashtags`` it is the
    start of the first hashtag over the limit; for ``sms_segments`` the first
    character beyond the allowed segments."""
    return measure(text, method, limit)[1]


def measure(text: str, method: str, limit: float) -> tuple[float, int | None]:
    """``text`` counted with ``method``, and its :func:`overflow_offset` for ``limit``:
    a caller that reports the count as well counts only once."""
    n = count(text, method)
    return n, (None if n <= limit else _overflow_start(text, method, limit))


def _overflow_start(text: str, method: str, limit: float) -> int:
    """:func:`overflow_offset` of a ``text`` known to be over ``limit``."""
    if method == "sms_segments":
        return _sms_overflow(text, limit)
    if method in _ONE_PER_ASCII and text.isascii():
        return int(limit)  # every character counts 1
    units = _units(_METHODS[method], text)
    offsets = (offset for offset, total in _running(units) if total > limit)
    return next(offsets, 0)  # 0 (the whole text) only if units and counter disagreed


def _running(units: Iterable[tuple[int, float]]) -> Iterator[tuple[int, float]]:
    """Each unit's offset with the running total up to and including it."""
    total: float = 0
    for offset, weight in units:
        total += weight
        yield offset, total
