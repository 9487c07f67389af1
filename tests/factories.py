"""Test data factories: plain functions with sensible defaults, override what a test cares about."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article, ArticleStatus


def make_article(*, headline="新闻标题", paragraphs=(), published=True, **fields) -> Article:
    """An article (published an hour ago unless told otherwise) with these body paragraphs."""
    fields.setdefault("body", [{"kind": "paragraph", "text": text} for text in paragraphs])
    if published:
        fields.setdefault("status", ArticleStatus.PUBLISHED)
        fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
    return Article.objects.create(headline=headline, **fields)
