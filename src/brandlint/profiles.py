"""Built-in channel profiles (SPEC §3.3) and the limits a framework channel ends up with.

A profile maps **limit keys** to :class:`~brandlint.framework.model.Limit` values. A
key is a field name (``subject``), a field type (``headline`` covers ``headline_1`` …
``headline_15``), or either followed by ``.`` and a label when a field carries a
second limit: ``caption.hashtags`` is Instagram's hashtag limit on the caption,
``body.max`` the 10-segment ceiling of an SMS body next to its 1-segment ``body``
guidance. Everything before the first ``.`` names the field. For the same label, a
key naming the exact field (``headline_1``) wins over one naming its type.

Facts and sources: ``shared/research/channels-and-tools.md`` §B; the user-facing
table is ``docs/channels.md``. Figures marked unverified are ones the research could
not confirm from the platform itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from difflib import get_close_matches

from .drafts import field_kind
from .errors import BrandlintError
from .framework.model import Channel, Limit
from .nlp.counting import check_method


@dataclass(frozen=True)
class Profile:
    """A platform's field limits. ``platform`` is the name messages use ("Google Ads");
    ``unverified`` lists limit keys whose figure or counting rule is not confirmed."""

    name: str
    platform: str
    description: str
    limits: dict[str, Limit] = field(default_factory=dict, hash=False)
    unverified: tuple[str, ...] = ()


_GOOGLE_RSA = "https://developers.google.com/google-ads/api/docs/responsive-search-ads"
_GOOGLE_HEADLINE = f"{_GOOGLE_RSA}/create-responsive-search-ads"
_GOOGLE_DESCRIPTION = f"{_GOOGLE_RSA}/overview"
_GOOGLE_DOUBLE_WIDTH = "https://support.google.com/google-ads/answer/17091269"
_MICROSOFT_RSA = (
    "https://learn.microsoft.com/en-us/advertising/campaign-management-service/responsivesearchad"
)
_META = "https://adsuploader.com/blog/meta-ad-copy-specs"
_META_SHORT = "https://lettercounter.org/blog/facebook-instagram-ads-character-limits"
_X = "https://docs.x.com/fundamentals/counting-characters"
_UPLOAD_POST = "https://docs.upload-post.com/resources/character-limits/"
_LINKEDIN_ADS = (
    "https://help.rollworks.com/hc/en-us/articles/"
    "360041152051-LinkedIn-Ads-Specifications-and-How-to-Upload"
)
_INSTAGRAM = "https://ayrshare.com/integration/instagram"
_INSTAGRAM_HASHTAGS = (
    "https://en.shiftdelete.net/an-era-is-ending-on-instagram-hashtag-limit-imposed"
)
_TIKTOK = "https://developers.tiktok.com/doc/content-posting-api-reference-direct-post"
_YOUTUBE = "https://developers.google.com/youtube/v3/docs/videos"
_EMAIL_SUBJECT = "https://lettercounter.org/blog/email-subject-line-length-guide"
_EMAIL_PREHEADER = "https://react.email/docs/components/preview"
_SMS = "https://www.twilio.com/docs/glossary/what-sms-character-limit"
_PUSH_TITLE = "https://help.aliyun.com/document_detail/311229.html"
_PUSH_BODY = (
    "https://www.braze.com/docs/user_guide/message_building_by_channel/push/"
    "best_practices/message_format"
)
_WEIBO = "https://open.weibo.com/wiki/2/statuses/update"
_WECHAT = "https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_add"
_XHS_TITLE = "https://github.com/ShunL12324/xhs-mcp/blob/main/docs/en/api/xhs_publish_content.md"
_XHS_BODY = "http://www.guanxian.org/consult/aixuexi/341861.html"
_WEB = "https://spilnoagency.com.ua/en/instructions-us/meta-title-description-length-rules"


def _hard(max_: float, source: str, count: str = "characters") -> Limit:
    return Limit(max=max_, hard=True, count=count, source=source)


def _soft(max_: float, source: str, count: str = "characters") -> Limit:
    return Limit(max=max_, hard=False, count=count, source=source)


_PROFILES = (
    Profile(
        "google_ads",
        "Google Ads",
        "Responsive search ads: up to 15 headlines and 4 descriptions, 2 display paths. "
        "Chinese, Japanese, Korean and other double-width characters count 2.",
        {
            "headline": _hard(30, _GOOGLE_HEADLINE, "double_width"),
            "description": _hard(90, _GOOGLE_DESCRIPTION, "double_width"),
            "path": _hard(15, _GOOGLE_DOUBLE_WIDTH, "double_width"),
        },
    ),
    Profile(
        "microsoft_ads",
        "Microsoft Advertising",
        "Responsive search ads. Double width is decided per character; CJK characters "
        "and emoji count 2. Limits apply to the text after dynamic-text substitution.",
        {
            "headline": _hard(30, _MICROSOFT_RSA, "double_width"),
            "description": _hard(90, _MICROSOFT_RSA, "double_width"),
            "path": _hard(15, _MICROSOFT_RSA, "double_width"),
        },
    ),
    Profile(
        "meta_ads",
        "Meta",
        "Facebook and Instagram ads. Longer text is accepted but cut off behind "
        '"See more", so the limits are guidance; sources differ on the exact figures.',
        {
            "primary_text": _soft(125, _META),
            "headline": _soft(40, _META_SHORT),
            "description": _soft(30, _META_SHORT),
        },
    ),
    Profile(
        "x",
        "X",
        "Posts on X (Twitter): 280 weighted characters. CJK and emoji count 2, every "
        "link counts 23 (t.co), text is NFC-normalised.",
        {"body": _hard(280, _X, "x_weighted")},
    ),
    Profile(
        "linkedin",
        "LinkedIn",
        "Organic posts up to 3,000 characters; ad headlines are cut off beyond about "
        "70 characters.",
        {"body": _hard(3000, _UPLOAD_POST), "headline": _soft(70, _LINKEDIN_ADS)},
    ),
    Profile(
        "instagram",
        "Instagram",
        "Captions up to 2,200 characters with at most 5 hashtags (the limit was 30 "
        "until 2025; older guides still say 30).",
        {
            "caption": _hard(2200, _INSTAGRAM),
            "caption.hashtags": _hard(5, _INSTAGRAM_HASHTAGS, "hashtags"),
        },
    ),
    Profile(
        "tiktok",
        "TikTok",
        "Video captions through the Content Posting API: 2,200 UTF-16 units, so most "
        "emoji count 2. Photo-post descriptions allow 4,000 (override if you post photos).",
        {"caption": _hard(2200, _TIKTOK, "utf16")},
    ),
    Profile(
        "youtube",
        "YouTube",
        "Video titles up to 100 characters; descriptions up to 5,000 bytes of UTF-8, so "
        "a Chinese character takes 3 and an emoji 4.",
        {"title": _hard(100, _YOUTUBE), "description": _hard(5000, _YOUTUBE, "utf8_bytes")},
    ),
    Profile(
        "email",
        "Email",
        "Inbox guidance: mobile clients show about 35-50 characters of a subject line "
        "and up to 90 of the preheader.",
        {"subject": _soft(50, _EMAIL_SUBJECT), "preheader": _soft(90, _EMAIL_PREHEADER)},
    ),
    Profile(
        "sms",
        "SMS",
        "One segment holds 160 GSM-7 characters, or 70 when any character (an emoji, "
        "a Chinese character, a curly quote) forces UCS-2; longer messages are split "
        "into segments of 153 or 67 and billed per segment. body: 1 segment (soft); "
        "body.max: 10 segments (hard, Twilio's 1,600-character ceiling).",
        {
            "body": _soft(1, _SMS, "sms_segments"),
            "body.max": _hard(10, _SMS, "sms_segments"),
        },
    ),
    Profile(
        "push",
        "Push",
        "Mobile push notifications: titles beyond about 40 and bodies beyond about 160 "
        "characters are cut off; CJK characters count 2 (APNs, vivo).",
        {
            "title": _soft(40, _PUSH_TITLE, "double_width"),
            "body": _soft(160, _PUSH_BODY, "double_width"),
        },
    ),
    Profile(
        "weibo",
        "Weibo",
        "Posts up to 140 Chinese characters (open API). Weibo is reported to count "
        "ASCII as half a character; that rule is unverified, so the default counts every "
        "character as 1 — set count: half_width_ascii to use it.",
        {"body": _hard(140, _WEIBO)},
        unverified=("body",),
    ),
    Profile(
        "wechat",
        "WeChat",
        "Official-account articles: title up to 32 characters and digest up to 128 "
        "(draft API). Older tools and the web editor allow more.",
        {"title": _hard(32, _WECHAT), "digest": _hard(128, _WECHAT)},
    ),
    Profile(
        "xiaohongshu",
        "Xiaohongshu",
        "Notes: titles up to 20 characters; bodies up to about 1,000 (figure unverified; "
        "sources claim 1,000 to 5,000).",
        {"title": _hard(20, _XHS_TITLE), "body": _soft(1000, _XHS_BODY)},
        unverified=("body",),
    ),
    Profile(
        "web",
        "Search results",
        "Landing pages: search engines cut titles beyond about 60 characters and meta "
        "descriptions beyond about 160 (a convention measured in pixels, not a rule).",
        {"title": _soft(60, _WEB), "description": _soft(160, _WEB)},
    ),
)

PROFILES: dict[str, Profile] = {p.name: p for p in _PROFILES}

_LIMIT_KEYS = ("max", "hard", "count", "source")


def get_profile(name: str) -> Profile:
    """The built-in profile ``name``; an unknown name is a :class:`BrandlintError`."""
    profile = PROFILES.get(name)
    if profile is None:
        close = get_close_matches(name, PROFILES, n=1)
        raise BrandlintError(
            f"unknown channel profile {name!r}",
            hint=f"did you mean {close[0]!r}?" if close else "one of: " + ", ".join(PROFILES),
        )
    return profile


def limit_from_yaml(value: object, profile_limit: Limit | None = None) -> Limit:
    """A :class:`Limit` from one entry of a channel's ``limits:`` mapping.

    ``value`` is a number (the new ``max``) or a mapping with any of ``max``, ``hard``,
    ``count`` and ``source``. Keys left out keep the profile's limit for that key
    (``profile_limit``); a limit the profile does not have needs ``max`` and defaults
    to hard and ``characters``; ``max: .inf`` switches a profile limit off. A changed
    ``max`` drops the profile's source unless a new ``source`` is given, since the
    figure is now the brand's own. Raises
    :class:`BrandlintError` without a location; the caller adds file, line, column.
    """
    entry = dict(value) if isinstance(value, Mapping) else {"max": value}
    for key in entry:
        if key not in _LIMIT_KEYS:
            close = get_close_matches(str(key), _LIMIT_KEYS, n=1)
            raise BrandlintError(
                f"unknown limit key {key!r}",
                hint=f"did you mean {close[0]!r}?" if close else "use max, hard, count, source",
            )
    if "max" in entry:
        max_ = entry["max"]
        if isinstance(max_, bool) or not isinstance(max_, (int, float)) or not max_ >= 0:
            raise BrandlintError(
                f"a limit must be a number of 0 or more, not {max_!r}",
                hint="e.g. subject: 50, or subject: {max: 50, hard: false}",
            )
    elif profile_limit is None:
        raise BrandlintError("a new limit needs max", hint="e.g. subject: {max: 50}")
    if "hard" in entry and not isinstance(entry["hard"], bool):
        raise BrandlintError(f"hard must be true or false, not {entry['hard']!r}")
    if "count" in entry:
        check_method(str(entry["count"]))
    if "source" in entry and not isinstance(entry["source"], str):
        raise BrandlintError(f"source must be text (a URL), not {entry['source']!r}")
    if profile_limit is None:
        return Limit(**entry)
    if "max" in entry and entry["max"] != profile_limit.max and "source" not in entry:
        entry["source"] = None
    return replace(profile_limit, **entry)


def effective_limits(channel: Channel) -> dict[str, Limit]:
    """The channel's profile limits with the channel's own ``limits`` applied on top.
    A channel without a profile has only its own limits."""
    limits = dict(get_profile(channel.profile).limits) if channel.profile else {}
    limits.update(channel.limits)
    return limits


def field_limits(limits: Mapping[str, Limit], name: str) -> dict[str, Limit]:
    """The limits that apply to the field ``name``, by key. A key naming the exact field
    beats one naming its type for the same label (``headline_1`` over ``headline``)."""
    kind = field_kind(name)
    by_kind: dict[str, tuple[str, Limit]] = {}
    exact: dict[str, tuple[str, Limit]] = {}
    for key, limit in limits.items():
        base, _, label = key.partition(".")
        if base == name:
            exact[label] = (key, limit)
        elif base == kind:
            by_kind[label] = (key, limit)
    return dict({**by_kind, **exact}.values())
