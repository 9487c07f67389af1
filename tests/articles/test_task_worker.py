"""The tasks through django-tasks-db's backend and a real worker (`db_worker`), as in production."""

import datetime
import os
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.loading.background import page_payload
from articles.models import Article, Photo, TaskRun
from articles.photos import photo_save
from articles.tasks import load_source_page, make_photo_renditions, purge_article_pages
from tests.committed_db import COMMITTED
from tests.factories import (
    image_upload,
    make_article,
    make_draft,
    make_user,
    seed_text,
    seed_variant,
    write_page,
)

# As in test_people_pass: the worker checks its connection, which a test transaction cannot
# survive on PostgreSQL, so these tests commit and the database is flushed after each.
pytestmark = [*COMMITTED, pytest.mark.usefixtures("db_tasks")]


class RecordingPurge:
    purged: list[list[str]] = []

    def purge(self, tags: list[str]) -> None:
        RecordingPurge.purged.append(tags)


ROOT = Path(__file__).resolve().parents[2]


def run_worker_process(media_root) -> subprocess.CompletedProcess:
    """`manage.py db_worker --batch` in its own process, as production runs it, on this database."""
    database = connection.settings_dict
    environment = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "LOG_FORMAT"}}
    environment.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.dev",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=(
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT'] or 5432}/"
            f"{database['NAME']}"
        ),
        MEDIA_ROOT=str(media_root),
    )
    return subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "manage.py", "db_worker", "--batch", "--interval", "0"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_worker() -> None:
    call_command("db_worker", batch=True, interval=0, stdout=StringIO(), stderr=StringIO())


def runs(task) -> list[TaskRun]:
    return list(TaskRun.objects.filter(task_path=task.module_path).order_by("enqueued_at"))


def test_the_worker_makes_an_uploads_renditions_and_the_page_then_offers_them(client):
    article = make_article()
    photo = photo_save(photo=Photo(article=article, image=image_upload(size=(1200, 800))))
    article.body = [{"kind": "image", "photo": photo.pk}]
    article.save()
    assert Photo.objects.get().renditions == {}
    assert "renditions/" not in client.get(article.get_absolute_url()).text

    run_worker()

    (run,) = runs(make_photo_renditions)
    assert run.status == TaskResultStatus.SUCCESSFUL
    assert run.return_value == {"renditions": 2}
    renditions = Photo.objects.get().renditions
    page = client.get(article.get_absolute_url()).text
    assert f"{renditions['480']} 480w" in page


def test_load_sources_in_background_queues_a_task_per_page_and_the_worker_loads_them(
    tmp_path, client
):
    write_page(tmp_path, "a.txt", seed_text())
    write_page(tmp_path, "b.txt", seed_variant({"虹口": "徐汇"}))
    call_command("load_sources", str(tmp_path), "--in-background", stdout=StringIO())
    assert list(TaskRun.objects.values_list("status", flat=True)) == [TaskResultStatus.READY] * 2
    assert not Article.objects.exists()

    run_worker()

    assert [run.status for run in runs(load_source_page)] == [TaskResultStatus.SUCCESSFUL] * 2
    assert Article.objects.count() == 6
    client.force_login(make_user("superuser"))
    page = client.get(reverse("admin:articles_taskrun_changelist")).text
    assert page.count("载入版面") >= 2
    assert "a.txt" in page and "b.txt" in page
    assert "新建 3，更新 0，未变 0，跳过 0" in page


def test_a_page_the_worker_cannot_parse_fails_alone_and_shows_why(tmp_path, client):
    call_command("load_sources", str(write_page(tmp_path, "a.txt", seed_text())), "--in-background")
    # A page the command could read and decode but the parser refuses.
    bad = page_payload(
        path="b.txt", file_name="b.txt", data=b"", text="\n", edition_date=None, page=""
    )
    load_source_page.enqueue(bad, "proofreading", "fast")

    run_worker()

    good, bad = runs(load_source_page)
    assert (good.status, bad.status) == (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)
    assert Article.objects.count() == 3
    client.force_login(make_user("superuser"))
    detail = client.get(reverse("admin:articles_taskrun_change", args=[bad.pk])).text
    assert "失败" in detail
    assert "b.txt" in detail and "版面上没有文字" in detail
    assert "排队时间" in detail and "错误信息" in detail
    assert "Enqueued at" not in detail and "Run after" not in detail


def test_a_scheduled_publication_is_purged_by_the_worker_when_its_time_comes(settings):
    settings.NEWSROOM_PURGE_BACKEND = f"{__name__}.RecordingPurge"
    RecordingPurge.purged = []
    draft = make_draft()
    at = timezone.now() + datetime.timedelta(hours=2)
    services.article_publish(article=draft, user=None, at=at)
    edited = Article.objects.get()
    edited.headline = "改过的标题"
    services.article_save_edit(article=edited, user=make_user("editor"), is_new=False)
    RecordingPurge.purged = []

    (run,) = runs(purge_article_pages)
    assert run.run_after > at
    run_worker()
    run.refresh_from_db()
    assert run.status == TaskResultStatus.READY  # not before its time
    assert RecordingPurge.purged == []

    TaskRun.objects.filter(pk=run.pk).update(run_after=timezone.now())  # the time has come
    run_worker()

    run.refresh_from_db()
    assert run.status == TaskResultStatus.SUCCESSFUL
    assert RecordingPurge.purged == [["article-" + str(draft.pk), "lists"]]


@pytest.mark.postgres  # the worker process needs the test database, which SQLite keeps in memory
def test_one_worker_process_runs_renditions_a_batch_load_and_a_due_purge(settings, tmp_path):
    article = make_article()
    photo = photo_save(photo=Photo(article=article, image=image_upload(size=(1200, 800))))
    call_command("load_sources", str(write_page(tmp_path, "a.txt", seed_text())), "--in-background")
    draft = make_draft()
    services.article_publish(
        article=draft, user=None, at=timezone.now() + datetime.timedelta(hours=1)
    )
    TaskRun.objects.filter(task_path=purge_article_pages.module_path).update(
        run_after=timezone.now()
    )

    worker = run_worker_process(settings.MEDIA_ROOT)

    assert worker.returncode == 0, worker.stderr
    finished = {run.task_name: run.status for run in TaskRun.objects.all()}
    assert finished == {
        "make_photo_renditions": TaskResultStatus.SUCCESSFUL,
        "load_source_page": TaskResultStatus.SUCCESSFUL,
        "purge_article_pages": TaskResultStatus.SUCCESSFUL,
    }
    photo.refresh_from_db()
    assert sorted(photo.renditions, key=int) == ["480", "960"]
    assert all((Path(settings.MEDIA_ROOT) / name).is_file() for name in photo.renditions.values())
    assert Article.objects.count() == 5  # the photo's, the draft and the page's three
