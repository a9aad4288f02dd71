"""Shared helpers: build frameworks from YAML snippets and lint texts in memory."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from brandlint.api import lint
from brandlint.framework.load import load_framework

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def copy_examples(target: Path) -> Path:
    """A copy of examples/, without the cache a run of the README's quickstart leaves."""
    shutil.copytree(REPO / "examples", target, ignore=shutil.ignore_patterns(".brandlint_cache"))
    return target


@pytest.fixture
def make_framework(tmp_path):
    """Write a framework snippet (a dict) to a file and load it through the real loader."""

    def make(data: dict):
        path = tmp_path / "messaging_framework.yaml"
        path.write_text(
            yaml.safe_dump({"version": 1, **data}, allow_unicode=True), encoding="utf-8"
        )
        return load_framework(path)

    return make


def lint_text(
    framework,
    text: str,
    *,
    channel: str | None = None,
    locale: str | None = None,
    name: str = "draft.md",
    select: tuple[str, ...] = (),
):
    """Lint one Markdown draft held in memory; front matter carries channel and locale."""
    front = {k: v for k, v in (("channel", channel), ("locale", locale)) if v}
    if front:
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + text
    return lint(
        texts={name: text},
        framework=framework,
        select=select,
        config=Path(__file__).parent / "data" / "empty-config.yaml",
    )


@pytest.fixture(scope="session")
def examples_result():
    """The run over examples/, as `cd examples && brandlint check` gives it (read-only)."""
    cwd = os.getcwd()
    os.chdir(Path(__file__).resolve().parent.parent / "examples")
    try:
        return lint(["."])
    finally:
        os.chdir(cwd)
