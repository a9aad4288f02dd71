"""Bytes to text: UTF-8 (BOM accepted), UTF-16/32 with a BOM, a few legacy encodings
when the bytes are clearly not UTF-8, and an input error for anything else."""

from __future__ import annotations

import codecs
import unicodedata
from typing import NamedTuple

from ..errors import InputError

_SNIFF = 8192
_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy encodings we accept, as codec names; GBK and GB2312 read as their superset.
_LEGACY = {
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "big5": "big5",
    "cp950": "cp950",
    "shift_jis": "shift_jis",
    "cp932": "cp932",
    "euc_jp": "euc_jp",
    "euc_kr": "euc_kr",
    "cp949": "cp949",
    "cp1252": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-15": "iso8859-15",
}
_ALLOWED_CONTROLS = "\t\n\r\f\v"


class Decoded(NamedTuple):
    text: str
    encoding: str
    bom: bool
    newline: str


def newline_of(text: str) -> str:
    """``"\\r\\n"`` when the first line ending is CRLF, else ``"\\n"``."""
    pos = text.find("\n")
    return "\r\n" if pos > 0 and text[pos - 1] == "\r" else "\n"


def decode(data: bytes) -> Decoded:
    """Decode a draft file; raises :class:`InputError` for binary or undecodable bytes."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                line, column = _position(data[len(bom) : len(bom) + exc.start], encoding)
                raise InputError(
                    f"invalid {encoding.upper()} text at line {line}, column {column}",
                    line=line,
                    column=column,
                ) from None
            if "\x00" in text[:_SNIFF]:
                raise InputError("binary file (contains NUL characters)")
            return Decoded(text, encoding, True, newline_of(text))
    if b"\x00" in data[:_SNIFF]:
        raise InputError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _legacy(data, exc)
    return Decoded(text, "utf-8", False, newline_of(text))


def _legacy(data: bytes, exc: UnicodeDecodeError) -> Decoded:
    detected = _detect(data)
    candidates = [detected] if detected in _LEGACY else []
    candidates += [c for c in ("gb18030", "cp1252") if c not in candidates]
    for name in candidates:
        encoding = _LEGACY[name]
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_sane(text, encoding):
            return Decoded(text, encoding, False, newline_of(text))
    line, column = _position(data[: exc.start], "utf-8")
    guess = f"; it looks like {detected}" if detected else ""
    raise InputError(
        f"not UTF-8 text (byte 0x{data[exc.start]:02x} at line {line}, column {column}"
        f"{guess}); save the file as UTF-8",
        line=line,
        column=column,
    )


def _position(prefix: bytes, encoding: str) -> tuple[int, int]:
    """1-based line and column just after the bytes ``prefix``."""
    text = prefix.decode(encoding, "replace")
    return text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1


def _detect(data: bytes) -> str | None:
    """charset_normalizer's guess as a codec name, when the package is installed."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    best = from_bytes(data).best()
    if best is None:
        return None
    try:
        return codecs.lookup(best.encoding).name
    except LookupError:
        return best.encoding


def _looks_sane(text: str, encoding: str) -> bool:
    """No control, private-use or unassigned characters; GB18030 text is mostly CJK."""
    non_ascii = cjk = 0
    for ch in text:
        if ch < "\x80":
            if (ch < " " and ch not in _ALLOWED_CONTROLS) or ch == "\x7f":
                return False
            continue
        non_ascii += 1
        if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs"):
            return False
        if "\u2000" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef":
            cjk += 1
    if encoding == "gb18030":
        return cjk > 0 and cjk >= 0.9 * non_ascii
    return True
