"""Reporter and program pages: articles per month over the last year, as a sparkline."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, ArticleStatus
from articles.sparklines import last_months, monthly_sparkline
from tests.factories import make_article, make_program, make_reporter

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 15, 12, 0, tzinfo=datetime.UTC)


def test_last_months_are_the_twelve_months_ending_this_one():
    months = last_months(now=NOW)
    assert months[0] == datetime.date(2025, 4, 1)
    assert months[-1] == datetime.date(2026, 3, 1)
    assert len(months) == 12


def test_sparkline_counts_public_articles_per_shanghai_month(django_assert_num_queries):
    # 2026-02-28 20:00 UTC is already 1 March in Shanghai.
    make_article(published_at=datetime.datetime(2026, 2, 28, 20, 0, tzinfo=datetime.UTC))
    make_article(published_at=datetime.datetime(2026, 2, 10, 0, 0, tzinfo=datetime.UTC))
    make_article(published_at=datetime.datetime(2024, 2, 10, 0, 0, tzinfo=datetime.UTC))
    make_article(status=ArticleStatus.DRAFT, published_at=NOW - datetime.timedelta(days=1))
    with django_assert_num_queries(1):
        sparkline = monthly_sparkline(Article.objects.published(at=NOW), now=NOW)
    values = dict(sparkline["months"])
    assert values[datetime.date(2026, 3, 1)] == 1
    assert values[datetime.date(2026, 2, 1)] == 1
    assert sparkline["total"] == 2


def test_reporter_and_program_pages_show_their_sparkline(client):
    reporter, program = make_reporter("王记者"), make_program("测量专题")
    make_article(reporters=[reporter], program=program)
    make_article(reporters=[reporter], published_at=timezone.now() - datetime.timedelta(days=400))
    today = timezone.localdate()
    this_month = f'<th scope="row">{today.year}年{today.month}月</th><td>1</td>'
    for url in (reporter.get_absolute_url(), program.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "近12个月发稿 1 篇" in html
        assert "<polyline points=" in html
        assert this_month in html
