"""spaCy imported without its command-line package (brandlint.nlp.lazy_spacy): faster
cold runs, and nothing changes for code that wants ``spacy.cli``. Each case runs in a
fresh interpreter, since spaCy is imported once per process."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def run(code: str, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_spacy_loads_without_its_cli_and_the_cli_still_imports():
    out = run(
        """
        import sys
        from brandlint.nlp.lazy_spacy import import_spacy

        spacy = import_spacy()
        print(spacy.blank("en")("Hello, world.")[1].text)
        print("weasel" in sys.modules, "spacy.cli" in sys.modules, hasattr(spacy, "cli"))
        import spacy.cli
        from spacy.cli.info import info
        print(hasattr(spacy.cli, "download"), info.__module__)
        print(import_spacy() is spacy)
        """
    )
    assert out.split("\n")[:4] == [",", "False False False", "True spacy.cli.info", "True"]


def test_a_spacy_that_needs_more_of_its_cli_is_imported_as_usual(tmp_path):
    package = tmp_path / "spacy"
    (package / "cli").mkdir(parents=True)
    (package / "__init__.py").write_text("from .cli.download import download\n")
    (package / "cli" / "__init__.py").write_text("")
    (package / "cli" / "download.py").write_text("download = 'the real one'\n")
    out = run(
        """
        import sys
        sys.path.insert(0, ".")
        from brandlint.nlp.lazy_spacy import import_spacy

        print(import_spacy().download)
        """,
        cwd=tmp_path,
    )
    assert out.strip() == "the real one"
