"""``brandlint init``: write a commented starting framework and config (SPEC §2)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .errors import BrandlintError

TEMPLATES = ("messaging_framework.yaml", "brandlint.yaml")


def init_project(directory: Path) -> list[Path]:
    """Write ``messaging_framework.yaml`` and ``brandlint.yaml`` into ``directory``
    (created if missing) and return their paths. Nothing is written if either file
    already exists."""
    if directory.exists() and not directory.is_dir():
        raise BrandlintError("not a directory", path=str(directory))
    targets = [directory / name for name in TEMPLATES]
    existing = [t for t in targets if t.exists()]
    if existing:
        raise BrandlintError(
            "already exists; brandlint init never overwrites files",
            path=str(existing[0]),
            hint="move or delete it first, or run `brandlint init` in another directory",
        )
    templates = resources.files(__package__).joinpath("templates")
    texts = [templates.joinpath(name).read_text(encoding="utf-8") for name in TEMPLATES]
    written: list[Path] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for target, text in zip(targets, texts, strict=True):
            with target.open("x", encoding="utf-8", newline="\n") as out:
                written.append(target)
                out.write(text)
    except OSError as exc:
        for path in written:  # no partial scaffold
            path.unlink(missing_ok=True)
        raise BrandlintError(f"cannot write: {exc.strerror}", path=str(exc.filename)) from None
    return targets
