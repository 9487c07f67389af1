"""The editors' desk on the admin index: one bounded query per section, newest work first.

Each section is a function in SECTIONS taking (user, now) and returning a DeskSection, or
None when the user has no business seeing it. A new section is one more function appended
there; the template draws every section the same way.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from people.naming import account_name

from .models import (
    Article,
    ArticleStatus,
    ArticleTransition,
    Correction,
    SourceDocument,
    TransitionAction,
    published_q,
)
from .services import can_publish

ROWS = 10  # per section; "全部" leads to the full list
WARNINGS_SHOWN = 3  # per loaded page; the page's admin view lists them all


@dataclass
class DeskRow:
    """One line on the desk: what, where it links, who did it and when, and any note."""

    title: str
    url: str
    when: datetime | None = None
    who: str = ""
    note: str = ""
    label: str = ""
    details: list[str] = field(default_factory=list)


@dataclass
class DeskSection:
    key: str
    title: str
    empty: str
    rows: list[DeskRow] = field(default_factory=list)
    more_url: str = ""
    # How `when` reads: "ago" (5 分钟前) or "at" (a time, for what is still to come).
    when_style: str = "ago"


def sees_whole_desk(user) -> bool:
    """Editors watch every story; reporters watch their own."""
    return user.is_superuser or can_publish(user)


def in_scope(queryset, user, prefix: str = ""):
    """The articles (or rows reaching articles through `prefix`) this user's desk covers."""
    if sees_whole_desk(user):
        return queryset
    return queryset.filter(**{f"{prefix}pk__in": Article.objects.owned_by(user).values("pk")})


def article_url(article_id: int) -> str:
    return reverse("admin:articles_article_change", args=[article_id])


def changelist_url(**filters) -> str:
    return f"{reverse('admin:articles_article_changelist')}?{urlencode(filters)}"


def with_last_transition(queryset):
    """Annotate each article with its latest workflow step's id and action.

    A takeover is in the audit trail but moves no status, so it never hides the step before it.
    """
    latest = (
        ArticleTransition.objects.filter(article=OuterRef("pk"))
        .exclude(action=TransitionAction.TAKE_OVER)
        .order_by("-pk")
    )
    return queryset.annotate(
        last_transition_id=Subquery(latest.values("pk")[:1]),
        last_action=Subquery(latest.values("action")[:1]),
    )


def transitions_by_id(ids) -> dict[int, ArticleTransition]:
    """Workflow steps with who made them and any comment: one query for a whole section."""
    rows = ArticleTransition.objects.filter(pk__in=[i for i in ids if i]).select_related(
        "revision__user__reporter", "comment"
    )
    return {row.pk: row for row in rows}


def _titles(queryset):
    """Only what a desk row shows of an article."""
    return queryset.only(
        "pk",
        "kicker",
        "headline",
        "subheadline",
        "status",
        "published_at",
        "updated_at",
        "created_at",
        "embargo_until",
    )


def my_drafts(user, now) -> DeskSection:
    drafts = with_last_transition(
        _titles(Article.objects.owned_by(user).filter(status=ArticleStatus.DRAFT))
    ).filter(Q(last_action__isnull=True) | ~Q(last_action=TransitionAction.SEND_BACK))
    rows = [
        DeskRow(article.full_title, article_url(article.pk), when=article.updated_at)
        for article in drafts.order_by("-updated_at", "-pk")[:ROWS]
    ]
    return DeskSection(
        "drafts", "我的草稿", "没有草稿。", rows, changelist_url(status__exact="draft")
    )


def sent_back_to_me(user, now) -> DeskSection:
    articles = list(
        with_last_transition(
            _titles(Article.objects.owned_by(user).filter(status=ArticleStatus.DRAFT))
        )
        .filter(last_action=TransitionAction.SEND_BACK)
        .order_by("-last_transition_id")[:ROWS]
    )
    steps = transitions_by_id(a.last_transition_id for a in articles)
    rows = []
    for article in articles:
        step = steps[article.last_transition_id]
        rows.append(
            DeskRow(
                article.full_title,
                article_url(article.pk),
                when=step.revision.date_created,
                who=account_name(step.revision.user),
                note=step.comment.text if step.comment else "",
            )
        )
    return DeskSection("sent_back", "退回给我修改", "没有退回的稿件。", rows)


def waiting_for_review(user, now) -> DeskSection:
    articles = list(
        with_last_transition(
            in_scope(_titles(Article.objects.filter(status=ArticleStatus.REVIEW)), user)
        ).order_by("last_transition_id", "pk")[:ROWS]
    )
    steps = transitions_by_id(a.last_transition_id for a in articles)
    rows = []
    for article in articles:
        step = steps.get(article.last_transition_id)
        rows.append(
            DeskRow(
                article.full_title,
                article_url(article.pk),
                when=step.revision.date_created if step else None,
                who=account_name(step.revision.user) if step else "",
                label="提交",
            )
        )
    return DeskSection(
        "review", "等待审核", "没有等待审核的稿件。", rows, changelist_url(status__exact="review")
    )


def _goes_public(article: Article) -> tuple[datetime, str]:
    """When a scheduled or embargoed article reaches readers, and which rule holds it back."""
    if article.embargo_until and article.embargo_until > article.published_at:
        return article.embargo_until, "禁发至"
    return article.published_at, "定于"


def scheduled(user, now) -> DeskSection:
    articles = in_scope(_titles(Article.objects.scheduled(at=now)), user)[:ROWS]
    rows = []
    for article in articles:
        when, label = _goes_public(article)
        rows.append(DeskRow(article.full_title, article_url(article.pk), when=when, label=label))
    return DeskSection(
        "scheduled", "定时发布和禁发", "没有定时发布或禁发的稿件。", rows, when_style="at"
    )


def waiting_for_proofreading(user, now) -> DeskSection:
    """Loaded OCR articles nobody has proofread yet (待校对), oldest first, with how many wait."""
    queue = in_scope(_titles(Article.objects.awaiting_proofreading()), user)
    articles = list(queue[:ROWS])
    waiting = queue.count() if len(articles) == ROWS else len(articles)
    rows = [
        DeskRow(a.full_title, article_url(a.pk), when=a.created_at, label="载入") for a in articles
    ]
    title = f"待校对（{waiting} 篇）" if waiting else "待校对"
    return DeskSection(
        "proofreading",
        title,
        "没有等待校对的稿件。",
        rows,
        changelist_url(status__exact=ArticleStatus.PROOFREADING),
    )


def start_of_today(now) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(now), time.min))


def published_today(user, now) -> DeskSection:
    articles = in_scope(
        _titles(Article.objects.filter(published_q(at=now), published_at__gte=start_of_today(now))),
        user,
    ).order_by("-published_at", "-pk")[:ROWS]
    rows = [DeskRow(a.full_title, article_url(a.pk), when=a.published_at) for a in articles]
    return DeskSection(
        "published_today",
        "今日发布",
        "今天还没有发布稿件。",
        rows,
        changelist_url(status__exact="published"),
    )


def corrections_this_week(user, now) -> DeskSection:
    monday = start_of_today(now) - timedelta(days=timezone.localdate(now).weekday())
    corrections = in_scope(
        Correction.objects.filter(corrected_at__gte=monday), user, prefix="article__"
    ).select_related("article")
    rows = [
        DeskRow(c.article.full_title, article_url(c.article_id), when=c.corrected_at, note=c.text)
        for c in corrections.order_by("-corrected_at", "-pk")[:ROWS]
    ]
    return DeskSection("corrections", "本周更正", "本周没有更正。", rows)


def page_title(page: SourceDocument) -> str:
    edition = " ".join(filter(None, [str(page.edition_date or ""), page.page]))
    return f"{page.file_name}（{edition}）" if edition else page.file_name


def warning_lines(warnings: list[dict]) -> list[str]:
    """The first few parse warnings of a page as short lines, and how many more there are."""
    lines = [
        f"第 {w.get('line', '?')} 行：{w.get('message', '')}" for w in warnings[:WARNINGS_SHOWN]
    ]
    if len(warnings) > WARNINGS_SHOWN:
        lines.append(f"另有 {len(warnings) - WARNINGS_SHOWN} 条，见版面页")
    return lines


def recently_loaded(user, now) -> DeskSection | None:
    """The latest pages with their article counts and the warnings an editor should check."""
    if not user.has_perm("articles.view_sourcedocument"):
        return None
    pages = SourceDocument.objects.only(
        "pk", "file_name", "page", "edition_date", "loaded_at", "parse_warnings"
    )
    pages = pages.annotate(article_count=Count("articles")).order_by("-loaded_at", "-pk")
    rows = []
    for page in pages[:ROWS]:
        warnings = page.parse_warnings or []
        rows.append(
            DeskRow(
                page_title(page),
                reverse("admin:articles_sourcedocument_change", args=[page.pk]),
                when=page.loaded_at,
                label=f"解析警告 {len(warnings)} 条" if warnings else "无解析警告",
                note=f"{page.article_count} 篇稿件",
                details=warning_lines(warnings),
            )
        )
    return DeskSection(
        "loaded",
        "最近载入的版面",
        "还没有载入版面。",
        rows,
        reverse("admin:articles_sourcedocument_changelist"),
    )


def recent_steps(user, now) -> DeskSection:
    steps = in_scope(ArticleTransition.objects.all(), user, prefix="article__").select_related(
        "revision__user__reporter", "article", "comment"
    )
    rows = [
        DeskRow(
            step.article.full_title,
            article_url(step.article_id),
            when=step.revision.date_created,
            who=account_name(step.revision.user),
            label=step.get_action_display(),
            note=step.comment.text if step.comment else "",
        )
        for step in steps.order_by("-pk")[:ROWS]
    ]
    return DeskSection("steps", "最近的流程记录", "还没有流程记录。", rows)


# In the order the desk shows them.
SECTIONS = [
    my_drafts,
    sent_back_to_me,
    waiting_for_review,
    scheduled,
    published_today,
    corrections_this_week,
    recently_loaded,
    waiting_for_proofreading,
    recent_steps,
]


def desk_sections(user, *, now=None) -> list[DeskSection]:
    """Every desk section this user may see, each with at most ROWS rows."""
    now = now or timezone.now()
    return [section for make in SECTIONS if (section := make(user, now)) is not None]
