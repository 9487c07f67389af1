"""Unsaved text from the article form, kept on the server so a closed tab loses nothing."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AutosaveQuerySet(models.QuerySet):
    def for_form(self, user, article):
        """The user's autosave for this article's change form, or for the add form (None)."""
        return self.filter(user=user, article=article)


class ArticleAutosave(models.Model):
    """What one user typed into one article's form and has not saved yet; never the article.

    One row per (user, article), overwritten every few seconds; the add form's row has no
    article. `base_version` is the version the form was opened on: the text may be put back
    into the form only while that is still the article's version, the same rule the save-time
    version guard applies, so restoring can never write over someone else's save.
    """

    # CASCADE both ways: an autosave is a scratch copy, not part of any history.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("稿件"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaves",
        help_text=_("空着表示新建稿件的表单。"),
    )
    base_version = models.PositiveIntegerField(_("起始版本"), null=True, blank=True)
    fields = models.JSONField(_("未保存的内容"), default=dict, blank=True)
    saved_at = models.DateTimeField(_("自动保存时间"), default=timezone.now)

    objects = AutosaveQuerySet.as_manager()

    class Meta:
        verbose_name = _("自动保存")
        verbose_name_plural = _("自动保存")
        ordering = ["-saved_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=Q(article__isnull=False),
                name="autosave_one_per_user_article",
            ),
            # NULLs are distinct in a unique index: the add form needs its own rule.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(article__isnull=True),
                name="autosave_one_add_form_per_user",
            ),
        ]

    def __str__(self) -> str:
        when = timezone.localtime(self.saved_at).strftime("%Y-%m-%d %H:%M")
        return _("%(when)s 的自动保存") % {"when": when}

    def is_stale(self, article) -> bool:
        """Whether the article has been saved since this text's form was opened."""
        if article is None:
            return False
        return self.base_version != article.version or self.saved_at < article.updated_at
