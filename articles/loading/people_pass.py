"""The thorough people pass over loaded articles: the names the load's rules missed.

`articles.ingest.thorough` proposes the names; this module reads loaded articles, adds what it
finds through the mention service and says what it did. `articles.tasks` runs it in the worker.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from ..blocks import TEXT_KINDS
from ..ingest.thorough import thorough_people
from ..models import Article
from ..services import article_add_mentions

# Articles per task: each task is a unit of progress the admin shows, and a few minutes' work.
BATCH_SIZE = 20


def stored_texts(article: Article) -> list[str]:
    """An article's texts in the order the load read them: title lines, then the body."""
    lines = [article.kicker, article.headline, *(article.subheadline or [])]
    body = [b.get("text", "") for b in article.body or [] if b.get("kind") in TEXT_KINDS]
    return [text for text in (*lines, *body) if text]


def add_people(article_ids: Iterable[int]) -> dict[str, int]:
    """Run the pass over these articles; how many articles it read and people it added."""
    articles = Article.objects.filter(pk__in=list(article_ids)).prefetch_related(
        "bylines__reporter", "mentions__person"
    )
    read = added = 0
    for article in articles.order_by("pk"):
        read += 1
        exclude = {byline.reporter.name for byline in article.bylines.all()}
        known = {mention.person.name for mention in article.mentions.all()}
        found = thorough_people(stored_texts(article), exclude, known)
        if found:
            mentions = [(m.name, m.title or "") for m in found]
            comment = _("精确人名识别补充人物")
            added += len(article_add_mentions(article=article, mentions=mentions, comment=comment))
    return {"articles": read, "people": added}


def batches(article_ids: Iterable[int]) -> list[list[int]]:
    """The article ids in sorted batches of BATCH_SIZE, one task each."""
    ids = sorted(set(article_ids))
    return [ids[i : i + BATCH_SIZE] for i in range(0, len(ids), BATCH_SIZE)]
