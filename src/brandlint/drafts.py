"""Drafts: one piece of copy for one channel, with fields mapped back to the source."""

from __future__ import annotations

from dataclasses import dataclass, field

from .text import LineIndex, OffsetMap

# Field names whose type differs from the name, e.g. ``headline_3`` is a ``headline``.
_NUMBERED_SUFFIX = "_"


def field_kind(name: str) -> str:
    """The field type of a field name: ``headline_3`` -> ``headline``; ``body`` -> ``body``."""
    base, sep, tail = name.rpartition(_NUMBERED_SUFFIX)
    return base if sep and tail.isdigit() and base else name


@dataclass(frozen=True)
class SourceFile:
    """A decoded draft file. ``text`` has no BOM and keeps its line endings. A window
    of a big table holds only some of its lines: ``text`` starts at character ``base``
    of the file, at the start of line ``line``; offsets and lines stay the file's."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    base: int = 0
    line: int = 1

    @property
    def lines(self) -> LineIndex:
        cached = self.__dict__.get("_lines")
        if cached is None:
            cached = LineIndex(self.text, self.base, self.line)
            object.__setattr__(self, "_lines", cached)
        return cached

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_lines", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)


@dataclass(frozen=True)
class Field:
    """A named part of a draft (subject, headline_1, body…).

    ``text`` is what the platform would show; ``source_map`` maps its offsets to the
    source file; ``skip`` holds ``(start, end)`` ranges of ``text`` that are not prose
    (code, URLs, merge tags): term rules ignore matches inside them, limits still
    count them.
    """

    name: str
    text: str
    source_map: OffsetMap
    skip: tuple[tuple[int, int], ...] = ()

    @property
    def kind(self) -> str:
        return field_kind(self.name)


@dataclass(frozen=True)
class Draft:
    """One piece of copy. ``channel`` and ``locale`` hold what the draft itself declares
    until :func:`brandlint.sources.resolve.resolve` settles them."""

    id: str
    source: SourceFile
    fields: tuple[Field, ...]
    channel: str | None = None
    campaign: str | None = None
    locale: str | None = None
    anchor: int = 0  # source offset where the draft starts (row, object, document)
    disabled: tuple[str, ...] = ()  # rules disabled for the whole draft
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def path(self) -> str:
        return self.source.path

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None
