"""Per-user tokens for the write API, kept only as a hash; an editor revokes them in the admin."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A bearer token for one user's integration.

    Only the SHA-256 of the token is stored (a token is 32 random bytes, so a fast hash is as
    safe as a slow one and lookups stay one indexed query); the token itself is shown once,
    when it is issued. Revoking keeps the row, so the admin still shows who used what.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("账号"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(
        _("用途"), max_length=80, help_text=_("说明这个令牌给谁用，如“合作方稿件同步”。")
    )
    prefix = models.CharField(
        _("令牌开头"), max_length=12, editable=False, help_text=_("用来辨认令牌，不能用来登录。")
    )
    key_hash = models.CharField(_("令牌摘要"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(key_hash=""), name="apitoken_key_hash_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
