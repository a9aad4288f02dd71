"""Project configuration (SPEC §1.2): ``brandlint.yaml`` or ``[tool.brandlint]``.

The nearest file wins; CLI flags override it (the CLI builds the final
:class:`Config` with :func:`dataclasses.replace`).
"""

from __future__ import annotations

import functools
import json
import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import BrandlintError
from .framework.load import resolve_rule_pack, rule_pack_errors, search_dirs
from .framework.validate import FrameworkErrors, Schema, Validator, error_at, read_yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    try:
        import tomli as tomllib
    except ImportError:
        tomllib = None


@dataclass(frozen=True)
class Config:
    """Resolved project settings. ``root`` is the directory of the config file (or the
    working directory); globs and relative paths are relative to it."""

    root: str = "."
    path: str | None = None  # the config file, None when there is none
    framework: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    channels_by_path: dict[str, str] = field(default_factory=dict, hash=False)
    campaigns_by_path: dict[str, str] = field(default_factory=dict, hash=False)
    default_channel: str | None = None
    fail_on: str = "error"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict, hash=False)
    rule_packs: tuple[str, ...] = ()
    cache_dir: str | None = None
    spacy_models: dict[str, str] = field(default_factory=dict, hash=False)


CONFIG_NAMES = ("brandlint.yaml", ".brandlint.yaml")
_TOOL_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*brandlint\s*[\].]", re.MULTILINE)


@functools.lru_cache(maxsize=1)
def config_schema() -> Schema:
    """The config's JSON Schema (``config.schema.json``)."""
    text = resources.files(__package__).joinpath("config.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    if tomllib is not None:
        try:
            return isinstance(tomllib.loads(text).get("tool", {}).get("brandlint"), dict)
        except tomllib.TOMLDecodeError:
            pass  # a broken file that names the table is reported by load_config
    return _TOOL_TABLE.search(text) is not None


def find_config(start: Path) -> Path | None:
    """The nearest config from ``start`` upwards (to the repository root): in each
    directory ``brandlint.yaml``, ``.brandlint.yaml``, then a ``pyproject.toml`` with
    a ``[tool.brandlint]`` table."""
    for directory in search_dirs(start):
        for name in CONFIG_NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def load_config(path: Path, display: str | None = None) -> Config:
    """Read and validate the config at ``path`` (YAML, or ``pyproject.toml``'s
    ``[tool.brandlint]``); ``display`` names the file in messages. ``rule_packs`` come
    back as shipped pack names or absolute paths. Raises :class:`BrandlintError` /
    :class:`~brandlint.framework.validate.FrameworkErrors` with file:line:col."""
    shown = display or str(path)
    if path.suffix == ".toml":
        node = _pyproject_node(path, shown)
    else:
        node = read_yaml(path, shown, "config")
    top = "[tool.brandlint]" if path.suffix == ".toml" else None
    validator = Validator(config_schema(), shown, top)
    data = validator.validate(node)
    root = path.resolve().parent
    errors = validator.errors + _reference_errors(node, root, shown)
    if errors:
        raise FrameworkErrors(sorted(errors, key=lambda e: (e.line or 0, e.column or 0)))
    return Config(
        root=str(root),
        path=shown,
        framework=data.get("framework"),
        include=tuple(data["include"]),
        exclude=tuple(data["exclude"]),
        channels_by_path=data["channels_by_path"],
        campaigns_by_path=data["campaigns_by_path"],
        default_channel=data.get("default_channel"),
        fail_on=data["fail_on"],
        select=tuple(data["select"]),
        ignore=tuple(data["ignore"]),
        severity=data["severity"],
        rule_packs=tuple(resolve_rule_pack(ref, root) or ref for ref in data["rule_packs"]),
        cache_dir=data.get("cache_dir"),
        spacy_models=data["spacy_models"],
    )


def _reference_errors(node: yaml.Node, root: Path, shown: str) -> list[BrandlintError]:
    """A ``framework`` file that does not exist; ``rule_packs`` that name no pack."""
    errors: list[BrandlintError] = []
    if not isinstance(node, yaml.MappingNode):
        return errors
    values = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    fw = values.get("framework")
    if isinstance(fw, yaml.ScalarNode) and fw.value and not (root / str(fw.value)).is_file():
        message = f"framework: file '{fw.value}' not found"
        errors.append(error_at(fw, message, shown, hint=f"the path is relative to {root}"))
    return errors + rule_pack_errors(values.get("rule_packs"), root, shown)


# -- pyproject.toml -----------------------------------------------------------------

_TOML_KEY = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")
_TOML_HEADER = re.compile(r"^\s*\[\s*tool\s*\.\s*brandlint\s*(?:\.\s*([A-Za-z0-9_-]+)\s*)?\]")


def _pyproject_node(path: Path, shown: str) -> yaml.Node:
    """``[tool.brandlint]`` as a YAML node tree, with keys located by scanning the
    file's lines (values inside inline tables and arrays take their key's line)."""
    if tomllib is None:  # pragma: no cover - Python 3.10 without tomli
        raise BrandlintError(
            "reading [tool.brandlint] needs Python 3.11 or the tomli package",
            path=shown,
            hint="use brandlint.yaml instead, or install tomli",
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BrandlintError(f"cannot read the config file: {exc}", path=shown) from None
    try:
        table = tomllib.loads(text).get("tool", {}).get("brandlint")
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise BrandlintError(
            f"invalid TOML: {message}",
            path=shown,
            line=int(where.group(1)) if where else None,
            column=int(where.group(2)) if where else None,
        ) from None
    if not isinstance(table, dict):
        raise BrandlintError(
            "pyproject.toml has no [tool.brandlint] table",
            path=shown,
            hint="add a [tool.brandlint] table or use brandlint.yaml",
        )
    marks = _toml_marks(text, shown)
    return _to_node(table, (), marks, marks[()])


def _toml_marks(text: str, shown: str) -> dict[tuple[str, ...], yaml.Mark]:
    """Key path under ``[tool.brandlint]`` -> where it is written."""
    marks: dict[tuple[str, ...], yaml.Mark] = {}
    section: tuple[str, ...] | None = None
    for number, line in enumerate(text.splitlines()):
        if line.lstrip().startswith("["):
            header = _TOML_HEADER.match(line)
            section = None
            if header:
                section = (header.group(1),) if header.group(1) else ()
                column = line.index("[")
                marks.setdefault(section, yaml.Mark(shown, 0, number, column, None, None))
            continue
        key = _TOML_KEY.match(line) if section is not None else None
        if key and section is not None:
            name = next(g for g in key.groups() if g is not None)
            column = line.index(name) - (0 if key.group(3) else 1)
            marks.setdefault((*section, name), yaml.Mark(shown, 0, number, column, None, None))
    marks.setdefault((), yaml.Mark(shown, 0, 0, 0, None, None))
    return marks


def _to_node(
    value: Any, key: tuple[str, ...], marks: dict[tuple[str, ...], yaml.Mark], at: yaml.Mark
) -> yaml.Node:
    mark = marks.get(key, at)
    if isinstance(value, dict):
        pairs = []
        for name, item in value.items():
            child = (*key, str(name))
            child_mark = marks.get(child, mark)
            key_node = yaml.ScalarNode("tag:yaml.org,2002:str", str(name), child_mark, child_mark)
            pairs.append((key_node, _to_node(item, child, marks, child_mark)))
        return yaml.MappingNode("tag:yaml.org,2002:map", pairs, mark, mark)
    if isinstance(value, list):
        items = [_to_node(item, key, marks, mark) for item in value]
        return yaml.SequenceNode("tag:yaml.org,2002:seq", items, mark, mark)
    if isinstance(value, bool):
        return yaml.ScalarNode("tag:yaml.org,2002:bool", str(value).lower(), mark, mark)
    if isinstance(value, int):
        return yaml.ScalarNode("tag:yaml.org,2002:int", str(value), mark, mark)
    if isinstance(value, float):
        return yaml.ScalarNode("tag:yaml.org,2002:float", repr(value), mark, mark)
    if isinstance(value, str):
        return yaml.ScalarNode("tag:yaml.org,2002:str", value, mark, mark, style='"')
    # TOML dates and times: not valid for any key, reported as text of that kind
    return yaml.ScalarNode("tag:yaml.org,2002:timestamp", value.isoformat(), mark, mark)
