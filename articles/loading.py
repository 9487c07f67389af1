"""Saving parsed source pages as articles: one transaction, each article once, editors' work kept.

The parser (`articles.ingest`) turns page text into dataclasses; this module decides, for every
parsed article, whether to create, update, leave or skip it, and writes that in one transaction.

An article's identity is its page (`SourceDocument`, by the file's sha256) and its position on
the page. A page already loaded is left as it is. A corrected page (same file name, or the same
edition and page, new content) updates its articles in place, except those an editor has changed
since they were loaded: `Article.source_checksum` holds the checksum of the content as loaded,
and the same function computes it from the database now, so any edit shows as a difference.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import F

from people.naming import pinyin_slug

from .blocks import TEXT_KINDS, validate_blocks
from .ingest.model import ParsedArticle, ParsedDocument
from .models import (
    Article,
    ArticleKind,
    ArticleStatus,
    BylinePosition,
    District,
    FormerDistrictName,
    Program,
    SourceDocument,
    Subdistrict,
)
from .numerals import installment_number
from .services import (
    BylineSpec,
    article_set_bylines,
    article_set_mentions,
    installment_get_or_create,
    print_publish_time,
    program_get_or_create,
)

# Reasons shown to the operator when an article is left alone.
EDITED = "编辑已修改"
GONE = "该位置的稿件已不存在（可能已被编辑删除），未重建"
VANISHED = "新版本的版面中已没有这篇，保留原稿未删除"
DUPLICATE = "与本次载入的 {other} 内容完全相同"

# Field lengths the database enforces (PostgreSQL refuses longer text).
HEADLINE_MAX = Article._meta.get_field("headline").max_length
NAME_MAX = 40
ROLE_MAX = 30
TITLE_MAX = 80
PROGRAM_MAX = Program._meta.get_field("name").max_length
UNTITLED = "（无标题）"


class Action(StrEnum):
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
    outcomes: list[ArticleOutcome] = field(default_factory=list)

    def count(self, action: Action) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    def for_path(self, path: str) -> list[ArticleOutcome]:
        return [outcome for outcome in self.outcomes if outcome.path == path]


# --- Content and its checksum ----------------------------------------------------------------


def content_checksum(content: dict) -> str:
    """The sha256 of an article's loaded content in a canonical JSON form."""
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _content(
    *, kicker, headline, subheadline, body, kind, bylines, districts, subdistricts, people, program
) -> dict:
    """The fields a load writes, in one shape for both the parse and the database."""
    return {
        "kicker": kicker,
        "headline": headline,
        "subheadline": list(subheadline),
        "body": [
            {"kind": b.get("kind"), "text": b.get("text"), "photo": b.get("photo")} for b in body
        ],
        "kind": kind,
        "bylines": [list(b) for b in bylines],
        "districts": sorted(districts),
        "subdistricts": sorted(subdistricts),
        "people": [list(p) for p in people],
        "program": list(program) if program else None,
    }


def stored_content(article: Article) -> dict:
    """An article's content as it is in the database now (prefetch its relations first)."""
    return _content(
        kicker=article.kicker,
        headline=article.headline,
        subheadline=article.subheadline or [],
        body=article.body or [],
        kind=article.kind,
        bylines=[
            (b.reporter.name, b.role, b.position)
            for b in sorted(article.bylines.all(), key=lambda b: (b.order, b.pk))
        ],
        districts=[d.name for d in article.districts.all()],
        subdistricts=[s.name for s in article.subdistricts.all()],
        people=[
            (m.person.name, m.title)
            for m in sorted(article.mentions.all(), key=lambda m: (m.order, m.pk))
        ],
        program=(
            (article.program.name, article.installment.number if article.installment else None)
            if article.program
            else None
        ),
    )


class Places:
    """Districts and subdistricts by name, read once per run."""

    def __init__(self) -> None:
        self.districts: dict[str, District] = {}
        for district in District.objects.all():
            self.districts[district.name] = district
            self.districts.setdefault(district.short_name, district)
        for former in FormerDistrictName.objects.select_related("district"):
            self.districts.setdefault(former.name, former.district)
            self.districts.setdefault(former.short_name, former.district)
        self.subdistricts: dict[str, list[Subdistrict]] = defaultdict(list)
        for subdistrict in Subdistrict.objects.all():
            self.subdistricts[subdistrict.name].append(subdistrict)

    def districts_named(self, names) -> list[District]:
        found = {}
        for name in names:
            district = self.districts.get(name)
            if district is not None:
                found.setdefault(district.pk, district)
        return list(found.values())

    def subdistricts_named(self, names, districts: list[District]) -> list[Subdistrict]:
        """Match by name; a name shared across districts goes to one the article is about."""
        in_article = {district.pk for district in districts}
        found = {}
        for name in names:
            candidates = self.subdistricts.get(name) or []
            if not candidates:
                continue
            chosen = next((s for s in candidates if s.district_id in in_article), candidates[0])
            found.setdefault(chosen.pk, chosen)
        return list(found.values())


@dataclass
class _Resolved:
    """A parsed article turned into what will be saved, with its checksum."""

    parsed: ParsedArticle
    content: dict
    districts: list[District]
    subdistricts: list[Subdistrict]
    program_name: str | None
    installment_label: str
    installment_title: str

    @property
    def checksum(self) -> str:
        return content_checksum(self.content)


def _clip(text: str | None, limit: int) -> str:
    return (text or "").strip()[:limit]


def _unique_by_first(pairs):
    """Keep the first entry for each name, as the byline and mention services do."""
    seen, kept = set(), []
    for pair in pairs:
        if pair[0] and pair[0] not in seen:
            seen.add(pair[0])
            kept.append(pair)
    return kept


def resolve(parsed: ParsedArticle, places: Places) -> _Resolved:
    """What a parsed article becomes in the database: clipped, de-duplicated, places matched."""
    districts = places.districts_named(parsed.districts)
    subdistricts = places.subdistricts_named(parsed.subdistricts, districts)
    program_name = _clip(parsed.program.name, PROGRAM_MAX) if parsed.program else ""
    label = _clip(parsed.program.installment, 20) if parsed.program else ""
    number = installment_number(label)
    if number is not None and not 1 <= number <= 32767:
        number = None
    body = [
        {"kind": block.kind, "text": block.text.strip()}
        for block in parsed.blocks
        if block.kind in TEXT_KINDS and block.text.strip()
    ]
    positions = set(BylinePosition.values)
    content = _content(
        kicker=_clip(parsed.kicker, HEADLINE_MAX),
        headline=_clip(parsed.headline, HEADLINE_MAX) or UNTITLED,
        subheadline=[_clip(line, HEADLINE_MAX) for line in parsed.subheadline if line.strip()],
        body=body,
        kind=parsed.type if parsed.type in ArticleKind.values else ArticleKind.NEWS,
        bylines=_unique_by_first(
            (
                _clip(b.name, NAME_MAX),
                _clip(b.role, ROLE_MAX),
                b.position if b.position in positions else BylinePosition.END,
            )
            for b in parsed.bylines
        ),
        districts=[d.name for d in districts],
        subdistricts=[s.name for s in subdistricts],
        people=_unique_by_first(
            (_clip(p.name, NAME_MAX), _clip(p.title, TITLE_MAX)) for p in parsed.people
        ),
        program=(program_name, number) if program_name else None,
    )
    return _Resolved(
        parsed=parsed,
        content=content,
        districts=districts,
        subdistricts=subdistricts,
        program_name=program_name or None,
        installment_label=label if number is not None else "",
        installment_title=_clip(parsed.program.installment_title, 120) if parsed.program else "",
    )


# --- Planning: what to do with each page and article -------------------------------------------


@dataclass
class _ArticlePlan:
    position: int
    headline: str
    action: Action
    reason: str = ""
    resolved: _Resolved | None = None
    article_id: int | None = None
    article: Article | None = None  # read in full when its source changed


@dataclass
class _PagePlan:
    page: SourcePage
    document: SourceDocument | None  # the row this page reuses: same file, or corrected page
    same_file: bool
    articles: list[_ArticlePlan] = field(default_factory=list)


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


def _plan(pages: list[SourcePage], places: Places, *, lock: bool) -> list[_PagePlan]:
    documents = _existing_documents(pages)
    plans: list[_PagePlan] = []
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
            _PagePlan(
                page=page,
                document=document,
                same_file=document is not None and document.sha256 == page.sha256,
            )
        )
    _plan_articles(plans, places, lock=lock)
    return plans


def _duplicate_plan(page: SourcePage, other: str) -> _PagePlan:
    plan = _PagePlan(page=page, document=None, same_file=True)
    for parsed in page.document.articles:
        plan.articles.append(
            _ArticlePlan(
                position=parsed.position,
                headline=parsed.headline,
                action=Action.SKIPPED,
                reason=DUPLICATE.format(other=other),
            )
        )
    return plan


def _plan_articles(plans: list[_PagePlan], places: Places, *, lock: bool) -> None:
    """Decide each article's action; only articles whose source changed are read in full."""
    document_ids = [plan.document.pk for plan in plans if plan.document is not None]
    stored: dict[int, dict[int, tuple[int, str]]] = defaultdict(dict)
    for chunk in _chunks(document_ids):
        rows = Article.objects.filter(source_document_id__in=chunk).values_list(
            "source_document_id", "source_position", "pk", "source_checksum"
        )
        for document_id, position, pk, checksum in rows:
            stored[document_id][position] = (pk, checksum)

    to_compare: list[_ArticlePlan] = []
    for plan in plans:
        if plan.articles:  # a duplicate file, already decided
            continue
        existing = stored.get(plan.document.pk, {}) if plan.document else {}
        positions = set()
        for parsed in plan.page.document.articles:
            positions.add(parsed.position)
            resolved = resolve(parsed, places)
            item = _ArticlePlan(
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
                    _ArticlePlan(
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


def _compare_with_database(items: list[_ArticlePlan], *, lock: bool) -> None:
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


# --- Writing ---------------------------------------------------------------------------------


class _Programs:
    """Programs and installments matched (or created) once per run."""

    def __init__(self) -> None:
        self.programs: dict[str, Program] = {}
        self.installments: dict[tuple[int, str], object] = {}

    def get(self, resolved: _Resolved):
        if not resolved.program_name:
            return None, None
        program = self.programs.get(resolved.program_name)
        if program is None:
            program = program_get_or_create(name=resolved.program_name)
            self.programs[resolved.program_name] = program
        if not resolved.installment_label:
            return program, None
        key = (program.pk, resolved.installment_label)
        if key not in self.installments:
            self.installments[key] = installment_get_or_create(
                program=program,
                label=resolved.installment_label,
                title=resolved.installment_title,
            )
        return program, self.installments[key]


def _save_document(plan: _PagePlan) -> SourceDocument:
    page = plan.page
    document = plan.document
    if document is None:
        document = SourceDocument(file_name=page.file_name[:255])
    elif plan.same_file:
        return document
    document.file_name = page.file_name[:255]
    document.sha256 = page.sha256
    document.raw_text = page.text
    document.size = page.size
    document.edition_date = page.edition_date or document.edition_date
    document.page = page.page or document.page
    document.save()
    return document


def _write_article(
    article: Article, resolved: _Resolved, programs: _Programs, *, is_new: bool
) -> None:
    content = resolved.content
    body = [{"kind": block["kind"], "text": block["text"]} for block in content["body"]]
    validate_blocks(body)
    article.kicker = content["kicker"]
    article.headline = content["headline"]
    article.subheadline = content["subheadline"]
    article.body = body
    article.kind = content["kind"]
    article.slug = pinyin_slug(content["headline"], max_length=80)
    article.program, article.installment = programs.get(resolved)
    article.source_text = resolved.parsed.raw_text
    article.source_checksum = resolved.checksum
    if not is_new:
        article.version = F("version") + 1
    article.save()
    article_set_bylines(
        article=article,
        bylines=[BylineSpec(name=n, role=r, position=p) for n, r, p in content["bylines"]],
    )
    article_set_mentions(article=article, mentions=[(n, t) for n, t in content["people"]])
    if is_new:
        article.districts.add(*resolved.districts)
        article.subdistricts.add(*resolved.subdistricts)
    else:
        article.districts.set(resolved.districts)
        article.subdistricts.set(resolved.subdistricts)


def _apply(plan: _PagePlan, programs: _Programs, *, status: str, now: datetime) -> None:
    writes = {Action.CREATED, Action.UPDATED}
    if plan.same_file and not any(item.action in writes for item in plan.articles):
        return  # loaded before (or a duplicate of another file in this run): nothing to write
    page = plan.page
    document = _save_document(plan)
    published_at = print_publish_time(page.edition_date)
    for item in plan.articles:
        if item.action == Action.CREATED:
            article = Article(
                source_document=document,
                source_position=item.position,
                status=status,
                published_at=published_at or (now if status == ArticleStatus.PUBLISHED else None),
                print_date=page.edition_date,
                print_page=page.page,
            )
            _write_article(article, item.resolved, programs, is_new=True)
        elif item.action == Action.UPDATED:
            article = item.article
            article.print_date = page.edition_date or article.print_date
            article.print_page = page.page or article.print_page
            _write_article(article, item.resolved, programs, is_new=False)


def load_documents(
    *,
    pages: list[SourcePage],
    status: str = ArticleStatus.PUBLISHED,
    now: datetime,
    dry_run: bool = False,
) -> LoadReport:
    """Save these parsed pages in one transaction (or, dry, only say what would happen)."""
    if status not in (ArticleStatus.PUBLISHED, ArticleStatus.DRAFT):
        raise ValueError(f"new articles are published or drafts, not {status!r}")
    with transaction.atomic():
        places = Places()
        plans = _plan(pages, places, lock=not dry_run)
        if not dry_run:
            programs = _Programs()
            for plan in plans:
                try:
                    _apply(plan, programs, status=status, now=now)
                except (DatabaseError, ValidationError) as exc:
                    raise LoadError(plan.page.path, str(exc)) from exc
    report = LoadReport(files=len(pages))
    for plan in plans:
        for item in plan.articles:
            report.outcomes.append(
                ArticleOutcome(
                    path=plan.page.path,
                    position=item.position,
                    headline=item.headline,
                    action=item.action,
                    reason=item.reason,
                )
            )
    return report
