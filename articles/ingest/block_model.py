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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from .bylines import dateline_credit, parse_credit_line
from .layout import ARTICLE_GAP, RawBlock, is_caption_like, is_title_like
from .names import looks_like_name
from .text import CJK_RANGES, is_cjk
from .titles import is_kicker
from .words import splits_word

MODEL_PATH = Path(__file__).with_name("block_roles.crfsuite")
ROLES = ("kicker", "headline", "deck", "byline", "paragraph", "continuation", "subhead", "caption")
# How sure the model must be of a label to overrule the rules' (marginal probability). Chosen
# by leave-one-page-out on ../shared/pages (docs/ingest.md): at 0.8 the loader's checks equal
# the rules' best and block roles are right 96.4 % of the time (rules 91.8 %, model alone 96.2 %
# but three checks fewer).
CONFIDENCE = 0.8
# Fixed so that training the same pages twice writes the same model.
TRAINING_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": 1}
_SHORT = 40
_LENGTHS = (4, 10, 20, 40, 80, 160)
_PUNCTUATION = re.compile(r"[，。、；：？！,.;:?!“”\"（）()—]")
_DIGIT = re.compile(r"\d")
_NAMES = re.compile(f"[{CJK_RANGES}·]{{2,4}}")


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
    if is_cjk(ch):
        return "cjk"
    if ch.isascii() and ch.isalpha():
        return "latin"
    return ch


# Buckets of small counts, looked up rather than computed: blank lines, blocks since a gap.
_GAPS = tuple(_bucket(n, (0, 1, 2)) for n in range(4))
_SINCE_GAP = tuple(_bucket(n, (0, 1, 2, 4)) for n in range(6))
_PUNCTS = tuple(_bucket(n, (0, 1, 3, 8)) for n in range(10))
# Signals copied from the neighbours, with their feature names per offset.
_NEIGHBOUR_KEYS = ("len", "last", "title_like", "caption_like", "credit", "gap")
_OFFSETS = tuple(
    (offset, tuple((key, f"{offset}:{key}") for key in _NEIGHBOUR_KEYS), f"{offset}:rule")
    for offset in (-1, 1)
)


def _own_features(block: RawBlock, blank_after: int) -> dict[str, str | float]:
    """The block's own signals. Flags that are off are left out: a feature worth 0 adds
    nothing to a CRF's score, so leaving it out changes no label and saves the tagger work."""
    text = block.light
    compact = text.replace(" ", "")
    # Only a short block can be a credit line; in body text some run always looks like a name.
    short = len(compact) <= _SHORT
    feats: dict[str, str | float] = {
        "gap": _GAPS[min(block.blank_before, 3)],
        "gap_after": _GAPS[min(blank_after, 3)],
        "len": _bucket(len(compact), _LENGTHS),
        "first": _char_class(compact[:1]),
        "last": _char_class(compact[-1:]),
        "punct": _PUNCTS[min(len(_PUNCTUATION.findall(text)), 9)],
    }
    flags = (
        ("full_stop", "。" in text),
        ("digits", _DIGIT.search(compact) is not None),
        ("spaces", " " in text.strip()),
        ("title_like", is_title_like(text)),
        ("caption_like", is_caption_like(text)),
        ("kicker_like", is_kicker(text)),
        ("credit", short and parse_credit_line(text, allow_bare=False) is not None),
        ("bare_credit", short and parse_credit_line(text, allow_bare=True) is not None),
        ("dateline", dateline_credit(text) is not None),
        ("name", short and looks_like_name(compact, strict=True)),
        ("names", short and any(looks_like_name(n, strict=True) for n in _NAMES.findall(compact))),
        ("dash_open", compact.startswith("—")),
    )
    for key, on in flags:
        if on:
            feats[key] = 1.0
    return feats


def page_features(blocks: Sequence[RawBlock], rules: Sequence[str]) -> list[dict[str, str | float]]:
    """One feature dict per block: its own signals, its place, the label the rules give it
    (`rules`, one per block), and its neighbours' signals and rule labels."""
    count = len(blocks)
    own = [
        _own_features(block, blocks[i + 1].blank_before if i + 1 < count else ARTICLE_GAP)
        for i, block in enumerate(blocks)
    ]
    since_gap = 0
    features = []
    for i, block in enumerate(blocks):
        since_gap = 0 if i == 0 or block.blank_before >= ARTICLE_GAP else since_gap + 1
        feats = own[i].copy()
        feats["bias"] = 1.0
        feats["since_gap"] = _SINCE_GAP[min(since_gap, 5)]
        feats["rule"] = rules[i]
        feats["rule_role"] = rules[i][2:]
        if i == 0:
            feats["page_start"] = 1.0
        else:
            prev = blocks[i - 1].light.replace(" ", "")
            if prev and prev[-1] not in "。！？”" and splits_word(prev, block.light):
                feats["seam_splits_word"] = 1.0
        for offset, keys, rule_key in _OFFSETS:
            j = i + offset
            if 0 <= j < count:
                neighbour = own[j]
                for key, name in keys:
                    if key in neighbour:
                        feats[name] = neighbour[key]
                if offset in (-1, 1):
                    feats[rule_key] = rules[j]
        if i == count - 1:
            feats["page_end"] = 1.0
        features.append(feats)
    return features


def train(
    pages: Iterable[tuple[Sequence[RawBlock], Sequence[str], Sequence[str]]], path: Path
) -> Path:
    """Train on (blocks, rule labels, true labels) triples, in the order given; write to path."""
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params(TRAINING_PARAMS)
    for blocks, rules, labels in pages:
        trainer.append(page_features(blocks, rules), list(labels))
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


def predict(blocks: Sequence[RawBlock], rules: Sequence[str], path: Path = MODEL_PATH) -> list[str]:
    """The label of every block of one page, given the labels the rules give them."""
    if not blocks:
        return []
    return load(path).tag(page_features(blocks, rules))


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A block the model labels otherwise than the rules, and how sure it is (its marginal)."""

    index: int
    rule: str
    model: str
    confidence: float

    @property
    def overruled(self) -> bool:
        return self.confidence >= CONFIDENCE


def overrule(
    blocks: Sequence[RawBlock], rules: Sequence[str], path: Path = MODEL_PATH
) -> list[str]:
    """The label of every block: the model's where it is sure of it (marginal probability at
    least CONFIDENCE), else the rules'. Decoding still weighs the whole page at once."""
    return overrule_with_doubts(blocks, rules, path)[0]


def overrule_with_doubts(
    blocks: Sequence[RawBlock], rules: Sequence[str], path: Path = MODEL_PATH
) -> tuple[list[str], list[Disagreement]]:
    """overrule's labels, and every block where the model and the rules disagree."""
    if not blocks:
        return [], []
    tagger = load(path)
    predicted = tagger.tag(page_features(blocks, rules))
    doubts = [
        Disagreement(i, rule, mine, tagger.marginal(mine, i))
        for i, (mine, rule) in enumerate(zip(predicted, rules, strict=True))
        if mine != rule
    ]
    final = list(rules)
    for doubt in doubts:
        if doubt.overruled:
            final[doubt.index] = doubt.model
    return final, doubts
