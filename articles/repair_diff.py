"""What the loader repaired: a character diff of an article's raw OCR and its repaired text.

The proofreader reads both side by side. The diff is computed on the server and every piece of
text is escaped before it is wrapped in a highlight, so OCR text can never become markup.
"""

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .models import Article

# Segment kinds: text both sides share, and what the loader did.
SAME, SPACE, JOIN, PUNCT, REMOVED, ADDED = "same", "space", "join", "punct", "removed", "added"
LABELS = {
    SPACE: "去掉的空格",
    JOIN: "接续的断行",
    PUNCT: "恢复的标点",
    REMOVED: "删去的文字",
    ADDED: "添加的文字",
}
# The counts the legend reports, in order: the three repairs the loader makes.
REPAIRS = (SPACE, PUNCT, JOIN)


@dataclass
class RepairDiff:
    """The raw and the repaired text as (kind, text) segments, and how many repairs of each kind."""

    raw: list[tuple[str, str]] = field(default_factory=list)
    clean: list[tuple[str, str]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)


def _is_punctuation(text: str) -> bool:
    return bool(text) and all(unicodedata.category(c).startswith("P") for c in text)


def _removed_kind(text: str) -> str:
    if text.isspace():
        return JOIN if "\n" in text else SPACE
    return PUNCT if _is_punctuation(text) else REMOVED


def _added_kind(text: str) -> str:
    return PUNCT if _is_punctuation(text) else ADDED


def _append(segments: list[tuple[str, str]], kind: str, text: str) -> None:
    """Add a segment, joining it to the last one if they are the same kind of text."""
    if segments and segments[-1][0] == kind:
        segments[-1] = (kind, segments[-1][1] + text)
    else:
        segments.append((kind, text))


def repair_diff(raw: str, clean: str) -> RepairDiff:
    """Character diff of raw OCR against repaired text, each change named for the repair it is."""
    diff = RepairDiff()
    # autojunk off: in Chinese text the common characters (的, ，) are content, not noise.
    matcher = SequenceMatcher(None, raw, clean, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _append(diff.raw, SAME, raw[i1:i2])
            _append(diff.clean, SAME, clean[j1:j2])
            continue
        if i2 > i1:
            kind = _removed_kind(raw[i1:i2])
            _append(diff.raw, kind, raw[i1:i2])
            diff.counts[kind] += 1
        if j2 > j1:
            kind = _added_kind(clean[j1:j2])
            _append(diff.clean, kind, clean[j1:j2])
            # A replaced punctuation mark is one repair, counted once.
            if not (kind == PUNCT and i2 > i1 and _is_punctuation(raw[i1:i2])):
                diff.counts[kind] += 1
    return diff


def repaired_text(article: Article) -> str:
    """The article's text as the loader laid it out: title lines, then each text block."""
    lines = [article.kicker, article.headline, *article.subheadline]
    lines += [block["text"] for block in article.body if block.get("text")]
    return "\n\n".join(line for line in lines if line)


def _segments_html(segments: list[tuple[str, str]]) -> SafeString:
    parts = [
        escape(text)
        if kind == SAME
        else format_html(
            '<mark class="repair repair-{}" title="{}">{}</mark>', kind, LABELS[kind], text
        )
        for kind, text in segments
    ]
    return mark_safe("".join(parts))  # noqa: S308 -- every part is escaped above  # nosec B308 B703


def repair_comparison_html(article: Article) -> SafeString:
    """Raw OCR beside the repaired text, the loader's repairs highlighted, with a legend."""
    diff = repair_diff(article.source_text, repaired_text(article))
    legend = "，".join(f"{LABELS[kind]} {diff.counts[kind]} 处" for kind in REPAIRS)
    return format_html(
        '<p class="repair-legend">{}</p><div class="provenance-compare">'
        '<section><h4>OCR 原文</h4><pre class="repair-text">{}</pre></section>'
        '<section><h4>修复后的正文</h4><pre class="repair-text">{}</pre></section></div>',
        legend,
        _segments_html(diff.raw),
        _segments_html(diff.clean),
    )
