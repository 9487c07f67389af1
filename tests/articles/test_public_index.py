"""The readers' count and latest-change queries read the covering index, not the wide rows."""

import datetime

import pytest
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from articles.models import Article
from tests.committed_db import COMMITTED

# Committed rows: PostgreSQL reads an index alone only for pages VACUUM marked all-visible.
pytestmark = COMMITTED

INDEX = "article_public_covering_idx"


def _plan(sql: str, params) -> str:
    if connection.vendor == "sqlite":
        prefix = "EXPLAIN QUERY PLAN "
    else:
        prefix = "EXPLAIN (COSTS OFF) "
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A test table is tiny: without these PostgreSQL would rightly read it whole.
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("SET enable_bitmapscan = off")
        try:
            cursor.execute(prefix + sql, params)
            return "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())
        finally:
            if connection.vendor == "postgresql":
                cursor.execute("RESET enable_seqscan")
                cursor.execute("RESET enable_bitmapscan")


def _public_rows(n: int = 30) -> None:
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            headline=f"稿件{i}",
            status="published",
            published_at=now - datetime.timedelta(hours=i),
            body=[{"kind": "paragraph", "text": "社区" * 500}],
        )
        for i in range(n)
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _count_sql():
    sql, params = Article.objects.published().order_by().values("pk").query.sql_with_params()
    return f"SELECT COUNT(*) FROM ({sql}) counted", params  # noqa: S608 - Django's own SQL


def _max_sql():
    query = Article.objects.published().order_by().values("updated_at").query
    sql, params = query.sql_with_params()
    column = '"articles_article"."updated_at"'
    return sql.replace(f"SELECT {column}", f"SELECT MAX({column})", 1), params


@pytest.mark.parametrize("query", [_count_sql, _max_sql], ids=["count", "max-updated-at"])
def test_the_public_rule_is_answered_from_the_covering_index(query):
    _public_rows()
    plan = _plan(*query())
    assert INDEX in plan
    if connection.vendor == "sqlite":
        assert "COVERING INDEX" in plan  # no row of the table is read
    else:
        assert "Index Only Scan" in plan


def test_the_index_gives_the_same_answers_as_reading_the_rows():
    _public_rows(5)
    Article.objects.filter(headline="稿件0").update(status="withdrawn")
    public = Article.objects.published()
    assert public.count() == 4
    latest = public.aggregate(latest=Max("updated_at"))["latest"]
    assert latest == max(a.updated_at for a in public)
