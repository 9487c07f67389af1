"""Saving parsed source pages as articles: one transaction, each article once, editors' work kept.

The parser (`articles.ingest`) turns page text into dataclasses; this module decides, for every
parsed article, whether to create, update, leave or skip it, and writes that in one transaction.

An article's identity is its page (`SourceDocument`, by the file's sha256) and its position on
the page. A page already loaded is left as it is. A corrected page (same file name, or the same
edition and page, new content) updates its articles in place, except those an editor has changed
since they were loaded: `Article.source_checksum` holds the checksum of the content as loaded,
and the same function computes it from the database now, so any edit shows as a difference.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from ..models import ArticleStatus, LoaderRun
from .content import Places, content_checksum, stored_content
from .model import (
    ACTION_LABELS,
    EDITED,
    GONE,
    VANISHED,
    Action,
    ArticleOutcome,
    LoadError,
    LoadReport,
    SourcePage,
)
from .plan import make_plan
from .save import Programs, apply_plan

__all__ = [
    "ACTION_LABELS",
    "EDITED",
    "GONE",
    "VANISHED",
    "Action",
    "ArticleOutcome",
    "LOADED_STATUSES",
    "LoadError",
    "LoadReport",
    "SourcePage",
    "content_checksum",
    "load_documents",
    "stored_content",
]

# One record per run, with its counts as fields: production writes it as a JSON line.
logger = logging.getLogger("newsroom.loader")


# What a loaded article may start as.
LOADED_STATUSES = (ArticleStatus.PROOFREADING, ArticleStatus.PUBLISHED, ArticleStatus.DRAFT)


def load_documents(
    *,
    pages: list[SourcePage],
    status: str = ArticleStatus.PROOFREADING,
    now: datetime,
    dry_run: bool = False,
) -> LoadReport:
    """Save these parsed pages in one transaction (or, dry, only say what would happen).

    New articles wait for proofreading (待校对) unless `status` says otherwise: `published` for
    a back catalogue that was proofread in print, `draft` for a reporter to finish.
    """
    if status not in LOADED_STATUSES:
        raise ValueError(f"new articles are {', '.join(LOADED_STATUSES)}, not {status!r}")
    started = time.perf_counter()
    try:
        report = _load_documents(pages=pages, status=status, now=now, dry_run=dry_run)
    except LoadError as exc:
        log_run(pages=pages, report=None, dry_run=dry_run, started=started, error=exc)
        raise
    log_run(pages=pages, report=report, dry_run=dry_run, started=started)
    return report


def log_run(
    *,
    pages: list[SourcePage],
    report: LoadReport | None,
    dry_run: bool,
    started: float,
    error: LoadError | None = None,
) -> None:
    """Log the run's outcome, counts and duration as one record."""
    fields = {
        "outcome": "failed" if error else "ok",
        "dry_run": dry_run,
        "files": len(pages),
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
    }
    if report is not None:
        # Prefixed: LogRecord already has a `created` attribute (its timestamp).
        fields.update({f"articles_{action}": report.count(action) for action in Action})
        fields["parse_warnings"] = report.warnings
    if error is not None:
        fields.update(path=error.path, error=error.message)
        logger.error("loader run failed: %s: %s", error.path, error.message, extra=fields)
        return
    logger.info(
        "loader run: %(files)s files, %(articles_created)s created, %(articles_updated)s "
        "updated, %(articles_skipped)s skipped in %(duration_ms)s ms",
        fields,
        extra=fields,
    )


def _load_documents(
    *, pages: list[SourcePage], status: str, now: datetime, dry_run: bool
) -> LoadReport:
    with transaction.atomic():
        places = Places()
        plans = make_plan(pages, places, lock=not dry_run)
        if not dry_run:
            programs = Programs()
            for plan in plans:
                try:
                    apply_plan(plan, programs, status=status, now=now)
                except (DatabaseError, ValidationError) as exc:
                    raise LoadError(plan.page.path, str(exc)) from exc
        report = LoadReport(
            files=len(pages), warnings=sum(len(page.document.warnings) for page in pages)
        )
        for plan in plans:
            for item in plan.articles:
                report.outcomes.append(
                    ArticleOutcome(
                        path=plan.page.path,
                        position=item.position,
                        headline=item.headline,
                        action=item.action,
                        reason=item.reason,
                    )
                )
        if not dry_run:
            LoaderRun.objects.create(
                finished_at=now,
                pages=report.files,
                created=report.count(Action.CREATED),
                updated=report.count(Action.UPDATED),
                unchanged=report.count(Action.UNCHANGED),
                skipped=report.count(Action.SKIPPED),
                parse_warnings=report.warnings,
            )
    return report
