"""The article: title lines, body blocks, workflow state and print provenance."""

from django.conf import settings
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from people.models import Person, Reporter

from ..blocks import blocks_plain_text, validate_blocks
from .geography import District, Subdistrict
from .programs import Program, ProgramInstallment
from .sources import SourceDocument, SourceVersion


class ArticleKind(models.TextChoices):
    NEWS = "news", _("消息")
    FEATURE = "feature", _("通讯")
    COMMENTARY = "commentary", _("评论")
    PHOTO_NEWS = "photo_news", _("图片新闻")


class ArticleStatus(models.TextChoices):
    PROOFREADING = "proofreading", _("待校对")
    DRAFT = "draft", _("草稿")
    REVIEW = "review", _("待审")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


def published_q(prefix: str = "", *, at=None) -> Q:
    """The readers' rule as a Q: published, the publish time has come, no embargo, not expired.

    `prefix` reaches articles through a relation (`"articles__"` from a district), so counts
    and filters elsewhere use the very rule `ArticleQuerySet.published` does.
    """
    now = at or timezone.now()
    return (
        Q(**{f"{prefix}status": ArticleStatus.PUBLISHED, f"{prefix}published_at__lte": now})
        & (
            Q(**{f"{prefix}embargo_until__isnull": True})
            | Q(**{f"{prefix}embargo_until__lte": now})
        )
        & (Q(**{f"{prefix}expires_at__isnull": True}) | Q(**{f"{prefix}expires_at__gt": now}))
    )


def expired_q(*, at=None) -> Q:
    """Published articles whose expiry time has passed: hidden, waiting for `expire_articles`."""
    return Q(status=ArticleStatus.PUBLISHED, expires_at__lte=at or timezone.now())


def scheduled_q(*, at=None) -> Q:
    """Published, but waiting for its publish time or for its embargo to end."""
    now = at or timezone.now()
    return Q(status=ArticleStatus.PUBLISHED) & ~published_q(at=now) & ~expired_q(at=now)


def gone_q(*, at=None) -> Q:
    """Articles that were public and have been taken down (withdrawn or expired): answer 410.

    An article withdrawn before its publish time or its embargo was never public, so readers
    get a plain 404 for it and learn nothing about it.
    """
    now = at or timezone.now()
    return (
        (Q(status=ArticleStatus.WITHDRAWN) | expired_q(at=now))
        & Q(published_at__lte=now)
        & (Q(embargo_until__isnull=True) | Q(embargo_until__lte=now))
    )


class ArticleQuerySet(models.QuerySet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._attach_relations = False

    def _clone(self):
        clone = super()._clone()
        clone._attach_relations = self._attach_relations
        return clone

    def _fetch_all(self):
        fetched = self._result_cache is None
        super()._fetch_all()
        if (
            fetched
            and self._attach_relations
            and self._iterable_class is models.query.ModelIterable
        ):
            from ..listing import attach_relations

            attach_relations(self._result_cache)

    def published(self, *, at=None):
        """Articles readers may see: published, and their publish time has come."""
        return self.filter(published_q(at=at))

    def scheduled(self, *, at=None):
        """Published but not public yet (scheduled or embargoed), soonest first: for the desk."""
        return self.filter(scheduled_q(at=at)).order_by("published_at", "pk")

    def embargoed(self, *, at=None):
        """Articles under an embargo still running, whatever their status, soonest lifted first."""
        return self.filter(embargo_until__gt=at or timezone.now()).order_by("embargo_until", "pk")

    def expired(self, *, at=None):
        """Still marked published but past their expiry time: hidden, for `expire_articles`."""
        return self.filter(expired_q(at=at)).order_by("expires_at", "pk")

    def gone(self, *, at=None):
        """Articles readers once saw that are now withdrawn or expired (their URLs answer 410)."""
        return self.filter(gone_q(at=at))

    def awaiting_proofreading(self):
        """Loaded OCR articles nobody has proofread yet (待校对), oldest load first."""
        return self.filter(status=ArticleStatus.PROOFREADING).order_by("created_at", "pk")

    def with_bylines(self):
        from .credits import Byline

        return self.prefetch_related(
            Prefetch(
                "bylines",
                queryset=Byline.objects.select_related("reporter").order_by("order", "pk"),
            )
        )

    def with_mentions(self):
        from .credits import ArticleMention

        return self.prefetch_related(
            Prefetch(
                "mentions",
                queryset=ArticleMention.objects.select_related("person").order_by("order", "pk"),
            )
        )

    def with_relations(self):
        """Districts, 街道/镇 and bylines read in the same query (``articles/listing.py``)."""
        from ..listing import relation_annotations

        clone = self.annotate(**relation_annotations())
        clone._attach_relations = True
        return clone

    def for_listing(self):
        """What a list of article teasers shows: program, bylines, districts; one query."""
        return self.select_related("program", "installment").with_relations()

    def owned_by(self, user):
        """A user's own articles: those they created or carry their byline (the one rule)."""
        return self.filter(Q(created_by=user) | Q(bylines__reporter__user=user)).distinct()

    def editable_by(self, user):
        """Articles a user may change: all for editors, their own unpublished work for reporters."""
        if user.is_superuser or user.has_perm("articles.publish_article"):
            return self
        return self.owned_by(user).filter(
            status__in=[ArticleStatus.PROOFREADING, ArticleStatus.DRAFT, ArticleStatus.REVIEW]
        )


class Article(models.Model):
    """A story as printed and published; its identity is its id, never its slug or title."""

    kicker = models.CharField(_("引题"), max_length=200, blank=True)
    headline = models.CharField(_("主题"), max_length=200)
    subheadline = models.JSONField(
        _("副题"), default=list, blank=True, help_text=_("每行一条副题。")
    )
    summary = models.TextField(_("摘要"), blank=True)
    body = models.JSONField(
        _("正文"),
        default=list,
        blank=True,
        validators=[validate_blocks],
        help_text=_("按顺序排列的段落、小标题、图片说明和图片。"),
    )
    kind = models.CharField(
        _("体裁"), max_length=20, choices=ArticleKind.choices, default=ArticleKind.NEWS
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    published_at = models.DateTimeField(
        _("发布时间"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("填写将来的时间即为定时发布，到点自动公开。"),
    )
    embargo_until = models.DateTimeField(
        _("禁发至"),
        null=True,
        blank=True,
        help_text=_("在此时间之前，即使按了发布也不会公开。只有编辑可以设定或取消。"),
    )
    expires_at = models.DateTimeField(
        _("下线时间"),
        null=True,
        blank=True,
        help_text=_("到点自动从网站撤下，原网址显示“本文已撤回”。"),
    )
    proofread_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("校对人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    proofread_at = models.DateTimeField(_("校对时间"), null=True, blank=True, editable=False)
    slug = models.SlugField(_("网址装饰"), max_length=120, blank=True, allow_unicode=False)

    districts = models.ManyToManyField(
        District, verbose_name=_("区"), blank=True, related_name="articles"
    )
    subdistricts = models.ManyToManyField(
        Subdistrict, verbose_name=_("街道/镇"), blank=True, related_name="articles"
    )
    program = models.ForeignKey(
        Program,
        verbose_name=_("专题"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    installment = models.ForeignKey(
        ProgramInstallment,
        verbose_name=_("专题分辑"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    tags = TaggableManager(verbose_name=_("标签"), blank=True)
    reporters = models.ManyToManyField(
        Reporter, through="Byline", verbose_name=_("署名"), related_name="articles", blank=True
    )
    people = models.ManyToManyField(
        Person,
        through="ArticleMention",
        verbose_name=_("提及人物"),
        related_name="articles",
        blank=True,
    )

    # Print provenance: which page file, where on it, and the OCR text as it came.
    source_document = models.ForeignKey(
        SourceDocument,
        verbose_name=_("来源版面"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    source_version = models.ForeignKey(
        SourceVersion,
        verbose_name=_("载入自版本"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="articles",
        help_text=_("这篇稿件最近一次载入所用的来源版本。"),
    )
    source_position = models.PositiveSmallIntegerField(
        _("版面内序号"), null=True, blank=True, help_text=_("在来源版面中的顺序，从 0 开始。")
    )
    source_text = models.TextField(_("OCR 原文"), blank=True)
    source_checksum = models.CharField(
        _("载入时内容校验"),
        max_length=64,
        blank=True,
        help_text=_("载入时内容的摘要；与当前内容不同说明编辑改过，重新载入时不覆盖。"),
    )
    print_date = models.DateField(_("见报日期"), null=True, blank=True, db_index=True)
    print_page = models.CharField(_("版次"), max_length=10, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # Bumped on every save; a form that saves an older version is refused (no lost update).
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("稿件")
        verbose_name_plural = _("稿件")
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("publish_article", _("可以发布和撤回稿件")),
            ("submit_article", _("可以提交稿件审核")),
            ("proofread_article", _("可以标记 OCR 稿件已校对")),
        ]
        indexes = [
            # Newest first within a status: the search's body-only walk (docs/search.md).
            models.Index(fields=["status", "-published_at"], name="article_status_published_idx"),
            # Covers the readers' rule (published_q) and MAX(updated_at): lists' counts and the
            # sitemaps' latest change read the index alone, never the wide rows (body first).
            models.Index(
                fields=["status", "-published_at", "embargo_until", "expires_at", "updated_at"],
                name="article_public_covering_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values), name="article_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ArticleKind.values), name="article_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[ArticleStatus.PUBLISHED, ArticleStatus.WITHDRAWN])
                | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True)
                | Q(embargo_until__isnull=True)
                | Q(expires_at__gt=F("embargo_until")),
                name="article_expires_after_embargo",
            ),
            models.CheckConstraint(
                condition=Q(installment__isnull=True) | Q(program__isnull=False),
                name="article_installment_needs_program",
            ),
            models.CheckConstraint(
                condition=Q(source_document__isnull=True, source_position__isnull=True)
                | Q(source_document__isnull=False, source_position__isnull=False),
                name="article_source_position_with_document",
            ),
            models.UniqueConstraint(
                fields=["source_document", "source_position"],
                condition=Q(source_document__isnull=False),
                name="article_unique_source_position",
            ),
        ]

    def __str__(self) -> str:
        return self.full_title

    def get_absolute_url(self) -> str:
        day = timezone.localtime(self.published_at or self.created_at or timezone.now()).date()
        return reverse(
            "articles:detail",
            kwargs={
                "year": day.year,
                "month": f"{day.month:02d}",
                "day": f"{day:%d}",
                "pk": self.pk,
            },
        )

    @property
    def full_title(self) -> str:
        """Kicker, headline and subheadlines as one line, for lists and the admin."""
        return " ".join(part for part in [self.kicker, self.headline, *self.subheadline] if part)

    def is_embargoed(self, *, at=None) -> bool:
        return self.embargo_until is not None and self.embargo_until > (at or timezone.now())

    def is_expired(self, *, at=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (at or timezone.now())

    @property
    def is_public(self) -> bool:
        """The readers' rule (`published_q`) for one loaded article."""
        now = timezone.now()
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and not self.is_embargoed(at=now)
            and not self.is_expired(at=now)
        )

    @property
    def is_scheduled(self) -> bool:
        """Published, but its publish time or its embargo has not come yet."""
        now = timezone.now()
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.published_at is not None
            and (self.published_at > now or self.is_embargoed(at=now))
            and not self.is_expired(at=now)
        )

    @property
    def is_proofread(self) -> bool:
        return self.proofread_at is not None

    @property
    def body_text(self) -> str:
        """Paragraphs and subheads as plain text, for search and descriptions."""
        return blocks_plain_text(self.body)
