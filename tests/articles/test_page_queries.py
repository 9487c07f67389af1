"""Every public page runs a bounded number of queries, whatever the data's size."""

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Photo
from tests.factories import (
    make_article,
    make_correction,
    make_district,
    make_installment,
    make_person,
    make_program,
    make_reporter,
    make_subdistrict,
)

pytestmark = pytest.mark.django_db

SIZES = {"small": (5, 1), "large": (40, 6)}  # (articles on lists, relations per article)
PRINT_DATE = datetime.date(2022, 11, 21)


def _photo(article, n):
    buffer = BytesIO()
    Image.new("RGB", (64, 48), "blue").save(buffer, "PNG")
    upload = SimpleUploadedFile(f"p{n}.png", buffer.getvalue(), content_type="image/png")
    return Photo.objects.create(article=article, image=upload, caption=f"图{n}", order=n)


def build(size: str) -> dict:
    """A site where every list holds `articles` items and the main article `relations` of each."""
    articles, relations = SIZES[size]
    slugs = ["hongkou", "huangpu", "xuhui", "putuo", "pudong", "minhang"][:relations]
    districts = [make_district(slug) for slug in slugs]
    program = make_program("测量专题")
    reporters = [make_reporter(f"记者{size}{n}") for n in range(relations)]
    people = [make_person(f"人物{size}{n}") for n in range(relations)]
    tags = [f"标签{n}" for n in range(relations)]
    now = timezone.now()
    main = None
    for n in range(articles):
        article = make_article(
            headline=f"社区稿件{n}",
            published_at=now - datetime.timedelta(hours=n + 1),
            reporters=reporters,
            districts=districts,
            subdistricts=[make_subdistrict(district=districts[0])],
            people=people,
            tags=tags,
            program=program,
            installment=make_installment(program, n + 1),
            print_date=PRINT_DATE,
            print_page="A5",
        )
        make_correction(article)
        main = main or article
    photos = [_photo(main, n) for n in range(relations)]
    main.body = [{"kind": "paragraph", "text": "社区"}] + [
        {"kind": "image", "photo": photo.pk} for photo in photos
    ]
    main.save()
    return {
        "article": main,
        "program": program,
        "reporter": reporters[0],
        "person": people[0],
        "tag": main.tags.first(),
    }


# Every public page, built without the page cache, asks at most this many queries (issue 12).
PUBLIC_PAGE_QUERY_LIMIT = 6

PAGES = {
    # Pins, the latest, programs and their newest, the print edition, the map's counts.
    "home": (lambda d: "/", 6),
    # The article with its districts, 街道 and bylines, mentions, tags, corrections, photos,
    # related stories; without photos or corrections one query less each.
    "article": (lambda d: d["article"].get_absolute_url(), 6),
    # One of these draws the small locator map of all 16 districts.
    "district": (lambda d: "/district/hongkou/", 5),
    "district-jiedao": (lambda d: "/district/hongkou/?jiedao=jiaxinglu", 6),
    "district-index": (lambda d: "/districts/", 2),
    "district-index-30d": (lambda d: "/districts/?window=30d", 2),
    # Each with one for its sparkline of articles per month.
    "program": (lambda d: d["program"].get_absolute_url(), 4),
    "reporter": (lambda d: d["reporter"].get_absolute_url(), 4),
    "person": (lambda d: d["person"].get_absolute_url(), 4),
    "tag": (lambda d: f"/tag/{d['tag'].slug}/", 4),
    "archive": (lambda d: "/archive/", 1),
    "archive-month": (lambda d: "/archive/2022/11/", 5),
    "archive-day": (lambda d: "/archive/2022/11/21/", 4),
    # The capped count, the ranked page, the public tags of the form.
    "list": (lambda d: "/search/", 3),
    "search": (lambda d: "/search/?q=社区", 3),
    "search-all-filters": (
        lambda d: (
            f"/search/?q=社区&district=hongkou&program={d['program'].slug}"
            f"&reporter={d['reporter'].slug}&tag={d['tag'].slug}&kind=news"
            "&date_from=2000-01-01&date_to=2100-01-01"
        ),
        5,
    ),
    "corrections": (lambda d: "/corrections/", 2),
    "feed": (lambda d: "/feed/", 2),
    "district-feed": (lambda d: "/district/hongkou/feed/", 3),
    "program-feed": (lambda d: f"/program/{d['program'].slug}/feed/", 3),
    "reporter-feed": (lambda d: f"/reporter/{d['reporter'].slug}/feed/", 3),
    "tag-feed": (lambda d: f"/tag/{d['tag'].slug}/feed/", 3),
    "sitemap-index": (lambda d: "/sitemap.xml", 4),
    "sitemap-articles": (lambda d: "/sitemap-articles.xml", 2),
    "sitemap-news": (lambda d: "/sitemap-news.xml", 2),
    "sitemap-districts": (lambda d: "/sitemap-districts.xml", 0),
    "sitemap-programs": (lambda d: "/sitemap-programs.xml", 2),
    "sitemap-reporters": (lambda d: "/sitemap-reporters.xml", 2),
    "robots": (lambda d: "/robots.txt", 0),
    "api-list": (lambda d: "/api/v1/articles?limit=50", 6),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", PAGES)
def test_page_query_count_is_bounded(client, django_assert_max_num_queries, page, size):
    data = build(size)
    url, bound = PAGES[page][0](data), PAGES[page][1]
    assert client.get(url).status_code == 200  # warms per-process caches (content types)
    with django_assert_max_num_queries(bound):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_every_public_page_asks_at_most_six_queries_uncached(
    client, settings, django_assert_max_num_queries, page
):
    settings.NEWSROOM_PAGE_CACHE = False
    url = PAGES[page][0](build("large"))
    client.get(url)  # reference data and content types are cached once per process
    with django_assert_max_num_queries(PUBLIC_PAGE_QUERY_LIMIT):
        assert client.get(url).status_code == 200
