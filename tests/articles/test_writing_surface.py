"""The writing surface: inline markup on the reader's page and in the text outputs, 字数 on the
change form, and the body preview endpoint."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.api.ninjs import body_html
from articles.article_page import article_description
from articles.models import Photo
from articles.photos import photo_save
from tests.factories import image_upload, make_article, make_draft, make_user

pytestmark = pytest.mark.django_db

PREVIEW = reverse("admin:articles_article_body_preview")
MARKED = "详见[区政府网站](https://www.shhk.gov.cn/)，**务必**带*证件*。"
HOSTILE = "[点我](javascript:alert(1)) <script>alert(1)</script> <img src=x onerror=alert(1)>"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_the_article_page_renders_links_and_emphasis_and_escapes_the_rest(client):
    article = make_article(
        body=[
            {"kind": "paragraph", "text": MARKED},
            {"kind": "paragraph", "text": HOSTILE},
            {"kind": "caption", "text": "图为*居民*在[现场](http://e.com/)"},
            {"kind": "subhead", "text": "**小标题不加粗**"},
        ]
    )
    page = client.get(article.get_absolute_url()).text
    assert (
        '<p>详见<a href="https://www.shhk.gov.cn/" rel="nofollow noopener">区政府网站</a>，'
        "<strong>务必</strong>带<em>证件</em>。</p>"
    ) in page
    assert (
        '<p class="caption">图为<em>居民</em>在'
        '<a href="http://e.com/" rel="nofollow noopener">现场</a></p>'
    ) in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    assert "[点我](javascript:alert(1))" in page
    assert '<h2 class="subhead">**小标题不加粗**</h2>' in page


def test_markup_costs_the_article_page_no_query(client):
    plain = make_article(body=[{"kind": "paragraph", "text": "普通段落"}] * 3)
    marked = make_article(body=[{"kind": "paragraph", "text": MARKED}] * 3)
    counts = []
    for article in (plain, marked):
        client.get(article.get_absolute_url())  # warm per-process caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_text_outputs_strip_the_markup(client):
    article = make_article(body=[{"kind": "paragraph", "text": MARKED}], summary="")
    assert article.body_text == "详见区政府网站，务必带证件。"
    assert article_description(article) == "详见区政府网站，务必带证件。"
    page = client.get(article.get_absolute_url()).text
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(block)["description"] == "详见区政府网站，务必带证件。"
    feed = client.get("/feed/").text
    assert "详见区政府网站，务必带证件。" in feed
    assert "**" not in feed and "shhk.gov.cn" not in feed


def test_ninjs_body_html_carries_the_sanitised_markup():
    article = make_article(body=[{"kind": "paragraph", "text": MARKED + HOSTILE}])
    html = body_html(article, absolute=lambda path: "https://example.com" + path)
    assert '<a href="https://www.shhk.gov.cn/" rel="nofollow noopener">区政府网站</a>' in html
    assert "<strong>务必</strong>" in html
    assert "<script" not in html and 'href="javascript' not in html


def test_the_change_form_shows_the_saved_counts_without_javascript(client):
    article = make_draft(
        headline="弄堂 咖啡馆",
        summary="一家 小店。",
        body=[{"kind": "paragraph", "text": MARKED}],
    )
    client.force_login(make_user("editor"))
    page = client.get(change_url(article)).text
    counts = dict(re.findall(r'data-for="id_(\w+)">字数：(\d+)<', page))
    assert counts == {"headline": "5", "summary": "5", "body": "14"}
    assert "字数只计汉字和其他可见字符" in page
    assert f'data-preview-url="{PREVIEW}"' in page
    assert f'data-article="{article.pk}"' in page
    assert "admin_newsroom/writing.js" in page


def test_the_preview_renders_each_block_as_readers_see_it(client):
    editor = make_user("editor")
    article = make_draft(headline="带图的稿件")
    photo = photo_save(photo=Photo(article=article, image=image_upload(size=(1200, 800))))
    client.force_login(editor)
    body = f"## 小标题\n\n{MARKED}\n\n> 图注*强调*\n\n[图片 {photo.pk}]\n\n[图片 999999]"
    response = client.post(PREVIEW, {"body": body, "article": article.pk})
    assert response.status_code == 200
    html = response.text
    assert '<h2 class="subhead">小标题</h2>' in html
    assert '<a href="https://www.shhk.gov.cn/" rel="nofollow noopener">区政府网站</a>' in html
    assert '<p class="caption">图注<em>强调</em></p>' in html
    assert photo.image.url in html
    # A thumbnail: a 12rem preview picks the narrowest rendition from the srcset.
    assert 'sizes="12rem"' in html
    assert "480w" in html
    assert "图片 999999 不在本稿的图片中" in html


def test_the_preview_output_is_sanitised(client):
    client.force_login(make_user("reporter"))
    html = client.post(PREVIEW, {"body": HOSTILE + "\n\n## <b>小标题</b>"}).text
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert 'href="javascript' not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;小标题&lt;/b&gt;" in html


def _preview_queries(client, photo_count: int) -> int:
    article = make_draft()
    photos = [
        photo_save(photo=Photo(article=article, image=image_upload(size=(64, 48))))
        for _ in range(photo_count)
    ]
    body = "\n\n".join(f"[图片 {p.pk}]\n\n段落{p.pk}" for p in photos)
    client.post(PREVIEW, {"body": body, "article": article.pk})
    with CaptureQueriesContext(connection) as queries:
        response = client.post(PREVIEW, {"body": body, "article": article.pk})
    assert response.text.count("<figure") == photo_count
    return len(queries)


def test_the_preview_reads_the_photos_in_one_query_however_many(client):
    client.force_login(make_user("editor"))
    one, five = _preview_queries(client, 1), _preview_queries(client, 5)
    assert one == five
    # Session and user, second factor, permissions, the article (with what the admin reads
    # with it) and its edit check, the photos, and the session's save.
    assert one <= 13


def test_the_preview_is_post_only_and_for_staff_who_may_change_articles(client):
    assert client.post(PREVIEW, {"body": "x"}).status_code == 302  # to the login page
    client.force_login(make_user("editor"))
    assert client.get(PREVIEW).status_code == 405
    client.force_login(make_user("none"))  # staff, but in no group
    assert client.post(PREVIEW, {"body": "x"}).status_code == 403


def test_a_reporter_previews_their_own_article_but_not_a_colleagues(client):
    author = make_user("reporter")
    own = make_draft(created_by=author)
    colleague = make_draft(created_by=make_user("reporter"))
    client.force_login(author)
    assert client.post(PREVIEW, {"body": "x", "article": own.pk}).status_code == 200
    assert client.post(PREVIEW, {"body": "x", "article": colleague.pk}).status_code == 403
    assert client.post(PREVIEW, {"body": "x", "article": "nonsense"}).status_code == 403
