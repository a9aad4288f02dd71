"""User-facing errors: configuration and usage mistakes that end a run with exit 2.

They carry a location so the CLI can print ``error: file:line:col: message`` and a
hint, never a traceback.
"""

from __future__ import annotations


class BrandlintError(Exception):
    """A user mistake (bad framework, config, pack, path or flag): exit code 2."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.hint = hint

    def location(self) -> str:
        """``file:line:col`` with whatever parts are known."""
        if self.path is None:
            return ""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class InputError(Exception):
    """A single draft file that cannot be read; becomes an ``input-error`` finding."""

    def __init__(self, message: str, *, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
