"""Special-report series and columns, and their ordered installments."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people.naming import unique_pinyin_slug


class Program(models.Model):
    """A special-report series such as 点亮“上海金环”融媒体特别报道."""

    name = models.CharField(_("名称"), max_length=120, unique=True)
    slug = models.SlugField(_("网址名"), max_length=120, unique=True, blank=True)
    description = models.TextField(_("简介"), blank=True)
    is_active = models.BooleanField(_("进行中"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("专题")
        verbose_name_plural = _("专题")
        ordering = ["-created_at", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_pinyin_slug(self.name, Program.objects.exclude(pk=self.pk))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:program", kwargs={"slug": self.slug})


class ProgramInstallment(models.Model):
    """One numbered installment of a program (第一辑 …), in print order."""

    program = models.ForeignKey(
        Program, verbose_name=_("专题"), on_delete=models.CASCADE, related_name="installments"
    )
    number = models.PositiveSmallIntegerField(_("序号"), help_text=_("第几辑，用于排序。"))
    label = models.CharField(_("辑名"), max_length=20, help_text=_("按报纸印法，如“第一辑”。"))
    title = models.CharField(_("标题"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("专题分辑")
        verbose_name_plural = _("专题分辑")
        ordering = ["program", "number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="installment_unique_number"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="installment_number_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.title}".strip()
