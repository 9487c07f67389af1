"""Pure text rules shared by both search backends: normalisation, segments, bigrams, queries.

No Django here. The PostgreSQL trigger re-implements ``normalise`` and ``bigrams`` in SQL
(``articles/search/postgres.py``); the tests hold the two to the same answers.
"""

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..inline_markup import inline_markup_text

# Marks the end of a segment so a one-character query can be answered with a prefix match:
# every character then starts at least one token (its bigram, or itself plus this marker).
END = "\ue000"
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_QUERY_PART = re.compile(r'"([^"]*)"|(\S+)')


def normalise(text: str) -> str:
    """NFKC (full-width to half-width), ASCII lower case, one space for any whitespace run."""
    text = unicodedata.normalize("NFKC", text or "").replace(END, "")
    return _WHITESPACE.sub(" ", text.translate(_ASCII_LOWER)).strip(" ")


def body_segments(body) -> list[str]:
    """The searchable body blocks (paragraphs and subheads, never captions), normalised; a
    paragraph's inline markup is dropped, so its link text and emphasis read on."""
    segments = []
    for block in body or []:
        if isinstance(block, dict) and block.get("kind") in ("paragraph", "subhead"):
            text = str(block.get("text") or "")
            if block["kind"] == "paragraph":
                text = inline_markup_text(text)
            text = normalise(text)
            if text:
                segments.append(text)
    return segments


def title_segments(kicker: str, headline: str, subheadline) -> list[str]:
    """The title lines (kicker, headline, each subheadline), normalised."""
    lines = [kicker, headline, *(subheadline or [])]
    return [text for line in lines if (text := normalise(str(line or "")))]


def bigrams(segment: str) -> list[str]:
    """Overlapping two-character tokens, the last character paired with the END marker."""
    return [segment[i : i + 2] for i in range(len(segment) - 1)] + [segment[-1] + END]


@dataclass(frozen=True)
class ParsedQuery:
    """A search box entry: normalised terms that must all match (quoted phrases kept whole)."""

    terms: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)


def parse_query(q: str | None) -> ParsedQuery:
    """Split on spaces, keep "quoted phrases" together, normalise, drop empties and repeats."""
    terms: list[str] = []
    for quoted, bare in _QUERY_PART.findall(normalise(q or "").replace("“", '"').replace("”", '"')):
        term = normalise(quoted if quoted else bare.replace('"', ""))
        if term and term not in terms:
            terms.append(term)
    return ParsedQuery(tuple(terms))


def _normalised_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise char by char, remembering which original character each output came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = unicodedata.normalize("NFKC", char).replace(END, "").translate(_ASCII_LOWER)
        for p in piece:
            if _WHITESPACE.fullmatch(p):
                if out and out[-1] == " ":
                    continue
                p = " "
            out.append(p)
            origin.append(index)
    return "".join(out), origin


def match_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Merged (start, end) spans of the original text where any term occurs after normalising."""
    normalised, origin = _normalised_with_offsets(text)
    spans = []
    for term in terms:
        start = normalised.find(term)
        while term and start != -1:
            end = start + len(term)
            spans.append((origin[start], origin[end - 1] + 1))
            start = normalised.find(term, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def split_marked(text: str, terms: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """The text cut into (piece, is_match) parts, for highlighting."""
    position = 0
    for start, end in match_spans(text, terms):
        if start > position:
            yield text[position:start], False
        yield text[start:end], True
        position = end
    if position < len(text):
        yield text[position:], False
