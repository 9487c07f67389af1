"""Print sources: read-only for everyone, so every article stays traceable to its page."""

import difflib

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from ..models import LoaderRun, SourceDocument


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only by the loader: editors look, nobody adds, changes or deletes."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _version_diff(older, newer):
    """What changed between two page versions, as +/- lines with a line of context."""
    lines = difflib.unified_diff(
        older.raw_text.splitlines(), newer.raw_text.splitlines(), lineterm="", n=1
    )
    return format_html_join(
        "\n", '<span class="diff-{}">{}</span>', ((line[:1], line) for line in list(lines)[2:])
    )


def source_versions_panel(source: SourceDocument, loaded_from_id: int | None):
    """Every version of a page (which one an article came from) and the diff between each pair."""
    versions = list(source.versions.order_by("number"))
    rows = format_html_join(
        "",
        "<li>第 {} 版 · {} · <code>{}</code>{}</li>",
        (
            (
                version.number,
                f"{timezone.localtime(version.loaded_at):%Y-%m-%d %H:%M}",
                version.sha256,
                "（本稿载入自此版）" if version.pk == loaded_from_id else "",
            )
            for version in versions
        ),
    )
    diffs = format_html_join(
        "",
        '<section><h4>第 {} 版 → 第 {} 版</h4><pre class="source-diff">{}</pre></section>',
        (
            (older.number, newer.number, _version_diff(older, newer))
            for older, newer in zip(versions, versions[1:], strict=False)
        ),
    )
    return format_html(
        '<div class="source-versions"><h4>来源版本</h4><ol>{}</ol>{}</div>', rows, diffs
    )


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
