"""Pages a Latin query names in pinyin: `hongkou` → 虹口区, `yuanwei` → 袁玮.

Full-text results stay exact substring matches; these are offered beside them, so a reader who
types a place or a reporter in pinyin still reaches the right page.
"""

import re
from dataclasses import dataclass

from people.models import Reporter

from ..models import District, FormerDistrictName, Program, Subdistrict

_PINYIN_WORD = re.compile(r"^[a-z]{2,40}$")
# Suffixes readers may type after a place name: hongkouqu, jiaxinglujiedao, qibaozhen.
_PLACE_SUFFIXES = ("xinqu", "qu", "jiedao", "zhen", "xiang")


@dataclass(frozen=True)
class NamedPage:
    """A page whose name the query spells in pinyin."""

    label: str
    url: str


def pinyin_key(query: str) -> str:
    """The query as one lowercase word without spaces, hyphens or apostrophes; '' if not pinyin."""
    word = re.sub(r"[\s'’\-]+", "", query or "").lower()
    return word if _PINYIN_WORD.match(word) else ""


def pages_named(query: str) -> list[NamedPage]:
    """District, 街道/镇, program and reporter pages whose pinyin slug the query spells."""
    word = pinyin_key(query)
    if not word:
        return []
    stems = {word} | {word.removesuffix(s) for s in _PLACE_SUFFIXES if word.endswith(s)}
    pages = [
        NamedPage(d.name, d.get_absolute_url()) for d in District.objects.filter(slug__in=stems)
    ]
    for former in FormerDistrictName.objects.filter(slug__in=stems).select_related("district"):
        pages.append(
            NamedPage(
                f"{former.name}（今{former.district.name}）", former.district.get_absolute_url()
            )
        )
    for sub in Subdistrict.objects.filter(slug__in=stems).select_related("district"):
        pages.append(NamedPage(f"{sub.district.name}{sub.name}", sub.district.get_absolute_url()))
    pages += [NamedPage(p.name, p.get_absolute_url()) for p in Program.objects.filter(slug=word)]
    pages += [
        NamedPage(f"记者 {r.name}", r.get_absolute_url())
        for r in Reporter.objects.filter(slug=word, is_active=True)
    ]
    return pages
