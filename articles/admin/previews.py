"""Links shared with outside reviewers: made for a set time, revoked by hand, every use listed."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Article, PreviewAccess, PreviewShare
from ..preview import MAX_SHARE_HOURS, preview_share_create, preview_share_revoke, share_url
from ..services import can_edit
from .permissions import visible_articles


class PreviewShareForm(forms.ModelForm):
    hours = forms.IntegerField(
        label=_("有效时长（小时）"),
        min_value=1,
        max_value=MAX_SHARE_HOURS,
        initial=72,
        help_text=_("到时链接自动失效；最长 14 天（336 小时）。"),
    )

    class Meta:
        model = PreviewShare
        fields = ["article", "reviewer"]

    def clean_article(self):
        article = self.cleaned_data["article"]
        if not can_edit(self.request_user, article):
            raise ValidationError(_("只能分享您有权修改的稿件。"))
        return article


class PreviewAccessInline(admin.TabularInline):
    model = PreviewAccess
    fields = ["at", "granted", "ip_address", "user_agent"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.action(description=_("撤销所选链接"), permissions=["change"])
def revoke_selected(modeladmin, request, queryset):
    editable = [share.pk for share in queryset if can_edit(request.user, share.article)]
    count = preview_share_revoke(shares=queryset.filter(pk__in=editable))
    modeladmin.message_user(request, _("已撤销 %d 个链接。") % count, messages.SUCCESS)


@admin.register(PreviewShare)
class PreviewShareAdmin(admin.ModelAdmin):
    """A share is made once and never edited or deleted (its access log would go with it);
    revoking is the only change."""

    form = PreviewShareForm
    list_display = ["reviewer", "article", "created_by", "created_at", "expires_at", "state"]
    list_select_related = ["article", "created_by"]
    search_fields = ["reviewer", "article__headline"]
    autocomplete_fields = ["article"]
    actions = [revoke_selected]
    inlines = [PreviewAccessInline]

    def get_queryset(self, request):
        shares = super().get_queryset(request)
        return shares.filter(article__in=visible_articles(Article.objects.all(), request.user))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.request_user = request.user
        return form

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["article", "reviewer", "hours"]
        return ["article", "reviewer", "created_by", "created_at", "expires_at", "revoked_at"]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_changeform_initial_data(self, request):
        return {"article": request.GET.get("article")}

    def has_change_permission(self, request, obj=None):
        # Only for the revoke action (which checks each article); a share's page is read-only.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        token = preview_share_create(share=obj, hours=form.cleaned_data["hours"], user=request.user)
        url = request.build_absolute_uri(share_url(token))
        self.message_user(
            request,
            _("请把这个链接发给 %(reviewer)s（只显示这一次）：%(url)s")
            % {"reviewer": obj.reviewer, "url": url},
            messages.WARNING,
        )

    @admin.display(description=_("状态"))
    def state(self, share):
        if share.revoked_at:
            return _("已撤销")
        return _("有效") if share.expires_at > timezone.now() else _("已过期")
