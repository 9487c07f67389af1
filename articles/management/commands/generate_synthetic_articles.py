"""Create (or remove) synthetic articles for benchmarks; never for real content."""

from django.core.management.base import BaseCommand, CommandError

from articles.search.synthetic import delete_synthetic, generate_synthetic


class Command(BaseCommand):
    help = "生成（或删除）用于性能测试的合成稿件，网址装饰以 synthetic- 开头。"

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=0, help="How many articles to create.")
        parser.add_argument("--delete", action="store_true", help="Remove all synthetic articles.")
        parser.add_argument("--seed", type=int, default=2022)

    def handle(self, *args, count, delete, seed, **options):
        if delete:
            self.stdout.write(f"Deleted {delete_synthetic()} synthetic rows.")
            return
        if count <= 0:
            raise CommandError("Give --count N (N > 0) to create, or --delete to remove.")
        try:
            made = generate_synthetic(
                count,
                seed=seed,
                progress=lambda done, total: self.stdout.write(f"Created {done}/{total}"),
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Created {made} synthetic articles."))
