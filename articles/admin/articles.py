"""The article admin: the editors' desk, with the workflow enforced on every write."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..blocks import blocks_to_text
from ..history import article_versions, version_changes
from ..models import Article, ArticleStatus, Byline
from ..preview import preview_url
from ..repair_diff import repair_comparison_html
from ..search import admin_search, parse_query
from ..services import (
    PUBLISHABLE,
    SUBMITTABLE,
    WITHDRAWABLE,
    article_add_byline,
    article_autosave_saved,
    article_edit_done,
    article_revert,
    article_save_edit,
    article_save_rows,
    can_proofread,
    can_publish,
    can_set_embargo,
)
from .actions import apply_transition, publish_selected, submit_selected, withdraw_selected
from .autosave import autosave_context, autosave_urls
from .filters import ProgramListFilter, TagListFilter
from .forms import ArticleAdminForm
from .inlines import BylineInline, CorrectionInline, MentionInline, PhotoInline
from .permissions import ArticleEditRuleMixin, user_can_edit, visible_articles
from .presence import heartbeat_view, presence_context, take_over_view
from .review import comments_view, may_send_back, send_back_view, thread_context
from .scoping import visible_installments, visible_programs
from .sources import article_parse_warnings, source_versions_panel
from .tasks import find_people_selected
from .writing import body_preview_view

# Change-form buttons: POST name -> transition.
BUTTONS = {
    "_submit_review": "submit",
    "_mark_proofread": "proofread",
    "_publish": "publish",
    "_withdraw": "withdraw",
}
HISTORY_PAGE_SIZE = 50


@admin.register(Article)
class ArticleAdmin(ArticleEditRuleMixin, admin.ModelAdmin):
    """Reporters write and submit their own drafts; editors publish; the server checks both."""

    form = ArticleAdminForm
    list_display = [
        "headline_display",
        "status",
        "published_at",
        "print_date",
        "print_page",
        "program",
        "districts_display",
        "bylines_display",
    ]
    list_display_links = ["headline_display"]
    list_select_related = ["program"]
    list_filter = [
        "status",
        "kind",
        ("program", ProgramListFilter),
        "districts",
        ("tags", TagListFilter),
        "print_date",
    ]
    # Searched by get_search_results: the index, the summary, reporter names.
    search_fields = ["headline", "kicker", "summary", "bylines__reporter__name"]
    date_hierarchy = "published_at"
    list_per_page = 50
    actions = [submit_selected, publish_selected, withdraw_selected, find_people_selected]
    autocomplete_fields = ["program", "installment", "districts", "subdistricts"]
    inlines = [BylineInline, MentionInline, PhotoInline, CorrectionInline]
    save_on_top = True
    fieldsets = [
        (
            None,
            {"fields": ["base_version", "kicker", "headline", "subheadline", "summary", "body"]},
        ),
        (_("校对"), {"fields": ["proofread_mark", "repair_comparison"]}),
        (
            _("发布"),
            {"fields": ["status", "published_at", "embargo_until", "expires_at", "kind", "slug"]},
        ),
        (_("归类"), {"fields": ["program", "installment", "districts", "subdistricts", "tags"]}),
        (_("见报"), {"fields": ["print_date", "print_page"]}),
        (_("来源（只读）"), {"fields": ["provenance"], "classes": ["collapse"]}),
        (_("记录"), {"fields": ["created_by", "created_at", "updated_at"]}),
    ]

    class Media:
        css = {
            "all": [
                "admin_newsroom/article.css",
                "admin_newsroom/presence.css",
                "admin_newsroom/writing.css",
            ]
        }
        js = ["admin_newsroom/presence.js", "admin_newsroom/writing.js"]

    # Reads

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            # The changelist skips list_select_related once the queryset has any: name both.
            .select_related("proofread_by", *self.list_select_related)
            .prefetch_related(
                Prefetch(
                    "bylines",
                    queryset=Byline.objects.select_related("reporter").order_by("order", "pk"),
                ),
                "districts",
            )
        )
        return visible_articles(queryset, request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A hidden program's id typed into the form must not come back with its name.
        scope = {"program": visible_programs, "installment": visible_installments}
        if db_field.name in scope:
            kwargs["queryset"] = scope[db_field.name](request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        """Every term in the text (the search index), the summary or a reporter's name."""
        for term in parse_query(search_term).terms:
            in_text, _ = admin_search(Article.objects.all(), term)
            by_reporter = Byline.objects.filter(reporter__name__icontains=term)
            queryset = queryset.filter(
                Q(pk__in=in_text.values("pk"))
                | Q(summary__icontains=term)
                | Q(pk__in=by_reporter.values("article_id"))
            )
        return queryset, False

    @admin.display(description=_("标题"), ordering="headline")
    def headline_display(self, article):
        return article.full_title

    @admin.display(description=_("区"))
    def districts_display(self, article):
        return "、".join(district.short_name for district in article.districts.all())

    @admin.display(description=_("署名"))
    def bylines_display(self, article):
        return "、".join(byline.reporter.name for byline in article.bylines.all())

    @admin.display(description=_("来源版面与 OCR 原文"))
    def provenance(self, article):
        source = article.source_document if article.pk else None
        if source is None:
            return _("手工录入，没有来源版面。")
        facts = format_html(
            '<dl class="provenance-facts"><dt>文件</dt><dd>{}</dd><dt>SHA-256</dt>'
            "<dd><code>{}</code></dd><dt>出版日期 / 版面</dt><dd>{} {}</dd>"
            "<dt>版面内序号</dt><dd>{}</dd></dl>",
            source.file_name,
            source.sha256,
            source.edition_date or "—",
            source.page or "",
            article.source_position,
        )
        return facts + source_versions_panel(source, article.source_version_id)

    @admin.display(description=_("已校对"))
    def proofread_mark(self, article):
        if article.proofread_at is None:
            return _("尚未校对。") if article.source_document_id else _("手工录入，无需校对。")
        who = article.proofread_by.get_full_name() or article.proofread_by.get_username()
        when = timezone.localtime(article.proofread_at).strftime("%Y-%m-%d %H:%M")
        return _("%(who)s 于 %(when)s 标记已校对。") % {"who": who, "when": when}

    @admin.display(description=_("OCR 原文与修复后的正文"))
    def repair_comparison(self, article):
        return repair_comparison_html(article)

    @admin.display(description=_("副题"))
    def subheadline_text(self, article):
        return "\n".join(article.subheadline)

    @admin.display(description=_("正文"))
    def body_text(self, article):
        return format_html('<pre class="body-text">{}</pre>', blocks_to_text(article.body))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.source_document_id is None:
            # Typed in by hand: no OCR to proofread.
            fieldsets = [(name, options) for name, options in fieldsets if name != _("校对")]
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # View only: show the body as editors write it, not as the stored JSON.
        shown = {"body": "body_text", "subheadline": "subheadline_text", "base_version": None}
        return [
            (
                name,
                {
                    **options,
                    "fields": [shown.get(f, f) for f in options["fields"] if shown.get(f, f)],
                },
            )
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        # Status moves only through the workflow buttons and actions, which call the services.
        fields = ["status", "provenance", "proofread_mark", "repair_comparison"]
        fields += ["created_by", "created_at", "updated_at"]
        if not can_publish(request.user):
            fields.append("published_at")
        if not can_set_embargo(request.user):
            # Embargo and expiry are publishing decisions; the save service refuses them too.
            fields += ["embargo_until", "expires_at"]
        return fields

    # Permissions: change and delete come from ArticleEditRuleMixin (services.can_edit).

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def has_submit_permission(self, request):
        return request.user.has_perm("articles.submit_article")

    def get_deleted_objects(self, objs, request):
        """Django's list of what a delete removes, without the district/subdistrict link rows:
        they are named after the models' English class names, and say nothing an editor needs."""
        to_delete, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        links = {
            str(capfirst(field.remote_field.through._meta.verbose_name))
            for field in Article._meta.many_to_many
            if field.remote_field.through._meta.auto_created
        }
        plural = {
            str(field.remote_field.through._meta.verbose_name_plural)
            for field in Article._meta.many_to_many
            if field.remote_field.through._meta.auto_created
        }

        def keep(rows):
            return [
                keep(row) if isinstance(row, list) else row
                for row in rows
                if isinstance(row, list) or not str(row).startswith(tuple(links))
            ]

        counts = {name: n for name, n in counts.items() if str(name) not in plural}
        return keep(to_delete), counts, perms_needed, protected

    # Writes

    def save_model(self, request, obj, form, change):
        # The form checked base_version under a row lock; the service moves it on by one.
        article_save_edit(article=obj, user=request.user, is_new=not change)

    def save_formset(self, request, form, formset, change):
        if change and not user_can_edit(request, form.instance):
            raise PermissionDenied
        rows = formset.save(commit=False)
        article_save_rows(rows=rows, deleted=formset.deleted_objects)
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        reporter = getattr(request.user, "reporter", None)
        if not change and reporter is not None and not article.bylines.exists():
            article_add_byline(article=article, reporter=reporter)
        article_edit_done(article=article, user=request.user)
        article_autosave_saved(article=article, user=request.user, is_new=not change)

    def response_change(self, request, obj):
        for button, transition in BUTTONS.items():
            if button in request.POST:
                if apply_transition(request, obj, transition):
                    self.message_user(request, _("状态已更新。"), messages.SUCCESS)
                return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    # The change page: workflow buttons, preview link, history with diff and revert.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        extra = dict(extra_context or {})
        if article is not None:
            editable = self.has_change_permission(request, article)
            publisher = can_publish(request.user)
            extra.update(
                preview_url=preview_url(article),
                share_url=(
                    reverse("admin:articles_previewshare_add") + f"?article={article.pk}"
                    if editable and request.user.has_perm("articles.add_previewshare")
                    else None
                ),
                can_submit=editable
                and article.status in SUBMITTABLE
                and self.has_submit_permission(request),
                can_mark_proofread=editable
                and can_proofread(request.user)
                and article.status == ArticleStatus.PROOFREADING,
                can_publish_now=editable and publisher and article.status in PUBLISHABLE,
                can_withdraw=editable and publisher and article.status in WITHDRAWABLE,
                can_send_back=may_send_back(request, article, editable),
                is_scheduled=article.is_scheduled,
                is_embargoed=article.is_embargoed(),
                page_warnings=article_parse_warnings(article),
                **thread_context(request, article),
                **presence_context(request, article, editable),
            )
        return super().change_view(request, object_id, form_url, extra_context=extra)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(autosave_context(self, request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        revert = path(
            "<path:object_id>/history/<int:version_id>/revert/",
            self.admin_site.admin_view(self.revert_view),
            name="articles_article_revert",
        )
        send_back = path(
            "<path:object_id>/send-back/",
            self.admin_site.admin_view(self.send_back_view),
            name="articles_article_send_back",
        )
        comments = path(
            "<path:object_id>/comments/",
            self.admin_site.admin_view(self.comments_view),
            name="articles_article_comments",
        )
        presence = [
            path(
                f"<path:object_id>/{route}/",
                self.admin_site.admin_view(view),
                name=f"articles_article_{name}",
            )
            for route, view, name in [
                ("presence", self.heartbeat_view, "presence"),
                ("take-over", self.take_over_view, "take_over"),
            ]
        ]
        body_preview = path(
            "body-preview/",
            self.admin_site.admin_view(self.body_preview_view),
            name="articles_article_body_preview",
        )
        return [
            revert,
            send_back,
            comments,
            body_preview,
            *presence,
            *autosave_urls(self),
            *super().get_urls(),
        ]

    def send_back_view(self, request, object_id):
        return send_back_view(self, request, object_id)

    def comments_view(self, request, object_id):
        return comments_view(self, request, object_id)

    def heartbeat_view(self, request, object_id):
        return heartbeat_view(self, request, object_id)

    def take_over_view(self, request, object_id):
        return take_over_view(self, request, object_id)

    def body_preview_view(self, request):
        return body_preview_view(self, request)

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        page = Paginator(article_versions(article), HISTORY_PAGE_SIZE).get_page(
            request.GET.get("p")
        )
        # One revision past the page, so its oldest entry still shows what it changed.
        first = max(page.start_index() - 1, 0)
        versions = list(page.paginator.object_list[first : page.end_index() + 1])
        newest_number = page.paginator.count - page.start_index() + 1
        entries = [
            (
                newest_number - i,
                version,
                version_changes(versions[i + 1] if i + 1 < len(versions) else None, version),
            )
            for i, version in enumerate(versions[: len(page.object_list)])
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("修订历史：%s") % article.headline,
            "subtitle": None,
            "opts": self.opts,
            "original": article,
            "entries": entries,
            "page": page,
            "can_revert": self.has_change_permission(request, article),
            **thread_context(request, article),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/articles/article/revision_history.html", context)

    def revert_view(self, request, object_id, version_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, unquote(object_id))
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(article_versions(article), pk=version_id)
        outcome = article_revert(article=article, version=version, user=request.user)
        self.message_user(request, _("已恢复到所选版本。"), messages.SUCCESS)
        if outcome.photos_missing:
            self.message_user(
                request,
                _("以下图片的文件已不存在，没有恢复：%s") % "、".join(outcome.photos_missing),
                messages.WARNING,
            )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
