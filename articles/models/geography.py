"""Shanghai's districts, their 街道/镇/乡, and former district names."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    """One of Shanghai's 16 districts, shipped as data (fixtures/districts.json)."""

    code = models.CharField(_("区划代码"), max_length=12, unique=True)
    name = models.CharField(_("全称"), max_length=20, unique=True, help_text=_("如“虹口区”。"))
    short_name = models.CharField(_("简称"), max_length=20, unique=True, help_text=_("如“虹口”。"))
    slug = models.SlugField(_("网址名"), max_length=40, unique=True, help_text=_("如 hongkou。"))
    name_en = models.CharField(_("英文名"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("区")
        verbose_name_plural = _("区")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:district", kwargs={"slug": self.slug})


class SubdistrictKind(models.TextChoices):
    STREET = "街道", _("街道")
    TOWN = "镇", _("镇")
    TOWNSHIP = "乡", _("乡")


class Subdistrict(models.Model):
    """A 街道, 镇 or 乡 inside a district."""

    district = models.ForeignKey(
        District, verbose_name=_("所属区"), on_delete=models.PROTECT, related_name="subdistricts"
    )
    code = models.CharField(_("区划代码"), max_length=12, unique=True)
    name = models.CharField(_("全称"), max_length=30, help_text=_("如“嘉兴路街道”。"))
    kind = models.CharField(_("类别"), max_length=4, choices=SubdistrictKind.choices)
    slug = models.SlugField(_("网址名"), max_length=60)

    class Meta:
        verbose_name = _("街道/镇")
        verbose_name_plural = _("街道/镇")
        ordering = ["district__code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="subdistrict_unique_name"),
            models.UniqueConstraint(fields=["district", "slug"], name="subdistrict_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class FormerDistrictName(models.Model):
    """A district name no longer in use (闸北, 卢湾, 南汇) and the district that took it over."""

    name = models.CharField(_("旧全称"), max_length=20, unique=True)
    short_name = models.CharField(_("旧简称"), max_length=20, unique=True)
    slug = models.SlugField(_("网址名"), max_length=40, unique=True)
    district = models.ForeignKey(
        District, verbose_name=_("现属区"), on_delete=models.PROTECT, related_name="former_names"
    )

    class Meta:
        verbose_name = _("历史区名")
        verbose_name_plural = _("历史区名")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} → {self.district.name}"
