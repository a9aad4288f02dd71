"""The ``sarif`` format: SARIF 2.1.0 for code-scanning tools (GitHub code scanning,
Azure DevOps, IDE viewers): one run, the rules it reports with their help, results
with regions in Unicode code points (brandlint's columns) and safe fixes."""

from __future__ import annotations

from contextlib import suppress
from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import quote

from ..findings import Finding, Severity
from ..result import RunResult
from ..rulesdoc import DOCS_URL, help_uri
from . import Options, reporter
from ._common import ITEMS, dumps_items, edit_region, fingerprints

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


@lru_cache(maxsize=4096)
def _uri(path: str) -> str:
    """A relative path as a URI reference; an absolute one as a file URI."""
    pure = PurePosixPath(path)
    if pure.is_absolute():
        return "file://" + quote(path)
    return quote(path)


def _known_rules(rule_ids: list[str]) -> dict:
    """The rule classes (built-in) and instances (shipped packs' rules) that describe
    ``rule_ids``; the pack catalog is built only when a pack rule is reported."""
    from ..errors import BrandlintError
    from ..rules.base import all_rules

    known: dict = dict(all_rules())
    if any("/" in r for r in rule_ids):
        from ..packs import catalog

        with suppress(BrandlintError):  # a broken pack never stops a report
            known.update(catalog())
    return known


def _rule(rule_id: str, known: dict) -> dict:
    cls = known.get(rule_id)
    if cls is None:  # a rule of the user's own pack, or the engine's input-error
        return {
            "id": rule_id,
            "shortDescription": {"text": rule_id},
            "helpUri": help_uri(rule_id, shipped=False) if "/" in rule_id else DOCS_URL,
        }
    explanation = cls.explanation()
    descriptor = {
        "id": rule_id,
        "shortDescription": {"text": cls.summary or rule_id},
        "fullDescription": {"text": explanation},
        "help": {"text": explanation},
        "helpUri": help_uri(rule_id),
        "defaultConfiguration": {"level": _LEVEL[cls.severity]},
    }
    if cls.fixable:
        descriptor["properties"] = {"tags": ["fixable"]}
    return descriptor


def _region(line: int, column: int, end_line: int, end_column: int) -> dict:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _fixes(result: RunResult, f: Finding) -> list[dict]:
    if f.fix is None or f.fix.applicability != "safe":
        return []
    replacements = []
    for edit in f.fix.edits:
        region = edit_region(result, f, edit)
        if region is None:
            return []
        replacements.append(
            {"deletedRegion": _region(*region), "insertedContent": {"text": edit.replacement}}
        )
    text = " ".join(f"'{e.replacement}'" for e in f.fix.edits)
    return [
        {
            "description": {"text": f"Replace with {text}"},
            "artifactChanges": [
                {"artifactLocation": {"uri": _uri(f.path)}, "replacements": replacements}
            ],
        }
    ]


def _result(result: RunResult, f: Finding, index: int, fingerprint: str) -> dict:
    properties = {
        k: v
        for k, v in (
            ("draft", f.draft),
            ("channel", f.channel),
            ("campaign", f.campaign),
            ("field", f.field),
            ("suggestions", list(f.suggestions)),
        )
        if v
    }
    item = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path)},
                    "region": _region(f.line, f.column, f.end_line, f.end_column),
                },
                "logicalLocations": [{"name": f.draft, "kind": "object"}],
            }
        ],
        "partialFingerprints": {"brandlint/v1": fingerprint},
        "properties": properties,
    }
    fixes = _fixes(result, f)
    if fixes:
        item["fixes"] = fixes
    return item


def sarif_dict(result: RunResult) -> dict:
    rule_ids = sorted({f.rule for f in result.findings})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    prints = fingerprints(result.findings)
    known = _known_rules(rule_ids)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "brandlint",
                        "version": result.version,
                        "semanticVersion": result.version,
                        "informationUri": "https://github.com/brandlint/brandlint",
                        "rules": [_rule(r, known) for r in rule_ids],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    _result(result, f, index[f.rule], p)
                    for f, p in zip(result.findings, prints, strict=True)
                ],
                "properties": {
                    "status": result.status,
                    "failOn": result.fail_on,
                    "channels": {c.channel: c.status for c in result.channels()},
                },
            }
        ],
    }


@reporter("sarif", lines=True)
def render_sarif(result: RunResult, options: Options) -> str:
    document = sarif_dict(result)
    run = document["runs"][0]
    results, run["results"] = run["results"], ITEMS
    return dumps_items(document, results)
