"""Print sources: page versions, the series a page names, and writing a loaded article."""

from collections.abc import Iterable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ..models import (
    Article,
    ArticleMention,
    ArticleStatus,
    Program,
    ProgramInstallment,
    SourceDocument,
    SourceVersion,
)
from ..numerals import installment_number
from ..page_cache import article_changed
from .credits import person_named
from .fields import clip_to_field
from .revisions import article_record, article_record_baseline, article_save_with_new_version

# The evening paper is on the street by morning; a printed article counts as published then.
PRINT_PUBLISH_TIME = time(6, 0)
PRINT_TIME_ZONE = ZoneInfo("Asia/Shanghai")


def print_publish_time(edition_date: date | None) -> datetime | None:
    """When a printed article went public: its edition date at 06:00 Shanghai time, if known."""
    if edition_date is None:
        return None
    return datetime.combine(edition_date, PRINT_PUBLISH_TIME, tzinfo=PRINT_TIME_ZONE)


@transaction.atomic
def source_version_add(
    *,
    document: SourceDocument | None,
    file_name: str,
    sha256: str,
    raw_text: str,
    size: int,
    edition_date: date | None,
    page: str,
    parse_warnings: list[dict] | None = None,
) -> SourceVersion:
    """Store a page file as its page's next version; earlier versions stay as they were.

    The page keeps the parse warnings of its newest version: what editors should check now."""
    if document is None:
        document = SourceDocument()
    document.file_name = clip_to_field(SourceDocument, "file_name", file_name)
    document.sha256 = sha256
    document.raw_text = raw_text
    document.size = size
    document.edition_date = edition_date or document.edition_date
    document.page = page or document.page
    document.parse_warnings = list(parse_warnings or [])
    document.save()
    latest = document.versions.aggregate(latest=Max("number"))["latest"] or 0
    return SourceVersion.objects.create(
        document=document,
        number=latest + 1,
        file_name=document.file_name,
        sha256=sha256,
        raw_text=raw_text,
        size=size,
    )


def source_version_current(document: SourceDocument) -> SourceVersion:
    """The newest version of a page (the one its stored text mirrors)."""
    return document.versions.order_by("-number").first()


@transaction.atomic
def article_save_loaded(*, article: Article, is_new: bool) -> Article:
    """Save an article's loaded fields: a new one, or the next version of an updated one.

    A corrected page that changes text someone proofread (not yet published) sends it back to
    待校对 without the mark: the new text has not been proofread.
    """
    if is_new:
        article.save()
        article_changed(article, is_new=True)
        return article
    if article.status == ArticleStatus.REVIEW and article.proofread_at is not None:
        article.status = ArticleStatus.PROOFREADING
        article.proofread_by = article.proofread_at = None
    article_record_baseline(article=article)
    return article_save_with_new_version(article=article)


def article_load_done(*, article: Article) -> None:
    """Record a corrected page's update of an article (fields and credits) as one revision."""
    article_record(article=article, user=None, comment=_("载入更正版"))


def program_get_or_create(*, name: str) -> Program:
    """Match a program by name before creating one, so loads never duplicate a series."""
    program = Program.objects.filter(name=name).first()
    if program is None:
        program = Program(name=name)
        program.save()
    return program


def installment_get_or_create(
    *, program: Program, label: str, title: str = ""
) -> ProgramInstallment | None:
    """The program's installment numbered as in the label (第一辑 → 1); None if it has no number.

    An existing installment keeps its label and title: editors may have polished them.
    """
    number = installment_number(label)
    if number is None or not 1 <= number <= 32767:
        return None
    installment, _ = ProgramInstallment.objects.get_or_create(
        program=program,
        number=number,
        defaults={
            "label": clip_to_field(ProgramInstallment, "label", label),
            "title": clip_to_field(ProgramInstallment, "title", title),
        },
    )
    return installment


@transaction.atomic
def article_add_mentions(
    *, article: Article, mentions: Iterable[tuple[str, str]], comment: str
) -> list[ArticleMention]:
    """Add people after those an article mentions (none twice), recorded as one revision.

    A load's later passes add to what the load wrote: an article still as loaded stays so (its
    loaded checksum moves with it), so a corrected page still updates it; an edited one stays
    edited.
    """
    # The loader imports the services, so its content checksum is imported when first needed.
    from ..loading.content import content_checksum, stored_content  # noqa: PLC0415

    def current() -> Article:
        return (
            Article.objects.select_for_update(of=("self",))
            .select_related("program", "installment")
            .prefetch_related("bylines__reporter", "mentions__person", "districts", "subdistricts")
            .get(pk=article.pk)
        )

    locked = current()
    as_loaded = content_checksum(stored_content(locked)) == locked.source_checksum
    mentioned = {m.person.name for m in locked.mentions.all()}
    order = max((m.order for m in locked.mentions.all()), default=-1) + 1
    created = []
    for name, title in mentions:
        if name in mentioned:
            continue
        mentioned.add(name)
        created.append(
            ArticleMention(
                article=locked, person=person_named(name), title=title or "", order=order
            )
        )
        order += 1
    if not created:
        return []
    article_record_baseline(article=locked)
    created = ArticleMention.objects.bulk_create(created)
    if as_loaded:
        checksum = content_checksum(stored_content(current()))
        Article.objects.filter(pk=locked.pk).update(source_checksum=checksum)
    article_record(article=locked, user=None, comment=comment)
    return created
