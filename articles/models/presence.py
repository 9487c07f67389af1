"""Who has an article's change form open right now, as their browsers last said."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArticlePresence(models.Model):
    """One editor's open change form for one article, kept alive by heartbeats.

    A table row rather than a cache key: every gunicorn worker sees it on SQLite and
    PostgreSQL alike, and a takeover is one UPDATE of the other editors' rows. Rows are
    ephemeral (they lapse when the heartbeats stop), so they cascade with their users; the
    lasting record of a takeover is its revision in the audit trail.
    """

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("稿件"),
        on_delete=models.CASCADE,
        related_name="presences",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("编辑"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("打开时间"), default=timezone.now)
    seen_at = models.DateTimeField(
        _("最近心跳"), default=timezone.now, help_text=_("浏览器最近一次报到的时间。")
    )
    taken_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接手人"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    taken_over_at = models.DateTimeField(_("接手时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("正在编辑")
        verbose_name_plural = _("正在编辑")
        ordering = ["opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="presence_one_per_user"),
            models.CheckConstraint(
                condition=Q(taken_over_by__isnull=True, taken_over_at__isnull=True)
                | Q(taken_over_by__isnull=False, taken_over_at__isnull=False),
                name="presence_takeover_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.article_id}"
