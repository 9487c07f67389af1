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


def parse_warnings_list(warnings: list[dict]):
    """A page's parse warnings as a list: line, which article, what to check."""
    if not warnings:
        return "没有解析警告"
    rows = format_html_join(
        "",
        '<li><span class="warning-where">第 {} 行{}</span>：{}</li>',
        (
            (
                w.get("line", "?"),
                f"，第 {w['article'] + 1} 篇" if isinstance(w.get("article"), int) else "",
                w.get("message", ""),
            )
            for w in warnings
        ),
    )
    return format_html('<ul class="parse-warnings">{}</ul>', rows)


def article_parse_warnings(article) -> list[dict]:
    """The parse warnings of an article's page that concern it or the whole page: one query."""
    if article.source_document_id is None:
        return []
    stored = (
        SourceDocument.objects.filter(pk=article.source_document_id)
        .values_list("parse_warnings", flat=True)
        .first()
    )
    return [w for w in stored or [] if w.get("article") in (None, article.source_position)]


@admin.register(SourceDocument)
class SourceDocumentAdmin(ReadOnlyAdmin):
    list_display = ["file_name", "edition_date", "page", "warning_count", "size", "loaded_at"]
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
        "parse_warnings_display",
        "raw_text_display",
    ]
    readonly_fields = fields

    @admin.display(description=SourceDocument._meta.get_field("parse_warnings").verbose_name)
    def parse_warnings_display(self, source):
        return parse_warnings_list(source.parse_warnings)

    @admin.display(description="警告条数")
    def warning_count(self, source):
        return len(source.parse_warnings)

    @admin.display(description=SourceDocument._meta.get_field("raw_text").verbose_name)
    def raw_text_display(self, source):
        return format_html('<pre class="source-raw-text">{}</pre>', source.raw_text)


@admin.register(LoaderRun)
class LoaderRunAdmin(ReadOnlyAdmin):
    list_display = [
        "finished_at",
        "pages",
        "created",
        "updated",
        "unchanged",
        "skipped",
        "parse_warnings",
    ]
    date_hierarchy = "finished_at"
