"""Front-page pins: editors order the home page's top slots; a pin may lapse at a set time."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import FrontPagePin


@admin.register(FrontPagePin)
class FrontPagePinAdmin(admin.ModelAdmin):
    """The list is the order: change the positions in place and save."""

    list_display = ["article", "position", "ends_at", "live_display", "pinned_by", "pinned_at"]
    list_display_links = ["article"]
    list_editable = ["position", "ends_at"]
    list_select_related = ["article", "pinned_by"]
    autocomplete_fields = ["article"]
    fields = ["article", "position", "ends_at"]

    @admin.display(description=_("生效中"))
    def live_display(self, pin):
        return "是" if pin.is_active and pin.article.is_public else "否"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.pinned_by = request.user
        super().save_model(request, obj, form, change)
