"""Revision metadata that django-reversion cannot serialise itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleRevisionTags(models.Model):
    """An article's tag names when a revision was taken; taggit's manager is not serialised."""

    revision = models.OneToOneField(
        "reversion.Revision",
        verbose_name=_("修订"),
        on_delete=models.CASCADE,
        related_name="article_tags",
    )
    names = models.JSONField(_("标签"), default=list, blank=True)

    class Meta:
        verbose_name = _("修订时的标签")
        verbose_name_plural = _("修订时的标签")

    def __str__(self) -> str:
        return "、".join(self.names)
