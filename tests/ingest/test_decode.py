"""decode_source accepts UTF-8 pages and rejects everything else with a useful SourceError."""

from __future__ import annotations

import pytest

from articles.ingest import SourceError, decode_source
from articles.ingest.text import MAX_LINE_CHARS

PAGE = "标题\n\n正文第一段。\n"


def test_plain_utf8_is_returned_unchanged():
    assert decode_source(PAGE.encode(), source="p.txt") == PAGE


def test_utf8_bom_is_dropped():
    assert decode_source(b"\xef\xbb\xbf" + PAGE.encode(), source="p.txt") == PAGE


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_endings_become_newlines(newline):
    assert decode_source(PAGE.replace("\n", newline).encode(), source="p.txt") == PAGE


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n", "\u3000\n \n".encode()])
def test_empty_or_whitespace_only_file_is_rejected(data):
    with pytest.raises(SourceError, match="空"):
        decode_source(data, source="p.txt")


def test_nul_byte_is_reported_with_byte_offset_and_line():
    data = "标题\n\n正文".encode() + b"\x00rest"
    with pytest.raises(SourceError) as info:
        decode_source(data, source="p.txt")
    assert info.value.offset == data.index(b"\x00")
    assert info.value.line == 3
    assert "NUL" in str(info.value) and "p.txt：第 3 行" in str(info.value)


def test_gbk_page_is_rejected_with_offset_and_iconv_hint():
    data = b"title\n" + "上海新闻".encode("gbk")
    with pytest.raises(SourceError) as info:
        decode_source(data, source="gbk.txt")
    error = info.value
    assert error.offset == 6
    assert error.line == 2
    assert "iconv -f GBK -t UTF-8" in str(error)
    assert "gbk.txt" in str(error)
    assert "GBK" in error.message


def test_truncated_utf8_at_end_is_reported():
    data = PAGE.encode() + "海".encode()[:2]
    with pytest.raises(SourceError, match="截断") as info:
        decode_source(data, source="p.txt")
    assert info.value.offset == len(PAGE.encode())


def test_binary_file_is_rejected():
    with pytest.raises(SourceError, match="二进制"):
        decode_source(b"%PDF-1.7\n...", source="scan.pdf")
    with pytest.raises(SourceError, match="二进制"):
        decode_source(b"text\x01\x02\x03", source="p.txt")


def test_utf16_is_rejected_with_a_conversion_hint():
    with pytest.raises(SourceError, match="UTF-16") as info:
        decode_source(PAGE.encode("utf-16"), source="p.txt")
    assert str(info.value) == (
        "p.txt：字节偏移 0：文件是 UTF-16 编码，不是 UTF-8（用 `iconv -f UTF-16 -t UTF-8` 转换）"
    )


def test_huge_single_line_is_reported_by_line_number():
    data = ("标题\n\n" + "字" * (MAX_LINE_CHARS + 1) + "\n").encode()
    with pytest.raises(SourceError) as info:
        decode_source(data, source="p.txt")
    assert info.value.line == 3
    assert "第 3 行" in str(info.value)


def test_error_message_names_file_line_problem_and_remedy():
    error = SourceError("bad thing", source="a.txt", line=4, offset=10, hint="do this")
    assert str(error) == "a.txt：第 4 行：字节偏移 10：bad thing（do this）"
