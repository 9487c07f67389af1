"""manage.py restore FILE: check an archive from `backup`, then restore its database and media."""

from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from newsroom.ops.backup import BackupError, restore_backup, verify_backup


class Command(BaseCommand):
    help = "校验备份归档的 SHA-256 清单，再用它替换数据库的内容并写回媒体文件。损坏的归档会被拒绝。"

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="manage.py backup 写出的 .tar 归档")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="数据库别名")
        parser.add_argument("--check", action="store_true", help="只校验归档，不恢复")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="不询问确认"
        )

    def handle(self, *args, file, database, check, interactive, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{path}：文件不存在。")
        connection = connections[database]
        try:
            if check:
                manifest = verify_backup(path)
                self.stdout.write(
                    self.style.SUCCESS(f"{path}：完好，{len(manifest['files'])} 个文件校验一致。")
                )
                return
            if interactive and not self.confirmed(connection.settings_dict["NAME"]):
                raise CommandError("已取消，没有改动任何内容。")
            manifest = restore_backup(path=path, connection=connection, storage=default_storage)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(self.style.SUCCESS(f"已从 {path} 恢复数据库和 {media} 个媒体文件。"))

    def confirmed(self, name: str) -> bool:
        answer = input(f"这会替换数据库 {name} 的全部内容。输入 yes 继续：")
        return answer.strip().lower() == "yes"
