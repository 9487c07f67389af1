"""Synthetic articles for the search benchmark, built from real articles' vocabulary.

Every synthetic article has a slug starting ``synthetic-`` and the source text ``SYNTHETIC``,
so it can never be mistaken for a printed story and ``delete_synthetic`` removes exactly them.
"""

import random
import re
from datetime import timedelta
from itertools import accumulate
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleStatus

SLUG_PREFIX = "synthetic-"
MARKER = "SYNTHETIC"
_CLAUSE_END = re.compile(r"[，。！？；：、,.!?;:\s]+")


def _page_texts() -> list[str]:
    """Every page of text in the repository: the seed sources and the parser's test pages."""
    folders = [
        Path(settings.NEWSROOM_SOURCES_DIR),
        Path(settings.BASE_DIR) / "tests" / "ingest" / "data" / "pages",
    ]
    return [p.read_text(encoding="utf-8") for f in folders for p in sorted(f.glob("*.txt"))]


def vocabulary() -> list[str]:
    """Clauses of the loaded articles' text and of every page of text in the repository."""
    texts = [
        f"{a.headline}\n{a.body_text}"
        for a in Article.objects.exclude(slug__startswith=SLUG_PREFIX).only("headline", "body")
    ]
    texts += _page_texts()
    clauses = {c for text in texts for c in _CLAUSE_END.split(text) if 2 <= len(c) <= 40}
    if not clauses:
        raise ValueError("No text to build synthetic articles from: load some pages first.")
    return sorted(clauses)


class ArticleFaker:
    """Random articles whose words spread over common, middling and rare, like real text.

    Clauses follow a Zipf law (a few in most articles, most in few); some clauses are new
    splices of word-sized pieces of others (middling phrases), some made-up names (rare bigrams).
    """

    def __init__(self, clauses: list[str], seed: int = 2022):
        self.random = random.Random(seed)  # noqa: S311 - reproducible data, not secrets  # nosec B311
        self.clauses = clauses[:]
        self.random.shuffle(self.clauses)
        # Cumulative weights once: choices() would otherwise re-add them on every call.
        self.cumulative = list(accumulate(1 / (rank + 1) for rank in range(len(self.clauses))))
        self.chars = sorted({ch for c in clauses for ch in c if "\u4e00" <= ch <= "\u9fff"})

    def zipf_clause(self) -> str:
        return self.random.choices(self.clauses, cum_weights=self.cumulative)[0]

    def piece(self) -> str:
        clause = self.random.choice(self.clauses)
        size = self.random.randint(2, 4)
        start = self.random.randint(0, max(0, len(clause) - size))
        return clause[start : start + size]

    def clause(self) -> str:
        roll = self.random.random()
        if roll < 0.06 and self.chars:
            # A made-up name or place: rare bigrams, as real text has many.
            return "".join(self.random.choices(self.chars, k=self.random.randint(2, 3)))
        if roll < 0.30:
            # Real words in new company: phrases of middling frequency.
            return "".join(self.piece() for _ in range(self.random.randint(2, 4)))
        return self.zipf_clause()

    def sentence(self) -> str:
        return "，".join(self.clause() for _ in range(self.random.randint(2, 4))) + "。"

    def article(self, number: int, now) -> Article:
        paragraphs = [
            {"kind": "paragraph", "text": "".join(self.sentence() for _ in range(3))}
            for _ in range(self.random.randint(6, 14))
        ]
        if self.random.random() < 0.3:
            paragraphs.insert(len(paragraphs) // 2, {"kind": "subhead", "text": self.clause()})
        roll = self.random.random()
        status = ArticleStatus.PUBLISHED
        if roll < 0.05:
            status = ArticleStatus.DRAFT
        elif roll < 0.08:
            status = ArticleStatus.WITHDRAWN
        published = now - timedelta(minutes=self.random.randint(1, 5 * 365 * 24 * 60))
        return Article(
            kicker=self.clause() if self.random.random() < 0.4 else "",
            headline=self.clause()[:60],
            subheadline=[self.clause()] if self.random.random() < 0.2 else [],
            body=paragraphs,
            status=status,
            published_at=None if status == ArticleStatus.DRAFT else published,
            slug=f"{SLUG_PREFIX}{number}",
            source_text=MARKER,
        )


def generate_synthetic(count: int, *, batch_size: int = 1000, progress=None, seed=2022) -> int:
    """Create ``count`` synthetic articles in batches; returns how many were made."""
    faker = ArticleFaker(vocabulary(), seed=seed)
    start = Article.objects.filter(slug__startswith=SLUG_PREFIX).count()
    now = timezone.now()
    made = 0
    while made < count:
        size = min(batch_size, count - made)
        with transaction.atomic():
            Article.objects.bulk_create(
                [faker.article(start + made + i, now) for i in range(size)], batch_size=size
            )
        made += size
        if progress:
            progress(made, count)
    return made


def delete_synthetic() -> int:
    """Remove every synthetic article (and only those)."""
    deleted, _ = Article.objects.filter(slug__startswith=SLUG_PREFIX, source_text=MARKER).delete()
    return deleted
