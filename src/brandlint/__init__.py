"""brandlint: keep marketing copy on-brand across every channel.

``brandlint.lint(paths, framework=...)`` returns the same :class:`RunResult` the CLI
reports (SPEC §6).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "1.0.0"
__all__ = ["Finding", "RunResult", "Severity", "__version__", "lint"]

if TYPE_CHECKING:
    from .api import lint
    from .findings import Finding, Severity
    from .result import RunResult


def __getattr__(name: str) -> Any:  # the API without import cost for `brandlint --version`
    if name == "lint":
        from .api import lint

        return lint
    if name in ("Finding", "Severity"):
        from . import findings

        return getattr(findings, name)
    if name == "RunResult":
        from .result import RunResult

        return RunResult
    raise AttributeError(name)
