"""The desk's statistics page: four charts, each a constant number of queries, staff only."""

import datetime

import pytest
from django.utils import timezone

from articles import statistics
from articles.models import ArticleStatus, LoaderRun
from tests.factories import make_article, make_district, make_reporter, make_user

pytestmark = pytest.mark.django_db

URL = "/admin/statistics/"


def populate(n: int) -> None:
    """n published articles a week for 12 weeks in n districts by n reporters, and n runs."""
    slugs = ["hongkou", "huangpu", "xuhui", "putuo", "pudong", "minhang"][:n]
    districts = [make_district(slug) for slug in slugs]
    reporters = [make_reporter(f"记者{n}{i}") for i in range(n)]
    now = timezone.now()
    for week in range(12):
        for i in range(n):
            make_article(
                published_at=now - datetime.timedelta(weeks=week, hours=i + 1),
                districts=districts,
                reporters=reporters,
            )
    for i in range(n):
        LoaderRun.objects.create(
            pages=i + 1, created=i, updated=1, unchanged=2, skipped=1, parse_warnings=2 * i
        )


def test_statistics_page_is_for_staff_only(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_index_links_to_the_statistics_page(client):
    client.force_login(make_user("editor"))
    assert f'href="{URL}"' in client.get("/admin/").content.decode()


@pytest.mark.parametrize("n", [1, 6])
def test_each_chart_costs_a_constant_number_of_queries(django_assert_num_queries, n):
    populate(n)
    now = timezone.now()
    with django_assert_num_queries(2):  # the counts, then the districts
        statistics.weekly_by_district(now=now)
    with django_assert_num_queries(1):
        statistics.pipeline(now=now)
    with django_assert_num_queries(1):
        statistics.loader_runs()
    with django_assert_num_queries(1):
        statistics.top_reporters(now=now)


@pytest.mark.parametrize("n", [1, 6])
def test_statistics_page_query_count_does_not_grow_with_data(
    client, django_assert_max_num_queries, n
):
    client.force_login(make_user("superuser"))
    populate(n)
    client.get(URL)
    # Session, user, the second factor's device, the five chart queries, then the
    # idle-timeout session save (2).
    with django_assert_max_num_queries(11):
        response = client.get(URL)
    assert response.status_code == 200


def test_weekly_chart_counts_public_articles_per_district_and_week():
    hongkou = make_district("hongkou")
    now = timezone.now()
    make_article(districts=[hongkou], published_at=now - datetime.timedelta(minutes=5))
    make_article(districts=[hongkou], published_at=now - datetime.timedelta(weeks=1))
    make_article(districts=[hongkou], status=ArticleStatus.DRAFT)
    make_article(districts=[hongkou], published_at=now - datetime.timedelta(weeks=20))
    chart = statistics.weekly_by_district(now=now)
    series = next(s for s in chart["series"] if s["district"] == hongkou)
    assert len(series["values"]) == 12
    assert series["values"][-1] == 1 and series["values"][-2] == 1
    assert series["total"] == 2
    assert len(chart["series"]) == 16


def test_pipeline_splits_published_into_scheduled_and_live():
    now = timezone.now()
    make_article(status=ArticleStatus.PROOFREADING)
    make_article(status=ArticleStatus.PROOFREADING)
    make_article(status=ArticleStatus.DRAFT)
    make_article(status=ArticleStatus.REVIEW)
    make_article(published_at=now + datetime.timedelta(hours=2))
    make_article(published_at=now - datetime.timedelta(hours=2))
    make_article(status=ArticleStatus.WITHDRAWN)
    rows = {row["label"]: row["value"] for row in statistics.pipeline(now=now)}
    assert rows == {"待校对": 2, "草稿": 1, "待审": 1, "定时发布": 1, "已发布": 1, "已撤回": 1}


def test_pipeline_counts_embargoed_as_scheduled_and_expired_as_withdrawn():
    now = timezone.now()
    past, future = now - datetime.timedelta(hours=2), now + datetime.timedelta(hours=2)
    make_article(published_at=past, embargo_until=future)
    make_article(published_at=past, expires_at=now - datetime.timedelta(minutes=1))
    make_article(published_at=past, embargo_until=past, expires_at=future)
    rows = {row["label"]: row["value"] for row in statistics.pipeline(now=now)}
    assert (rows["定时发布"], rows["已发布"], rows["已撤回"]) == (1, 1, 1)


def test_top_reporters_counts_only_this_months_published_articles():
    now = timezone.localtime()
    wang, li = make_reporter("王记者"), make_reporter("李记者")
    make_article(reporters=[wang], published_at=now - datetime.timedelta(minutes=1))
    make_article(reporters=[wang, li], published_at=now - datetime.timedelta(minutes=2))
    make_article(reporters=[li], status=ArticleStatus.DRAFT)
    make_article(reporters=[li], published_at=now - datetime.timedelta(days=40))
    rows = statistics.top_reporters(now=now)
    assert [(row["label"], row["value"]) for row in rows] == [("王记者", 2), ("李记者", 1)]
    assert rows[0]["width"] == 300 and rows[1]["width"] == 150


def test_page_draws_each_chart_as_svg_with_a_table_of_its_numbers(client):
    client.force_login(make_user("superuser"))
    populate(1)
    page = client.get(URL).content.decode()
    html = page.split('id="content-main"')[1].split("</main>")[0]
    assert html.count('<svg class="chart"') == 16 + 3  # small multiples, pipeline, runs, reporters
    assert html.count("<table>") == 4
    assert '<th scope="row">已发布</th><td>12</td>' in html
    assert "<script" not in html


def test_loader_chart_draws_parse_warnings_on_their_own_scale(client):
    LoaderRun.objects.create(pages=2, created=10, parse_warnings=4)
    LoaderRun.objects.create(pages=1, created=2, parse_warnings=0)
    LoaderRun.objects.create(pages=1, created=1, parse_warnings=2)
    latest, middle, oldest = statistics.loader_runs()
    assert (latest["warnings"], middle["warnings"]) == (
        {"value": 2, "width": 150},
        {"value": 0, "width": 0},
    )
    assert oldest["warnings"] == {"value": 4, "width": 300}
    assert [item["y"] for item in (latest, middle, oldest)] == [0, 32, 64]

    client.force_login(make_user("superuser"))
    html = client.get(URL).content.decode()
    assert html.count('class="run-warnings"') == 2  # a run without warnings draws no bar
    assert "<title>解析警告 4</title>" in html
    assert '<th scope="col">解析警告</th>' in html
