"""Inlines on the article page: bylines, people mentioned, photos, corrections."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import ArticleMention, Byline, Correction, Photo
from .permissions import ArticleEditRuleMixin, user_can_edit
from .scoping import visible_people


class ArticleChildInline(ArticleEditRuleMixin):
    """Rows of an article may change only while the article itself may."""

    extra = 0

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and (
            obj is None or user_can_edit(request, obj)
        )


class BylineInline(ArticleChildInline, admin.TabularInline):
    model = Byline
    autocomplete_fields = ["reporter"]
    fields = ["reporter", "role", "position", "order"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reporter")


class MentionInline(ArticleChildInline, admin.TabularInline):
    model = ArticleMention
    autocomplete_fields = ["person"]
    fields = ["person", "title", "order"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "person":
            kwargs["queryset"] = visible_people(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PhotoInline(ArticleChildInline, admin.StackedInline):
    model = Photo
    fields = ["photo_number", "image", "thumbnail", "caption", "credit", "alt_text", "order"]
    readonly_fields = ["photo_number", "thumbnail"]

    @admin.display(description=_("编号（正文中写 [图片 编号]）"))
    def photo_number(self, photo):
        return photo.pk or "—"

    @admin.display(description=_("预览"))
    def thumbnail(self, photo):
        if not photo.pk or not photo.image:
            return "—"
        return format_html('<img src="{}" alt="" class="photo-thumbnail">', photo.image.url)


class CorrectionInline(ArticleChildInline, admin.TabularInline):
    model = Correction
    fields = ["text", "corrected_at"]
