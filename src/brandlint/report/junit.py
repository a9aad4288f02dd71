"""The ``junit`` format: JUnit XML for CI test dashboards. One ``testsuite`` per
channel, one ``testcase`` per draft; a failing draft's ``failure`` lists the findings
at or above ``--fail-on``, the others go to its ``system-out``."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..findings import Finding
from ..result import UNASSIGNED, RunResult
from . import Options, reporter
from ._common import failing

# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _line(f: Finding) -> str:
    where = f"{f.path}:{f.line}:{f.column}"
    field = f" [{f.field}]" if f.field else ""
    suggestion = f" (suggestion: {' | '.join(f.suggestions)})" if f.suggestions else ""
    return f"{where}: {f.severity.value}: {f.message} ({f.rule}){field}{suggestion}"


@reporter("junit")
def render_junit(result: RunResult, options: Options) -> str:
    findings: dict[str, list[Finding]] = {}
    for f in result.findings:
        findings.setdefault(f.draft, []).append(f)
    drafts: dict[str, list] = {}
    for d in result.drafts:
        drafts.setdefault(d.channel or UNASSIGNED, []).append(d)
    root = ET.Element(
        "testsuites",
        name="brandlint",
        tests=str(len(result.drafts)),
        failures=str(sum(d.status == "fail" for d in result.drafts)),
        errors="0",
    )
    for summary in result.channels():
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_clean(summary.channel),
            tests=str(summary.drafts),
            failures=str(summary.failed),
            errors="0",
            skipped="0",
        )
        for d in drafts[summary.channel]:
            case = ET.SubElement(
                suite, "testcase", name=_clean(d.id), classname=_clean(summary.channel)
            )
            case.set("file", _clean(d.path))
            mine = findings.get(d.id, [])
            gating = [f for f in mine if failing(result, f)]
            other = [f for f in mine if not failing(result, f)]
            if d.status == "fail":
                count = len(gating)
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=_clean(
                        f"{count} finding{'s' * (count != 1)} at or above {result.fail_on}"
                    ),
                    type="brandlint",
                )
                failure.text = _clean("\n".join(_line(f) for f in gating))
            if other:
                out = ET.SubElement(case, "system-out")
                out.text = _clean("\n".join(_line(f) for f in other))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
