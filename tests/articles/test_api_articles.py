"""The read API's articles: filters, keyset paging, one article, search, query bounds."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ArticleKind, Photo
from tests.factories import (
    image_upload,
    make_article,
    make_correction,
    make_district,
    make_hongkou_story,
    make_installment,
    make_person,
    make_program,
    make_reporter,
    make_subdistrict,
)

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_list_gives_public_articles_newest_first_with_their_relations(client):
    older = make_article(published_at=timezone.now() - 3 * HOUR)
    story = make_hongkou_story()
    body = client.get("/api/v1/articles").json()
    assert [item["id"] for item in body["items"]] == [story.pk, older.pk]
    item = body["items"][0]
    assert item["headline"] == "下到社区里 下沉心练功夫"
    assert item["kicker"] == "虹口区嘉兴路街道推进社区治理"
    assert item["subheadlines"] == ["街道干部走进居民区"]
    assert item["bylines"][0]["reporter"]["name"] == "袁玮"
    assert item["bylines"][0]["role"] == "本报记者"
    assert item["districts"][0]["code"] == "310109"
    assert item["subdistricts"][0] | {"code": None} == {
        "code": None,
        "slug": "jiaxinglu",
        "name": "嘉兴路街道",
        "kind": "街道",
        "district_code": "310109",
    }
    assert item["tags"] == [{"slug": "社区治理", "name": "社区治理"}]
    assert item["url"] == f"http://testserver{story.get_absolute_url()}"
    assert item["print_date"] == "2022-11-21"
    assert item["published_at"].endswith("+08:00")
    assert body["next"] is None


def test_list_filters_by_each_parameter(client):
    hongkou, xuhui = make_district("hongkou"), make_district("xuhui")
    street = make_subdistrict("嘉兴路街道", district=hongkou)
    program = make_program("上海金环")
    reporter = make_reporter("袁玮")
    now = timezone.now()
    a = make_article(
        districts=[hongkou],
        subdistricts=[street],
        reporters=[reporter],
        tags=["社区治理"],
        program=program,
        print_date=datetime.date(2022, 11, 21),
        published_at=now - 5 * HOUR,
    )
    b = make_article(districts=[xuhui], kind=ArticleKind.COMMENTARY, published_at=now - 2 * HOUR)
    cases = {
        "district=hongkou": [a.pk],
        "district=xuhui": [b.pk],
        f"subdistrict={street.code}": [a.pk],
        f"program={program.slug}": [a.pk],
        f"reporter={reporter.slug}": [a.pk],
        "tag=社区治理": [a.pk],
        "kind=commentary": [b.pk],
        "print_date=2022-11-21": [a.pk],
        "published_after=" + (now - 3 * HOUR).isoformat().replace("+", "%2B"): [b.pk],
        "published_before=" + (now - 3 * HOUR).isoformat().replace("+", "%2B"): [a.pk],
        "district=hongkou&kind=commentary": [],
    }
    for query, expected in cases.items():
        assert ids(client.get(f"/api/v1/articles?{query}")) == expected, query


def test_published_after_without_an_offset_means_shanghai_time(client):
    shanghai_nine = datetime.datetime(2022, 11, 21, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    before = make_article(published_at=shanghai_nine - datetime.timedelta(minutes=1))
    after = make_article(published_at=shanghai_nine)
    assert ids(client.get("/api/v1/articles?published_after=2022-11-21T09:00:00")) == [after.pk]
    assert ids(client.get("/api/v1/articles?published_before=2022-11-21T09:00:00")) == [before.pk]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("kind=poem", "kind"),
        ("limit=101", "limit"),
        # pydantic alone reads a number as a Unix timestamp; only ISO 8601 is a time here.
        ("published_before=0.5", "published_before"),
        ("print_date=1.5", "print_date"),
        # A time that cannot be moved to UTC (it would fall before year 1).
        ("published_after=0001-01-01T00:00:00%2B14:00", "published_after"),
    ],
)
def test_bad_filter_values_get_a_422_naming_the_parameter(client, query, parameter):
    response = client.get(f"/api/v1/articles?{query}")
    assert response.status_code == 422, response.content
    assert [e["loc"][-1] for e in response.json()["detail"]] == [parameter]


def test_an_offset_the_database_would_refuse_is_read_as_the_same_moment_in_utc(client):
    # PostgreSQL refuses offsets beyond ±15:59; the filter sends UTC, so it is a plain time.
    article = make_article(published_at=datetime.datetime(2022, 11, 22, 3, 0, tzinfo=datetime.UTC))
    response = client.get("/api/v1/articles?published_after=2022-11-21T09:00:00-17:28")
    assert ids(response) == [article.pk]


def test_keyset_paging_walks_every_article_once_even_with_equal_publish_times(client):
    moment = timezone.now() - HOUR
    articles = [make_article(published_at=moment) for _ in range(4)]
    articles += [make_article(published_at=moment - HOUR) for _ in range(3)]
    expected = [a.pk for a in sorted(articles, key=lambda a: (a.published_at, a.pk), reverse=True)]
    seen, url = [], "/api/v1/articles?limit=3"
    while url:
        body = client.get(url).json()
        seen += [item["id"] for item in body["items"]]
        url = body["next"]
        assert url is None or url.startswith("http://testserver/api/v1/articles?")
    assert seen == expected


def test_a_cursor_that_is_not_ours_gets_a_400_naming_it(client):
    response = client.get("/api/v1/articles?cursor=bm9wZQ")
    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]


def test_one_article_carries_body_photos_mentions_and_corrections(client):
    story = make_hongkou_story()
    photo = Photo.objects.create(article=story, image=image_upload(), caption="居民议事会")
    correction = make_correction(story, "人名有误。")
    body = client.get(f"/api/v1/articles/{story.pk}").json()
    assert body["body"][1] == {"kind": "subhead", "text": "练好基本功", "photo": None}
    assert body["body_text"].startswith("嘉兴路街道的干部")
    assert body["mentions"] == [
        {
            "person": {"id": story.people.get().pk, "name": "刘懿静", "disambiguation": ""},
            "title": "居民",
        }
    ]
    assert body["photos"][0]["id"] == photo.pk
    assert body["photos"][0]["url"].startswith("http://testserver/")
    assert body["corrections"][0]["text"] == "人名有误。"
    modified_at = datetime.datetime.fromisoformat(body["modified_at"])
    assert body["modified_at"].endswith("+08:00")
    assert abs(modified_at - correction.corrected_at) < datetime.timedelta(milliseconds=1)


def test_search_finds_public_articles_through_the_search_package(client):
    hit = make_article(headline="社区食堂开张", districts=[make_district("hongkou")])
    make_article(headline="社区食堂在徐汇", districts=[make_district("xuhui")])
    make_article(headline="别的新闻")
    body = client.get("/api/v1/search?q=食堂&district=hongkou").json()
    assert [item["id"] for item in body["items"]] == [hit.pk]
    assert body["count"] == 1 and body["more"] is False and body["next"] is None
    assert client.get("/api/v1/search?q=食堂&limit=1").json()["next"].endswith("page=2")
    assert client.get("/api/v1/search?q=%20").status_code == 400


def _busy_article(index: int, program, installment):
    """An article with two of everything a list item shows."""
    return make_article(
        reporters=[make_reporter(), make_reporter()],
        districts=[make_district("hongkou"), make_district("xuhui")],
        subdistricts=[make_subdistrict()],
        tags=[f"标签{index}", "共同"],
        people=[make_person()],
        program=program,
        installment=installment,
    )


def _list_queries(client, count: int, url: str) -> int:
    program = make_program()
    installment = make_installment(program)
    for index in range(count):
        _busy_article(index, program, installment)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(response.json()["items"]) == count
    return len(queries)


@pytest.mark.parametrize(
    ("url", "bound"),
    [
        ("/api/v1/articles?limit=50", 6),
        ("/api/v1/articles?limit=50&format=ninjs", 7),
        # Search counts its matches (up to the cap) before fetching the page.
        ("/api/v1/search?q=稿件标题&limit=50", 7),
    ],
    ids=["json", "ninjs", "search"],
)
def test_a_list_of_fifty_costs_what_a_list_of_five_does(client, url, bound):
    five = _list_queries(client, 5, url)
    Article.objects.all().delete()
    fifty = _list_queries(client, 50, url)
    assert five == fifty <= bound


def test_one_article_costs_at_most_eight_queries(client, django_assert_max_num_queries):
    story = make_hongkou_story()
    Photo.objects.create(article=story, image=image_upload(), caption="图")
    make_correction(story)
    with django_assert_max_num_queries(8):
        assert client.get(f"/api/v1/articles/{story.pk}").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(f"/api/v1/articles/{story.pk}.ninjs").status_code == 200
