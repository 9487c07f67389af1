"""The articles app's models, one module per concern."""

from .article import Article, ArticleKind, ArticleQuerySet, ArticleStatus, published_q
from .credits import ArticleMention, Byline, BylinePosition
from .geography import District, FormerDistrictName, Subdistrict, SubdistrictKind
from .history import ArticleRevisionTags
from .media import Correction, Photo
from .previews import PreviewAccess, PreviewShare
from .programs import Program, ProgramInstallment
from .runs import LoaderRun
from .sources import SourceDocument, SourceVersion

__all__ = [
    "published_q",
    "Article",
    "ArticleKind",
    "ArticleMention",
    "ArticleQuerySet",
    "ArticleRevisionTags",
    "ArticleStatus",
    "Byline",
    "BylinePosition",
    "Correction",
    "District",
    "FormerDistrictName",
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
]
