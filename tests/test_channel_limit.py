"""The channel-limit rule, channel profiles and limit overrides."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from brandlint.drafts import Draft, Field, SourceFile
from brandlint.errors import BrandlintError
from brandlint.findings import Severity
from brandlint.framework.model import Channel, Framework, Limit, Tone
from brandlint.nlp.counting import COUNTERS
from brandlint.profiles import PROFILES, effective_limits, field_limits, limit_from_yaml
from brandlint.rules.base import DraftContext, Hit
from brandlint.rules.channel import ChannelLimit
from brandlint.text import OffsetMap

DOCS = Path(__file__).resolve().parent.parent / "docs" / "channels.md"


def channel(name: str, profile: str | None = None) -> Channel:
    """A framework channel with its profile's limits and none of its own."""
    return Channel(name=name, profile=profile)


@pytest.fixture
def configured(make_framework):
    """A channel as the framework file declares it: ``configured(profile, limits)``
    loads ``channels: {<profile or "custom">: {profile: …, limits: …}}``."""

    def make(profile: str | None, limits: dict) -> Channel:
        name = profile or "custom"
        spec = {"limits": limits, **({"profile": profile} if profile else {})}
        return make_framework({"channels": {name: spec}}).channels[name]

    return make


def hits(chan: Channel | None, **fields: str) -> list[Hit]:
    """Run the rule on one draft whose fields are ``fields``."""
    source = "\n".join(fields.values())
    draft = Draft(
        id="draft.csv#1",
        source=SourceFile("draft.csv", source),
        fields=tuple(Field(n, t, OffsetMap.contiguous(0, len(t))) for n, t in fields.items()),
        channel=chan.name if chan else None,
    )
    framework = Framework(channels={chan.name: chan} if chan else {})
    ctx = DraftContext(draft, framework, chan, "en", Tone(), fields=[])
    return list(ChannelLimit().check(ctx))


GOOGLE = channel("google_ads", "google_ads")


# --- hard limits, counted the platform's way -------------------------------------------


def test_a_cjk_headline_of_15_characters_fits_google_ads():
    assert hits(GOOGLE, headline_1="一站式品牌营销平台现已上线了啦") == []


def test_a_cjk_headline_of_16_characters_is_too_long_for_google_ads():
    text = "一站式品牌营销平台，现已正式上线"
    [hit] = hits(GOOGLE, headline_1=text)
    assert hit.severity == Severity.ERROR
    assert hit.field == "headline_1"
    assert (hit.start, hit.end) == (15, 16)  # the 16th character would not fit
    assert hit.message == (
        "headline_1 is 32/30 characters "
        "(Google Ads counts double-width characters such as CJK and emoji as 2)"
    )


def test_a_headline_at_exactly_the_limit_passes():
    assert hits(GOOGLE, headline_1="Launch on-brand ads in minutes") == []  # 30


def test_one_character_over_is_underlined():
    text = "Launch on-brand ads in minutes!"
    [hit] = hits(GOOGLE, headline_1=text)
    assert text[hit.start : hit.end] == "!"


def test_every_numbered_field_of_a_limited_type_is_checked():
    found = hits(GOOGLE, headline_1="ok", headline_2="x" * 31, description_1="y" * 91)
    assert [h.field for h in found] == ["headline_2", "description_1"]


def test_a_field_the_profile_does_not_limit_is_ignored():
    assert hits(GOOGLE, final_url="https://acme.com/" + "x" * 200) == []
    assert hits(channel("email", "email"), body="A long newsletter. " * 500) == []


def test_x_counts_links_as_23():
    x = channel("x", "x")
    link = " https://acme.com/spring-sale-with-a-very-long-campaign-path"
    assert hits(x, body="a" * 256 + link) == []  # 256 + 1 + 23 = 280
    [hit] = hits(x, body="a" * 257 + link)
    assert hit.message.startswith("body is 281/280 characters (X counts")


def test_youtube_description_is_limited_in_bytes():
    yt = channel("youtube", "youtube")
    assert hits(yt, description="中" * 1666) == []  # 4998 bytes
    [hit] = hits(yt, description="中" * 1667)
    assert hit.message.startswith("description is 5001/5000 bytes")


# --- soft limits ------------------------------------------------------------------------


def test_a_soft_limit_is_a_warning():
    subject = "Our spring collection is here: fresh styles for you"  # 51
    [hit] = hits(channel("email", "email"), subject=subject)
    assert hit.severity == Severity.WARNING
    assert hit.message == "subject is 51/50 characters (recommended maximum)"
    assert hits(channel("email", "email"), subject=subject[:50]) == []


# --- SMS --------------------------------------------------------------------------------


SMS = channel("sms", "sms")


def test_an_sms_over_one_segment_warns():
    [hit] = hits(SMS, body="a" * 161)
    assert hit.severity == Severity.WARNING
    assert hit.start == 160
    assert hit.message == (
        "body needs 2 SMS segments (GSM-7, 161 characters); sms recommends at most 1"
    )


def test_one_curly_quote_makes_an_sms_ucs2():
    body = "Don’t miss our spring sale: 20% off everything until Sunday. Reply STOP to opt out."
    [hit] = hits(SMS, body=body)
    assert "UCS-2 because of '’' (right single quotation mark)" in hit.message
    assert hits(SMS, body=body.replace("’", "'")) == []


def test_an_sms_over_ten_segments_is_one_error_not_also_a_warning():
    [hit] = hits(SMS, body="a" * 1531)
    assert hit.severity == Severity.ERROR
    assert hit.start == 1530
    assert hit.message == "body needs 11 SMS segments (GSM-7, 1531 characters); sms allows 10"


# --- hashtags ---------------------------------------------------------------------------


def test_instagram_allows_five_hashtags():
    ig = channel("instagram", "instagram")
    caption = "New drop #spring #sale #style #ootd #fashion"
    assert hits(ig, caption=caption) == []
    [hit] = hits(ig, caption=caption + " #new")
    assert hit.message == "caption has 6 hashtags; instagram allows 5"
    assert (caption + " #new")[hit.start :] == "#new"


def test_instagram_caption_length_and_hashtags_are_separate_limits():
    found = hits(channel("instagram", "instagram"), caption="#a #b #c #d #e #f " + "x" * 2200)
    assert sorted(h.message.split()[1] for h in found) == ["has", "is"]


# --- no channel, no limits --------------------------------------------------------------


def test_an_unassigned_draft_has_no_limits():
    assert hits(None, headline_1="x" * 500) == []


def test_a_channel_without_profile_or_limits_has_none():
    assert hits(channel("blog"), headline="x" * 500, body="y" * 50_000) == []


# --- overrides ----------------------------------------------------------------------------


def test_a_number_overrides_max_and_keeps_soft_and_counting(configured):
    email = configured("email", {"subject": 40})
    limit = effective_limits(email)["subject"]
    assert (limit.max, limit.hard, limit.count) == (40, False, "characters")
    assert limit.source is None  # 40 is the brand's figure, not the source's
    [hit] = hits(email, subject="x" * 41)
    assert hit.severity == Severity.WARNING


def test_a_mapping_can_make_a_limit_hard(configured):
    email = configured("email", {"preheader": {"max": 60, "hard": True}})
    [hit] = hits(email, preheader="x" * 61)
    assert hit.severity == Severity.ERROR


def test_a_new_limit_is_hard_and_counts_characters(configured):
    email = configured("email", {"cta": {"max": 20}})
    assert effective_limits(email)["cta"] == Limit(max=20)
    [hit] = hits(email, cta="Start your free trial now")
    assert hit.message == "cta is 25/20 characters"


def test_an_exact_field_name_beats_the_field_type_and_counts_like_it(configured):
    google = configured("google_ads", {"headline_1": 20})
    [hit] = hits(google, headline_1="x" * 25, headline_2="x" * 25)
    assert hit.field == "headline_1"
    assert hit.message.startswith("headline_1 is 25/20 characters (Google Ads counts")


def test_weibo_half_width_counting_is_opt_in(configured):
    post = "新品上线 " + "Spring sale, 20% off everything " * 5  # 4 CJK + 161 narrow
    assert len(hits(channel("weibo", "weibo"), body=post)) == 1
    half = configured("weibo", {"body": {"count": "half_width_ascii"}})
    assert effective_limits(half)["body"].max == 140
    assert hits(half, body=post) == []  # 4 + 161 / 2 = 84.5


def test_a_limit_can_be_switched_off(configured):
    meta = configured("meta_ads", {"description": {"max": float("inf")}})
    assert hits(meta, description="x" * 500) == []


def test_a_profile_free_channel_with_its_own_limits(configured):
    blog = configured(None, {"title": {"max": 60, "hard": False}})
    [hit] = hits(blog, title="x" * 61)
    assert hit.message == "title is 61/60 characters (recommended maximum)"


def test_field_limits_pick_exact_keys_and_labels():
    limits = {
        "caption": Limit(10),
        "caption.hashtags": Limit(5, count="hashtags"),
        "headline": Limit(30),
        "headline_1": Limit(20),
    }
    assert field_limits(limits, "caption") == {
        "caption": Limit(10),
        "caption.hashtags": Limit(5, count="hashtags"),
    }
    assert field_limits(limits, "headline_1") == {"headline_1": Limit(20)}
    assert field_limits(limits, "headline_2") == {"headline": Limit(30)}
    assert field_limits(limits, "body") == {}


@pytest.mark.parametrize(
    ("value", "profile_limit", "expected"),
    [
        ({"hrad": True}, Limit(50), "did you mean 'hard'?"),
        ({"max": 50, "count": "double_wide"}, None, "did you mean 'double_width'?"),
        (-1, Limit(50), "e.g. subject: 50"),
        (True, Limit(50), "e.g. subject: 50"),
        ("fifty", Limit(50), "e.g. subject: 50"),
        ({"hard": False}, None, "e.g. subject: {max: 50}"),
    ],
)
def test_bad_limits_are_user_errors_with_a_hint(value, profile_limit, expected):
    with pytest.raises(BrandlintError) as err:
        limit_from_yaml(value, profile_limit)
    assert (err.value.hint or "").startswith(expected)


def test_an_unknown_profile_is_a_user_error():
    with pytest.raises(BrandlintError) as err:
        effective_limits(Channel(name="ads", profile="google_add"))
    assert err.value.hint == "did you mean 'google_ads'?"


# --- profiles, docs and explain stay true ----------------------------------------------------


def test_every_profile_of_the_spec_is_built_in():
    assert set(PROFILES) == {
        "google_ads", "microsoft_ads", "meta_ads", "x", "linkedin", "instagram", "tiktok",
        "youtube", "email", "sms", "push", "weibo", "wechat", "xiaohongshu", "web",
    }  # fmt: skip


def test_every_limit_has_a_source_and_a_known_counting_method():
    for profile in PROFILES.values():
        for key, limit in profile.limits.items():
            assert limit.count in COUNTERS, (profile.name, key)
            assert (limit.source or "").startswith("http"), (profile.name, key)


def test_the_docs_table_lists_exactly_the_built_in_limits():
    row = re.compile(
        r"^\| (\w+) \| ([\w.]+) \| (\d+) \| (hard|soft) \| (\w+) \| \[.*?\]\((.+)\) \|$"
    )
    documented = {m.groups() for line in DOCS.read_text("utf-8").splitlines()
                  if (m := row.match(line))}  # fmt: skip
    built_in = {
        (p.name, key, str(int(lim.max)), "hard" if lim.hard else "soft", lim.count, lim.source)
        for p in PROFILES.values()
        for key, lim in p.limits.items()
    }
    assert documented == built_in


@pytest.mark.parametrize("example", ChannelLimit.examples, ids=lambda e: e.note)
def test_explain_examples_behave_as_documented(example):
    profile, field, _ = example.note.split(" ", 2)
    found = hits(channel(profile, profile), **{field.rstrip(":"): example.text})
    assert bool(found) == example.fails
