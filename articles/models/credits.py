"""Who wrote an article (bylines) and whom it mentions, each in print order."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import Person, Reporter


class BylinePosition(models.TextChoices):
    UNDER_HEADLINE = "under_headline", _("题下")
    END = "end", _("文末")


class Byline(models.Model):
    """A reporter credited on an article, with the role printed beside the name."""

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("稿件"), on_delete=models.CASCADE, related_name="bylines"
    )
    reporter = models.ForeignKey(
        Reporter, verbose_name=_("记者"), on_delete=models.PROTECT, related_name="bylines"
    )
    role = models.CharField(
        _("署名身份"), max_length=30, blank=True, help_text=_("按报纸印法，如“本报记者”。")
    )
    position = models.CharField(
        _("位置"), max_length=20, choices=BylinePosition.choices, default=BylinePosition.END
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("署名")
        verbose_name_plural = _("署名")
        ordering = ["article", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "reporter"], name="byline_unique_reporter"),
            models.CheckConstraint(
                condition=models.Q(position__in=BylinePosition.values), name="byline_position_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} {self.reporter.name}".strip()


class ArticleMention(models.Model):
    """A person an article names, with the title printed next to the name in that article."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("稿件"),
        on_delete=models.CASCADE,
        related_name="mentions",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("人物"), on_delete=models.PROTECT, related_name="mentions"
    )
    title = models.CharField(_("文中职务"), max_length=80, blank=True)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("提及人物")
        verbose_name_plural = _("提及人物")
        ordering = ["article", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="mention_unique_person"),
        ]

    def __str__(self) -> str:
        return f"{self.title}{self.person.name}"
