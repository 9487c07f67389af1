"""The loading service: identity by page and position, corrections in place, editors' work kept."""

import hashlib
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from articles.history import article_versions
from articles.loading import (
    EDITED,
    GONE,
    VANISHED,
    Action,
    LoadError,
    content_checksum,
    load_documents,
    stored_content,
)
from articles.loading import save as loading_save
from articles.models import (
    Article,
    ArticleMention,
    ArticleStatus,
    Byline,
    LoaderRun,
    Program,
    ProgramInstallment,
    SourceDocument,
    SourceVersion,
)
from people.models import Person, Reporter
from tests.factories import seed_text, seed_variant, source_page

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 11, 21, 10, 0, tzinfo=UTC)
FIRST_PARAGRAPH = "周末的上午,虹口区嘉兴路街道社区文化中心"
CORRECTED_PARAGRAPH = "上周六上午,虹口区嘉兴路街道社区文化中心"


def load(*pages, **options):
    return load_documents(pages=list(pages), now=NOW, **options)


def counts(report):
    return {action: report.count(action) for action in Action}


def database_rows():
    models = [Article, SourceDocument, Byline, ArticleMention, Reporter, Person, Program]
    return {model.__name__: model.objects.count() for model in models}


def test_loaded_articles_wait_for_proofreading_unless_told_otherwise():
    load(source_page(seed_text(), name="seed.txt"))

    assert set(Article.objects.values_list("status", flat=True)) == {ArticleStatus.PROOFREADING}
    assert list(
        Article.objects.awaiting_proofreading().values_list("source_position", flat=True)
    ) == [
        0,
        1,
        2,
    ]
    assert not Article.objects.published().exists()


def test_seed_page_creates_three_published_articles_with_their_links():
    report = load(source_page(seed_text(), name="seed.txt"), status=ArticleStatus.PUBLISHED)

    assert counts(report)[Action.CREATED] == 3
    news, program, commentary = Article.objects.order_by("source_position")
    assert news.headline == "下到社区里 下沉心练功夫"
    assert news.status == ArticleStatus.PUBLISHED
    assert news.published_at == NOW
    assert [(b.reporter.name, b.role, b.position) for b in news.bylines.all()] == [
        ("袁玮", "本报记者", "end")
    ]
    assert {d.name for d in news.districts.all()} == {"虹口区"}
    assert [s.name for s in news.subdistricts.all()] == ["嘉兴路街道"]
    assert [(m.person.name, m.title) for m in news.mentions.all()][:2] == [
        ("刘懿静", "天虹居民区党总支书记"),
        ("李红波", "虹口区委组织部副部长"),
    ]
    assert program.program.name == "点亮“上海金环”融媒体特别报道"
    assert (program.installment.number, program.installment.label) == (1, "第一辑")
    assert program.installment.title == "浦东新区·外高桥全球汇"
    assert [(b.reporter.name, b.position) for b in commentary.bylines.all()] == [
        ("杨欢", "under_headline")
    ]
    assert commentary.kind == "commentary"
    assert commentary.slug == "caizhenglidujinxianhuiminwendu"


def test_loaded_article_keeps_its_page_position_and_raw_text():
    load(source_page(seed_text(), name="seed.txt"))

    document = SourceDocument.objects.get()
    article = Article.objects.get(source_position=0)
    assert document.file_name == "seed.txt"
    assert document.raw_text == seed_text()
    assert document.size == len(seed_text().encode())
    assert article.source_document == document
    assert "下沉心练功夫" in article.source_text


def test_stored_content_checksum_equals_the_loaded_one():
    load(source_page(seed_text()))

    for article in Article.objects.all():
        assert content_checksum(stored_content(article)) == article.source_checksum


def test_loading_the_same_page_again_changes_nothing():
    load(source_page(seed_text()))
    before = database_rows()
    versions = dict(Article.objects.values_list("pk", "version"))

    report = load(source_page(seed_text()))

    assert counts(report) == {
        Action.CREATED: 0,
        Action.UPDATED: 0,
        Action.UNCHANGED: 3,
        Action.SKIPPED: 0,
    }
    assert database_rows() == before
    assert dict(Article.objects.values_list("pk", "version")) == versions


def test_reloading_an_unchanged_page_takes_few_queries(django_assert_max_num_queries):
    load(source_page(seed_text()))
    page = source_page(seed_text())

    with django_assert_max_num_queries(10):
        load(page)


def test_corrected_page_updates_its_article_in_place():
    load(source_page(seed_text(), name="A5.txt"))
    article = Article.objects.get(source_position=0)

    corrected = seed_variant({FIRST_PARAGRAPH: CORRECTED_PARAGRAPH})
    report = load(source_page(corrected, name="A5.txt"))

    assert counts(report)[Action.UPDATED] == 1
    assert counts(report)[Action.UNCHANGED] == 2
    article.refresh_from_db()
    assert article.body[0]["text"].startswith("上周六上午")
    assert article.version == 2
    assert SourceDocument.objects.get().raw_text == corrected
    assert Article.objects.count() == 3


def test_corrected_page_records_a_revision_for_each_article_it_updates():
    load(source_page(seed_text(), name="A5.txt"))
    article = Article.objects.get(source_position=0)

    load(source_page(seed_variant({FIRST_PARAGRAPH: CORRECTED_PARAGRAPH}), name="A5.txt"))

    comments = [v.revision.comment for v in article_versions(article)]
    assert comments == ["载入更正版", "修改前的版本"]
    newest = article_versions(article).first()
    assert newest.field_dict["body"][0]["text"].startswith("上周六上午")
    untouched = Article.objects.get(source_position=1)
    assert not article_versions(untouched).exists()


def test_corrected_page_is_a_new_source_version_and_the_old_text_stays_byte_for_byte():
    original = seed_text()
    load(source_page(original, name="A5.txt"))
    corrected = seed_variant({FIRST_PARAGRAPH: CORRECTED_PARAGRAPH})
    Article.objects.filter(source_position=2).update(headline="编辑改过的标题")

    load(source_page(corrected, name="A5.txt"))

    document = SourceDocument.objects.get()
    first, second = document.versions.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert first.raw_text.encode() == original.encode()
    assert first.sha256 == hashlib.sha256(original.encode()).hexdigest()
    assert second.sha256 == hashlib.sha256(corrected.encode()).hexdigest()
    assert Article.objects.get(source_position=0).source_version == second
    # Unchanged on the page, or kept because an editor changed it: still on the first text.
    assert Article.objects.get(source_position=1).source_version == first
    assert Article.objects.get(source_position=2).source_version == first


def test_a_stored_source_version_cannot_be_rewritten():
    load(source_page(seed_text(), name="A5.txt"))
    version = SourceVersion.objects.get()
    version.raw_text = "改写"
    with pytest.raises(ValueError, match="不能修改"):
        version.save()
    assert SourceVersion.objects.get().raw_text == seed_text()


def test_corrected_page_leaves_an_article_an_editor_changed():
    load(source_page(seed_text(), name="A5.txt"))
    Article.objects.filter(source_position=0).update(headline="编辑改过的标题")

    corrected = seed_variant({FIRST_PARAGRAPH: CORRECTED_PARAGRAPH})
    report = load(source_page(corrected, name="A5.txt"))

    skipped = [o for o in report.outcomes if o.action == Action.SKIPPED]
    assert [(o.position, o.reason) for o in skipped] == [(0, EDITED)]
    article = Article.objects.get(source_position=0)
    assert article.headline == "编辑改过的标题"
    assert article.body[0]["text"].startswith("周末的上午")


def test_editor_changing_a_byline_counts_as_an_edit():
    load(source_page(seed_text(), name="A5.txt"))
    Byline.objects.filter(reporter__name="袁玮").update(role="特约通讯员")

    corrected = seed_variant({FIRST_PARAGRAPH: CORRECTED_PARAGRAPH})
    report = load(source_page(corrected, name="A5.txt"))

    assert [o.reason for o in report.outcomes if o.position == 0] == [EDITED]


def test_same_edition_and_page_is_a_correction_even_under_another_file_name():
    edition = date(2022, 11, 21)
    load(source_page(seed_text(), name="scan-1.txt", edition_date=edition, page="A5"))

    corrected = seed_variant({FIRST_PARAGRAPH: CORRECTED_PARAGRAPH})
    report = load(source_page(corrected, name="scan-2.txt", edition_date=edition, page="A5"))

    assert counts(report)[Action.UPDATED] == 1
    assert SourceDocument.objects.get().file_name == "scan-2.txt"


def test_same_file_name_from_another_edition_is_a_new_page():
    load(source_page(seed_text(), name="A5.txt", edition_date=date(2022, 11, 21), page="A5"))

    other = seed_variant({FIRST_PARAGRAPH: CORRECTED_PARAGRAPH})
    report = load(source_page(other, name="A5.txt", edition_date=date(2022, 11, 22), page="A5"))

    assert counts(report)[Action.CREATED] == 3
    assert SourceDocument.objects.count() == 2


def test_article_missing_from_a_corrected_page_is_kept_and_reported():
    load(source_page(seed_text(), name="A5.txt"))
    shorter = seed_text().split("\n\n\n\n点亮")[0]

    report = load(source_page(shorter, name="A5.txt"))

    vanished = [o for o in report.outcomes if o.reason == VANISHED]
    assert [(o.position, o.headline) for o in vanished] == [
        (1, "点亮 上海金环"),
        (2, "财政力度尽显惠民温度"),
    ]
    assert Article.objects.count() == 3


def test_deleted_article_is_not_recreated_from_the_same_page():
    load(source_page(seed_text()))
    Article.objects.filter(source_position=2).delete()

    report = load(source_page(seed_text()))

    assert [(o.position, o.reason) for o in report.outcomes if o.action == Action.SKIPPED] == [
        (2, GONE)
    ]
    assert Article.objects.count() == 2


def test_the_same_file_twice_in_one_run_is_loaded_once():
    report = load(source_page(seed_text(), name="a.txt"), source_page(seed_text(), name="b.txt"))

    assert counts(report)[Action.CREATED] == 3
    assert counts(report)[Action.SKIPPED] == 3
    assert SourceDocument.objects.count() == 1


def test_reporters_people_and_programs_are_matched_across_pages():
    other = seed_variant(
        {
            "下到社区里 下沉心练功夫": "社区里来了新书记",
            "财政力度尽显惠民温度": "民生投入看得见",
        }
    )
    load(source_page(seed_text(), name="a.txt"), source_page(other, name="b.txt"))

    assert Article.objects.count() == 6
    assert Reporter.objects.filter(name="袁玮").count() == 1
    assert Reporter.objects.filter(name="杨欢").count() == 1
    assert Person.objects.filter(name="刘懿静").count() == 1
    assert Program.objects.count() == 1
    assert ProgramInstallment.objects.count() == 1
    assert Byline.objects.filter(reporter__name="袁玮").count() == 2


def test_existing_reporter_is_reused_not_duplicated():
    reporter = Reporter.objects.create(name="袁玮", bio="跑社区条线")

    load(source_page(seed_text()))

    assert Reporter.objects.filter(name="袁玮").get() == reporter


def test_drafts_keep_the_print_date_for_publishing_later():
    edition = date(2022, 11, 21)
    load(source_page(seed_text(), edition_date=edition, page="A5"), status=ArticleStatus.DRAFT)

    article = Article.objects.get(source_position=0)
    assert article.status == ArticleStatus.DRAFT
    assert timezone.localtime(article.published_at).isoformat() == "2022-11-21T06:00:00+08:00"
    assert (article.print_date, article.print_page) == (edition, "A5")


def test_published_at_is_six_in_the_morning_of_the_edition_in_shanghai():
    load(source_page(seed_text(), edition_date=date(2022, 11, 21)))

    article = Article.objects.get(source_position=0)
    assert article.published_at == datetime(2022, 11, 20, 22, 0, tzinfo=UTC)


def test_dry_run_reports_without_writing():
    before = database_rows()

    report = load(source_page(seed_text()), dry_run=True)

    assert counts(report)[Action.CREATED] == 3
    assert database_rows() == before


def test_each_real_run_is_recorded_for_the_desk_and_a_dry_run_is_not():
    load(source_page(seed_text()), dry_run=True)
    assert not LoaderRun.objects.exists()

    load(source_page(seed_text()))
    load(source_page(seed_text()))

    latest, first = LoaderRun.objects.all()
    assert (first.pages, first.created, first.unchanged, first.skipped) == (1, 3, 0, 0)
    assert (latest.pages, latest.created, latest.unchanged) == (1, 0, 3)
    assert latest.finished_at == NOW


def test_a_failure_while_saving_rolls_back_the_whole_run(monkeypatch):
    calls = []
    real = loading_save.article_set_mentions

    def failing_on_the_second_page(*, article, mentions):
        calls.append(article.source_document.file_name)
        if article.source_document.file_name == "b.txt":
            raise IntegrityError("simulated failure")
        return real(article=article, mentions=mentions)

    monkeypatch.setattr(loading_save, "article_set_mentions", failing_on_the_second_page)
    before = database_rows()
    other = seed_variant({"下到社区里 下沉心练功夫": "社区里来了新书记"})

    with pytest.raises(LoadError, match="b.txt"):
        load(source_page(seed_text(), name="a.txt"), source_page(other, name="b.txt"))

    assert "a.txt" in calls
    assert database_rows() == before


def test_overlong_parsed_fields_are_clipped_to_the_columns():
    page = source_page(seed_text())
    parsed = page.document.articles[0]
    parsed.headline = "长" * 300
    parsed.bylines = [replace(parsed.bylines[0], name="名" * 50, role="身份" * 20)]
    parsed.people = [replace(parsed.people[0], title="职务" * 50)]

    load(page)

    article = Article.objects.get(source_position=0)
    assert len(article.headline) == 200
    assert len(article.bylines.get().reporter.name) == 40
    assert len(article.mentions.get().title) == 80
    assert content_checksum(stored_content(article)) == article.source_checksum


def test_a_page_keeps_its_parse_warnings_and_the_run_counts_them():
    page = source_page(seed_text())
    assert [w.code for w in page.document.warnings] == ["no_byline"]

    report = load(page)

    assert report.warnings == 1
    stored = SourceDocument.objects.get().parse_warnings
    assert stored == [
        {"code": "no_byline", "message": "没有找到署名，请核对作者", "line": 41, "article": 1}
    ]
    assert LoaderRun.objects.get().parse_warnings == 1


def test_a_corrected_page_replaces_the_warnings_of_its_older_version():
    load(source_page(seed_text(), name="A5.txt"))
    # The corrected page credits the unsigned article: its warning goes with the old version.
    signed = seed_variant({"外高桥全球汇\n\n十年来": "外高桥全球汇\n\n本报记者 王小明\n\n十年来"})
    load(source_page(signed, name="A5.txt"))

    document = SourceDocument.objects.get()
    assert document.versions.count() == 2
    assert document.parse_warnings == []
    latest, first = LoaderRun.objects.all()
    assert (first.parse_warnings, latest.parse_warnings) == (1, 0)


def test_a_dry_run_counts_warnings_but_stores_none():
    report = load(source_page(seed_text()), dry_run=True)
    assert report.warnings == 1
    assert not SourceDocument.objects.exists()
    assert not LoaderRun.objects.exists()
