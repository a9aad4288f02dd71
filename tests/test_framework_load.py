"""The messaging framework loader: strict, kind validation with exact file:line:col,
schema defaults, discovery, the built-in default and ``brandlint init``."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from pathlib import Path

import jsonschema
import pytest
import yaml

from brandlint.errors import BrandlintError
from brandlint.framework import load as load_module
from brandlint.framework import model
from brandlint.framework.load import (
    default_framework,
    find_framework,
    framework_schema,
    load_framework,
)
from brandlint.scaffold import init_project

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "messaging_framework.example.yaml"
TEMPLATES = REPO / "src" / "brandlint" / "templates"
NAME = "messaging_framework.yaml"


@pytest.fixture
def packs(monkeypatch, tmp_path_factory):
    """Pretend brandlint ships the packs named in the SPEC, whatever rules/ holds now."""
    folder = tmp_path_factory.mktemp("packs")
    shipped = {}
    for name in ("en-claims", "zh-ad-law", "email-compliance", "sms-compliance"):
        shipped[name] = folder / f"{name}.yaml"
        shipped[name].write_text("pack: {}\n", encoding="utf-8")
    monkeypatch.setattr(load_module, "shipped_packs", lambda: dict(shipped))
    return shipped


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / NAME
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    """Every problem in ``text`` as the CLI prints it (without ``error: ``)."""
    with pytest.raises(BrandlintError) as caught:
        load_framework(write(tmp_path, text), display=NAME)
    lines = [str(e) for e in getattr(caught.value, "errors", [caught.value])]
    for line in lines:  # never a traceback or a repr of an internal object
        assert "Traceback" not in line and " object at 0x" not in line and "Node(" not in line
    return lines


def only_problem(tmp_path: Path, text: str) -> str:
    found = problems(tmp_path, text)
    assert len(found) == 1, found
    return found[0]


# -- the example and the scaffold --------------------------------------------------


def test_example_framework_loads():
    fw = load_framework(EXAMPLE)
    assert fw.brand.name == "Acme Cloud"
    assert fw.brand.products == ("Acme Pulse", "Acme Flow")
    assert fw.brand.competitors == ("Globex", "Initech")
    assert [p.id for p in fw.value_proposition.pillars] == ["speed", "consistency", "control"]
    assert fw.channels["weibo"].locale == "zh"
    assert fw.channels["email"].require_tagline is True
    phrases = [b.phrase for b in fw.banned if b.phrase]
    assert "最佳" in phrases and "第一品牌" in phrases
    assert fw.rule_packs == ("zh-ad-law", "zh-typography")


def test_example_uses_every_schema_key():
    example = EXAMPLE.read_text(encoding="utf-8")
    for name in schema_property_names(framework_schema()):
        assert re.search(rf"^\s*(- )?{name}:", example, re.MULTILINE), name


@pytest.mark.parametrize("path", [EXAMPLE, TEMPLATES / NAME], ids=["example", "scaffold"])
def test_frameworks_pass_the_real_jsonschema(path):
    schema = framework_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_init_writes_files_that_load_cleanly(tmp_path):
    from brandlint.config import load_config

    written = init_project(tmp_path / "brand")
    assert [p.name for p in written] == [NAME, "brandlint.yaml"]
    fw = load_framework(written[0])
    assert fw.brand.name and len(fw.value_proposition.pillars) >= 2
    assert load_config(written[1]).framework == NAME


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path):
    (tmp_path / "brandlint.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    with pytest.raises(BrandlintError) as caught:
        init_project(tmp_path)
    assert "never overwrites" in caught.value.message and caught.value.hint
    assert caught.value.path == str(tmp_path / "brandlint.yaml")
    assert not (tmp_path / NAME).exists()
    assert (tmp_path / "brandlint.yaml").read_text(encoding="utf-8") == "fail_on: warning\n"


# -- defaults ------------------------------------------------------------------------


def test_schema_defaults_are_applied(tmp_path):
    fw = load_framework(
        write(
            tmp_path,
            """\
version: 1
banned:
  - phrase: world-class
  - pattern: '\\bcheap\\b'
terminology:
  - use: sign up
    instead_of: [signup]
required:
  - id: unsubscribe
    any_of: [unsubscribe]
channels:
  blog: {}
""",
        )
    )
    assert fw.locale == "en"
    assert fw.brand.fuzzy_threshold == 88.0
    assert fw.tone.hype == "builtin" and fw.tone.max_exclamations is None
    phrase, pattern = fw.banned
    assert (phrase.severity, phrase.match, phrase.suggest, phrase.channels) == (
        "error",
        "lemma",
        (),
        None,
    )
    assert (pattern.pattern, pattern.match) == (r"\bcheap\b", "regex")
    assert (fw.terminology[0].severity, fw.terminology[0].match) == ("warning", "lemma")
    assert fw.required[0].severity == "error"
    blog = fw.channels["blog"]
    assert (blog.name, blog.profile, blog.limits, blog.tone, blog.require_tagline) == (
        "blog",
        None,
        {},
        {},
        False,
    )
    assert fw.path == str(tmp_path / NAME) and not fw.builtin


def test_regex_phrase_becomes_a_pattern(tmp_path):
    fw = load_framework(
        write(tmp_path, "version: 1\nbanned:\n  - phrase: 'free(bie)?s?'\n    match: regex\n")
    )
    assert (fw.banned[0].phrase, fw.banned[0].pattern) == (None, "free(bie)?s?")


def test_yaml_yes_no_words_stay_text(tmp_path):
    # Unquoted `No` and `2048` are a boolean and a number to YAML, but text here.
    fw = load_framework(
        write(tmp_path, "version: 1\nbanned:\n  - phrase: No\nbrand:\n  products: [2048]\n")
    )
    assert fw.banned[0].phrase == "No"
    assert fw.brand.products == ("2048",)


def test_channel_limits_override_and_extend_the_profile(tmp_path):
    from brandlint.profiles import PROFILES, effective_limits

    fw = load_framework(
        write(
            tmp_path,
            """\
version: 1
channels:
  email:
    profile: email
    limits:
      subject: 45
      teaser: {max: 60, hard: false}
  google_ads:
    profile: google_ads
    limits:
      headline_1: 25
""",
        )
    )
    email = fw.channels["email"]
    profile_subject = PROFILES["email"].limits["subject"]
    assert email.limits["subject"].max == 45
    assert email.limits["subject"].hard == profile_subject.hard  # soft, like the profile's
    assert (email.limits["teaser"].max, email.limits["teaser"].hard) == (60, False)
    assert effective_limits(email)["preheader"] == PROFILES["email"].limits["preheader"]
    # headline_1 keeps the headline limit's counting: double-width characters count 2
    headline_1 = fw.channels["google_ads"].limits["headline_1"]
    assert (headline_1.max, headline_1.count) == (25, "double_width")


def test_a_new_limit_without_max_is_an_error(tmp_path):
    text = (
        "version: 1\nchannels:\n  email:\n    profile: email\n    limits:\n"
        "      teaser: {hard: true}\n"
    )
    assert only_problem(tmp_path, text) == (
        f"{NAME}:6:15: channels.email.limits.teaser: a new limit needs max"
    )


def test_unknown_counting_method_suggests_the_closest(tmp_path):
    text = (
        "version: 1\nchannels:\n  weibo:\n    profile: weibo\n    limits:\n"
        "      body: {count: half_width}\n"
    )
    assert only_problem(tmp_path, text) == (
        f"{NAME}:6:21: channels.weibo.limits.body.count: expected characters, double_width, "
        "x_weighted, utf16, utf8_bytes, half_width_ascii, hashtags or sms_segments, got "
        "'half_width' — did you mean 'half_width_ascii'?"
    )


def test_schema_counting_methods_are_the_counters():
    from brandlint.nlp.counting import COUNTERS

    limit = framework_schema()["$defs"]["limit"]["oneOf"][1]
    assert set(limit["properties"]["count"]["enum"]) == set(COUNTERS)


def test_channel_tone_holds_only_its_overrides(tmp_path):
    fw = load_framework(
        write(
            tmp_path,
            "version: 1\ntone: {hype: off, voice: [warm]}\n"
            "channels:\n  x:\n    tone: {voice: [brisk], max_emoji: 1}\n",
        )
    )
    tone = fw.tone.merged(fw.channels["x"].tone)
    assert (tone.hype, tone.voice, tone.max_emoji) == ("off", ("brisk",), 1)


def test_rule_packs_by_name_and_by_path(tmp_path, packs):
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "ours.yaml").write_text("pack: {}\n", encoding="utf-8")
    fw = load_framework(write(tmp_path, "version: 1\nrule_packs: [en-claims, packs/ours.yaml]\n"))
    assert fw.rule_packs == ("en-claims", str((tmp_path / "packs" / "ours.yaml").resolve()))


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / NAME
    path.write_bytes("\ufeffversion: 1\nbrand: {name: 极客云}\n".encode())
    assert load_framework(path).brand.name == "极客云"


def test_yaml_anchors_and_merge_keys_work(tmp_path):
    fw = load_framework(
        write(
            tmp_path,
            """\
version: 1
channels:
  email: &base {tone: {max_exclamations: 0}, require_tagline: true}
  newsletter:
    <<: *base
    require_tagline: false
""",
        )
    )
    assert fw.channels["newsletter"].tone == {"max_exclamations": 0}
    assert fw.channels["newsletter"].require_tagline is False


# -- errors, each at its exact line and column ----------------------------------------


def test_unknown_key_suggests_the_closest(tmp_path):
    text = "version: 1\nvalue_proposition:\n  statement: One voice.\n  tagine: Every channel.\n"
    assert only_problem(tmp_path, text) == (
        f"{NAME}:4:3: unknown key 'tagine' in value_proposition — did you mean 'tagline'?"
    )


def test_unknown_key_without_a_close_match_lists_the_keys(tmp_path):
    assert only_problem(tmp_path, "version: 1\nbrand:\n  slogan: Hi\n") == (
        f"{NAME}:3:3: unknown key 'slogan' in brand; expected one of: name, products, "
        "misspellings, fuzzy_threshold, competitors"
    )


def test_wrong_type_says_what_was_expected(tmp_path):
    assert only_problem(tmp_path, "version: 1\nbrand:\n  fuzzy_threshold: high\n") == (
        f"{NAME}:3:20: brand.fuzzy_threshold: expected a number, got 'high'"
    )


def test_a_single_word_where_a_list_belongs(tmp_path):
    assert only_problem(tmp_path, "version: 1\nbrand:\n  competitors: Globex\n") == (
        f"{NAME}:3:16: brand.competitors: expected a list, got 'Globex'"
    )


def test_empty_value_where_a_list_belongs(tmp_path):
    assert only_problem(tmp_path, "version: 1\nbrand:\n  competitors:\n  name: Acme\n") == (
        f"{NAME}:3:15: brand.competitors: expected a list, got an empty value"
    )


def test_number_out_of_range(tmp_path):
    assert only_problem(tmp_path, "version: 1\nbrand: {fuzzy_threshold: 120}\n") == (
        f"{NAME}:2:26: brand.fuzzy_threshold: must be at most 100, got 120"
    )


def test_invalid_regex_points_at_the_broken_character(tmp_path):
    text = "version: 1\nbanned:\n  - pattern: '\\bcheap(est?\\b'\n"
    # the "(" that is never closed is column 22: 14 for the quote, 1, then 7 characters
    message = only_problem(tmp_path, text)
    assert message.startswith(f"{NAME}:3:22: banned[1].pattern: invalid regex: missing ),")


def test_invalid_regex_phrase(tmp_path):
    text = "version: 1\nbanned:\n  - phrase: 'a[b'\n    match: regex\n"
    assert only_problem(tmp_path, text).startswith(
        f"{NAME}:3:15: banned[1].phrase: invalid regex: unterminated character set"
    )


def test_banned_entry_needs_exactly_one_of_phrase_or_pattern(tmp_path):
    text = "version: 1\nbanned:\n  - phrase: cheap\n    pattern: cheap\n  - reason: Why\n"
    assert problems(tmp_path, text) == [
        f"{NAME}:3:5: banned[1]: needs exactly one of 'phrase' or 'pattern'",
        f"{NAME}:5:5: banned[2]: needs exactly one of 'phrase' or 'pattern'",
    ]


def test_bad_enum_value_suggests_the_closest(tmp_path):
    text = "version: 1\nbanned:\n  - phrase: cheap\n    severity: eror\n"
    assert only_problem(tmp_path, text) == (
        f"{NAME}:4:15: banned[1].severity: expected error, warning or info, got 'eror'"
        " — did you mean 'error'?"
    )


def test_unknown_profile_lists_the_known_profiles(tmp_path):
    text = "version: 1\nchannels:\n  ads:\n    profile: gogle_ads\n"
    message = only_problem(tmp_path, text)
    assert message.startswith(
        f"{NAME}:4:14: channels.ads.profile: unknown profile 'gogle_ads'"
        " — did you mean 'google_ads'? (known profiles: "
    )
    for name in ("email", "google_ads", "sms", "weibo", "x"):
        assert name in message


def test_unknown_pack_lists_the_available_packs(tmp_path, packs):
    message = only_problem(tmp_path, "version: 1\nrule_packs: [en-claim]\n")
    assert message == (
        f"{NAME}:2:14: rule_packs[1]: unknown rule pack 'en-claim' — did you mean 'en-claims'?"
        " (available packs: email-compliance, en-claims, sms-compliance, zh-ad-law)"
    )


def test_missing_pack_file(tmp_path, packs):
    assert only_problem(tmp_path, "version: 1\nrule_packs:\n  - ./packs/ours.yaml\n") == (
        f"{NAME}:3:5: rule_packs[1]: rule pack file './packs/ours.yaml' not found"
    )


def test_duplicate_pillar_id(tmp_path):
    text = """\
version: 1
value_proposition:
  pillars:
    - id: speed
      message: Launch in minutes.
    - id: speed
      message: Set up in a day.
"""
    assert only_problem(tmp_path, text) == (
        f"{NAME}:6:11: value_proposition.pillars: duplicate pillar id 'speed' (first at line 4)"
    )


def test_duplicate_key(tmp_path):
    text = "version: 1\nbrand:\n  name: Acme Cloud\n  products: []\n  name: Acme\n"
    with pytest.raises(BrandlintError) as caught:
        load_framework(write(tmp_path, text), display=NAME)
    (error,) = caught.value.errors
    assert str(error) == f"{NAME}:5:3: duplicate key 'name' in brand (first at line 3)"
    assert "keeps only the last" in error.hint


def test_unknown_version(tmp_path):
    assert only_problem(tmp_path, "version: 2\n") == f"{NAME}:1:10: version: expected 1, got 2"


def test_missing_version(tmp_path):
    assert only_problem(tmp_path, "locale: en\n") == (
        f"{NAME}:1:1: missing required key 'version' at the top level"
    )


def test_empty_file(tmp_path):
    with pytest.raises(BrandlintError) as caught:
        load_framework(write(tmp_path, "# nothing here yet\n"), display=NAME)
    assert str(caught.value) == f"{NAME}:1:1: the framework file is empty"
    assert "brandlint init" in caught.value.hint


def test_invalid_yaml_gives_line_column_and_a_hint(tmp_path):
    text = "version: 1\nbanned:\n  - phrase: cheap\n    reason: Note: not us\n"
    with pytest.raises(BrandlintError) as caught:
        load_framework(write(tmp_path, text), display=NAME)
    assert str(caught.value) == (f"{NAME}:4:17: invalid YAML: mapping values are not allowed here")
    assert "quoted" in caught.value.hint


def test_tabs_get_their_own_hint(tmp_path):
    with pytest.raises(BrandlintError) as caught:
        load_framework(write(tmp_path, "version: 1\nbrand:\n\tname: Acme\n"), display=NAME)
    assert caught.value.line == 3 and "tabs" in caught.value.hint


def test_not_utf8(tmp_path):
    path = tmp_path / NAME
    path.write_bytes("version: 1\nbrand: {name: Café}\n".encode("latin-1"))
    with pytest.raises(BrandlintError) as caught:
        load_framework(path, display=NAME)
    assert str(caught.value) == f"{NAME}:2: the framework file is not UTF-8 text (byte 0xe9)"


def test_missing_file(tmp_path):
    with pytest.raises(BrandlintError) as caught:
        load_framework(tmp_path / NAME, display=NAME)
    assert str(caught.value) == f"{NAME}: framework file not found"


def test_every_problem_is_reported_in_line_order(tmp_path):
    text = """\
version: 1
brand:
  nmae: Acme
value_proposition:
  pillars:
    - id: speed
channels:
  sms: {profile: sms, require_tagline: maybe}
"""
    assert problems(tmp_path, text) == [
        f"{NAME}:3:3: unknown key 'nmae' in brand — did you mean 'name'?",
        f"{NAME}:6:7: missing required key 'message' in value_proposition.pillars[1]",
        f"{NAME}:8:40: channels.sms.require_tagline: expected true or false, got 'maybe'",
    ]


def test_too_many_pillars(tmp_path):
    pillars = "".join(f"    - {{id: p{i}, message: Claim {i}.}}\n" for i in range(7))
    text = f"version: 1\nvalue_proposition:\n  pillars:\n{pillars}"
    assert only_problem(tmp_path, text) == (
        f"{NAME}:4:5: value_proposition.pillars: has 7 entries; at most 6 allowed"
    )


def test_self_referencing_alias_is_an_error_not_a_crash(tmp_path):
    message = only_problem(tmp_path, "version: 1\nrule_packs: &a [*a]\n")
    assert message.startswith(f"{NAME}:2:13: rule_packs")


# -- discovery and the built-in default -------------------------------------------------


def test_find_framework_nearest_wins_up_to_the_repository_root(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    drafts = repo / "campaigns" / "spring" / "email"
    drafts.mkdir(parents=True)
    (tmp_path / NAME).write_text("version: 1\n", encoding="utf-8")  # outside the repo
    assert find_framework(drafts) is None
    (repo / "messaging_framework.yml").write_text("version: 1\n", encoding="utf-8")
    assert find_framework(drafts) == repo / "messaging_framework.yml"
    (repo / "campaigns" / NAME).write_text("version: 1\n", encoding="utf-8")
    assert find_framework(drafts / "launch.md") == repo / "campaigns" / NAME


def test_default_framework_has_a_channel_per_profile():
    from brandlint.profiles import PROFILES, effective_limits

    fw = default_framework()
    assert fw.builtin and fw.path is None and fw.version == 1
    assert set(fw.channels) == set(PROFILES)
    assert fw.channels["sms"].profile == "sms"
    assert effective_limits(fw.channels["sms"]) == PROFILES["sms"].limits
    assert fw.tone.hype == "builtin"


# -- the schema itself -----------------------------------------------------------------


def schema_property_names(schema: dict) -> set[str]:
    names: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return names


def test_every_schema_property_has_a_description():
    def walk(node, where):
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                target = prop
                while "$ref" in target and "description" not in target:
                    target = framework_schema()["$defs"][target["$ref"].split("/")[-1]]
                assert target.get("description"), f"{where}.{name}"
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    walk(framework_schema(), "")


def test_schema_keys_match_the_model():
    schema = framework_schema()
    defs = schema["$defs"]
    pairs = [
        (schema["properties"]["brand"], model.Brand),
        (schema["properties"]["value_proposition"], model.ValueProposition),
        (schema["properties"]["tone"], model.Tone),
        (defs["pillar"], model.Pillar),
        (defs["proof_point"], model.ProofPoint),
        (defs["banned_phrase"], model.Banned),
        (defs["banned_pattern"], model.Banned),
        (defs["term"], model.Term),
        (defs["required"], model.Required),
        (defs["channel"], model.Channel),
    ]
    for part, cls in pairs:
        assert set(part["properties"]) <= {f.name for f in fields(cls)}, cls.__name__
    top = {f.name for f in fields(model.Framework)} - {"path", "builtin"}
    assert set(schema["properties"]) == top


def test_docs_describe_every_schema_property():
    docs = (REPO / "docs" / "framework.md").read_text(encoding="utf-8")
    missing = [n for n in schema_property_names(framework_schema()) if f"`{n}`" not in docs]
    assert not missing


def test_schema_file_is_plain_json():
    text = (REPO / "src" / "brandlint" / "framework" / "schema.json").read_text(encoding="utf-8")
    assert json.loads(text) == framework_schema()


def test_yaml_tags_are_refused_not_run(tmp_path):
    text = "version: 1\nbrand:\n  name: !!python/object/apply:os.system [echo hi]\n"
    assert only_problem(tmp_path, text) == (
        f"{NAME}:3:9: brand.name: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:"
        "os.system'"
    )


def _nodes(node):
    yield node
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nodes(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _nodes(key)
            yield from _nodes(value)


def _shape(node):
    marks = (node.start_mark, node.end_mark)
    return (
        type(node),
        node.tag,
        node.value if isinstance(node, yaml.ScalarNode) else None,
        getattr(node, "style", None),
        [(m.line, m.column, m.index) for m in marks],
    )


@pytest.mark.parametrize(
    "path",
    [EXAMPLE, *sorted((REPO / "rules").glob("*.yaml")), REPO / "examples" / NAME],
    ids=lambda p: p.name,
)
def test_the_fast_composer_gives_the_pure_python_node_tree(path):
    from brandlint.framework.validate import compose

    text = path.read_text(encoding="utf-8-sig")
    fast, pure = compose(text), yaml.compose(text, Loader=yaml.SafeLoader)
    assert [_shape(n) for n in _nodes(fast)] == [_shape(n) for n in _nodes(pure)]
    for node in _nodes(fast):
        if isinstance(node, yaml.ScalarNode) and node.style in ("'", '"'):
            start, end = node.start_mark, node.end_mark
            assert start.buffer[start.pointer : end.pointer] == text[start.index : end.index]


def test_a_quoted_value_is_located_inside_its_quotes_with_escapes(tmp_path):
    message = only_problem(tmp_path, "version: 1\nbanned:\n  - pattern: 'it''s ('\n")
    assert message.startswith(f"{NAME}:3:21: ")  # the "(": the quote and '' count
