"""Recompute the article search index from the articles, with progress."""

import time

from django.core.management.base import BaseCommand

from articles.search import rebuild_index


class Command(BaseCommand):
    help = "重建稿件全文检索索引（PostgreSQL 二元组 tsvector / SQLite FTS5）。"

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, database, **options):
        started = time.monotonic()

        def progress(done, total):
            self.stdout.write(f"Indexed {done}/{total} articles")

        total = rebuild_index(progress=progress, using=database)
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt: {total} articles in {time.monotonic() - started:.1f} s"
            )
        )
