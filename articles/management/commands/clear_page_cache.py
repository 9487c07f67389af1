"""Make every cached page stale: run after a deploy, whose templates or static files changed."""

from django.core.management.base import BaseCommand, CommandError

from articles.page_cache import SITE, store
from articles.page_cache.purge import purge


class Command(BaseCommand):
    help = "让所有缓存页面失效（部署新版本后运行：模板或静态文件可能已变）。"

    def handle(self, *args, **options):
        if not store.bump({SITE}):
            raise CommandError("页面缓存不可用（检查 REDIS_URL 与 Redis 是否在运行），未能清除。")
        purge({SITE})
        self.stdout.write(self.style.SUCCESS("页面缓存已全部失效。"))
