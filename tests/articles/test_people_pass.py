"""The thorough people pass: a task on the real database backend, the admin, the command flag."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.urls import reverse

from articles.models import Article, TaskRun
from articles.tasks import enqueue_thorough_people
from tests.committed_db import COMMITTED
from tests.factories import make_user, write_page

# The worker checks its connection as it does in production, which a test transaction cannot
# survive on PostgreSQL, so these tests commit and the database is flushed after each.
pytestmark = [*COMMITTED, pytest.mark.usefixtures("db_tasks")]


# An invented page: 陆建新 has no title and no verb of speech, so only the tagger finds him.
PAGE = (
    "\n\n社区花园开放\n\n本报记者 王立群\n\n"
    "周末，陆建新带着孙子来到新开的社区花园。\n\n"
    "居委会主任张秀英说，花园由居民一起设计。\n"
)


def load(tmp_path, *options: str) -> str:
    err = StringIO()
    path = write_page(tmp_path, "page.txt", PAGE)
    call_command("load_sources", str(path), *options, stdout=StringIO(), stderr=err)
    return err.getvalue()


def mentioned(article: Article) -> dict[str, str]:
    return {m.person.name: m.title for m in article.mentions.select_related("person")}


def run_worker_once() -> None:
    call_command("db_worker", batch=True, interval=0, stdout=StringIO(), stderr=StringIO())


def test_the_task_runs_through_the_database_backend_and_adds_the_mentions(tmp_path):
    load(tmp_path)
    article = Article.objects.get()
    assert mentioned(article) == {"张秀英": "居委会主任"}

    (result,) = enqueue_thorough_people([article.pk])
    run = TaskRun.objects.get(pk=result.id)
    assert run.status == TaskResultStatus.READY

    run_worker_once()

    run.refresh_from_db()
    assert run.status == TaskResultStatus.SUCCESSFUL
    assert run.return_value == {"articles": 1, "people": 1}
    assert mentioned(article) == {"张秀英": "居委会主任", "陆建新": ""}


def test_after_the_pass_the_article_is_still_as_loaded_for_a_thorough_reload(tmp_path):
    load(tmp_path)
    enqueue_thorough_people([Article.objects.get().pk])
    run_worker_once()
    article = Article.objects.get()

    out = StringIO()
    path = tmp_path / "page.txt"
    call_command("load_sources", str(path), "--people", "thorough", stdout=out, stderr=StringIO())

    assert "未变 1" in out.getvalue()
    assert Article.objects.get().version == article.version
    assert "陆建新" in mentioned(article)


def test_a_second_run_adds_nobody_twice(tmp_path):
    load(tmp_path)
    article = Article.objects.get()
    for _ in range(2):
        enqueue_thorough_people([article.pk])
        run_worker_once()

    assert list(mentioned(article)) == ["张秀英", "陆建新"]
    assert TaskRun.objects.latest("enqueued_at").return_value == {"articles": 1, "people": 0}


def test_load_sources_people_thorough_runs_the_pass_inline(tmp_path):
    err = load(tmp_path, "--people", "thorough")

    assert mentioned(Article.objects.get()) == {"张秀英": "居委会主任", "陆建新": ""}
    assert "精确识别补充人物 1 人" in err
    assert not TaskRun.objects.exists()


def test_the_admin_action_queues_the_pass_and_the_run_shows_in_chinese(tmp_path, client):
    load(tmp_path)
    article = Article.objects.get()
    client.force_login(make_user("superuser"))

    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "find_people_selected", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "已排入 1 个后台任务" in response.content.decode()
    run_worker_once()

    page = client.get(reverse("admin:articles_taskrun_changelist")).content.decode()
    assert "精确人名识别" in page
    assert "已完成" in page
    assert "补充人物 1 人" in page
