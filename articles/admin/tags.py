"""Tags in the admin: taggit's own admin, in Chinese, with what a reporter may see and do narrowed.

taggit's merge tool writes plain strings (no gettext), so its action, page and messages are put
into Chinese here.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from .scoping import visible_tags

# The merge tool's messages, as taggit writes them (plain strings, no gettext).
MERGE_MESSAGES = {
    "Tags have been merged": "标签已合并。",
    "Please select at least one tag.": "请至少选择一个标签。",
    "Form is invalid.": "请填写新标签名。",
}

admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    """Reporters see only tags their own or published articles use (or none does); the tagged
    items inline and the merge view are for those who may see or change tagged items."""

    def get_queryset(self, request):
        return visible_tags(request.user, super().get_queryset(request))

    def get_inlines(self, request, obj):
        return super().get_inlines(request, obj) if self._may_see_items(request) else []

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        if not self.has_change_permission(request):
            actions.pop("render_tag_form", None)
        return actions

    @admin.action(description="合并所选标签")
    def render_tag_form(self, request, queryset):
        return super().render_tag_form(request, queryset)

    def merge_tags_view(self, request):
        # taggit only asks for a staff login here; merging rewrites every article's tags.
        if not (self.has_change_permission(request) and self._may_see_items(request)):
            raise PermissionDenied
        return super().merge_tags_view(request)

    def message_user(self, request, message, *args, **kwargs):
        message = MERGE_MESSAGES.get(str(message), message)
        return super().message_user(request, message, *args, **kwargs)

    @staticmethod
    def _may_see_items(request) -> bool:
        return request.user.has_perm("taggit.view_taggeditem")
