"""Print provenance: the OCR'd page files that articles were loaded from."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceDocument(models.Model):
    """One page file exactly as loaded; read-only, so every article can be traced to its page."""

    file_name = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    raw_text = models.TextField(_("原始文本"))
    size = models.PositiveIntegerField(_("字节数"), default=0)
    edition_date = models.DateField(_("出版日期"), null=True, blank=True)
    page = models.CharField(_("版面"), max_length=10, blank=True, help_text=_("如 A5。"))
    loaded_at = models.DateTimeField(_("载入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("来源版面")
        verbose_name_plural = _("来源版面")
        ordering = ["-loaded_at"]
        indexes = [models.Index(fields=["file_name"], name="sourcedoc_file_name_idx")]

    def __str__(self) -> str:
        return self.file_name
