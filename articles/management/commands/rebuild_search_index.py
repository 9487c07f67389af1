"""Recompute the article search index from the articles, with progress, or in the worker."""

import time

from django.core.management.base import BaseCommand, CommandError

from articles.search import REINDEX_BATCH, index_ranges, rebuild_index
from articles.tasks import reindex_articles


class Command(BaseCommand):
    help = "重建稿件全文检索索引（PostgreSQL 二元组 tsvector / SQLite FTS5）。"

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="数据库别名（默认 default）。")
        parser.add_argument(
            "--in-background",
            action="store_true",
            help="不在本命令中重建，而是按稿件编号分段排入后台任务，由 db_worker 执行。",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=REINDEX_BATCH,
            help=f"--in-background 时每个任务的稿件编号数（默认 {REINDEX_BATCH}）。",
        )

    def handle(self, *args, database, in_background, batch_size, **options):
        if in_background:
            if batch_size < 1:
                raise CommandError("--batch-size 必须是正整数。")
            ranges = index_ranges(batch_size, using=database)
            for start, end in ranges:
                reindex_articles.enqueue(start, end, database)
            self.stdout.write(
                self.style.SUCCESS(
                    f"已排入 {len(ranges)} 个检索索引后台任务，可在管理后台“后台任务”中查看进度。"
                )
            )
            return
        started = time.monotonic()

        def progress(done, total):
            self.stdout.write(f"已索引 {done}/{total} 篇稿件")

        total = rebuild_index(progress=progress, using=database)
        self.stdout.write(
            self.style.SUCCESS(
                f"检索索引已重建：{total} 篇稿件，用时 {time.monotonic() - started:.1f} 秒"
            )
        )
