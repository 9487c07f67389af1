"""Plain factory functions for tests: each makes one valid object, keyword overrides win."""

import itertools
from datetime import timedelta
from io import BytesIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleStatus, Byline, District, Program, SourceDocument
from articles.roles import EDITORS, REPORTERS
from people.models import Person, Reporter

PASSWORD = "correct-horse-battery-staple"
_numbers = itertools.count(1)


def make_user(role: str = "reporter", **kw):
    """A staff user in the 记者 or 编辑 group, or a superuser; password is PASSWORD."""
    n = next(_numbers)
    users = get_user_model().objects
    username = kw.pop("username", f"{role}{n}")
    if role == "superuser":
        return users.create_superuser(username=username, password=PASSWORD, email="", **kw)
    user = users.create_user(username=username, password=PASSWORD, is_staff=True, **kw)
    if role in ("reporter", "editor"):
        user.groups.add(Group.objects.get(name=REPORTERS if role == "reporter" else EDITORS))
    return user


def make_reporter(name: str | None = None, **kw) -> Reporter:
    return Reporter.objects.create(name=name or f"记者{next(_numbers)}", **kw)


def make_person(name: str | None = None, **kw) -> Person:
    return Person.objects.create(name=name or f"人物{next(_numbers)}", **kw)


def make_program(name: str | None = None, **kw) -> Program:
    return Program.objects.create(name=name or f"专题{next(_numbers)}", **kw)


def make_source_document(**kw) -> SourceDocument:
    n = next(_numbers)
    defaults = {
        "file_name": f"page_{n}.txt",
        "sha256": f"{n:064x}",
        "raw_text": "原始版面文字",
        "page": "A5",
    }
    return SourceDocument.objects.create(**{**defaults, **kw})


def make_article(*, bylines=(), districts=(), **kw) -> Article:
    """An article (draft unless told); `bylines` are Reporters, `districts` District objects."""
    n = next(_numbers)
    defaults = {
        "headline": f"测试稿件{n}",
        "body": [{"kind": "paragraph", "text": f"第{n}篇稿件的正文。"}],
        "status": ArticleStatus.DRAFT,
    }
    fields = {**defaults, **kw}
    if fields["status"] in (ArticleStatus.PUBLISHED, ArticleStatus.WITHDRAWN):
        fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
    article = Article.objects.create(**fields)
    for order, reporter in enumerate(bylines):
        Byline.objects.create(article=article, reporter=reporter, role="本报记者", order=order)
    if districts:
        article.districts.set(districts)
    return article


def make_published_article(**kw) -> Article:
    return make_article(status=ArticleStatus.PUBLISHED, **kw)


def some_districts(count: int = 2) -> list[District]:
    """Districts from the shipped gazetteer (loaded by a migration)."""
    return list(District.objects.order_by("code")[:count])


def image_upload(name: str = "photo.png", size=(1200, 800)) -> SimpleUploadedFile:
    """A real PNG image upload."""
    buffer = BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
