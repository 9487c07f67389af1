"""manage.py backup DIR: the database and all media in one checksummed archive."""

from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from newsroom.ops.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "备份数据库（PostgreSQL 用 pg_dump -Fc，SQLite 用在线备份）"
        "和全部媒体文件到 DIR 下的一个归档。"
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="存放备份归档的文件夹")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="数据库别名")

    def handle(self, *args, directory, database, **options):
        try:
            path, manifest = write_backup(
                directory=Path(directory),
                connection=connections[database],
                storage=default_storage,
                now=timezone.now().astimezone(timezone.UTC),
            )
        except (BackupError, OSError) as exc:
            raise CommandError(f"备份失败：{exc}") from exc
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(self.style.SUCCESS(f"已备份到 {path}：数据库和 {media} 个媒体文件。"))
