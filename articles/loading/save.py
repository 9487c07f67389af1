"""Writing a plan: the page row, then each created or updated article through the services."""

from __future__ import annotations

from datetime import datetime

from django.db.models import F

from people.naming import pinyin_slug

from ..blocks import validate_blocks
from ..models import Article, ArticleStatus, Program, SourceDocument
from ..services import (
    BylineSpec,
    article_set_bylines,
    article_set_mentions,
    installment_get_or_create,
    print_publish_time,
    program_get_or_create,
)
from .content import Resolved
from .model import Action
from .plan import PagePlan


class Programs:
    """Programs and installments matched (or created) once per run."""

    def __init__(self) -> None:
        self.programs: dict[str, Program] = {}
        self.installments: dict[tuple[int, str], object] = {}

    def get(self, resolved: Resolved):
        if not resolved.program_name:
            return None, None
        program = self.programs.get(resolved.program_name)
        if program is None:
            program = program_get_or_create(name=resolved.program_name)
            self.programs[resolved.program_name] = program
        if not resolved.installment_label:
            return program, None
        key = (program.pk, resolved.installment_label)
        if key not in self.installments:
            self.installments[key] = installment_get_or_create(
                program=program,
                label=resolved.installment_label,
                title=resolved.installment_title,
            )
        return program, self.installments[key]


def _save_document(plan: PagePlan) -> SourceDocument:
    page = plan.page
    document = plan.document
    if document is None:
        document = SourceDocument(file_name=page.file_name[:255])
    elif plan.same_file:
        return document
    document.file_name = page.file_name[:255]
    document.sha256 = page.sha256
    document.raw_text = page.text
    document.size = page.size
    document.edition_date = page.edition_date or document.edition_date
    document.page = page.page or document.page
    document.save()
    return document


def _write_article(
    article: Article, resolved: Resolved, programs: Programs, *, is_new: bool
) -> None:
    content = resolved.content
    body = [{"kind": block["kind"], "text": block["text"]} for block in content["body"]]
    validate_blocks(body)
    article.kicker = content["kicker"]
    article.headline = content["headline"]
    article.subheadline = content["subheadline"]
    article.body = body
    article.kind = content["kind"]
    article.slug = pinyin_slug(content["headline"], max_length=80)
    article.program, article.installment = programs.get(resolved)
    article.source_text = resolved.parsed.raw_text
    article.source_checksum = resolved.checksum
    if not is_new:
        article.version = F("version") + 1
    article.save()
    article_set_bylines(
        article=article,
        bylines=[BylineSpec(name=n, role=r, position=p) for n, r, p in content["bylines"]],
    )
    article_set_mentions(article=article, mentions=[(n, t) for n, t in content["people"]])
    if is_new:
        article.districts.add(*resolved.districts)
        article.subdistricts.add(*resolved.subdistricts)
    else:
        article.districts.set(resolved.districts)
        article.subdistricts.set(resolved.subdistricts)


def apply_plan(plan: PagePlan, programs: Programs, *, status: str, now: datetime) -> None:
    """Write one page's plan: its stored page, then its created and updated articles."""
    writes = {Action.CREATED, Action.UPDATED}
    if plan.same_file and not any(item.action in writes for item in plan.articles):
        return  # loaded before (or a duplicate of another file in this run): nothing to write
    page = plan.page
    document = _save_document(plan)
    published_at = print_publish_time(page.edition_date)
    for item in plan.articles:
        if item.action == Action.CREATED:
            article = Article(
                source_document=document,
                source_position=item.position,
                status=status,
                published_at=published_at or (now if status == ArticleStatus.PUBLISHED else None),
                print_date=page.edition_date,
                print_page=page.page,
            )
            _write_article(article, item.resolved, programs, is_new=True)
        elif item.action == Action.UPDATED:
            article = item.article
            article.print_date = page.edition_date or article.print_date
            article.print_page = page.page or article.print_page
            _write_article(article, item.resolved, programs, is_new=False)
