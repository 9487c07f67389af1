"""Front-page curation: pinned stories fill the home page's top slots in order, and lapse."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from articles import front_page
from articles.models import ArticleStatus, FrontPagePin
from tests.admin_forms import form_data
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)


def headlines(articles) -> list[str]:
    return [article.headline for article in articles]


def pin(article, position, **fields) -> FrontPagePin:
    return FrontPagePin.objects.create(article=article, position=position, **fields)


@freeze_time(NOW)
def test_pinned_stories_lead_in_slot_order_then_the_latest():
    hour = datetime.timedelta(hours=1)
    old_lead = make_article(headline="三天前的头条", published_at=NOW - 72 * hour)
    second = make_article(headline="昨天的第二条", published_at=NOW - 24 * hour)
    make_article(headline="最新", published_at=NOW - hour)
    make_article(headline="次新", published_at=NOW - 2 * hour)
    pin(second, 2)
    pin(old_lead, 1)
    assert headlines(front_page.latest_articles(limit=4)) == [
        "三天前的头条",
        "昨天的第二条",
        "最新",
        "次新",
    ]


def test_a_pin_lapses_at_its_end_time():
    with freeze_time(NOW):
        pinned = make_article(headline="置顶稿", published_at=NOW - datetime.timedelta(days=2))
        make_article(headline="新稿", published_at=NOW - datetime.timedelta(hours=1))
        pin(pinned, 1, ends_at=NOW + datetime.timedelta(hours=6))
        assert headlines(front_page.latest_articles()) == ["置顶稿", "新稿"]
    with freeze_time(NOW + datetime.timedelta(hours=6)):
        assert headlines(front_page.latest_articles()) == ["新稿", "置顶稿"]


@pytest.mark.parametrize(
    "fields",
    [
        {"status": ArticleStatus.DRAFT},
        {"embargo_until": NOW + datetime.timedelta(days=1)},
        {"expires_at": NOW - datetime.timedelta(minutes=1)},
    ],
    ids=["draft", "embargoed", "expired"],
)
@freeze_time(NOW)
def test_a_pin_never_shows_a_story_the_public_rule_hides(fields):
    hidden = make_article(
        headline="不该上首页", published_at=NOW - datetime.timedelta(days=1), **fields
    )
    pin(hidden, 1)
    make_article(headline="普通稿件")
    assert headlines(front_page.latest_articles()) == ["普通稿件"]


@freeze_time(NOW)
def test_home_page_marks_pinned_stories_in_bounded_queries(client, django_assert_max_num_queries):
    for n in range(3):
        pin(
            make_article(headline=f"置顶{n}", published_at=NOW - datetime.timedelta(days=n + 1)),
            n + 1,
        )
    for n in range(8):
        make_article(headline=f"普通{n}")
    client.get("/")
    # The home page's 8 queries (one asks for pins), plus the pinned stories' bylines, districts.
    with django_assert_max_num_queries(10):
        html = client.get("/").text
    assert html.count('<p class="pinned-label">置顶</p>') == 3
    assert html.index("置顶0") < html.index("置顶1") < html.index("置顶2") < html.index("普通0")


def test_an_editor_pins_a_story_in_the_admin_and_is_recorded_as_pinning_it(client):
    editor = make_user("editor")
    article = make_article(headline="要闻")
    client.force_login(editor)
    add = reverse("admin:articles_frontpagepin_add")
    data = form_data(client.get(add).text, form_id="frontpagepin_form")
    data.update(article=article.pk, position=1, ends_at_0="", ends_at_1="")
    response = client.post(add, data)
    assert response.status_code == 302
    saved = FrontPagePin.objects.get()
    assert (saved.article, saved.position, saved.pinned_by) == (article, 1, editor)


def test_a_slot_outside_the_top_slots_is_refused_with_a_message(client):
    client.force_login(make_user("editor"))
    add = reverse("admin:articles_frontpagepin_add")
    response = client.post(add, {"article": make_article().pk, "position": 9})
    assert response.status_code == 200
    assert "5" in response.context["adminform"].form.errors["position"][0]
    assert not FrontPagePin.objects.exists()


@pytest.mark.parametrize("role", ["reporter", "anonymous"])
def test_only_editors_may_pin(client, role):
    if role == "reporter":
        client.force_login(make_user("reporter"))
    article = make_article()
    client.post(reverse("admin:articles_frontpagepin_add"), {"article": article.pk, "position": 1})
    assert not FrontPagePin.objects.exists()
    pin(article, 1)
    client.post(
        reverse("admin:articles_frontpagepin_delete", args=[article.front_page_pin.pk]),
        {"post": "yes"},
    )
    assert FrontPagePin.objects.exists()
