"""Block-role labels for training: read from a page's blocks file, or derived from its report.

A labelled folder holds `X.txt` with `X.blocks.json` (one `{"article", "role"}` per block) or
`X.expected.json`; from an expected report the roles are recovered by matching each block's
characters against the report's title lines, captions, subheads and paragraphs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .block_model import label
from .gazetteer import default_gazetteer
from .layout import RawBlock, split_blocks
from .parse import rule_labels
from .text import CJK_RANGES
from .words import register_places

_NOT_TEXT = re.compile(f"[^0-9A-Za-z{CJK_RANGES}]")


def _norm(text: str) -> str:
    return _NOT_TEXT.sub("", text)


def _article_role(key: str, article: dict) -> str | None:
    if article.get("kicker") and key == _norm(article["kicker"]):
        return "kicker"
    if key == _norm(article["headline"]):
        return "headline"
    if key in {_norm(s) for s in article.get("subheadline", [])}:
        return "deck"
    for block in article["blocks"]:
        body = _norm(block["text"])
        if block["kind"] != "paragraph" and key == body:
            return block["kind"]
        if block["kind"] == "paragraph" and body.startswith(key):
            return "paragraph"
    if any(key in _norm(b["text"]) for b in article["blocks"] if b["kind"] == "paragraph"):
        return "continuation"
    if any(_norm(b["name"]) in key for b in article.get("bylines", [])):
        return "byline"
    return None


def _opens(key: str, article: dict) -> bool:
    first = article.get("kicker") or article["headline"]
    return key == _norm(first)


def labels_from_report(blocks: list[RawBlock], report: dict, *, source: str) -> list[str]:
    """The label of every block, found by matching it against the expected report."""
    articles = report["articles"]
    labels: list[str] = []
    current = -1
    for block in blocks:
        key = _norm(block.text)
        nxt = current + 1
        starts = nxt < len(articles) and _opens(key, articles[nxt])
        if starts:
            current = nxt
        role = _article_role(key, articles[current]) if current >= 0 else None
        if role is None:
            raise ValueError(f"{source}: line {block.first_line}: no role for block {key[:12]!r}")
        labels.append(label(role, starts_article=starts))
    return labels


def labels_from_blocks_file(blocks: list[RawBlock], rows: list[dict], *, source: str) -> list[str]:
    """The labels of a `.blocks.json` file, checked block for block against the page."""
    if len(rows) != len(blocks):
        raise ValueError(f"{source}: {len(rows)} labelled blocks, the page has {len(blocks)}")
    labels, previous = [], None
    for row in rows:
        labels.append(label(row["role"], starts_article=row["article"] != previous))
        previous = row["article"]
    return labels


def labelled_page(
    text_path: Path, report: dict | None = None
) -> tuple[list[RawBlock], list[str], list[str]]:
    """A page's blocks, the rules' labels for them and the true labels: from its blocks file,
    else from its report (given, or `X.expected.json` beside the page)."""
    stem = text_path.name.removesuffix(".txt")
    blocks = split_blocks(text_path.read_text(encoding="utf-8"))
    register_places(default_gazetteer())
    rules = rule_labels(blocks)[1]
    blocks_file = text_path.with_name(f"{stem}.blocks.json")
    if blocks_file.is_file():
        rows = json.loads(blocks_file.read_text(encoding="utf-8"))
        return blocks, rules, labels_from_blocks_file(blocks, rows, source=str(blocks_file))
    if report is None:
        report_file = text_path.with_name(f"{stem}.expected.json")
        report = json.loads(report_file.read_text(encoding="utf-8"))
    return blocks, rules, labels_from_report(blocks, report, source=str(text_path))


def labelled_folder(folder: Path) -> list[tuple[str, list[RawBlock], list[str], list[str]]]:
    """Every labelled page of a folder, sorted by name: (name, blocks, rule labels, labels)."""
    pages = []
    for text_path in sorted(folder.glob("*.txt")):
        stem = text_path.name.removesuffix(".txt")
        if any(
            text_path.with_name(f"{stem}{s}").is_file() for s in (".blocks.json", ".expected.json")
        ):
            pages.append((text_path.name, *labelled_page(text_path)))
    return pages
