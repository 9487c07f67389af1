"""Pure text rules shared by both search backends: normalisation, segments, bigrams, queries.

No Django here. The PostgreSQL trigger re-implements ``normalise`` and ``bigrams`` in SQL
(``articles/search/postgres.py``); the tests hold the two to the same answers.
"""

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

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


class _Pieces(dict):
    """A ``str.translate`` table: each character's normalised piece, computed on first use.

    A character's piece is its NFKC form without END, ASCII lower-cased, each whitespace
    character as one space. Characters whose piece is not exactly one character (ﬁ → fi,
    END → nothing) are remembered, since they shift the offsets.
    """

    def __init__(self):
        super().__init__()
        self.irregular: set[str] = set()
        self._pattern: tuple[int, re.Pattern | None] = (0, None)

    def __missing__(self, code: int) -> str:
        piece = unicodedata.normalize("NFKC", chr(code)).replace(END, "").translate(_ASCII_LOWER)
        piece = "".join(" " if _WHITESPACE.fullmatch(p) else p for p in piece)
        if len(piece) != 1:
            self.irregular.add(chr(code))
        self[code] = piece
        return piece

    def has_irregular(self, text: str) -> bool:
        """Whether `text` holds a character whose piece is not one character (after translate)."""
        size, pattern = self._pattern
        if size != len(self.irregular):
            chars = "".join(re.escape(c) for c in sorted(self.irregular))
            pattern = re.compile(f"[{chars}]") if chars else None
            self._pattern = size, pattern = len(self.irregular), pattern
        return pattern is not None and pattern.search(text) is not None


_PIECES = _Pieces()
_SPACE_RUN = re.compile(" {2,}")


def _normalised_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise char by char, remembering which original character each output came from.

    Linear, and mostly in C: one ``str.translate``, then whitespace runs collapsed. Texts with
    characters that normalise to several characters or none take a per-character loop.
    """
    translated = text.translate(_PIECES)
    if _PIECES.has_irregular(text):
        out: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(text):
            for p in _PIECES[ord(char)]:
                if p == " " and out and out[-1] == " ":
                    continue
                out.append(p)
                origin.append(index)
        return "".join(out), origin
    runs = list(_SPACE_RUN.finditer(translated))
    if not runs:
        return translated, list(range(len(translated)))
    origin, position = [], 0
    for run in runs:  # keep each run's first space, drop the rest
        origin.extend(range(position, run.start() + 1))
        position = run.end()
    origin.extend(range(position, len(translated)))
    return _SPACE_RUN.sub(" ", translated), origin


@lru_cache(maxsize=256)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    """One pattern finding, at every position, the longest term starting there (overlaps too)."""
    alternatives = sorted({t for t in terms if t}, key=len, reverse=True)
    if not alternatives:
        return None
    return re.compile("(?=({}))".format("|".join(map(re.escape, alternatives))))


def occurrences(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) spans of the original text where a term occurs after normalising, by start.

    One normalisation and one scan for all terms; where several terms start at one place only
    the longest is given, since it covers the others.
    """
    pattern = _terms_pattern(tuple(terms))
    if pattern is None or not text:
        return []
    normalised, origin = _normalised_with_offsets(text)
    return [
        (origin[found.start()], origin[found.start() + len(found.group(1)) - 1] + 1)
        for found in pattern.finditer(normalised)
    ]


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans joined, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def match_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Merged (start, end) spans of the original text where any term occurs after normalising."""
    return merge_spans(occurrences(text, terms))


def split_spans(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[str, bool]]:
    """The text cut into (piece, is_match) parts at merged `spans`."""
    position = 0
    for start, end in spans:
        if start > position:
            yield text[position:start], False
        yield text[start:end], True
        position = end
    if position < len(text):
        yield text[position:], False


def split_marked(text: str, terms: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """The text cut into (piece, is_match) parts, for highlighting."""
    return split_spans(text, match_spans(text, terms))
