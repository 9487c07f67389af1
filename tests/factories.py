"""Plain factory functions for tests: each builds one valid object with sensible defaults."""

import datetime
import functools
import hashlib
import itertools
import operator
from io import BytesIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.utils import timezone
from PIL import Image

from articles.groups import EDITORS, REPORTER_PERMISSIONS, REPORTERS, editor_permissions
from articles.ingest import decode_source, parse_document
from articles.loading import SourcePage
from articles.models import (
    Article,
    ArticleMention,
    ArticleStatus,
    Byline,
    BylinePosition,
    Correction,
    District,
    Program,
    ProgramInstallment,
    SourceDocument,
    Subdistrict,
)
from people.models import Person, Reporter

_counter = itertools.count(1)
PASSWORD = "correct-horse-battery-staple"

ROOT = Path(__file__).resolve().parents[1]
SEED_PAGE = ROOT / "fixtures" / "sources" / "000_cfa3f902709d73c1.txt"
SEED_EXPECTED = ROOT / "tests" / "data" / "000_cfa3f902709d73c1.expected.json"

# Enough of the gazetteer for tests that run after a flush (live_server tests empty the tables).
_DISTRICTS = {
    "hongkou": ("310109", "虹口区", "虹口"),
    "huangpu": ("310101", "黄浦区", "黄浦"),
    "xuhui": ("310104", "徐汇区", "徐汇"),
    "putuo": ("310107", "普陀区", "普陀"),
    "pudong": ("310115", "浦东新区", "浦东"),
    "minhang": ("310112", "闵行区", "闵行"),
}


def make_district(slug: str = "hongkou") -> District:
    """A district from the gazetteer, created if the table was flushed."""
    code, name, short_name = _DISTRICTS[slug]
    district, _ = District.objects.get_or_create(
        slug=slug, defaults={"code": code, "name": name, "short_name": short_name}
    )
    return district


def make_subdistrict(
    name: str = "嘉兴路街道", *, district: District | None = None, slug: str = "jiaxinglu"
) -> Subdistrict:
    district = district or make_district()
    subdistrict = Subdistrict.objects.filter(district=district, name=name).first()
    if subdistrict is None:
        subdistrict = Subdistrict.objects.create(
            district=district,
            name=name,
            kind="街道",
            slug=slug,
            code=f"{district.code}9{next(_counter):05d}",
        )
    return subdistrict


def make_reporter(name: str | None = None, **fields) -> Reporter:
    name = name or f"记者{next(_counter)}"
    reporter = Reporter.objects.filter(name=name).first()
    return reporter or Reporter.objects.create(name=name, **fields)


def make_person(name: str | None = None, **fields) -> Person:
    return Person.objects.create(name=name or f"人物{next(_counter)}", **fields)


def make_program(name: str | None = None, **fields) -> Program:
    return Program.objects.create(name=name or f"专题{next(_counter)}", **fields)


def make_installment(program: Program, number: int = 1, label: str = "") -> ProgramInstallment:
    labels = "一二三四五六七八九十"
    return ProgramInstallment.objects.create(
        program=program, number=number, label=label or f"第{labels[(number - 1) % 10]}辑"
    )


def make_article(
    *,
    headline: str | None = None,
    body: list[dict] | None = None,
    status: str = ArticleStatus.PUBLISHED,
    published_at: datetime.datetime | None = None,
    reporters=(),
    districts=(),
    subdistricts=(),
    tags=(),
    people=(),
    **fields,
) -> Article:
    """A published article (an hour old unless told otherwise), with its relations."""
    if published_at is None and status in (ArticleStatus.PUBLISHED, ArticleStatus.WITHDRAWN):
        published_at = timezone.now() - datetime.timedelta(hours=1)
    article = Article.objects.create(
        headline=headline or f"稿件标题{next(_counter)}",
        body=body if body is not None else [{"kind": "paragraph", "text": "正文段落。"}],
        status=status,
        published_at=published_at,
        **fields,
    )
    for order, reporter in enumerate(reporters):
        Byline.objects.create(
            article=article,
            reporter=reporter,
            role="本报记者",
            position=BylinePosition.UNDER_HEADLINE,
            order=order,
        )
    for order, person in enumerate(people):
        ArticleMention.objects.create(article=article, person=person, title="居民", order=order)
    if districts:
        article.districts.set(districts)
    if subdistricts:
        article.subdistricts.set(subdistricts)
    if tags:
        article.tags.add(*tags)
    return article


def make_draft(*, bylines=(), **fields) -> Article:
    """An article that is a draft unless `status` says otherwise; `bylines` are Reporters."""
    fields.setdefault("status", ArticleStatus.DRAFT)
    return make_article(reporters=bylines, **fields)


def make_published_article(**fields) -> Article:
    return make_article(status=ArticleStatus.PUBLISHED, **fields)


def newsroom_group(name: str) -> Group:
    """记者 or 编辑 as the migrations made it; rebuilt from articles.groups after a flush
    (live_server tests empty every table, and only permissions come back by themselves)."""
    group = Group.objects.filter(name=name).first()
    if group is None:
        group = Group.objects.create(name=name)
        pairs = REPORTER_PERMISSIONS if name == REPORTERS else editor_permissions()
        wanted = [Q(content_type__app_label=app, codename=code) for app, code in pairs]
        group.permissions.set(Permission.objects.filter(functools.reduce(operator.or_, wanted)))
    return group


def make_user(role: str = "reporter", **fields):
    """A staff user in the 记者 or 编辑 group, or a superuser; password is PASSWORD."""
    users = get_user_model().objects
    username = fields.pop("username", f"{role}{next(_counter)}")
    if role == "superuser":
        return users.create_superuser(username=username, password=PASSWORD, email="", **fields)
    user = users.create_user(username=username, password=PASSWORD, is_staff=True, **fields)
    if role in ("reporter", "editor"):
        user.groups.add(newsroom_group(REPORTERS if role == "reporter" else EDITORS))
    return user


def make_source_document(**fields) -> SourceDocument:
    n = next(_counter)
    defaults = {
        "file_name": f"page_{n}.txt",
        "sha256": f"{n:064x}",
        "raw_text": "原始版面文字",
        "page": "A5",
    }
    return SourceDocument.objects.create(**{**defaults, **fields})


def some_districts(count: int = 2) -> list[District]:
    """Districts from the shipped gazetteer (loaded by a migration)."""
    return list(District.objects.order_by("code")[:count])


def image_upload(name: str = "photo.png", size=(1200, 800)) -> SimpleUploadedFile:
    """A real PNG image upload."""
    buffer = BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def make_correction(article: Article, text: str = "原文人名有误，已更正。", **fields) -> Correction:
    return Correction.objects.create(article=article, text=text, **fields)


def make_hongkou_story() -> Article:
    """The seed page's Hongkou story, as the loader will build it."""
    hongkou = make_district("hongkou")
    return make_article(
        kicker="虹口区嘉兴路街道推进社区治理",
        headline="下到社区里 下沉心练功夫",
        subheadline=["街道干部走进居民区"],
        body=[
            {"kind": "paragraph", "text": "嘉兴路街道的干部下到社区里，与居民面对面。"},
            {"kind": "subhead", "text": "练好基本功"},
            {"kind": "paragraph", "text": "刘懿静说，社区工作要沉下心来。"},
        ],
        reporters=[make_reporter("袁玮")],
        districts=[hongkou],
        subdistricts=[make_subdistrict("嘉兴路街道", district=hongkou)],
        people=[make_person("刘懿静")],
        tags=["社区治理"],
        print_date=datetime.date(2022, 11, 21),
        print_page="A5",
    )


def seed_text() -> str:
    """The paper's seed page: three articles (news with a subdistrict, a program, commentary)."""
    return SEED_PAGE.read_text(encoding="utf-8")


def seed_variant(replacements: dict[str, str]) -> str:
    """The seed page with some text replaced, e.g. a corrected paragraph or another headline."""
    text = seed_text()
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def write_page(folder: Path, name: str, content: str | bytes) -> Path:
    """Write a page file (text as UTF-8) and return its path."""
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def source_page(
    content: str, *, name: str = "page.txt", edition_date=None, page: str = ""
) -> SourcePage:
    """A parsed page ready for the loading service, as the command builds it."""
    data = content.encode("utf-8")
    sha256 = hashlib.sha256(data).hexdigest()
    text = decode_source(data, source=name)
    return SourcePage(
        path=name,
        file_name=name,
        sha256=sha256,
        size=len(data),
        text=text,
        document=parse_document(text, source=name, sha256=sha256),
        edition_date=edition_date,
        page=page,
    )


def make_text_article(*, headline="新闻标题", paragraphs=(), published=True, **fields) -> Article:
    """An article with these body paragraphs, published an hour ago unless `published=False`."""
    fields.setdefault("body", [{"kind": "paragraph", "text": text} for text in paragraphs])
    if published:
        fields.setdefault("status", ArticleStatus.PUBLISHED)
        fields.setdefault("published_at", timezone.now() - datetime.timedelta(hours=1))
    return Article.objects.create(headline=headline, **fields)
