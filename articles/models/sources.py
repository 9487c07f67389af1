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
    parse_warnings = models.JSONField(
        _("解析警告"),
        default=list,
        blank=True,
        help_text=_("载入时解析器提醒编辑核对的地方：代码、说明、行号和第几篇稿件。"),
    )

    class Meta:
        verbose_name = _("来源版面")
        verbose_name_plural = _("来源版面")
        ordering = ["-loaded_at"]
        indexes = [models.Index(fields=["file_name"], name="sourcedoc_file_name_idx")]

    def __str__(self) -> str:
        return self.file_name


class SourceVersion(models.Model):
    """One version of a page file, kept unchanged for good: a corrected page adds the next one.

    The page row above mirrors its newest version (so a load can match files by sha256);
    every version, that one included, stays here byte for byte, and each loaded article
    points at the version it was loaded from.
    """

    document = models.ForeignKey(
        SourceDocument,
        verbose_name=_("来源版面"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(_("版本号"))
    file_name = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    raw_text = models.TextField(_("原始文本"))
    size = models.PositiveIntegerField(_("字节数"), default=0)
    loaded_at = models.DateTimeField(_("载入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("来源版本")
        verbose_name_plural = _("来源版本")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="sourceversion_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} 第{self.number}版"

    def save(self, *args, **kwargs):
        # A stored version is the print record: it is written once and never rewritten.
        if not self._state.adding:
            raise ValueError("来源版本一经保存不能修改。")
        super().save(*args, **kwargs)
