"""HTML drafts (an email, a landing page): visible text only, mapped back to the source.

``<title>`` is the ``subject``; an element whose class or id contains ``preheader``
is the ``preheader``; ``<meta name="description">`` is the ``description``; the rest of
the visible text is the ``body``. Whitespace runs read as one space (as a browser
shows them) except inside ``<pre>``/``<textarea>``; block elements are separated by a
line break. Every verbatim character maps to its source offset; a decoded entity maps
to the ``&`` that starts it.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..drafts import Draft, Field, SourceFile
from .builder import TextBuilder
from .records import draft_from_items, make_field

_BLOCK = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "br", "caption", "center"),
        *("dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure"),
        *("footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li"),
        *("main", "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody"),
        *("td", "tfoot", "th", "thead", "title", "tr", "ul"),
    }
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_HIDDEN = frozenset({"script", "style", "template", "noscript", "svg"})
_PREFORMATTED = frozenset({"pre", "textarea"})
_WHITESPACE = " \t\n\r\f"
# Invisible filler e-mail templates pad preheaders with (&zwnj;&nbsp;&#847;…).
_FILLER = _WHITESPACE + "\xa0\u034f\u00ad\u200b\u200c\u200d\u2007\ufeff"
_TOKENS = re.compile(r"[ \t\n\r\f]+|[^ \t\n\r\f&]+|&")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
_CONTENT_ATTR = re.compile(
    r"""\scontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE
)
_FIELD_ORDER = ("subject", "preheader", "description", "body")


def read(source: SourceFile) -> list[Draft]:
    """One draft with ``subject``, ``preheader``, ``description`` and ``body`` fields."""
    parser = _Extractor(source)
    parser.feed(source.text)
    parser.close()
    return [draft_from_items(source, (), number=None, extra_fields=parser.fields())]


class _Extractor(HTMLParser):
    def __init__(self, source: SourceFile) -> None:
        super().__init__(convert_charrefs=False)
        self._source = source
        self._text = source.text
        self._stack: list[str] = []
        self._kinds: list[str | None] = []
        self._builders = {name: TextBuilder(source.text) for name in _FIELD_ORDER}
        self._pending_break = dict.fromkeys(_FIELD_ORDER, False)

    def fields(self) -> list[Field]:
        fields = []
        for name in _FIELD_ORDER:
            builder = self._builders[name]
            builder.rstrip(_FILLER)
            text, source_map = builder.build()
            if text.strip(_FILLER):
                fields.append(make_field(name, text, source_map))
        return fields

    # -- parser events -------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body" and "head" in self._stack:
            self._close("head")
        if tag in _BLOCK:
            self._block_boundary()
        if tag == "meta":
            self._meta(attrs)
        if tag in _VOID:
            return
        names = " ".join(v or "" for k, v in attrs if k in ("class", "id")).lower()
        if tag in _HIDDEN or tag == "head":
            kind: str | None = "hidden" if tag != "head" else "head"
        elif tag == "title":
            kind = "subject"
        elif "preheader" in names:
            kind = "preheader"
        elif tag in _PREFORMATTED:
            kind = "pre"
        else:
            kind = None
        self._stack.append(tag)
        self._kinds.append(kind)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self._block_boundary()
        if tag in self._stack:
            self._close(tag)

    def handle_data(self, data: str) -> None:
        target = self._target()
        if target is not None:
            start = self._offset()
            self._append(target, start, start + len(data))

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    # -- helpers ---------------------------------------------------------------------

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._source.lines.line_start(line) + column

    def _close(self, tag: str) -> None:
        depth = len(self._stack) - 1 - self._stack[::-1].index(tag)
        del self._stack[depth:]
        del self._kinds[depth:]

    def _target(self) -> str | None:
        kinds = self._kinds
        if "hidden" in kinds:
            return None
        if "subject" in kinds:
            return "subject"
        if "head" in kinds:
            return None
        return "preheader" if "preheader" in kinds else "body"

    def _block_boundary(self) -> None:
        for name in _FIELD_ORDER:
            self._pending_break[name] = True

    def _reference(self, raw: str) -> None:
        target = self._target()
        if target is None:
            return
        start = self._offset()
        end = start + len(raw)
        if self._text.startswith(";", end):
            end += 1
        self._append(target, start, end)

    def _append(self, target: str, start: int, end: int) -> None:
        b = self._builders[target]
        text = self._text
        preformatted = "pre" in self._kinds
        pos = start
        while pos < end:
            s = pos
            pos = _TOKENS.match(text, s, end).end()
            if not preformatted and text[s] in _WHITESPACE:
                if len(b) and not self._pending_break[target] and b.last_char() not in " \n":
                    if pos - s == 1 and text[s] == " ":
                        b.copy(s, pos)
                    else:
                        b.synth(" ", at=s)
                continue
            if self._pending_break[target]:
                self._pending_break[target] = False
                if len(b):
                    b.rstrip(" ")
                    b.synth("\n")
            if text[s] == "&":
                pos = _decode_entity(b, text, s, end)
            else:
                b.copy(s, pos)

    def _meta(self, attrs: list[tuple[str, str | None]]) -> None:
        if (dict(attrs).get("name") or "").lower() != "description":
            return
        raw = self.get_starttag_text() or ""
        m = _CONTENT_ATTR.search(raw)
        if m is None:
            return
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        tag_start = self._offset()
        b = self._builders["description"]
        start, end = tag_start + m.start(group), tag_start + m.end(group)
        pos = start
        while pos < end:
            amp = self._text.find("&", pos, end)
            if amp == -1:
                b.copy(pos, end)
                break
            b.copy(pos, amp)
            pos = _decode_entity(b, self._text, amp, end)


def _decode_entity(b: TextBuilder, text: str, start: int, limit: int) -> int:
    """Append the entity at ``text[start]`` (decoded, mapped to its ``&``) or the ``&``
    itself; return the offset after what was consumed."""
    m = _ENTITY.match(text, start, limit)
    if m is None:
        b.copy(start, start + 1)
        return start + 1
    decoded = html.unescape(m.group())
    if decoded == m.group():
        b.copy(start, start + 1)
        return start + 1
    b.synth(decoded, at=start)
    return m.end()
