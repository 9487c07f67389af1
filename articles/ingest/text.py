"""Decoding source bytes and the character classes the parser relies on."""

from __future__ import annotations

import re

from .errors import SourceError

MAX_LINE_CHARS = 20_000
ICONV_HINT = "convert it first, e.g. `iconv -f GBK -t UTF-8 page.txt > page.utf8.txt`"

# Controls that never occur in a text page; tab, newline, CR and form feed are fine.
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (perhaps a .docx)",
    b"\x1f\x8b": "gzip-compressed data",
}
# Every kind of horizontal space OCR leaves behind, including the ideographic space.
_SPACES = re.compile(r"[\t\x0b\x0c\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]")

CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese punctuation that counts as "Chinese" context for spacing and repair.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』—…·"


def is_cjk(ch: str) -> bool:
    """True for a Chinese (CJK unified) character."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def is_chinese_context(ch: str) -> bool:
    """True for a Chinese character or Chinese punctuation."""
    return len(ch) == 1 and (is_cjk(ch) or ch in CJK_PUNCT)


def clean_line(line: str) -> str:
    """Turn every exotic space into a plain space and drop trailing whitespace."""
    return _SPACES.sub(" ", line).rstrip()


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_source(data: bytes, *, source: str) -> str:
    """Decode a page as UTF-8 (BOM optional), normalise line endings, reject what is not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(
            "the file is UTF-16, not UTF-8",
            source=source,
            offset=0,
            hint="convert it with `iconv -f UTF-16 -t UTF-8`",
        )
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise SourceError(
                f"binary data: this looks like {what}, not an OCR text page",
                source=source,
                offset=0,
                hint="export the page as plain UTF-8 text",
            )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SourceError(
            "NUL byte: the file is binary or not UTF-8 text",
            source=source,
            line=_line_of_offset(data, nul),
            offset=nul,
            hint="check the OCR export; UTF-16 files must be converted to UTF-8",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            raise SourceError(
                "truncated UTF-8 character at the end of the file",
                source=source,
                line=_line_of_offset(data, start),
                offset=start,
                hint="the file was cut off while copying; fetch it again",
            ) from None
        try:
            data.decode("gb18030")
            guess = "it looks like GBK/GB18030"
        except UnicodeDecodeError:
            guess = "it is not UTF-8"
        raise SourceError(
            f"invalid UTF-8 byte 0x{data[start]:02x}; {guess}",
            source=source,
            line=_line_of_offset(data, start),
            offset=start,
            hint=ICONV_HINT,
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text)
    if control:
        prefix = text[: control.start()]
        raise SourceError(
            f"control character U+{ord(control.group()):04X}: the file looks binary",
            source=source,
            line=prefix.count("\n") + 1,
            offset=len(prefix.encode("utf-8")),
            hint="export the page as plain UTF-8 text",
        )
    if not _SPACES.sub("", text).strip():
        raise SourceError(
            "the file is empty or holds only whitespace",
            source=source,
            hint="check that the OCR export produced text",
        )
    if len(text) > MAX_LINE_CHARS:
        for number, line in enumerate(text.split("\n"), start=1):
            if len(line) > MAX_LINE_CHARS:
                raise SourceError(
                    f"line is {len(line)} characters long (limit {MAX_LINE_CHARS})",
                    source=source,
                    line=number,
                    hint="this is not an OCR page layout; blocks must be separated by newlines",
                )
    return text
