"""Findings the engine itself reports. They are rules so that ``brandlint rules``,
``explain``, ``--select`` and ``--ignore`` treat them like every other rule."""

from __future__ import annotations

from ..findings import Severity
from ..framework.model import Framework
from ..nlp.pipeline import Pipelines
from .base import Example, Rule


class InputErrorRule(Rule):
    """A draft file that could not be read as drafts: a binary file, bytes that are
    not UTF-8 text, malformed front matter, a ragged CSV row, invalid JSON or YAML.

    The finding names the file, with the line and column where reading failed, and
    says how to repair it. The rest of the run goes on: one broken export never
    hides the findings of the other drafts. The file counts as a failing draft, and
    an input error cannot be suppressed.
    """

    id = "input-error"
    severity = Severity.ERROR
    summary = "A draft file that cannot be read (binary, not UTF-8, malformed)."
    needs_doc = False
    examples = (Example("---\nsubject: [unclosed\n---\nBody", True, "malformed front matter"),)

    @classmethod
    def build(cls, framework: Framework, pipelines: Pipelines) -> Rule | None:
        return None  # reported by the engine while reading files


class UnusedSuppression(Rule):
    """A suppression comment (``<!-- brandlint-disable … -->``, front-matter
    ``brandlint: {disable: …}`` or a ``brandlint_disable`` column) that suppressed
    nothing. Stale suppressions hide future problems, so they are reported where
    they stand. Remove the comment, or narrow it to the rule that still fires.
    """

    id = "unused-suppression"
    severity = Severity.INFO
    summary = "A suppression that suppresses nothing."
    needs_doc = False
    examples = (
        Example(
            "<!-- brandlint-disable-next-line competitor -->\nA plain line.",
            True,
            "nothing to suppress",
        ),
    )

    @classmethod
    def build(cls, framework: Framework, pipelines: Pipelines) -> Rule | None:
        return None  # reported by the engine after suppressions are applied
