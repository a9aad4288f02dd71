"""Rule packs: loading errors, `validate` running inline tests, the Chinese packs on
ordinary prose and on evasions, fixes, the CLI listing, and a meta-test over every
shipped pack."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

from brandlint.api import lint
from brandlint.config import Config
from brandlint.engine import RuleSet, lint_paths
from brandlint.framework.load import shipped_packs
from brandlint.framework.model import Framework
from brandlint.packs import case_counts, load_pack, run_tests
from cli_helpers import invoke

REPO = Path(__file__).resolve().parent.parent

DATA = Path(__file__).parent / "data"
EMPTY_CONFIG = DATA / "empty-config.yaml"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A directory with a framework that enables ``pack.yaml``; write the pack to test."""
    (tmp_path / "messaging_framework.yaml").write_text(
        "version: 1\nrule_packs: [./pack.yaml]\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def zh(text: str, *packs: str):
    """Findings of ``packs`` in one Chinese draft: ``[(rule, matched text)]``."""
    return _lint(text, "zh", packs)


@functools.cache
def _ruleset(locale: str, packs: tuple[str, ...]) -> RuleSet:
    """One rule set per pack selection, so jieba loads once for the module."""
    framework = Framework(locale=locale, rule_packs=packs)
    return RuleSet.build(framework, Config(), select=packs)


def _lint(text: str, locale: str, packs: tuple[str, ...]):
    result = lint_paths(
        [], _ruleset(locale, packs), Config(), root=Path.cwd(), texts=[("draft.md", text)]
    )
    return [(f.rule, f.match) for f in result.findings]


# -- loading errors: file:line:col, exit 2 -----------------------------------------

GOOD_RULE = """\
rules:
  - id: hype
    kind: existence
    message: "'{{ match }}' is hype"
    source: house style
    terms: [revolutionary]
    tests:
      - {text: A revolutionary tool., expect: [hype]}
      - {text: A useful tool., expect: []}
"""


@pytest.mark.parametrize(
    ("pack", "where", "what"),
    [
        ("rules:\n  - id: hype\n    kind: [existence\n", "pack.yaml:4:1", "YAML"),
        (GOOD_RULE.replace("    terms:", "    termz:"), "pack.yaml:6:5", "did you mean 'terms'"),
        (
            GOOD_RULE.replace(
                "terms: [revolutionary]", "match: regex\n    terms: ['revolution(ary']"
            ),
            "pack.yaml:7:13",
            "invalid regex",
        ),
        (GOOD_RULE.replace("kind: existence", "kind: existance"), "pack.yaml:3:11", "existence"),
        (
            GOOD_RULE.replace("{{ match }}", "{{ matched }}"),
            "pack.yaml:4:14",
            "unknown variable 'matched'",
        ),
        (GOOD_RULE.replace("terms: [revolutionary]", "max: 2"), "pack.yaml:2:5", "needs terms"),
        (
            GOOD_RULE.replace("expect: [hype]}", "expect: [hipe]}"),
            "pack.yaml:8:48",
            "unknown rule 'hipe'",
        ),
    ],
    ids=[
        "bad-yaml",
        "unknown-key",
        "bad-regex",
        "bad-kind",
        "bad-variable",
        "kind-needs",
        "expect",
    ],
)
def test_pack_errors_name_file_line_and_column(project, pack, where, what):
    (project / "pack.yaml").write_text(pack, encoding="utf-8")
    result = invoke("validate")
    assert result.exit_code == 2, result.output
    assert f"error: {where}:" in result.output
    assert what in result.output


def test_unknown_pack_name_suggests_the_closest(project):
    (project / "messaging_framework.yaml").write_text(
        "version: 1\nrule_packs: [zh-ad-lw]\n", encoding="utf-8"
    )
    result = invoke("validate")
    assert result.exit_code == 2
    assert "did you mean 'zh-ad-law'" in result.output


def test_config_enables_a_pack_by_path_relative_to_itself(project):
    (project / "messaging_framework.yaml").write_text("version: 1\n", encoding="utf-8")
    (project / "brand").mkdir()
    (project / "brand" / "house.yaml").write_text(GOOD_RULE, encoding="utf-8")
    (project / "brandlint.yaml").write_text("rule_packs: [./brand/house.yaml]\n", encoding="utf-8")
    (project / "ad.md").write_text("A revolutionary tool.", encoding="utf-8")
    result = invoke("check", "ad.md", "--select", "house")
    assert result.exit_code == 0  # the rule is a warning
    assert "'revolutionary' is hype" in result.output
    assert "house/hype" in result.output


# -- validate runs the inline tests ------------------------------------------------


def test_validate_runs_inline_tests_and_reports_ok(project):
    (project / "pack.yaml").write_text(GOOD_RULE, encoding="utf-8")
    result = invoke("validate")
    assert result.exit_code == 0, result.output
    assert "ok: rule pack pack (1 rules, 2 tests pass)" in result.output


def test_validate_names_pack_rule_and_failing_case(project):
    failing = GOOD_RULE.replace(
        "{text: A useful tool., expect: []}", "{text: A revolutionary idea., expect: []}"
    )
    (project / "pack.yaml").write_text(failing, encoding="utf-8")
    result = invoke("validate")
    assert result.exit_code == 2
    assert (
        "error: pack.yaml:9:9: pack pack, rule hype: test 2 expected [] got [hype]" in result.output
    )


def test_a_failing_fix_case_shows_the_text_it_got(project):
    pack = (REPO / "rules" / "zh-typography.yaml").read_text(encoding="utf-8")
    pack = pack.replace("fix: 花了 5000 元购买}", "fix: 花了5000元购买}")
    (project / "pack.yaml").write_text(pack, encoding="utf-8")
    result = invoke("validate")
    assert result.exit_code == 2
    assert "rule cjk-digit-space: test 1 expected fix '花了5000元购买' got '花了 5000 元购买'" in (
        result.output
    )


def test_check_refuses_a_users_pack_whose_tests_fail(project):
    failing = GOOD_RULE.replace("expect: [hype]}", "expect: []}")
    (project / "pack.yaml").write_text(failing, encoding="utf-8")
    (project / "ad.md").write_text("A useful tool.", encoding="utf-8")
    result = invoke("check", "ad.md")
    assert result.exit_code == 2
    assert "rule hype: test 1 expected [] got [hype]" in result.output


# -- the CLI lists and explains pack rules -----------------------------------------


def test_rules_lists_pack_rules_as_pack_slash_rule(project):
    (project / "pack.yaml").write_text(GOOD_RULE, encoding="utf-8")
    rows = json.loads(invoke("rules", "--format", "json").output)
    by_id = {r["id"]: r for r in rows}
    assert by_id["zh-ad-law/zui-terms"]["pack"] == "zh-ad-law"
    assert by_id["zh-ad-law/zui-terms"]["severity"] == "error"
    assert "samr.gov.cn" in by_id["zh-ad-law/zui-terms"]["source"]
    assert by_id["zh-typography/cjk-latin-space"]["fixable"] is True
    assert by_id["pack/hype"]["source"] == "house style"


def test_explain_a_pack_rule(project):
    result = invoke("explain", "zh-ad-law/first-only")
    assert result.exit_code == 0
    assert "第一次" in result.output  # the reason names what stays silent
    assert "fails: '连续三年销量第一，值得信赖。'" in result.output
    assert "passes: '第一次购买享九折。'" in result.output
    assert "Source: 广告法 Art. 9(3)" in result.output
    assert "Pack: zh-ad-law (shipped with brandlint)" in result.output  # no install path


def test_explain_an_unknown_pack_rule_suggests(project):
    result = invoke("explain", "zh-ad-law/zui-term")
    assert result.exit_code == 2
    assert "did you mean 'zh-ad-law/zui-terms'" in result.output


# -- messages are sandboxed templates ----------------------------------------------


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ match.__class__ }}[{{ match }}]", "[revolutionary]"),
        ("{{ suggestions.append(1) }}{{ match }}", "{{ suggestions.append(1) }}{{ match }}"),
    ],
    ids=["no-python-objects", "no-mutation"],
)
def test_message_templates_are_sandboxed(project, template, message):
    """Attributes outside the sandbox render as nothing; a refused call leaves the
    template text as the message instead of failing the run."""
    pack = GOOD_RULE.replace("\"'{{ match }}' is hype\"", repr(template))
    (project / "pack.yaml").write_text(pack, encoding="utf-8")
    framework = project / "messaging_framework.yaml"
    result = lint(
        texts={"a.md": "A revolutionary tool."},
        framework=framework,
        config=EMPTY_CONFIG,
        select=["pack/"],
    )
    assert [f.message for f in result.findings] == [message]


# -- zh-ad-law ---------------------------------------------------------------------

ORDINARY_PROSE = [
    "第一次购买享九折。",
    "第一步：注册账号，第二步：填写资料。",
    "系统会校验账号的唯一性。",
    "最近我们上新了夏季系列。",
    "最后一公里配送由门店完成。",
    "最终解释权归本店所有。",
    "首先，打开应用；然后，扫码登录。",
    "首次登录需要验证手机号。",
    "到货后我们会第一时间通知您。",
    "第一，数据孤岛；第二，渠道割裂。",
    "整合第一方数据，构建客户画像。",
    "我们的终极目标是让每位顾客满意。",
    "开封后请在最佳保质期内食用。",
    "你最好提前预约，周末人多。",
    "活动最高可减 200 元。",
    "由国家级重点实验室检测。",
    "夏季新品首发，欢迎到店体验。",
    "他是公司的首席执行官。",
]


@pytest.mark.parametrize("text", ORDINARY_PROSE)
def test_ad_law_is_silent_on_ordinary_prose(text):
    assert zh(text, "zh-ad-law") == []


@pytest.mark.parametrize(
    ("text", "rule", "match"),
    [
        ("我们的面霜是市面上最好的。", "zui-terms", "最好"),
        ("全场最低价。", "zui-terms", "最低价"),
        ("全网最低，只此一天。", "zui-scope", "全网最低"),
        ("连续三年销量第一。", "first-only", "销量第一"),
        ("这是唯一的授权门店。", "first-only", "唯一"),
        ("送礼首选。", "first-only", "首选"),
        ("国家级品质。", "grade-terms", "国家级"),
        ("极品好茶。", "grade-terms", "极品"),
        ("中国驰名商标。", "brand-status", "中国驰名商标"),
        ("领导品牌，值得信赖。", "brand-status", "领导品牌"),
        ("再不抢就没了！", "false-urgency", "再不抢就没了"),
        ("恭喜获奖，请查收。", "inducement", "恭喜获奖"),
        ("三天根治脱发。", "medical-claims", "根治"),
        ("这款面霜能祛斑。", "medical-terms", "祛斑"),
        ("招财进宝貔貅手链。", "superstition", "招财进宝"),
        ("考证培训，包过。", "guaranteed-results", "包过"),
    ],
)
def test_ad_law_finds_each_category(text, rule, match):
    assert (f"zh-ad-law/{rule}", match) in zh(text, "zh-ad-law")


@pytest.mark.parametrize(
    ("text", "rule", "match"),
    [
        ("最 佳口感。", "zui-terms", "最 佳"),
        ("最-佳口感。", "zui-terms", "最-佳"),
        ("最\u200b佳口感。", "zui-terms", "最\u200b佳"),
        ("第\u200d一品牌。", "first-only", "第\u200d一品牌"),
        ("销量ＮＯ．１的面霜。", "first-only", "ＮＯ．１"),
        ("驰 名 商 标。", "brand-status", "驰 名 商 标"),
    ],
    ids=["space", "hyphen", "zero-width-space", "zero-width-joiner", "full-width", "spaced"],
)
def test_ad_law_sees_through_evasions(text, rule, match):
    assert (f"zh-ad-law/{rule}", match) in zh(text, "zh-ad-law")


def test_ad_law_is_for_chinese_drafts_only():
    assert _lint("The first and only 第一 brand.", "en", ("zh-ad-law",)) == []


# -- zh-typography -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        ("在LeanCloud上", ["cjk-latin-space", "cjk-latin-space"]),
        ("花了5000元", ["cjk-digit-space", "cjk-digit-space"]),
        ("好开心!", ["fullwidth-punctuation"]),
        ("好开心！！", ["repeated-punctuation"]),
        ("官网 ，了解更多", ["space-around-fullwidth"]),
        ('将"整合营销"并置', ["straight-quotes"]),
        ("只卖１０００元", ["halfwidth-alphanumerics"]),
    ],
)
def test_typography_rules_fire(text, rules):
    got = sorted(r.split("/")[1] for r, _ in zh(text, "zh-typography"))
    assert got == rules


@pytest.mark.parametrize(
    "text",
    [
        "在 LeanCloud 上花了 5000 元，提升了 15%。",
        "活动时间：2024年3月5日10点。",
        "版本 3.5 已发布，价格 1,000 元。",
        "他说“你好”，她说“再见”吗？！",
        "Stay hungry, stay foolish. It works!!",
        "详见 https://example.com/中文页面",
    ],
)
def test_typography_is_silent_on_well_set_text(text):
    assert zh(text, "zh-typography") == []


def test_typography_fixes_a_file_in_place(project):
    (project / "messaging_framework.yaml").write_text(
        "version: 1\nlocale: zh\nrule_packs: [zh-typography]\n", encoding="utf-8"
    )
    draft = project / "ad.md"
    draft.write_text("全网最低价!现在下单立享5折优惠,仅限今天。。\n", encoding="utf-8")
    result = invoke("check", "ad.md", "--fix", "--select", "zh-typography")
    assert result.exit_code == 0, result.output
    assert draft.read_text(encoding="utf-8") == "全网最低价！现在下单立享 5 折优惠，仅限今天。\n"


# -- the worked example of docs/rule-packs.md --------------------------------------


def test_worked_example_pack_loads_passes_and_is_the_documented_one():
    example = DATA / "acme-pack.yaml"
    pack = load_pack(str(example))
    assert run_tests(pack) == []
    assert {r.kind for r in pack.rules} >= {"existence", "substitution", "occurrence", "required"}
    doc = (REPO / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    assert example.read_text(encoding="utf-8") in doc


# -- every shipped pack ------------------------------------------------------------


def test_the_chinese_packs_ship():
    assert {"zh-ad-law", "zh-typography"} <= set(shipped_packs())


@pytest.mark.parametrize("name", sorted(shipped_packs()))
def test_every_shipped_rule_has_firing_and_passing_cases_and_a_source(name):
    pack = load_pack(name)
    counts = case_counts(pack)
    for rule in pack.rules:
        assert counts[rule.id, "fires"] >= 1, f"{name}/{rule.id} has no firing case"
        assert counts[rule.id, "passes"] >= 1, f"{name}/{rule.id} has no passing case"
        source = rule.data.get("source") or pack.source
        assert source and source.strip(), f"{name}/{rule.id} cites no source"
    assert [str(e) for e in run_tests(pack)] == []


def test_every_shipped_chinese_rule_cites_a_url():
    for name in ("zh-ad-law", "zh-typography"):
        for rule in load_pack(name).rules:
            assert re.search(r"https?://", rule.data.get("source", "")), f"{name}/{rule.id}"


@pytest.mark.parametrize(
    ("pattern", "text", "ignorecase"),
    [("第一", "第一", False), (r"(?<=\p{Han}),", "好,", False), ("best", "BEST", True)],
)
def test_pack_regexes_ignore_case_only_when_it_matters(pattern, text, ignorecase):
    """Caseless patterns compile without IGNORECASE (much faster for \\p{Han}); the
    match is the same either way."""
    from brandlint.packs import compile_regex

    regex = compile_regex(pattern)
    assert bool(regex.flags & re.IGNORECASE) is ignorecase
    assert regex.search(text)
