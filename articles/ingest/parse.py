"""Entry point: one OCR page of text in, structured articles out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .block_model import MODEL_PATH, label, overrule_with_doubts, split_label
from .body import BodyItem, assemble_body, item_roles
from .bylines import (
    CREDIT_MAX_CHARS,
    DATELINE,
    Credit,
    caption_credits,
    closing_credit,
    credit_bylines,
    dateline_credit,
    lenient_credit,
    parse_credit_line,
    run_on_credit,
)
from .classify import classify
from .entities import find_places
from .errors import SourceError
from .gazetteer import Gazetteer, default_gazetteer
from .layout import (
    RawBlock,
    compact_len,
    is_caption_like,
    is_title_like,
    split_blocks,
    split_sections,
)
from .lexicon import DANGLING_END
from .model import BylineEntry, ParsedArticle, ParsedDocument
from .parse_warnings import page_warnings
from .people import find_people
from .programs import find_program
from .repair import CONTINUATION_START, ends_sentence, repair_title
from .text import is_cjk
from .titles import Titles, split_titles
from .words import register_places, splits_word

MAX_TITLE_LINES = 5
# Marks a block may stop on when its sentence carries on past a caption.
_OPEN_END = "，、；：—“‘《（(,;:"
# The longest line the page may open with and still be a title line (a long kicker).
PAGE_TOP_TITLE_MAX_CHARS = 60
# A block after a wide gap that is longer than this is body text, not a caption.
CAPTION_MAX_CHARS = 150
# How many text blocks from the top a dateline credit may open: after an editor's note, which
# a column break may split in two.
DATELINE_BLOCKS = 3


@dataclass(slots=True)
class _Draft:
    """An article's own blocks plus sections (captions, continuations) that belong to it."""

    own: list[RawBlock]
    attached: list[list[RawBlock]] = field(default_factory=list)

    def blocks(self) -> list[RawBlock]:
        return self.own + [block for section in self.attached for block in section]


def _light(block: RawBlock) -> str:
    """Block text with punctuation restored, enough to judge its shape."""
    return block.light


def _is_credit(text: str, *, allow_bare: bool) -> Credit | None:
    return parse_credit_line(text, allow_bare=allow_bare) if len(text) <= CREDIT_MAX_CHARS else None


def _ends_open(draft: _Draft) -> bool:
    """True when the draft's last text block stops mid-sentence (a caption interrupted it)."""
    start = _title_zone(draft.own)[2]
    body = draft.own[start:] + [block for section in draft.attached for block in section]
    for block in reversed(body):
        text = _light(block)
        # A credit closes the article, even a photographer's (`… 摄`, caption-like), and
        # one run on after the last sentence.
        if _is_credit(text, allow_bare=True):
            return False
        if is_caption_like(text):
            continue
        if run_on_credit(text):
            return False
        return not ends_sentence(text) and _mid_clause(text)
    return False


def _mid_clause(text: str) -> bool:
    """True when text stops inside a clause (on a character or a comma), not on a phone
    number, a time or a closing bracket such as （完） that end an article without a full stop."""
    last = text[-1]
    return is_cjk(last) or last in _OPEN_END


def _has_credit(draft: _Draft) -> bool:
    """True when the draft names an author anywhere: under the headline, dateline or end."""
    blocks = draft.blocks()
    if _title_zone(draft.own)[1]:
        return True
    return any(DATELINE.match(_light(b)) or _is_credit(_light(b), allow_bare=False) for b in blocks)


def _continues_previous(section: list[RawBlock], previous: _Draft) -> bool:
    """A one-line "headline" over plain paragraphs that end in the byline the article above
    lacks: an unmarked caption between two paragraphs of that article, not a new article."""
    first, second, last = (_light(section[i]) for i in (0, 1, -1))
    if first[-1] in "！？!?" or section[0].first_line != section[0].last_line:
        return False
    if is_title_like(second) or DATELINE.match(second) or _is_credit(second, allow_bare=True):
        return False
    if len(section) < 3 or not _is_credit(last, allow_bare=False):
        return False
    previous_text = [b for b in previous.blocks() if not is_title_like(_light(b))]
    return len(previous_text) >= 2 and not _has_credit(previous)


def _starts_article(
    section: list[RawBlock], previous: _Draft, following: list[RawBlock] | None
) -> bool:
    """After a wide gap: a new article opens with title lines, else it is a photo caption."""
    first = _light(section[0])
    if is_caption_like(first) or not is_title_like(first) or _ends_open(previous):
        return False
    # A lone short block is a caption, unless marked captions follow it: a headline with its
    # photos printed under it (图片说明：…) before the text.
    if len(section) < 2:
        return following is not None and is_caption_like(_light(following[0]))
    return not _continues_previous(section, previous)


def _is_more_title(text: str, following: str | None) -> bool:
    """A line after the headline is a title line only if body text follows and it ends cleanly."""
    if following is None or not is_title_like(text) or is_caption_like(text):
        return False
    if text.endswith(("：", ":")) or text[-1] in DANGLING_END or _is_speech(text):
        return False
    # A body paragraph broken by a column: the next block carries on its sentence.
    return not (following[0] in CONTINUATION_START or splits_word(text, following))


def _opens_page(own: list[RawBlock]) -> bool:
    """The page's first block is a title line even when longer than most (a long kicker) if
    it has no full stop and a title-like line follows: every article opens with titles."""
    first = _light(own[0])
    return (
        len(own) > 1
        and "。" not in first
        and compact_len(first) <= PAGE_TOP_TITLE_MAX_CHARS
        and is_title_like(_light(own[1]))
    )


def _is_speech(text: str) -> bool:
    """A whole quoted utterance (“各位居民，…，…”) opens the text; a title quotes a phrase."""
    return text.startswith("“") and text.endswith("”") and text.count("，") >= 2


def _title_zone(
    own: list[RawBlock], *, page_top: bool = False
) -> tuple[list[str], list[Credit], int]:
    """Title lines and credits under the headline; returns where the body starts."""
    if not own or is_caption_like(_light(own[0])):
        return [], [], 0
    if not is_title_like(_light(own[0])) and not (page_top and _opens_page(own)):
        return [], [], 0
    titles, credits, i = [own[0].text], [], 1
    while i < len(own):
        text = _light(own[i])
        following = _light(own[i + 1]) if i + 1 < len(own) else None
        credit = _is_credit(text, allow_bare=not credits)
        if credit:
            credits.append(credit)
        elif credits or len(titles) >= MAX_TITLE_LINES or not _is_more_title(text, following):
            break
        else:
            titles.append(own[i].text)
        i += 1
    return titles, credits, i


def _kind(block: RawBlock) -> str:
    """Caption or text; a bare credit line such as `新华社记者 X 摄` is a byline, not a caption."""
    text = _light(block)
    if is_caption_like(text) and not _is_credit(text, allow_bare=False):
        return "caption"
    return "text"


def _body_items(draft: _Draft, start: int) -> list[tuple[str, list[RawBlock]]]:
    """Body blocks tagged text or caption; a caption may carry its credit line's block too."""
    items = [(_kind(b), [b]) for b in draft.own[start:]]
    for section in draft.attached:
        first = _light(section[0])
        credit = _is_credit(first, allow_bare=False)
        # `X报记者 Y 摄` after a wide gap with more after it sits under a photo: its caption.
        # Closing the article, it is the photographer's byline.
        closes = len(section) == 1 and section is draft.attached[-1]
        if (credit and (closes or not credit.photo_only)) or compact_len(first) > CAPTION_MAX_CHARS:
            items.append(("text", [section[0]]))
            items += [(_kind(b), [b]) for b in section[1:]]
            continue
        rest = section[1:]
        caption = [section[0]]
        credit = _is_credit(_light(rest[0]), allow_bare=False) if rest else None
        if credit and credit.photo:
            # `本报记者 X 摄` on its own line under a caption credits that photo.
            caption.append(rest[0])
            rest = rest[1:]
        items.append(("caption", caption))
        items += [(_kind(b), [b]) for b in rest]
    return items


@dataclass(slots=True)
class _Parts:
    """An article's blocks sorted into title lines, credits and body items with their roles."""

    blocks: list[RawBlock]
    titles: Titles
    top_credits: list[Credit] = field(default_factory=list)
    end_credits: list[Credit] = field(default_factory=list)
    body: list[BodyItem] = field(default_factory=list)
    body_roles: list[str] = field(default_factory=list)


def _rule_parts(draft: _Draft, *, page_top: bool) -> tuple[_Parts, list[str]]:
    """The rules' reading of one draft, and the role they give each of its blocks."""
    title_lines, top_credits, start = _title_zone(draft.own, page_top=page_top)
    titles = split_titles(title_lines)
    roles = ["kicker"] if titles.kicker else []
    roles += ["headline"] + ["deck"] * (len(title_lines) - len(roles) - 1) if title_lines else []
    roles += ["byline"] * (start - len(title_lines))
    parts = _Parts(draft.blocks(), titles, top_credits)
    items = _body_items(draft, start)
    last_text = max((i for i, (kind, _) in enumerate(items) if kind == "text"), default=-1)
    seen_body = False
    placed: list[tuple[str | None, list[RawBlock]]] = []  # byline, or None for a body item
    for i, (kind, item_blocks) in enumerate(items):
        text = " ".join(_light(b) for b in item_blocks)
        if kind == "text":
            credit = _is_credit(text, allow_bare=i == last_text)
            if credit:
                (parts.end_credits if seen_body else parts.top_credits).append(credit)
                placed.append(("byline", item_blocks))
                continue
            run_on = run_on_credit(text) if i == last_text else None
            if run_on:
                text, credit = run_on
                parts.end_credits.append(credit)
        seen_body = True  # a caption counts: a credit after it closes a photo story
        parts.body.append(BodyItem(kind, text))  # type: ignore[arg-type]
        placed.append((None, item_blocks))
    parts.body_roles = item_roles(parts.body)
    body_roles = iter(parts.body_roles)
    for role, item_blocks in placed:
        roles += [role or next(body_roles)] * len(item_blocks)
    return parts, roles


_TITLE_ROLES = frozenset({"kicker", "headline", "deck"})


def _labelled_parts(blocks: list[RawBlock], roles: list[str]) -> _Parts:
    """One article's parts read off the block roles the model gave it."""
    kicker: list[str] = []
    heads: list[str] = []
    decks: list[str] = []
    parts = _Parts(blocks, Titles())
    for block, role in zip(blocks, roles, strict=True):
        text = _light(block)
        in_titles = not parts.body and not parts.end_credits
        if role in _TITLE_ROLES and in_titles and not parts.top_credits:
            {"kicker": kicker, "headline": heads, "deck": decks}[role].append(block.text)
            continue
        if role == "caption" and parts.body_roles[-1:] == ["caption"]:
            credit = _is_credit(text, allow_bare=False)
            if credit and credit.photo:
                # `本报记者 X 摄` on its own line under a caption credits that photo.
                parts.body[-1] = BodyItem("caption", f"{parts.body[-1].text} {text}")
                continue
        if role == "byline":
            credit = parse_credit_line(text, allow_bare=True) or lenient_credit(text)
            if credit:
                (parts.top_credits if in_titles else parts.end_credits).append(credit)
                continue
            # Not readable as names: a title line under the headline, else body text.
            if in_titles and heads and not parts.top_credits:
                decks.append(block.text)
                continue
            role = "paragraph"
        kind = "caption" if role == "caption" else "text"
        if role in _TITLE_ROLES:
            role = "paragraph"
        parts.body.append(BodyItem(kind, text))  # type: ignore[arg-type]
        parts.body_roles.append(role)
    texts = [i for i, item in enumerate(parts.body) if item.kind == "text"]
    if texts and not parts.end_credits:
        run_on = run_on_credit(parts.body[texts[-1]].text)
        if run_on:
            parts.body[texts[-1]] = BodyItem("text", run_on[0])
            parts.end_credits.append(run_on[1])
    if not heads:
        heads, kicker = (kicker, []) if kicker and not decks else (decks[:1], kicker)
        decks = decks[1:] if heads and heads == decks[:1] else decks
    titles = split_titles([*kicker, *heads, *decks]) if heads else Titles()
    if heads and (kicker or len(heads) + len(decks) > 1):
        titles = Titles(
            repair_title(" ".join(kicker)) if kicker else None,
            repair_title(" ".join(heads)),
            [repair_title(line) for line in decks],
        )
    parts.titles = titles
    return parts


def _build(parts: _Parts, position: int, lines: list[str], gazetteer: Gazetteer) -> ParsedArticle:
    titles, top_credits = parts.titles, parts.top_credits
    bylines: list[BylineEntry] = []
    for credit in top_credits:
        bylines += credit_bylines(credit, "under_headline")
    seen_body = bool(parts.body)
    for credit in parts.end_credits:
        bylines += credit_bylines(credit, "end" if seen_body else "under_headline")
    body = parts.body
    # The dateline opens the report, after an editor's note when there is one.
    openings = [item.text for item in body if item.kind == "text"][:DATELINE_BLOCKS]
    dateline = next(filter(None, map(dateline_credit, openings)), None)
    if dateline:
        bylines[len(top_credits) :] = (
            credit_bylines(dateline, "under_headline") + bylines[len(top_credits) :]
        )
    blocks = assemble_body(body, parts.body_roles)
    last_paragraph = next((b.text for b in reversed(blocks) if b.kind == "paragraph"), "")
    closing = None if parts.end_credits else closing_credit(last_paragraph)
    if closing:
        bylines += credit_bylines(closing, "end")
    credits = [*top_credits, *parts.end_credits, *(c for c in (dateline, closing) if c)]
    photo_credits: list[str] = []
    for credit in credits:
        photo_credits += credit.photographers()
    for item in body:
        if item.kind == "caption":
            photo_credits += caption_credits(item.text)
    photo_credits = list(dict.fromkeys(photo_credits))
    # A 讲述人 credit's description (…村党总支书记) names places too.
    described = [credit.description for credit in top_credits if credit.description]
    texts = [*titles.lines(), *described, *(block.text for block in blocks)]
    districts, subdistricts = find_places(texts, gazetteer)
    exclude = {entry.name for entry in bylines} | set(photo_credits)
    # A profile's subheadline (——记…党总支书记何蓉) names its subject with a title.
    people = find_people(texts, exclude)
    paragraphs = "".join(block.text for block in blocks if block.kind == "paragraph")
    first_line, last_line = parts.blocks[0].first_line, parts.blocks[-1].last_line
    return ParsedArticle(
        position=position,
        kicker=titles.kicker,
        headline=titles.headline,
        subheadline=titles.subheadline,
        type=classify(
            kicker=titles.kicker,
            blocks=blocks,
            top_bylines=[b for c in top_credits for b in credit_bylines(c, "under_headline")],
            has_dateline=dateline is not None,
            photo_bylines_only=bool(credits) and all(c.photo_only for c in credits),
        ),
        bylines=bylines,
        blocks=blocks,
        photo_credits=photo_credits,
        districts=districts,
        subdistricts=subdistricts,
        people=people,
        program=find_program(titles, paragraphs),
        raw_text="\n".join(lines[first_line - 1 : last_line]),
        first_line=first_line,
    )


def _rule_drafts(blocks: list[RawBlock]) -> list[_Draft]:
    """The rules' articles: sections after wide gaps either open one or attach to the last."""
    drafts: list[_Draft] = []
    sections = split_sections(blocks)
    for n, section in enumerate(sections):
        following = sections[n + 1] if n + 1 < len(sections) else None
        if drafts and not _starts_article(section, drafts[-1], following):
            drafts[-1].attached.append(section)
        else:
            drafts.append(_Draft(section))
    return drafts


def rule_labels(blocks: list[RawBlock]) -> tuple[list[_Parts], list[str]]:
    """The rules' articles and the label (B-/I-role) they give every block, in page order."""
    all_parts: list[_Parts] = []
    by_line: dict[int, str] = {}
    for n, draft in enumerate(_rule_drafts(blocks)):
        parts, roles = _rule_parts(draft, page_top=n == 0)
        all_parts.append(parts)
        ordered = draft.blocks()
        for i, (block, role) in enumerate(zip(ordered, roles, strict=True)):
            by_line[block.first_line] = label(role, starts_article=i == 0)
    return all_parts, [by_line[block.first_line] for block in blocks]


def _labelled_articles(blocks: list[RawBlock], labels: list[str]) -> list[_Parts]:
    """Cut the page at every block the model opens an article with, and read each article."""
    groups: list[tuple[list[RawBlock], list[str]]] = []
    for block, text in zip(blocks, labels, strict=True):
        role, starts = split_label(text)
        if starts or not groups:
            groups.append(([], []))
        groups[-1][0].append(block)
        groups[-1][1].append(role)
    return [_labelled_parts(group, roles) for group, roles in groups]


def parse_document(
    text: str,
    *,
    source: str,
    sha256: str = "",
    gazetteer: Gazetteer | None = None,
    model: Path | None = MODEL_PATH,
) -> ParsedDocument:
    """Parse one decoded page into its articles; SourceError when none is recognisable.

    The rules read the page first; the block-role model (`model`, None for the rules alone)
    then weighs their reading with the blocks' own signals and has the last word on where each
    article starts and what every block is."""
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
    register_places(gazetteer)
    blocks = split_blocks(text)
    if not blocks:
        raise SourceError("版面上没有文字", source=source, hint="检查这一版的 OCR 输出")
    parts, labels = rule_labels(blocks)
    final, doubts = (
        overrule_with_doubts(blocks, labels, model) if model is not None else (labels, [])
    )
    if final != labels:
        # The model changed a label: read the articles again from the labels. Where it agrees
        # with the rules (most pages), their articles stand as read.
        parts = _labelled_articles(blocks, final)
    lines = text.split("\n")
    articles = [_build(p, i, lines, gazetteer) for i, p in enumerate(parts)]
    if not any(article.headline for article in articles):
        raise SourceError(
            "认不出稿件：没有一块文字像标题",
            source=source,
            line=blocks[0].first_line,
            hint="稿件应以简短的标题行开头，正文前空一行",
        )
    warnings = page_warnings(
        articles=articles,
        article_blocks=[p.blocks for p in parts],
        blocks=blocks,
        labels=final,
        doubts=doubts,
        gazetteer=gazetteer,
    )
    return ParsedDocument(source=source, sha256=sha256, articles=articles, warnings=warnings)
