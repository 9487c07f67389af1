"""Article search on the current database: exact results, ranking, sync, commands, highlighting."""

import re
import unicodedata
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.paginator import Paginator
from django.db import connection
from django.utils import timezone

from articles.models import Article, ArticleStatus
from articles.search import (
    admin_search,
    highlight,
    parse_query,
    postgres,
    search_articles,
    search_results,
    snippet,
)
from articles.services import article_publish, article_withdraw
from bench.synthetic import delete_synthetic, generate_synthetic
from tests.factories import make_article, make_text_article

pytestmark = pytest.mark.django_db

QUERIES = [
    "社区",
    "干部",
    "刘俊",
    "嘉兴路",
    "居民区",
    "基层治理",
    "32名",
    "hongkou",
    "ABC",
    "Ｈｏｎｇ",
    "区",
    "静",
    "2",
    '"社区 文化"',
    "社区 干部",
    "刘懿静 居民区",
    "会客厅",
    "不存在的词",
    "“天虹",
]


def _reference_text(value: str) -> str:
    """Independent restatement of the documented normalisation (NFKC, ASCII lower, spaces)."""
    value = unicodedata.normalize("NFKC", value)
    value = "".join(c.lower() if c.isascii() else c for c in value)
    return re.sub(r"[ \t\n\r\f\v]+", " ", value).strip()


def _reference_ids(query: str) -> set[int]:
    """Published articles whose title lines or paragraphs/subheads contain every term."""
    terms = [_reference_text(t) for t in parse_query(query).terms]
    found = set()
    for article in Article.objects.published():
        lines = [article.kicker, article.headline, *article.subheadline]
        lines += [b["text"] for b in article.body if b["kind"] in ("paragraph", "subhead")]
        segments = [_reference_text(line) for line in lines]
        if all(any(term in s for s in segments) for term in terms):
            found.add(article.pk)
    return found


def _source_lines() -> list[str]:
    page = next(Path(settings.NEWSROOM_SOURCES_DIR).glob("*.txt")).read_text(encoding="utf-8")
    return [line.strip() for line in page.splitlines() if line.strip()]


@pytest.fixture
def corpus():
    """Articles cut from the seed page, plus the cases the rules are about."""
    lines = _source_lines()
    for number, start in enumerate(range(0, len(lines) - 4, 4)):
        make_text_article(
            kicker=lines[start] if number % 3 == 0 else "",
            headline=lines[start + 1][:200],
            body=[
                {"kind": "paragraph", "text": lines[start + 2]},
                {"kind": "subhead", "text": lines[start + 3][:50]},
                {"kind": "caption", "text": "图片说明：基层治理 刘俊"},
            ],
            published_at=timezone.now() - timedelta(days=number),
        )
    make_text_article(headline="刘俊说", paragraphs=["选派32名机关干部", "Hongkou ＡＢＣ district"])
    make_text_article(headline="跨段", paragraphs=["社区", "文化"])  # "社区文化" spans two blocks
    make_text_article(headline="社区 文化 中心", paragraphs=["刘懿静"])
    make_text_article(headline="草稿 社区 嘉兴路 刘俊", published=False)
    make_text_article(
        headline="撤回 社区 刘俊", status=ArticleStatus.WITHDRAWN, published_at=timezone.now()
    )
    make_text_article(
        headline="定时 社区 刘俊",
        status=ArticleStatus.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1),
    )


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_exactly_the_published_articles_containing_the_query(corpus, query):
    found = set(search_articles(Article.objects.published(), query).values_list("pk", flat=True))
    assert found == _reference_ids(query)


def test_query_set_is_not_trivially_empty(corpus):
    assert all(_reference_ids(q) for q in ["社区", "刘俊", "32名", "嘉兴路", "hongkou", "区"])


def test_caption_and_cross_paragraph_text_do_not_match(corpus):
    assert not search_articles(Article.objects.published(), "图片说明").exists()
    found = search_articles(Article.objects.published(), "社区文化")
    assert "跨段" not in {a.headline for a in found}


def test_title_matches_come_first_then_the_most_recent(corpus):
    older_title = make_text_article(
        headline="会客厅开张", published_at=timezone.now() - timedelta(days=30)
    )
    newer_body = make_text_article(
        headline="无关", paragraphs=["会客厅"], published_at=timezone.now()
    )
    ranked = list(search_articles(Article.objects.published(), "会客厅"))
    assert ranked.index(older_title) < ranked.index(newer_body)
    body_only = [a for a in ranked if a.search_rank == 0]
    assert body_only == sorted(body_only, key=lambda a: a.published_at, reverse=True)


def test_search_composes_with_filters_pagination_and_subqueries(corpus):
    results = search_articles(Article.objects.published(), "社区").filter(kind="news")
    pages = Paginator(results, 3)
    seen = [a.pk for number in pages.page_range for a in pages.page(number)]
    assert sorted(seen) == sorted(_reference_ids("社区"))
    nested = Article.objects.filter(pk__in=results.values("pk"))
    assert set(nested.values_list("pk", flat=True)) == set(seen)


def test_blank_query_leaves_the_queryset_alone(corpus):
    queryset = Article.objects.published()
    assert search_articles(queryset, "  ") is queryset


def test_admin_search_returns_matches_without_duplicates(corpus):
    results, may_have_duplicates = admin_search(Article.objects.all(), "刘俊")
    assert may_have_duplicates is False
    assert {a.headline for a in results} >= {"刘俊说", "草稿 社区 嘉兴路 刘俊"}


def test_edits_are_searchable_at_once():
    article = make_text_article(headline="旧标题", paragraphs=["旧正文"])
    article.body = [{"kind": "paragraph", "text": "新正文提到嘉兴路"}]
    article.save()
    assert list(search_articles(Article.objects.all(), "嘉兴路")) == [article]
    assert not search_articles(Article.objects.all(), "旧正文").exists()


def test_queryset_update_and_bulk_create_are_indexed():
    article = make_text_article(headline="旧标题")
    Article.objects.filter(pk=article.pk).update(headline="批量更新的居民区")
    Article.objects.bulk_create([Article(headline="批量新建的居民区")])
    found = search_articles(Article.objects.all(), "居民区").values_list("headline", flat=True)
    assert set(found) == {"批量更新的居民区", "批量新建的居民区"}


def test_publishing_and_withdrawing_change_what_readers_find():
    article = make_text_article(headline="基层治理", published=False)
    article_publish(article=article, user=None)
    assert search_articles(Article.objects.published(), "基层治理").get() == article
    article_withdraw(article=article, user=None)
    assert not search_articles(Article.objects.published(), "基层治理").exists()
    assert search_articles(Article.objects.all(), "基层治理").get() == article


def test_deleted_articles_leave_the_index():
    article = make_text_article(headline="嘉兴路")
    article.delete()
    make_text_article(headline="别的")
    assert not search_articles(Article.objects.all(), "嘉兴路").exists()


def test_rebuild_command_reindexes_and_reports_progress():
    make_text_article(headline="嘉兴路")
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "已索引 1/1 篇稿件" in out.getvalue()
    assert "检索索引已重建：1 篇稿件" in out.getvalue()
    assert search_articles(Article.objects.all(), "嘉兴路").count() == 1


def test_synthetic_articles_are_marked_and_removable():
    real = make_text_article(headline="真实稿件", paragraphs=["虹口区嘉兴路街道社区文化中心"])
    assert generate_synthetic(5) == 5
    synthetic = Article.objects.exclude(pk=real.pk)
    assert synthetic.count() == 5
    assert all(a.slug.startswith("synthetic-") for a in synthetic)
    delete_synthetic()
    assert list(Article.objects.all()) == [real]


def test_highlight_escapes_before_marking():
    html = highlight("<b>社区</b> & ＡＢＣ", "社区 abc")
    assert html == "&lt;b&gt;<mark>社区</mark>&lt;/b&gt; &amp; <mark>ＡＢＣ</mark>"


def test_snippet_centres_on_the_first_match_and_escapes():
    article = make_text_article(paragraphs=["<script>" + "前文" * 100 + "嘉兴路" + "后文" * 100])
    text = snippet(article, "嘉兴路", length=40)
    assert "<mark>嘉兴路</mark>" in text
    assert text.startswith("…") and text.endswith("…")
    assert "<script>" not in snippet(article, "不存在")


def test_search_page_sized_query_count_is_constant(corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        list(search_articles(Article.objects.published(), "社区 干部")[:20])


@pytest.mark.postgres
def test_overlong_articles_stay_exact_on_postgres():
    filler = "甲乙" * 9000  # past tsvector's 16,383 positions and 256 positions per lexeme
    long = make_text_article(headline="长文", paragraphs=[filler, "结尾提到嘉兴路"])
    make_text_article(headline="短文", paragraphs=["乙甲乙"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_overflow FROM articles_article WHERE id = %s", [long.pk])
        assert cursor.fetchone()[0] is True
    assert list(search_articles(Article.objects.all(), "嘉兴路")) == [long]
    assert set(search_articles(Article.objects.all(), "乙甲乙")) == set(Article.objects.all())
    assert not search_articles(Article.objects.all(), "甲甲").exists()


@pytest.mark.sqlite
def test_sqlite_triggers_dropped_by_a_table_rebuild_come_back_after_migrate():
    from articles.search.sqlite import is_installed, uninstall

    make_text_article(headline="嘉兴路")
    uninstall(connection)
    assert not is_installed(connection)
    call_command("migrate", verbosity=0)
    assert is_installed(connection)
    assert search_articles(Article.objects.all(), "嘉兴路").count() == 1


def _ranked_pks(query: str) -> list[int]:
    return list(search_articles(Article.objects.published(), query).values_list("pk", flat=True))


@pytest.mark.parametrize("cap", [2, 1000])  # many matches (by phases) and few (one query)
@pytest.mark.parametrize("query", ["社区", "刘俊", "嘉兴路", "区", "社区 干部", "刘懿静 居民区"])
def test_search_results_page_in_exactly_the_ranked_order(corpus, query, cap):
    newer_title = make_text_article(headline=f"新 {query}", published_at=timezone.now())
    expected = _ranked_pks(query)
    assert newer_title.pk in expected
    results = search_results(Article.objects.published(), query, cap=cap)
    assert results.count() == min(len(expected), cap)
    assert results.more_than_cap is (len(expected) > cap)
    for size in (1, 2, 3):
        pages = Paginator(results, size)
        seen = [a.pk for number in pages.page_range for a in pages.page(number)]
        assert seen == expected[: results.count()]
    assert [a.pk for a in results[1:]] == expected[1 : results.count()]


def test_search_results_past_the_title_matches_and_their_ranks():
    now = timezone.now()
    titled = [
        make_text_article(headline=f"会客厅{n}", published_at=now - timedelta(days=10 + n))
        for n in range(2)
    ]
    body = [
        make_text_article(paragraphs=["会客厅"], published_at=now - timedelta(days=n))
        for n in range(5)
    ]
    results = search_results(Article.objects.published(), "会客厅", cap=5)
    assert results.more_than_cap and results.count() == 5
    assert results[3:5] == body[1:3]  # starts past every title match
    assert results[1:3] == [titled[1], body[0]]
    assert [a.search_rank for a in results[1:3]] == [1, 0]
    assert results[0] == titled[0]
    assert list(results) == [*titled, *body[:3]]
    with pytest.raises(IndexError):
        results[5]


def test_search_results_with_other_filters_applied_first(corpus):
    base = Article.objects.published().filter(kind="news").exclude(headline__startswith="刘")
    expected = list(
        search_articles(base, "社区 刘懿静").values_list("pk", flat=True)
    ) or pytest.fail("the query should match something")
    assert [a.pk for a in search_results(base, "社区 刘懿静", cap=1)[:50]] == expected[:1]
    assert [a.pk for a in search_results(base, "社区 刘懿静")] == expected


def test_blank_search_results_leave_the_queryset_alone():
    queryset = Article.objects.published()
    assert search_results(queryset, "") is queryset


@pytest.mark.postgres
def test_body_only_matches_are_scanned_in_publication_order_on_postgres(corpus):
    """The many-matches plan walks an index in publication order instead of bitmapping every match.

    On a few test rows the planner rightly prefers a bitmap and a sort, so both are switched off:
    what is pinned is that an index serves the order (no full Sort node is left; an incremental
    one only breaks ties) and that the search document's index is not read. At scale the planner
    picks this walk itself (make bench-search).
    """
    results = search_results(Article.objects.published(), "社区", cap=1)
    body_only = (
        Article.objects.published()
        .filter(postgres.body_only_condition(results.parsed))
        .order_by("-published_at", "-pk")[:20]
    )
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(
            "EXPLAIN " + str(body_only.query.sql_with_params()[0]),
            body_only.query.sql_with_params()[1],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "article_search_document_idx" not in plan
    full_sorts = [
        line for line in plan.splitlines() if "Sort  (cost" in line and "Incremental" not in line
    ]
    assert not full_sorts, plan
    assert "article_status_published_idx" in plan or "article_public_covering_idx" in plan, plan


def test_a_paragraphs_markup_is_not_searched_but_its_words_are_read_on():
    article = make_article(
        body=[
            {
                "kind": "paragraph",
                "text": "详见[区政府网站](https://www.shhk.gov.cn/)，**务必**带证件",
            }
        ]
    )
    found = Article.objects.filter(pk=article.pk)
    assert list(search_articles(found, "详见区政府网站")) == [article]
    assert list(search_articles(found, "务必带证件")) == [article]
    assert list(search_articles(found, "shhk")) == []
