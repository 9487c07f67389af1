"""Photos with their renditions, and corrections printed after publication."""

from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..images import validate_image_file


class Photo(models.Model):
    """A photo shown with an article; renditions at a few widths feed `srcset`."""

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("稿件"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("图片"),
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[
            FileExtensionValidator(["jpg", "jpeg", "png", "webp"]),
            validate_image_file,
        ],
        help_text=_("JPEG、PNG 或 WebP，不超过 10 MB。"),
    )
    width = models.PositiveIntegerField(_("宽度"), null=True, editable=False)
    height = models.PositiveIntegerField(_("高度"), null=True, editable=False)
    caption = models.TextField(_("图片说明"), blank=True)
    credit = models.CharField(_("摄影"), max_length=80, blank=True)
    alt_text = models.CharField(
        _("替代文字"), max_length=200, blank=True, help_text=_("为读屏用户描述图片内容。")
    )
    renditions = models.JSONField(_("缩略图"), default=dict, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("图片")
        verbose_name_plural = _("图片")
        ordering = ["article", "order", "pk"]

    def __str__(self) -> str:
        return self.caption[:40] or self.image.name


class Correction(models.Model):
    """A correction to a published article, shown on it and on the corrections page."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("稿件"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    text = models.TextField(_("更正内容"))
    corrected_at = models.DateTimeField(_("更正时间"), default=timezone.now)

    class Meta:
        verbose_name = _("更正")
        verbose_name_plural = _("更正")
        ordering = ["-corrected_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:40]
