"""Find, read, validate and build the messaging framework (SPEC §1.1).

``schema.json`` next to this module is the single source of truth for keys, types
and defaults; :func:`load_framework` validates against it with file:line:col errors
and builds the typed :class:`~brandlint.framework.model.Framework`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import BrandlintError
from .campaigns import load_campaigns
from .model import (
    Banned,
    Brand,
    Channel,
    Framework,
    Limit,
    Pillar,
    ProofPoint,
    Required,
    Term,
    Tone,
    ValueProposition,
)
from .validate import (
    FrameworkErrors,
    Schema,
    Validator,
    child,
    did_you_mean,
    error_at,
    items,
    position,
    read_yaml,
    regex_problem,
)

FRAMEWORK_NAMES = ("messaging_framework.yaml", "messaging_framework.yml")


@functools.lru_cache(maxsize=1)
def framework_schema() -> Schema:
    """The framework's JSON Schema (draft 2020-12), as shipped in ``schema.json``."""
    text = resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def search_dirs(start: Path) -> Iterator[Path]:
    """``start`` (or its directory) and each parent, up to and including the repository
    root (the first directory holding ``.git``) or the filesystem root."""
    directory = start.resolve()
    if not directory.is_dir():
        directory = directory.parent
    for candidate in (directory, *directory.parents):
        yield candidate
        if (candidate / ".git").exists():
            return


def find_framework(start: Path) -> Path | None:
    """The nearest ``messaging_framework.yaml`` / ``.yml`` from ``start`` upwards."""
    for directory in search_dirs(start):
        for name in FRAMEWORK_NAMES:
            if (directory / name).is_file():
                return directory / name
    return None


def shipped_packs() -> dict[str, Path]:
    """Name -> file of every rule pack shipped with brandlint: ``*.yaml`` in
    ``brandlint/rulepacks/`` of an installed wheel, or in the repository's top-level
    ``rules/`` in a source checkout (also an editable install)."""
    package = Path(__file__).resolve().parents[1]
    folder = package / "rulepacks"
    if not folder.is_dir():
        folder = package.parents[1] / "rules"
        if package.parent.name != "src" or not folder.is_dir():
            return {}
    return {p.stem: p for p in sorted(folder.iterdir()) if p.suffix == ".yaml" and p.is_file()}


def _is_pack_path(ref: str) -> bool:
    return "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml")) or ref.startswith("~")


def resolve_rule_pack(ref: str, base: Path) -> str | None:
    """A ``rule_packs`` entry as used downstream: a shipped pack's name, or the absolute
    path of a pack file (relative paths are relative to ``base``); None if neither."""
    if _is_pack_path(ref):
        file = (base / Path(ref).expanduser()).resolve()
        return str(file) if file.is_file() else None
    return ref if ref in shipped_packs() else None


def rule_pack_errors(node: yaml.Node | None, base: Path, path: str) -> list[BrandlintError]:
    """Errors for ``rule_packs`` entries (a sequence node) that name no pack."""
    if not isinstance(node, yaml.SequenceNode):
        return []
    errors = []
    for i, item in enumerate(node.value, 1):
        if not isinstance(item, yaml.ScalarNode) or resolve_rule_pack(str(item.value), base):
            continue
        ref = str(item.value)
        if _is_pack_path(ref):
            errors.append(
                error_at(
                    item,
                    f"rule_packs[{i}]: rule pack file '{ref}' not found",
                    path,
                    hint=f"a pack path is relative to {base}",
                )
            )
            continue
        names = sorted(shipped_packs())
        known = f"available packs: {', '.join(names)}" if names else "no packs are installed"
        errors.append(
            error_at(
                item,
                f"rule_packs[{i}]: unknown rule pack '{ref}'{did_you_mean(ref, names)} ({known})",
                path,
                hint="use a shipped pack's name or the path of your own pack file",
            )
        )
    return errors


def load_framework(path: Path, display: str | None = None) -> Framework:
    """Read, validate and build the framework at ``path``; ``display`` is how the file
    is named in messages and reports (default: ``path`` as given).

    Raises :class:`BrandlintError` for an unreadable, empty or invalid YAML file and
    :class:`~brandlint.framework.validate.FrameworkErrors` listing every problem."""
    shown = display or str(path)
    node = read_yaml(path, shown, "framework")
    validator = Validator(framework_schema(), shown)
    data = validator.validate(node)
    errors = validator.errors + _semantic_errors(node, data, path.parent, shown)
    campaigns, brief_errors = load_campaigns(node, data, path.parent, shown, framework_schema())
    if errors or brief_errors:
        errors += brief_errors  # the framework's problems first, then each brief file's
        errors.sort(key=lambda e: (e.path != shown, e.path or "", e.line or 0, e.column or 0))
        raise FrameworkErrors(errors)
    return replace(_build(data, shown, path.parent.resolve()), campaigns=campaigns)


def default_framework() -> Framework:
    """The built-in default: schema defaults, every shipped pack, and one channel per
    built-in profile (named like the profile, so ``sms/`` drafts get SMS limits)."""
    from ..profiles import PROFILES

    data = Validator(framework_schema(), "<built-in>").validate(yaml.compose("version: 1"))
    framework = _build(data, None, Path.cwd())
    channels = {name: Channel(name=name, profile=name) for name in PROFILES}
    return replace(
        framework, channels=channels, rule_packs=tuple(sorted(shipped_packs())), builtin=True
    )


# -- checks the schema cannot express --------------------------------------------


def _scalar(node: yaml.Node | None) -> str | None:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


def _duplicate_ids(seq: yaml.Node | None, where: str, what: str, path: str) -> list[BrandlintError]:
    seen: dict[str, yaml.Node] = {}
    errors = []
    for item in items(seq):
        id_node = child(item, "id")
        ident = _scalar(id_node)
        if ident is None:
            continue
        if ident in seen:
            first = position(seen[ident])[0]
            errors.append(
                error_at(
                    id_node,
                    f"{where}: duplicate {what} id '{ident}' (first at line {first})",
                    path,
                    hint=f"each {what} needs its own id",
                )
            )
        else:
            seen[ident] = id_node
    return errors


def _semantic_errors(root: yaml.Node, data: Any, base: Path, path: str) -> list[BrandlintError]:
    """Duplicate ids, regex phrases, unknown profiles, limits the profile cannot
    complete, and unknown packs. ``data`` is the validated value (None where invalid)."""
    errors = _duplicate_ids(
        child(child(root, "value_proposition"), "pillars"),
        "value_proposition.pillars",
        "pillar",
        path,
    )
    errors += _duplicate_ids(child(root, "required"), "required", "required element", path)
    for i, item in enumerate(items(child(root, "banned")), 1):
        phrase = child(item, "phrase")
        if isinstance(phrase, yaml.ScalarNode) and _scalar(child(item, "match")) == "regex":
            problem = regex_problem(phrase, str(phrase.value), f"banned[{i}].phrase", path)
            errors += [problem] if problem else []
    channels = child(root, "channels")
    if isinstance(channels, yaml.MappingNode):
        from ..profiles import PROFILES

        for key_node, channel in channels.value:
            profile = child(channel, "profile")
            name = _scalar(profile)
            if name is not None and name not in PROFILES:
                errors.append(
                    error_at(
                        profile,
                        f"channels.{key_node.value}.profile: unknown profile '{name}'"
                        f"{did_you_mean(name, list(PROFILES))} (known profiles: "
                        f"{', '.join(sorted(PROFILES))})",
                        path,
                        hint="leave profile out for a channel without built-in limits",
                    )
                )
            errors += _limit_errors(str(key_node.value), channel, data, path)
    return errors + rule_pack_errors(child(root, "rule_packs"), base, path)


def _dig(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _limit_errors(name: str, channel: yaml.Node, data: Any, path: str) -> list[BrandlintError]:
    """Limits the channel's profile cannot complete (a new field without ``max``)."""
    from ..profiles import limit_from_yaml

    limits = child(channel, "limits")
    values = _dig(data, "channels", name, "limits")
    if not isinstance(limits, yaml.MappingNode) or not isinstance(values, dict):
        return []
    profile = _dig(data, "channels", name, "profile")
    errors = []
    for key_node, value_node in limits.value:
        key = str(key_node.value)
        value = values.get(key)
        if value is None or (isinstance(value, dict) and None in value.values()):
            continue  # already reported by the schema
        try:
            limit_from_yaml(value, _profile_limit(profile, key))
        except BrandlintError as exc:
            message = f"channels.{name}.limits.{key}: {exc.message}"
            errors.append(error_at(value_node, message, path, hint=exc.hint))
    return errors


def _profile_limit(profile: str | None, key: str) -> Limit | None:
    """The profile limit that a channel's ``limits`` entry ``key`` overrides: the same
    key, else the key of the field's type (``headline_1`` -> ``headline``)."""
    from ..drafts import field_kind
    from ..profiles import PROFILES

    limits = PROFILES[profile].limits if profile in PROFILES else {}
    base, dot, label = key.partition(".")
    return limits.get(key) or limits.get(field_kind(base) + dot + label)


# -- building the model ----------------------------------------------------------


def _tuples(value: Any) -> Any:
    """Lists -> tuples, recursively (the model is immutable)."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value


def _banned(entry: dict[str, Any]) -> Banned:
    fields = _tuples(entry)
    if fields.get("match") == "regex" and "phrase" in fields:
        fields["pattern"] = fields.pop("phrase")  # a regex phrase is a pattern
    return Banned(**fields)


def _channel(name: str, data: dict[str, Any]) -> Channel:
    """A channel. Its ``limits`` are its own, each completed from the profile limit it
    overrides; :func:`brandlint.profiles.effective_limits` adds the profile's others."""
    from ..profiles import limit_from_yaml

    profile = data.get("profile")
    return Channel(
        name=name,
        profile=profile,
        locale=data.get("locale"),
        limits={
            key: limit_from_yaml(value, _profile_limit(profile, key))
            for key, value in data["limits"].items()
        },
        tone=_tuples(data.get("tone", {})),
        require_tagline=data["require_tagline"],
    )


def _build(data: dict[str, Any], shown: str | None, base: Path) -> Framework:
    brand = _tuples(data["brand"])
    brand["fuzzy_threshold"] = float(brand["fuzzy_threshold"])
    vp = data["value_proposition"]
    pillars = tuple(
        Pillar(
            **{**_tuples(p), "proof_points": tuple(ProofPoint(**pp) for pp in p["proof_points"])}
        )
        for p in vp["pillars"]
    )
    return Framework(
        version=data["version"],
        locale=data["locale"],
        brand=Brand(**brand),
        value_proposition=ValueProposition(**{**vp, "pillars": pillars}),
        tone=Tone(**_tuples(data["tone"])),
        banned=tuple(_banned(b) for b in data["banned"]),
        terminology=tuple(Term(**_tuples(t)) for t in data["terminology"]),
        required=tuple(Required(**_tuples(r)) for r in data["required"]),
        channels={name: _channel(name, c) for name, c in data["channels"].items()},
        rule_packs=tuple(resolve_rule_pack(ref, base) or ref for ref in data["rule_packs"]),
        path=shown,
    )
