"""Public pages: only published articles whose time has come are ever shown."""

from django.db.models import Count, Max, Prefetch, Q, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.text import Truncator
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.dates import DayArchiveView, MonthArchiveView
from django_filters.views import FilterView
from taggit.models import Tag

from . import front_page
from .blocks import IMAGE
from .filters import ArticleFilter
from .models import (
    Article,
    ArticleMention,
    ArticleStatus,
    Byline,
    Correction,
    District,
    FormerDistrictName,
    Photo,
    Program,
    Subdistrict,
)
from .related import article_surroundings
from .search import parse_query, snippet
from .search.pinyin import pages_named
from .structured_data import news_article_data
from .tagging import ids_tagged_with

LIST_PAGE_SIZE = 20


class HomeView(TemplateView):
    """Latest articles, the programs' newest installments, districts, the latest print edition."""

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        edition = front_page.latest_print_edition()
        return super().get_context_data(
            articles=front_page.latest_articles(),
            programs=front_page.programs_with_newest(),
            districts=front_page.districts_with_counts(),
            edition=edition,
            edition_date=edition[0].print_date if edition else None,
            **kwargs,
        )


def _load_article_relations(article: Article) -> None:
    """Fetch what the page lists, one query per relation, whatever their sizes."""
    prefetch_related_objects(
        [article],
        Prefetch("bylines", queryset=Byline.objects.select_related("reporter")),
        Prefetch("mentions", queryset=ArticleMention.objects.select_related("person")),
        "districts",
        Prefetch("subdistricts", queryset=Subdistrict.objects.select_related("district")),
        "tags",
    )


def _body_with_photos(article: Article) -> list[dict]:
    """Body blocks with image blocks resolved to their photos (missing photos are dropped)."""
    photo_ids = [b.get("photo") for b in article.body if b.get("kind") == IMAGE]
    photos = Photo.objects.filter(article=article).in_bulk(photo_ids) if photo_ids else {}
    blocks = []
    for block in article.body:
        if block.get("kind") == IMAGE:
            if block.get("photo") in photos:
                blocks.append({"kind": IMAGE, "photo": photos[block["photo"]]})
        else:
            blocks.append(block)
    return blocks


def article_modified_at(article: Article):
    """When the page last changed: the article's save or its latest correction."""
    corrected = getattr(article, "last_corrected", None)
    return max(filter(None, [article.updated_at, corrected]))


def article_description(article: Article) -> str:
    return article.summary or Truncator(article.body_text.replace("\n", " ")).chars(120)


def article_page_context(article: Article, *, request) -> dict:
    """Everything templates/articles/article.html shows besides `article` (preview uses it too)."""
    _load_article_relations(article)
    bylines = list(article.bylines.all())
    districts = list(article.districts.all())
    tags = list(article.tags.all())
    if getattr(article, "correction_count", None) == 0:
        corrections = []
    else:
        corrections = list(article.corrections.all())
    body = _body_with_photos(article)
    lead_photo = next((b["photo"] for b in body if b["kind"] == IMAGE), None)
    image_url = request.build_absolute_uri(lead_photo.image.url) if lead_photo else None
    canonical_url = request.build_absolute_uri(article.get_absolute_url())
    description = article_description(article)
    return {
        "article": article,
        "bylines": bylines,
        "mentions": list(article.mentions.all()),
        "districts": districts,
        "subdistricts": list(article.subdistricts.all()),
        "tags": tags,
        "corrections": corrections,
        "body": body,
        "surroundings": article_surroundings(
            article, district_ids=[d.pk for d in districts], tag_ids=[t.pk for t in tags]
        ),
        "canonical_url": canonical_url,
        "description": description,
        "image_url": image_url,
        "json_ld": news_article_data(
            article,
            bylines=bylines,
            canonical_url=canonical_url,
            modified_at=article_modified_at(article),
            description=description,
            image_url=image_url,
            corrections=corrections,
            absolute=request.build_absolute_uri,
        ),
    }


class ArticleDetailView(DetailView):
    """One article at its canonical date + id URL; a slug or another date redirects there."""

    template_name = "articles/article.html"
    context_object_name = "article"

    def get_queryset(self):
        return (
            Article.objects.published()
            .select_related("program", "installment")
            .annotate(
                correction_count=Count("corrections"),
                last_corrected=Max("corrections__corrected_at"),
            )
        )

    def get(self, request, *args, **kwargs):
        self.object = article = self.get_object()
        canonical = article.get_absolute_url()
        if request.path != canonical:
            return redirect(canonical, permanent=True)
        modified_at = article_modified_at(article)
        etag = quote_etag(f"{article.pk}-{article.version}-{modified_at.timestamp():.6f}")
        last_modified = int(modified_at.timestamp())
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return not_modified
        response = self.render_to_response(article_page_context(article, request=request))
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        return response


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
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        articles = self.public_articles().filter(districts=self.district)
        self.subdistrict = None
        if slug := self.request.GET.get("jiedao"):
            self.subdistrict = get_object_or_404(self.district.subdistricts, slug=slug)
            articles = articles.filter(subdistricts=self.subdistrict)
        return articles

    def get_context_data(self, **kwargs):
        now = timezone.now()
        public = Q(articles__status=ArticleStatus.PUBLISHED, articles__published_at__lte=now)
        subdistricts = self.district.subdistricts.annotate(
            article_count=Count("articles", filter=public)
        )
        return super().get_context_data(
            district=self.district,
            subdistrict=self.subdistrict,
            subdistricts=subdistricts,
            **kwargs,
        )


class ProgramView(ArticleListView):
    """A program's description and its installments in order."""

    template_name = "articles/program.html"
    paginate_by = 50

    def get_queryset(self):
        self.program = get_object_or_404(Program, slug=self.kwargs["slug"])
        return (
            self.public_articles()
            .filter(program=self.program)
            .order_by("installment__number", "published_at", "pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(program=self.program, **kwargs)


class TagView(ArticleListView):
    """A tag's articles; a tag no public article carries does not exist for readers."""

    template_name = "articles/tag.html"
    allow_empty = False

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
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
            shown = dict(field.choices).get(value, value) if name == "kind" else value
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
