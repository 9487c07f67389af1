"""Public pages of the articles app, its feeds, sitemaps and robots.txt."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from . import feeds, preview, views
from .page_cache import ALL_LISTS, SITE, cached_page
from .sitemaps import SITEMAPS, NewsSitemap

app_name = "articles"


class TwoDigitConverter:
    """Months and days in URLs as two digits: /2022/11/05/."""

    regex = "[0-9]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(TwoDigitConverter, "dd")

# Every public page goes through the page cache. Pages of one object or list say what they
# show (page_cache.shows); the rest show lists across the site.
lists = cached_page(tags=[ALL_LISTS])
article_page = cached_page(views.ArticleDetailView.as_view())


def feed_paths(kind: str, converter: str, rss, atom):
    """One list's RSS and Atom feeds: /district/<slug>/feed/ and /district/<slug>/feed/atom/."""
    prefix = f"{kind}/<{converter}:slug>/feed/"
    return [
        path(prefix, cached_page(rss()), name=f"{kind}-feed"),
        path(f"{prefix}atom/", cached_page(atom()), name=f"{kind}-atom"),
    ]


urlpatterns = [
    path("", lists(views.HomeView.as_view()), name="home"),
    path("<int:year>/<dd:month>/<dd:day>/<int:pk>/", article_page, name="detail"),
    # The pinyin slug only decorates: it redirects to the canonical URL above.
    path("<int:year>/<dd:month>/<dd:day>/<int:pk>/<slug:slug>/", article_page, name="detail-slug"),
    path("districts/", lists(views.DistrictIndexView.as_view()), name="district-index"),
    path("district/<slug:slug>/", lists(views.DistrictView.as_view()), name="district"),
    *feed_paths("district", "slug", feeds.DistrictFeed, feeds.DistrictAtomFeed),
    path("program/<slug:slug>/", cached_page(views.ProgramView.as_view()), name="program"),
    *feed_paths("program", "slug", feeds.ProgramFeed, feeds.ProgramAtomFeed),
    *feed_paths("reporter", "slug", feeds.ReporterFeed, feeds.ReporterAtomFeed),
    path("tag/<str:slug>/", cached_page(views.TagView.as_view()), name="tag"),
    *feed_paths("tag", "str", feeds.TagFeed, feeds.TagAtomFeed),
    path("archive/", lists(views.ArchiveIndex.as_view()), name="archive"),
    path(
        "archive/<int:year>/<dd:month>/", lists(views.MonthArchive.as_view()), name="archive-month"
    ),
    path(
        "archive/<int:year>/<dd:month>/<dd:day>/",
        lists(views.DayArchive.as_view()),
        name="archive-day",
    ),
    path("search/", lists(views.SearchView.as_view()), name="search"),
    path("corrections/", lists(views.CorrectionListView.as_view()), name="corrections"),
    path("feed/", lists(feeds.LatestArticlesFeed()), name="feed"),
    path("feed/atom/", lists(feeds.LatestArticlesAtomFeed()), name="atom"),
    path(
        "sitemap.xml",
        lists(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap"},
        name="sitemap-index",
    ),
    # Before the generic section URL: the news section needs the `news:` namespace.
    path(
        "sitemap-news.xml",
        lists(sitemap_views.sitemap),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
    ),
    path(
        "sitemap-<section>.xml",
        lists(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("robots.txt", cached_page(views.robots_txt, tags=[SITE]), name="robots"),
    path("preview/<str:token>/", preview.preview_view, name="preview"),
    path("review/<str:token>/", preview.review_view, name="review"),
]
