"""Decoding source bytes and the character classes the parser relies on."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .errors import SourceError

MAX_LINE_CHARS = 20_000
ICONV_HINT = "先转换编码，例如 `iconv -f GBK -t UTF-8 page.txt > page.utf8.txt`"

# Controls that never occur in a text page; tab, newline, CR and form feed are fine.
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")
_BINARY_MAGIC = {
    b"%PDF": "PDF 文档",
    b"\x89PNG": "PNG 图片",
    b"\xff\xd8\xff": "JPEG 图片",
    b"PK\x03\x04": "ZIP 压缩包（也许是 .docx 文档）",
    b"\x1f\x8b": "gzip 压缩数据",
}
# Every kind of horizontal space OCR leaves behind, including the ideographic space.
_SPACES = re.compile(r"[\t\x0b\x0c\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]")

CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese punctuation that counts as "Chinese" context for spacing and repair.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』—…·"


def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of the words, longest first."""
    listed = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in listed) + ")"


def word_pattern(words: Iterable[str], before: str = "", after: str = "") -> re.Pattern[str]:
    """One regex for the words, longest first, with a first-character guard."""
    listed = tuple(words)
    firsts = "".join(sorted({w[0] for w in listed}))
    return re.compile(f"{before}(?=[{firsts}]){alternation(listed)}{after}")


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
            "文件是 UTF-16 编码，不是 UTF-8",
            source=source,
            offset=0,
            hint="用 `iconv -f UTF-16 -t UTF-8` 转换",
        )
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise SourceError(
                f"二进制数据：看起来是{what}，不是 OCR 文本版面",
                source=source,
                offset=0,
                hint="把版面导出为 UTF-8 纯文本",
            )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SourceError(
            "含 NUL 字节（0x00）：文件是二进制的，或不是 UTF-8 文本",
            source=source,
            line=_line_of_offset(data, nul),
            offset=nul,
            hint="检查 OCR 导出；UTF-16 文件须先转换为 UTF-8",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            raise SourceError(
                "文件末尾的 UTF-8 字符不完整（文件被截断）",
                source=source,
                line=_line_of_offset(data, start),
                offset=start,
                hint="文件在复制时被截断，请重新获取",
            ) from None
        try:
            data.decode("gb18030")
            guess = "看起来是 GBK/GB18030 编码"
        except UnicodeDecodeError:
            guess = "不是 UTF-8 编码"
        raise SourceError(
            f"无效的 UTF-8 字节 0x{data[start]:02x}：{guess}",
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
            f"控制字符 U+{ord(control.group()):04X}：文件看起来是二进制的",
            source=source,
            line=prefix.count("\n") + 1,
            offset=len(prefix.encode("utf-8")),
            hint="把版面导出为 UTF-8 纯文本",
        )
    if not _SPACES.sub("", text).strip():
        raise SourceError(
            "文件是空的，或只有空白",
            source=source,
            hint="检查 OCR 导出是否生成了文字",
        )
    if len(text) > MAX_LINE_CHARS:
        for number, line in enumerate(text.split("\n"), start=1):
            if len(line) > MAX_LINE_CHARS:
                raise SourceError(
                    f"这一行有 {len(line)} 个字符（上限 {MAX_LINE_CHARS}）",
                    source=source,
                    line=number,
                    hint="这不是 OCR 版面格式；文字块之间必须换行",
                )
    return text
