"""Withdraw published articles whose expiry time has passed, recording each as the system's change.

Readers stop seeing an article the moment its `expires_at` passes (the public rule hides it);
this command makes the change visible to editors as 已撤回, with a revision. Run it from cron.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.models import Article
from articles.services import articles_expire_due


class Command(BaseCommand):
    help = (
        "把已过下线时间的已发布稿件改为“已撤回”，并记入修订历史"
        "（读者到点即看不到，无需等待本命令）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出到期的稿件，不修改")

    def handle(self, *args, dry_run, verbosity, **options):
        if dry_run:
            due = list(Article.objects.expired())
        else:
            due = articles_expire_due(at=timezone.now())
        if verbosity >= 2 or dry_run:
            for article in due:
                when = timezone.localtime(article.expires_at).strftime("%Y-%m-%d %H:%M")
                self.stdout.write(f"  #{article.pk} 《{article.headline}》 下线时间 {when}")
        prefix = "试运行，未修改：到期稿件" if dry_run else "已按到期撤下稿件"
        self.stdout.write(self.style.SUCCESS(f"{prefix} {len(due)} 篇。"))
