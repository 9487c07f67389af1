"""The review loop's records: the editorial comment thread and each workflow step."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EditorialComment(models.Model):
    """A note between the desk and the reporter on one article; never shown to readers."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("稿件"),
        on_delete=models.CASCADE,
        related_name="editorial_comments",
    )
    # PROTECT: a thread that loses its authors no longer says who asked for what.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("作者"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("意见"))
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("编辑意见")
        verbose_name_plural = _("编辑意见")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "created_at"], name="comment_article_time_idx"),
        ]

    def __str__(self) -> str:
        return self.text[:40]


class TransitionAction(models.TextChoices):
    SUBMIT = "submit", _("提交审核")
    SEND_BACK = "send_back", _("退回修改")
    PUBLISH = "publish", _("发布")
    WITHDRAW = "withdraw", _("撤回")
    TAKE_OVER = "take_over", _("接手编辑")


class ArticleTransition(models.Model):
    """Which workflow step a revision records, as a typed row beside it.

    Who and when are the revision's own user and date, so the audit trail stays the
    revision history; this row lets the desk ask "who submitted, when, what was said"
    with a join instead of matching revision comments.
    """

    revision = models.OneToOneField(
        "reversion.Revision",
        verbose_name=_("修订"),
        on_delete=models.CASCADE,
        related_name="transition",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("稿件"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    action = models.CharField(_("操作"), max_length=20, choices=TransitionAction.choices)
    comment = models.ForeignKey(
        EditorialComment,
        verbose_name=_("编辑意见"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("流程记录")
        verbose_name_plural = _("流程记录")
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=TransitionAction.values), name="transition_action_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.get_action_display()
