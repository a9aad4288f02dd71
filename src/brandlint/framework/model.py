"""The typed messaging framework (SPEC §1.1). Built by :mod:`.load`; read by rules.

Defaults live in ``schema.json`` next to this file; the loader fills them in, so
the model never guesses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Brand:
    name: str | None = None
    products: tuple[str, ...] = ()
    misspellings: tuple[str, ...] = ()
    fuzzy_threshold: float = 88.0
    competitors: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every canonical name: the brand first, then its products."""
        return ((self.name,) if self.name else ()) + self.products


@dataclass(frozen=True)
class ProofPoint:
    text: str
    source: str | None = None


@dataclass(frozen=True)
class Pillar:
    id: str
    message: str
    keywords: tuple[str, ...] = ()
    proof_points: tuple[ProofPoint, ...] = ()


@dataclass(frozen=True)
class ValueProposition:
    statement: str | None = None
    tagline: str | None = None
    pillars: tuple[Pillar, ...] = ()


@dataclass(frozen=True)
class Tone:
    """Tone settings; ``None`` means "not checked". Merged per channel."""

    voice: tuple[str, ...] = ()
    max_exclamations: int | None = None
    max_sentence_words: int | None = None
    max_sentence_chars: int | None = None  # Chinese; unset: twice max_sentence_words
    max_reading_grade: float | None = None
    max_caps_words: int | None = None
    hype: Any = "builtin"  # builtin | off | {extra: [...], allow: [...]}
    person: str | None = None
    max_emoji: int | None = None

    def merged(self, override: dict[str, Any]) -> Tone:
        """This tone with the keys of ``override`` (a channel's ``tone``) replacing ours."""
        from dataclasses import replace

        return replace(self, **override) if override else self


@dataclass(frozen=True)
class Banned:
    """One ``banned`` entry: a ``phrase`` (lemma or exact) or a regex ``pattern``."""

    phrase: str | None = None
    pattern: str | None = None
    suggest: tuple[str, ...] = ()
    reason: str | None = None
    severity: str = "error"
    match: str = "lemma"  # lemma | exact | regex
    channels: tuple[str, ...] | None = None

    @property
    def text(self) -> str:
        return self.phrase if self.phrase is not None else self.pattern or ""


@dataclass(frozen=True)
class Term:
    """One ``terminology`` entry: ``instead_of`` forms should read ``use``."""

    use: str
    instead_of: tuple[str, ...]
    severity: str = "warning"
    match: str = "lemma"
    channels: tuple[str, ...] | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Required:
    """One ``required`` entry: drafts of ``channels`` must contain one of ``any_of``."""

    id: str
    any_of: tuple[str, ...]
    channels: tuple[str, ...] | None = None
    message: str | None = None
    severity: str = "error"
    fields: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Limit:
    """A field limit: ``max`` units counted by ``count``; hard = error, soft = warning."""

    max: float
    hard: bool = True
    count: str = "characters"
    source: str | None = None


@dataclass(frozen=True)
class Channel:
    name: str
    profile: str | None = None
    locale: str | None = None
    limits: dict[str, Limit] = field(default_factory=dict, hash=False)
    tone: dict[str, Any] = field(default_factory=dict, hash=False)
    require_tagline: bool = False


@dataclass(frozen=True)
class Campaign:
    """A campaign brief: the offer facts every draft of the campaign states the same
    way, and the message it carries. Values are as written; :mod:`brandlint.facts`
    reads them. ``prices`` pairs a product (None: any price) with its price."""

    name: str
    key_message: str | None = None
    keywords: tuple[str, ...] = ()
    pillars: tuple[str, ...] = ()
    discount: tuple[str, ...] = ()
    prices: tuple[tuple[str | None, str], ...] = ()
    start: str | None = None
    end: str | None = None
    code: tuple[str, ...] = ()
    landing_url: tuple[str, ...] = ()
    phone: tuple[str, ...] = ()
    path: str | None = None  # the file that declares it


@dataclass(frozen=True)
class Framework:
    """A loaded, validated messaging framework."""

    version: int = 1
    locale: str = "en"
    brand: Brand = field(default_factory=Brand)
    value_proposition: ValueProposition = field(default_factory=ValueProposition)
    tone: Tone = field(default_factory=Tone)
    banned: tuple[Banned, ...] = ()
    terminology: tuple[Term, ...] = ()
    required: tuple[Required, ...] = ()
    channels: dict[str, Channel] = field(default_factory=dict, hash=False)
    rule_packs: tuple[str, ...] = ()
    campaigns: dict[str, Campaign] = field(default_factory=dict, hash=False)
    path: str | None = None  # None for the built-in default
    builtin: bool = False

    def channel(self, name: str | None) -> Channel | None:
        return self.channels.get(name) if name else None
