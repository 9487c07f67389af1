"""The background tasks with the immediate backend (the test settings): each does its work."""

import datetime
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.tasks import TaskResultStatus, task_backends
from django.utils import timezone

from articles import services
from articles.loading.background import page_payload
from articles.models import Article, ArticleStatus, Photo
from articles.page_cache import schedule
from articles.photos import photo_make_renditions, photo_save
from articles.search import search_articles
from articles.tasks import (
    load_source_page,
    make_photo_renditions,
    purge_article_pages,
    reindex_articles,
)
from tests.factories import (
    image_upload,
    make_article,
    make_district,
    make_draft,
    seed_text,
    write_page,
)

pytestmark = pytest.mark.django_db


class RecordingPurge:
    """A purge backend that remembers the tags it was asked to purge."""

    purged: list[list[str]] = []

    def purge(self, tags: list[str]) -> None:
        RecordingPurge.purged.append(tags)


@pytest.fixture
def recorded_purges(settings):
    settings.NEWSROOM_PURGE_BACKEND = f"{__name__}.RecordingPurge"
    RecordingPurge.purged = []
    return RecordingPurge.purged


@pytest.fixture
def queued(settings):
    """Tasks are recorded, not run (Django's dummy backend): [(task name, args, run_after)]."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]

    class Queue:
        def __call__(self):
            return [(r.task.name, r.args, r.task.run_after) for r in backend.results]

    return Queue()


def test_an_upload_gets_its_renditions_from_the_task():
    photo = photo_save(photo=Photo(article=make_article(), image=image_upload(size=(1200, 800))))

    photo.refresh_from_db()
    assert sorted(photo.renditions, key=int) == ["480", "960"]
    assert all(default_storage.exists(name) for name in photo.renditions.values())


def test_a_photo_narrower_than_every_rendition_queues_no_task(queued):
    photo = photo_save(photo=Photo(article=make_article(), image=image_upload(size=(300, 200))))

    assert photo.renditions == {}
    assert queued() == []


def test_the_renditions_task_is_idempotent_and_skips_a_replaced_image():
    photo = photo_save(photo=Photo(article=make_article(), image=image_upload(size=(1200, 800))))
    photo.refresh_from_db()
    first = dict(photo.renditions)

    result = make_photo_renditions.enqueue(photo.pk, photo.image.name)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"renditions": 2}
    photo.refresh_from_db()
    assert photo.renditions == first

    assert photo_make_renditions(photo_id=photo.pk, image_name="photos/other.png") == 0
    assert photo_make_renditions(photo_id=photo.pk + 1000, image_name=photo.image.name) == 0


def test_a_replaced_image_drops_the_old_renditions_until_its_own_are_made(settings, queued):
    photo = photo_save(photo=Photo(article=make_article(), image=image_upload(size=(1200, 800))))
    first_image = photo.image.name
    photo.renditions = {"480": "renditions/old-480w.webp"}
    photo.save()

    photo.image = image_upload(size=(1000, 600))
    photo_save(photo=photo)

    photo.refresh_from_db()
    assert photo.renditions == {}
    assert photo.image.name != first_image
    assert queued()[-1] == ("make_photo_renditions", [photo.pk, photo.image.name], None)


def test_until_the_renditions_exist_the_page_offers_the_original(client, queued):
    article = make_article()
    photo = photo_save(photo=Photo(article=article, image=image_upload(size=(1200, 800))))
    article.body = [{"kind": "image", "photo": photo.pk}]
    article.save()

    page = client.get(article.get_absolute_url()).text

    assert f'srcset="{photo.image.url} 1200w"' in page
    assert "renditions/" not in page


def test_reindexing_a_range_puts_back_an_index_row_that_was_lost():
    article = make_article(headline="社区食堂开张")
    other = make_article(headline="社区花园开放")
    call_command("rebuild_search_index", stdout=StringIO())
    # The index as it would be if it had missed the article (an old install, a bulk update).
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM articles_search WHERE rowid = %s", [article.pk])
        else:
            cursor.execute(
                "UPDATE articles_article SET search_document = '', search_title = '' WHERE id = %s",
                [article.pk],
            )
    assert list(search_articles(Article.objects.all(), "食堂")) == []

    result = reindex_articles.enqueue(article.pk, article.pk + 1)

    assert result.return_value == {"indexed": 1}
    assert list(search_articles(Article.objects.all(), "食堂")) == [article]
    assert list(search_articles(Article.objects.all(), "花园")) == [other]


def test_rebuild_in_background_queues_one_task_per_id_range(queued):
    articles = [make_article() for _ in range(3)]
    out = StringIO()

    call_command("rebuild_search_index", "--in-background", "--batch-size", "2", stdout=out)

    first = articles[0].pk
    assert queued() == [
        ("reindex_articles", [first, first + 2, "default"], None),
        ("reindex_articles", [first + 2, first + 4, "default"], None),
    ]
    assert "已排入 2 个检索索引后台任务" in out.getvalue()


def test_load_sources_in_background_loads_each_page_through_the_loader(tmp_path):
    write_page(tmp_path, "a.txt", seed_text())
    out = StringIO()

    call_command("load_sources", str(tmp_path), "--in-background", stdout=out, stderr=StringIO())

    assert "已排入 1 个载入后台任务" in out.getvalue()
    assert Article.objects.count() == 3
    assert set(Article.objects.values_list("status", flat=True)) == {ArticleStatus.PROOFREADING}


def test_a_page_loaded_twice_in_the_background_is_unchanged_the_second_time(tmp_path):
    path = write_page(tmp_path, "a.txt", seed_text())
    payload = page_payload(
        path=str(path),
        file_name="a.txt",
        data=path.read_bytes(),
        text=seed_text(),
        edition_date=datetime.date(2022, 11, 21),
        page="A5",
    )
    first = load_source_page.enqueue(payload, ArticleStatus.PUBLISHED, "fast")
    second = load_source_page.enqueue(payload, ArticleStatus.PUBLISHED, "fast")

    assert first.return_value == {"created": 3, "updated": 0, "unchanged": 0, "skipped": 0}
    assert second.return_value["created"] == 0
    assert Article.objects.count() == 3
    assert Article.objects.filter(print_page="A5").count() == 3


def test_load_sources_in_background_refuses_a_dry_run(tmp_path):
    write_page(tmp_path, "a.txt", seed_text())
    with pytest.raises(CommandError, match="--in-background"):
        call_command("load_sources", str(tmp_path), "--in-background", "--dry-run")


def test_an_undecodable_page_queues_nothing(tmp_path, queued):
    write_page(tmp_path, "a.txt", seed_text())
    write_page(tmp_path, "b.txt", b"\xff\xfe\x00garbage\x00\x00\xff")

    with pytest.raises(CommandError, match="b.txt"):
        call_command("load_sources", str(tmp_path), "--in-background", stdout=StringIO())
    assert queued() == []


def test_the_purge_task_purges_the_article_its_lists_and_the_site_lists(recorded_purges):
    hongkou = make_district("hongkou")
    article = make_article(districts=[hongkou])

    result = purge_article_pages.enqueue(article.pk, timezone.now().isoformat())

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert recorded_purges == [sorted({f"article-{article.pk}", f"district-{hongkou.pk}", "lists"})]


def test_scheduling_is_skipped_on_a_backend_without_run_after(
    django_capture_on_commit_callbacks, recorded_purges
):
    draft = make_draft()
    at = timezone.now() + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=draft, user=None, at=at)

    # The immediate backend cannot wait: the publish's own purge only, none run early.
    assert len(recorded_purges) == 1
    assert schedule.schedule_purges([draft.pk]) == 0


def test_a_scheduled_publication_queues_a_purge_just_after_its_time(
    django_capture_on_commit_callbacks, queued
):
    draft = make_draft()
    at = timezone.now() + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=draft, user=None, at=at)
    expected = at + schedule.PURGE_DELAY

    assert queued() == [("purge_article_pages", [draft.pk, expected.isoformat()], expected)]


def test_an_embargo_and_an_expiry_each_get_a_purge_and_past_times_none(queued):
    now = timezone.now()
    article = make_article(
        embargo_until=now + datetime.timedelta(hours=1),
        expires_at=now + datetime.timedelta(days=1),
    )
    make_draft(embargo_until=now + datetime.timedelta(hours=1))  # not published: no purge

    assert schedule.schedule_purges(Article.objects.values_list("pk", flat=True)) == 2
    times = sorted(run_after for _, _, run_after in queued())
    assert times == [
        article.embargo_until + schedule.PURGE_DELAY,
        article.expires_at + schedule.PURGE_DELAY,
    ]


def test_scheduling_purges_takes_one_query(queued, django_assert_num_queries):
    pks = [make_article(expires_at=timezone.now() + datetime.timedelta(days=1)).pk for _ in "abc"]

    with django_assert_num_queries(1):
        assert schedule.schedule_purges(pks) == 3
