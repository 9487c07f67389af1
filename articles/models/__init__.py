"""The articles app's models, one module per concern."""

from .article import (
    Article,
    ArticleKind,
    ArticleQuerySet,
    ArticleStatus,
    expired_q,
    gone_q,
    published_q,
    scheduled_q,
)
from .autosave import ArticleAutosave, AutosaveQuerySet
from .credits import ArticleMention, Byline, BylinePosition
from .curation import TOP_SLOTS, FrontPagePin
from .geography import District, FormerDistrictName, Subdistrict, SubdistrictKind
from .history import ArticleRevisionTags
from .media import Correction, Photo
from .presence import ArticlePresence
from .previews import PreviewAccess, PreviewShare
from .programs import Program, ProgramInstallment
from .review import ArticleTransition, EditorialComment, TransitionAction
from .runs import LoaderRun, TaskRun
from .sources import SourceDocument, SourceVersion
from .tokens import ApiToken

__all__ = [
    "expired_q",
    "gone_q",
    "published_q",
    "scheduled_q",
    "ApiToken",
    "Article",
    "ArticleAutosave",
    "ArticleKind",
    "ArticleMention",
    "ArticlePresence",
    "ArticleQuerySet",
    "ArticleRevisionTags",
    "ArticleStatus",
    "ArticleTransition",
    "AutosaveQuerySet",
    "Byline",
    "BylinePosition",
    "Correction",
    "District",
    "EditorialComment",
    "FormerDistrictName",
    "FrontPagePin",
    "LoaderRun",
    "Photo",
    "PreviewAccess",
    "PreviewShare",
    "Program",
    "ProgramInstallment",
    "SourceDocument",
    "SourceVersion",
    "Subdistrict",
    "SubdistrictKind",
    "TaskRun",
    "TOP_SLOTS",
    "TransitionAction",
]
