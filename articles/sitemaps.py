"""Sitemaps: articles, districts, programs, reporters, and a Google News sitemap."""

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.utils import timezone

from people.models import Reporter

from .models import Article, Byline, Program
from .reference import reference

NEWS_WINDOW = datetime.timedelta(days=2)


class CountedSitemap(Sitemap):
    """Reads the latest change and the count in one aggregate; the index asks for both."""

    _counted: int | None = None

    def get_latest_lastmod(self):
        found = self.items().aggregate(latest=Max("updated_at"), count=Count("pk"))
        self._counted = found["count"]
        return found["latest"]

    @property
    def paginator(self):
        pages = Paginator(self._items(), self.limit)
        if self._counted is not None:
            pages.count = self._counted  # a cached_property: set, it skips the COUNT query
        return pages


class ArticleSitemap(CountedSitemap):
    # Small pages keep each response cheap (URL building is the cost), however many articles exist.
    limit = 1000

    def items(self):
        return Article.objects.published().only("pk", "published_at", "updated_at", "created_at")

    def lastmod(self, item):
        return item.updated_at


class NewsSitemap(CountedSitemap):
    """Public articles of the last two days, with the `news:` fields Google News reads."""

    limit = 1000

    def items(self):
        return Article.objects.published().filter(published_at__gte=timezone.now() - NEWS_WINDOW)

    def lastmod(self, item):
        return item.updated_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["publication_name"] = settings.NEWSROOM_PUBLICATION_NAME
            url["publication_date"] = timezone.localtime(url["item"].published_at).isoformat(
                timespec="seconds"
            )
        return urls


class DistrictSitemap(Sitemap):
    def items(self):
        return list(reference().districts)  # cached: the index costs no count


class ProgramSitemap(Sitemap):
    def items(self):
        public = Article.objects.published().filter(program__isnull=False)
        return Program.objects.filter(pk__in=public.values("program_id")).order_by("pk")


class ReporterSitemap(Sitemap):
    def items(self):
        bylines = Byline.objects.filter(article__in=Article.objects.published())
        return Reporter.objects.filter(pk__in=bylines.values("reporter_id")).order_by("pk")


SITEMAPS = {
    "articles": ArticleSitemap,
    "news": NewsSitemap,
    "districts": DistrictSitemap,
    "programs": ProgramSitemap,
    "reporters": ReporterSitemap,
}
