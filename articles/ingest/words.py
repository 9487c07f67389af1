"""Word segmentation (jieba dictionary via rjieba) used to tell words from word fragments."""

from __future__ import annotations

from functools import cache

import rjieba

from .gazetteer import Gazetteer

# Full place names must be single words so that a space inside one is seen as OCR damage.
_PLACE_FREQ = 50_000
_registered: set[int] = set()


@cache
def _jieba() -> rjieba.Jieba:
    return rjieba.Jieba()


def register_places(gazetteer: Gazetteer) -> None:
    """Teach the segmenter the gazetteer's names (once per gazetteer)."""
    if id(gazetteer) in _registered:
        return
    jieba = _jieba()
    # Full names only: a boosted short name would swallow neighbours (刘懿静安排 -> 静安).
    names = [d.name for d in gazetteer.districts] + [s.name for s in gazetteer.subdistricts]
    names += [h.name for h in gazetteer.historical]
    for name in names:
        jieba.add_word(name, _PLACE_FREQ, "ns")
    _registered.add(id(gazetteer))


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Dictionary-only segmentation with character offsets (no HMM guessing of new words)."""
    return _jieba().tokenize(text, "default", False)


def tagged(text: str) -> list[tuple[str, str]]:
    """Dictionary-only segmentation with part-of-speech tags."""
    return _jieba().tag(text, False)


def splits_word(left: str, right: str) -> bool:
    """True when the seam between left and right falls inside a dictionary word."""
    head, tail = left[-4:], right[:4]
    seam = len(head)
    for word, start, end in tokens(head + tail):
        if start < seam < end and len(word) >= 2:
            return True
    return False


def frequency(word: str) -> int:
    """How often the dictionary counts word as one word (small for rare and unknown words)."""
    return _jieba().suggest_freq(word)
