"""Proofreading OCR text: the repairs diff, the 已校对 mark, and publishing needing that mark."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.loading import load_documents
from articles.models import Article, ArticleStatus
from articles.repair_diff import ADDED, JOIN, PUNCT, REMOVED, SAME, SPACE, repair_diff
from tests.admin_forms import form_data
from tests.factories import make_article, make_user, seed_text, source_page

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def loaded_article() -> Article:
    """The seed page's first article, loaded as the loader leaves it: 待校对."""
    load_documents(pages=[source_page(seed_text(), name="A5.txt")], now=timezone.now())
    return Article.objects.get(source_position=0)


def test_diff_names_removed_spaces_restored_punctuation_and_rejoined_breaks():
    diff = repair_diff("虹口 区,老房\n\n子", "虹口区，老房子")
    assert diff.raw == [
        (SAME, "虹口"),
        (SPACE, " "),
        (SAME, "区"),
        (PUNCT, ","),
        (SAME, "老房"),
        (JOIN, "\n\n"),
        (SAME, "子"),
    ]
    assert diff.clean == [(SAME, "虹口区"), (PUNCT, "，"), (SAME, "老房子")]
    assert (diff.counts[SPACE], diff.counts[PUNCT], diff.counts[JOIN]) == (1, 1, 1)


def test_diff_keeps_other_changes_apart_from_the_repairs():
    diff = repair_diff("本报记者 杨欢\n\n正文", "正文。")
    assert (REMOVED, "本报记者 杨欢\n\n") in diff.raw
    assert diff.clean[-1] == (PUNCT, "。")
    assert diff.counts[ADDED] == 0 and diff.counts[REMOVED] == 1


def test_diff_of_identical_text_has_no_repairs():
    diff = repair_diff("没有改动的文字", "没有改动的文字")
    assert diff.raw == diff.clean == [(SAME, "没有改动的文字")]
    assert not diff.counts


def test_change_form_shows_the_loaders_repairs_highlighted_and_escaped(client):
    article = loaded_article()
    Article.objects.filter(pk=article.pk).update(
        source_text=article.source_text.replace("周末的上午", "周末的<b>上午", 1)
    )
    client.force_login(make_user("editor"))
    page = client.get(change_url(article)).text
    raw = page.split("<h4>OCR 原文</h4>")[1].split("</pre>")[0]
    repaired = page.split("<h4>修复后的正文</h4>")[1].split("</pre>")[0]
    for kind in (SPACE, PUNCT, JOIN):
        assert f'class="repair repair-{kind}"' in raw, kind
    assert 'class="repair repair-punct" title="恢复的标点">，</mark>' in repaired
    assert "&lt;b&gt;" in raw and "<b>" not in raw
    assert "去掉的空格" in page and "恢复的标点" in page and "接续的断行" in page
    assert "尚未校对" in page
    assert 'name="_mark_proofread"' in page
    assert 'name="_publish"' not in page


def test_an_article_typed_in_by_hand_has_nothing_to_proofread(client):
    article = make_article(status=ArticleStatus.DRAFT)
    client.force_login(make_user("editor"))
    page = client.get(change_url(article)).text
    assert "OCR 原文与修复后的正文" not in page
    assert 'name="_mark_proofread"' not in page


def test_marking_proofread_records_who_and_when_and_sends_it_to_review(client):
    article = loaded_article()
    editor = make_user("editor", first_name="校对员")
    client.force_login(editor)
    data = form_data(client.get(change_url(article)).text)
    data["headline"] = "校对后的标题"
    client.post(change_url(article), {**data, "_mark_proofread": "保存并标记已校对"})
    article.refresh_from_db()
    assert (article.status, article.headline) == (ArticleStatus.REVIEW, "校对后的标题")
    assert article.proofread_by == editor and article.proofread_at is not None
    page = client.get(change_url(article)).text
    assert "校对员 于" in page and "标记已校对" in page
    assert 'name="_publish"' in page


def test_publishing_needs_the_proofread_mark():
    article = loaded_article()
    editor = make_user("editor")
    with pytest.raises(services.WorkflowError, match="已校对"):
        services.article_publish(article=article, user=editor)
    services.article_mark_proofread(article=article, user=editor)
    services.article_publish(article=article, user=editor)
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_the_publish_action_refuses_an_article_waiting_for_proofreading(client):
    article = loaded_article()
    client.force_login(make_user("editor"))
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "还没有校对" in response.text
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.PROOFREADING


def test_a_reporter_may_not_mark_proofread():
    article = loaded_article()
    with pytest.raises(PermissionDenied):
        services.article_mark_proofread(article=article, user=make_user("reporter"))
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.PROOFREADING


def test_only_articles_waiting_for_proofreading_can_be_marked():
    article = make_article(status=ArticleStatus.DRAFT)
    with pytest.raises(services.WorkflowError):
        services.article_mark_proofread(article=article, user=make_user("editor"))


def test_awaiting_proofreading_lists_only_the_loaders_unproofread_articles():
    article = loaded_article()
    make_article(status=ArticleStatus.DRAFT)
    assert Article.objects.awaiting_proofreading().count() == 3
    services.article_mark_proofread(article=article, user=make_user("editor"))
    waiting = Article.objects.awaiting_proofreading()
    assert article not in waiting and waiting.count() == 2


def test_a_corrected_page_sends_proofread_text_back_to_proofreading():
    article = loaded_article()
    services.article_mark_proofread(article=article, user=make_user("editor"))
    corrected = seed_text().replace("周末的上午", "上周六上午", 1)
    load_documents(pages=[source_page(corrected, name="A5.txt")], now=timezone.now())
    article.refresh_from_db()
    assert "上周六上午" in article.body[0]["text"]
    assert article.status == ArticleStatus.PROOFREADING
    assert (article.proofread_by, article.proofread_at) == (None, None)
