"""``--fix`` and ``--diff``: safe edits only, written atomically in the file's own
encoding, BOM and line endings, never inside merge tags, keeping CSV/JSON/HTML/YAML
structure, iterated to a fixpoint; a second run changes nothing."""

from __future__ import annotations

import json
import os
import stat

import pytest

from brandlint.drafts import SourceFile
from brandlint.findings import Edit, Finding, Fix, Severity
from brandlint.fix import MAX_PASSES, plan, unified_diff, vet
from cli_helpers import invoke

FRAMEWORK = """\
version: 1
brand:
  name: Acme Cloud
  misspellings: [AcmeCloud]
banned:
  - phrase: world-class
    suggest: ["trusted by 4,000 retailers"]
  - phrase: cheap
    suggest: [affordable]
  - phrase: affordable
    suggest: [fair]
  - phrase: quote me
    suggest: ['say "hi"']
  - phrase: research
    suggest: [R&D]
terminology:
  - use: sign up
    instead_of: [signup]
channels:
  email: {profile: email}
"""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / "messaging_framework.yaml").write_text(FRAMEWORK, encoding="utf-8")
    (tmp_path / "email").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path, data: bytes | str):
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def findings(*args: str) -> list[dict]:
    return json.loads(invoke("check", "--format", "json", *args).stdout)["findings"]


def test_fix_applies_safe_fixes_then_a_second_run_changes_nothing(repo):
    draft = write(repo / "email" / "a.txt", "Try ACME cloud today. Signup takes a minute.\n")
    result = invoke("check", "--fix")
    assert draft.read_text(encoding="utf-8") == "Try Acme Cloud today. Sign up takes a minute.\n"
    assert "fixed 2 problems in 1 file" in result.stderr
    assert result.exit_code == 0  # what remains: nothing at error
    before = draft.stat().st_mtime_ns
    again = invoke("check", "--fix")
    assert "fixed 0 problems in 0 files" in again.stderr
    assert draft.stat().st_mtime_ns == before


def test_fix_report_shows_what_remains(repo):
    write(repo / "email" / "a.txt", "AcmeCloud is world-class, guaranteed.\n")
    (repo / "messaging_framework.yaml").write_text(
        FRAMEWORK.replace("banned:\n", "banned:\n  - phrase: guarantee\n"), encoding="utf-8"
    )
    result = invoke("check", "--fix", "--format", "json")
    remaining = [f for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"]
    assert [f["rule"] for f in remaining] == ["banned-phrase"]
    assert remaining[0]["match"] == "guaranteed"
    assert result.exit_code == 1


def test_fuzzy_near_misses_are_not_fixed(repo):
    draft = write(repo / "email" / "a.txt", "Try Acme Clowd today.\n")
    (found,) = findings()
    assert found["rule"] == "brand-name" and found["fix"] is None
    assert found["suggestions"] == ["Acme Cloud"]
    invoke("check", "--fix")
    assert draft.read_text(encoding="utf-8") == "Try Acme Clowd today.\n"


def test_fix_iterates_to_a_fixpoint(repo):
    draft = write(repo / "email" / "a.txt", "Cheap plans.\n")
    result = invoke("check", "--fix")
    assert draft.read_text(encoding="utf-8") == "Fair plans.\n"  # cheap -> affordable -> fair
    assert "fixed 2 problems in 1 file" in result.stderr


def test_fix_stops_after_a_bounded_number_of_passes(repo):
    (repo / "messaging_framework.yaml").write_text(
        "version: 1\nbanned:\n  - phrase: ping\n    suggest: [pong]\n"
        "  - phrase: pong\n    suggest: [ping]\n",
        encoding="utf-8",
    )
    write(repo / "email" / "a.txt", "ping\n")
    result = invoke("check", "--fix")
    assert f"fixed {MAX_PASSES} problems in 1 file" in result.stderr


@pytest.mark.parametrize(
    ("encoding", "data", "expected"),
    [
        (
            "utf-8 with BOM and CRLF",
            b"\xef\xbb\xbf---\r\nsubject: Hello\r\n---\r\nTry ACME cloud.\r\nSignup now.\r\n",
            b"\xef\xbb\xbf---\r\nsubject: Hello\r\n---\r\nTry Acme Cloud.\r\nSign up now.\r\n",
        ),
        (
            "utf-16 with BOM",
            "\ufeffTry ACME cloud.\r\n".encode("utf-16-le"),
            "\ufeffTry Acme Cloud.\r\n".encode("utf-16-le"),
        ),
        (
            "gb18030",
            "试试 ACME cloud，马上开始。\n".encode("gb18030"),
            "试试 Acme Cloud，马上开始。\n".encode("gb18030"),
        ),
    ],
)
def test_fix_keeps_encoding_bom_and_line_endings(repo, encoding, data, expected):
    draft = write(repo / "email" / "a.md", data)
    invoke("check", "--fix")
    assert draft.read_bytes() == expected, encoding
    invoke("check", "--fix")
    assert draft.read_bytes() == expected, encoding


def test_fix_skips_what_the_file_encoding_cannot_hold(repo):
    (repo / "messaging_framework.yaml").write_text(
        "version: 1\nbanned:\n  - phrase: cheap\n    suggest: [实惠]\n", encoding="utf-8"
    )
    data = "Caf\xe9 deals, cheap.\n".encode("cp1252")
    draft = write(repo / "email" / "a.txt", data)
    (found,) = findings()
    assert found["fix"] is None and found["suggestions"] == ["实惠"]
    invoke("check", "--fix")
    assert draft.read_bytes() == data


def test_fix_never_edits_inside_merge_tags(repo):
    text = "Hi %AcmeCloud%, welcome.\n"
    draft = write(repo / "email" / "a.txt", text)
    (found,) = findings()
    assert found["rule"] == "brand-name" and found["fix"] is None
    invoke("check", "--fix")
    assert draft.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    "template",
    [
        "{{ AcmeCloud }}",
        "{% if AcmeCloud %}",
        "%AcmeCloud%",
        "*|AcmeCloud|*",
        "%%AcmeCloud%%",
        "{{AcmeCloud",
    ],
)
def test_vet_marks_edits_in_templates_unsafe(template):
    text = f"Hello {template} there.\nAnd AcmeCloud."
    inside = text.index("AcmeCloud")
    outside = text.rindex("AcmeCloud")
    source = SourceFile("a.txt", text)
    vetted = vet(
        [_finding("a.txt", inside, text), _finding("a.txt", outside, text)], {"a.txt": source}
    )
    assert [f.fix.applicability for f in vetted] == ["unsafe", "safe"]


def _finding(path: str, start: int, text: str, replacement: str = "Acme Cloud", rule="brand-name"):
    end = start + len("AcmeCloud")
    return Finding(
        rule=rule,
        severity=Severity.ERROR,
        message="m",
        path=path,
        draft=path,
        line=1,
        column=start + 1,
        end_line=1,
        end_column=end + 1,
        field="body",
        match=text[start:end],
        fix=Fix((Edit(start, end, replacement),)),
        start=start,
        end=end,
    )


def test_overlapping_edits_first_wins_and_the_rest_waits():
    text = "AcmeCloud!"
    source = SourceFile("a.txt", text)
    first = _finding("a.txt", 0, text)
    second = _finding("a.txt", 0, text, replacement="ACME", rule="z-rule")
    planned = plan(source, [first, second])
    assert [p.finding.rule for p in planned] == ["brand-name"]


def test_csv_fixes_keep_quoting_and_other_cells(repo):
    (repo / "messaging_framework.yaml").write_text(
        FRAMEWORK.replace(
            "channels:\n  email", "channels:\n  google_ads: {profile: google_ads}\n  email"
        ),
        encoding="utf-8",
    )
    (repo / "google_ads").mkdir()
    data = (
        "Headline 1,Description 1,Path 1\r\n"
        '"Quote me, AcmeCloud",Cheap plans,"a ""x"" b"\r\n'
        'World-class team,"Quote me",x\r\n'
    )
    draft = write(repo / "google_ads" / "ads.csv", data)
    by_match = {f["match"]: f for f in findings("--select", "banned-phrase,brand-name")}
    assert by_match["World-class"]["fix"] is None  # unquoted cell, the fix needs quotes
    assert by_match["Quote me"]["fix"] is not None  # quoted cell: quotes are doubled
    invoke("check", "--fix")
    assert draft.read_bytes().decode("utf-8") == (
        "Headline 1,Description 1,Path 1\r\n"
        '"Say ""hi"", Acme Cloud",Fair plans,"a ""x"" b"\r\n'
        'World-class team,"Say ""hi""",x\r\n'
    )


def test_json_fixes_escape_and_keep_key_order(repo):
    data = '{\n  "subject": "Quote me",\n  "channel": "email",\n  "body": "AcmeCloud \\u00e9"\n}\n'
    draft = write(repo / "email" / "a.json", data)
    invoke("check", "--fix")
    assert draft.read_text(encoding="utf-8") == (
        '{\n  "subject": "Say \\"hi\\"",\n  "channel": "email",\n'
        '  "body": "Acme Cloud \\u00e9"\n}\n'
    )


def test_html_fixes_use_entities(repo):
    draft = write(repo / "email" / "a.html", "<p>Our research team.</p>\n")
    invoke("check", "--fix")
    assert draft.read_text(encoding="utf-8") == "<p>Our R&amp;D team.</p>\n"


def test_yaml_fixes_that_would_change_the_structure_are_skipped(repo):
    data = "subject: Quote me\nbody: Try AcmeCloud.\n"
    draft = write(repo / "email" / "a.yaml", data)
    by_rule = {f["rule"]: f for f in findings()}
    assert by_rule["banned-phrase"]["fix"] is None  # a '"' in a plain YAML scalar
    invoke("check", "--fix")
    assert draft.read_text(encoding="utf-8") == "subject: Quote me\nbody: Try Acme Cloud.\n"


def test_diff_shows_the_fix_and_writes_nothing(repo):
    draft = write(repo / "email" / "a.txt", "Try ACME cloud.\n")
    result = invoke("check", "--diff")
    assert draft.read_text(encoding="utf-8") == "Try ACME cloud.\n"
    assert "--- a/email/a.txt\n+++ b/email/a.txt\n" in result.stdout
    assert "-Try ACME cloud.\n+Try Acme Cloud.\n" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour


def test_diff_of_stdin_and_fix_leaves_stdin_alone(repo):
    result = invoke("check", "-", "--stdin-filename", "email/new.txt", "--diff", stdin="ACME cloud")
    assert "+Acme Cloud\n" in result.stdout
    assert not (repo / "email" / "new.txt").exists()
    fixed = invoke("check", "-", "--stdin-filename", "email/new.txt", "--fix", stdin="ACME cloud")
    assert "fixes to stdin are not written" in fixed.stderr
    assert not (repo / "email" / "new.txt").exists()


def test_unified_diff_marks_a_missing_final_newline():
    diff = unified_diff("a.txt", "one\ntwo", "one\n2")
    assert diff.endswith("-two\n\\ No newline at end of file\n+2\n\\ No newline at end of file\n")


def test_fix_on_a_read_only_file_is_exit_2_and_writes_nothing(repo):
    other = write(repo / "email" / "a.txt", "Try ACME cloud.\n")
    locked = write(repo / "email" / "b.txt", "Try ACME cloud.\n")
    locked.chmod(0o444)
    try:
        result = invoke("check", "--fix")
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 2
    assert "error: email/b.txt: cannot fix: the file is read-only" in result.output
    assert other.read_text(encoding="utf-8") == "Try ACME cloud.\n"
    assert locked.read_text(encoding="utf-8") == "Try ACME cloud.\n"


def test_fix_writes_atomically_and_keeps_permissions(repo):
    draft = write(repo / "email" / "a.txt", "Try ACME cloud.\n")
    clean = write(repo / "email" / "clean.txt", "Try Acme Cloud.\n")
    draft.chmod(0o640)
    before = clean.stat().st_mtime_ns
    invoke("check", "--fix")
    assert stat.S_IMODE(draft.stat().st_mode) == 0o640
    assert sorted(os.listdir(repo / "email")) == ["a.txt", "clean.txt"]  # no temporary files
    assert clean.stat().st_mtime_ns == before  # only files that change are rewritten


def test_fix_follows_symlinks(repo):
    target = write(repo / "email" / "real.txt", "Try ACME cloud.\n")
    (repo / "links").mkdir()
    (repo / "links" / "link.txt").symlink_to(target)
    invoke("check", "links/link.txt", "--channel", "email", "--fix")
    assert (repo / "links" / "link.txt").is_symlink()
    assert target.read_text(encoding="utf-8") == "Try Acme Cloud.\n"


def test_diff_under_each_channel_is_exactly_what_fix_writes(repo):
    (repo / "messaging_framework.yaml").write_text(
        FRAMEWORK + "  sms: {profile: sms}\n  x: {profile: x}\n", encoding="utf-8"
    )
    for folder in ("sms", "x"):
        (repo / folder).mkdir()
    originals = {
        "email/a.txt": b"Try ACME cloud.\r\nSignup now, it's cheap.\r\n",
        "sms/offers.csv": b'id,channel,body\n1,sms,"Cheap, fast: ACME cloud"\n2,x,Signup\n'
        b"3,sms,Ok\n",
        "x/post.json": b'{"body": "World-class AcmeCloud", "channel": "x"}\n',
        "x/clean.txt": b"Acme Cloud.\n",
    }
    for name, data in originals.items():
        write(repo / name, data)
    shown = json.loads(invoke("check", "--diff", "--format", "json").stdout)["diffs"]
    markdown = invoke("check", "--diff", "--format", "markdown").stdout
    invoke("check", "--fix")
    assert {d["path"]: d["channels"] for d in shown} == {
        "email/a.txt": ["email"],
        "sms/offers.csv": ["sms", "x"],
        "x/post.json": ["x"],
    }
    for d in shown:
        before = originals[d["path"]].decode("utf-8")
        after = (repo / d["path"]).read_bytes().decode("utf-8")
        assert after != before
        assert d["diff"] == unified_diff(d["path"], before, after)
    assert (repo / "x" / "clean.txt").read_bytes() == originals["x/clean.txt"]
    sections = {
        s.split("\n", 1)[0]: s for s in markdown.split("\n#### ")[1:]
    }  # one section per channel with the diffs that fix its drafts
    assert set(sections) == {"email", "sms", "x"}
    for d in shown:
        for channel in ("email", "sms", "x"):
            assert (d["diff"] in sections[channel]) == (channel in d["channels"])
