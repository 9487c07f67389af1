"""Print sources: read-only for everyone, so every article stays traceable to its page."""

from django.contrib import admin
from django.utils.html import format_html

from ..models import LoaderRun, SourceDocument


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only by the loader: editors look, nobody adds, changes or deletes."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SourceDocument)
class SourceDocumentAdmin(ReadOnlyAdmin):
    list_display = ["file_name", "edition_date", "page", "size", "loaded_at"]
    list_filter = ["edition_date", "page"]
    search_fields = ["file_name", "sha256"]
    date_hierarchy = "edition_date"
    fields = [
        "file_name",
        "sha256",
        "edition_date",
        "page",
        "size",
        "loaded_at",
        "raw_text_display",
    ]
    readonly_fields = fields

    @admin.display(description=SourceDocument._meta.get_field("raw_text").verbose_name)
    def raw_text_display(self, source):
        return format_html('<pre class="source-raw-text">{}</pre>', source.raw_text)


@admin.register(LoaderRun)
class LoaderRunAdmin(ReadOnlyAdmin):
    list_display = ["finished_at", "pages", "created", "updated", "unchanged", "skipped"]
    date_hierarchy = "finished_at"
