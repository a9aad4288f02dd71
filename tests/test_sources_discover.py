"""Finding draft files: directories, skipped places, include/exclude globs."""

from __future__ import annotations

import pathlib

import pytest

from brandlint.errors import BrandlintError
from brandlint.sources import SUFFIXES, discover, read_file
from brandlint.sources.globs import GlobSet


def _tree(root: pathlib.Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n")


def _rel(paths: list[str], root: pathlib.Path) -> list[str]:
    return [pathlib.Path(p).relative_to(root).as_posix() for p in paths]


def test_directories_are_walked_and_sorted(tmp_path):
    _tree(
        tmp_path,
        "drafts/email/welcome.md",
        "drafts/ads.csv",
        "drafts/notes.docx",
        "drafts/.hidden.md",
        ".github/workflow.yml",
        "node_modules/pkg/README.md",
        "venv/pyvenv.cfg",
        "venv/lib/README.txt",
        "messaging_framework.yaml",
        "brandlint.yaml",
        "campaigns/spring.yaml",
        "social/posts.yaml",
    )
    found = discover([tmp_path], (), (), tmp_path)
    assert _rel(found, tmp_path) == [
        "drafts/ads.csv",
        "drafts/email/welcome.md",
        "social/posts.yaml",
    ]


def test_include_and_exclude_globs(tmp_path):
    _tree(tmp_path, "drafts/a.md", "drafts/archive/old.md", "drafts/x/deep/b.md", "README.md")
    found = discover([tmp_path], ("drafts/**",), ("archive/",), tmp_path)
    assert _rel(found, tmp_path) == ["drafts/a.md", "drafts/x/deep/b.md"]
    only_deep = discover([tmp_path], ("drafts/**/deep/*.md",), (), tmp_path)
    assert _rel(only_deep, tmp_path) == ["drafts/x/deep/b.md"]


def test_explicit_files_are_read_whatever_the_globs(tmp_path):
    _tree(tmp_path, "archive/old.md", "notes.docx", "brandlint.yaml")
    named = [tmp_path / "archive/old.md", tmp_path / "notes.docx", tmp_path / "brandlint.yaml"]
    found = discover(named, ("drafts/**",), ("archive",), tmp_path)
    assert _rel(found, tmp_path) == ["archive/old.md"]


def test_missing_path_is_a_user_error(tmp_path):
    with pytest.raises(BrandlintError, match="no such file or directory") as info:
        discover([tmp_path / "nope.md"], (), (), tmp_path)
    assert info.value.path.endswith("nope.md")


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("*.txt", "a/b/c.txt", True),
        ("*.txt", "a/b/c.md", False),
        ("drafts", "x/drafts/c.md", True),
        ("/drafts", "x/drafts/c.md", False),
        ("drafts/*.md", "drafts/sub/c.md", False),
        ("drafts/**/*.md", "drafts/c.md", True),
        ("drafts/**/*.md", "drafts/a/b/c.md", True),
        ("**/email/*", "x/y/email/c.md", True),
        ("out/", "out", False),
        ("out/", "out/c.md", True),
        ("ad[0-9].csv", "ad7.csv", True),
        ("ad[!0-9].csv", "ad7.csv", False),
    ],
)
def test_glob_semantics(pattern, path, matches):
    assert GlobSet([pattern]).match(path) is matches


def test_every_suffix_has_a_reader(tmp_path):
    for suffix in sorted(SUFFIXES):
        path = tmp_path / f"empty{suffix}"
        path.write_text("")
        assert read_file(path, path.name) is not None
