"""Workflow transitions for the changelist actions and the change-page buttons, via services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from .. import services

# What each transition is called, and the service that performs it.
TRANSITIONS = {
    "submit": (_("提交审核"), services.article_submit),
    "proofread": (_("标记已校对"), services.article_mark_proofread),
    "publish": (_("发布"), services.article_publish),
    "withdraw": (_("撤回"), services.article_withdraw),
}


def apply_transition(request, article, name: str) -> bool:
    """Run one transition on one article (the service records it); report errors as messages."""
    service = TRANSITIONS[name][1]
    try:
        service(article=article, user=request.user)
    except (PermissionDenied, services.WorkflowError) as exc:
        messages.error(request, f"《{article.headline}》：{exc}")
        return False
    return True


def _apply_to_selection(modeladmin, request, queryset, name: str) -> None:
    label = TRANSITIONS[name][0]
    done = sum(apply_transition(request, article, name) for article in queryset)
    if done:
        modeladmin.message_user(request, f"已{label} {done} 篇稿件。", messages.SUCCESS)


@admin.action(permissions=["submit"], description=_("提交审核"))
def submit_selected(modeladmin, request, queryset):
    _apply_to_selection(modeladmin, request, queryset, "submit")


@admin.action(permissions=["publish"], description=_("发布（或按设定时间定时发布）"))
def publish_selected(modeladmin, request, queryset):
    _apply_to_selection(modeladmin, request, queryset, "publish")


@admin.action(permissions=["publish"], description=_("撤回"))
def withdraw_selected(modeladmin, request, queryset):
    _apply_to_selection(modeladmin, request, queryset, "withdraw")
