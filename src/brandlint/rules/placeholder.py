"""The ``placeholder`` rule: copy that is not finished.

Everything is one compiled regular expression built at import. Each alternative is a
named group; valid template syntax (``{{first_name}}``, ``{% if %}``, ``*|FNAME|*``,
``%FNAME%``) is matched too, so that its parts are consumed and never reported as
broken halves. :func:`find_placeholders` turns the matches into hits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Severity
from .base import DraftContext, Example, Hit, Rule

# Latin tokens meet CJK text without a space, so word edges are ASCII-only.
_A = r"(?<![A-Za-z0-9_])"
_Z = r"(?![A-Za-z0-9_])"

# Words that name what a bracketed fill-in stands for: "[First Name]", "[PRODUCT NAME]".
_QUALIFIERS = (
    "first", "last", "full", "company", "brand", "product", "customer", "client",
    "recipient", "sender", "event", "store", "business", "user", "contact",
)  # fmt: skip
_NOUNS = (
    "name", "company", "brand", "product", "link", "url", "date", "time", "price",
    "amount", "cta", "email", "email address", "phone", "phone number", "address",
    "city", "promo code", "coupon code", "discount code", "code", "percentage",
    "headline", "image", "logo", "website", "location", "deadline", "number", "title",
)  # fmt: skip
# Words that open a fill-in instruction: "[Insert product name]", "<INSERT LOGO>".
_VERBS = ("insert", "fill in", "replace with", "placeholder", "tbd", "tbc", "todo", "tktk")


def _words(words: tuple[str, ...]) -> str:
    """An alternation of ``words``, longest first; inner spaces also match ``_``/``-``."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", "[ _-]?") for w in ordered)


def _upper(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.upper() for w in words)


_NOUN = rf"(?:(?:{_words(_QUALIFIERS)})[ _-]?)?(?:{_words(_NOUNS)})"
_NOUN_UPPER = rf"(?:(?:{_words(_upper(_QUALIFIERS))})[ _-]?)?(?:{_words(_upper(_NOUNS))})"
# The inside of "[...]": an instruction, a named slot ("your company name here"), XX, UNK.
_BRACKET_BODY = (
    rf"[ \t]*(?:(?i:(?:{_words(_VERBS)})\b[^\[\]\n]*"
    rf"|(?:(?:enter|add|put|your|the)[ \t]+)?{_NOUN}(?:[ \t]+(?:goes[ \t]+)?here)?)"
    r"|X{2,}|UNK)[ \t]*"
)
# Not a Markdown link "[text](url)", reference "[text][1]" or definition "[id]: url".
_NOT_LINK = r"(?!\(|\[|:[ \t]*(?:<|[A-Za-z][A-Za-z0-9+.-]*:|/|#|www\.))"
# Characters that turn a following 待 into an ordinary word: 期待, 等待, 接待…
_DAI_WORDS = "期等接招款看对虐优善亏厚静留亟"
_CJK = r"[\u3400-\u9fff]"
_XX = "[XxＸｘ]{2,}"

_PATTERN = re.compile(
    "|".join(
        (
            # {{ }} {% %} {# #} and their broken forms; classified in _braces().
            r"(?P<brace>\{+(?:[^{}\n]*\}+|[ \t]*[%#]?[ \t]*[^\s{}|,;:!?()]*))",
            rf"(?P<brace_unopened>(?:{_A}[A-Za-z0-9_.]{{1,64}}[ \t]*)?\}}{{2,}})",
            # Mailchimp *|FNAME|* (balanced: valid), *|FNAME, FNAME|*.
            r"(?P<mc>\*\|(?:[^|\n]*?\|\*|[\w:]*))",
            rf"(?P<mc_unopened>(?:{_A}[A-Za-z0-9_:]{{1,64}})?\|\*)",
            # %FNAME% and %%FirstName%% are merge tags; 20% is a percentage.
            r"(?P<pct_ok>%%[\w.]+%%|%[A-Za-z_][\w.]*%)",
            rf"(?P<pct_unclosed>(?<![A-Za-z0-9_%])%[A-Z][A-Z0-9_]+{_Z}(?!%))",
            r"(?P<pct_unopened>(?<![A-Za-z0-9_%])[A-Z][A-Z0-9_]+%(?![A-Za-z0-9_%]))",
            # Fill-ins: [INSERT NAME], 【此处填写…】, <<name>>, <INSERT LOGO>, <UNK>.
            rf"(?P<bracket>\[{_BRACKET_BODY}\]{_NOT_LINK})",
            r"(?P<zh_bracket>[【\[][ \t]*(?:此处|这里|在此|请在此"
            r"|请(?:填写|输入|插入|替换|补充|添加)|填写|插入|输入|替换|添加|待(?:定|补充|填写?))"
            r"[^【】\[\]\n]{0,40}[】\]])",
            r"(?P<angle>"
            r"<<[ \t]*[^<>\n]{1,40}?[ \t]*>>"
            r"|<[ \t]*(?i:(?:insert|fill[ _-]?in|replace[ _-]with|enter|your)\b)[^<>\n]*>"
            rf"|<[ \t]*(?:{_NOUN_UPPER}|UNK)[ \t]*>)",
            # Chinese fill-ins: 待定 (not 期待定制), 待补充, 某某, XX公司.
            rf"(?P<zh_word>(?<![{_DAI_WORDS}])待定|待补充|待填写|某某)",
            rf"(?P<zh_xx>{_A}{_XX}(?={_CJK})|(?<={_CJK}){_XX}{_Z})",
            # Notes to self and dummy text.
            rf"(?P<note>{_A}(?:TODO|TBD|TKTK|FIXME){_Z})",
            rf"(?P<xxx>{_A}X{{3,}}(?:[-./]X{{2,}})*{_Z})",
            rf"(?P<lorem>(?i:{_A}(?:lorem\s+ipsum|dolor\s+sit\s+amet){_Z}))",
            # Literal tokens; a bare BRAND only outside an ALL-CAPS run ("BRAND NEW").
            rf"(?P<token>{_A}(?:(?:PRODUCT|COMPANY|BRAND|FIRST|LAST|FULL|CUSTOMER)_NAME"
            rf"|BRAND[ ]NAME){_Z}|(?<![A-Z]{{2}}[ \t]){_A}BRAND{_Z}(?![ \t]+[A-Z]{{2}}))",
        )
    )
)

_ZH_GLOSS = {"待定": "to be decided", "待补充": "to be added", "待填写": "to be filled in",
             "某某": "so-and-so"}  # fmt: skip


def _braces(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The message and suggestions for a ``{…}`` match, or None when it is valid."""
    opens = len(text) - len(text.lstrip("{"))
    closes = len(text) - len(text.rstrip("}"))
    body = text[opens : len(text) - closes]
    if opens == 1 and body[:1] in ("%", "#"):  # Liquid/Jinja tag {% … %} or comment {# … #}
        mark = body[0]
        if closes == 1 and len(body) > 1 and body.rstrip().endswith(mark):
            return None
        if closes == 0:
            return f"unclosed template tag '{text}' — close it with '{mark}}}'", ()
        fixed = "{" + body.rstrip().rstrip(mark).rstrip() + f" {mark}}}"
        return f"mismatched braces in template tag '{text}' — did you mean '{fixed}'?", (fixed,)
    if opens == 1 and closes < 2:  # a lone brace or {single}: not a merge tag
        return None
    if closes == 0:
        close = "}" * opens
        return f"unclosed merge tag '{text}' — close it with '{close}'", (text + close,)
    if not body.strip():
        return f"empty merge tag '{text}' — put a field name in it or remove it", ()
    if opens == closes:
        return None
    n = max(2, min(opens, closes))
    fixed = "{" * n + body + "}" * n
    return f"mismatched braces in merge tag '{text}' — did you mean '{fixed}'?", (fixed,)


def _describe(kind: str, text: str) -> tuple[str, tuple[str, ...]] | None:
    """The message and suggestions for one match of ``kind``, or None when it is valid."""
    if kind == "brace":
        return _braces(text)
    if kind == "brace_unopened":
        name = text.rstrip("}").strip()
        if not name:
            return f"stray '{text}' — remove it or open the merge tag with '{{{{'", ()
        fixed = "{{" + name + "}}"
        return f"merge tag '{text}' has no opening '{{{{' — did you mean '{fixed}'?", (fixed,)
    if kind == "mc":
        if text.endswith("|*") and len(text) > 4:
            return None
        if text == "*||*":
            return f"empty merge tag '{text}' — put a field name in it or remove it", ()
        return f"unclosed merge tag '{text}' — close it with '|*'", (text + "|*",)
    if kind == "mc_unopened":
        return f"merge tag '{text}' has no opening '*|'", ("*|" + text,)
    if kind == "pct_ok":
        return None
    if kind == "pct_unclosed":
        return f"unclosed merge tag '{text}' — close it with '%'", (text + "%",)
    if kind == "pct_unopened":
        return f"merge tag '{text}' has no opening '%'", ("%" + text,)
    if kind in ("bracket", "angle", "zh_bracket"):
        if text.strip("[]<> \t") == "UNK":
            return f"unknown-word marker '{text}' left by a generator — write the missing word", ()
        return f"unfilled placeholder '{text}' — replace it with the final copy", ()
    if kind == "zh_word":
        return f"unfilled placeholder '{text}' ({_ZH_GLOSS[text]}) — fill in the final copy", ()
    if kind in ("zh_xx", "xxx"):
        return f"placeholder '{text}' — replace it with the real name, number or value", ()
    if kind == "note":
        return f"'{text}' note left in the copy — finish the copy and remove it", ()
    if kind == "lorem":
        return f"dummy text '{text}' — replace it with real copy", ()
    return f"placeholder token '{text}' — replace it with the real name", ()


# What every match of _PATTERN holds: each alternative starts with or contains one of
# these words, or a mark character followed by what that alternative needs there
# (under the same case rules). Most copy holds none, and these scans are far cheaper
# than trying every alternative at every position; being this exact matters for copy
# with ``<company>``, ``20%`` or ``xx`` in it, which no alternative matches.
_WORDS = ("TODO", "TBD", "TKTK", "FIXME", "_NAME", "BRAND", "XXX")
_LOWER_WORDS = ("lorem", "dolor")
_ZH_XX = re.compile(rf"{_XX}{_CJK}|{_CJK}{_XX}")
_MARK = re.compile(r"[{}*|%\[<【待某]")
_MARKED = re.compile(
    r"[{【待]|\}\}|\*\||\|\*|%[%A-Za-z_]|[A-Z][A-Z0-9_]+%|某某"
    r"|\[[ \t]*(?:(?i:[a-z])|[此这在请填插输替添待])"
    r"|<[ \t]*(?:<|[A-Z]|(?i:insert|fill|replace|enter|your))"
)


def _may_hold_placeholder(text: str) -> bool:
    """Whether ``text`` holds what some alternative of ``_PATTERN`` needs; when not,
    ``_PATTERN`` cannot match. (``lorem``/``dolor`` have no non-ASCII case variants,
    so ``str.lower`` finds exactly what ``(?i:…)`` would.)"""
    if any(word in text for word in _WORDS):
        return True
    lower = text.lower()
    if any(word in lower for word in _LOWER_WORDS):
        return True
    if not text.isascii() and _ZH_XX.search(text):
        return True
    return _MARK.search(text) is not None and _MARKED.search(text) is not None


def find_placeholders(text: str) -> Iterator[tuple[int, int, str, tuple[str, ...]]]:
    """``(start, end, message, suggestions)`` for every unfinished bit of ``text``."""
    if not _may_hold_placeholder(text):
        return
    for m in _PATTERN.finditer(text):
        found = _describe(m.lastgroup or "", m.group())
        if found is not None:
            yield m.start(), m.end(), found[0], found[1]


class Placeholder(Rule):
    """Copy that is not finished: placeholders, notes to self and broken merge tags.

    A draft must not ship with the scaffolding still in it. This rule flags:

    - broken merge tags: ``{{first_name`` (unclosed), ``first_name}}`` (unopened),
      ``{{ }}`` (empty), ``{first_name}}`` (mismatched braces), ``*|FNAME`` and
      ``%FNAME`` / ``FNAME%`` (unbalanced Mailchimp-style tags);
    - bracketed fill-ins: ``[INSERT NAME]``, ``[Insert product name]``,
      ``[YOUR COMPANY]``, ``[First Name]``, ``[LINK]``, ``[DATE]``, ``[PRICE]``,
      ``[CTA]``, ``<INSERT LOGO>``, ``<<name>>``;
    - notes to self in capitals: ``TODO``, ``TBD``, ``TKTK``, ``FIXME``, ``XXX``;
    - dummy text: ``lorem ipsum``, ``dolor sit amet``;
    - literal tokens: ``BRAND``, ``PRODUCT_NAME``, ``COMPANY_NAME``, ``<UNK>``;
    - Chinese fill-ins: 待定, 待补充, 某某, ``XX公司``, 【此处填写…】.

    Finished template syntax never fires: ``{{first_name}}``,
    ``{{ first_name | default: "there" }}``, ``{% if vip %}``, ``*|FNAME|*``,
    ``%FNAME%``. Nor do near misses: percentages (``20% off``), Markdown links
    (``[Learn more](https://…)``), checkboxes (``[x]``), asides (``[sic]``, ``[2]``),
    subject tags (``[Webinar]``), sizes (``XXL``), ``to do`` in sentence case,
    ``brand`` in prose, ``BRAND NEW`` in an all-caps line, 期待定制, 【限时特惠】.
    Matches inside code, URLs and HTML comments are ignored. Merge tags are never auto-fixed; the
    finding suggests the balanced form where it is obvious.
    """

    id = "placeholder"
    severity = Severity.ERROR
    summary = "Unfinished copy: broken merge tags, [INSERT NAME], TODO, lorem ipsum, 待定."
    needs_doc = False
    source = "https://mailchimp.com/developer/marketing/docs/merge-fields/"
    examples = (
        Example("Hi {{first_name, your order has shipped.", True, "unclosed merge tag"),
        Example("Hi *|FNAME, your order has shipped.", True, "unclosed Mailchimp tag"),
        Example("Meet [INSERT PRODUCT NAME], the faster way to ship.", True),
        Example("Launching TBD. Lorem ipsum dolor sit amet.", True),
        Example("价格待定，敬请关注 XX公司 新品。", True),
        Example('Hi {{ first_name | default: "there" }}, save 20% today.', False),
        Example("Hi %FNAME%, [Learn more](https://example.com) about XXL sizes.", False),
        Example("【限时特惠】敬请期待定制礼盒。", False),
    )

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        for field in ctx.draft.fields:
            for start, end, message, suggestions in find_placeholders(field.text):
                if not _in_skip(start, end, field.skip):
                    yield Hit(message, field.name, start, end, suggestions=suggestions)


def _in_skip(start: int, end: int, skip: tuple[tuple[int, int], ...]) -> bool:
    """Whether ``[start, end)`` lies inside a non-prose range (code, a URL, a comment)
    that is more than the match itself. A range that is exactly the match is a reader
    taking the placeholder for markup (``<INSERT LOGO>`` for an HTML tag, ``{{ }}`` for
    a merge tag), so the match still counts."""
    return any(k_start <= start and end <= k_end and (k_start, k_end) != (start, end)
               for k_start, k_end in skip)  # fmt: skip
