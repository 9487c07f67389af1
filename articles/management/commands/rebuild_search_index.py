"""Recompute the article search index from the articles, with progress."""

import time

from django.core.management.base import BaseCommand

from articles.search import rebuild_index


class Command(BaseCommand):
    help = "重建稿件全文检索索引（PostgreSQL 二元组 tsvector / SQLite FTS5）。"

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="数据库别名（默认 default）。")

    def handle(self, *args, database, **options):
        started = time.monotonic()

        def progress(done, total):
            self.stdout.write(f"已索引 {done}/{total} 篇稿件")

        total = rebuild_index(progress=progress, using=database)
        self.stdout.write(
            self.style.SUCCESS(
                f"检索索引已重建：{total} 篇稿件，用时 {time.monotonic() - started:.1f} 秒"
            )
        )
