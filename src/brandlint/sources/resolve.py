"""Channel and campaign resolution (SPEC §1.3): settle each draft's channel and campaign."""

from __future__ import annotations

import dataclasses
import os
import pathlib
from collections.abc import Iterable

from ..config import Config
from ..drafts import Draft
from .globs import GlobSet
from .paths import relative_to_root


def _normal(name: str) -> str:
    return name.lower().replace("-", "_")


class Resolver:
    """Settles each draft's channel and campaign; built once per process (its globs
    are compiled here) and called with each file's drafts."""

    def __init__(
        self,
        *,
        cli_channel: str | None,
        config: Config,
        channel_names: set[str],
        root: pathlib.Path,
    ) -> None:
        self.cli_channel = cli_channel
        self.default_channel = config.default_channel
        self.by_path = GlobSet(config.channels_by_path)
        self.path_channels = [config.channels_by_path[p] for p in self.by_path.patterns]
        self.by_campaign = GlobSet(config.campaigns_by_path)
        self.path_campaigns = [config.campaigns_by_path[p] for p in self.by_campaign.patterns]
        self.by_dir_name = {_normal(name): name for name in channel_names}
        self.root_abs = os.path.abspath(root)

    def __call__(self, drafts: Iterable[Draft]) -> list[Draft]:
        """Each draft with its channel, from the first that applies: ``--channel``; the
        draft's own ``channel``; config ``channels_by_path`` (first matching glob, in
        config order); the nearest parent directory named like a framework channel
        (case-insensitive, ``-`` = ``_``); ``default_channel``; otherwise None. And
        with its campaign: its own ``campaign``, else the first matching
        ``campaigns_by_path`` glob, else None."""
        channels: dict[str, str | None] = {}
        campaigns: dict[str, str | None] = {}
        resolved = []
        for draft in drafts:
            channel = self.cli_channel or draft.channel
            if channel is None:
                if draft.path not in channels:
                    channels[draft.path] = _from_path(
                        draft.path, self.by_path, self.path_channels, self.by_dir_name,
                        self.root_abs,
                    )  # fmt: skip
                channel = channels[draft.path] or self.default_channel
            campaign = draft.campaign
            if campaign is None and self.by_campaign:
                if draft.path not in campaigns:
                    rel = relative_to_root(draft.path, self.root_abs)
                    index = self.by_campaign.index(rel) if rel is not None else None
                    campaigns[draft.path] = None if index is None else self.path_campaigns[index]
                campaign = campaigns[draft.path]
            if (channel, campaign) != (draft.channel, draft.campaign):
                draft = dataclasses.replace(draft, channel=channel, campaign=campaign)
            resolved.append(draft)
        return resolved


def _from_path(
    path: str,
    by_path: GlobSet,
    path_channels: list[str],
    by_dir_name: dict[str, str],
    root_abs: str,
) -> str | None:
    rel = relative_to_root(path, root_abs)
    if rel is not None:
        index = by_path.index(rel)
        if index is not None:
            return path_channels[index]
        directories = rel.split("/")[:-1]
    else:
        directories = list(pathlib.PurePath(path).parent.parts)
    for name in reversed(directories):
        channel = by_dir_name.get(_normal(name))
        if channel is not None:
            return channel
    return None
