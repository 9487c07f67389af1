"""The block-role model: a linear-chain CRF over a page's blocks.

Every blank-line block of a page gets a role (kicker, headline, deck, byline, paragraph,
continuation, subhead, caption) and a flag saying whether an article starts there; both travel in
one label, ``B-role`` for an article's first block and ``I-role`` for the rest. The features are
the signals the rules use (gaps, length, edge characters, name-likeness, credit and title shapes,
word seams, position) for the block and its neighbours. python-crfsuite does the learning:
decoding a whole page at once lets a caption-like block after a wide gap be weighed against what
follows it, which per-block rules cannot do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from .bylines import dateline_credit, parse_credit_line
from .layout import ARTICLE_GAP, RawBlock, compact_len, is_caption_like, is_title_like
from .names import looks_like_name
from .titles import is_kicker
from .words import splits_word

MODEL_PATH = Path(__file__).with_name("block_roles.crfsuite")
ROLES = ("kicker", "headline", "deck", "byline", "paragraph", "continuation", "subhead", "caption")
# Fixed so that training the same pages twice writes the same model.
TRAINING_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": 1}
_LENGTHS = (4, 10, 20, 40, 80, 160)
_PUNCTUATION = re.compile(r"[，。、；：？！,.;:?!“”\"（）()—]")
_NAMES = re.compile(r"[\u4e00-\u9fff·]{2,4}")


class ModelMissingError(FileNotFoundError):
    """The trained block-role model file is not where the loader expects it."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"缺少文字块角色模型 {path}；用 `make train-ingest` 重新生成")
        self.path = path


def label(role: str, *, starts_article: bool) -> str:
    """One CRF label: the role with a B-/I- prefix for the article-start flag."""
    if role not in ROLES:
        raise ValueError(f"unknown block role {role!r}")
    return f"{'B' if starts_article else 'I'}-{role}"


def split_label(text: str) -> tuple[str, bool]:
    """The role and the article-start flag carried by a label."""
    prefix, _, role = text.partition("-")
    return role, prefix == "B"


def _bucket(n: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _char_class(ch: str) -> str:
    if not ch:
        return "none"
    if ch.isdigit():
        return "digit"
    if "\u4e00" <= ch <= "\u9fff":
        return "cjk"
    if ch.isascii() and ch.isalpha():
        return "latin"
    return ch


def _own_features(block: RawBlock, blank_after: int) -> dict[str, str | float]:
    text = block.light
    compact = text.replace(" ", "")
    names = _NAMES.findall(compact)
    feats: dict[str, str | float] = {
        "gap": _bucket(block.blank_before, (0, 1, 2)),
        "gap_after": _bucket(blank_after, (0, 1, 2)),
        "len": _bucket(compact_len(text), _LENGTHS),
        "first": _char_class(compact[:1]),
        "last": _char_class(compact[-1:]),
        "punct": _bucket(len(_PUNCTUATION.findall(text)), (0, 1, 3, 8)),
        "full_stop": "。" in text,
        "digits": any(ch.isdigit() for ch in compact),
        "spaces": " " in text.strip(),
        "title_like": is_title_like(text),
        "caption_like": is_caption_like(text),
        "kicker_like": is_kicker(text),
        "credit": parse_credit_line(text, allow_bare=False) is not None,
        "bare_credit": parse_credit_line(text, allow_bare=True) is not None,
        "dateline": dateline_credit(text) is not None,
        "name": looks_like_name(compact, strict=True),
        "names": sum(looks_like_name(n, strict=True) for n in names) > 0,
        "dash_open": compact.startswith("—"),
    }
    return {k: v if isinstance(v, str) else float(v) for k, v in feats.items()}


def page_features(blocks: Sequence[RawBlock]) -> list[dict[str, str | float]]:
    """One feature dict per block: its own signals, its place, and its neighbours' signals."""
    own = []
    for i, block in enumerate(blocks):
        after = blocks[i + 1].blank_before if i + 1 < len(blocks) else ARTICLE_GAP
        own.append(_own_features(block, after))
    since_gap = 0
    features = []
    for i, block in enumerate(blocks):
        since_gap = 0 if i == 0 or block.blank_before >= ARTICLE_GAP else since_gap + 1
        feats: dict[str, str | float] = {"bias": 1.0, "since_gap": _bucket(since_gap, (0, 1, 2, 4))}
        feats.update(own[i])
        if i == 0:
            feats["page_start"] = 1.0
        else:
            prev = blocks[i - 1].light.replace(" ", "")
            feats["seam_splits_word"] = float(
                bool(prev) and prev[-1] not in "。！？”" and splits_word(prev, block.light)
            )
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(blocks):
                for key in ("len", "last", "title_like", "caption_like", "credit", "gap"):
                    feats[f"{offset}:{key}"] = own[j][key]
        if i == len(blocks) - 1:
            feats["page_end"] = 1.0
        features.append(feats)
    return features


def train(pages: Iterable[tuple[Sequence[RawBlock], Sequence[str]]], path: Path) -> Path:
    """Train on (blocks, labels) pairs, in the order given, and write the model to path."""
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params(TRAINING_PARAMS)
    for blocks, labels in pages:
        trainer.append(page_features(blocks), list(labels))
    trainer.train(str(path))
    return path


@lru_cache(maxsize=4)
def load(path: Path = MODEL_PATH) -> pycrfsuite.Tagger:
    """The tagger for a model file, opened once per path."""
    if not path.is_file():
        raise ModelMissingError(path)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def predict(blocks: Sequence[RawBlock], path: Path = MODEL_PATH) -> list[str]:
    """The label of every block of one page."""
    if not blocks:
        return []
    return load(path).tag(page_features(blocks))
