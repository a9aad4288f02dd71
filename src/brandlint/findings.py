"""The finding model: severities, edits, fixes and findings.

Findings are frozen, picklable values with ``__slots__`` (a big run holds
hundreds of thousands). Character offsets are the truth; line and
column (1-based, counting characters, not bytes) are derived once from them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from dataclasses import field as dc_field  # Finding has a field named "field"
from enum import Enum
from operator import attrgetter
from typing import Any

from .positional import pickled_by_position


class Severity(str, Enum):
    """How serious a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        return cls(value.lower())


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@pickled_by_position
@dataclass(frozen=True, slots=True)
class Edit:
    """Replace source characters ``[start, end)`` of a file with ``replacement``."""

    start: int
    end: int
    replacement: str


@pickled_by_position
@dataclass(frozen=True, slots=True)
class Fix:
    """Edits that resolve a finding; ``safe`` fixes may be applied without review."""

    edits: tuple[Edit, ...]
    applicability: str = "safe"  # safe | unsafe


@dataclass(frozen=True, slots=True)
class Position:
    """A source range as 1-based line/column pairs (columns count characters)."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one draft, located in its source file."""

    rule: str
    severity: Severity
    message: str
    path: str
    draft: str
    line: int
    column: int
    end_line: int
    end_column: int
    field: str | None = None
    channel: str | None = None
    campaign: str | None = None
    match: str | None = None
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    start: int = dc_field(default=0, compare=False)  # source char offsets of a finding
    end: int = dc_field(default=0, compare=False)  # with a fix (0 without), for the fix

    def sort_key(self) -> tuple:
        return _SORT_VALUES(self)

    def __reduce__(self) -> tuple:
        # Positional: the main process unpickles every finding of the workers, and
        # calling the class takes half the time of the generic protocol for slots.
        return (_finding, _FINDING_VALUES(self))


SORT_FIELDS = ("path", "line", "column", "rule", "end_line", "end_column", "draft", "message")
"""What :meth:`Finding.sort_key` orders findings by, most significant first."""

_SORT_VALUES = attrgetter(*SORT_FIELDS)
_FINDING_VALUES = attrgetter(*(f.name for f in fields(Finding)))


def _finding(
    rule: str,
    severity: Severity,
    message: str,
    path: str,
    draft: str,
    line: int,
    column: int,
    end_line: int,
    *rest: Any,
) -> Finding:
    """An unpickled finding, whose end line shares the line's int when they are equal
    (as for most findings: unpickling makes two)."""
    end_line = line if end_line == line else end_line
    return Finding(rule, severity, message, path, draft, line, column, end_line, *rest)


def sort_findings(findings: list[Finding]) -> None:
    """Sort in place by :meth:`Finding.sort_key`, one field at a time from the least
    significant (stable sorts): the same order without a key tuple per finding, the
    largest allocation of a 500,000-finding run after the findings themselves."""
    for name in reversed(SORT_FIELDS):
        findings.sort(key=attrgetter(name))
