"""Presence on the change form: heartbeats say who has an article open; a takeover is explicit.

The version guard still decides what a save may overwrite; presence only tells editors in
time. A takeover marks the other open forms (their next heartbeat reports it) and is recorded
as a revision with a TAKE_OVER step, so the audit trail and the desk show it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.naming import account_name

from ..models import Article, ArticlePresence, TransitionAction
from .access import can_edit, can_publish
from .revisions import article_record


def heartbeat_seconds() -> int:
    """How often an open change form reports (settings.PRESENCE_HEARTBEAT_SECONDS, 15)."""
    return getattr(settings, "PRESENCE_HEARTBEAT_SECONDS", 15)


def presence_lapse() -> timedelta:
    """How long a form may stay silent before its editor no longer counts as present."""
    return timedelta(seconds=getattr(settings, "PRESENCE_LAPSE_SECONDS", 120))


def can_take_over(user, article: Article) -> bool:
    """Taking over is a desk decision: editors who may edit the article, never reporters."""
    return can_publish(user) and can_edit(user, article)


@dataclass(frozen=True)
class Presence:
    """What one editor's change form should say: who else is there, and whether they lost it."""

    others: list[ArticlePresence]
    mine: ArticlePresence | None

    @property
    def taken_over(self) -> ArticlePresence | None:
        """The viewer's own row when someone took the article over from them."""
        return self.mine if self.mine and self.mine.taken_over_by_id else None

    @property
    def others_editing(self) -> list[ArticlePresence]:
        return [row for row in self.others if not row.taken_over_by_id]


def presence_beat(*, article: Article, user, now: datetime | None = None) -> None:
    """Record that `user` has the article's form open now; forget those who went silent.

    A silent form's row is deleted rather than revived, so coming back later is a fresh
    visit: a takeover that long predates it is no longer news.
    """
    now = now or timezone.now()
    ArticlePresence.objects.filter(article=article, seen_at__lt=now - presence_lapse()).delete()
    if not ArticlePresence.objects.filter(article=article, user=user).update(seen_at=now):
        # Two tabs of one editor may race here; the unique constraint keeps one row.
        row = ArticlePresence(article=article, user=user, opened_at=now, seen_at=now)
        ArticlePresence.objects.bulk_create([row], ignore_conflicts=True)


def article_presence(*, article: Article, user, now: datetime | None = None) -> Presence:
    """Who has the article open (live rows only) as `user` sees it: one query."""
    now = now or timezone.now()
    rows = (
        ArticlePresence.objects.filter(article=article, seen_at__gte=now - presence_lapse())
        .select_related("user__reporter", "taken_over_by__reporter")
        .order_by("opened_at", "pk")
    )
    others, mine = [], None
    for row in rows:
        if row.user_id == user.pk:
            mine = row
        else:
            others.append(row)
    return Presence(others=others, mine=mine)


@transaction.atomic
def article_take_over(*, article: Article, user, now: datetime | None = None) -> list[str]:
    """Take the article over from everyone else who has it open; return their names.

    Nobody else there, nothing to take over: no audit entry for a no-op.
    """
    if not can_take_over(user, article):
        raise PermissionDenied("只有能编辑这篇稿件的编辑可以接手。")
    now = now or timezone.now()
    presence_beat(article=article, user=user, now=now)
    live = ArticlePresence.objects.filter(article=article, seen_at__gte=now - presence_lapse())
    # Those this user already took it from stay taken: pressing again records nothing new.
    theirs = live.exclude(user=user).exclude(taken_over_by=user)
    others = list(theirs.select_related("user__reporter"))
    if not others:
        return []
    theirs.update(taken_over_by=user, taken_over_at=now)
    live.filter(user=user).update(taken_over_by=None, taken_over_at=None)
    names = [account_name(row.user) for row in others]
    article_record(
        article=article,
        user=user,
        comment=_("从 %(names)s 接手编辑") % {"names": "、".join(names)},
        transition=TransitionAction.TAKE_OVER,
    )
    return names
