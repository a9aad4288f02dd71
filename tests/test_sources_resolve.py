"""Channel resolution, one test per step of SPEC §1.3's order."""

from __future__ import annotations

import pathlib

from brandlint.config import Config
from brandlint.drafts import Draft, SourceFile
from brandlint.sources.resolve import Resolver

CHANNELS = {"email", "google_ads", "sms", "x"}


def _draft(path: str, channel: str | None = None) -> Draft:
    return Draft(id=path, source=SourceFile(path, "Hi"), fields=(), channel=channel, campaign="c1")


def _resolve(root: pathlib.Path, draft: Draft, cli: str | None = None, **config) -> Draft:
    resolve = Resolver(cli_channel=cli, config=Config(**config), channel_names=CHANNELS, root=root)
    (resolved,) = resolve([draft])
    assert resolved.campaign == "c1"
    return resolved


def test_cli_channel_wins_over_everything(tmp_path):
    draft = _draft(str(tmp_path / "email/a.md"), channel="sms")
    resolved = _resolve(tmp_path, draft, cli="x", channels_by_path={"**": "email"})
    assert resolved.channel == "x"


def test_draft_own_channel_beats_paths(tmp_path):
    draft = _draft(str(tmp_path / "email/a.md"), channel="sms")
    assert _resolve(tmp_path, draft, channels_by_path={"**": "x"}).channel == "sms"


def test_channels_by_path_first_match_in_config_order(tmp_path):
    draft = _draft(str(tmp_path / "email/promo/a.md"))
    config = {"channels_by_path": {"**/promo/*.md": "sms", "email/**": "x"}}
    assert _resolve(tmp_path, draft, **config).channel == "sms"


def test_nearest_parent_directory_named_like_a_channel(tmp_path):
    draft = _draft(str(tmp_path / "email/Google-Ads/a.csv"))
    assert _resolve(tmp_path, draft, default_channel="sms").channel == "google_ads"


def test_directories_above_the_root_do_not_count(tmp_path):
    root = tmp_path / "email" / "project"
    draft = _draft(str(root / "drafts/a.md"))
    assert _resolve(root, draft).channel is None


def test_default_channel(tmp_path):
    draft = _draft(str(tmp_path / "drafts/a.md"))
    assert _resolve(tmp_path, draft, default_channel="email").channel == "email"


def test_otherwise_unassigned(tmp_path):
    draft = _draft(str(tmp_path / "drafts/emails/a.md"))  # "emails" is not "email"
    assert _resolve(tmp_path, draft).channel is None
