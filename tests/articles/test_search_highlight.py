"""The linear-time highlighter gives exactly what the earlier per-paragraph one gave."""

import unicodedata
from types import SimpleNamespace

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.search import highlight, parse_query, snippet
from articles.search import text as search_text
from articles.search.text import END, match_spans, occurrences


# The implementation before this change, kept as the reference: every paragraph normalised
# character by character, each term searched separately, the window normalised again.
def _reference_normalised_with_offsets(text):
    out, origin = [], []
    for index, char in enumerate(text):
        piece = unicodedata.normalize("NFKC", char).replace(END, "")
        piece = piece.translate(search_text._ASCII_LOWER)
        for p in piece:
            if search_text._WHITESPACE.fullmatch(p):
                if out and out[-1] == " ":
                    continue
                p = " "
            out.append(p)
            origin.append(index)
    return "".join(out), origin


def _reference_match_spans(text, terms):
    normalised, origin = _reference_normalised_with_offsets(text)
    spans = []
    for term in terms:
        start = normalised.find(term)
        while term and start != -1:
            end = start + len(term)
            spans.append((origin[start], origin[end - 1] + 1))
            start = normalised.find(term, start + 1)
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _reference_split(text, terms):
    position = 0
    for start, end in _reference_match_spans(text, terms):
        if start > position:
            yield text[position:start], False
        yield text[start:end], True
        position = end
    if position < len(text):
        yield text[position:], False


def _reference_highlight(text, parsed):
    return mark_safe(  # noqa: S308 - test reference, escaped as the real one  # nosec B308 B703
        "".join(
            format_html("<mark>{}</mark>", piece) if marked else escape(piece)
            for piece, marked in _reference_split(text or "", parsed.terms)
        )
    )


def _reference_snippet(article, parsed, length=120):
    paragraphs = [
        block.get("text") or ""
        for block in article.body or []
        if isinstance(block, dict) and block.get("kind") in ("paragraph", "subhead")
    ]
    for paragraph in paragraphs:
        offset = 0
        for piece, marked in _reference_split(paragraph, parsed.terms):
            if marked:
                start = max(0, offset - length // 3)
                window = paragraph[start : start + length]
                prefix = "…" if start else ""
                suffix = "…" if start + length < len(paragraph) else ""
                return format_html("{}{}{}", prefix, _reference_highlight(window, parsed), suffix)
            offset += len(piece)
    opening = paragraphs[0] if paragraphs else ""
    suffix = "…" if len(opening) > length else ""
    return format_html("{}{}", _reference_highlight(opening[:length], parsed), suffix)


# Text drawn from characters that stress the offsets: CJK, ASCII of both cases, full-width
# forms, whitespace of every kind, characters NFKC expands (ﬁ ㈠ ¼ ¨) and the END marker.
ALPHABET = "社区居委会上海aAbB1 ＡＢ１　\t\n\u00a0ﬁ㈠¼¨\u2002" + END + "fi(一)"
texts = st.text(alphabet=ALPHABET, max_size=60)
queries = st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=4), max_size=3).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(text=texts)
def test_offsets_equal_the_character_by_character_normalisation(text):
    assert search_text._normalised_with_offsets(text) == _reference_normalised_with_offsets(text)


@settings(max_examples=400, deadline=None)
@given(text=texts, query=queries)
def test_match_spans_equal_the_per_term_search(text, query):
    terms = parse_query(query).terms
    assert match_spans(text, terms) == _reference_match_spans(text, terms)


@settings(max_examples=300, deadline=None)
@given(text=texts, query=queries)
def test_highlight_equals_the_earlier_highlight(text, query):
    parsed = parse_query(query)
    assert highlight(text, parsed) == _reference_highlight(text, parsed)


@settings(max_examples=300, deadline=None)
@given(
    paragraphs=st.lists(st.text(alphabet=ALPHABET, max_size=200), max_size=4),
    query=queries,
    length=st.integers(min_value=1, max_value=130),
)
def test_snippet_equals_the_earlier_snippet(paragraphs, query, length):
    parsed = parse_query(query)
    article = SimpleNamespace(body=[{"kind": "paragraph", "text": p} for p in paragraphs])
    assert snippet(article, parsed, length) == _reference_snippet(article, parsed, length)


def test_overlapping_terms_are_marked_as_one_span():
    assert match_spans("居委会议", ["居委会", "会议"]) == [(0, 4)]
    assert str(highlight("居委会议", "居委会 会议")) == "<mark>居委会议</mark>"


def test_occurrences_are_found_in_one_scan_of_one_normalisation(monkeypatch):
    calls = []
    real = search_text._normalised_with_offsets
    monkeypatch.setattr(
        search_text, "_normalised_with_offsets", lambda text: calls.append(text) or real(text)
    )
    assert occurrences("社区 ＡＢＣ 社区", ["社区", "abc"]) == [(0, 2), (3, 6), (7, 9)]
    assert len(calls) == 1


def test_snippet_normalises_each_paragraph_once_up_to_the_first_match(monkeypatch):
    calls = []
    real = search_text._normalised_with_offsets
    monkeypatch.setattr(
        search_text, "_normalised_with_offsets", lambda text: calls.append(text) or real(text)
    )
    body = [{"kind": "paragraph", "text": t} for t in ["无关", "这里有社区", "又是社区"]]
    html = snippet(SimpleNamespace(body=body), "社区")
    assert str(html) == "这里有<mark>社区</mark>"
    assert calls == ["无关", "这里有社区"]


def test_a_shorter_term_is_marked_where_a_longer_one_runs_past_the_window():
    article = SimpleNamespace(body=[{"kind": "paragraph", "text": "1 1"}])
    parsed = parse_query('"1 1" 1')
    assert str(snippet(article, parsed, 1)) == "<mark>1</mark>…"
    assert snippet(article, parsed, 1) == _reference_snippet(article, parsed, 1)
