"""Writing a plan: the page row, then each created or updated article through the services."""

from __future__ import annotations

from datetime import datetime

from people.naming import pinyin_slug

from ..blocks import validate_blocks
from ..ingest import warning_to_dict
from ..models import Article, ArticleStatus, Program, SourceVersion
from ..services import (
    BylineSpec,
    article_load_done,
    article_save_loaded,
    article_set_bylines,
    article_set_mentions,
    installment_get_or_create,
    print_publish_time,
    program_get_or_create,
    source_version_add,
    source_version_current,
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


def _save_version(plan: PagePlan) -> SourceVersion:
    """The page version this file is: the stored one, or a new one (earlier ones stay)."""
    if plan.same_file:
        return source_version_current(plan.document)
    page = plan.page
    return source_version_add(
        document=plan.document,
        file_name=page.file_name,
        sha256=page.sha256,
        raw_text=page.text,
        size=page.size,
        edition_date=page.edition_date,
        page=page.page,
        parse_warnings=[warning_to_dict(w) for w in page.document.warnings],
    )


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
    article_save_loaded(article=article, is_new=is_new)
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
        article_load_done(article=article)


def apply_plan(plan: PagePlan, programs: Programs, *, status: str, now: datetime) -> None:
    """Write one page's plan: its stored page, then its created and updated articles."""
    writes = {Action.CREATED, Action.UPDATED}
    if plan.same_file and not any(item.action in writes for item in plan.articles):
        return  # loaded before (or a duplicate of another file in this run): nothing to write
    page = plan.page
    version = _save_version(plan)
    published_at = print_publish_time(page.edition_date)
    for item in plan.articles:
        if item.action == Action.CREATED:
            article = Article(
                source_document=version.document,
                source_version=version,
                source_position=item.position,
                status=status,
                published_at=published_at or (now if status == ArticleStatus.PUBLISHED else None),
                print_date=page.edition_date,
                print_page=page.page,
            )
            _write_article(article, item.resolved, programs, is_new=True)
        elif item.action == Action.UPDATED:
            article = item.article
            article.source_document, article.source_version = version.document, version
            article.print_date = page.edition_date or article.print_date
            article.print_page = page.page or article.print_page
            _write_article(article, item.resolved, programs, is_new=False)
