"""Special-report series and their installments."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from newsroom.admin_columns import ChineseBooleansMixin

from ..models import Program, ProgramInstallment


class InstallmentInline(admin.TabularInline):
    model = ProgramInstallment
    extra = 0
    fields = ["number", "label", "title"]


@admin.register(Program)
class ProgramAdmin(ChineseBooleansMixin, admin.ModelAdmin):
    list_display = ["name", "is_active_text", "article_count", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "description"]
    inlines = [InstallmentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description=_("稿件数"), ordering="article_total")
    def article_count(self, program):
        return program.article_total


@admin.register(ProgramInstallment)
class ProgramInstallmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "program", "number"]
    list_filter = ["program"]
    list_select_related = ["program"]
    search_fields = ["label", "title", "program__name"]
    autocomplete_fields = ["program"]
