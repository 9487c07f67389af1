"""Tags in the admin: taggit's own admin, with what a reporter may see and do narrowed."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from taggit.admin import TagAdmin
from taggit.models import Tag

from .scoping import visible_tags

admin.site.unregister(Tag)


@admin.register(Tag)
class ScopedTagAdmin(TagAdmin):
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

    def merge_tags_view(self, request):
        # taggit only asks for a staff login here; merging rewrites every article's tags.
        if not (self.has_change_permission(request) and self._may_see_items(request)):
            raise PermissionDenied
        return super().merge_tags_view(request)

    @staticmethod
    def _may_see_items(request) -> bool:
        return request.user.has_perm("taggit.view_taggeditem")
