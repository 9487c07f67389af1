"""Create the first editor account, once: a superuser named `editor` with a random password."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "若还没有超级管理员，就新建账号 editor（随机密码，只显示一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor", help="新账号的用户名（默认 editor）")

    def handle(self, *args, username, **options):
        users = get_user_model().objects
        if users.filter(is_superuser=True).exists():
            self.stdout.write("已有超级管理员账号，未新建。")
            return
        password = secrets.token_urlsafe(12)
        users.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS("已创建编辑账号（密码只显示这一次，请妥善保存）："))
        self.stdout.write(f"  用户名：{username}")
        self.stdout.write(f"  密码：  {password}")
        self.stdout.write("  登录：  /admin/（首次登录需用手机身份验证器设置两步验证）")
