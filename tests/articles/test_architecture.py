"""One door for article writes: only `articles/services/` saves articles, credits and revisions.

A static check over the apps' source (in the spirit of import-linter): it reads every module
of `articles/` and `people/` outside `articles/services/` and the migrations, and fails on an
article save or queryset write, a byline or mention write, a version bump or a revision.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["articles", "people"]
SERVICES = ROOT / "articles" / "services"

WRITE_METHODS = {
    "update",
    "bulk_update",
    "bulk_create",
    "create",
    "get_or_create",
    "update_or_create",
    "delete",
    "add",
    "set",
    "remove",
    "clear",
}
GUARDED_MODELS = {"Article", "Byline", "ArticleMention", "Version", "Revision"}
GUARDED_RELATIONS = {"bylines", "mentions"}
REVISION_CALLS = {"create_revision", "add_to_revision", "set_comment", "set_user"}


def _chain(node) -> list[str]:
    """The names along a call chain, outermost last: `a.b().c` gives ['a', 'b', 'c']."""
    names = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            names.append(node.id)
            return names[::-1]
        else:
            return names[::-1]


def violations_in(source: str) -> list[str]:
    """Each article write in a module's source, as 'line: what'."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method, receiver = node.func.attr, _chain(node.func.value)
            if method == "save" and receiver and "article" in receiver[-1].lower():
                found.append(f"{node.lineno}: {'.'.join(receiver)}.save()")
            elif method in WRITE_METHODS and (
                (receiver[:2] and receiver[0] in GUARDED_MODELS and "objects" in receiver)
                or GUARDED_RELATIONS & set(receiver[1:])
            ):
                found.append(f"{node.lineno}: {'.'.join(receiver)}.{method}()")
            elif method in REVISION_CALLS and receiver == ["reversion"]:
                found.append(f"{node.lineno}: reversion.{method}()")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in {"Byline", "ArticleMention"}:
                found.append(f"{node.lineno}: {node.func.id}(...)")
            if node.func.id == "F" and any(
                isinstance(arg, ast.Constant) and arg.value == "version" for arg in node.args
            ):
                found.append(f'{node.lineno}: F("version")')
        elif isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and target.attr == "version":
                    found.append(f"{node.lineno}: {'.'.join(_chain(target))} = …")
    return found


def app_modules() -> list[Path]:
    modules = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if SERVICES in path.parents or "migrations" in path.parts:
                continue
            modules.append(path)
    return modules


@pytest.mark.parametrize(
    "snippet",
    [
        "article.save()",
        "self.article.save(update_fields=['headline'])",
        "Article.objects.filter(pk=1).update(headline='x')",
        "Byline.objects.bulk_create(rows)",
        "article.bylines.all().delete()",
        "article.mentions.create(person=p)",
        "Byline(article=a, reporter=r)",
        "article.version = F('version') + 1",
        "reversion.add_to_revision(article)",
        "Version.objects.filter(object_id='1').delete()",
    ],
)
def test_the_check_catches_each_kind_of_article_write(snippet):
    assert violations_in(snippet)


def test_reads_are_not_mistaken_for_writes():
    reads = (
        "Article.objects.published().filter(bylines__reporter=r)\n"
        "article.bylines.all()\n"
        "Byline.objects.filter(article=a).values('pk')\n"
        "extra.update(preview_url=url)\n"
        "form.fields['base_version'].initial = article.version\n"
    )
    assert violations_in(reads) == []


def test_only_articles_services_write_articles_credits_and_revisions():
    offences = {
        str(path.relative_to(ROOT)): found
        for path in app_modules()
        if (found := violations_in(path.read_text(encoding="utf-8")))
    }
    assert offences == {}
    assert len(app_modules()) > 40  # the walk really reads the apps
