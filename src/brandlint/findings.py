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


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace source characters ``[start, end)`` of a file with ``replacement``."""

    start: int
    end: int
    replacement: str


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
    start: int = dc_field(default=0, compare=False)  # source char offset, for fixes
    end: int = dc_field(default=0, compare=False)

    def sort_key(self) -> tuple:
        return (
            self.path,
            self.line,
            self.column,
            self.rule,
            self.end_line,
            self.end_column,
            self.draft,
            self.message,
        )

    def __reduce__(self) -> tuple:
        # Positional: the main process unpickles every finding of the workers, and
        # calling the class takes half the time of the generic protocol for slots.
        return (Finding, _FINDING_VALUES(self))


_FINDING_VALUES = attrgetter(*(f.name for f in fields(Finding)))
