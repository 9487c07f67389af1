"""The editors' admin: every page answers, forms round-trip, saves never lose each other."""

import datetime

import pytest
from django.contrib import admin
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from articles.admin import articles as article_admin
from articles.api.tokens import issue_token
from articles.history import article_versions
from articles.loading import load_documents
from articles.models import (
    Article,
    ArticleStatus,
    FrontPagePin,
    LoaderRun,
    Photo,
    PreviewShare,
    ProgramInstallment,
    SourceDocument,
    TaskRun,
)
from articles.preview import preview_share_create
from articles.services import article_record
from articles.tasks import thorough_people_pass
from tests.admin_forms import form_data
from tests.factories import (
    PASSWORD,
    image_upload,
    make_correction,
    make_draft,
    make_person,
    make_program,
    make_reporter,
    make_source_document,
    make_user,
    seed_text,
    some_districts,
    source_page,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def one_of_each():
    """At least one object of every registered model, so every change page can be opened."""
    reporter = make_reporter(user=make_user("reporter"))
    program = make_program()
    installment = ProgramInstallment.objects.create(program=program, number=1, label="第一辑")
    article = make_draft(
        bylines=[reporter], districts=some_districts(1), program=program, installment=installment
    )
    article.tags.add("老城区")
    FrontPagePin.objects.create(article=article, position=1)
    make_person()
    make_source_document()
    LoaderRun.objects.create(pages=1, created=3)
    thorough_people_pass.enqueue([article.pk])
    issue_token(user=reporter.user, name="合作方同步")
    share = PreviewShare(article=article, reviewer="外部审阅人")
    preview_share_create(share=share, hours=1, user=make_user("editor"))


OUR_ADMINS = [
    ma for ma in admin.site._registry.values() if ma.opts.app_label in ("articles", "people")
]


@pytest.mark.parametrize("model_admin", OUR_ADMINS, ids=lambda ma: ma.opts.label)
@pytest.mark.usefixtures("db_tasks")  # the task run is a row of the database backend
def test_every_admin_page_answers_for_a_superuser(client, model_admin):
    one_of_each()
    client.force_login(make_user("superuser"))
    info = (model_admin.opts.app_label, model_admin.opts.model_name)
    assert client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    add = client.get(reverse("admin:{}_{}_add".format(*info)))
    assert add.status_code == (
        403 if model_admin.opts.model in (SourceDocument, LoaderRun, TaskRun) else 200
    )
    obj = model_admin.model._default_manager.first()
    assert obj is not None
    change = client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    assert change.status_code == 200


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_article_pages_answer_for_each_group(client, role):
    article = make_draft(bylines=[make_reporter()])
    client.force_login(make_user(role))
    assert client.get(CHANGELIST).status_code == 200
    assert client.get(reverse("admin:articles_article_add")).status_code == 200
    if role == "editor":
        assert client.get(change_url(article)).status_code == 200


@pytest.mark.parametrize("count", [5, 50])
def test_changelist_queries_stay_bounded(client, django_assert_max_num_queries, count):
    districts = some_districts(3)
    reporters = [make_reporter() for _ in range(3)]
    program = make_program()
    for _ in range(count):
        make_draft(
            status=ArticleStatus.PUBLISHED,
            bylines=reporters,
            districts=districts,
            program=program,
        )
    client.force_login(make_user("editor"))
    # One of them loads the device that verified the session's second factor.
    with django_assert_max_num_queries(18):
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert response.text.count(reporters[0].name) >= min(count, 50)


@pytest.mark.parametrize("others", [0, 40])
def test_change_page_queries_do_not_grow_with_other_articles(
    client, django_assert_max_num_queries, others
):
    reporters = [make_reporter() for _ in range(3)]
    for _ in range(others):
        make_draft(bylines=reporters, districts=some_districts(2))
    article = make_draft(bylines=reporters, districts=some_districts(2))
    client.force_login(make_user("editor"))
    # The reporter autocomplete widget looks up its one selected reporter per byline row; the
    # editorial comment thread is one query more, one loads the device that verified the
    # session's second factor, and one fills the content-type cache when this test runs first.
    # Presence is four: the stale-row delete, this user's row (an update, then the insert on a
    # first visit), and who else has it open.
    with django_assert_max_num_queries(31):
        assert client.get(change_url(article)).status_code == 200


def test_changelist_search_finds_body_text_and_reporter(client):
    reporter = make_reporter(name="袁玮")
    make_draft(
        headline="甲",
        body=[{"kind": "paragraph", "text": "虹口区嘉兴路街道的老房子修缮"}],
    )
    make_draft(headline="乙", bylines=[reporter])
    make_draft(headline="丙")
    client.force_login(make_user("editor"))
    by_body = client.get(CHANGELIST, {"q": "老房子"}).context["cl"].result_list
    by_reporter = client.get(CHANGELIST, {"q": "袁玮"}).context["cl"].result_list
    assert [a.headline for a in by_body] == ["甲"]
    assert [a.headline for a in by_reporter] == ["乙"]


def test_changelist_search_goes_through_the_search_index(client):
    reporter = make_reporter(name="袁玮")
    make_draft(headline="全角", body=[{"kind": "paragraph", "text": "ＡＩ助手进社区"}])
    make_draft(headline="图注", body=[{"kind": "caption", "text": "ai"}])
    make_draft(headline="署名", bylines=[reporter], body=[{"kind": "paragraph", "text": "社区"}])
    make_draft(headline="摘要", summary="社区摘要")
    client.force_login(make_user("editor"))

    def found(q):
        return sorted(
            a.headline for a in client.get(CHANGELIST, {"q": q}).context["cl"].result_list
        )

    assert found("ai") == ["全角"]  # NFKC and lower case: only the index finds it; never captions
    assert found("社区 袁玮") == ["署名"]  # one term in the text, the other a reporter's name
    assert found("社区") == ["全角", "摘要", "署名"]


def test_changelist_filters_by_status_and_district(client):
    district = some_districts(1)[0]
    make_draft(headline="草稿甲", districts=[district])
    make_draft(headline="已发布乙", status=ArticleStatus.PUBLISHED)
    client.force_login(make_user("editor"))
    drafts = client.get(CHANGELIST, {"status__exact": "draft"}).context["cl"].result_list
    in_district = client.get(CHANGELIST, {"districts__id__exact": district.pk}).context["cl"]
    assert [a.headline for a in drafts] == ["草稿甲"]
    assert [a.headline for a in in_district.result_list] == ["草稿甲"]


def test_body_is_edited_as_plain_text_and_stored_as_blocks(client):
    article = make_draft()
    client.force_login(make_user("editor"))
    page = client.get(change_url(article))
    assert "段与段之间空一行" in page.text
    data = form_data(page.text)
    data["body"] = "第一段。\n\n## 小标题\n\n> 图片说明"
    data["subheadline"] = "副题一\n副题二"
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.body == [
        {"kind": "paragraph", "text": "第一段。"},
        {"kind": "subhead", "text": "小标题"},
        {"kind": "caption", "text": "图片说明"},
    ]
    assert article.subheadline == ["副题一", "副题二"]


def test_second_of_two_concurrent_saves_is_refused_and_first_kept(client):
    article = make_draft(headline="原标题")
    first, second = make_user("editor"), make_user("editor")
    client.force_login(first)
    first_form = form_data(client.get(change_url(article)).text)
    client.force_login(second)
    second_form = form_data(client.get(change_url(article)).text)

    client.force_login(first)
    first_form["headline"] = "第一位编辑的标题"
    assert client.post(change_url(article), first_form).status_code == 302

    client.force_login(second)
    second_form["headline"] = "第二位编辑的标题"
    response = client.post(change_url(article), second_form)
    assert response.status_code == 200
    assert "已被他人保存" in response.text
    article.refresh_from_db()
    assert article.headline == "第一位编辑的标题"


def test_saving_moves_the_version_on_and_records_a_revision(client):
    article = make_draft()
    client.force_login(make_user("editor"))
    data = form_data(client.get(change_url(article)).text)
    data["headline"] = "新标题"
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.version == 2
    comments = [v.revision.comment for v in article_versions(article)]
    assert comments == ["编辑保存", "修改前的版本"]


def test_history_page_shows_a_readable_diff(client):
    article = make_draft(headline="旧标题")
    client.force_login(make_user("editor"))
    data = form_data(client.get(change_url(article)).text)
    data["headline"] = "新标题"
    data["body"] = "新的一段。"
    client.post(change_url(article), data)
    page = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert "旧标题" in page.text
    assert "新标题" in page.text
    assert "恢复到这个版本" in page.text


def test_publish_button_publishes_through_the_service(client):
    article = make_draft(status=ArticleStatus.REVIEW)
    client.force_login(make_user("editor"))
    page = client.get(change_url(article))
    assert 'name="_publish"' in page.text
    data = form_data(page.text)
    data["_publish"] = "保存并发布"
    response = client.post(change_url(article), data, follow=True)
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert "已发布" in response.text


def test_reporter_sees_submit_but_not_publish_button(client):
    reporter = make_user("reporter")
    article = make_draft(created_by=reporter)
    client.force_login(reporter)
    page = client.get(change_url(article))
    assert 'name="_submit_review"' in page.text
    assert 'name="_publish"' not in page.text
    data = form_data(page.text)
    data["_submit_review"] = "保存并提交审核"
    client.post(change_url(article), data)
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.REVIEW


def test_add_sets_creator_and_bylines_the_reporter(client):
    user = make_user("reporter")
    reporter = make_reporter(user=user)
    client.force_login(user)
    data = form_data(client.get(reverse("admin:articles_article_add")).text)
    data.update(headline="记者新稿", body="正文第一段。", status="published")
    client.post(reverse("admin:articles_article_add"), data)
    article = Article.objects.get(headline="记者新稿")
    assert article.created_by == user
    assert article.status == ArticleStatus.DRAFT
    assert [b.reporter for b in article.bylines.all()] == [reporter]


def test_byline_inline_uses_reporter_autocomplete(client):
    article = make_draft()
    client.force_login(make_user("editor"))
    page = client.get(change_url(article))
    assert "admin-autocomplete" in page.text
    assert "bylines-TOTAL_FORMS" in page.text
    assert "photos-TOTAL_FORMS" in page.text
    assert "corrections-TOTAL_FORMS" in page.text


def test_provenance_panel_shows_source_and_raw_ocr_beside_repaired_text(client):
    source = make_source_document(file_name="A5_2022-11-21.txt", sha256="ab" * 32)
    article = make_draft(
        source_document=source,
        source_position=0,
        source_text="虹 口区 老房 子<script>",
        body=[{"kind": "paragraph", "text": "虹口区老房子"}],
    )
    client.force_login(make_user("editor"))
    page = client.get(change_url(article)).text
    assert "A5_2022-11-21.txt" in page
    assert "ab" * 32 in page
    raw = page.split("<h4>OCR 原文</h4>")[1].split("</pre>")[0]
    repaired = page.split("<h4>修复后的正文</h4>")[1].split("</pre>")[0]
    assert strip_tags(raw) == "虹 口区 老房 子&lt;script&gt;"
    assert strip_tags(repaired) == f"{article.headline}\n\n虹口区老房子"
    assert "<script>" not in raw


def test_provenance_panel_lists_source_versions_and_what_changed_between_them(client):
    load_documents(pages=[source_page(seed_text(), name="A5.txt")], now=timezone.now())
    corrected = seed_text().replace("周末的上午", "上周六上午", 1)
    load_documents(pages=[source_page(corrected, name="A5.txt")], now=timezone.now())
    client.force_login(make_user("editor"))
    article = Article.objects.get(source_position=0)
    page = client.get(change_url(article)).text
    first, second = SourceDocument.objects.get().versions.order_by("number")
    assert f"第 1 版 · {timezone.localtime(first.loaded_at):%Y-%m-%d %H:%M}" in page
    assert f"<code>{second.sha256}</code>（本稿载入自此版）" in page
    assert "第 1 版 → 第 2 版" in page
    assert '<span class="diff--">-周末的上午' in page
    assert '<span class="diff-+">+上周六上午' in page


WARNINGS = [
    {"code": "no_byline", "message": "没有找到署名，请核对作者", "line": 4, "article": 0},
    {"code": "unknown_district", "message": "“拱墅区”不在区名表里", "line": 30, "article": 1},
    {"code": "page", "message": "整版<b>提醒</b>", "line": 1, "article": None},
]


def test_source_document_page_lists_its_parse_warnings_escaped(client):
    source = make_source_document(parse_warnings=WARNINGS)
    client.force_login(make_user("editor"))
    page = client.get(reverse("admin:articles_sourcedocument_change", args=[source.pk])).text
    assert "第 4 行，第 1 篇</span>：没有找到署名，请核对作者" in page
    assert "第 30 行，第 2 篇</span>：“拱墅区”不在区名表里" in page
    assert "第 1 行</span>：整版&lt;b&gt;提醒&lt;/b&gt;" in page
    listing = client.get(reverse("admin:articles_sourcedocument_changelist")).text
    assert '<td class="field-warning_count">3</td>' in listing


def test_change_form_shows_the_warnings_of_its_own_article_and_page(client):
    source = make_source_document(parse_warnings=WARNINGS)
    article = make_draft(source_document=source, source_position=1)
    client.force_login(make_user("editor"))
    page = client.get(change_url(article)).text
    note = page.split('class="parse-warnings-note"')[1].split("</aside>")[0]
    assert "载入时的解析警告（2 条）" in note
    assert "第 30 行：“拱墅区”不在区名表里" in note and "第 1 行：整版&lt;b&gt;" in note
    assert "没有找到署名" not in note
    assert reverse("admin:articles_sourcedocument_change", args=[source.pk]) in note
    typed = make_draft()
    assert "parse-warnings-note" not in client.get(change_url(typed)).text


def test_source_documents_are_read_only_even_for_superusers(client):
    source = make_source_document()
    client.force_login(make_user("superuser"))
    url = reverse("admin:articles_sourcedocument_change", args=[source.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="file_name"' not in page.text
    client.post(url, {"file_name": "changed.txt"})
    delete = reverse("admin:articles_sourcedocument_delete", args=[source.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    source.refresh_from_db()
    assert source.file_name != "changed.txt"


def _with_one_photo(data: dict) -> dict:
    """The change form's data with one new photo in the photos inline."""
    data.update(
        {
            "photos-TOTAL_FORMS": "1",
            "photos-0-image": image_upload(size=(1200, 800)),
            "photos-0-caption": "修缮后的老房子",
            "photos-0-order": "0",
        }
    )
    return data


def test_photo_added_inline_gets_renditions(client):
    article = make_draft()
    client.force_login(make_user("editor"))
    data = _with_one_photo(form_data(client.get(change_url(article)).text))
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["errors"]
    photo = Photo.objects.get(article=article)
    assert set(photo.renditions) == {"480", "960"}


def test_preview_link_is_on_the_change_page(client):
    article = make_draft()
    client.force_login(make_user("editor"))
    assert "/preview/" in client.get(change_url(article)).text


def test_five_failed_logins_lock_the_admin_with_a_chinese_page(client, settings):
    settings.AXES_ENABLED = True
    user = make_user("editor", username="locked-editor")
    login = reverse("admin:login")
    for _ in range(5):
        client.post(login, {"username": user.username, "password": "wrong"})
    response = client.post(login, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "账号已暂时锁定" in response.text
    assert "_auth_user_id" not in client.session


def test_view_only_page_shows_body_as_text_not_json(client):
    reporter = make_user("reporter")
    article = make_draft(
        status=ArticleStatus.PUBLISHED,
        subheadline=["副题一行"],
        body=[
            {"kind": "subhead", "text": "小标题<b>"},
            {"kind": "paragraph", "text": "第一段正文。"},
        ],
    )
    client.force_login(reporter)
    page = client.get(change_url(article))
    assert page.status_code == 200
    assert 'name="headline"' not in page.text  # view only: no form fields
    assert "## 小标题&lt;b&gt;\n\n第一段正文。" in page.text
    assert "副题一行" in page.text
    assert '"kind"' not in page.text and "&quot;kind&quot;" not in page.text


def test_reporter_can_remove_a_wrong_byline_from_own_draft(client):
    reporter = make_user("reporter")
    wrong, right = make_reporter("错名"), make_reporter("对名")
    article = make_draft(created_by=reporter, bylines=[wrong, right])
    client.force_login(reporter)
    data = form_data(client.get(change_url(article)).text)
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("bylines-") and key.endswith("-reporter") and value == str(wrong.pk)
    )
    data[f"bylines-{index}-DELETE"] = "on"
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    assert list(article.bylines.values_list("reporter__name", flat=True)) == ["对名"]


def test_history_page_shows_a_tag_change(client):
    article = make_draft()
    article.tags.add("旧标签")
    client.force_login(make_user("editor"))
    data = form_data(client.get(change_url(article)).text)
    data["tags"] = "新标签, 旧标签"
    client.post(change_url(article), data)
    assert sorted(article.tags.names()) == ["新标签", "旧标签"]
    page = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert '<th scope="row">标签</th>' in page.text
    assert "新标签、旧标签" in page.text


def test_revert_through_the_admin_says_which_photos_could_not_come_back(client):
    article = make_draft()
    photo = Photo.objects.create(article=article, image=image_upload(), caption="说明")
    article_record(article=article)
    original = article_versions(article).first()
    name = photo.image.name
    photo.delete()
    default_storage.delete(name)
    client.force_login(make_user("editor"))
    response = client.post(
        reverse("admin:articles_article_revert", args=[article.pk, original.pk]), follow=True
    )
    assert "已恢复到所选版本" in response.text
    assert name in response.text


def test_history_page_queries_do_not_grow_with_revisions(client, django_assert_max_num_queries):
    article = make_draft()
    for n in range(10):
        article.tags.add(f"标签{n}")
        make_correction(article, f"第{n}条更正。")
        article_record(article=article)
    client.force_login(make_user("editor"))
    # 12 for the page, one for the paginator's count of revisions, one for the editorial
    # comment thread, 3 for the session saved on every request (the 8-hour idle timeout) and one
    # for the second factor's device.
    with django_assert_max_num_queries(18):
        page = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert "第9条更正。" in page.text


@pytest.mark.parametrize("button", [None, "_publish", "_withdraw"])
def test_article_with_a_photo_saves_again_and_through_each_button(client, button):
    article = make_draft()
    client.force_login(make_user("editor"))
    data = _with_one_photo(form_data(client.get(change_url(article)).text))
    assert client.post(change_url(article), data).status_code == 302
    if button == "_withdraw":
        data = form_data(client.get(change_url(article)).text)
        data["_publish"] = "保存并发布"
        assert client.post(change_url(article), data).status_code == 302
    data = form_data(client.get(change_url(article)).text)
    data["photos-0-caption"] = "第二次保存"
    if button:
        data[button] = "按钮"
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["errors"]
    assert Photo.objects.get(article=article).caption == "第二次保存"
    article.refresh_from_db()
    expected = {None: ArticleStatus.DRAFT, "_publish": ArticleStatus.PUBLISHED}
    assert article.status == expected.get(button, ArticleStatus.WITHDRAWN)


def test_history_pages_through_all_120_revisions_in_shanghai_time(client):
    article = make_draft()
    for n in range(120):
        Article.objects.filter(pk=article.pk).update(headline=f"标题{n}")
        article_record(article=article, comment=f"第{n}次")
    client.force_login(make_user("editor"))
    url = reverse("admin:articles_article_history", args=[article.pk])
    seen = []
    for number in (1, 2, 3):
        page = client.get(url, {"p": number})
        seen += [n for n, _, _ in page.context["entries"]]
        assert f"第 {number} / 3 页，共 120 个版本" in page.text
    assert seen == list(range(120, 0, -1))
    last = client.get(url, {"p": 3}).text
    assert "版本 1 · " in last and "第0次" in last
    oldest = article_versions(article).last().revision.date_created
    assert f"版本 1 · {timezone.localtime(oldest):%Y-%m-%d %H:%M:%S}" in last
    # Page 2 holds versions 70 to 21; its oldest entry still shows what version 20 had.
    middle = client.get(url, {"p": 2}).text
    assert "标题19" in middle
    assert "标题18" not in middle


def test_history_shows_publish_time_changes_in_shanghai_time(client):
    article = make_draft()
    article_record(article=article)
    at = datetime.datetime(2022, 11, 20, 22, 0, tzinfo=datetime.UTC)
    Article.objects.filter(pk=article.pk).update(published_at=at)
    article_record(article=article)
    client.force_login(make_user("editor"))
    page = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert "2022-11-21 06:00" in page.text


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_a_loaded_articles_change_page_reads_its_warnings_in_one_query(client, monkeypatch):
    source = make_source_document(parse_warnings=WARNINGS)
    article = make_draft(source_document=source, source_position=0)
    client.force_login(make_user("editor"))
    client.get(change_url(article))  # warm the content-type cache
    with_warnings = queries_of(client, change_url(article))
    monkeypatch.setattr(article_admin, "article_parse_warnings", lambda article: [])
    assert with_warnings == queries_of(client, change_url(article)) + 1
