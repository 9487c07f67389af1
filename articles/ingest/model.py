"""The parsed shape of a page: documents, articles and their parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["paragraph", "subhead", "caption"]
BylinePosition = Literal["under_headline", "end"]
ArticleType = Literal["news", "feature", "commentary", "photo_news"]


@dataclass(frozen=True, slots=True)
class Block:
    """One body block in reading order."""

    kind: BlockKind
    text: str


@dataclass(frozen=True, slots=True)
class BylineEntry:
    """A credited author, with the role printed before the name."""

    name: str
    role: str | None
    position: BylinePosition


@dataclass(frozen=True, slots=True)
class Mention:
    """A person named in the article, with the title printed next to them."""

    name: str
    title: str | None


@dataclass(frozen=True, slots=True)
class ProgramRef:
    """A special-report series and this article's installment of it."""

    name: str
    installment: str | None
    installment_title: str | None


@dataclass(slots=True)
class ParsedArticle:
    """One article of a page, repaired and with its entities."""

    position: int
    kicker: str | None
    headline: str
    subheadline: list[str]
    type: ArticleType
    bylines: list[BylineEntry]
    blocks: list[Block]
    photo_credits: list[str]
    districts: list[str]
    subdistricts: list[str]
    people: list[Mention]
    program: ProgramRef | None
    raw_text: str
    first_line: int


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """Something on a page an editor should check: what, in Chinese, and where in the file."""

    code: str
    message: str
    line: int
    article: int | None  # the article's position on the page; None for the page itself


@dataclass(slots=True)
class ParsedDocument:
    """All articles of one source page, and what the parser was unsure of."""

    source: str
    sha256: str
    articles: list[ParsedArticle] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
