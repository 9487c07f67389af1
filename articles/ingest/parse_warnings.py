"""Parse warnings: what an editor should check on a page the parser read without failing.

Each check looks at the parsed articles (and, for the block-role model's doubts, at the page's
blocks) and never changes them: a warning is a pointer into the source file, not a repair. The
checks were kept only if they fire on some pages and stay quiet on most (docs/ingest.md has the
counts on ../shared/pages); a warning every page carries would teach editors to skip them all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .block_model import Disagreement, split_label
from .bylines import lenient_credit, parse_credit_line
from .gazetteer import Gazetteer
from .layout import RawBlock
from .model import ParsedArticle, ParseWarning
from .words import tagged

# Fewer body characters than this is a fragment, not an article: a title line or a caption the
# layout rules cut off from its text. Real briefs run to 30 characters and more.
SHORT_BODY_CHARS = 20
# Where the model and the rules disagree and the model is less sure than this of its own label,
# the block is worth a look: whether the model overruled the rules (at CONFIDENCE or more) or
# was not sure enough to.
SURE = 0.95
# District names are single dictionary words tagged as places (拱墅区); these place words
# name no district.
_PLACE_TAGS = ("ns", "nr")
_NOT_DISTRICTS = frozenset({"新城区", "老城区"})
# How far before 区 a district's name may start.
_NAME_REACH = 5
# OCR debris a repair leaves behind: symbols Chinese news text does not print (# and @ do, in
# hashtags and handles; ~ in ranges), the replacement character of an undecodable byte, and
# runs of the box OCR prints for characters it could not read.
_DEBRIS = re.compile(r"[\ufffd|^\\{}]|[\u25a0\u25a1]{2,}")
_ROLE_NAMES = {
    "kicker": "眉题",
    "headline": "标题",
    "deck": "副题",
    "byline": "署名",
    "paragraph": "正文段落",
    "continuation": "续段",
    "subhead": "小标题",
    "caption": "图片说明",
}


def page_warnings(
    *,
    articles: Sequence[ParsedArticle],
    article_blocks: Sequence[Sequence[RawBlock]],
    blocks: Sequence[RawBlock],
    labels: Sequence[str],
    doubts: Sequence[Disagreement],
    gazetteer: Gazetteer,
) -> list[ParseWarning]:
    """Every warning for one parsed page, in source-line order."""
    article_of = {
        block.first_line: article.position
        for article, own in zip(articles, article_blocks, strict=True)
        for block in own
    }
    role_at = {
        block.first_line: split_label(label)[0] for block, label in zip(blocks, labels, strict=True)
    }
    warnings: list[ParseWarning] = []
    for article, own in zip(articles, article_blocks, strict=True):
        warnings += _article_warnings(article, own, role_at, gazetteer)
    for doubt in doubts:
        if doubt.confidence >= SURE:
            continue
        block = blocks[doubt.index]
        rule, model = (_ROLE_NAMES[split_label(x)[0]] for x in (doubt.rule, doubt.model))
        if doubt.overruled:
            message = (
                f"模型把这块文字从“{rule}”改作“{model}”，把握不大（{doubt.confidence:.0%}），请核对"
            )
        else:
            message = f"这块文字按“{rule}”处理，但模型认为可能是“{model}”，请核对"
        warnings.append(
            ParseWarning(
                "uncertain_role", message, block.first_line, article_of.get(block.first_line)
            )
        )
    return sorted(warnings, key=lambda w: (w.line, w.code))


def _article_warnings(
    article: ParsedArticle, own: Sequence[RawBlock], role_at: dict[int, str], gazetteer: Gazetteer
) -> list[ParseWarning]:
    line, n = article.first_line, article.position
    found: list[ParseWarning] = []
    if not article.headline:
        found.append(ParseWarning("no_headline", "这篇稿件没有标题，请补上或检查分稿", line, n))
    if not article.bylines:
        found.append(ParseWarning("no_byline", "没有找到署名，请核对作者", line, n))
    # A photo story's text is its captions; any other article needs a body.
    body = sum(len(b.text) for b in article.blocks)
    if body < SHORT_BODY_CHARS and article.type != "photo_news":
        found.append(
            ParseWarning(
                "short_body",
                f"正文只有 {body} 个字，可能是分稿有误或正文缺失",
                line,
                n,
            )
        )
    found += _unread_bylines(own, role_at, n)
    found += _debris(article, own, n)
    found += _unknown_districts(article, own, gazetteer, n)
    return found


def _unread_bylines(own: Sequence[RawBlock], role_at: dict[int, str], n: int) -> list[ParseWarning]:
    """Blocks labelled byline that no credit grammar reads: they were kept as text."""
    return [
        ParseWarning(
            "unread_byline",
            "这一行像署名，但读不出人名，已按正文保留，请核对",
            block.first_line,
            n,
        )
        for block in own
        if role_at.get(block.first_line) == "byline"
        and not parse_credit_line(block.light, allow_bare=True)
        and not lenient_credit(block.light)
    ]


def _line_of(own: Sequence[RawBlock], needle: str, default: int) -> int:
    """The first source line of the block holding needle (spaces ignored)."""
    for block in own:
        if needle in block.light.replace(" ", ""):
            return block.first_line
    return default


def _texts(article: ParsedArticle) -> list[str]:
    titles = [t for t in (article.kicker, article.headline, *article.subheadline) if t]
    return titles + [block.text for block in article.blocks]


def _debris(article: ParsedArticle, own: Sequence[RawBlock], n: int) -> list[ParseWarning]:
    found = []
    for text in _texts(article):
        match = _DEBRIS.search(text)
        if match:
            line = _line_of(own, match.group(), article.first_line)
            found.append(
                ParseWarning(
                    "ocr_debris",
                    f"修复后仍有疑似识别错误的字符“{match.group()}”，请对照原版核对",
                    line,
                    n,
                )
            )
    return found


def _unknown_districts(
    article: ParsedArticle, own: Sequence[RawBlock], gazetteer: Gazetteer, n: int
) -> list[ParseWarning]:
    """Place words ending in 区 the gazetteer lacks: another city's district, or a misread one."""
    known = {d.name for d in gazetteer.districts} | {h.name for h in gazetteer.historical}
    unknown: dict[str, None] = {}
    for text in _texts(article):
        for name in _district_words(text):
            if name not in known and name not in _NOT_DISTRICTS:
                unknown[name] = None
    return [
        ParseWarning(
            "unknown_district",
            f"“{name}”不在上海的区名表里：外地稿件，或区名识别有误，请核对",
            _line_of(own, name, article.first_line),
            n,
        )
        for name in unknown
    ]


def _district_words(text: str):
    """Every place word ending in 区 (its segmenter tag says place or name), 3+ characters."""
    start = 0
    while (at := text.find("区", start)) >= 0:
        start = at + 1
        left = max(0, at - _NAME_REACH)
        # The word that ends on this 区, as the segmenter reads the few characters before it.
        for word, tag in tagged(text[left : at + 1])[-1:]:
            if len(word) >= 3 and tag.startswith(_PLACE_TAGS):
                yield word
