"""Special-report series and their installments."""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from newsroom.admin_columns import ChineseBooleansMixin

from ..models import Article, Program, ProgramInstallment
from .filters import ProgramListFilter
from .permissions import visible_articles
from .scoping import sees_everything, visible_installments, visible_programs


class InstallmentInline(admin.TabularInline):
    model = ProgramInstallment
    extra = 0
    fields = ["number", "label", "title"]


@admin.register(Program)
class ProgramAdmin(ChineseBooleansMixin, admin.ModelAdmin):
    list_display = ["name", "is_active_text", "article_count", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "description"]
    # Explicit: the count annotation's GROUP BY drops Meta.ordering, and the autocomplete pages.
    ordering = ["-created_at", "name"]
    inlines = [InstallmentInline]

    def get_queryset(self, request):
        user = request.user
        # A reporter's count leaves out colleagues' drafts, as the article list does.
        counted = (
            None
            if sees_everything(user)
            else Q(articles__in=visible_articles(Article.objects.all(), user))
        )
        programs = (
            super().get_queryset(request).annotate(article_total=Count("articles", filter=counted))
        )
        return visible_programs(user, programs)

    @admin.display(description=_("稿件数"), ordering="article_total")
    def article_count(self, program):
        return program.article_total


@admin.register(ProgramInstallment)
class ProgramInstallmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "program", "number"]
    list_filter = [("program", ProgramListFilter)]
    list_select_related = ["program"]
    search_fields = ["label", "title", "program__name"]
    autocomplete_fields = ["program"]

    def get_queryset(self, request):
        return visible_installments(request.user, super().get_queryset(request))
