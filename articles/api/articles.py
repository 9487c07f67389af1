"""Articles: the filtered, keyset-paged list, search, and one article; JSON or ninjs.

Every read starts from `Article.objects.published()`, the readers' rule, so a draft,
scheduled or withdrawn article is absent from lists and its id answers 404, as on the site.
Relations are prefetched once per page, so a page of 50 costs what a page of 5 does.
"""

import datetime
from typing import Annotated, Literal

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import http_date
from ninja import FilterLookup, FilterSchema, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from ..article_page import article_modified_at
from ..models import (
    Article,
    ArticleKind,
    ArticleMention,
    Byline,
    Correction,
    Photo,
    Subdistrict,
)
from ..search import parse_query, search_results
from ..tagging import article_tag_items, attach_tags
from . import ninjs
from .paging import DEFAULT_LIMIT, MAX_LIMIT, keyset_page, page_url
from .schemas import (
    BlockOut,
    BylineOut,
    CorrectionOut,
    DistrictRef,
    InstallmentRef,
    IsoDate,
    IsoDateTime,
    LocalDateTime,
    MentionOut,
    PhotoOut,
    ProgramRef,
    SubdistrictRef,
    TagRef,
    absolute_url,
)

router = Router(tags=["articles"])

Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT)]
Format = Literal["json", "ninjs"]


def public_articles():
    """Published articles with everything a list item shows, one query per relation.

    Tags are not prefetched here: `attach_tags` fetches them for the page (see tagging.py).
    """
    latest_correction = (
        Correction.objects.filter(article=OuterRef("pk"))
        .order_by("-corrected_at")
        .values("corrected_at")[:1]
    )
    return (
        Article.objects.published()
        .select_related("program", "installment")
        # A correlated subquery, not Max() over a join: GROUP BY would make the database
        # aggregate every public article before it could stop at a page of them.
        .annotate(last_corrected=Subquery(latest_correction))
        .prefetch_related(
            Prefetch(
                "bylines",
                queryset=Byline.objects.select_related("reporter").order_by("order", "pk"),
            ),
            "districts",
            Prefetch("subdistricts", queryset=Subdistrict.objects.select_related("district")),
            Prefetch("photos", queryset=Photo.objects.order_by("order", "pk")),
        )
    )


def _mentions() -> Prefetch:
    return Prefetch(
        "mentions",
        queryset=ArticleMention.objects.select_related("person").order_by("order", "pk"),
    )


def ninjs_articles():
    """Public articles with what a ninjs item adds to a list item: the people mentioned."""
    return public_articles().prefetch_related(_mentions())


def public_article(article_id: int) -> Article:
    """One public article with what its full view adds: mentions and corrections; else 404."""
    article = get_object_or_404(ninjs_articles().prefetch_related("corrections"), pk=article_id)
    return attach_tags([article])[0]


class ArticleFilters(FilterSchema):
    """The list's filters; each names what the site's own pages use."""

    district: Annotated[str | None, FilterLookup("districts__slug")] = Field(
        None, description="区的网址名，如 hongkou。"
    )
    subdistrict: Annotated[str | None, FilterLookup("subdistricts__code")] = Field(
        None, description="街道/镇的区划代码。"
    )
    program: Annotated[str | None, FilterLookup("program__slug")] = Field(
        None, description="专题的网址名。"
    )
    reporter: Annotated[str | None, FilterLookup("bylines__reporter__slug")] = Field(
        None, description="记者的网址名。"
    )
    tag: str | None = Field(None, description="标签的网址名。")
    kind: ArticleKind | None = Field(None, description="体裁。")
    print_date: IsoDate | None = Field(None, description="见报日期，如 2022-11-21。")
    published_after: IsoDateTime | None = Field(
        None, description="发布时间不早于此刻（不带时区按上海时间）。"
    )
    published_before: IsoDateTime | None = Field(
        None, description="发布时间早于此刻（不带时区按上海时间）。"
    )

    def filter_tag(self, value) -> Q:
        # Through taggit's table: joining `tags` uses SQL Django deprecates (see tagging.py).
        tagged = article_tag_items().filter(tag__slug=value).values("object_id")
        return Q(pk__in=tagged) if value else Q()

    def filter_published_after(self, value) -> Q:
        return Q(published_at__gte=value) if value else Q()

    def filter_published_before(self, value) -> Q:
        return Q(published_at__lt=value) if value else Q()


class ArticleSummary(Schema):
    id: int
    url: str
    kicker: str
    headline: str
    subheadlines: list[str]
    summary: str
    kind: str
    published_at: LocalDateTime
    updated_at: LocalDateTime
    print_date: datetime.date | None
    print_page: str
    bylines: list[BylineOut]
    districts: list[DistrictRef]
    subdistricts: list[SubdistrictRef]
    program: ProgramRef | None
    installment: InstallmentRef | None
    tags: list[TagRef]
    photos: list[PhotoOut]

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute_url(context, obj)

    @staticmethod
    def resolve_tags(obj) -> list:
        return obj.tag_list

    @staticmethod
    def resolve_subheadlines(obj) -> list[str]:
        return list(obj.subheadline or [])


class ArticleDetail(ArticleSummary):
    body: list[BlockOut]
    body_text: str
    mentions: list[MentionOut]
    corrections: list[CorrectionOut]
    modified_at: LocalDateTime

    @staticmethod
    def resolve_modified_at(obj):
        return article_modified_at(obj)


class ArticlePage(Schema):
    items: list[ArticleSummary]
    next: str | None = Field(description="下一页的完整地址；没有下一页时为 null。")
    next_cursor: str | None


class NinjsPage(Schema):
    items: list[dict] = Field(description="每篇稿件一个 IPTC ninjs 3.1 对象。")
    next: str | None
    next_cursor: str | None


class SearchPage(Schema):
    items: list[ArticleSummary]
    count: int = Field(description="匹配的篇数，最多计到上限。")
    more: bool = Field(description="匹配超过上限，只能翻到前面这些。")
    next: str | None


def _set_last_modified(response, articles) -> None:
    if articles:
        latest = max(article_modified_at(a) for a in articles)
        response["Last-Modified"] = http_date(latest.timestamp())


@router.get("/articles", response={200: ArticlePage | NinjsPage}, url_name="article-list")
def list_articles(
    request,
    response: HttpResponse,
    filters: Query[ArticleFilters],
    cursor: str | None = None,
    limit: Limit = DEFAULT_LIMIT,
    format: Format = "json",  # noqa: A002 - the public parameter's name.
):
    """Public articles newest first, filtered; follow `next` for the following page."""
    articles = filters.filter(ninjs_articles() if format == "ninjs" else public_articles())
    items, next_cursor = keyset_page(articles, cursor=cursor, limit=limit)
    attach_tags(items)
    _set_last_modified(response, items)
    page = {
        "next": page_url(request, "cursor", next_cursor) if next_cursor else None,
        "next_cursor": next_cursor,
    }
    if format == "ninjs":
        absolute = request.build_absolute_uri
        return NinjsPage(items=[ninjs.news_item(a, absolute=absolute) for a in items], **page)
    return {"items": items, **page}


@router.get("/articles/{int:article_id}", response=ArticleDetail, url_name="article-detail")
def get_article(request, response: HttpResponse, article_id: int):
    """One public article with its body, photos, mentions and corrections."""
    article = public_article(article_id)
    _set_last_modified(response, [article])
    return article


@router.get(
    "/articles/{int:article_id}.ninjs",
    response=dict,
    url_name="article-ninjs",
    openapi_extra={"description": "The article as an IPTC ninjs 3.1 news item."},
)
def get_article_ninjs(request, response: HttpResponse, article_id: int):
    """One public article as an IPTC ninjs 3.1 news item."""
    article = public_article(article_id)
    _set_last_modified(response, [article])
    return ninjs.news_item(article, absolute=request.build_absolute_uri)


@router.get("/search", response=SearchPage, url_name="article-search")
def search(
    request,
    filters: Query[ArticleFilters],
    q: Annotated[str, Field(min_length=1, description="检索词，空格分隔，每个词都须出现。")],
    page: Annotated[int, Field(ge=1)] = 1,
    limit: Limit = DEFAULT_LIMIT,
):
    """Full-text search of public articles, best matches first (the site's search)."""
    parsed = parse_query(q)
    if not parsed:
        raise HttpError(400, "q 参数无效：请给出至少一个检索词。")
    results = search_results(filters.filter(public_articles()), parsed)
    start = (page - 1) * limit
    items = attach_tags(list(results[start : start + limit]))
    count = results.count()
    next_url = None
    if start + limit < count:
        next_url = page_url(request, "page", str(page + 1))
    return {
        "items": items,
        "count": count,
        "more": results.more_than_cap,
        "next": next_url,
    }
