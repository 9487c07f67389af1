"""Public pages: only published articles whose time has come are ever shown."""

import datetime

from django.db.models import Count, Max, Min, Prefetch, Q, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.dates import DayArchiveView, MonthArchiveView
from django_filters.views import FilterView
from taggit.models import Tag

from . import district_map, front_page
from .article_page import article_modified_at, article_page_context, article_page_queryset
from .filters import ArticleFilter
from .models import (
    Article,
    Correction,
    District,
    FormerDistrictName,
    Program,
    Subdistrict,
    published_q,
)
from .page_cache import article_tag, list_tag, shows
from .search import parse_query, snippet
from .search.pinyin import pages_named
from .sparklines import monthly_sparkline
from .tagging import ids_tagged_with

LIST_PAGE_SIZE = 20
# Longer queries cost seconds of search time and are never what a reader means.
SEARCH_QUERY_MAX_LENGTH = 100


class HomeView(TemplateView):
    """Latest articles, the programs' newest installments, districts, the latest print edition."""

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        edition = front_page.latest_print_edition()
        window = district_map.requested_window(self.request)
        districts = district_map.district_counts(window)
        return super().get_context_data(
            articles=front_page.latest_articles(),
            programs=front_page.programs_with_newest(),
            districts=districts,
            district_map=district_map.district_map(districts, window=window),
            edition=edition,
            edition_date=edition[0].print_date if edition else None,
            **kwargs,
        )


class ArticleDetailView(DetailView):
    """One article at its canonical date + id URL; a slug or another date redirects there."""

    template_name = "articles/article.html"
    context_object_name = "article"

    def get_queryset(self):
        return article_page_queryset(Article.objects.published())

    def get(self, request, *args, **kwargs):
        try:
            self.object = article = self.get_object()
        except Http404:
            return self.gone_or_404(kwargs["pk"])
        canonical = article.get_absolute_url()
        if request.path != canonical:
            return redirect(canonical, permanent=True)
        modified_at = article_modified_at(article)
        etag = quote_etag(f"{article.pk}-{article.version}-{modified_at.timestamp():.6f}")
        last_modified = int(modified_at.timestamp())
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return not_modified
        context = article_page_context(article, request=request)
        around = context["surroundings"]
        shown = [article, *filter(None, [around.previous, around.next]), *around.related]
        shows(request, *(article_tag(a.pk) for a in shown))
        if article.program_id:  # its previous and next installments
            shows(request, list_tag("program", article.program_id))
        response = self.render_to_response(context)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        return response

    def gone_or_404(self, pk: int):
        """410 with a short notice for an article readers once saw; 404 for anything else."""
        article = Article.objects.gone().filter(pk=pk).first()
        if article is None:
            raise Http404
        return TemplateResponse(
            self.request, "articles/withdrawn.html", {"article": article}, status=410
        )


class ArticleListView(ListView):
    """A paginated list of public article teasers."""

    context_object_name = "articles"
    paginate_by = LIST_PAGE_SIZE

    def public_articles(self):
        return Article.objects.published().for_listing()


class DistrictView(ArticleListView):
    """A district's articles, narrowed to one 街道/镇 with ?jiedao=<slug>, and its subdistricts."""

    template_name = "articles/district.html"

    def get(self, request, *args, **kwargs):
        self.district = District.objects.filter(slug=kwargs["slug"]).first()
        if self.district is None:
            # Old district names (闸北 …) live on in links: send readers to today's district.
            former = get_object_or_404(
                FormerDistrictName.objects.select_related("district"), slug=kwargs["slug"]
            )
            return redirect(former.district, permanent=True)
        shows(request, list_tag("district", self.district.pk))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        articles = self.public_articles().filter(districts=self.district)
        self.subdistrict = None
        if slug := self.request.GET.get("jiedao"):
            self.subdistrict = get_object_or_404(self.district.subdistricts, slug=slug)
            articles = articles.filter(subdistricts=self.subdistrict)
        return articles

    def get_context_data(self, **kwargs):
        public = published_q("articles__")
        subdistricts = self.district.subdistricts.annotate(
            article_count=Count("articles", filter=public)
        )
        return super().get_context_data(
            district=self.district,
            subdistrict=self.subdistrict,
            subdistricts=subdistricts,
            district_map=district_map.district_map(
                district_map.district_counts("all"), window="all", current=self.district
            ),
            **kwargs,
        )


class DistrictIndexView(TemplateView):
    """All districts on the map, each with its 街道/镇."""

    template_name = "articles/district_index.html"

    def get_context_data(self, **kwargs):
        window = district_map.requested_window(self.request)
        districts = district_map.district_counts(window)
        prefetch_related_objects(
            districts, Prefetch("subdistricts", queryset=Subdistrict.objects.order_by("code"))
        )
        return super().get_context_data(
            districts=districts,
            district_map=district_map.district_map(districts, window=window),
            **kwargs,
        )


class ProgramView(ArticleListView):
    """A program's description and its installments in order."""

    template_name = "articles/program.html"
    paginate_by = 50

    def get_queryset(self):
        self.program = get_object_or_404(Program, slug=self.kwargs["slug"])
        shows(self.request, list_tag("program", self.program.pk))
        return (
            self.public_articles()
            .filter(program=self.program)
            .order_by("installment__number", "published_at", "pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            program=self.program,
            sparkline=monthly_sparkline(Article.objects.published().filter(program=self.program)),
            **kwargs,
        )


class TagView(ArticleListView):
    """A tag's articles; a tag no public article carries does not exist for readers."""

    template_name = "articles/tag.html"
    allow_empty = False

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        shows(self.request, list_tag("tag", self.tag.pk))
        return self.public_articles().filter(pk__in=ids_tagged_with([self.tag]))

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class PrintDateMixin:
    """Archives by print date: the paper as it was printed on a day or in a month."""

    date_field = "print_date"
    month_format = "%m"
    day_format = "%d"
    allow_empty = False
    context_object_name = "articles"
    paginate_by = 50

    def get_queryset(self):
        return (
            Article.objects.published()
            .for_listing()
            .order_by("-print_date", "print_page", "source_position", "pk")
        )

    def _neighbours(self, date) -> dict:
        """The nearest print dates before and after this day and month, in one query.

        Django asks one query for each of the four links (previous/next day and month).
        """
        if getattr(self, "_found_neighbours", None) is None:
            month = date.replace(day=1)
            next_month = (month + datetime.timedelta(days=32)).replace(day=1)
            found = Article.objects.published().aggregate(
                previous_day=Max("print_date", filter=Q(print_date__lt=date)),
                next_day=Min("print_date", filter=Q(print_date__gt=date)),
                previous_month=Max("print_date", filter=Q(print_date__lt=month)),
                next_month=Min("print_date", filter=Q(print_date__gte=next_month)),
            )
            today = timezone.localdate()
            for key, value in found.items():  # Django's rule: no links into the future
                if value is not None and value > today:
                    found[key] = None
            for key in ("previous_month", "next_month"):
                found[key] = found[key] and found[key].replace(day=1)
            self._found_neighbours = found
        return self._found_neighbours

    def get_previous_day(self, date):
        return self._neighbours(date)["previous_day"]

    def get_next_day(self, date):
        return self._neighbours(date)["next_day"]

    def get_previous_month(self, date):
        return self._neighbours(date)["previous_month"]

    def get_next_month(self, date):
        return self._neighbours(date)["next_month"]


class DayArchive(PrintDateMixin, DayArchiveView):
    template_name = "articles/archive_day.html"


class MonthArchive(PrintDateMixin, MonthArchiveView):
    template_name = "articles/archive_month.html"


class ArchiveIndex(TemplateView):
    """The months that have printed articles, newest first."""

    template_name = "articles/archive_index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(months=front_page.print_months(), **kwargs)


class SearchView(FilterView):
    """Search with every filter combinable; active filters are listed with a link removing each."""

    template_name = "articles/search.html"
    filterset_class = ArticleFilter
    context_object_name = "articles"
    paginate_by = LIST_PAGE_SIZE
    strict = True

    def get_queryset(self):
        return Article.objects.published().for_listing()

    def get_filterset_kwargs(self, filterset_class):
        """Cut the text query to SEARCH_QUERY_MAX_LENGTH characters before anything searches."""
        kwargs = super().get_filterset_kwargs(filterset_class)
        data = kwargs.get("data")
        self.query_cut = bool(data) and len(data.get("q", "")) > SEARCH_QUERY_MAX_LENGTH
        if self.query_cut:
            data = data.copy()
            data["q"] = data["q"][:SEARCH_QUERY_MAX_LENGTH]
            kwargs["data"] = data
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query_cut_notice"] = (
            f"搜索词过长，只按前 {SEARCH_QUERY_MAX_LENGTH} 个字搜索。" if self.query_cut else ""
        )
        context["active_filters"] = self.active_filters()
        context["more_filters_active"] = any(f["name"] != "q" for f in context["active_filters"])
        context["more_than_shown"] = getattr(self.object_list, "more_than_cap", False)
        query = self.query()
        context["named_pages"] = pages_named(self.raw_query())
        for article in context["articles"] if query else ():
            article.search_snippet = snippet(article, query)
        return context

    def raw_query(self) -> str:
        """The text query of a valid form, as typed (empty otherwise)."""
        form = self.filterset.form
        return (form.cleaned_data.get("q") or "") if form.is_valid() else ""

    def query(self):
        """The parsed text query of a valid form (empty otherwise)."""
        return parse_query(self.raw_query())

    def active_filters(self) -> list[dict]:
        form = self.filterset.form
        if not form.is_valid():
            return []
        active = []
        for name, value in form.cleaned_data.items():
            if value in (None, ""):
                continue
            params = self.request.GET.copy()
            params.pop(name, None)
            params.pop("page", None)
            field = form.fields[name]
            # Choice filters hold a slug or code: show its label.
            shown = dict(field.choices).get(value, value) if hasattr(field, "choices") else value
            active.append(
                {
                    "name": name,
                    "label": field.label,
                    "value": shown,
                    "remove_query": params.urlencode(),
                }
            )
        return active


class CorrectionListView(ListView):
    """Corrections to public articles, newest first."""

    template_name = "articles/corrections.html"
    context_object_name = "corrections"
    paginate_by = LIST_PAGE_SIZE

    def get_queryset(self):
        return Correction.objects.filter(article__in=Article.objects.published()).select_related(
            "article"
        )


@require_safe
def robots_txt(request):
    """Allow the public site, keep crawlers out of the admin, point them at the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
