"""Write-API tokens in the admin: issue one (shown once), see when it was used, revoke it."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from ..api.tokens import issue_token, revoke_tokens
from ..models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        return ["user", "name"] if obj is None else ["user", "name", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        # A token's owner never changes: a new integration gets a new token.
        return [] if obj is None else ["user", *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["name"])
            return
        api_token, token = issue_token(user=obj.user, name=obj.name)
        obj.pk, obj.prefix = api_token.pk, api_token.prefix
        messages.warning(
            request, _("新令牌（只显示这一次，请立即复制保存）：%(token)s") % {"token": token}
        )

    @admin.action(description=_("撤销所选令牌"), permissions=["change"])
    def revoke(self, request, queryset):
        count = revoke_tokens(queryset)
        self.message_user(request, _("已撤销 %(count)d 个令牌。") % {"count": count})
