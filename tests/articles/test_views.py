"""Public pages: what readers see, what stays hidden, and how the article page behaves."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from articles.models import ArticleKind, ArticleStatus
from tests.factories import (
    make_article,
    make_correction,
    make_district,
    make_hongkou_story,
    make_installment,
    make_person,
    make_program,
    make_reporter,
)

pytestmark = pytest.mark.django_db

HIDDEN = {
    "proofreading": {"status": ArticleStatus.PROOFREADING},
    "draft": {"status": ArticleStatus.DRAFT},
    "review": {"status": ArticleStatus.REVIEW},
    "withdrawn": {"status": ArticleStatus.WITHDRAWN},
    "scheduled": {
        "status": ArticleStatus.PUBLISHED,
        "published_at": timezone.now() + datetime.timedelta(days=1),
    },
    "embargoed": {
        "status": ArticleStatus.PUBLISHED,
        "embargo_until": timezone.now() + datetime.timedelta(days=1),
    },
    "expired": {
        "status": ArticleStatus.PUBLISHED,
        "expires_at": timezone.now() - datetime.timedelta(minutes=1),
    },
}
# Readers saw a withdrawn or expired article once: its URL says so (410) rather than 404.
GONE = {"withdrawn", "expired"}


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_article_page_shows_the_story_with_its_credits_and_provenance(client):
    article = make_hongkou_story()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.text
    assert "下到社区里 下沉心练功夫" in html
    assert "虹口区嘉兴路街道推进社区治理" in html
    assert "街道干部走进居民区" in html
    assert '<h2 class="subhead">练好基本功</h2>' in html
    reporter = article.bylines.get().reporter
    assert f'href="{reporter.get_absolute_url()}">袁玮</a>' in html
    assert "原载《新民晚报》" in html and "2022年11月21日" in html and "A5版" in html
    assert 'href="/district/hongkou/"' in html
    assert "嘉兴路街道" in html
    person = article.mentions.get().person
    assert f'href="{person.get_absolute_url()}"' in html
    assert "社区治理</a>" in html


def test_article_without_print_date_says_so(client):
    article = make_article()
    assert "见报日期不详" in client.get(article.get_absolute_url()).text


def test_article_url_is_date_and_id(client):
    article = make_article(published_at=datetime.datetime(2022, 11, 21, 8, tzinfo=datetime.UTC))
    assert article.get_absolute_url() == f"/2022/11/21/{article.pk}/"


def test_slug_and_wrong_date_redirect_permanently_to_the_canonical_url(client):
    article = make_article()
    canonical = article.get_absolute_url()
    response = client.get(f"{canonical}xia-dao-she-qu-li/")
    assert response.status_code == 301
    assert response["Location"] == canonical
    response = client.get(f"/2001/01/01/{article.pk}/")
    assert response.status_code == 301
    assert response["Location"] == canonical


@pytest.mark.parametrize("state", HIDDEN)
def test_unpublished_articles_are_404_everywhere(client, state):
    hongkou = make_district("hongkou")
    program = make_program("秘密专题")
    reporter = make_reporter("暗访记者")
    person = make_person("未公开人物")
    hidden = make_article(
        headline="不该看到的稿件",
        districts=[hongkou],
        program=program,
        reporters=[reporter],
        people=[person],
        tags=["秘密标签"],
        print_date=datetime.date(2022, 11, 21),
        **HIDDEN[state],
    )
    make_correction(hidden, "不该看到的更正")
    assert client.get(hidden.get_absolute_url()).status_code == (410 if state in GONE else 404)
    assert client.get(f"/tag/{hidden.tags.get().slug}/").status_code == 404
    assert client.get(person.get_absolute_url()).status_code == 404
    assert client.get("/archive/2022/11/21/").status_code == 404
    for url in [
        "/",
        "/district/hongkou/",
        program.get_absolute_url(),
        reporter.get_absolute_url(),
        "/search/?q=不该",
        "/search/",
        "/corrections/",
        "/feed/",
        "/district/hongkou/feed/",
        f"/program/{program.slug}/feed/",
        f"/reporter/{reporter.slug}/feed/",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
        "/archive/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "不该看到" not in response.content.decode(), url
        assert "秘密标签" not in response.content.decode(), url


def test_404_page_is_chinese_and_styled_like_the_site(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "页面不存在" in response.text
    assert "/static/css/site.css" in response.text
    assert '<html lang="zh-CN">' in response.text


def test_500_page_is_chinese_and_renders_without_context():
    from django.template.loader import get_template

    html = get_template("500.html").render()
    assert "服务器出错了" in html
    assert "site.css" in html


def test_user_text_is_escaped(client):
    article = make_article(
        kicker="<b>引题</b>",
        headline="<script>alert(1)</script>标题",
        body=[{"kind": "paragraph", "text": "<img src=x onerror=alert(1)>"}],
        summary="</script><script>alert(2)</script>",
    )
    html = client.get(article.get_absolute_url()).text
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "<b>引题" not in html
    assert "</script><script>alert(2)" not in html
    assert json_ld(html)["description"] == "</script><script>alert(2)</script>"


def test_article_page_carries_news_article_json_ld(client):
    article = make_hongkou_story()
    html = client.get(article.get_absolute_url()).text
    data = json_ld(html)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "下到社区里 下沉心练功夫"
    assert data["datePublished"].endswith("+08:00")
    assert data["dateModified"].endswith("+08:00")
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "袁玮",
            "url": f"http://testserver{article.bylines.get().reporter.get_absolute_url()}",
        }
    ]
    assert data["publisher"]["name"] == "新民晚报"
    assert data["printEdition"] == "2022-11-21"
    assert data["printPage"] == "A5"
    assert "image" not in data


def test_article_page_has_open_graph_canonical_and_title(client):
    article = make_hongkou_story()
    html = client.get(article.get_absolute_url()).text
    url = f"http://testserver{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert 'property="og:title" content="虹口区嘉兴路街道推进社区治理 下到社区里' in html
    assert re.search(r'property="article:published_time" content="[^"]+\+08:00"', html)
    assert "og:image" not in html
    assert "<title>下到社区里 下沉心练功夫 - " in html
    assert '<meta name="description" content="嘉兴路街道的干部' in html


def test_article_page_needs_no_csp_nonce_so_it_can_be_shared(client):
    article = make_article()
    response = client.get(article.get_absolute_url())
    assert "nonce" not in response.text
    assert "nonce" not in response["Content-Security-Policy"]
    assert json_ld(response.text)["@type"] == "NewsArticle"


def test_photos_appear_in_place_with_srcset_and_og_image(client, settings):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from articles.models import Photo

    buffer = BytesIO()
    Image.new("RGB", (1200, 800), "red").save(buffer, "JPEG")
    article = make_article(body=[{"kind": "paragraph", "text": "第一段。"}])
    photo = Photo.objects.create(
        article=article,
        image=SimpleUploadedFile("p.jpg", buffer.getvalue(), content_type="image/jpeg"),
        caption="居民在社区活动",
        credit="张三",
        renditions={"480": "renditions/p-480w.webp"},
    )
    article.body = [
        {"kind": "paragraph", "text": "第一段。"},
        {"kind": "image", "photo": photo.pk},
        {"kind": "caption", "text": "图说文字"},
    ]
    article.save()
    html = client.get(article.get_absolute_url()).text
    assert html.index("第一段。") < html.index("<figure") < html.index("图说文字")
    assert 'srcset="/media/renditions/p-480w.webp 480w, /media/photos/' in html
    assert "1200w" in html
    assert "居民在社区活动" in html
    assert '<meta property="og:image" content="http://testserver/media/photos/' in html
    assert json_ld(html)["image"][0].startswith("http://testserver/media/photos/")


def test_program_article_links_previous_and_next_installment(client):
    program = make_program("点亮“上海金环”融媒体特别报道")
    now = timezone.now()
    first = make_article(
        headline="第一篇",
        program=program,
        installment=make_installment(program, 1),
        published_at=now - datetime.timedelta(days=3),
    )
    second = make_article(
        headline="第二篇",
        program=program,
        installment=make_installment(program, 2),
        published_at=now - datetime.timedelta(days=2),
    )
    third = make_article(
        headline="第三篇",
        program=program,
        installment=make_installment(program, 3),
        published_at=now - datetime.timedelta(days=1),
    )
    make_article(headline="草稿篇", program=program, status=ArticleStatus.DRAFT)
    html = client.get(second.get_absolute_url()).text
    assert f'上一篇：<a rel="prev" href="{first.get_absolute_url()}">第一篇</a>' in html
    assert f'下一篇：<a rel="next" href="{third.get_absolute_url()}">第三篇</a>' in html
    assert "第二辑" in html
    html = client.get(third.get_absolute_url()).text
    assert "下一篇" not in html
    assert "草稿篇" not in html


def test_related_articles_share_district_or_tag_and_are_public(client):
    hongkou = make_district("hongkou")
    article = make_article(districts=[hongkou], tags=["养老"])
    make_article(headline="同区稿件", districts=[hongkou])
    make_article(headline="同标签稿件", tags=["养老"])
    make_article(headline="无关稿件", districts=[make_district("xuhui")])
    make_article(headline="同区草稿", districts=[hongkou], status=ArticleStatus.DRAFT)
    html = client.get(article.get_absolute_url()).text
    related = html[html.index("相关稿件") :]
    assert "同区稿件" in related and "同标签稿件" in related
    assert "无关稿件" not in related and "同区草稿" not in related


def test_corrections_show_on_the_article_and_the_corrections_page(client):
    article = make_article(headline="有更正的稿件")
    make_correction(article, "第三段人名应为刘懿静。")
    assert "第三段人名应为刘懿静。" in client.get(article.get_absolute_url()).text
    page = client.get("/corrections/").text
    assert "第三段人名应为刘懿静。" in page and "有更正的稿件" in page


def test_article_answers_conditional_requests_with_304(client):
    article = make_article()
    url = article.get_absolute_url()
    response = client.get(url)
    etag, modified = response["ETag"], response["Last-Modified"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
    article.headline = "改过的标题"
    article.save()
    assert client.get(url, headers={"if-none-match": etag}).status_code == 200


def test_a_new_correction_changes_the_etag(client):
    article = make_article()
    url = article.get_absolute_url()
    etag = client.get(url)["ETag"]
    make_correction(article)
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_home_shows_latest_programs_districts_and_print_edition(client):
    story = make_hongkou_story()
    program = make_program("点亮“上海金环”融媒体特别报道")
    make_article(
        headline="点亮 上海金环",
        program=program,
        installment=make_installment(program, 1),
        print_date=datetime.date(2022, 11, 21),
        print_page="A6",
    )
    html = client.get("/").text
    assert story.headline in html
    assert "点亮“上海金环”融媒体特别报道" in html
    assert "第一辑" in html
    assert 'href="/district/hongkou/">虹口 <span class="count">1</span>' in html
    assert "最新一期报纸" in html and "2022年11月21日" in html and "A6版" in html


def test_district_page_lists_its_articles_and_subdistricts(client):
    story = make_hongkou_story()
    make_article(headline="徐汇稿件", districts=[make_district("xuhui")])
    response = client.get("/district/hongkou/")
    html = response.text
    assert story.headline in html and "徐汇稿件" not in html
    assert '?jiedao=jiaxinglu">嘉兴路街道' in html
    narrowed = client.get("/district/hongkou/?jiedao=jiaxinglu").text
    assert story.headline in narrowed
    assert client.get("/district/hongkou/?jiedao=nowhere").status_code == 404


def test_unknown_district_is_404(client):
    assert client.get("/district/atlantis/").status_code == 404


def test_program_page_lists_installments_in_order(client):
    program = make_program("专题甲", description="专题简介文字")
    now = timezone.now()
    make_article(
        headline="后一辑",
        program=program,
        installment=make_installment(program, 2),
        published_at=now - datetime.timedelta(days=5),
    )
    make_article(
        headline="前一辑",
        program=program,
        installment=make_installment(program, 1),
        published_at=now - datetime.timedelta(days=1),
    )
    html = client.get(program.get_absolute_url()).text
    assert "专题简介文字" in html
    assert html.index("前一辑") < html.index("后一辑")


def test_tag_page_lists_tagged_public_articles(client):
    article = make_article(headline="养老稿件", tags=["养老服务"])
    slug = article.tags.get().slug
    html = client.get(f"/tag/{slug}/").text
    assert "养老稿件" in html
    assert client.get("/tag/no-such-tag/").status_code == 404


def test_archive_by_print_day_and_month(client):
    make_article(headline="见报稿件", print_date=datetime.date(2022, 11, 21), print_page="A5")
    make_article(headline="另一天", print_date=datetime.date(2022, 11, 3))
    day = client.get("/archive/2022/11/21/").text
    assert "见报稿件" in day and "A5版" in day and "另一天" not in day
    month = client.get("/archive/2022/11/").text
    assert "见报稿件" in month and "另一天" in month
    assert "2022年11月" in client.get("/archive/").text
    assert client.get("/archive/2022/10/").status_code == 404
    assert client.get("/archive/2022/13/01/").status_code == 404


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.text


def test_article_kind_filter_is_offered_in_chinese(client):
    make_article(kind=ArticleKind.COMMENTARY)
    assert "评论" in client.get("/search/").text


def test_related_articles_come_from_each_relations_newest_candidates(client, monkeypatch):
    from articles import related

    monkeypatch.setattr(related, "RELATED_CANDIDATES", 2)
    hongkou = make_district("hongkou")
    oldest = make_article(headline="最早的同区稿件", districts=[hongkou])
    newer = [make_article(headline=f"较新同区稿件{n}", districts=[hongkou]) for n in range(2)]
    article = newer[-1]
    html = client.get(article.get_absolute_url()).text
    shown = html[html.index("相关稿件") :]
    assert "较新同区稿件0" in shown
    assert oldest.headline not in shown
