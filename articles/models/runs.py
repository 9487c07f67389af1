"""A record of each real loader run, so the desk can see what the loader has been doing."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult


class LoaderRun(models.Model):
    """One `load_sources` run that wrote to the database; dry runs leave no record."""

    finished_at = models.DateTimeField(_("完成时间"), default=timezone.now)
    pages = models.PositiveIntegerField(_("版面数"), default=0)
    created = models.PositiveIntegerField(_("新建稿件"), default=0)
    updated = models.PositiveIntegerField(_("更新稿件"), default=0)
    unchanged = models.PositiveIntegerField(_("未变稿件"), default=0)
    skipped = models.PositiveIntegerField(_("跳过稿件"), default=0)
    parse_warnings = models.PositiveIntegerField(_("解析警告"), default=0)

    class Meta:
        verbose_name = _("载入记录")
        verbose_name_plural = _("载入记录")
        ordering = ["-finished_at", "-pk"]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.finished_at):%Y-%m-%d %H:%M}"


class TaskRun(DBTaskResult):
    """A background task's run as the task backend records it, shown to the desk read-only."""

    class Meta:
        proxy = True
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-enqueued_at"]

    def __str__(self) -> str:
        return f"{self.task_name} {timezone.localtime(self.enqueued_at):%Y-%m-%d %H:%M}"
