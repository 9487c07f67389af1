"""Latest-article feeds, and one per district, program, reporter and tag, in RSS 2.0 and Atom."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape

from people.models import Reporter

from .feed_types import XmlSafeAtomFeed, XmlSafeRssFeed
from .models import Article, District, Program
from .page_cache import list_tag, shows
from .tagging import ids_tagged_with, public_tags

FEED_SIZE = 30


class ArticleFeed(Feed):
    """The latest public articles; subclasses narrow them to one district, program or reporter."""

    description_template = None
    feed_type = XmlSafeRssFeed

    def title(self, obj=None):
        if obj is None:
            return settings.NEWSROOM_SITE_NAME
        return f"{obj} - {settings.NEWSROOM_SITE_NAME}"

    def link(self, obj=None):
        return obj.get_absolute_url() if obj is not None else reverse("articles:home")

    def description(self, obj=None):
        return f"{settings.NEWSROOM_PUBLICATION_NAME}最新稿件"

    def narrow(self, articles, obj):
        return articles

    def shown(self, request, kind: str, obj):
        """Tell the page cache which list this feed is (see articles/page_cache)."""
        shows(request, list_tag(kind, obj.pk))
        return obj

    def items(self, obj=None):
        articles = Article.objects.published().for_listing().prefetch_related("tags")
        return self.narrow(articles, obj)[:FEED_SIZE]

    def item_title(self, item):
        # RSS does not say whether a title is HTML, and readers guess (feedparser takes one
        # with a tag, comment or entity for HTML), so the text is escaped once for HTML too.
        return escape(item.full_title)

    def item_description(self, item):
        # Readers treat an RSS description as HTML: escape the plain text once for HTML here;
        # the feed generator escapes it again for XML.
        return escape(item.summary or item.body_text[:200])

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        # Unsigned pieces (editorials) are credited to the paper itself.
        names = [byline.reporter.name for byline in item.bylines.all()]
        return "、".join(names) or settings.NEWSROOM_PUBLICATION_NAME

    def item_categories(self, item):
        return [d.name for d in item.districts.all()] + [t.name for t in item.tags.all()]


class LatestArticlesFeed(ArticleFeed):
    pass


class DistrictFeed(ArticleFeed):
    def get_object(self, request, slug):
        return self.shown(request, "district", get_object_or_404(District, slug=slug))

    def narrow(self, articles, obj):
        return articles.filter(districts=obj)


class ProgramFeed(ArticleFeed):
    def get_object(self, request, slug):
        return self.shown(request, "program", get_object_or_404(Program, slug=slug))

    def narrow(self, articles, obj):
        return articles.filter(program=obj)


class ReporterFeed(ArticleFeed):
    def get_object(self, request, slug):
        return self.shown(request, "reporter", get_object_or_404(Reporter, slug=slug))

    def narrow(self, articles, obj):
        return articles.filter(bylines__reporter=obj)


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        # As on the tag page: a tag no public article carries does not exist for readers.
        return self.shown(request, "tag", get_object_or_404(public_tags(), slug=slug))

    def link(self, obj=None):
        return reverse("articles:tag", args=[obj.slug])

    def narrow(self, articles, obj):
        return articles.filter(pk__in=ids_tagged_with([obj]))


class AtomFeedMixin:
    """The same entries as the RSS feed, as Atom 1.0, whose feed-level text is `subtitle`."""

    feed_type = XmlSafeAtomFeed

    def subtitle(self, obj=None):
        return self.description(obj)

    def item_title(self, item):
        # Atom titles are type="text": the feed generator's XML escaping is all they need.
        return item.full_title


class LatestArticlesAtomFeed(AtomFeedMixin, LatestArticlesFeed):
    pass


class DistrictAtomFeed(AtomFeedMixin, DistrictFeed):
    pass


class ProgramAtomFeed(AtomFeedMixin, ProgramFeed):
    pass


class ReporterAtomFeed(AtomFeedMixin, ReporterFeed):
    pass


class TagAtomFeed(AtomFeedMixin, TagFeed):
    pass
