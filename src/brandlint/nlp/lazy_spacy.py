"""Import spaCy without its command-line package.

``import spacy`` runs ``from .cli.info import info``, and ``spacy.cli`` loads weasel,
httpx, requests, jinja2 and typer's configuration: about 40% of spaCy's import time,
paid by every cold run for a function brandlint never calls. :func:`import_spacy`
lets a stand-in serve that one import and removes it once spaCy is loaded, so
``import spacy.cli`` (a user's own code, a trained pipeline) still gets the real
package, and ``spacy.info`` still works (it imports the real function when called).
Should a spaCy release need more of ``spacy.cli`` while it imports, the stand-in
steps aside and spaCy is imported the ordinary way.
"""

from __future__ import annotations

import sys
import types
from typing import Any

_CLI, _INFO = "spacy.cli", "spacy.cli.info"


def import_spacy() -> types.ModuleType:
    """The ``spacy`` module, imported once, without ``spacy.cli`` where possible."""
    loaded = sys.modules.get("spacy")
    if loaded is not None:
        return loaded
    cli, info = types.ModuleType(_CLI), types.ModuleType(_INFO)
    info.info = cli.info = _info  # type: ignore[attr-defined]
    cli.__path__ = []  # a package, so `spacy.cli.info` resolves to the stand-in
    sys.modules[_CLI], sys.modules[_INFO] = cli, info
    try:
        import spacy
    except ImportError:  # this spaCy wants more of its CLI: import it as usual
        _drop(cli, info)
        for name in [n for n in sys.modules if n == "spacy" or n.startswith("spacy.")]:
            del sys.modules[name]
        import spacy
    else:
        _drop(cli, info)
    return spacy


def _drop(cli: types.ModuleType, info: types.ModuleType) -> None:
    for name, stand_in in ((_INFO, info), (_CLI, cli)):
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
    spacy = sys.modules.get("spacy")
    if spacy is not None and getattr(spacy, "cli", None) is cli:
        delattr(spacy, "cli")


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: spaCy's own, imported when first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)
