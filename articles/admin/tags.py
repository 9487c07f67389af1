"""django-taggit's tag admin in Chinese: its merge tool's strings are not translatable upstream."""

from django.contrib import admin
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

# The merge tool's messages, as taggit writes them (plain strings, no gettext).
MERGE_MESSAGES = {
    "Tags have been merged": "标签已合并。",
    "Please select at least one tag.": "请至少选择一个标签。",
    "Form is invalid.": "请填写新标签名。",
}

admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    """Taggit's admin with the merge action, its page and its messages in Chinese."""

    @admin.action(description="合并所选标签")
    def render_tag_form(self, request, queryset):
        return super().render_tag_form(request, queryset)

    def message_user(self, request, message, *args, **kwargs):
        message = MERGE_MESSAGES.get(str(message), message)
        return super().message_user(request, message, *args, **kwargs)
