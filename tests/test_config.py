"""Project configuration: discovery (nearest wins), brandlint.yaml and
``[tool.brandlint]`` in pyproject.toml, strict validation with exact positions."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from brandlint.config import Config, config_schema, find_config, load_config
from brandlint.errors import BrandlintError
from brandlint.framework import load as load_module

REPO = Path(__file__).resolve().parent.parent


def problems(path: Path) -> list[str]:
    with pytest.raises(BrandlintError) as caught:
        load_config(path, display=path.name)
    return [str(e) for e in getattr(caught.value, "errors", [caught.value])]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with drafts two levels down."""
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "campaigns" / "spring").mkdir(parents=True)
    return tmp_path / "repo"


# -- discovery ------------------------------------------------------------------------


def test_nearest_config_wins(repo):
    drafts = repo / "campaigns" / "spring"
    (repo / "brandlint.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    assert find_config(drafts) == repo / "brandlint.yaml"
    (repo / "campaigns" / ".brandlint.yaml").write_text("fail_on: info\n", encoding="utf-8")
    assert find_config(drafts / "launch.md") == repo / "campaigns" / ".brandlint.yaml"


def test_brandlint_yaml_beats_pyproject_in_the_same_directory(repo):
    (repo / "pyproject.toml").write_text("[tool.brandlint]\nfail_on = 'info'\n", encoding="utf-8")
    assert find_config(repo) == repo / "pyproject.toml"
    (repo / "brandlint.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    assert find_config(repo) == repo / "brandlint.yaml"


def test_pyproject_without_a_brandlint_table_is_not_a_config(repo):
    (repo / "campaigns" / "pyproject.toml").write_text(
        "[tool.ruff]\nline-length = 100\n", encoding="utf-8"
    )
    (repo / "pyproject.toml").write_text(
        "[tool.brandlint.severity]\ntone-hype = 'info'\n", encoding="utf-8"
    )
    assert find_config(repo / "campaigns" / "spring") == repo / "pyproject.toml"


def test_discovery_stops_at_the_repository_root(repo):
    (repo.parent / "brandlint.yaml").write_text("fail_on: never\n", encoding="utf-8")
    assert find_config(repo / "campaigns") is None


# -- loading --------------------------------------------------------------------------


def test_yaml_config_loads(repo):
    (repo / "messaging_framework.yaml").write_text("version: 1\n", encoding="utf-8")
    path = repo / "brandlint.yaml"
    path.write_text(
        """\
framework: messaging_framework.yaml
include: ["campaigns/**/*.md"]
exclude: [archive/**]
channels_by_path: {"campaigns/**/newsletter*.md": email}
default_channel: web
fail_on: warning
select: [tone-, banned-phrase]
ignore: [tone-passive]
severity: {tone-hype: info, competitor: off}
cache_dir: .cache/brandlint
spacy_models: {en: en_core_web_sm}
""",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.root == str(repo.resolve()) and config.path == str(path)
    assert config.framework == "messaging_framework.yaml"
    assert config.include == ("campaigns/**/*.md",) and config.exclude == ("archive/**",)
    assert config.channels_by_path == {"campaigns/**/newsletter*.md": "email"}
    assert (config.default_channel, config.fail_on) == ("web", "warning")
    assert config.select == ("tone-", "banned-phrase") and config.ignore == ("tone-passive",)
    # `off` is a YAML 1.1 boolean; here it is the severity "off"
    assert config.severity == {"tone-hype": "info", "competitor": "off"}
    assert config.cache_dir == ".cache/brandlint"
    assert config.spacy_models == {"en": "en_core_web_sm"}


def test_defaults_match_the_config_dataclass(tmp_path):
    path = tmp_path / "brandlint.yaml"
    path.write_text("# all defaults\n{}\n", encoding="utf-8")
    config = load_config(path)
    defaults = Config()
    for f in fields(Config):
        if f.name not in ("root", "path"):
            assert getattr(config, f.name) == getattr(defaults, f.name), f.name


def test_schema_keys_are_the_config_fields():
    assert set(config_schema()["properties"]) == {f.name for f in fields(Config)} - {"root", "path"}


def test_pyproject_table_loads(repo):
    path = repo / "pyproject.toml"
    path.write_text(
        """\
[project]
name = "acme-copy"

[tool.brandlint]
fail_on = "warning"
ignore = ["tone-passive"]

[tool.brandlint.severity]
"tone-hype" = "info"
""",
        encoding="utf-8",
    )
    config = load_config(path)
    assert (config.fail_on, config.ignore) == ("warning", ("tone-passive",))
    assert config.severity == {"tone-hype": "info"}
    assert config.root == str(repo.resolve())


def test_pyproject_unknown_key_has_its_line(repo):
    path = repo / "pyproject.toml"
    path.write_text(
        """\
[tool.brandlint]
fail_on = "warning"
  ignroe = ["tone-passive"]

[tool.brandlint.severity]
tone-hype = "loud"
""",
        encoding="utf-8",
    )
    assert problems(path) == [
        "pyproject.toml:3:3: unknown key 'ignroe' in [tool.brandlint] — did you mean 'ignore'?",
        "pyproject.toml:6:1: severity.tone-hype: expected error, warning, info or off, got 'loud'",
    ]


def test_invalid_toml(repo):
    path = repo / "pyproject.toml"
    path.write_text("[tool.brandlint]\nfail_on = warning\n", encoding="utf-8")
    (message,) = problems(path)
    assert re.fullmatch(r"pyproject\.toml:2:11: invalid TOML: .+", message), message


# -- errors ---------------------------------------------------------------------------


def test_unknown_key_suggests_the_closest(tmp_path):
    path = tmp_path / "brandlint.yaml"
    path.write_text("fail_on: warning\nchannel_by_path: {}\n", encoding="utf-8")
    assert problems(path) == [
        "brandlint.yaml:2:1: unknown key 'channel_by_path' at the top level"
        " — did you mean 'channels_by_path'?",
    ]


def test_bad_fail_on_value(tmp_path):
    path = tmp_path / "brandlint.yaml"
    path.write_text("fail_on: warnings\n", encoding="utf-8")
    assert problems(path) == [
        "brandlint.yaml:1:10: fail_on: expected error, warning, info or never, got 'warnings'"
        " — did you mean 'warning'?",
    ]


def test_list_given_as_a_single_word(tmp_path):
    path = tmp_path / "brandlint.yaml"
    path.write_text("ignore: tone-passive\n", encoding="utf-8")
    assert problems(path) == ["brandlint.yaml:1:9: ignore: expected a list, got 'tone-passive'"]


def test_missing_framework_file(tmp_path):
    path = tmp_path / "brandlint.yaml"
    path.write_text("framework: brand/framework.yaml\n", encoding="utf-8")
    assert problems(path) == [
        "brandlint.yaml:1:12: framework: file 'brand/framework.yaml' not found"
    ]


def test_unknown_pack(tmp_path, monkeypatch):
    monkeypatch.setattr(load_module, "shipped_packs", lambda: {"spam-triggers": Path("x")})
    path = tmp_path / "brandlint.yaml"
    path.write_text("rule_packs: [spam-trigger]\n", encoding="utf-8")
    assert problems(path) == [
        "brandlint.yaml:1:14: rule_packs[1]: unknown rule pack 'spam-trigger' — did you mean"
        " 'spam-triggers'? (available packs: spam-triggers)",
    ]


def test_empty_config_file(tmp_path):
    path = tmp_path / "brandlint.yaml"
    path.write_text("", encoding="utf-8")
    assert problems(path) == ["brandlint.yaml:1:1: the config file is empty"]


def test_docs_describe_every_config_key():
    docs = (REPO / "docs" / "config.md").read_text(encoding="utf-8")
    for name in config_schema()["properties"]:
        assert f"`{name}`" in docs, name


def test_config_schema_is_valid_and_accepts_the_scaffold():
    import jsonschema
    import yaml

    jsonschema.Draft202012Validator.check_schema(config_schema())
    template = REPO / "src" / "brandlint" / "templates" / "brandlint.yaml"
    data = yaml.safe_load(template.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(config_schema()).validate(data)
