"""Deciding what a load does: which stored page each file is, and each article's action."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..models import Article, SourceDocument
from .content import Places, Resolved, content_checksum, resolve, stored_content
from .model import DUPLICATE, EDITED, GONE, VANISHED, Action, SourcePage


@dataclass
class ArticlePlan:
    """One article's decided action, with what to write."""

    position: int
    headline: str
    action: Action
    reason: str = ""
    resolved: Resolved | None = None
    article_id: int | None = None
    article: Article | None = None  # read in full when its source changed


@dataclass
class PagePlan:
    """One file's stored page (if any) and its articles' plans."""

    page: SourcePage
    document: SourceDocument | None  # the row this page reuses: same file, or corrected page
    same_file: bool
    articles: list[ArticlePlan] = field(default_factory=list)


def _chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing_documents(pages: list[SourcePage]) -> list[SourceDocument]:
    """Every stored page that one of these pages could be (same sha256, file name or edition)."""
    fields = ("id", "file_name", "sha256", "edition_date", "page")
    shas = sorted({p.sha256 for p in pages})
    names = sorted({p.file_name for p in pages})
    dates = sorted({p.edition_date for p in pages if p.edition_date})
    found: dict[int, SourceDocument] = {}
    for chunk in _chunks(shas):
        found |= {d.pk: d for d in SourceDocument.objects.filter(sha256__in=chunk).only(*fields)}
    for chunk in _chunks(names):
        found |= {d.pk: d for d in SourceDocument.objects.filter(file_name__in=chunk).only(*fields)}
    for chunk in _chunks(dates):
        found |= {
            d.pk: d for d in SourceDocument.objects.filter(edition_date__in=chunk).only(*fields)
        }
    return sorted(found.values(), key=lambda d: -d.pk)


def _agrees(value, other) -> bool:
    """Known values must be equal; an unknown one agrees with anything."""
    return not value or not other or value == other


def _match_document(page: SourcePage, documents: list[SourceDocument], claimed: set[int]):
    """The stored page this file is, or is a corrected version of (newest first); else None."""
    for document in documents:
        if document.sha256 == page.sha256:
            return document
    for document in documents:
        if document.pk in claimed:
            continue
        same_edition = (
            page.edition_date
            and page.page
            and document.edition_date == page.edition_date
            and document.page == page.page
        )
        same_name = (
            document.file_name == page.file_name
            and _agrees(document.edition_date, page.edition_date)
            and _agrees(document.page, page.page)
        )
        if same_edition or same_name:
            return document
    return None


def make_plan(pages: list[SourcePage], places: Places, *, lock: bool) -> list[PagePlan]:
    """Match each file to its stored page and decide every article's action (reads only)."""
    documents = _existing_documents(pages)
    plans: list[PagePlan] = []
    claimed: set[int] = set()
    first_of_sha: dict[str, str] = {}
    for page in pages:
        if page.sha256 in first_of_sha:
            plans.append(_duplicate_plan(page, first_of_sha[page.sha256]))
            continue
        first_of_sha[page.sha256] = page.path
        document = _match_document(page, documents, claimed)
        if document is not None:
            claimed.add(document.pk)
        plans.append(
            PagePlan(
                page=page,
                document=document,
                same_file=document is not None and document.sha256 == page.sha256,
            )
        )
    _plan_articles(plans, places, lock=lock)
    return plans


def _duplicate_plan(page: SourcePage, other: str) -> PagePlan:
    plan = PagePlan(page=page, document=None, same_file=True)
    for parsed in page.document.articles:
        plan.articles.append(
            ArticlePlan(
                position=parsed.position,
                headline=parsed.headline,
                action=Action.SKIPPED,
                reason=DUPLICATE.format(other=other),
            )
        )
    return plan


def _plan_articles(plans: list[PagePlan], places: Places, *, lock: bool) -> None:
    """Decide each article's action; only articles whose source changed are read in full."""
    document_ids = [plan.document.pk for plan in plans if plan.document is not None]
    stored: dict[int, dict[int, tuple[int, str]]] = defaultdict(dict)
    for chunk in _chunks(document_ids):
        rows = Article.objects.filter(source_document_id__in=chunk).values_list(
            "source_document_id", "source_position", "pk", "source_checksum"
        )
        for document_id, position, pk, checksum in rows:
            stored[document_id][position] = (pk, checksum)

    to_compare: list[ArticlePlan] = []
    for plan in plans:
        if plan.articles:  # a duplicate file, already decided
            continue
        existing = stored.get(plan.document.pk, {}) if plan.document else {}
        positions = set()
        for parsed in plan.page.document.articles:
            positions.add(parsed.position)
            resolved = resolve(parsed, places)
            item = ArticlePlan(
                position=parsed.position,
                headline=resolved.content["headline"],
                action=Action.CREATED,
                resolved=resolved,
            )
            if parsed.position in existing:
                item.article_id, checksum = existing[parsed.position]
                if checksum == resolved.checksum:
                    item.action = Action.UNCHANGED
                else:
                    to_compare.append(item)  # update, unless an editor changed it
            elif plan.same_file:
                item.action, item.reason = Action.SKIPPED, GONE
            plan.articles.append(item)
        for position, (pk, _) in sorted(existing.items()):
            if position not in positions:
                plan.articles.append(
                    ArticlePlan(
                        position=position,
                        headline="",
                        action=Action.SKIPPED,
                        reason=VANISHED,
                        article_id=pk,
                    )
                )
    _compare_with_database(to_compare, lock=lock)
    for plan in plans:
        vanished = {a.article_id for a in plan.articles if a.reason == VANISHED}
        if vanished:
            titles = dict(Article.objects.filter(pk__in=vanished).values_list("pk", "headline"))
            for item in plan.articles:
                if item.reason == VANISHED:
                    item.headline = titles.get(item.article_id, "")


def _compare_with_database(items: list[ArticlePlan], *, lock: bool) -> None:
    """Update the articles still as loaded; skip those an editor has changed since."""
    ids = [item.article_id for item in items]
    articles: dict[int, Article] = {}
    for chunk in _chunks(ids):
        if lock:
            # Hold the rows until commit, so an editor's save cannot slip in between.
            list(Article.objects.filter(pk__in=chunk).select_for_update().values_list("pk"))
        queryset = (
            Article.objects.filter(pk__in=chunk)
            .select_related("program", "installment")
            .prefetch_related("bylines__reporter", "mentions__person", "districts", "subdistricts")
        )
        articles |= {article.pk: article for article in queryset}
    for item in items:
        item.article = article = articles[item.article_id]
        if content_checksum(stored_content(article)) == article.source_checksum:
            item.action = Action.UPDATED
        else:
            item.action, item.reason = Action.SKIPPED, EDITED
