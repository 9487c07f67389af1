"""Write public articles changed since a date as IPTC ninjs 3.1 files, one per article."""

import datetime
import json
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from articles.api.articles import ninjs_articles
from articles.api.ninjs import news_item
from articles.models import Correction
from articles.tagging import attach_tags

BATCH = 200


def since_moment(value: str) -> datetime.datetime:
    """Midnight in Shanghai at the start of DATE (YYYY-MM-DD)."""
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--since {value}：日期无效，请写成 2022-11-21。") from None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def write_atomically(path: Path, text: str) -> None:
    """Write a file so a reader never sees half of it: a temporary file, then a rename."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, path)


class Command(BaseCommand):
    help = (
        "把自某日起发布、修改或更正过的公开稿件导出为 IPTC ninjs 3.1 文件，每篇一个 "
        "<id>.ninjs.json，供存档和合作方使用。草稿、待审、定时和撤回的稿件不导出。"
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="导出到这个文件夹（不存在则创建）。")
        parser.add_argument(
            "--since", required=True, metavar="DATE", help="起始日期（上海时间），如 2022-11-21。"
        )
        parser.add_argument(
            "--base-url",
            default=settings.NEWSROOM_BASE_URL,
            help="网站地址，用于文件里的链接和图片地址（默认 NEWSROOM_BASE_URL）。",
        )
        parser.add_argument("--dry-run", action="store_true", help="只统计篇数，不写文件。")

    def handle(self, *args, directory, since, base_url, dry_run, **options):
        moment = since_moment(since)
        base_url = base_url.rstrip("/")
        if not base_url.startswith(("http://", "https://")):
            raise CommandError(f"--base-url {base_url}：请给出以 http:// 或 https:// 开头的地址。")
        corrected = Correction.objects.filter(corrected_at__gte=moment).values("article_id")
        changed = ninjs_articles().filter(
            Q(published_at__gte=moment) | Q(updated_at__gte=moment) | Q(pk__in=corrected)
        )
        if dry_run:
            self.stdout.write(f"将导出 {changed.count()} 篇稿件（试运行，未写文件）。")
            return
        folder = Path(directory)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"{folder}：无法创建导出文件夹（{exc.strerror}）。") from None

        def absolute(path: str) -> str:
            return f"{base_url}{path}"

        ids = list(changed.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            batch = ninjs_articles().filter(pk__in=ids[start : start + BATCH]).order_by("pk")
            for article in attach_tags(list(batch)):
                item = news_item(article, absolute=absolute)
                text = json.dumps(item, ensure_ascii=False, indent=2) + "\n"
                write_atomically(folder / f"{article.pk}.ninjs.json", text)
        written = len(ids)
        self.stdout.write(self.style.SUCCESS(f"已导出 {written} 篇稿件到 {folder}。"))
