"""Preview links shared with reviewers outside the newsroom, and the log of every preview."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PreviewShare(models.Model):
    """A link that shows one unpublished article to one named outside reviewer until it
    expires or is revoked. Only a hash of its token is stored: the link is shown once."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("稿件"),
        on_delete=models.CASCADE,
        related_name="preview_shares",
    )
    reviewer = models.CharField(
        _("审阅人"),
        max_length=100,
        help_text=_("报社以外审阅人的姓名和单位，例如“张明（虹口区文旅局）”。"),
    )
    token_hash = models.CharField(_("令牌摘要"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("有效期至"))
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("外部审阅链接")
        verbose_name_plural = _("外部审阅链接")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="previewshare_expires_after_creation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer}：{self.article}"

    def is_active(self, at=None) -> bool:
        at = at or timezone.now()
        return self.revoked_at is None and at < self.expires_at


class PreviewAccess(models.Model):
    """One use of a preview link, staff or shared, whether it was let in or not."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("稿件"),
        on_delete=models.CASCADE,
        related_name="preview_accesses",
    )
    share = models.ForeignKey(
        PreviewShare,
        verbose_name=_("外部审阅链接"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="accesses",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    user_agent = models.CharField(_("浏览器"), max_length=300, blank=True)
    granted = models.BooleanField(_("已放行"))

    class Meta:
        verbose_name = _("预览记录")
        verbose_name_plural = _("预览记录")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.at:%Y-%m-%d %H:%M}"
