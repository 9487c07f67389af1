"""Front-page curation: editors pin lead stories to the home page's top slots, in their order."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How many top slots the home page has for pinned stories.
TOP_SLOTS = 5


class FrontPagePinQuerySet(models.QuerySet):
    def active(self, *, at=None):
        """Pins that have not lapsed: no end time, or one still to come."""
        now = at or timezone.now()
        return self.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))


class FrontPagePin(models.Model):
    """A story held in one of the home page's top slots until it is unpinned or its time ends.

    A pin never publishes anything: the home page shows a pinned story only while the public
    rule allows it, so a pinned draft, embargoed or expired story stays off the page.
    """

    article = models.OneToOneField(
        "articles.Article",
        verbose_name=_("稿件"),
        on_delete=models.CASCADE,
        related_name="front_page_pin",
    )
    position = models.PositiveSmallIntegerField(
        _("位置"),
        validators=[MinValueValidator(1), MaxValueValidator(TOP_SLOTS)],
        help_text=_("首页顶部的第几条（1 为头条，最多 %(n)d 条）。") % {"n": TOP_SLOTS},
    )
    ends_at = models.DateTimeField(
        _("置顶截止"), null=True, blank=True, help_text=_("到点自动取消置顶；留空则一直置顶。")
    )
    pinned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("置顶人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    pinned_at = models.DateTimeField(_("置顶时间"), auto_now_add=True)

    objects = FrontPagePinQuerySet.as_manager()

    class Meta:
        verbose_name = _("首页置顶")
        verbose_name_plural = _("首页置顶")
        ordering = ["position", "-pinned_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(position__gte=1, position__lte=TOP_SLOTS),
                name="frontpagepin_position_in_slots",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.article}"

    @property
    def is_active(self) -> bool:
        return self.ends_at is None or self.ends_at > timezone.now()
