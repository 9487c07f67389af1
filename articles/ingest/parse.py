"""Entry point: one OCR page of text in, structured articles out."""

from __future__ import annotations

from dataclasses import dataclass, field

from .body import DANGLING_END, BodyItem, assemble_body
from .bylines import (
    CREDIT_MAX_CHARS,
    DATELINE,
    Credit,
    caption_credits,
    closing_credit,
    credit_bylines,
    dateline_credit,
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
from .model import BylineEntry, ParsedArticle, ParsedDocument
from .people import find_people
from .programs import find_program
from .repair import CONTINUATION_START, ends_sentence
from .text import is_cjk
from .titles import split_titles
from .words import register_places, splits_word

MAX_TITLE_LINES = 5
# Marks a block may stop on when its sentence carries on past a caption.
_OPEN_END = "，、；：—“‘《（(,;:"
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


def _starts_article(section: list[RawBlock], previous: _Draft) -> bool:
    """After a wide gap: a new article opens with title lines, else it is a photo caption."""
    first = _light(section[0])
    if is_caption_like(first) or not is_title_like(first):
        return False
    # A lone short block, or one that interrupts an unfinished sentence, is a caption.
    if len(section) < 2 or _ends_open(previous):
        return False
    return not _continues_previous(section, previous)


def _is_more_title(text: str, following: str | None) -> bool:
    """A line after the headline is a title line only if body text follows and it ends cleanly."""
    if following is None or not is_title_like(text) or is_caption_like(text):
        return False
    if text.endswith(("：", ":")) or text[-1] in DANGLING_END:
        return False
    # A body paragraph broken by a column: the next block carries on its sentence.
    return not (following[0] in CONTINUATION_START or splits_word(text, following))


def _title_zone(own: list[RawBlock]) -> tuple[list[str], list[Credit], int]:
    """Title lines and credits under the headline; returns where the body starts."""
    if not own or not is_title_like(_light(own[0])) or is_caption_like(_light(own[0])):
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


def _body_items(draft: _Draft, start: int) -> list[tuple[str, RawBlock]]:
    """Body blocks tagged text or caption."""
    items = [(_kind(b), b) for b in draft.own[start:]]
    for section in draft.attached:
        first = _light(section[0])
        credit = _is_credit(first, allow_bare=False)
        # `X报记者 Y 摄` after a wide gap with more after it sits under a photo: its caption.
        # Closing the article, it is the photographer's byline.
        closes = len(section) == 1 and section is draft.attached[-1]
        if (credit and (closes or not credit.photo_only)) or compact_len(first) > CAPTION_MAX_CHARS:
            items.append(("text", section[0]))
            items += [(_kind(b), b) for b in section[1:]]
            continue
        rest = section[1:]
        caption = section[0]
        credit = _is_credit(_light(rest[0]), allow_bare=False) if rest else None
        if credit and credit.photo:
            # `本报记者 X 摄` on its own line under a caption credits that photo.
            caption = RawBlock(
                f"{caption.text} {rest[0].text}",
                caption.first_line,
                rest[0].last_line,
                caption.blank_before,
            )
            rest = rest[1:]
        items.append(("caption", caption))
        items += [(_kind(b), b) for b in rest]
    return items


def _build(draft: _Draft, position: int, lines: list[str], gazetteer: Gazetteer) -> ParsedArticle:
    title_lines, top_credits, start = _title_zone(draft.own)
    titles = split_titles(title_lines)
    items = _body_items(draft, start)
    text_indexes = [i for i, (kind, _) in enumerate(items) if kind == "text"]
    bylines: list[BylineEntry] = []
    photo_credits: list[str] = []
    for credit in top_credits:
        bylines += credit_bylines(credit, "under_headline")
    end_credits: list[Credit] = []
    body: list[BodyItem] = []
    seen_body = False
    for i, (kind, block) in enumerate(items):
        text = _light(block)
        if kind == "text":
            credit = _is_credit(text, allow_bare=i == text_indexes[-1])
            if credit:
                position_name = "end" if seen_body else "under_headline"
                bylines += credit_bylines(credit, position_name)
                end_credits.append(credit)
                continue
            run_on = run_on_credit(text) if i == text_indexes[-1] else None
            if run_on:
                text, credit = run_on
                bylines += credit_bylines(credit, "end")
                end_credits.append(credit)
        seen_body = True  # a caption counts: a credit after it closes a photo story
        body.append(BodyItem(kind, text))  # type: ignore[arg-type]
    # The dateline opens the report, after an editor's note when there is one.
    openings = [item.text for item in body if item.kind == "text"][:DATELINE_BLOCKS]
    dateline = next(filter(None, map(dateline_credit, openings)), None)
    if dateline:
        bylines[len(top_credits) :] = (
            credit_bylines(dateline, "under_headline") + bylines[len(top_credits) :]
        )
    blocks = assemble_body(body)
    last_paragraph = next((b.text for b in reversed(blocks) if b.kind == "paragraph"), "")
    closing = None if end_credits else closing_credit(last_paragraph)
    if closing:
        bylines += credit_bylines(closing, "end")
    credits = [*top_credits, *end_credits, *(c for c in (dateline, closing) if c)]
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
    all_blocks = draft.blocks()
    first_line, last_line = all_blocks[0].first_line, all_blocks[-1].last_line
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


def parse_document(
    text: str, *, source: str, sha256: str = "", gazetteer: Gazetteer | None = None
) -> ParsedDocument:
    """Parse one decoded page into its articles; SourceError when none is recognisable."""
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
    register_places(gazetteer)
    blocks = split_blocks(text)
    if not blocks:
        raise SourceError(
            "the page holds no text", source=source, hint="check the OCR output for this page"
        )
    drafts: list[_Draft] = []
    for section in split_sections(blocks):
        if drafts and not _starts_article(section, drafts[-1]):
            drafts[-1].attached.append(section)
        else:
            drafts.append(_Draft(section))
    lines = text.split("\n")
    articles = [_build(draft, i, lines, gazetteer) for i, draft in enumerate(drafts)]
    if not any(article.headline for article in articles):
        raise SourceError(
            "no recognisable article: no block looks like a headline",
            source=source,
            line=blocks[0].first_line,
            hint="articles must open with short title lines, a blank line before the body",
        )
    return ParsedDocument(source=source, sha256=sha256, articles=articles)
