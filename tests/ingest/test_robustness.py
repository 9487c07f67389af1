"""Any input yields a ParsedDocument or a SourceError, never another exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.ingest import SourceError, decode_source, document_to_dict, parse_document

# Pieces that exercise the parser: Chinese, its punctuation, half-width marks, spaces.
_PIECES = st.sampled_from(
    list("上海虹口区浦东新区黄浦江记者本报讯张王李刘说书记主任摄图为第一辑之二特别报道")
    + list("。，、；：！？“”‘’（）《》【】——…·①②")
    + list(",.:;!?()|/ 0123456789abcXYZ\t\u3000")
    + ["\n", "\n\n", "\n\n\n\n", "\r\n"]
)
_PAGES = st.lists(_PIECES, max_size=300).map("".join)
_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _run(data: bytes, gazetteer) -> None:
    try:
        text = decode_source(data, source="fuzz.txt")
        document_to_dict(parse_document(text, source="fuzz.txt", gazetteer=gazetteer))
    except SourceError as error:
        assert str(error).startswith("fuzz.txt")


@_SETTINGS
@given(page=_PAGES)
def test_random_page_text_never_crashes_the_parser(gazetteer, page):
    _run(page.encode("utf-8"), gazetteer)


@_SETTINGS
@given(data=st.binary(max_size=300))
def test_random_bytes_never_crash_decoding_or_parsing(gazetteer, data):
    _run(data, gazetteer)


@_SETTINGS
@given(page=st.text(max_size=300))
def test_arbitrary_unicode_never_crashes_the_parser(gazetteer, page):
    _run(page.encode("utf-8", "surrogatepass"), gazetteer)
