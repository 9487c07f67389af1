"""Public pages of the articles app, its feeds, sitemaps and robots.txt."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from . import feeds, preview, views
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

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(
        "<int:year>/<dd:month>/<dd:day>/<int:pk>/", views.ArticleDetailView.as_view(), name="detail"
    ),
    # The pinyin slug only decorates: it redirects to the canonical URL above.
    path(
        "<int:year>/<dd:month>/<dd:day>/<int:pk>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="detail-slug",
    ),
    path("districts/", views.DistrictIndexView.as_view(), name="district-index"),
    path("district/<slug:slug>/", views.DistrictView.as_view(), name="district"),
    path("district/<slug:slug>/feed/", feeds.DistrictFeed(), name="district-feed"),
    path("district/<slug:slug>/feed/atom/", feeds.DistrictAtomFeed(), name="district-atom"),
    path("program/<slug:slug>/", views.ProgramView.as_view(), name="program"),
    path("program/<slug:slug>/feed/", feeds.ProgramFeed(), name="program-feed"),
    path("program/<slug:slug>/feed/atom/", feeds.ProgramAtomFeed(), name="program-atom"),
    path("reporter/<slug:slug>/feed/", feeds.ReporterFeed(), name="reporter-feed"),
    path("reporter/<slug:slug>/feed/atom/", feeds.ReporterAtomFeed(), name="reporter-atom"),
    path("tag/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("tag/<str:slug>/feed/", feeds.TagFeed(), name="tag-feed"),
    path("tag/<str:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag-atom"),
    path("archive/", views.ArchiveIndex.as_view(), name="archive"),
    path("archive/<int:year>/<dd:month>/", views.MonthArchive.as_view(), name="archive-month"),
    path("archive/<int:year>/<dd:month>/<dd:day>/", views.DayArchive.as_view(), name="archive-day"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("corrections/", views.CorrectionListView.as_view(), name="corrections"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="atom"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap"},
        name="sitemap-index",
    ),
    # Before the generic section URL: the news section needs the `news:` namespace.
    path(
        "sitemap-news.xml",
        sitemap_views.sitemap,
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("preview/<str:token>/", preview.preview_view, name="preview"),
    path("review/<str:token>/", preview.review_view, name="review"),
]
