"""The ``channel-limit`` rule: a field longer than its channel allows (SPEC §3.1, §3.3)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..findings import Severity
from ..framework.model import Channel, Limit
from ..nlp.counting import measure, sms_segments
from ..profiles import PROFILES, effective_limits, field_limits
from .base import DraftContext, Example, Hit, Rule

_UNIT = {
    "characters": "characters",
    "double_width": "characters",
    "x_weighted": "characters",
    "utf16": "UTF-16 units",
    "utf8_bytes": "bytes",
    "half_width_ascii": "characters",
}
# Completes "<platform> counts …" for every method that is not plain characters.
_HOW = {
    "double_width": "double-width characters such as CJK and emoji as 2",
    "x_weighted": "CJK and emoji as 2 and every link as 23",
    "utf16": "UTF-16 units, so most emoji count 2",
    "utf8_bytes": "UTF-8 bytes: a Chinese character takes 3, an emoji 4",
    "half_width_ascii": "ASCII and Latin-1 characters as ½",
}


class ChannelLimit(Rule):
    """A field longer than its channel allows, counted the way the platform counts.

    Each channel of the framework names a built-in profile (``profile: google_ads``)
    whose field limits apply, and may override or add limits of its own
    (``limits: {subject: 40}``). A **hard** limit is one the platform enforces (it
    rejects or truncates the text): an error. A **soft** limit is guidance (the text
    is cut off behind "See more" or in the inbox): a warning. The finding underlines
    exactly the text beyond the limit, the part readers would lose.

    Platforms do not count the same way, which is why a character counter is not
    enough:

    - Google Ads, Microsoft Advertising and push titles count double-width
      characters (Chinese, Japanese, Korean, full-width punctuation, emoji) as 2: a
      Google Ads headline holds 30 Latin letters but 15 Chinese characters.
    - X counts CJK and emoji as 2, every link as 23 however long, after Unicode NFC
      normalisation; an emoji sequence (👩‍💻, 👍🏽, 🇯🇵) is one emoji.
    - TikTok counts UTF-16 units (most emoji are 2); YouTube limits descriptions in
      UTF-8 bytes (a Chinese character is 3, an emoji 4).
    - An SMS is one segment of 160 GSM-7 characters (``€ [ ] { } \\ ^ ~ |`` take 2);
      a single character outside the GSM alphabet (an emoji, a Chinese character, a
      curly quote, an em dash) turns the whole message into UCS-2 with 70 characters
      per segment. Longer messages are split into segments of 153 (GSM-7) or 67
      (UCS-2) and each segment is billed.
    - Instagram allows 5 hashtags per post; Weibo 140 Chinese characters (its
      reported "ASCII counts ½" rule is unverified, so it is opt-in:
      ``count: half_width_ascii``).

    Everything else counts Unicode characters after NFC. Every profile, limit,
    counting method and source link is listed in ``docs/channels.md``.
    """

    id = "channel-limit"
    severity = Severity.ERROR
    summary = "A field longer than its channel limit, counted the way the platform counts."
    needs_doc = False
    examples = (
        Example(
            "一站式品牌营销平台，现已正式上线",
            True,
            "google_ads headline: 16 Chinese characters count 32 of 30",
        ),
        Example("一站式品牌营销平台现已上线", False, "google_ads headline: 13 count 26 of 30"),
        Example("Launch on-brand ads in minutes", False, "google_ads headline: exactly 30 of 30"),
        Example(
            "Spring sale: 20% off everything until Sunday — use code SPRING20. Reply STOP to "
            "opt out.",
            True,
            "sms body: the em dash is not GSM-7, so the message is UCS-2 and needs 2 segments",
        ),
        Example(
            "Spring sale: 20% off everything until Sunday - use code SPRING20. Reply STOP to "
            "opt out.",
            False,
            "sms body: with a hyphen the message is GSM-7 and fits one segment",
        ),
        Example(
            "New drop 🌸 #spring #sale #style #ootd #fashion #new",
            True,
            "instagram caption: 6 hashtags of 5",
        ),
    )
    source = "docs/channels.md: each limit links the platform documentation it comes from"

    def __init__(self) -> None:
        self._limits: dict[tuple[Channel, str], list[Limit]] = {}

    def _applicable(self, channel: Channel, field: str) -> list[Limit]:
        """The limits of ``channel`` on the field named ``field``, hard ones first;
        worked out once per channel and field name."""
        key = (channel, field)
        limits = self._limits.get(key)
        if limits is None:
            found = field_limits(effective_limits(channel), field).values()
            limits = self._limits[key] = sorted(found, key=lambda x: not x.hard)
        return limits

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        channel = ctx.channel
        if channel is None:
            return
        platform = PROFILES[channel.profile].platform if channel.profile else channel.name
        for fld in ctx.draft.fields:
            over_hard: set[str] = set()  # counting methods whose hard limit fired
            for limit in self._applicable(channel, fld.name):
                if not limit.hard and limit.count in over_hard:
                    continue  # the hard limit on the same count already says more
                n, start = measure(fld.text, limit.count, limit.max)
                if start is None:
                    continue
                if limit.hard:
                    over_hard.add(limit.count)
                yield Hit(
                    message=_message(fld.name, fld.text, n, limit, channel.name, platform),
                    field=fld.name,
                    start=start,
                    end=len(fld.text),
                    severity=Severity.ERROR if limit.hard else Severity.WARNING,
                )


def _message(name: str, text: str, n: float, limit: Limit, channel: str, platform: str) -> str:
    """What is over (``text`` counts ``n``), by how much, and how the platform counted it."""
    verb = "allows" if limit.hard else "recommends at most"
    if limit.count == "sms_segments":
        sms = sms_segments(text)
        why = sms.encoding if sms.trigger is None else f"UCS-2 because of {_show(sms.trigger)}"
        return (
            f"{name} needs {_plural(sms.segments, 'SMS segment')} ({why}, "
            f"{sms.units} characters); {channel} {verb} {_num(limit.max)}"
        )
    if limit.count == "hashtags":
        return f"{name} has {_plural(n, 'hashtag')}; {channel} {verb} {_num(limit.max)}"
    notes = [f"{platform} counts {_HOW[limit.count]}"] if limit.count in _HOW else []
    if not limit.hard:
        notes.append("recommended maximum")
    tail = f" ({'; '.join(notes)})" if notes else ""
    return f"{name} is {_num(n)}/{_num(limit.max)} {_UNIT[limit.count]}{tail}"


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _plural(n: float, noun: str) -> str:
    return f"{_num(n)} {noun}" + ("" if n == 1 else "s")


def _show(char: str) -> str:
    """A character for a message: visible ones quoted, invisible ones by code point."""
    name = unicodedata.name(char, f"U+{ord(char):04X}").lower()
    if unicodedata.category(char)[0] in "CMZ":
        return f"U+{ord(char):04X} ({name})"
    return f"'{char}' ({name})"
