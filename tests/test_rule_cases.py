"""Run the readable rule cases in tests/cases/<rule>.yaml.

Each file holds a framework snippet and cases: ``text`` that must fire (``expect``
lists the matched text of each finding, ``null`` for a finding on the whole draft)
and near misses that must not (``expect: []``). A case's own ``framework`` keys
replace the file's (a Chinese tagline, say).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import lint_text

CASES = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(spec["cases"], 1):
            yield pytest.param(path.stem, spec["framework"], case, id=f"{path.stem}-{i}")


@pytest.mark.parametrize(("rule", "framework", "case"), list(_cases()))
def test_case(rule, framework, case, make_framework):
    fw = make_framework({**framework, **case.get("framework", {})})
    result = lint_text(
        fw, case["text"], channel=case.get("channel"), locale=case.get("locale"), select=(rule,)
    )
    matches = [f.match for f in result.findings if f.rule == rule]
    assert matches == case["expect"], case.get("note", "")


def test_every_rule_with_a_framework_list_has_cases():
    names = {p.stem for p in CASES.glob("*.yaml")}
    assert {"banned-phrase", "brand-name", "terminology", "competitor", "required-element"} <= names
    assert {"pillar-coverage", "tagline"} <= names
