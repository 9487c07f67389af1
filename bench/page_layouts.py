"""More training pages: tagged source articles laid out again as this paper's OCR pages.

A raw folder (`../shared/pages/raw`, see its README) holds one article a file, one printed block a
line, tagged `[KICKER] [HEADLINE] [DECK] [BYLINE-UNDER-HEADLINE] [CREDIT] [CAPTION] [P] [SUBHEAD]
[BYLINE] [SOURCE-LINE]`. `layouts()` deals the articles onto pages the way the development pages
were made: three or four blank lines before an article and before a caption, one between blocks,
stray spaces in title lines, paragraphs cut by column breaks (inside a word or after a comma, never
at a sentence end), captions moved into a paragraph, sometimes no blank lines at the top or an
indent. Each page comes with the label of every block (`X.blocks.json`), so it trains the block-role
model like a hand-labelled page. A fixed seed makes the same folder give the same pages.

The pages are written to a scratch folder and never kept: the texts belong to their publishers.
"""

from __future__ import annotations

import json
import random
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_TAG = re.compile(r"^\[([A-Z-]+)\]\s?(.*)$")
_ROLES = {
    "KICKER": "kicker",
    "HEADLINE": "headline",
    "DECK": "deck",
    "BYLINE-UNDER-HEADLINE": "byline",
    "CREDIT": "byline",
    "BYLINE": "byline",
    "CAPTION": "caption",
    "P": "paragraph",
    "SUBHEAD": "subhead",
}
# A column break never follows these (a sentence end or a quote closing one).
_NO_BREAK_AFTER = set("。！？!?…；;：:”’")
# Nor comes before a mark that closes what precedes it.
_NO_BREAK_BEFORE = set("。！？!?…；;：:”’，,、)）》")


@dataclass(frozen=True)
class RawArticle:
    name: str
    blocks: tuple[tuple[str, str], ...]  # (role, text) in printed order

    @property
    def headline(self) -> str:
        return next(text for role, text in self.blocks if role == "headline")


def read_raw(folder: Path) -> list[RawArticle]:
    """Every tagged article of a folder, sorted by file name; untagged and source lines dropped."""
    articles = []
    for path in sorted(folder.glob("*.txt")):
        blocks = []
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _TAG.match(line.strip())
            if match and match.group(1) in _ROLES and match.group(2).strip():
                blocks.append((_ROLES[match.group(1)], match.group(2).strip()))
        if any(role == "headline" for role, _ in blocks):
            articles.append(RawArticle(path.stem, tuple(blocks)))
    return articles


def same_title(text: str) -> str:
    """A headline as pages are compared: NFKC, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _stray_space(text: str, rng: random.Random) -> str:
    if len(text) < 6:
        return text
    at = rng.randrange(2, len(text) - 2)
    return f"{text[:at]} {text[at:]}" if " " not in text[at - 1 : at + 1] else text


def _break_points(text: str) -> list[int]:
    """Where a column may cut a paragraph: away from both ends, never after a sentence end."""
    return [
        i
        for i in range(12, len(text) - 8)
        if text[i - 1] not in _NO_BREAK_AFTER
        and text[i] not in _NO_BREAK_BEFORE
        and not text[i - 1].isspace()
    ]


def _article_blocks(article: RawArticle, rng: random.Random) -> list[tuple[str, str, int]]:
    """(role, text, blank lines before) for one article laid out; the first gap is the page's."""
    captions = [text for role, text in article.blocks if role == "caption"]
    moved = {text for text in captions if rng.random() < 0.5}
    kept = [(r, t) for r, t in article.blocks if not (r == "caption" and t in moved)]
    long = [i for i, (r, t) in enumerate(kept) if r == "paragraph" and len(t) > 40]
    homes: dict[int, list[str]] = {}
    for text in sorted(moved):
        if long:
            homes.setdefault(rng.choice(long), []).append(text)
        else:
            kept.append(("caption", text))
    gap = rng.choice((3, 4))
    out: list[tuple[str, str, int]] = []
    for i, (role, text) in enumerate(kept):
        if role in ("kicker", "headline") and rng.random() < 0.6:
            text = _stray_space(text, rng)
        if role == "caption":
            out.append((role, text, gap))
            continue
        inside = homes.get(i, [])
        points = _break_points(text) if role == "paragraph" else []
        if points and (inside or (len(text) > 60 and rng.random() < 0.3)):
            cut = rng.choice(points)
            out.append((role, text[:cut], 1))
            out += [("caption", caption, gap) for caption in inside]
            out.append(("continuation", text[cut:], 1))
        else:
            out.append((role, text, 1))
            out += [("caption", caption, gap) for caption in inside]
    return out


def lay_out(articles: list[RawArticle], rng: random.Random) -> tuple[str, list[dict]]:
    """One page of the given articles: its text and one label row per block."""
    lines: list[str] = []
    rows: list[dict] = []
    lead = rng.choice((0, 3, 3, 3))
    indent = "\u3000\u3000" if rng.random() < 0.1 else ""
    between = rng.choice((3, 4))
    for index, article in enumerate(articles):
        for j, (role, text, blank) in enumerate(_article_blocks(article, rng)):
            if j == 0:
                blank = lead if index == 0 else between
            lines += [""] * blank
            shown = indent + text if indent and role == "paragraph" else text
            lines.append(shown)
            rows.append({"article": index, "role": role, "text": text})
    text = "\n".join(lines) + ("\n" if rng.random() < 0.7 else "")
    return text, rows


def layouts(
    articles: list[RawArticle], count: int, *, seed: int = 20261202
) -> Iterable[tuple[str, list[dict]]]:
    """`count` pages of one to four articles each, dealt from the articles with a fixed seed."""
    rng = random.Random(seed)  # reproducible data, not secrets  # nosec B311
    if not articles:
        return
    for _ in range(count):
        k = min(len(articles), rng.choice((1, 2, 2, 3, 3, 4)))
        yield lay_out(rng.sample(articles, k), rng)


def write_layouts(
    articles: list[RawArticle], count: int, folder: Path, *, seed: int = 20261202
) -> int:
    """Write the pages as `gen_NNNN.txt` with `gen_NNNN.blocks.json`; return how many."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for n, (text, rows) in enumerate(layouts(articles, count, seed=seed), start=1):
        (folder / f"gen_{n:04d}.txt").write_text(text, encoding="utf-8")
        (folder / f"gen_{n:04d}.blocks.json").write_text(
            json.dumps(rows, ensure_ascii=False), encoding="utf-8"
        )
    return n


def training_pages(
    raw: Path, count: int, *, leave_out: set[str] = frozenset()
) -> list[tuple[list, list[str], list[str]]]:
    """(blocks, rule labels, labels) of `count` laid-out pages, built from the raw folder's
    articles except those whose headline (`same_title`) is in `leave_out`."""
    from articles.ingest.block_labels import labelled_folder

    articles = [a for a in read_raw(raw) if same_title(a.headline) not in leave_out]
    with tempfile.TemporaryDirectory(prefix="newsroom-layouts-") as tmp:
        write_layouts(articles, count, Path(tmp))
        return [page[1:] for page in labelled_folder(Path(tmp))]
