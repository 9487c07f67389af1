"""What the loader takes (parsed pages) and gives back (each article's outcome)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from ..ingest.model import ParsedDocument

# Reasons shown to the operator when an article is left alone.
EDITED = "编辑已修改"
GONE = "该位置的稿件已不存在（可能已被编辑删除），未重建"
VANISHED = "新版本的版面中已没有这篇，保留原稿未删除"
DUPLICATE = "与本次载入的 {other} 内容完全相同"


class Action(StrEnum):
    """What a load does with one article."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"


ACTION_LABELS = {
    Action.CREATED: "新建",
    Action.UPDATED: "更新",
    Action.UNCHANGED: "未变",
    Action.SKIPPED: "跳过",
}


class LoadError(Exception):
    """A page that could not be saved; the whole run is rolled back."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True)
class SourcePage:
    """One page file to load: its identity, decoded text, parse and where it was printed."""

    path: str
    file_name: str
    sha256: str
    size: int
    text: str
    document: ParsedDocument
    edition_date: date | None = None
    page: str = ""


@dataclass(frozen=True)
class ArticleOutcome:
    """What a load did (or, dry, would do) with one article of a page."""

    path: str
    position: int
    headline: str
    action: Action
    reason: str = ""


@dataclass
class LoadReport:
    """Every article's outcome, in page order."""

    files: int = 0
    warnings: int = 0  # parse warnings on the run's pages
    outcomes: list[ArticleOutcome] = field(default_factory=list)

    def count(self, action: Action) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    def for_path(self, path: str) -> list[ArticleOutcome]:
        return [outcome for outcome in self.outcomes if outcome.path == path]
