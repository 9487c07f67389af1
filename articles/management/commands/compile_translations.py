"""Compile locale/*.po into .mo files without GNU gettext (see newsroom.catalogues)."""

from django.core.management.base import BaseCommand, CommandError

from newsroom.catalogues import compile_catalogues


class Command(BaseCommand):
    help = "编译 locale/ 下的中文翻译目录（.po → .mo），不需要安装 gettext。"

    def handle(self, *args, **options):
        try:
            written = compile_catalogues()
        except ValueError as exc:
            raise CommandError(f"翻译目录不完整，未编译：\n{exc}") from None
        for path in written:
            self.stdout.write(self.style.SUCCESS(f"已编译 {path}"))
