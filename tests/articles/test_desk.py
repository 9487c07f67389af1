"""The desk on the admin index: each section, who sees what, and a bounded query count."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.desk import desk_sections, start_of_today
from articles.models import ArticleStatus
from articles.templatetags.desk_tags import ago
from tests.factories import (
    make_correction,
    make_draft,
    make_published_article,
    make_reporter,
    make_source_document,
    make_user,
)

pytestmark = pytest.mark.django_db

DESK = reverse("admin:index")
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def section_html(html: str, key: str) -> str:
    match = re.search(rf'<section[^>]*id="desk-{key}".*?</section>', html, re.S)
    assert match, f"no desk section {key}"
    return match.group(0)


def reporter_with_byline(name="王记者"):
    user = make_user("reporter")
    return user, make_reporter(name, user=user)


def test_desk_is_the_admin_index_and_links_the_statistics(client):
    client.force_login(make_user("editor"))
    response = client.get(DESK)
    assert response.status_code == 200
    assert 'id="desk-drafts"' in response.text
    assert reverse("admin-statistics") in response.text


def test_reporter_desk_shows_own_drafts_and_review_only(client):
    user, reporter = reporter_with_byline()
    mine = make_draft(headline="我写的草稿", created_by=user, bylines=[reporter])
    make_draft(headline="别人的草稿", created_by=make_user("reporter"))
    others_review = make_draft(headline="别人待审", status=ArticleStatus.REVIEW)
    client.force_login(user)
    html = client.get(DESK).text
    drafts = section_html(html, "drafts")
    assert mine.headline in drafts and change_url(mine) in drafts
    assert "别人的草稿" not in html
    assert others_review.headline not in html
    # Reporters have no business with the loader's pages.
    assert 'id="desk-loaded"' not in html


def test_review_section_says_who_submitted_and_how_long_ago(client):
    user, reporter = reporter_with_byline("李小记")
    article = make_draft(headline="等待审核的稿", created_by=user, bylines=[reporter])
    services.article_submit(article=article, user=user)
    client.force_login(make_user("editor"))
    review = section_html(client.get(DESK).text, "review")
    assert article.headline in review and change_url(article) in review
    assert "李小记 提交" in review
    assert "刚刚" in review


def test_how_long_ago_reads_as_editors_say_it():
    now = timezone.now()
    assert ago(now - datetime.timedelta(seconds=20), now) == "刚刚"
    assert ago(now - datetime.timedelta(minutes=5), now) == "5\xa0分钟前"


def test_scheduled_published_today_and_corrections_sections(client):
    now = timezone.now()
    midnight = start_of_today(now)
    later = make_published_article(headline="明早见报", published_at=now + HOUR * 12)
    this_morning = midnight + (now - midnight) / 2
    today = make_published_article(headline="刚刚发布", published_at=this_morning)
    last_month = make_published_article(headline="上月旧闻", published_at=now - DAY * 40)
    make_correction(today, text="更正：人名写错了")
    make_correction(last_month, text="很久以前的更正", corrected_at=now - DAY * 30)
    client.force_login(make_user("editor"))
    html = client.get(DESK).text
    assert later.headline in section_html(html, "scheduled")
    assert today.headline not in section_html(html, "scheduled")
    published = section_html(html, "published_today")
    assert today.headline in published and last_month.headline not in published
    corrections = section_html(html, "corrections")
    assert "更正：人名写错了" in corrections and change_url(today) in corrections
    assert "很久以前的更正" not in corrections


def test_recently_loaded_pages_link_to_the_page(client):
    page = make_source_document(file_name="2024-05-01_A5.txt")
    client.force_login(make_user("editor"))
    loaded = section_html(client.get(DESK).text, "loaded")
    assert "2024-05-01_A5.txt" in loaded
    assert reverse("admin:articles_sourcedocument_change", args=[page.pk]) in loaded


def test_loaded_pages_show_their_warning_count_and_the_first_warnings(client):
    warnings = [
        {"code": "no_byline", "message": f"没有找到署名{i}", "line": 10 + i, "article": i}
        for i in range(5)
    ]
    make_source_document(file_name="warned.txt", parse_warnings=warnings)
    make_source_document(file_name="clean.txt")
    client.force_login(make_user("editor"))
    loaded = section_html(client.get(DESK).text, "loaded")
    assert "解析警告 5 条" in loaded and "无解析警告" in loaded
    assert "第 10 行：没有找到署名0" in loaded and "第 12 行：没有找到署名2" in loaded
    # The rest are on the page's own admin view.
    assert "没有找到署名3" not in loaded and "另有 2 条，见版面页" in loaded


def test_warning_text_on_the_desk_is_escaped(client):
    hostile = [{"code": "x", "message": "<script>alert(1)</script>", "line": 1, "article": 0}]
    make_source_document(parse_warnings=hostile)
    client.force_login(make_user("editor"))
    loaded = section_html(client.get(DESK).text, "loaded")
    assert "<script>" not in loaded and "&lt;script&gt;" in loaded


def test_transitions_appear_on_the_desk(client):
    editor = make_user("editor")
    article = make_draft(headline="流程里的稿", status=ArticleStatus.REVIEW)
    services.article_publish(article=article, user=editor)
    client.force_login(editor)
    steps = section_html(client.get(DESK).text, "steps")
    assert article.headline in steps and "发布" in steps


def test_every_section_is_bounded_in_rows():
    editor = make_user("editor")
    for _ in range(15):
        make_draft(status=ArticleStatus.REVIEW)
    review = next(s for s in desk_sections(editor) if s.key == "review")
    assert len(review.rows) == 10


def fill_desk(count: int):
    """`count` articles in every state the desk shows, with transitions and corrections."""
    editor = make_user("editor")
    now = timezone.now()
    for _ in range(count):
        user, reporter = reporter_with_byline(None)
        draft = make_draft(created_by=user, bylines=[reporter])
        services.article_submit(article=draft, user=user)
        make_draft(status=ArticleStatus.PUBLISHED, published_at=now + datetime.timedelta(hours=2))
        published = make_draft(status=ArticleStatus.PUBLISHED, published_at=now)
        make_correction(published, text="更正")
        warning = {"code": "no_byline", "message": "没有找到署名", "line": 3, "article": 0}
        make_source_document(parse_warnings=[warning])
        make_draft(created_by=editor)
        mine = make_draft(created_by=editor)
        services.article_submit(article=mine, user=editor)
        services.article_send_back(article=mine, user=editor, comment="再核实一下。")
        make_draft(status=ArticleStatus.PROOFREADING)
        make_draft(status=ArticleStatus.PUBLISHED, published_at=now, embargo_until=now + 3 * HOUR)
    return editor


@pytest.mark.parametrize("count", [2, 25])
def test_desk_queries_do_not_grow_with_the_desk(client, django_assert_max_num_queries, count):
    editor = fill_desk(count)
    client.force_login(editor)
    # Session, user, permissions, the second factor's device, then one or two per section;
    # ROWS caps every section.
    with django_assert_max_num_queries(21):
        response = client.get(DESK)
    assert response.status_code == 200
    assert response.text.count("再核实一下。") >= min(count, 10)
    assert f"待校对（{count} 篇）" in section_html(response.text, "proofreading")
    assert section_html(response.text, "loaded").count("解析警告 1 条") == min(count, 10)


def test_the_proofreading_queue_and_embargoes_are_on_the_desk():
    editor = make_user("editor")
    now = timezone.now()
    old = make_draft(status=ArticleStatus.PROOFREADING, headline="先载入的稿件")
    make_draft(status=ArticleStatus.PROOFREADING, headline="后载入的稿件")
    make_draft(status=ArticleStatus.DRAFT, headline="普通草稿")
    held = make_draft(
        status=ArticleStatus.PUBLISHED,
        headline="禁发中的稿件",
        published_at=now - HOUR,
        embargo_until=now + 3 * HOUR,
    )
    sections = {s.key: s for s in desk_sections(editor, now=now)}
    queue = sections["proofreading"]
    assert queue.title == "待校对（2 篇）"
    assert [row.title for row in queue.rows][0].endswith("先载入的稿件")
    assert queue.rows[0].url == change_url(old)
    assert all("普通草稿" not in row.title for row in queue.rows)
    (row,) = sections["scheduled"].rows
    assert row.url == change_url(held)
    assert (row.label, row.when) == ("禁发至", held.embargo_until)
